"""Optional encryption of the database at rest with SQLCipher (mã hóa cơ sở dữ liệu).

A database is encrypted when a marker file ``encrypted.json`` sits in the same folder as ``desk_app.db`` (the
data directory, a backup folder, a restore's staging folder). The marker holds the KDF, its salt and its
iteration count, never the key. The key is derived from an admin passphrase, read from the environment variable
``DESK_APP_DB_PASSPHRASE`` (scripts, CI; the GUI may ask for it later), with PBKDF2-HMAC-SHA256; it reaches
SQLCipher as a raw key (``PRAGMA key = "x'…'"``), so the passphrase itself never appears in SQL.

No Qt and no SQLAlchemy here: ``connect`` is the one DB-API connector for every reader of the live file.
Without a marker it is exactly ``sqlite3.connect``; ``sqlcipher3`` is imported only for an encrypted database.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import secrets
import sqlite3
import unicodedata
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from desk_app.domain.errors import StorageError

MARKER = "encrypted.json"
ENV_VAR = "DESK_APP_DB_PASSPHRASE"
KDF = "pbkdf2-sha256"
ITERATIONS = 200_000
MIN_PASSPHRASE = 8


def marker_path(folder: Path) -> Path:
    return Path(folder) / MARKER


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker of the database in ``folder``; None when that database is not encrypted."""
    path = marker_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StorageError(
            f"{path} cannot be read ({exc}): the database cannot be unlocked.",
            "Không đọc được tệp đánh dấu mã hóa (encrypted.json): không mở được cơ sở dữ liệu.",
        ) from exc
    if not isinstance(data, dict) or data.get("kdf") != KDF or not isinstance(data.get("salt"), str):
        raise StorageError(
            f"{path} does not describe a known key derivation.",
            "Tệp đánh dấu mã hóa (encrypted.json) không hợp lệ.",
        )
    return data


def is_encrypted(db_file: Path) -> bool:
    return marker_path(Path(db_file).parent).is_file()


def new_marker() -> dict[str, Any]:
    return {
        "kdf": KDF,
        "salt": secrets.token_hex(16),
        "iterations": ITERATIONS,
        "cipher": "sqlcipher-default",
        "created_at": datetime.now().strftime("%Y-%m-%dT%H:%M:%S"),
    }


def write_marker(folder: Path, marker: dict[str, Any]) -> None:
    """Write the marker under a temp name, fsync it, rename it into place."""
    path = marker_path(folder)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(marker, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def passphrase_from_env() -> str | None:
    value = os.environ.get(ENV_VAR)
    return unicodedata.normalize("NFC", value) if value else None


@functools.lru_cache(maxsize=8)
def derive_key(passphrase: str, salt_hex: str, iterations: int = ITERATIONS) -> bytes:
    """The 32-byte raw SQLCipher key (cached: readers open several connections)."""
    return hashlib.pbkdf2_hmac(
        "sha256",
        unicodedata.normalize("NFC", passphrase).encode("utf-8"),
        bytes.fromhex(salt_hex),
        iterations,
    )


def key_for(db_file: Path) -> bytes | None:
    """The key of the database ``db_file`` (None: not encrypted); StorageError when no passphrase is given."""
    marker = read_marker(Path(db_file).parent)
    if marker is None:
        return None
    phrase = passphrase_from_env()
    if not phrase:
        raise StorageError(
            f"The database is encrypted: set {ENV_VAR} to its passphrase.",
            f"Cơ sở dữ liệu được mã hóa: cần nhập cụm mật khẩu (biến môi trường {ENV_VAR}).",
        )
    return derive_key(phrase, marker["salt"], int(marker.get("iterations", ITERATIONS)))


def dbapi() -> ModuleType:
    """The ``sqlcipher3.dbapi2`` module; StorageError when the optional extra is not installed."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        raise StorageError(
            "The database is encrypted but SQLCipher is not installed (pip install desk-app[encryption]).",
            "Cơ sở dữ liệu được mã hóa nhưng chưa cài SQLCipher (gói sqlcipher3-binary).",
        ) from exc
    return dbapi2


def _errors(name: str) -> tuple[type[Exception], ...]:
    found: list[type[Exception]] = [getattr(sqlite3, name)]
    try:
        from sqlcipher3 import dbapi2

        found.append(getattr(dbapi2, name))
    except ImportError:
        pass
    return tuple(found)


ERRORS: tuple[type[Exception], ...] = _errors("Error")
"""Catch these where ``sqlite3.Error`` was caught: both drivers' base errors."""
DB_ERRORS: tuple[type[Exception], ...] = _errors("DatabaseError")
"""Catch these where ``sqlite3.DatabaseError`` was caught."""


def key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def wrong_passphrase(db_file: Path) -> StorageError:
    return StorageError(
        f"wrong passphrase for the encrypted database {db_file} (or the file is damaged).",
        "Sai cụm mật khẩu của cơ sở dữ liệu được mã hóa (hoặc tệp dữ liệu bị hỏng).",
    )


_AUTO: Any = object()


def connect(db_file: Path | str, *, mode: str | None = None, key: bytes | None = _AUTO, **kwargs: Any) -> Any:
    """A DB-API connection on ``db_file``: plain sqlite3, or SQLCipher unlocked with the key.

    ``mode``: None (read-write), "ro" (``mode=ro``) or "immutable" (``immutable=1``: a file nobody writes).
    ``key``: by default found through the marker beside the file; pass bytes (or None) to override, e.g. for
    a temp file outside its folder. Other keyword arguments go to ``connect`` (check_same_thread, ...).
    """
    path = Path(db_file)
    if key is _AUTO:
        key = key_for(path)
    if mode is None:
        target, uri = str(path), False
    else:
        query = "immutable=1" if mode == "immutable" else f"mode={mode}"
        target, uri = f"{path.resolve().as_uri()}?{query}", True  # as_uri: right on Windows too
    if key is None:
        return sqlite3.connect(target, uri=uri, **kwargs)
    module = dbapi()
    conn = module.connect(target, uri=uri, **kwargs)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported once, by us, not on stderr
        conn.execute(key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower() or "encrypted" in str(exc).lower():
            raise wrong_passphrase(path) from exc
        raise
    return conn
