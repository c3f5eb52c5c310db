"""The hub's database: engine, sessions, and the schema kept up to date by the hub's own Alembic environment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from desk_app.resources import package_path

MIGRATIONS = package_path("desk_app.hub", "migrations")
HEAD = (
    "0002_admin"  # the newest migration (a test checks it against the scripts); Alembic loads only to upgrade
)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_no_driver_tx(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn: Any) -> None:
    # Writers take the lock at BEGIN: two uploads never deadlock on a read-then-write upgrade.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_begin_deferred(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str, *, writer: bool = True) -> Engine:
    """An engine for ``url``. On SQLite a writer takes the lock at BEGIN; a reader (writer=False) does not,
    so dashboard reads never hold up an upload (WAL lets them read while it writes)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "connect", _sqlite_no_driver_tx)
        event.listen(engine, "begin", _sqlite_begin if writer else _sqlite_begin_deferred)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, read without loading Alembic (every CLI call checks it)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision (idempotent)."""
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")


class HubDatabase:
    """An open hub database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.read_engine = make_engine(url, writer=False) if url.startswith("sqlite") else self.engine
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed on success, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def session(self) -> Session:
        """A session for reading (on SQLite: a deferred transaction)."""
        return self._readers()

    def close(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
