"""Form LoginDialog, generated from ui/login_dialog.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QDialog, QVBoxLayout

class Ui_LoginDialog(object):
    def setupUi(self, loginDialog: QDialog) -> None:
        if not loginDialog.objectName():
            loginDialog.setObjectName(u"loginDialog")
        self.layout = QVBoxLayout(loginDialog)
        self.layout.setObjectName(u"layout")

        self.retranslateUi(loginDialog)

        QMetaObject.connectSlotsByName(loginDialog)
    # setupUi

    def retranslateUi(self, loginDialog: QDialog) -> None:
        loginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"Sign in", None))
    # retranslateUi
