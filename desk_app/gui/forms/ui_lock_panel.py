"""Form LockPanel, generated from ui/lock_panel.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

class Ui_LockPanel(object):
    def setupUi(self, lockPanel: QWidget) -> None:
        if not lockPanel.objectName():
            lockPanel.setObjectName(u"lockPanel")
        self.layout = QVBoxLayout(lockPanel)
        self.layout.setObjectName(u"layout")
        self.topSpace = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.topSpace)

        self.box = QWidget(lockPanel)
        self.box.setObjectName(u"box")
        self.box.setMaximumSize(QSize(420, 16777215))
        self.boxLayout = QVBoxLayout(self.box)
        self.boxLayout.setObjectName(u"boxLayout")
        self.boxLayout.setContentsMargins(0, 0, 0, 0)
        self.lockTitle = QLabel(self.box)
        self.lockTitle.setObjectName(u"lockTitle")
        self.lockTitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lockTitle.setWordWrap(True)

        self.boxLayout.addWidget(self.lockTitle)


        self.layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignHCenter)

        self.bottomSpace = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpace)

        self.layout.setStretch(0, 1)
        self.layout.setStretch(2, 2)

        self.retranslateUi(lockPanel)

        QMetaObject.connectSlotsByName(lockPanel)
    # setupUi

    def retranslateUi(self, lockPanel: QWidget) -> None:
        self.lockTitle.setText(QCoreApplication.translate("LockPanel", u"The screen is locked. Sign in to continue, or sign in as another clerk.", None))
        pass
    # retranslateUi
