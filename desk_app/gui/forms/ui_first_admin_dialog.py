"""Form FirstAdminDialog, generated from ui/first_admin_dialog.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

class Ui_FirstAdminDialog(object):
    def setupUi(self, firstAdminDialog: QDialog) -> None:
        if not firstAdminDialog.objectName():
            firstAdminDialog.setObjectName(u"firstAdminDialog")
        self.layout = QVBoxLayout(firstAdminDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(firstAdminDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.adminUserLabel = QLabel(firstAdminDialog)
        self.adminUserLabel.setObjectName(u"adminUserLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.adminUserLabel)

        self.adminUser = QLineEdit(firstAdminDialog)
        self.adminUser.setObjectName(u"adminUser")
        self.adminUser.setText(u"admin")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.adminUser)

        self.adminFullNameLabel = QLabel(firstAdminDialog)
        self.adminFullNameLabel.setObjectName(u"adminFullNameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.adminFullNameLabel)

        self.adminFullName = QLineEdit(firstAdminDialog)
        self.adminFullName.setObjectName(u"adminFullName")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.adminFullName)

        self.adminPasswordLabel = QLabel(firstAdminDialog)
        self.adminPasswordLabel.setObjectName(u"adminPasswordLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.adminPasswordLabel)

        self.adminPassword = QLineEdit(firstAdminDialog)
        self.adminPassword.setObjectName(u"adminPassword")
        self.adminPassword.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.adminPassword)

        self.adminRepeatLabel = QLabel(firstAdminDialog)
        self.adminRepeatLabel.setObjectName(u"adminRepeatLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.adminRepeatLabel)

        self.adminRepeat = QLineEdit(firstAdminDialog)
        self.adminRepeat.setObjectName(u"adminRepeat")
        self.adminRepeat.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.adminRepeat)


        self.layout.addLayout(self.form)

        self.adminError = QLabel(firstAdminDialog)
        self.adminError.setObjectName(u"adminError")
        self.adminError.setStyleSheet(u"color: #b00020")
        self.adminError.setWordWrap(True)

        self.layout.addWidget(self.adminError)

        self.adminCreate = QPushButton(firstAdminDialog)
        self.adminCreate.setObjectName(u"adminCreate")

        self.layout.addWidget(self.adminCreate)

#if QT_CONFIG(shortcut)
        self.adminUserLabel.setBuddy(self.adminUser)
        self.adminFullNameLabel.setBuddy(self.adminFullName)
        self.adminPasswordLabel.setBuddy(self.adminPassword)
        self.adminRepeatLabel.setBuddy(self.adminRepeat)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(firstAdminDialog)

        self.adminCreate.setDefault(True)


        QMetaObject.connectSlotsByName(firstAdminDialog)
    # setupUi

    def retranslateUi(self, firstAdminDialog: QDialog) -> None:
        firstAdminDialog.setWindowTitle(QCoreApplication.translate("FirstAdminDialog", u"Create the admin account", None))
        self.intro.setText(QCoreApplication.translate("FirstAdminDialog", u"No account exists yet. Create the admin account: it adds the clerks' accounts, changes settings and makes backups.", None))
        self.adminUserLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"User name", None))
        self.adminFullNameLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"Full name", None))
        self.adminPasswordLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"Password", None))
        self.adminRepeatLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"Repeat the password", None))
        self.adminCreate.setText(QCoreApplication.translate("FirstAdminDialog", u"Create and sign in", None))
    # retranslateUi
