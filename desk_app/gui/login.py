"""Signing in (đăng nhập), the idle screen lock, and the quick clerk switch at the counter.

How the app uses it (desk_app.gui.app)::

    session = login.start_session(data_dir, opener, exit_when_ready=...)   # None: cancelled -> quit
    ctx = GuiContext(db, data_dir, user=session.username, ...)
    session.attach(ctx)                # ctx.user and ctx.permission_check follow the signed-in account
    window = MainWindow(ctx, ...)      # shows only the pages the role may use
    session.install(window)            # idle lock, Ctrl+L lock / switch clerk, daily automatic backup
    ...app.exec()...
    session.finish(db)                 # the on-exit backup

No account yet: the first start asks for an admin (FirstAdminDialog). The password check (argon2, ~0.2 s)
and the database work run on the background runner, never on the GUI thread.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QBoxLayout, QDialog, QLabel, QMainWindow, QWidget

from desk_app import paths
from desk_app.domain import roles
from desk_app.domain.errors import UserError
from desk_app.gui import uiload
from desk_app.gui.runner import Runner

# Each form's compiled module (desk_app.gui.forms) is imported where the form is built, not here: the script
# sign-in and the first paint never wait on forms they do not show.

log = logging.getLogger(__name__)

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        from desk_app.gui.language import current_language

        return exc.message if current_language() == "en" else exc.vi
    log.error("sign-in failed", exc_info=exc)
    return QApplication.translate("LoginForm", "Something went wrong; please try again.")


class LoginForm(QWidget):
    """User name, password, a sign-in button and the reason of a refusal (lockout, wrong password).

    The widgets come from ui/login_form.ui.
    """

    authenticated = Signal(object)  # services.auth.UserInfo

    def __init__(
        self,
        db_provider: Callable[[], Any],
        runner: Runner,
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_provider = db_provider
        self._runner = runner
        from desk_app.gui.forms.ui_login_form import Ui_LoginForm

        self.ui = uiload.setup(self, Ui_LoginForm)
        self.username = self.ui.loginUser
        self.username.setText(username)
        self.password = self.ui.loginPassword
        self.error = self.ui.loginError
        self.button = self.ui.loginButton
        self.button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.busy = False

    def focus(self) -> None:
        (self.password if self.username.text() else self.username).setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        name, secret = self.username.text(), self.password.text()
        if not name or not secret:
            self.error.setText(self.tr("Type your user name and password."))
            return
        self.busy = True
        self.button.setEnabled(False)
        self.error.setText(self.tr("Checking…"))

        def work() -> Any:
            from desk_app.services.trust import auth

            return auth.authenticate(self._db_provider(), name, secret)

        self._runner.run(work, on_success=self._done, on_error=self._failed, parent=self)

    def _done(self, info: Any) -> None:
        self.busy = False
        self.button.setEnabled(True)
        self.password.clear()
        self.error.clear()
        self.authenticated.emit(info)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.error.setText(_error_text(exc))


class LoginDialog(QDialog):
    """The sign-in window shown before the main window (ui/login_dialog.ui around a LoginForm)."""

    def __init__(
        self,
        db_provider: Callable[[], Any],
        runner: Runner | None = None,
        unit_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from desk_app.gui.forms.ui_login_dialog import Ui_LoginDialog

        self.ui = uiload.setup(self, Ui_LoginDialog)
        if unit_name:
            self.setWindowTitle(f"{self.windowTitle()} – {unit_name}")
        self.runner = runner or Runner()
        self.identity: Any = None
        self.form = LoginForm(db_provider, self.runner, parent=self)
        self.ui.layout.addWidget(self.form)
        self.form.authenticated.connect(self._accept)
        self.form.focus()
        self.runner.run(
            _last_user, db_provider, on_success=self._remember, on_error=lambda _e: None, parent=self
        )

    def _remember(self, username: str) -> None:
        """Fill in whoever signed in last on this PC, unless something was typed meanwhile."""
        if username and not self.form.username.text():
            self.form.username.setText(username)
            self.form.focus()

    def _accept(self, info: Any) -> None:
        self.identity = info
        self.accept()


def _last_user(db_provider: Callable[[], Any]) -> str:
    """Worker: the active account that signed in last on this PC ("" when none has)."""
    from desk_app.services.trust import auth

    signed_in = [
        (u.last_login_at, u.username) for u in auth.list_users(db_provider()) if u.active and u.last_login_at
    ]
    return max(signed_in)[1] if signed_in else ""


class FirstAdminDialog(QDialog):
    """The first start: create the admin account (quản trị viên) that manages the others.

    The widgets come from ui/first_admin_dialog.ui.
    """

    def __init__(
        self, db_provider: Callable[[], Any], runner: Runner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db_provider = db_provider
        self.runner = runner or Runner()
        self.identity: Any = None
        from desk_app.gui.forms.ui_first_admin_dialog import Ui_FirstAdminDialog

        self.ui = uiload.setup(self, Ui_FirstAdminDialog)
        self.username = self.ui.adminUser
        self.full_name = self.ui.adminFullName
        self.password = self.ui.adminPassword
        self.repeat = self.ui.adminRepeat
        self.error = self.ui.adminError
        self.button = self.ui.adminCreate
        self.button.clicked.connect(self.submit)
        from desk_app.services.trust.auth import MIN_PASSWORD

        self.min_password = MIN_PASSWORD
        # The rule is visible before the first try, and says when it is met.
        self.rule = QLabel(
            self.tr("The password needs at least %1 characters.").replace("%1", str(MIN_PASSWORD))
        )
        self.rule.setObjectName("adminRule")
        self.rule.setWordWrap(True)
        layout = self.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(max(0, layout.indexOf(self.error)), self.rule)
        self.password.textChanged.connect(self._check_rule)
        self.repeat.textChanged.connect(self._check_rule)

    def _check_rule(self) -> None:
        secret, again = self.password.text(), self.repeat.text()
        long_enough = len(secret) >= self.min_password
        if not long_enough:
            text = self.tr("The password needs at least %1 characters.").replace("%1", str(self.min_password))
        elif again and again != secret:
            text = self.tr("The two passwords differ.")
        else:
            text = self.tr("✓ The password meets the rule.")
        self.rule.setText(text)
        if long_enough and (not again or again == secret):
            self.error.clear()

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        name, full, secret = self.username.text(), self.full_name.text(), self.password.text()
        self.button.setEnabled(False)

        def work() -> Any:
            from desk_app.services.trust import auth

            db = self._db_provider()
            auth.create_user(db, name, full or name, "admin", secret, actor=auth.normalise_username(name))
            return auth.authenticate(db, name, secret)

        self.runner.run(work, on_success=self._done, on_error=self._failed, parent=self)

    def _done(self, info: Any) -> None:
        self.identity = info
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.error.setText(_error_text(exc))


class LockPanel(QWidget):
    """What the window shows while locked: nothing of the data, only the sign-in form (ui/lock_panel.ui)."""

    def __init__(self, form: LoginForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desk_app.gui.forms.ui_lock_panel import Ui_LockPanel

        self.ui = uiload.setup(self, Ui_LockPanel)
        self.ui.boxLayout.addWidget(form)
        self.form = form


class Session(QObject):
    """The signed-in account of this window: permissions, idle lock, quick switch, automatic backups."""

    locked = Signal()
    unlocked = Signal()
    userChanged = Signal(str)

    def __init__(
        self, identity: Any, *, idle_minutes: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.identity = identity
        self.idle_minutes = idle_minutes
        self._clock = clock
        self._last_input = clock()
        self.ctx: Any = None
        self.window: QMainWindow | None = None
        self.is_locked = False
        self._reading = False
        self._saved_central: QWidget | None = None
        self._disabled_actions: list[QAction] = []
        self.lock_panel: LockPanel | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.timeout.connect(self.check_idle)
        self.backup_timer = QTimer(self)
        self.backup_timer.timeout.connect(self.backup_if_due)

    @property
    def username(self) -> str:
        return str(self.identity.username)

    @property
    def role(self) -> str:
        return str(self.identity.role)

    def can(self, permission: str) -> bool:
        return roles.can(self.role, permission)

    def attach(self, ctx: Any) -> None:
        """Make ``ctx`` act for this account: ``ctx.user`` for the audit trail, ``ctx.can`` for pages."""
        self.ctx = ctx
        ctx.user = self.username
        ctx.full_name = self.identity.full_name or self.username  # what screens greet the clerk with
        ctx.permission_check = self.can

    def install(self, window: QMainWindow) -> None:
        """Start the idle lock and the daily backup check; add Ctrl+L (lock / switch clerk) to ``window``."""
        self.window = window
        self.lock_action = QAction(self.tr("Lock / switch clerk"), window)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(lambda: self.lock(switch=True))
        window.addAction(self.lock_action)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        # Nothing touches the database at start-up: the first check reads the setting, 15 s later.
        self.idle_timer.start(15_000)
        self.backup_timer.start(3_600_000)
        QTimer.singleShot(120_000, self, self.backup_if_due)  # the day's first backup, once the app settled
        self._show_user()

    def _read_idle_minutes(self) -> float:
        from desk_app.services.setup import settings

        return settings.idle_lock_minutes(self.ctx.db)

    def _set_idle_minutes(self, minutes: float) -> None:
        self.idle_minutes = minutes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        return False

    def check_idle(self) -> None:
        """Lock when no key or mouse input came for ``idle_minutes`` (0 or None: never)."""
        if self.idle_minutes is None:
            if self.ctx is not None and not self._reading:
                self._reading = True
                self.ctx.runner.run(
                    self._read_idle_minutes, on_success=self._set_idle_minutes, parent=self.window
                )
            return
        if self.is_locked or not self.idle_minutes or self.window is None:
            return
        if self._clock() - self._last_input >= self.idle_minutes * 60:
            self.lock()

    def lock(self, *, switch: bool = False) -> None:
        """Hide the data behind the sign-in form; ``switch`` leaves the user name empty for another clerk."""
        if self.is_locked or self.window is None or self.ctx is None:
            return
        self.is_locked = True
        self._saved_central = self.window.takeCentralWidget()
        form = LoginForm(lambda: self.ctx.db, self.ctx.runner, "" if switch else self.username)
        form.authenticated.connect(self._unlock)
        self.lock_panel = LockPanel(form)
        self.window.setCentralWidget(self.lock_panel)
        self.window.menuBar().setEnabled(False)
        self._disabled_actions = [a for a in self.window.actions() if a.isEnabled()]
        for action in self._disabled_actions:
            action.setEnabled(False)
        form.focus()
        self.locked.emit()

    def _unlock(self, info: Any) -> None:
        assert self.window is not None
        changed = info.username != self.username
        role_changed = info.role != self.role
        self.identity = info
        if self.ctx is not None:
            self.attach(self.ctx)
        if self._saved_central is not None:
            self.window.setCentralWidget(self._saved_central)  # deletes the lock panel
            # A re-parented widget is shown only by a queued call of the layout: show it now, so the data is
            # back the moment the sign-in is accepted (and a test or a screen reader sees it at once).
            self._saved_central.show()
        self._saved_central = None
        self.lock_panel = None
        self.window.menuBar().setEnabled(True)
        for action in self._disabled_actions:
            action.setEnabled(True)
        self._disabled_actions = []
        self.is_locked = False
        self._last_input = self._clock()
        if role_changed:
            apply_permissions(self.window)
        self._show_user()
        self.unlocked.emit()
        if changed:
            self.userChanged.emit(self.username)

    def _show_user(self) -> None:
        label = getattr(self.window, "user_label", None)
        if isinstance(label, QLabel):
            label.setText(f"{self.identity.full_name or self.username} ({self.username})")

    def backup_if_due(self) -> None:
        """The daily automatic backup, in the background, when none was made today."""
        if self.ctx is None:
            return

        def work() -> Any:
            from desk_app.services.trust import backup

            db = self.ctx.db
            return (
                backup.auto_backup(db, reason="daily", actor=self.username) if backup.backup_due(db) else None
            )

        self.ctx.runner.run(
            work,
            on_success=lambda _r: None,
            on_error=lambda exc: log.warning("automatic backup failed: %s", exc),
            parent=self.window,
        )

    def finish(self, db: Any) -> None:
        """The on-exit backup (after the window closed). A failure is logged, never blocks quitting."""
        self.idle_timer.stop()
        self.backup_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if db is None:
            return
        try:
            from desk_app.services.trust import backup

            backup.auto_backup(db, reason="exit", actor=self.username)
        except Exception:
            log.exception("on-exit backup failed")


def apply_permissions(window: Any) -> None:
    """After a switch to a clerk of another role: drop the pages they may not use, add those they may."""
    hook = getattr(window, "apply_permissions", None)
    if callable(hook):
        hook()
        return
    from desk_app.gui.pages import PAGE_MODULES

    ctx = window.ctx
    window.nav.blockSignals(True)
    for spec in [s for s in window.specs if not ctx.can(s.permission)]:
        row = window.specs.index(spec)
        window.specs.pop(row)
        window.nav.takeItem(row)
        widget = window.stack.widget(row)
        window.stack.removeWidget(widget)
        widget.deleteLater()
        window._pages.pop(spec.key, None)
    window._renumber()
    window.nav.blockSignals(False)
    for name in PAGE_MODULES:
        window._load_module(name)
    if window.specs:
        window.show_page(window.specs[0].key)


def _env_identity(db_provider: Callable[[], Any]) -> Any:
    """``desk-app gui --exit-when-ready`` (scripts, benchmarks): credentials from the environment, checked and
    counted by the same service as every sign-in (services.trust.auth.identify: lockout included)."""
    from desk_app.services.trust import auth

    user, password = os.environ.get("DESK_APP_USER", ""), os.environ.get("DESK_APP_PASSWORD", "")
    if not user or not password:
        raise auth.AuthError(
            "authentication required: set DESK_APP_USER and DESK_APP_PASSWORD",
            "Cần đăng nhập: hãy đặt DESK_APP_USER và DESK_APP_PASSWORD.",
        )
    return auth.identify(db_provider(), user, password)


class _FirstPaint(QObject):
    """Calls ``done`` once, at the first paint of the watched widget."""

    def __init__(self, widget: QWidget, done: Callable[[], None]) -> None:
        super().__init__(widget)
        self._done: Callable[[], None] | None = done
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._done is not None:
            done, self._done = self._done, None
            QTimer.singleShot(0, done)  # after this paint has finished
        return False


def _first_form(
    has_accounts: bool, db_provider: Callable[[], Any], runner: Runner, unit_name: str
) -> LoginDialog | FirstAdminDialog:
    """The first form a clerk sees: sign-in, or the first admin's account when none exists yet."""
    if has_accounts:
        return LoginDialog(db_provider, runner, unit_name)
    return FirstAdminDialog(db_provider, runner)


