"""Durable file writes: a temp name in the target folder, fsync, rename, then fsync the folder.

A crash or power cut leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import stat
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


def check_regular_target(path: Path | str) -> Path:
    """Refuse an output path that exists and is not a regular file (a device such as /dev/full or
    /dev/stdout, a symbolic link, a folder, a pipe, a socket): writing there would replace or follow it."""
    target = Path(path).expanduser()
    try:
        st = target.lstat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise StorageError(
            f"Cannot write {target}: {exc.strerror or exc}.",
            f"Không ghi được tệp {target.name}.",
        ) from exc
    kind = None
    if stat.S_ISLNK(st.st_mode):
        kind = "a symbolic link"
    elif stat.S_ISDIR(st.st_mode):
        kind = "a folder"
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        kind = "a device"
    elif stat.S_ISFIFO(st.st_mode):
        kind = "a pipe"
    elif stat.S_ISSOCK(st.st_mode):
        kind = "a socket"
    elif not stat.S_ISREG(st.st_mode):
        kind = "not a regular file"
    if kind is not None:
        raise StorageError(
            f"{target} is {kind}, not a regular file: choose a file name to write to. Nothing was written.",
            f"{target} không phải là một tệp thông thường: hãy chọn tên tệp khác. Chưa ghi gì.",
        )
    return target


def write_atomic(path: Path | str, data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` atomically and durably; return the path.

    ``mode`` None gives an ordinary file (0666 less the umask: the CLI and the GUI set the umask to 077, so
    0600); pass 0o600 for personal data. Only a regular file (or a new name) is written: a device, a link, a
    folder or a pipe at ``path`` is refused (``check_regular_target``).
    Raises StorageError with a Vietnamese message when the folder cannot be written.
    """
    target = check_regular_target(path)
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


def private_umask() -> None:
    """Files and folders the process creates are for its user only (0600 / 0700), on POSIX."""
    if os.name == "posix":
        os.umask(0o077)
