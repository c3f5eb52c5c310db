"""Staff accounts: create, authenticate, lock out, change passwords (tài khoản, đăng nhập).

Passwords are hashed with argon2id (argon2-cffi's PasswordHasher defaults: m=64 MiB, t=3, p=4) after NFC
normalisation, so a Vietnamese password typed through Unikey (NFC) or another input method (NFD) matches.
After ``MAX_ATTEMPTS`` wrong passwords in a row the account waits ``LOCK_MINUTES``. Every change is audited
under the acting user's name; passwords never reach the audit trail or the logs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from desk_app.domain import roles
from desk_app.domain.errors import NotFound, UserError, ValidationError
from desk_app.domain.text import clean_line
from desk_app.services.trust.auth_core import (
    SETUP_ACTOR,
    AuthError,
    Identity,
    dummy_hash,
    normalise_username,
    password_hasher,
    secret_bytes,
    verify,
    wrong,
)
from desk_app.store import audit
from desk_app.store.db import Database, storage_error
from desk_app.store.models_auth import User

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
LOCK_MINUTES = 5
MIN_PASSWORD = 8
MAX_PASSWORD = 256
RESERVED_NAMES = frozenset({SETUP_ACTOR, "system"})  # actors the audit trail uses without an account


@dataclass(frozen=True)
class UserInfo:
    """What the app may know about an account (never its hash)."""

    id: int
    username: str
    full_name: str
    role: str
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    created_at: datetime
    last_login_at: datetime | None

    def can(self, permission: str) -> bool:
        return self.active and roles.can(self.role, permission)

    def as_dict(self) -> dict[str, object]:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role,
            "active": self.active,
            "locked_until": _iso(self.locked_until),
            "created_at": _iso(self.created_at),
            "last_login_at": _iso(self.last_login_at),
        }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%S")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id,
        user.username,
        user.full_name,
        user.role,
        user.active,
        user.failed_attempts,
        user.locked_until,
        user.created_at,
        user.last_login_at,
    )


def check_password_strength(password: str) -> bytes:
    """Refuse empty, short (< MIN_PASSWORD) and absurdly long passwords; return the bytes to hash."""
    secret = secret_bytes(password)
    if len(password.strip()) < MIN_PASSWORD:  # eight spaces are no password
        raise ValidationError(
            f"The password must have at least {MIN_PASSWORD} characters.",
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.",
            field="password",
        )
    if len(password) > MAX_PASSWORD:
        raise ValidationError(
            f"The password must have at most {MAX_PASSWORD} characters.",
            f"Mật khẩu dài tối đa {MAX_PASSWORD} ký tự.",
            field="password",
        )
    return secret


def hash_password(password: str) -> str:
    """An argon2id PHC string for ``password`` (after the strength check)."""
    return password_hasher().hash(check_password_strength(password))


def _check_name(full_name: str) -> str:
    name = clean_line(full_name)
    if not name or len(name) > 200:
        raise ValidationError(
            "The full name is required (at most 200 characters).",
            "Cần nhập họ và tên (tối đa 200 ký tự).",
            field="full_name",
        )
    return name


def _find(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).first()


def _get(session: Session, username: str) -> User:
    user = _find(session, normalise_username(username))
    if user is None:
        raise NotFound(f"No user {username[:40]!r}.", "Không có tài khoản này.")
    return user


def has_users(db: Database) -> bool:
    with db.session() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def list_users(db: Database) -> list[UserInfo]:
    with db.session() as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.username))]


def get_user(db: Database, username: str) -> UserInfo:
    with db.session() as session:
        return _info(_get(session, username))


def check_new_username(username: str) -> str:
    """The normalised name for a new account; ValidationError for a reserved one (``setup``, ``system``)."""
    name = normalise_username(username)
    if name in RESERVED_NAMES:
        raise ValidationError(
            f"The user name {name} is used by the app itself: choose another.",
            "Tên đăng nhập này do ứng dụng dùng riêng: hãy chọn tên khác.",
            field="username",
        )
    return name


def create_user(
    db: Database, username: str, full_name: str, role: str, password: str, *, actor: str = ""
) -> UserInfo:
    """Add an account. The user name must be new and not one the app uses itself (``setup``, ``system``);
    the password at least MIN_PASSWORD characters besides outer spaces."""
    name = check_new_username(username)
    full = _check_name(full_name)
    the_role = roles.parse_role(role)
    hashed = hash_password(password)  # slow (argon2): outside the write transaction
    with db.transaction() as session:
        if _find(session, name) is not None:
            raise ValidationError(
                f"The user name {name} is taken.", "Tên đăng nhập này đã có.", field="username"
            )
        user = User(
            username=name,
            full_name=full,
            role=the_role.value,
            password_hash=hashed,
            failed_attempts=0,
            active=True,
            created_at=_now(),
        )
        session.add(user)
        session.flush()
        audit.record(
            session,
            "user.create",
            actor=actor or name,
            entity="user",
            entity_id=name,
            detail={"role": the_role.value, "full_name": full},
        )
        return _info(user)


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == roles.Role.ADMIN.value, User.active.is_(True))
        )
        or 0
    )


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == roles.Role.ADMIN.value and user.active and _active_admins(session) <= 1:
        raise UserError(
            "This is the last active admin account: add another admin first.",
            "Đây là tài khoản quản trị cuối cùng: hãy tạo tài khoản quản trị khác trước.",
        )


def set_active(db: Database, username: str, active: bool, *, actor: str) -> UserInfo:
    """Disable (or enable again) an account. Accounts are never deleted: the audit trail names them."""
    with db.transaction() as session:
        user = _get(session, username)
        if user.active == active:
            return _info(user)
        if not active:
            _keep_an_admin(session, user)
        user.active = active
        user.failed_attempts, user.locked_until = 0, None
        audit.record(
            session,
            "user.enable" if active else "user.disable",
            actor=actor,
            entity="user",
            entity_id=user.username,
        )
        return _info(user)


def set_role(db: Database, username: str, role: str, *, actor: str) -> UserInfo:
    the_role = roles.parse_role(role)
    with db.transaction() as session:
        user = _get(session, username)
        if user.role == the_role.value:
            return _info(user)
        _keep_an_admin(session, user)
        audit.record(
            session,
            "user.role",
            actor=actor,
            entity="user",
            entity_id=user.username,
            detail={"from": user.role, "to": the_role.value},
        )
        user.role = the_role.value
        return _info(user)


def change_password(
    db: Database, username: str, new_password: str, *, actor: str, old_password: str | None = None
) -> None:
    """Set a new password. With ``old_password`` (a user changing their own) it must match first."""
    if old_password is not None:
        authenticate(db, username, old_password, record_login=False)
    hashed = hash_password(new_password)
    with db.transaction() as session:
        user = _get(session, username)
        user.password_hash = hashed
        user.failed_attempts, user.locked_until = 0, None
        audit.record(session, "user.passwd", actor=actor, entity="user", entity_id=user.username)


def authenticate(
    db: Database, username: str, password: str, *, now: datetime | None = None, record_login: bool = True
) -> UserInfo:
    """Check a user name and password; return the account or raise AuthError.

    The lock check and the count are one write transaction taken *before* the slow password check: each
    attempt first books one of the MAX_ATTEMPTS tries (``failed_attempts + 1``, the MAX_ATTEMPTS-th booking
    locks the account for LOCK_MINUTES), and only a booked attempt has its password checked. So parallel
    attempts (processes, windows) cannot check more than MAX_ATTEMPTS passwords, a right password during a
    lock is refused, and an attempt that cannot be counted (disk full, read-only) is not checked at all.
    A right password then clears the count, unless a lock was set meanwhile (it holds) or other tries were
    booked while it was checked (those still count; only its own booking is given back), so a right
    password racing wrong ones never hands them a fresh series of MAX_ATTEMPTS.

    Unknown names, wrong passwords and locked accounts get the same answer (``wrong()``), so the answer
    never tells which user names exist. ``record_login`` (the GUI) stamps last_login_at and audits the login;
    the CLI authenticates on every run and does not.
    """
    moment = (now or datetime.now()).replace(microsecond=0)
    try:
        name = normalise_username(username)
        secret = secret_bytes(password)
    except ValidationError:
        verify(dummy_hash(), b"")
        raise wrong() from None
    stored: str | None = None
    locked_now = False
    booked = 0
    with db.transaction() as session:  # BEGIN IMMEDIATE: one booking at a time across processes
        user = _find(session, name)
        if user is not None:
            if user.locked_until is not None and moment < user.locked_until:
                locked_now = True
            else:
                if user.locked_until is not None:  # an expired lock: a fresh series of tries
                    user.failed_attempts, user.locked_until = 0, None
                user.failed_attempts += 1
                if user.failed_attempts >= MAX_ATTEMPTS:
                    user.locked_until = moment + timedelta(minutes=LOCK_MINUTES)
                stored, booked = user.password_hash, user.failed_attempts
    if stored is None:
        verify(dummy_hash(), secret)  # same cost as a real check: do not reveal which names exist
        log.info("login refused: %s", "account locked" if locked_now else "unknown user")
        raise wrong()
    ok = verify(stored, secret)  # slow: no lock held
    with db.transaction() as session:
        user = _get(session, name)
        if not ok:
            if booked >= MAX_ATTEMPTS:
                audit.record(
                    session,
                    "auth.locked",
                    actor=user.username,
                    entity="user",
                    entity_id=user.username,
                    detail={"minutes": LOCK_MINUTES},
                )
            else:
                audit.record(
                    session,
                    "auth.failed",
                    actor=user.username,
                    entity="user",
                    entity_id=user.username,
                    detail={"attempt": booked},
                )
        elif user.active:
            if user.locked_until is None or user.failed_attempts < MAX_ATTEMPTS:
                if user.failed_attempts <= booked:  # nobody booked a try after ours: a fresh series
                    user.failed_attempts, user.locked_until = 0, None
                else:  # tries booked while ours was checked still count: give back our own only
                    user.failed_attempts -= 1
            if password_hasher().check_needs_rehash(user.password_hash):
                user.password_hash = password_hasher().hash(secret)
            if record_login:
                user.last_login_at = moment
                audit.record(
                    session, "auth.login", actor=user.username, entity="user", entity_id=user.username
                )
        info = _info(user)
    if not ok:
        log.info("login refused for %s: wrong password", name)
        raise wrong()
    if not info.active:
        raise AuthError(f"the account {name} is disabled", "Tài khoản này đã bị khóa bởi quản trị viên.")
    return info


def identify(db: Database, username: str, password: str) -> Identity:
    """The CLI's rule: no account yet means everything is allowed as ``setup``; otherwise authenticate."""
    try:
        if not has_users(db):
            return Identity(SETUP_ACTOR, roles.Role.ADMIN.value)
        if not username or not password:
            raise AuthError(
                "authentication required: set DESK_APP_USER and DESK_APP_PASSWORD",
                "Cần đăng nhập: đặt DESK_APP_USER và DESK_APP_PASSWORD.",
            )
        try:
            info = authenticate(db, username, password, record_login=False)
        except AuthError as exc:
            raise AuthError(
                f"authentication required: set DESK_APP_USER and DESK_APP_PASSWORD ({exc.message})", exc.vi
            ) from None
    except DatabaseError as exc:
        known = storage_error(exc)
        if known is None:
            raise
        raise known from exc
    return Identity(info.username, info.role, info.full_name)
