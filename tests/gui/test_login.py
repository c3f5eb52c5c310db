"""Signing in, lockout, the idle lock, the quick clerk switch, role-filtered pages and the accounts page."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

PASSWORDS = {"admin": "admin-pass-1", "leader": "leader-pass-1", "clerk": "clerk-pass-1"}
ADMIN_PAGES = {"settings", "users"}


@pytest.fixture
def accounts(seeded_db: Any) -> Any:
    from desk_app.services.trust import auth

    for role, password in PASSWORDS.items():
        auth.create_user(seeded_db, role, f"Cán bộ {role}", role, password, actor="setup")
    return seeded_db


def _window(qtbot: Any, ctx: Any) -> Any:
    from desk_app.gui.main_window import MainWindow

    window = MainWindow(ctx, unit_name="Ủy ban nhân dân xã Gio Sơn")
    qtbot.addWidget(window)
    window.show()
    return window


def _sign_in(qtbot: Any, form: Any, user: str, password: str) -> None:
    form.username.clear()
    qtbot.keyClicks(form.username, user)
    qtbot.keyClicks(form.password, password)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)


def _session(role: str, **kw: Any) -> Any:
    from desk_app.gui.login import Session
    from desk_app.services.trust.auth import Identity

    return Session(Identity(role, role, f"Cán bộ {role}"), **kw)


def test_login_dialog_refuses_a_wrong_password_then_signs_in(
    qtbot: Any, accounts: Any, vietnamese: None
) -> None:
    from desk_app.gui.login import LoginDialog

    dialog = LoginDialog(lambda: accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    _sign_in(qtbot, dialog.form, "clerk", "not-the-password")
    qtbot.waitUntil(lambda: not dialog.form.busy and dialog.form.error.text() != "", timeout=10000)
    assert "Sai tên đăng nhập hoặc mật khẩu" in dialog.form.error.text()
    assert dialog.form.password.text() == "" and dialog.identity is None
    _sign_in(qtbot, dialog.form, "clerk", PASSWORDS["clerk"])
    qtbot.waitUntil(lambda: dialog.identity is not None, timeout=10000)
    assert (dialog.identity.username, dialog.identity.role) == ("clerk", "clerk")
    assert dialog.result() == dialog.DialogCode.Accepted.value
    dialog.runner.shutdown()


def test_five_wrong_passwords_lock_the_account_in_the_gui(
    qtbot: Any, accounts: Any, vietnamese: None
) -> None:
    from desk_app.gui.login import LoginDialog

    dialog = LoginDialog(lambda: accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        _sign_in(qtbot, dialog.form, "leader", "wrong-password")
        qtbot.waitUntil(lambda: not dialog.form.busy, timeout=10000)
    from desk_app.services.trust import auth

    assert auth.get_user(accounts, "leader").locked_until is not None
    # Locked: the right password is refused with the answer an unknown name gets (no name is revealed).
    _sign_in(qtbot, dialog.form, "leader", PASSWORDS["leader"])
    qtbot.waitUntil(lambda: not dialog.form.busy, timeout=10000)
    assert dialog.identity is None and "chờ 5 phút" in dialog.form.error.text()
    dialog.runner.shutdown()


def test_first_start_creates_the_admin(qtbot: Any, seeded_db: Any) -> None:
    from desk_app.gui.login import FirstAdminDialog
    from desk_app.services.trust import auth

    dialog = FirstAdminDialog(lambda: seeded_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("boss")
    qtbot.keyClicks(dialog.password, "boss-password")
    qtbot.keyClicks(dialog.repeat, "boss-password")
    qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.identity is not None, timeout=10000)
    assert [(u.username, u.role) for u in auth.list_users(seeded_db)] == [("boss", "admin")]
    dialog.runner.shutdown()


@pytest.mark.parametrize("role", ["clerk", "leader", "admin"])
def test_pages_follow_the_role(qtbot: Any, gui_ctx: Any, accounts: Any, role: str) -> None:
    """A clerk or a leader never sees the admin pages, not even through Alt+number shortcuts."""
    session = _session(role)
    session.attach(gui_ctx)
    window = _window(qtbot, gui_ctx)
    window.load_all_pages()
    keys = {s.key for s in window.specs}
    assert "dossiers" in keys
    assert (keys >= ADMIN_PAGES) == (role == "admin")
    assert not (ADMIN_PAGES & keys) or role == "admin"
    admin_titles = {"Cài đặt", "Settings", "Tài khoản", "Accounts"}
    shortcuts = {a.text() for a in window.actions()}  # Alt+1…9 reach the first nine allowed pages
    assert not (shortcuts & admin_titles) or role == "admin"
    navigation = {window.nav.item(i).text() for i in range(window.nav.count())}
    assert bool(navigation & admin_titles) == (role == "admin")


def test_idle_lock_hides_the_data_and_a_clerk_of_another_role_takes_over(
    qtbot: Any, gui_ctx: Any, accounts: Any
) -> None:
    now = [1000.0]
    session = _session("admin", idle_minutes=1, clock=lambda: now[0])
    session.attach(gui_ctx)
    window = _window(qtbot, gui_ctx)
    window.load_all_pages()
    session.install(window)
    central = window.centralWidget()
    now[0] += 59
    session.check_idle()
    assert not session.is_locked
    now[0] += 2
    session.check_idle()
    assert session.is_locked and window.centralWidget() is session.lock_panel
    assert not central.isVisible() and not window.menuBar().isEnabled()
    assert not any(a.isEnabled() for a in window.actions() if a.shortcut().toString().startswith("Alt+"))
    form = session.lock_panel.form
    assert form.username.text() == "admin"
    # A clerk walks up and signs in with her own account.
    _sign_in(qtbot, form, "clerk", PASSWORDS["clerk"])
    qtbot.waitUntil(lambda: not session.is_locked, timeout=10000)
    assert window.centralWidget() is central and central.isVisible()
    assert gui_ctx.user == "clerk" and not gui_ctx.can("settings")
    keys = {s.key for s in window.specs}
    assert not (ADMIN_PAGES & keys) and "dossiers" in keys
    assert "clerk" in window.user_label.text()
    session.finish(None)


def test_quick_switch_asks_for_a_user_name(qtbot: Any, gui_ctx: Any, accounts: Any) -> None:
    session = _session("clerk", idle_minutes=0)
    session.attach(gui_ctx)
    window = _window(qtbot, gui_ctx)
    session.install(window)
    session.lock_action.trigger()
    assert session.is_locked and session.lock_panel.form.username.text() == ""
    session.check_idle()  # idle lock off (0): nothing more happens
    _sign_in(qtbot, session.lock_panel.form, "clerk", "wrong-password")
    qtbot.waitUntil(lambda: not session.lock_panel.form.busy, timeout=10000)
    assert session.is_locked
    _sign_in(qtbot, session.lock_panel.form, "leader", PASSWORDS["leader"])
    qtbot.waitUntil(lambda: not session.is_locked, timeout=10000)
    assert gui_ctx.user == "leader" and gui_ctx.can("extend") and not gui_ctx.can("users")
    session.finish(None)


def test_accounts_page_adds_a_clerk(qtbot: Any, gui_ctx: Any, accounts: Any) -> None:
    from desk_app.gui.users_page import UsersPage
    from desk_app.services.trust import auth

    _session("admin").attach(gui_ctx)
    page = UsersPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=10000)
    page.add_button.click()
    dialog = page.dialog
    qtbot.keyClicks(dialog.username, "hang.nt")
    dialog.full_name.setText("Nguyễn Thị Hằng")
    qtbot.keyClicks(dialog.password, "hang-pass-1")
    qtbot.keyClicks(dialog.repeat, "hang-pass-1")
    dialog._check()
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=10000)
    info = auth.get_user(accounts, "hang.nt")
    assert (info.full_name, info.role) == ("Nguyễn Thị Hằng", "clerk")
    page.select("hang.nt")
    page.active_button.click()
    qtbot.waitUntil(lambda: not auth.get_user(accounts, "hang.nt").active, timeout=10000)
    with accounts.session() as s:
        from sqlalchemy import text

        actors = s.execute(text("SELECT actor, action FROM audit_events ORDER BY id DESC LIMIT 2")).all()
    assert [tuple(a) for a in actors] == [("admin", "user.disable"), ("admin", "user.create")]


def test_start_session_for_scripts_uses_the_environment(
    accounts: Any, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    from desk_app.gui.login import start_session

    monkeypatch.setenv("DESK_APP_USER", "leader")
    monkeypatch.setenv("DESK_APP_PASSWORD", PASSWORDS["leader"])
    session = start_session(accounts.data_dir, lambda: accounts, exit_when_ready=True)
    assert session is not None and session.role == "leader"
    monkeypatch.setenv("DESK_APP_PASSWORD", "nope")
    assert start_session(accounts.data_dir, lambda: accounts, exit_when_ready=True) is None


def test_sign_in_remembers_the_last_user_name(qtbot: Any, accounts: Any, vietnamese: None) -> None:
    """The next sign-in on this PC starts with the user name of whoever signed in last."""
    from desk_app.gui.login import LoginDialog
    from desk_app.services.trust import auth

    auth.authenticate(accounts, "leader", PASSWORDS["leader"])
    dialog = LoginDialog(lambda: accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.form.username.text() == "leader", timeout=10000)
    assert dialog.form.password.hasFocus() or not dialog.isActiveWindow()
    dialog.runner.shutdown()


def test_first_start_shows_the_password_rule_before_the_first_try(
    qtbot: Any, seeded_db: Any, vietnamese: None
) -> None:
    from desk_app.gui.login import FirstAdminDialog

    dialog = FirstAdminDialog(lambda: seeded_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rule.isVisible() and dialog.rule.text() == "Mật khẩu cần ít nhất 8 ký tự."
    dialog.error.setText("Mật khẩu phải có ít nhất 8 ký tự.")  # a refused first try
    qtbot.keyClicks(dialog.password, "dai-du-8-ky-tu")
    assert dialog.rule.text() == "✓ Mật khẩu đạt yêu cầu." and dialog.error.text() == ""
    qtbot.keyClicks(dialog.repeat, "khac")
    assert dialog.rule.text() == "Hai lần nhập mật khẩu không khớp."
    dialog.runner.shutdown()
