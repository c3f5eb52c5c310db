"""Registering units, authenticating their tokens, staff accounts and closed periods."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.periods import parse_period
from desk_app.hub import audit, security
from desk_app.hub.errors import HubError
from desk_app.hub.models import ClosedPeriod, StaffAccount, Unit


def now() -> datetime:
    """Naive UTC: what the hub stores (the same on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def add_unit(session: Session, code: str, name: str) -> str:
    """Register a unit; return its token (shown once, stored only hashed)."""
    code = code.strip()
    if not code or len(code) > 64 or not code.isprintable():
        raise HubError(400, "the unit code must be 1 to 64 printable characters")
    if session.scalar(select(Unit).where(Unit.code == code)) is not None:
        raise HubError(409, f"unit {code} is already registered (revoke it to issue a new token)")
    token = security.new_token()
    session.add(
        Unit(
            code=code,
            name=name.strip() or code,
            token_hash=security.token_hash(token),
            offline_key=security.offline_key(token),
            created_at=now(),
            last_offline_seq=0,
        )
    )
    return token


def reissue(session: Session, code: str) -> str:
    """A new token for an existing unit (the old one stops working)."""
    unit = get_unit(session, code)
    token = security.new_token()
    unit.token_hash = security.token_hash(token)
    unit.offline_key = security.offline_key(token)
    unit.revoked_at = None
    return token


def get_unit(session: Session, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise HubError(404, f"no unit {code!r} is registered")
    return unit


def revoke_unit(session: Session, code: str) -> None:
    unit = get_unit(session, code)
    unit.revoked_at = unit.revoked_at or now()


def list_units(session: Session) -> list[dict[str, object]]:
    return [
        {
            "code": u.code,
            "name": u.name,
            "revoked": u.revoked_at is not None,
            "last_sync": u.last_sync.isoformat(timespec="seconds") if u.last_sync else None,
        }
        for u in session.scalars(select(Unit).order_by(Unit.code))
    ]


def authenticate(session: Session, token: str | None) -> Unit:
    """The unit a bearer token belongs to; 401 for a missing, unknown or revoked token."""
    if not token:
        raise HubError(401, "missing bearer token")
    unit = session.scalar(select(Unit).where(Unit.token_hash == security.token_hash(token)))
    if unit is None:
        raise HubError(401, "unknown token")
    if unit.revoked_at is not None:
        raise HubError(401, "this unit's token was revoked")
    return unit


def _month_only(period: str) -> None:
    """Only a month is closed or reopened: uploads are per month, so closing a quarter or a year blocks nothing."""
    if parse_period(period).kind != "month":
        raise HubError(400, f"only a month can be closed or reopened, not {period}")


def close_period(session: Session, period: str, by: str) -> bool:
    """Close a month (uploads touching it answer 409); False when it was already closed.

    ``by`` is who closed it (a staff account, or the shell user for the CLI); the event goes to the hub's
    audit table in the same transaction."""
    _month_only(period)
    if session.get(ClosedPeriod, period) is not None:
        return False
    session.add(ClosedPeriod(period=period, closed_at=now(), closed_by=by[:80]))
    audit.record(session, by, "period.close", period, period=period)
    return True


def open_period(session: Session, period: str, by: str = "admin") -> bool:
    """Reopen a closed period (the units' corrections are taken again); False when it was not closed.

    The ClosedPeriod row goes; the audit table keeps who reopened it and when, and who had closed it."""
    _month_only(period)
    row = session.get(ClosedPeriod, period)
    if row is None:
        return False
    audit.record(
        session,
        by,
        "period.open",
        period,
        period=period,
        closed_by=row.closed_by,
        closed_at=row.closed_at.isoformat(timespec="seconds"),
    )
    session.delete(row)
    return True


def add_staff(session: Session, username: str, password: str) -> None:
    if len(password) < 8:
        raise HubError(400, "the password must have at least 8 characters")
    existing = session.scalar(select(StaffAccount).where(StaffAccount.username == username))
    if existing is not None:
        existing.password_hash = security.hash_password(password)
        return
    session.add(
        StaffAccount(username=username, password_hash=security.hash_password(password), created_at=now())
    )
