"""Form SetupDialog, generated from ui/setup_dialog.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout, QWidget

class Ui_SetupDialog(object):
    def setupUi(self, setupDialog: QDialog) -> None:
        if not setupDialog.objectName():
            setupDialog.setObjectName(u"setupDialog")
        setupDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(setupDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(setupDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.agencyCodeLabel = QLabel(setupDialog)
        self.agencyCodeLabel.setObjectName(u"agencyCodeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.agencyCodeLabel)

        self.agencyCode = QLineEdit(setupDialog)
        self.agencyCode.setObjectName(u"agencyCode")
        self.agencyCode.setPlaceholderText(u"001.05.12.H49")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.agencyCode)

        self.unitNameLabel = QLabel(setupDialog)
        self.unitNameLabel.setObjectName(u"unitNameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.unitNameLabel)

        self.unitName = QLineEdit(setupDialog)
        self.unitName.setObjectName(u"unitName")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.unitName)

        self.provinceLabel = QLabel(setupDialog)
        self.provinceLabel.setObjectName(u"provinceLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.provinceLabel)

        self.province = QLineEdit(setupDialog)
        self.province.setObjectName(u"province")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.province)

        self.counterLabel = QLabel(setupDialog)
        self.counterLabel.setObjectName(u"counterLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.counterLabel)

        self.counter = QSpinBox(setupDialog)
        self.counter.setObjectName(u"counter")
        self.counter.setMinimum(1)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.counter)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(setupDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b00020;")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.buttonSpace = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonSpace)

        self.okButton = QPushButton(setupDialog)
        self.okButton.setObjectName(u"okButton")

        self.buttons.addWidget(self.okButton)

        self.quitButton = QPushButton(setupDialog)
        self.quitButton.setObjectName(u"quitButton")

        self.buttons.addWidget(self.quitButton)


        self.layout.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.agencyCodeLabel.setBuddy(self.agencyCode)
        self.unitNameLabel.setBuddy(self.unitName)
        self.provinceLabel.setBuddy(self.province)
        self.counterLabel.setBuddy(self.counter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.agencyCode, self.unitName)
        QWidget.setTabOrder(self.unitName, self.province)
        QWidget.setTabOrder(self.province, self.counter)
        QWidget.setTabOrder(self.counter, self.okButton)
        QWidget.setTabOrder(self.okButton, self.quitButton)

        self.retranslateUi(setupDialog)

        self.okButton.setDefault(True)


        QMetaObject.connectSlotsByName(setupDialog)
    # setupUi

    def retranslateUi(self, setupDialog: QDialog) -> None:
        setupDialog.setWindowTitle(QCoreApplication.translate("SetupDialog", u"Set up this counter", None))
        self.intro.setText(QCoreApplication.translate("SetupDialog", u"Enter your unit once. You can change it later in Settings.", None))
        self.agencyCodeLabel.setText(QCoreApplication.translate("SetupDialog", u"Agency code (QCVN 102:2016)", None))
        self.unitNameLabel.setText(QCoreApplication.translate("SetupDialog", u"Unit name", None))
        self.unitName.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"e.g. \u1ee6y ban nh\u00e2n d\u00e2n x\u00e3 Gio S\u01a1n", None))
        self.provinceLabel.setText(QCoreApplication.translate("SetupDialog", u"Province", None))
        self.counterLabel.setText(QCoreApplication.translate("SetupDialog", u"Counter number of this PC", None))
        self.okButton.setText(QCoreApplication.translate("SetupDialog", u"Save and start", None))
        self.quitButton.setText(QCoreApplication.translate("SetupDialog", u"Quit", None))
    # retranslateUi
