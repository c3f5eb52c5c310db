"""``desk-app encrypt``: turn a plain database into a SQLCipher-encrypted one (mã hóa cơ sở dữ liệu).

The passphrase comes from ``DESK_APP_DB_PASSPHRASE`` (store.crypto). Steps, each safe against a crash:
1. export the live database into ``<data_dir>/.encrypt-*/desk_app.db`` with SQLCipher's
   ``ATTACH ... KEY`` + ``sqlcipher_export``, fsync it, and put the new marker beside it;
2. verify that copy (integrity_check, foreign keys, audit chain, the row count of every table);
3. move the plain file aside (``.pre-encrypt-*.db``), rename the encrypted file and the marker into place;
4. open it through the normal path, record ``db.encrypt`` in the audit trail;
5. only then overwrite the plain copy with zeros and delete it (on SSDs and copy-on-write file systems an
   overwrite does not guarantee the old blocks are gone: full-disk encryption covers that).
A failure before step 5 puts the plain file back; nothing is half-changed. Older backups stay plain: the
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
from desk_app.store import audit, crypto
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


def _shred(path: Path) -> None:
    """Overwrite a file with zeros, fsync, delete it (best effort on SSDs, see the module docstring)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as fh:
            block = b"\0" * (1 << 20)
            left = size
            while left > 0:
                fh.write(block[: min(left, len(block))])
                left -= min(left, len(block))
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        log.warning("could not overwrite %s before deleting it: %s", path, exc)
    path.unlink(missing_ok=True)


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
    db_file.rename(aside)
    try:
        for suffix in ("-wal", "-shm"):
            db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)
        new_file.rename(db_file)
        crypto.marker_path(staging).rename(crypto.marker_path(data_dir))
        fsync_dir(data_dir)
        db = open_database(data_dir)
        try:
            with db.transaction() as session:
                audit.record(
                    session,
                    "db.encrypt",
                    actor=actor,
                    entity="database",
                    entity_id=paths.DB_NAME,
                    detail={"kdf": marker["kdf"], "tables": len(after), "rows": sum(after.values())},
                )
        finally:
            db.close()
    except BaseException:
        crypto.marker_path(data_dir).unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)
        aside.rename(db_file)
        fsync_dir(data_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    _shred(aside)
    fsync_dir(data_dir)
    log.info("database in %s encrypted (%d tables, %d rows)", data_dir, len(after), sum(after.values()))
    return EncryptResult(db_file, len(after), sum(after.values()), _plain_backups(data_dir))
