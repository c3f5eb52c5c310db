"""The accounts page (tài khoản), for admins: add clerks, reset a password, change a role, disable an account.

Accounts are never deleted (the audit trail names them); a disabled account cannot sign in.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import wording
from desk_app.domain.roles import ROLE_LABEL_VI, Role
from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec
from desk_app.gui.screenfit import FlowLayout

ROLE_TITLES = {
    Role.CLERK: QT_TRANSLATE_NOOP("UsersPage", "Clerk"),
    Role.LEADER: QT_TRANSLATE_NOOP("UsersPage", "Leader"),
    Role.ADMIN: QT_TRANSLATE_NOOP("UsersPage", "Admin"),
    Role.POSTAL: QT_TRANSLATE_NOOP("UsersPage", "Post-office staff"),
}


def _role_title(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    try:
        return QCoreApplication.translate("UsersPage", str(ROLE_TITLES[Role(role)]))
    except ValueError:
        return role


class UserDialog(QDialog):
    """Add an account, or set a new password (``username`` given: only the password fields)."""

    def __init__(self, parent: QWidget | None = None, username: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle(
            self.tr("New password for %1").replace("%1", username) if username else self.tr("Add an account")
        )
        self.username = QLineEdit(username)
        self.username.setObjectName("userName")
        self.username.setReadOnly(bool(username))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("userFullName")
        self.role = QComboBox()
        self.role.setObjectName("userRole")
        for role in Role:
            self.role.addItem(_role_title(role.value), role.value)
        self.password = QLineEdit()
        self.password.setObjectName("userPassword")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("userRepeat")
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("userError")
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        if not username:
            form.addRow(self.tr("Full name"), self.full_name)
            form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat the password"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        self.accept()


class UsersPage(QWidget):
    """The list of accounts with their role and state, and the admin's actions on them."""

    changed = Signal()

    COLUMNS = ("username", "full_name", "role", "active", "last_login_at")

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("usersPage")
        self.rows: list[dict[str, Any]] = []
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Full name"),
                self.tr("Role"),
                self.tr("State"),
                self.tr("Last sign-in"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(self.tr("Add an account…"))
        self.add_button.setObjectName("addUser")
        self.password_button = QPushButton(self.tr("Set a new password…"))
        self.password_button.setObjectName("setPassword")
        self.role_box = QComboBox()
        self.role_box.setObjectName("changeRole")
        for role in Role:
            self.role_box.addItem(_role_title(role.value), role.value)
        self.role_button = QPushButton(self.tr("Change the role"))
        self.role_button.setObjectName("applyRole")
        self.active_button = QPushButton(self.tr("Disable / enable"))
        self.active_button.setObjectName("toggleActive")
        self.status = QLabel()
        self.status.setObjectName("usersStatus")
        buttons = FlowLayout()  # wraps on a narrow screen
        for w in (self.add_button, self.password_button, self.role_box, self.role_button, self.active_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.add_button.clicked.connect(self._add_dialog)
        self.password_button.clicked.connect(self._password_dialog)
        self.role_button.clicked.connect(lambda: self.set_role(self.selected(), self.role_box.currentData()))
        self.active_button.clicked.connect(self._toggle_active)
        self.refresh()

    # -- data -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        def work() -> list[dict[str, Any]]:
            from desk_app.services.trust import auth

            return [u.as_dict() for u in auth.list_users(self.ctx.db)]

        self.ctx.runner.run(work, on_success=self._show, parent=self)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [
                row["username"],
                row["full_name"],
                _role_title(row["role"]),
                self.tr("active") if row["active"] else self.tr("disabled"),
                wording.when(row["last_login_at"]),  # HH:mm dd/MM/yyyy, never ISO
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.changed.emit()

    def selected(self) -> str:
        row = self.table.currentRow()
        return self.rows[row]["username"] if 0 <= row < len(self.rows) else ""

    def select(self, username: str) -> None:
        for r, row in enumerate(self.rows):
            if row["username"] == username:
                self.table.selectRow(r)

    def _run(self, work: Any, done_text: str) -> None:
        def done(_result: Any) -> None:
            self.status.setText(done_text)
            self.refresh()

        self.ctx.runner.run(work, on_success=done, parent=self)

    # -- actions (each one service call; errors shown by the context) ---------------------------------
    def add_user(self, username: str, full_name: str, role: str, password: str) -> None:
        from desk_app.services.trust import auth

        self._run(
            lambda: auth.create_user(self.ctx.db, username, full_name, role, password, actor=self.ctx.user),
            self.tr("Account %1 created.").replace("%1", username),
        )

    def set_password(self, username: str, password: str) -> None:
        from desk_app.services.trust import auth

        self._run(
            lambda: auth.change_password(self.ctx.db, username, password, actor=self.ctx.user),
            self.tr("Password of %1 changed.").replace("%1", username),
        )

    def set_role(self, username: str, role: str) -> None:
        from desk_app.services.trust import auth

        if username:
            self._run(
                lambda: auth.set_role(self.ctx.db, username, role, actor=self.ctx.user),
                self.tr("Role of %1 changed.").replace("%1", username),
            )

    def set_active(self, username: str, active: bool) -> None:
        from desk_app.services.trust import auth

        if username:
            self._run(
                lambda: auth.set_active(self.ctx.db, username, active, actor=self.ctx.user),
                (self.tr("Account %1 enabled.") if active else self.tr("Account %1 disabled.")).replace(
                    "%1", username
                ),
            )

    def _toggle_active(self) -> None:
        name = self.selected()
        row = next((r for r in self.rows if r["username"] == name), None)
        if row is not None:
            self.set_active(name, not row["active"])

    def _add_dialog(self) -> None:
        dialog = UserDialog(self)
        dialog.accepted.connect(
            lambda: self.add_user(
                dialog.username.text(),
                dialog.full_name.text(),
                dialog.role.currentData(),
                dialog.password.text(),
            )
        )
        dialog.open()
        self.dialog = dialog

    def _password_dialog(self) -> None:
        name = self.selected()
        if not name:
            return
        dialog = UserDialog(self, username=name)
        dialog.accepted.connect(lambda: self.set_password(name, dialog.password.text()))
        dialog.open()
        self.dialog = dialog


def page_spec() -> PageSpec:
    return PageSpec(
        key="users",
        title=str(QT_TRANSLATE_NOOP("Pages", "Accounts")),
        order=850,
        icon="users.svg",
        factory=UsersPage,
        permission="users",
    )


__all__ = ["ROLE_LABEL_VI", "UserDialog", "UsersPage", "page_spec"]
