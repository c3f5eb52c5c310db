"""The per-installation secret that keys the ID-number hashes of the help log.

It lives in a file beside the database (``<data dir>/assist-secret.key``, owner-only), NOT in the database:
a copy of the database alone (a lost backup, a support request) cannot be turned back into ID numbers by
hashing every possible number. Losing the file only means visits before and after no longer match.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from desk_app.domain.errors import StorageError

FILE_NAME = "assist-secret.key"


def secret_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def load_or_create(data_dir: Path) -> bytes:
    """The installation's 32-byte secret, created on first use (two processes agree: the first wins)."""
    path = secret_path(data_dir)
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(
            f"Cannot read {path}: {exc.strerror or exc}.", "Không đọc được khóa bảo vệ của sổ hỗ trợ."
        ) from exc
    tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another process created it first: use theirs
            os.link(tmp, path)
    except OSError as exc:
        raise StorageError(
            f"Cannot create {path}: {exc.strerror or exc}.", "Không tạo được khóa bảo vệ của sổ hỗ trợ."
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    data = path.read_bytes()
    if len(data) != 32:
        raise StorageError(f"{path} is damaged (expected 32 bytes).", "Khóa bảo vệ của sổ hỗ trợ bị hỏng.")
    return data
