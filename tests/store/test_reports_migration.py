"""The reports migration (0005_reports): a database at 0001 upgrades and keeps its rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from desk_app.services.reports.targets import list_targets, set_target
from desk_app.store import migrate
from desk_app.store.db import open_database


def test_a_0001_database_upgrades(data_dir: Path) -> None:
    engine = create_engine(f"sqlite:///{data_dir / 'desk_app.db'}")
    migrate.upgrade(engine, "0001")
    engine.dispose()
    con = sqlite3.connect(data_dir / "desk_app.db")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.execute("INSERT INTO settings (key, value) VALUES ('hotline', '\"1022\"')")
    con.commit()
    con.close()

    db = open_database(data_dir)
    set_target(db, 2026, "full_online_share", 0.6)
    assert [t.value for t in list_targets(db)] == [0.6]
    db.close()
    con = sqlite3.connect(data_dir / "desk_app.db")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (migrate.head_revision(),)
    indexes = {r[1] for r in con.execute("PRAGMA index_list('dossiers')")}
    assert "ix_dossiers_finished_at" in indexes
    assert con.execute("SELECT value FROM settings WHERE key = 'hotline'").fetchone() == ('"1022"',)
    con.close()