def time_sign_in_form(data_dir: Path, db_provider: Callable[[], Any], unit_name: str, started: float) -> int:
    """``desk-app gui --exit-when-ready --ready-at sign-in`` (the start-up benchmark): the first form a clerk
    sees (sign-in; the first-admin form when no account exists) is built and shown as at a real start, its
    look-ups included; at its first paint the milliseconds since ``started`` are printed and the app exits."""
    from desk_app.services.trust import auth_core as auth

    runner = Runner()
    try:
        dialog = _first_form(auth.accounts_exist(paths.db_path(data_dir)), db_provider, runner, unit_name)

        def painted() -> None:
            print(int((time.perf_counter() - started) * 1000), flush=True)
            dialog.done(QDialog.DialogCode.Accepted.value)

        _FirstPaint(dialog, painted)
        QTimer.singleShot(
            60000, lambda: dialog.done(QDialog.DialogCode.Rejected.value)
        )  # never hang a script
        return 0 if dialog.exec() == QDialog.DialogCode.Accepted.value else 3
    finally:
        runner.shutdown()


def start_session(
    data_dir: Path, db_provider: Callable[[], Any], *, exit_when_ready: bool = False, unit_name: str = ""
) -> Session | None:
    """Sign in before the main window opens; None when the user gave up (the app then quits).

    No account yet: create the admin first. ``exit_when_ready``: no dialog; DESK_APP_USER/DESK_APP_PASSWORD
    when accounts exist (else None with the reason on stderr), ``setup`` when none exist.
    """
    from desk_app.services.trust import auth_core as auth

    db_file = paths.db_path(data_dir)
    has_accounts = auth.accounts_exist(db_file)
    if exit_when_ready:
        try:
            return Session(
                _env_identity(db_provider) if has_accounts else auth.Identity(auth.SETUP_ACTOR, "admin")
            )
        except UserError as exc:
            print(f"desk-app: error: {exc.message}", file=sys.stderr)
            return None
    runner = Runner()
    try:
        dialog = _first_form(has_accounts, db_provider, runner, unit_name)
        if dialog.exec() != QDialog.DialogCode.Accepted.value or dialog.identity is None:
            return None
        return Session(dialog.identity)
    finally:
        runner.shutdown()
