"""Form LoginForm, generated from ui/login_form.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

class Ui_LoginForm(object):
    def setupUi(self, loginForm: QWidget) -> None:
        if not loginForm.objectName():
            loginForm.setObjectName(u"loginForm")
        self.layout = QVBoxLayout(loginForm)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.usernameLabel = QLabel(loginForm)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.loginUser = QLineEdit(loginForm)
        self.loginUser.setObjectName(u"loginUser")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.loginUser)

        self.passwordLabel = QLabel(loginForm)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.loginPassword = QLineEdit(loginForm)
        self.loginPassword.setObjectName(u"loginPassword")
        self.loginPassword.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.loginPassword)


        self.layout.addLayout(self.form)

        self.loginError = QLabel(loginForm)
        self.loginError.setObjectName(u"loginError")
        self.loginError.setStyleSheet(u"color: #b00020")
        self.loginError.setWordWrap(True)

        self.layout.addWidget(self.loginError)

        self.loginButton = QPushButton(loginForm)
        self.loginButton.setObjectName(u"loginButton")

        self.layout.addWidget(self.loginButton)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.loginUser)
        self.passwordLabel.setBuddy(self.loginPassword)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(loginForm)

        self.loginButton.setDefault(True)


        QMetaObject.connectSlotsByName(loginForm)
    # setupUi

    def retranslateUi(self, loginForm: QWidget) -> None:
        self.usernameLabel.setText(QCoreApplication.translate("LoginForm", u"User name", None))
        self.passwordLabel.setText(QCoreApplication.translate("LoginForm", u"Password", None))
        self.loginButton.setText(QCoreApplication.translate("LoginForm", u"Sign in", None))
        pass
    # retranslateUi
