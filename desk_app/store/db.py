"""Opening the database: engine, pragmas, migrations, and the known storage errors.

SQLite runs in WAL with ``synchronous=FULL`` (a commit that returned survives a power cut) and
``foreign_keys=ON``. A database written by a newer schema is refused; an older one is copied aside
(online backup API) before Alembic upgrades it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desk_app import paths
from desk_app.domain.errors import StorageError
from desk_app.fsutil import fsync_dir
from desk_app.store import audit, crypto, migrate, recovery, schema  # noqa: F401  (schema registers every table)
from desk_app.store.base import Base
from desk_app.store.ddl import EXTRA_DDL

log = logging.getLogger(__name__)


def _pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _autocommit_driver(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins (SQLAlchemy pysqlite recipe).
    dbapi_conn.isolation_level = None


def _begin_immediate(conn: Any) -> None:
    # Writers take the write lock up front, so reading the audit chain's last hash and appending to it
    # cannot interleave with another process doing the same.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(db_file: Path, *, writer: bool = True) -> Engine:
    key = crypto.key_for(db_file)  # None unless the marker says the file is encrypted
    if key is None:
        engine = create_engine(f"sqlite:///{db_file}")
    else:  # SQLCipher: the same pysqlite dialect over sqlcipher3, each connection unlocked first
        engine = create_engine(
            "sqlite://",
            module=crypto.dbapi(),
            poolclass=QueuePool,
            creator=lambda: crypto.connect(db_file, key=key, check_same_thread=False),
        )
    event.listen(engine, "connect", _pragmas)
    event.listen(engine, "connect", _autocommit_driver)
    event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
    return engine


def storage_error(exc: BaseException) -> StorageError | None:
    """Turn a known disk/database failure into a clerk-facing error; None for a bug."""
    msg = str(exc).lower()
    if "disk is full" in msg or "database or disk is full" in msg or "no space" in msg:
        return StorageError(
            "The disk is full: free some space, then try again. Nothing was saved.",
            "Ổ đĩa đã đầy: hãy giải phóng dung lượng rồi thử lại. Chưa có gì bị thay đổi.",
        )
    if (
        "disk i/o error" in msg
    ):  # SQLite's word when a write (often the WAL index) fails: a full or failing disk
        return StorageError(
            "The disk could not be written (full or failing): free some space or check the disk. Nothing was saved.",
            "Không ghi được vào ổ đĩa (đầy hoặc bị lỗi): hãy giải phóng dung lượng hoặc kiểm tra ổ đĩa. "
            "Chưa có gì được lưu.",
        )
    if "locked" in msg or "busy" in msg:
        return StorageError(
            "The database is busy in another window or program: try again in a moment.",
            "Cơ sở dữ liệu đang bận (một cửa sổ khác đang ghi). Hãy thử lại sau giây lát.",
        )
    if "readonly" in msg or "read-only" in msg or "permission denied" in msg:
        return StorageError(
            "The data directory is read-only: check its permissions.",
            "Không ghi được vào thư mục dữ liệu (chỉ đọc). Hãy kiểm tra quyền truy cập.",
        )
    if "malformed" in msg or "not a database" in msg:
        return StorageError(
            "The database file is damaged: restore the latest backup (desk-app restore).",
            "Tệp dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu gần nhất.",
        )
    return None


class Database:
    """An open desk_app database and where its files live."""

    def __init__(self, data_dir: Path, engine: Engine) -> None:
        self.data_dir = data_dir
        self.engine = engine  # writer: BEGIN IMMEDIATE
        self.read_engine = make_engine(paths.db_path(data_dir), writer=False)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)
        self.recovered: recovery.Recovered | None = None  # an interrupted swap finished by this opening

    @property
    def path(self) -> Path:
        return paths.db_path(self.data_dir)

    @property
    def files_dir(self) -> Path:
        return paths.files_dir(self.data_dir)

    def session(self) -> Session:
        """A session for reading (deferred transactions: never blocks writers in WAL)."""
        return self._readers()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error, maps disk errors."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            known = storage_error(exc)
            if known:
                raise known from exc
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()


def backup_file(src: Path, dest: Path) -> None:
    """Copy a live SQLite database with the online backup API, then fsync (safe while others write).

    An encrypted database is copied encrypted with the same key (the caller copies the marker when the
    copy must be opened on its own).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    key = crypto.key_for(src)
    source = crypto.connect(src, key=key)
    try:
        target = crypto.connect(tmp, key=key)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    tmp.replace(dest)


