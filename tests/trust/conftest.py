"""Fixtures for the trust tests: accounts of every role, their CLI environments, a little data."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

PASSWORDS = {"admin": "admin-pass-1", "leader": "leader-pass-1", "clerk": "clerk-pass-1"}


@dataclass
class Staff:
    """A data directory with one account per role and the CLI environment of each."""

    db: Any
    data_dir: Path

    def env(self, role: str, password: str | None = None) -> dict[str, str]:
        return {"DESK_APP_USER": role, "DESK_APP_PASSWORD": password or PASSWORDS[role]}

    def cli(self, role: str | None, *args: str, **kw: Any) -> Any:
        env = self.env(role) if role else {"DESK_APP_USER": "", "DESK_APP_PASSWORD": ""}
        env.update(kw.pop("env", {}))
        return run_cli(*args, data_dir=self.data_dir, env=env, **kw)


@pytest.fixture
def staff(unit_db: Any) -> Staff:
    from desk_app.services.trust import auth

    for role, password in PASSWORDS.items():
        auth.create_user(unit_db, role, f"Cán bộ {role}", role, password, actor="setup")
    return Staff(unit_db, unit_db.data_dir)


def sample_request(i: int, **over: Any) -> Any:
    """A valid intake request for the seed catalog's birth registration."""
    from desk_app.services.intake.applicants import ApplicantInput
    from desk_app.services.intake.receive import DocumentInput, IntakeRequest

    fields: dict[str, Any] = dict(
        procedure_code="1.001193",
        applicant=ApplicantInput(
            full_name="Nguyễn Thị Hằng",  # one person (one ID number) bringing several dossiers
            id_number="001190012345",
            phone="0912345678",
            address="Thôn Đông, xã Gio Sơn",
        ),
        documents=[DocumentInput(name="Tờ khai đăng ký khai sinh")],
        client_token=f"t{i}",
    )
    fields.update(over)
    return IntakeRequest(**fields)


def table_counts(db_file: Path) -> dict[str, int]:
    """Row count of every table (FTS shadow tables included): "nothing changed" means equal counts."""
    conn = sqlite3.connect(db_file)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def audit_state(db_file: Path) -> tuple[int, str | None]:
    conn = sqlite3.connect(db_file)
    try:
        row = conn.execute("SELECT count(*) FROM audit_events").fetchone()
        last = conn.execute("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
        return int(row[0]), last[0] if last else None
    finally:
        conn.close()


def content_digest(db_file: Path) -> str:
    """A hash of every row of every table: equal digests mean nothing was written."""
    import hashlib

    digest = hashlib.sha256()
    conn = sqlite3.connect(db_file)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        for name in names:
            digest.update(name.encode())
            for row in conn.execute(f'SELECT * FROM "{name}"'):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def snapshot(db_file: Path) -> Callable[[], None]:
    """Take the content digest, counts and audit head now; the returned function asserts nothing changed."""
    before = (content_digest(db_file), table_counts(db_file), audit_state(db_file))

    def unchanged() -> None:
        after = (content_digest(db_file), table_counts(db_file), audit_state(db_file))
        assert after[1:] == before[1:]
        assert after[0] == before[0], "rows changed although the input was refused"

    return unchanged
