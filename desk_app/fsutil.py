"""Durable file writes: a temp name in the target folder, fsync, rename, then fsync the folder.

A crash or power cut leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desk_app.domain.errors import StorageError


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path | str, data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` atomically and durably; return the path.

    ``mode`` None gives an ordinary file (0666 less the umask); pass 0o600 for personal data.
    Raises StorageError with a Vietnamese message when the folder cannot be written.
    """
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StorageError(
            f"Cannot write to {folder}: {exc.strerror or exc}.",
            f"Không ghi được vào thư mục {folder}: hãy chọn thư mục khác hoặc kiểm tra ổ đĩa.",
        ) from exc
    try:
        if mode is None:
            umask = os.umask(0o022)
            os.umask(umask)
            mode = 0o666 & ~umask  # mkstemp makes 0600; a printed form is an ordinary file
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StorageError(
            f"Cannot write {target}: {exc.strerror or exc}.",
            f"Không ghi được tệp {target.name}: ổ đĩa có thể đã đầy hoặc không cho phép ghi.",
        ) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    return target
