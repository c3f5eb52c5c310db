"""Form AssistHelpForm, generated from ui/assist_help.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QTableWidget, QVBoxLayout, QWidget

class Ui_AssistHelpForm(object):
    def setupUi(self, assistHelpForm: QWidget) -> None:
        if not assistHelpForm.objectName():
            assistHelpForm.setObjectName(u"assistHelpForm")
        self.layout = QVBoxLayout(assistHelpForm)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(assistHelpForm)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setStyleSheet(u"font-weight: bold")

        self.layout.addWidget(self.titleLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.kindLabel = QLabel(assistHelpForm)
        self.kindLabel.setObjectName(u"kindLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindCombo = QComboBox(assistHelpForm)
        self.kindCombo.setObjectName(u"kindCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.outcomeLabel = QLabel(assistHelpForm)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.outcomeLabel)

        self.outcomeCombo = QComboBox(assistHelpForm)
        self.outcomeCombo.setObjectName(u"outcomeCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.outcomeCombo)

        self.reasonLabel = QLabel(assistHelpForm)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonCombo = QComboBox(assistHelpForm)
        self.reasonCombo.setObjectName(u"reasonCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reasonCombo)

        self.nameLabel = QLabel(assistHelpForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(assistHelpForm)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.idLabel = QLabel(assistHelpForm)
        self.idLabel.setObjectName(u"idLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.idLabel)

        self.idEdit = QLineEdit(assistHelpForm)
        self.idEdit.setObjectName(u"idEdit")
        self.idEdit.setMaxLength(15)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.idEdit)

        self.phoneLabel = QLabel(assistHelpForm)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(assistHelpForm)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.procedureLabel = QLabel(assistHelpForm)
        self.procedureLabel.setObjectName(u"procedureLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.procedureLabel)

        self.procedureEdit = QLineEdit(assistHelpForm)
        self.procedureEdit.setObjectName(u"procedureEdit")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.procedureEdit)

        self.dossierLabel = QLabel(assistHelpForm)
        self.dossierLabel.setObjectName(u"dossierLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.dossierLabel)

        self.dossierEdit = QLineEdit(assistHelpForm)
        self.dossierEdit.setObjectName(u"dossierEdit")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.dossierEdit)

        self.minutesLabel = QLabel(assistHelpForm)
        self.minutesLabel.setObjectName(u"minutesLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.minutesLabel)

        self.minutesSpin = QSpinBox(assistHelpForm)
        self.minutesSpin.setObjectName(u"minutesSpin")
        self.minutesSpin.setMaximum(600)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.minutesSpin)

        self.noteLabel = QLabel(assistHelpForm)
        self.noteLabel.setObjectName(u"noteLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QLineEdit(assistHelpForm)
        self.noteEdit.setObjectName(u"noteEdit")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.level2Check = QCheckBox(assistHelpForm)
        self.level2Check.setObjectName(u"level2Check")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.level2Check)

        self.consentCheck = QCheckBox(assistHelpForm)
        self.consentCheck.setObjectName(u"consentCheck")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.consentCheck)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(assistHelpForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b00020")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.saveButton = QPushButton(assistHelpForm)
        self.saveButton.setObjectName(u"saveButton")

        self.buttons.addWidget(self.saveButton)

        self.guideButton = QPushButton(assistHelpForm)
        self.guideButton.setObjectName(u"guideButton")

        self.buttons.addWidget(self.guideButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonSpacer)


        self.layout.addLayout(self.buttons)

        self.todayLabel = QLabel(assistHelpForm)
        self.todayLabel.setObjectName(u"todayLabel")

        self.layout.addWidget(self.todayLabel)

        self.todayTable = QTableWidget(assistHelpForm)
        self.todayTable.setObjectName(u"todayTable")
        self.todayTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.todayTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.layout.addWidget(self.todayTable)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.kindCombo)
        self.outcomeLabel.setBuddy(self.outcomeCombo)
        self.reasonLabel.setBuddy(self.reasonCombo)
        self.nameLabel.setBuddy(self.nameEdit)
        self.idLabel.setBuddy(self.idEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.procedureLabel.setBuddy(self.procedureEdit)
        self.dossierLabel.setBuddy(self.dossierEdit)
        self.minutesLabel.setBuddy(self.minutesSpin)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kindCombo, self.outcomeCombo)
        QWidget.setTabOrder(self.outcomeCombo, self.reasonCombo)
        QWidget.setTabOrder(self.reasonCombo, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.idEdit)
        QWidget.setTabOrder(self.idEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.procedureEdit)
        QWidget.setTabOrder(self.procedureEdit, self.dossierEdit)
        QWidget.setTabOrder(self.dossierEdit, self.minutesSpin)
        QWidget.setTabOrder(self.minutesSpin, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.level2Check)
        QWidget.setTabOrder(self.level2Check, self.consentCheck)
        QWidget.setTabOrder(self.consentCheck, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.guideButton)

        self.retranslateUi(assistHelpForm)

        QMetaObject.connectSlotsByName(assistHelpForm)
    # setupUi

    def retranslateUi(self, assistHelpForm: QWidget) -> None:
        self.titleLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Record a help given to a citizen (F9 saves, F6 prints the guide sheet)", None))
        self.kindLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Kind of help", None))
        self.outcomeLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Outcome", None))
        self.reasonLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Why not done", None))
        self.nameLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Citizen's name", None))
        self.idLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Personal ID (kept masked)", None))
        self.idEdit.setPlaceholderText(QCoreApplication.translate("AssistHelpForm", u"12 digits; only 001******456 is kept", None))
        self.phoneLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Phone", None))
        self.procedureLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Procedure code", None))
        self.dossierLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Dossier code (portal)", None))
        self.minutesLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Minutes spent", None))
        self.noteLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Note", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("AssistHelpForm", u"Never a password, an OTP or a photo", None))
        self.level2Check.setText(QCoreApplication.translate("AssistHelpForm", u"Already had a level-2 VNeID account", None))
        self.consentCheck.setText(QCoreApplication.translate("AssistHelpForm", u"The citizen agrees to be recorded", None))
#if QT_CONFIG(tooltip)
        self.consentCheck.setToolTip(QCoreApplication.translate("AssistHelpForm", u"What is kept: the name, the phone and the masked ID number", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("AssistHelpForm", u"Save (F9)", None))
        self.guideButton.setText(QCoreApplication.translate("AssistHelpForm", u"Guide sheet (F6)", None))
        self.todayLabel.setText(QCoreApplication.translate("AssistHelpForm", u"Helps today", None))
        pass
    # retranslateUi
