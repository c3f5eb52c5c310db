"""Models for staff accounts and roles. Owned by the trust work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, Stamp


class User(Base):
    """A staff account (tài khoản cán bộ): a clerk, a leader or an admin of the one-stop counter.

    ``password_hash`` is an argon2id PHC string (``$argon2id$v=19$...``); the password itself is never stored.
    After too many wrong passwords the account waits until ``locked_until``.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)  # lower-case ASCII, e.g. "hang.nt"
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))  # domain.roles.Role: clerk / leader / admin
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(Stamp(), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(Stamp())
    last_login_at: Mapped[datetime | None] = mapped_column(Stamp(), nullable=True)