def _create_fresh(data_dir: Path) -> None:
    """Build the first database under a temporary name, then rename it into place (a start killed half-way
    leaves no half-made database; recovery removes the temporary)."""
    db_file = paths.db_path(data_dir)
    tmp = recovery.fresh_temp(data_dir)
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{tmp}")
    try:
        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            for stmt in EXTRA_DDL:
                conn.execute(text(stmt))
        migrate.stamp_head(engine)
    finally:
        engine.dispose()
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):  # a 0-byte database may have left empty companions
        db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_file)
    fsync_dir(data_dir)


def _create_in_place(engine: Engine) -> None:
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        for stmt in EXTRA_DDL:
            conn.execute(text(stmt))
    migrate.stamp_head(engine)


def _private_dir(base: Path) -> None:
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StorageError(
            f"Cannot create the data directory {base}: {exc.strerror}.",
            f"Không tạo được thư mục dữ liệu {base}.",
        ) from exc


def open_database(data_dir: Path | str | None = None, *, upgrade: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database in ``data_dir``.

    An interrupted restore or encryption is finished first (store.recovery; the audit trail records it). A
    database is created only where the data directory holds no data (``recovery.needs_creation``).
    """
    base = paths.data_dir(data_dir)
    _private_dir(base)
    if not recovery.writable(base):
        raise StorageError(
            f"The data directory {base} is read-only: check its permissions or the medium; nothing was changed.",
            "Không ghi được vào thư mục dữ liệu (chỉ đọc). Hãy kiểm tra quyền truy cập hoặc ổ đĩa.",
        )
    db_file = paths.db_path(base)
    try:
        recovered = recovery.recover(base)
        if recovery.needs_creation(base):
            _create_fresh(base)
        recovery.make_private(base)
    except OSError as exc:
        known = storage_error(exc)
        if known:
            raise known from exc
        raise StorageError(
            f"Cannot prepare the data directory {base}: {exc.strerror or exc}.",
            f"Không chuẩn bị được thư mục dữ liệu {base}.",
        ) from exc
    except (OperationalError, DatabaseError) as exc:
        known = storage_error(exc)
        if known:
            raise known from exc
        raise
    engine = make_engine(db_file)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            if tables or recovery.data_signs(base):
                raise StorageError(
                    f"{db_file} is not a desk_app database.",
                    "Tệp dữ liệu không phải của desk_app.",
                )
            _create_in_place(engine)  # an empty SQLite file from an older version's interrupted first start
        current = migrate.current_revision(engine)
        if current != migrate.head_revision():
            if not migrate.is_known(current):
                raise StorageError(
                    f"The database was written by a newer desk_app (schema {current}). "
                    "Install the newer version; nothing was changed.",
                    "Cơ sở dữ liệu được tạo bởi phiên bản desk_app mới hơn. "
                    "Hãy cài phiên bản mới hơn; dữ liệu không bị thay đổi.",
                )
            if not upgrade:
                raise StorageError(
                    f"The database needs an upgrade from schema {current}.",
                    "Cơ sở dữ liệu cần được nâng cấp lên phiên bản mới: hãy mở phần mềm một lần để nâng cấp "
                    "rồi làm lại.",
                )
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_file(db_file, paths.backups_dir(base) / f"pre-upgrade-{current}-{stamp}.db")
            migrate.upgrade(engine)
    except (OperationalError, DatabaseError) as exc:  # DatabaseError: "file is not a database", malformed
        engine.dispose()
        known = storage_error(exc)
        if known:
            raise known from exc
        raise
    except Exception:
        engine.dispose()
        raise
    db = Database(base, engine)
    if recovered is not None:
        _audit_recovery(db, recovered)
        db.recovered = recovered
    try:
        with db.session() as session:
            problem = audit.anchor_problem(session)
    except (OperationalError, DatabaseError):
        problem = None
    if problem:  # reported at every start until an admin looks (desk-app verify names it too)
        log.warning("the audit trail was tampered with: %s; run `desk-app verify`", problem)
    return db


def _audit_recovery(db: Database, recovered: recovery.Recovered) -> None:
    log.warning("%s", recovered.message)
    try:
        with db.transaction() as session:
            audit.record(
                session,
                f"recovery.{recovered.op}",
                actor="system",
                entity="data_dir",
                entity_id=recovered.op,
                detail={"started_at": recovered.started_at, **recovered.detail},
            )
    except Exception:
        db.close()
        raise
