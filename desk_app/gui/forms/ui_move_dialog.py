"""Form MoveDialog, generated from ui/move_dialog.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout

class Ui_MoveDialog(object):
    def setupUi(self, moveDialog: QDialog) -> None:
        if not moveDialog.objectName():
            moveDialog.setObjectName(u"moveDialog")
        self.layout = QVBoxLayout(moveDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(moveDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)

        self.layout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.atLabel = QLabel(moveDialog)
        self.atLabel.setObjectName(u"atLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.atLabel)

        self.atEdit = QDateTimeEdit(moveDialog)
        self.atEdit.setObjectName(u"atEdit")
        self.atEdit.setDisplayFormat(u"HH:mm dd/MM/yyyy")
        self.atEdit.setCalendarPopup(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.atEdit)

        self.toLabel = QLabel(moveDialog)
        self.toLabel.setObjectName(u"toLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.toLabel)

        self.toEdit = QLineEdit(moveDialog)
        self.toEdit.setObjectName(u"toEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.toEdit)

        self.itemsLabel = QLabel(moveDialog)
        self.itemsLabel.setObjectName(u"itemsLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.itemsLabel)

        self.itemsEdit = QPlainTextEdit(moveDialog)
        self.itemsEdit.setObjectName(u"itemsEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.itemsEdit)

        self.newDueLabel = QLabel(moveDialog)
        self.newDueLabel.setObjectName(u"newDueLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.newDueLabel)

        self.newDueEdit = QDateEdit(moveDialog)
        self.newDueEdit.setObjectName(u"newDueEdit")
        self.newDueEdit.setDisplayFormat(u"dd/MM/yyyy")
        self.newDueEdit.setCalendarPopup(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.newDueEdit)

        self.reasonLabel = QLabel(moveDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QLineEdit(moveDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.receiverNameLabel = QLabel(moveDialog)
        self.receiverNameLabel.setObjectName(u"receiverNameLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.receiverNameLabel)

        self.receiverNameEdit = QLineEdit(moveDialog)
        self.receiverNameEdit.setObjectName(u"receiverNameEdit")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.receiverNameEdit)

        self.receiverIdLabel = QLabel(moveDialog)
        self.receiverIdLabel.setObjectName(u"receiverIdLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.receiverIdLabel)

        self.receiverIdEdit = QLineEdit(moveDialog)
        self.receiverIdEdit.setObjectName(u"receiverIdEdit")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.receiverIdEdit)

        self.relationLabel = QLabel(moveDialog)
        self.relationLabel.setObjectName(u"relationLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.relationLabel)

        self.relationCombo = QComboBox(moveDialog)
        self.relationCombo.addItem("")
        self.relationCombo.addItem("")
        self.relationCombo.setObjectName(u"relationCombo")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.relationCombo)

        self.channelLabel = QLabel(moveDialog)
        self.channelLabel.setObjectName(u"channelLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.channelLabel)

        self.channelCombo = QComboBox(moveDialog)
        self.channelCombo.addItem("")
        self.channelCombo.addItem("")
        self.channelCombo.addItem("")
        self.channelCombo.setObjectName(u"channelCombo")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.channelCombo)

        self.ratingLabel = QLabel(moveDialog)
        self.ratingLabel.setObjectName(u"ratingLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.ratingLabel)

        self.ratingCombo = QComboBox(moveDialog)
        self.ratingCombo.addItem("")
        self.ratingCombo.addItem("")
        self.ratingCombo.addItem("")
        self.ratingCombo.addItem("")
        self.ratingCombo.setObjectName(u"ratingCombo")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.ratingCombo)

        self.eResultCheck = QCheckBox(moveDialog)
        self.eResultCheck.setObjectName(u"eResultCheck")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.eResultCheck)


        self.layout.addLayout(self.form)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.buttonSpace = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonSpace)

        self.okButton = QPushButton(moveDialog)
        self.okButton.setObjectName(u"okButton")

        self.buttons.addWidget(self.okButton)

        self.cancelButton = QPushButton(moveDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.buttons.addWidget(self.cancelButton)


        self.layout.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.atLabel.setBuddy(self.atEdit)
        self.toLabel.setBuddy(self.toEdit)
        self.itemsLabel.setBuddy(self.itemsEdit)
        self.newDueLabel.setBuddy(self.newDueEdit)
        self.reasonLabel.setBuddy(self.reasonEdit)
        self.receiverNameLabel.setBuddy(self.receiverNameEdit)
        self.receiverIdLabel.setBuddy(self.receiverIdEdit)
        self.relationLabel.setBuddy(self.relationCombo)
        self.channelLabel.setBuddy(self.channelCombo)
        self.ratingLabel.setBuddy(self.ratingCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(moveDialog)

        self.okButton.setDefault(True)


        QMetaObject.connectSlotsByName(moveDialog)
    # setupUi

    def retranslateUi(self, moveDialog: QDialog) -> None:
        self.atLabel.setText(QCoreApplication.translate("MoveDialog", u"When", None))
        self.toLabel.setText(QCoreApplication.translate("MoveDialog", u"Hand over to", None))
        self.itemsLabel.setText(QCoreApplication.translate("MoveDialog", u"What to supplement", None))
        self.itemsEdit.setPlaceholderText(QCoreApplication.translate("MoveDialog", u"One missing item per line", None))
        self.newDueLabel.setText(QCoreApplication.translate("MoveDialog", u"New due date", None))
        self.reasonLabel.setText(QCoreApplication.translate("MoveDialog", u"Reason", None))
        self.receiverNameLabel.setText(QCoreApplication.translate("MoveDialog", u"Received by", None))
        self.receiverIdLabel.setText(QCoreApplication.translate("MoveDialog", u"ID number", None))
        self.relationLabel.setText(QCoreApplication.translate("MoveDialog", u"Relation", None))
        self.relationCombo.setItemText(0, QCoreApplication.translate("MoveDialog", u"The applicant", None))
        self.relationCombo.setItemText(1, QCoreApplication.translate("MoveDialog", u"An authorised person", None))

        self.channelLabel.setText(QCoreApplication.translate("MoveDialog", u"Returned", None))
        self.channelCombo.setItemText(0, QCoreApplication.translate("MoveDialog", u"At the counter", None))
        self.channelCombo.setItemText(1, QCoreApplication.translate("MoveDialog", u"By post", None))
        self.channelCombo.setItemText(2, QCoreApplication.translate("MoveDialog", u"Online", None))

        self.ratingLabel.setText(QCoreApplication.translate("MoveDialog", u"Rating", None))
        self.ratingCombo.setItemText(0, QCoreApplication.translate("MoveDialog", u"Not asked", None))
        self.ratingCombo.setItemText(1, QCoreApplication.translate("MoveDialog", u"Satisfied", None))
        self.ratingCombo.setItemText(2, QCoreApplication.translate("MoveDialog", u"Neutral", None))
        self.ratingCombo.setItemText(3, QCoreApplication.translate("MoveDialog", u"Dissatisfied", None))

        self.eResultCheck.setText(QCoreApplication.translate("MoveDialog", u"An electronic result exists", None))
        self.okButton.setText(QCoreApplication.translate("MoveDialog", u"Confirm", None))
        self.cancelButton.setText(QCoreApplication.translate("MoveDialog", u"Cancel", None))
        pass
    # retranslateUi
