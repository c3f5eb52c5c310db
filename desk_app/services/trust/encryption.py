"""``desk-app encrypt``: turn a plain database into a SQLCipher-encrypted one (mã hóa cơ sở dữ liệu).

The passphrase comes from ``DESK_APP_DB_PASSPHRASE`` (store.crypto). Steps, each safe against a crash:
1. export the live database into ``<data_dir>/.encrypt-*/desk_app.db`` with SQLCipher's
   ``ATTACH ... KEY`` + ``sqlcipher_export``, fsync it, and put the new marker beside it;
2. verify that copy (integrity_check, foreign keys, audit chain, the row count of every table);
3. write the swap journal (store.recovery), then move the plain file aside (``.pre-encrypt-*.db``), rename
   the encrypted file and the marker into place, overwrite the plain copy with zeros and delete it (on SSDs
   and copy-on-write file systems an overwrite does not guarantee the old blocks are gone: full-disk
   encryption covers that);
4. open it through the normal path, record ``db.encrypt`` in the audit trail.
A failure before step 3 changes nothing; a process killed during step 3 is finished at the next start (the
encrypted copy was verified, so going forward loses nothing and never leaves the plain copy behind). Older backups stay plain: the
result lists the ones under ``backups/`` so the admin can make a new (encrypted) backup and delete them.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app import paths
from desk_app.domain.errors import UserError, ValidationError
from desk_app.fsutil import fsync_dir
from desk_app.services.trust.backup_check import check_database
from desk_app.store import audit, crypto, recovery
from desk_app.store.db import open_database

log = logging.getLogger(__name__)


@dataclass
class EncryptResult:
    """The outcome of ``encrypt_data_dir``."""

    db_file: Path
    tables: int
    rows: int
    plain_backups: list[Path] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "db_file": str(self.db_file),
            "tables": self.tables,
            "rows": self.rows,
            "plain_backups": [str(p) for p in self.plain_backups],
        }


def _counts(conn: Any) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def _plain_backups(data_dir: Path) -> list[Path]:
    root = paths.backups_dir(data_dir)
    if not root.is_dir():
        return []
    found = [p for p in root.glob("*.db") if p.is_file()]
    found += [p for p in root.iterdir() if p.is_dir() and not crypto.marker_path(p).is_file()]
    return sorted(found)


def encrypt_data_dir(data_dir: Path, *, actor: str = "system") -> EncryptResult:
    """Encrypt the plain database in ``data_dir`` with the passphrase in ``DESK_APP_DB_PASSPHRASE``.

    Close the desktop app first (like a restore): the file is swapped under its name.
    """
    db_file = paths.db_path(data_dir)
    recovery.recover(data_dir)  # an interrupted swap is finished first
    if crypto.marker_path(data_dir).is_file():
        raise UserError("The database is already encrypted.", "Cơ sở dữ liệu đã được mã hóa.")
    if not db_file.is_file():
        raise UserError(f"{db_file} does not exist.", "Không tìm thấy cơ sở dữ liệu.")
    phrase = crypto.passphrase_from_env()
    if not phrase or len(phrase) < crypto.MIN_PASSPHRASE:
        raise ValidationError(
            f"Set {crypto.ENV_VAR} to a passphrase of at least {crypto.MIN_PASSPHRASE} characters.",
            f"Hãy đặt cụm mật khẩu ({crypto.ENV_VAR}) dài ít nhất {crypto.MIN_PASSPHRASE} ký tự.",
            field="passphrase",
        )
    module = crypto.dbapi()
    marker = crypto.new_marker()
    key = crypto.derive_key(phrase, marker["salt"], marker["iterations"])
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staging = data_dir / f".encrypt-{stamp}-{os.getpid()}"
    aside = data_dir / f".pre-encrypt-{stamp}.db"
    new_file = staging / paths.DB_NAME
    staging.mkdir()
    try:
        src = module.connect(str(db_file), isolation_level=None)
        try:
            src.execute("PRAGMA busy_timeout=10000")
            src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            src.execute("ATTACH DATABASE ? AS enc KEY ?", (str(new_file), f"x'{key.hex()}'"))
            src.execute("BEGIN IMMEDIATE")  # no writer slips in between the export and the count
            try:
                src.execute("SELECT sqlcipher_export('enc')")
                before = _counts(src)
            finally:
                src.execute("COMMIT")
            src.execute("DETACH DATABASE enc")
        finally:
            src.close()
        with new_file.open("rb+") as fh:
            os.fsync(fh.fileno())
        crypto.write_marker(staging, marker)
        fsync_dir(staging)
        problems, _info = check_database(new_file, immutable=True)
        check = crypto.connect(new_file, mode="immutable", key=key)
        try:
            after = _counts(check)
        finally:
            check.close()
        if after != before:
            problems.append("the encrypted copy does not hold the same rows")
        if problems:
            raise UserError(
                "The encrypted copy failed its checks, nothing was changed: " + "; ".join(problems),
                "Bản mã hóa không đạt kiểm tra nên chưa thay đổi gì. Hãy chạy desk-app verify.",
            )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    wal, shm = (db_file.with_name(db_file.name + suffix) for suffix in ("-wal", "-shm"))
    moves = [(db_file, aside)]
    moves += [(part, aside.with_name(aside.name + part.name[-4:])) for part in (wal, shm) if part.exists()]
    moves += [(new_file, db_file), (crypto.marker_path(staging), crypto.marker_path(data_dir))]
    detail = {"kdf": marker["kdf"], "tables": len(after), "rows": sum(after.values())}
    shred = [aside, aside.with_name(aside.name + "-wal"), aside.with_name(aside.name + "-shm")]
    try:
        journal = recovery.begin(data_dir, "encrypt", moves, remove=[staging], shred=shred, detail=detail)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        recovery.run(data_dir, journal)  # from here on a crash is finished at the next start
    except OSError as exc:
        recovery.rollback(data_dir, journal)
        raise UserError(
            f"The encrypted database could not be put in place: {exc.strerror or exc}. Nothing was changed.",
            "Không thay được cơ sở dữ liệu bằng bản mã hóa. Chưa thay đổi gì.",
        ) from exc
    db = open_database(data_dir)
    try:
        with db.transaction() as session:
            audit.record(
                session, "db.encrypt", actor=actor, entity="database", entity_id=paths.DB_NAME, detail=detail
            )
    finally:
        db.close()
    log.info("database in %s encrypted (%d tables, %d rows)", data_dir, len(after), sum(after.values()))
    return EncryptResult(db_file, len(after), sum(after.values()), _plain_backups(data_dir))
