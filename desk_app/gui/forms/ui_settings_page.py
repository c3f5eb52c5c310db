"""Form SettingsPage, generated from ui/settings_page.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout, QWidget

class Ui_SettingsPage(object):
    def setupUi(self, settingsPage: QWidget) -> None:
        if not settingsPage.objectName():
            settingsPage.setObjectName(u"settingsPage")
        self.layout = QVBoxLayout(settingsPage)
        self.layout.setObjectName(u"layout")
        self.unitBox = QGroupBox(settingsPage)
        self.unitBox.setObjectName(u"unitBox")
        self.unitForm = QFormLayout(self.unitBox)
        self.unitForm.setObjectName(u"unitForm")
        self.unitNameLabel = QLabel(self.unitBox)
        self.unitNameLabel.setObjectName(u"unitNameLabel")

        self.unitForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.unitNameLabel)

        self.unitName = QLineEdit(self.unitBox)
        self.unitName.setObjectName(u"unitName")

        self.unitForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.unitName)

        self.agencyCodeLabel = QLabel(self.unitBox)
        self.agencyCodeLabel.setObjectName(u"agencyCodeLabel")

        self.unitForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.agencyCodeLabel)

        self.agencyCode = QLineEdit(self.unitBox)
        self.agencyCode.setObjectName(u"agencyCode")

        self.unitForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.agencyCode)

        self.provinceLabel = QLabel(self.unitBox)
        self.provinceLabel.setObjectName(u"provinceLabel")

        self.unitForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.provinceLabel)

        self.province = QLineEdit(self.unitBox)
        self.province.setObjectName(u"province")

        self.unitForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.province)

        self.addressLabel = QLabel(self.unitBox)
        self.addressLabel.setObjectName(u"addressLabel")

        self.unitForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.address = QLineEdit(self.unitBox)
        self.address.setObjectName(u"address")

        self.unitForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.address)

        self.phoneLabel = QLabel(self.unitBox)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.unitForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(self.unitBox)
        self.phone.setObjectName(u"phone")

        self.unitForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phone)


        self.layout.addWidget(self.unitBox)

        self.pcBox = QGroupBox(settingsPage)
        self.pcBox.setObjectName(u"pcBox")
        self.pcForm = QFormLayout(self.pcBox)
        self.pcForm.setObjectName(u"pcForm")
        self.counterLabel = QLabel(self.pcBox)
        self.counterLabel.setObjectName(u"counterLabel")

        self.pcForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.counterLabel)

        self.counterNumber = QSpinBox(self.pcBox)
        self.counterNumber.setObjectName(u"counterNumber")
        self.counterNumber.setMinimum(1)

        self.pcForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.counterNumber)

        self.paperLabel = QLabel(self.pcBox)
        self.paperLabel.setObjectName(u"paperLabel")

        self.pcForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.paperLabel)

        self.paperSize = QComboBox(self.pcBox)
        self.paperSize.addItem(u"A4")
        self.paperSize.addItem(u"A5")
        self.paperSize.setObjectName(u"paperSize")

        self.pcForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.paperSize)

        self.lookupUrlLabel = QLabel(self.pcBox)
        self.lookupUrlLabel.setObjectName(u"lookupUrlLabel")

        self.pcForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.lookupUrlLabel)

        self.lookupUrl = QLineEdit(self.pcBox)
        self.lookupUrl.setObjectName(u"lookupUrl")

        self.pcForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.lookupUrl)

        self.hotlineLabel = QLabel(self.pcBox)
        self.hotlineLabel.setObjectName(u"hotlineLabel")

        self.pcForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.hotlineLabel)

        self.hotline = QLineEdit(self.pcBox)
        self.hotline.setObjectName(u"hotline")

        self.pcForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.hotline)

        self.dueSoonLabel = QLabel(self.pcBox)
        self.dueSoonLabel.setObjectName(u"dueSoonLabel")

        self.pcForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.dueSoonLabel)

        self.dueSoonDays = QSpinBox(self.pcBox)
        self.dueSoonDays.setObjectName(u"dueSoonDays")
        self.dueSoonDays.setMaximum(30)

        self.pcForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.dueSoonDays)

        self.printerLabel = QLabel(self.pcBox)
        self.printerLabel.setObjectName(u"printerLabel")

        self.pcForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.printerLabel)

        self.printer = QLabel(self.pcBox)
        self.printer.setObjectName(u"printer")
        self.printer.setWordWrap(True)

        self.pcForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.printer)

        self.idleLockLabel = QLabel(self.pcBox)
        self.idleLockLabel.setObjectName(u"idleLockLabel")

        self.pcForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.idleLockLabel)

        self.idleLockMinutes = QSpinBox(self.pcBox)
        self.idleLockMinutes.setObjectName(u"idleLockMinutes")
        self.idleLockMinutes.setMaximum(240)

        self.pcForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.idleLockMinutes)

        self.backupSecondLabel = QLabel(self.pcBox)
        self.backupSecondLabel.setObjectName(u"backupSecondLabel")

        self.pcForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.backupSecondLabel)

        self.backupSecondPath = QLineEdit(self.pcBox)
        self.backupSecondPath.setObjectName(u"backupSecondPath")

        self.pcForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.backupSecondPath)

        self.fontSizeLabel = QLabel(self.pcBox)
        self.fontSizeLabel.setObjectName(u"fontSizeLabel")

        self.pcForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.fontSizeLabel)

        self.fontSize = QComboBox(self.pcBox)
        self.fontSize.addItem("")
        self.fontSize.addItem("")
        self.fontSize.addItem("")
        self.fontSize.setObjectName(u"fontSize")

        self.pcForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.fontSize)


        self.layout.addWidget(self.pcBox)

        self.dataBox = QGroupBox(settingsPage)
        self.dataBox.setObjectName(u"dataBox")
        self.dataForm = QFormLayout(self.dataBox)
        self.dataForm.setObjectName(u"dataForm")
        self.dataDirLabel = QLabel(self.dataBox)
        self.dataDirLabel.setObjectName(u"dataDirLabel")

        self.dataForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dataDirLabel)

        self.dirRow = QHBoxLayout()
        self.dirRow.setObjectName(u"dirRow")
        self.dataDir = QLineEdit(self.dataBox)
        self.dataDir.setObjectName(u"dataDir")
        self.dataDir.setReadOnly(True)

        self.dirRow.addWidget(self.dataDir)

        self.openDirButton = QPushButton(self.dataBox)
        self.openDirButton.setObjectName(u"openDirButton")

        self.dirRow.addWidget(self.openDirButton)

        self.dirRow.setStretch(0, 1)

        self.dataForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.dirRow)


        self.layout.addWidget(self.dataBox)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.errorLabel = QLabel(settingsPage)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b00020;")
        self.errorLabel.setWordWrap(True)

        self.buttons.addWidget(self.errorLabel)

        self.formsButton = QPushButton(settingsPage)
        self.formsButton.setObjectName(u"formsButton")

        self.buttons.addWidget(self.formsButton)

        self.revertButton = QPushButton(settingsPage)
        self.revertButton.setObjectName(u"revertButton")

        self.buttons.addWidget(self.revertButton)

        self.saveButton = QPushButton(settingsPage)
        self.saveButton.setObjectName(u"saveButton")

        self.buttons.addWidget(self.saveButton)

        self.buttons.setStretch(0, 1)

        self.layout.addLayout(self.buttons)

        self.bottomSpace = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpace)

        self.layout.setStretch(4, 1)
#if QT_CONFIG(shortcut)
        self.unitNameLabel.setBuddy(self.unitName)
        self.agencyCodeLabel.setBuddy(self.agencyCode)
        self.provinceLabel.setBuddy(self.province)
        self.addressLabel.setBuddy(self.address)
        self.phoneLabel.setBuddy(self.phone)
        self.counterLabel.setBuddy(self.counterNumber)
        self.paperLabel.setBuddy(self.paperSize)
        self.lookupUrlLabel.setBuddy(self.lookupUrl)
        self.hotlineLabel.setBuddy(self.hotline)
        self.dueSoonLabel.setBuddy(self.dueSoonDays)
        self.printerLabel.setBuddy(self.printer)
        self.idleLockLabel.setBuddy(self.idleLockMinutes)
        self.backupSecondLabel.setBuddy(self.backupSecondPath)
        self.fontSizeLabel.setBuddy(self.fontSize)
        self.dataDirLabel.setBuddy(self.dataDir)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(settingsPage)

        QMetaObject.connectSlotsByName(settingsPage)
    # setupUi

    def retranslateUi(self, settingsPage: QWidget) -> None:
        self.unitBox.setTitle(QCoreApplication.translate("SettingsPage", u"Unit", None))
        self.unitNameLabel.setText(QCoreApplication.translate("SettingsPage", u"Unit name", None))
        self.agencyCodeLabel.setText(QCoreApplication.translate("SettingsPage", u"Agency code (QCVN 102:2016)", None))
        self.provinceLabel.setText(QCoreApplication.translate("SettingsPage", u"Province", None))
        self.addressLabel.setText(QCoreApplication.translate("SettingsPage", u"Address", None))
        self.phoneLabel.setText(QCoreApplication.translate("SettingsPage", u"Phone", None))
        self.pcBox.setTitle(QCoreApplication.translate("SettingsPage", u"This PC", None))
        self.counterLabel.setText(QCoreApplication.translate("SettingsPage", u"Counter number", None))
        self.paperLabel.setText(QCoreApplication.translate("SettingsPage", u"Slip paper size", None))

        self.lookupUrlLabel.setText(QCoreApplication.translate("SettingsPage", u"Online lookup address", None))
        self.hotlineLabel.setText(QCoreApplication.translate("SettingsPage", u"Hotline", None))
        self.dueSoonLabel.setText(QCoreApplication.translate("SettingsPage", u"Warn when due within", None))
        self.dueSoonDays.setSuffix(QCoreApplication.translate("SettingsPage", u" working days", None))
        self.printerLabel.setText(QCoreApplication.translate("SettingsPage", u"Default printer", None))
        self.idleLockLabel.setText(QCoreApplication.translate("SettingsPage", u"Lock the screen after", None))
        self.idleLockMinutes.setSpecialValueText(QCoreApplication.translate("SettingsPage", u"Never", None))
        self.idleLockMinutes.setSuffix(QCoreApplication.translate("SettingsPage", u" minutes", None))
        self.backupSecondLabel.setText(QCoreApplication.translate("SettingsPage", u"Second backup place", None))
        self.backupSecondPath.setPlaceholderText(QCoreApplication.translate("SettingsPage", u"e.g. /media/usb/saoluu (optional)", None))
        self.fontSizeLabel.setText(QCoreApplication.translate("SettingsPage", u"Text size", None))
        self.fontSize.setItemText(0, QCoreApplication.translate("SettingsPage", u"Normal (100%)", None))
        self.fontSize.setItemText(1, QCoreApplication.translate("SettingsPage", u"Larger (115%)", None))
        self.fontSize.setItemText(2, QCoreApplication.translate("SettingsPage", u"Largest (130%)", None))

        self.dataBox.setTitle(QCoreApplication.translate("SettingsPage", u"Data", None))
        self.dataDirLabel.setText(QCoreApplication.translate("SettingsPage", u"Data directory", None))
        self.openDirButton.setText(QCoreApplication.translate("SettingsPage", u"Open folder", None))
        self.formsButton.setText(QCoreApplication.translate("SettingsPage", u"Forms and signatures\u2026", None))
        self.revertButton.setText(QCoreApplication.translate("SettingsPage", u"Undo changes", None))
        self.saveButton.setText(QCoreApplication.translate("SettingsPage", u"Save", None))
        pass
    # retranslateUi
