"""Opening the database: pragmas, migrations, newer schemas, storage errors."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from desk_app.domain.errors import StorageError
from desk_app.store import migrate
from desk_app.store.db import open_database, storage_error
from desk_app.store.schema import metadata


def test_new_database_uses_wal_fk_and_full_sync(data_dir: Path) -> None:
    """A fresh database runs WAL, foreign keys on, synchronous FULL."""
    db = open_database(data_dir)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
    db.close()
    assert (data_dir / "desk_app.db").is_file()


def test_migrations_build_the_same_schema_as_the_models() -> None:
    """Running every migration on an empty file gives exactly the tables of the models."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/m.db")
        migrate.upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": migrate.include_name})
            diff = compare_metadata(context, metadata)
        engine.dispose()
    assert diff == [], f"models and migrations differ (run tools/regen_initial_migration.py): {diff}"


def test_newer_schema_is_refused_untouched(data_dir: Path) -> None:
    """A database stamped by an unknown (newer) revision is refused and not modified."""
    open_database(data_dir).close()
    path = data_dir / "desk_app.db"
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        open_database(data_dir)
    assert "newer" in err.value.message
    assert "mới hơn" in err.value.vi
    assert path.read_bytes() == before


def test_older_schema_is_backed_up_then_upgraded(data_dir: Path) -> None:
    """A database at an older revision is copied aside before the upgrade."""
    open_database(data_dir).close()
    con = sqlite3.connect(data_dir / "desk_app.db")
    # Pretend the file predates the migrations (revision None is "older" than head).
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    with pytest.raises(Exception):  # noqa: B017 - upgrading from base re-creates existing tables
        open_database(data_dir)
    backups = list((data_dir / "backups").glob("pre-upgrade-*.db"))
    assert backups, "the file must be copied aside before any migration runs"


def test_foreign_file_is_refused(data_dir: Path) -> None:
    """A SQLite file that is not ours is not touched."""
    con = sqlite3.connect(data_dir / "desk_app.db")
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    with pytest.raises(StorageError):
        open_database(data_dir)


def test_storage_errors_are_explained_in_vietnamese() -> None:
    """Disk full and locked databases become clerk-facing messages; other errors stay bugs."""
    full = storage_error(sqlite3.OperationalError("database or disk is full"))
    assert full is not None and "đầy" in full.vi
    locked = storage_error(sqlite3.OperationalError("database is locked"))
    assert locked is not None and "bận" in locked.vi
    assert storage_error(sqlite3.OperationalError("no such column: x")) is None


def test_audit_rows_cannot_be_edited_or_deleted(unit_db: object) -> None:
    """The audit table refuses UPDATE and DELETE at the engine."""
    db = unit_db
    with db.engine.connect() as conn:  # type: ignore[attr-defined]
        with pytest.raises(Exception, match="append-only"):
            conn.execute(text("UPDATE audit_events SET actor = 'x'"))
        with pytest.raises(Exception, match="append-only"):
            conn.execute(text("DELETE FROM audit_events"))
