"""Accounts: argon2id hashes, lockout after 5 wrong passwords, audit names the user, never the password."""

from __future__ import annotations

import logging
import sqlite3
import unicodedata
from datetime import datetime, timedelta
from typing import Any

import pytest

from desk_app.domain import roles
from desk_app.domain.errors import UserError, ValidationError
from desk_app.services.trust import auth
from desk_app.store import audit


def _events(db: Any) -> list[tuple[str, str, str, str | None]]:
    conn = sqlite3.connect(db.path)
    try:
        return conn.execute(
            "SELECT actor, action, entity_id, detail FROM audit_events ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_password_is_stored_as_argon2id(db: Any) -> None:
    """The stored hash is an argon2id PHC string; the password appears nowhere in the file."""
    auth.create_user(db, "hang.nt", "Nguyễn Thị Hằng", "clerk", "mật-khẩu-bí-mật")
    conn = sqlite3.connect(db.path)
    (stored,) = conn.execute("SELECT password_hash FROM users WHERE username='hang.nt'").fetchone()
    conn.close()
    assert stored.startswith("$argon2id$v=19$")
    db.close()
    raw = db.path.read_bytes() + (
        db.path.with_name(db.path.name + "-wal").read_bytes()
        if db.path.with_name(db.path.name + "-wal").exists()
        else b""
    )
    assert "mật-khẩu-bí-mật".encode() not in raw


def test_authenticate_right_and_wrong(db: Any) -> None:
    auth.create_user(db, "Hang.NT", "Nguyễn Thị Hằng", "clerk", "correct horse")
    info = auth.authenticate(db, "hang.nt", "correct horse")
    assert (info.username, info.role, info.last_login_at is not None) == ("hang.nt", "clerk", True)
    with pytest.raises(auth.AuthError, match="wrong user name or password"):
        auth.authenticate(db, "hang.nt", "wrong horse")
    with pytest.raises(auth.AuthError, match="wrong user name or password"):
        auth.authenticate(db, "nobody", "correct horse")
    with pytest.raises(auth.AuthError):
        auth.authenticate(db, "hang.nt", "correct horse\ud800")


def test_vietnamese_password_matches_in_nfc_and_nfd(db: Any) -> None:
    """Unikey types NFC, other input methods NFD: both are the same password."""
    password = "Mật khẩu Đồng"
    auth.create_user(db, "lan", "Lê Thị Lan", "clerk", unicodedata.normalize("NFD", password))
    assert auth.authenticate(db, "lan", unicodedata.normalize("NFC", password)).username == "lan"


def test_five_wrong_passwords_lock_the_account_for_five_minutes(db: Any) -> None:
    auth.create_user(db, "hang", "Nguyễn Thị Hằng", "clerk", "correct horse")
    t0 = datetime(2026, 3, 2, 9, 0)
    for attempt in range(1, auth.MAX_ATTEMPTS):
        with pytest.raises(auth.AuthError, match="wrong"):
            auth.authenticate(db, "hang", "bad password", now=t0)
        assert auth.get_user(db, "hang").failed_attempts == attempt
    with pytest.raises(auth.AuthError, match="wrong"):
        auth.authenticate(db, "hang", "bad password", now=t0)
    assert auth.get_user(db, "hang").locked_until == t0 + timedelta(minutes=5)
    # The right password is refused while locked, and does not count as an attempt; the answer is the one an
    # unknown name gets, so it never tells which names exist.
    with pytest.raises(auth.AuthError) as locked:
        auth.authenticate(db, "hang", "correct horse", now=t0 + timedelta(minutes=4, seconds=59))
    with pytest.raises(auth.AuthError) as unknown:
        auth.authenticate(db, "nobody", "correct horse", now=t0)
    assert locked.value.message == unknown.value.message == auth.wrong().message
    info = auth.authenticate(db, "hang", "correct horse", now=t0 + timedelta(minutes=5))
    assert (info.failed_attempts, info.locked_until) == (0, None)
    actions = [(a, act) for a, act, _, _ in _events(db) if act.startswith("auth.")]
    assert actions == [("hang", "auth.failed")] * 4 + [("hang", "auth.locked"), ("hang", "auth.login")]


def test_a_right_password_resets_the_count(db: Any) -> None:
    auth.create_user(db, "hang", "Nguyễn Thị Hằng", "clerk", "correct horse")
    for _ in range(4):
        with pytest.raises(auth.AuthError):
            auth.authenticate(db, "hang", "bad password")
    auth.authenticate(db, "hang", "correct horse")
    for _ in range(4):
        with pytest.raises(auth.AuthError, match="wrong"):
            auth.authenticate(db, "hang", "bad password")


def test_tries_booked_while_a_right_password_is_checked_still_count(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race made deterministic: wrong tries arrive while the right password's hash is being checked."""
    auth.create_user(db, "hang", "Nguyễn Thị Hằng", "clerk", "correct horse")
    real_verify = auth.verify
    racing = {"left": 3}

    def verify_while_others_try(stored: str, secret: bytes) -> bool:
        if secret == b"correct horse" and racing["left"]:
            while racing["left"]:
                racing["left"] -= 1
                with pytest.raises(auth.AuthError):
                    auth.authenticate(db, "hang", "bad password")
        return real_verify(stored, secret)

    monkeypatch.setattr(auth, "verify", verify_while_others_try)
    auth.authenticate(db, "hang", "correct horse")
    # The three wrong tries booked meanwhile still count; the right one gave back only its own booking.
    assert auth.get_user(db, "hang").failed_attempts == 3
    for _ in range(2):
        with pytest.raises(auth.AuthError):
            auth.authenticate(db, "hang", "bad password")
    assert auth.get_user(db, "hang").locked_until is not None


def test_audit_names_the_user_and_never_the_password(db: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    auth.create_user(db, "admin", "Quản trị", "admin", "first-secret", actor="setup")
    auth.create_user(db, "hang", "Nguyễn Thị Hằng", "clerk", "second-secret", actor="admin")
    auth.change_password(db, "hang", "third-secret", actor="admin")
    auth.set_role(db, "hang", "leader", actor="admin")
    auth.set_active(db, "hang", False, actor="admin")
    with pytest.raises(auth.AuthError, match="disabled"):
        auth.authenticate(db, "hang", "third-secret")
    with pytest.raises(auth.AuthError):
        auth.authenticate(db, "hang", "fourth-secret")
    events = _events(db)
    assert [(a, act, e) for a, act, e, _ in events] == [
        ("setup", "user.create", "admin"),
        ("admin", "user.create", "hang"),
        ("admin", "user.passwd", "hang"),
        ("admin", "user.role", "hang"),
        ("admin", "user.disable", "hang"),
        ("hang", "auth.failed", "hang"),
    ]
    text = repr(events) + caplog.text
    for secret in ("first-secret", "second-secret", "third-secret", "fourth-secret"):
        assert secret not in text
    with db.session() as s:
        assert audit.verify(s).ok


def test_account_rules(db: Any) -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        auth.create_user(db, "hang", "Hằng", "clerk", "short")
    with pytest.raises(ValidationError, match="user name"):
        auth.create_user(db, "hằng", "Hằng", "clerk", "long enough")
    with pytest.raises(ValidationError, match="user name"):
        auth.create_user(db, "'; DROP TABLE users; --", "Hằng", "clerk", "long enough")
    with pytest.raises(UserError, match="role"):
        auth.create_user(db, "hang", "Hằng", "boss", "long enough")
    auth.create_user(db, "admin", "Quản trị", "admin", "long enough")
    with pytest.raises(ValidationError, match="taken"):
        auth.create_user(db, "ADMIN", "Quản trị 2", "admin", "long enough")
    with pytest.raises(UserError, match="last active admin"):
        auth.set_active(db, "admin", False, actor="admin")
    with pytest.raises(UserError, match="last active admin"):
        auth.set_role(db, "admin", "clerk", actor="admin")
    assert [u.username for u in auth.list_users(db)] == ["admin"]


def test_identify_without_accounts_is_setup(db: Any) -> None:
    ident = auth.identify(db, "", "")
    assert (ident.username, ident.is_setup, ident.can("backup")) == ("setup", True, True)
    auth.create_user(db, "hang", "Hằng", "clerk", "correct horse")
    with pytest.raises(
        UserError, match=r"^authentication required: set DESK_APP_USER and DESK_APP_PASSWORD$"
    ):
        auth.identify(db, "", "")
    with pytest.raises(UserError, match="authentication required"):
        auth.identify(db, "hang", "nope nope")
    ident = auth.identify(db, "hang", "correct horse")
    assert ident.require("intake") == "hang"
    with pytest.raises(UserError, match="permission denied: hang \\(clerk\\) may not backup"):
        ident.require("backup")


def test_role_table() -> None:
    clerk = {"view", "intake", "move", "return", "scan", "helplog", "postal"}
    leader = clerk | {"extend", "report"}
    admin = leader | {"settings", "users", "catalog", "calendar", "backup", "privacy"}
    postal = {"view", "intake", "return", "postal"}  # post-office staff at the counter
    for role, allowed in (("clerk", clerk), ("leader", leader), ("admin", admin), ("postal", postal)):
        for permission in roles.ALL_PERMISSIONS | {"nonsense"}:
            assert roles.can(role, permission) == (permission in allowed), (role, permission)
    assert not roles.can("boss", "view")
