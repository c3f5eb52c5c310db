"""The light part of accounts: argon2id checks and reading accounts straight from the file (sqlite3).

No SQLAlchemy here, so the GUI can ask "are there accounts?" and scripts can sign in before the big imports
(desk_app.gui.login, ``desk-app gui --exit-when-ready``). services.auth builds on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.domain import roles
from desk_app.domain.errors import UserError, ValidationError
from desk_app.store import crypto

if TYPE_CHECKING:
    from argon2 import PasswordHasher

SETUP_ACTOR = "setup"  # the actor while the database holds no account yet (first start, init, demo)
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


@cache
def password_hasher() -> PasswordHasher:
    """argon2-cffi's PasswordHasher (argon2id), built on first use: the window paints before argon2 loads."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def dummy_hash() -> str:
    """A hash to check against for unknown users, so their refusal costs the same time."""
    return password_hasher().hash("not a real password: evens out timing for unknown users")


class AuthError(UserError):
    """Authentication failed: unknown user, wrong password, locked or disabled account."""


@dataclass(frozen=True)
class Identity:
    """Who is acting: an authenticated account, or ``setup`` while no account exists."""

    username: str
    role: str
    full_name: str = ""

    @property
    def is_setup(self) -> bool:
        return self.username == SETUP_ACTOR

    def can(self, permission: str) -> bool:
        return roles.can(self.role, permission)

    def require(self, permission: str) -> str:
        """The user name for the audit trail, or a UserError naming the missing permission."""
        roles.check(self.role, permission, self.username)
        return self.username


def normalise_username(name: str) -> str:
    """Lower-case ASCII letters, digits, '.', '_' and '-', 2 to 40 characters (e.g. ``hang.nt``).

    ASCII only because Vietnamese input methods rewrite typed letters ("dd" becomes "đ") and because the
    CLI takes the name from an environment variable.
    """
    value = unicodedata.normalize("NFC", name).strip().lower()
    if not _USERNAME.match(value):
        raise ValidationError(
            f"Invalid user name {name[:40]!r}: use 2 to 40 letters a-z, digits, '.', '_' or '-'.",
            "Tên đăng nhập không hợp lệ: dùng 2–40 ký tự chữ a-z không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.",
            field="username",
        )
    return value


def secret_bytes(password: str) -> bytes:
    """The bytes that are hashed: NFC UTF-8. Lone surrogates from undecodable input are refused."""
    try:
        return unicodedata.normalize("NFC", password).encode("utf-8", "surrogateescape")
    except UnicodeError:
        raise ValidationError(
            "The password contains characters that are not text.",
            "Mật khẩu chứa ký tự không hợp lệ.",
            field="password",
        ) from None


def wrong() -> AuthError:
    """The one answer to every refused sign-in (unknown name, wrong password, locked account)."""
    return AuthError(
        "wrong user name or password (after 5 wrong passwords in a row the account waits 5 minutes)",
        "Sai tên đăng nhập hoặc mật khẩu (nhập sai 5 lần liên tiếp thì tài khoản phải chờ 5 phút).",
    )


def verify(stored: str, secret: bytes) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(password_hasher().verify(stored, secret))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def identify_offline(db_file: Path, username: str, password: str, *, immutable: bool = True) -> Identity:
    """Check credentials against a database file without writing to it: a backup about to be restored
    (``immutable``), or the live file read-only before SQLAlchemy is loaded (``immutable=False``).

    Nothing is counted or stamped. A database without accounts yields ``setup``.
    """
    conn = crypto.connect(db_file, mode="immutable" if immutable else "ro")
    try:
        try:
            rows = conn.execute(
                "SELECT username, role, full_name, password_hash, active FROM users"
            ).fetchall()
        except crypto.DB_ERRORS:
            rows = []
    finally:
        conn.close()
    if not rows:
        return Identity(SETUP_ACTOR, roles.Role.ADMIN.value)
    try:
        name, secret = normalise_username(username), secret_bytes(password)
    except ValidationError:
        raise wrong() from None
    for row_name, role, full_name, stored, active in rows:
        if row_name == name and active and verify(stored, secret):
            return Identity(row_name, role, full_name)
    raise wrong()


def accounts_exist(db_file: Path) -> bool:
    """Whether the database file holds any account (plain sqlite3, read only: usable before SQLAlchemy loads)."""
    if not db_file.is_file():
        return False
    try:
        conn = crypto.connect(db_file, mode="ro")
        try:
            return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None
        finally:
            conn.close()
    except crypto.DB_ERRORS as exc:
        # Only a database from before accounts existed has no table; when in doubt, ask for a login.
        return "no such table" not in str(exc)
