"""The sync outbox: marked in the same transaction as intake and moves; an edit during upload re-queues."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desk_app.domain.errors import UserError
from desk_app.services.lifecycle.moves import act
from desk_app.services.sync.outbox import mark_dossier, months_between
from desk_app.store.db import open_database
from desk_app.store.models import Dossier
from desk_app.store.models_sync import SyncDirtyDossier, SyncOutboxItem
from tests.services.test_lifecycle_support import make_dossier


def _outbox(db: Any) -> dict[str, tuple[str, int]]:
    with db.session() as s:
        return {r.period: (r.state, r.generation) for r in s.scalars(select(SyncOutboxItem))}


def test_intake_and_moves_mark_the_outbox(unit_db: Any) -> None:
    """Receiving marks every month from the receipt to now; a move bumps the generation."""
    received = datetime(2026, 10, 20, 9, 0)  # reporting month 2026-11 (15/10 – 14/11)
    code = make_dossier(unit_db, received_at=received)
    marked = _outbox(unit_db)
    expected = [p.code for p in months_between(received.date(), datetime.now().date())]
    assert sorted(marked) == expected and expected[0] == "2026-11"
    assert all(state == "to_send" for state, _g in marked.values())
    with unit_db.session() as s:
        assert s.scalar(select(SyncDirtyDossier.generation)) == 1
    act(unit_db, code, "forward", at=datetime(2026, 10, 20, 10, 0), to_whom="cán bộ tư pháp", actor="clerk1")
    assert _outbox(unit_db)["2026-11"][1] == 2
    with unit_db.session() as s:
        assert s.scalar(select(SyncDirtyDossier.generation)) == 2


def test_a_refused_move_marks_nothing(unit_db: Any) -> None:
    """The mark is in the move's transaction: a refused move leaves the outbox as it was."""
    code = make_dossier(unit_db, received_at=datetime(2026, 10, 20, 9, 0))
    before = _outbox(unit_db)
    with pytest.raises(UserError):
        act(unit_db, code, "return", actor="clerk1")  # cannot return a dossier still in progress
    assert _outbox(unit_db) == before


def test_edit_while_sending_goes_back_to_to_send(unit_db: Any) -> None:
    """DHIS2's rule: a change during upload leaves the item 'sending' and bumps its generation."""
    code = make_dossier(unit_db, received_at=datetime(2026, 10, 20, 9, 0))
    with unit_db.transaction() as s:
        row = s.get(SyncOutboxItem, "2026-11")
        row.state = "sending"
        gen = row.generation
    with unit_db.transaction() as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == code))
        mark_dossier(s, dossier, datetime(2026, 10, 21, 9, 0))
    state, generation = _outbox(unit_db)["2026-11"]
    assert state == "sending" and generation == gen + 1  # the worker will see the generation moved


def test_a_0001_database_upgrades_to_the_sync_tables(data_dir: Path) -> None:
    """An older database gains the outbox tables through Alembic (made old by Alembic's own downgrade)."""
    from alembic import command
    from sqlalchemy import create_engine

    from desk_app.store import migrate

    open_database(data_dir).close()
    engine = create_engine(f"sqlite:///{data_dir / 'desk_app.db'}")
    command.downgrade(migrate.config(engine), "0001")
    with engine.connect() as conn:
        assert migrate.current_revision(engine) == "0001"
        assert "sync_outbox" not in {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    engine.dispose()
    open_database(data_dir).close()
    con = sqlite3.connect(data_dir / "desk_app.db")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sync_outbox", "sync_dirty_dossiers"} <= tables
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006_sync"
