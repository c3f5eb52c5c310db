"""Durable file writes: a temp name in the target folder, fsync, rename, then fsync the folder.

A crash or power cut leaves either the old file or the new one, never half of one.

Windows (commune PCs) differs in four ways, each handled here so that callers need not know:

- a folder cannot be opened to fsync it: the rename itself is made durable instead (``MoveFileExW`` with
  ``MOVEFILE_WRITE_THROUGH`` returns once the change is on disk), and :func:`fsync_dir` does nothing;
- a file another program holds open (a slip open in the PDF reader, a scan the antivirus is reading) cannot be
  replaced: the rename is retried briefly (scanners let go within a second), then the clerk is told to close
  the file, and the old file is left as it was;
- there are no POSIX modes (``os.fchmod`` is missing before Python 3.13): files inherit the ACL of the user's
  profile folder, which other users cannot read;
- a path longer than 260 characters fails with winerror 206 instead of ``ENAMETOOLONG``: :func:`name_too_long`
  recognises both.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from desk_app.domain.errors import StorageError

_IS_WINDOWS = os.name == "nt"
#: MoveFileExW flags: replace an existing target; return only once the move is flushed to disk.
MOVEFILE_REPLACE_EXISTING = 0x1
MOVEFILE_WRITE_THROUGH = 0x8
#: Windows errors of a file held open by another program: access denied, sharing violation, lock violation.
_BUSY_WINERRORS = (5, 32, 33)
ERROR_FILENAME_EXCED_RANGE = 206
#: Attempts to replace a busy file on Windows, and the first pause (doubling): about 1.5 s in all.
REPLACE_ATTEMPTS = 5
_FIRST_PAUSE = 0.1
_sleep: Callable[[float], None] = time.sleep


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (a no-op where folders cannot be opened)."""
    if _IS_WINDOWS:  # folders cannot be opened for fsync; replace_file writes through instead
        return
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


def _move_file_ex(src: str, dst: str) -> None:  # pragma: no cover - runs on Windows only
    """The Windows rename that replaces the target and returns once it is on disk."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    if not kernel32.MoveFileExW(src, dst, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]


def is_busy(exc: OSError) -> bool:
    """True when ``exc`` says another program holds the file open (Windows)."""
    return isinstance(exc, PermissionError) and getattr(exc, "winerror", None) in _BUSY_WINERRORS


def name_too_long(exc: BaseException) -> bool:
    """True when ``exc`` is a path or name too long for the system (POSIX or Windows)."""
    return isinstance(exc, OSError) and (
        exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == ERROR_FILENAME_EXCED_RANGE
    )


def replace_file(src: Path | str, dst: Path | str) -> None:
    """``os.replace`` made durable and patient on Windows (see the module docstring); POSIX: os.replace.

    Raises the last OSError when the target stays busy; the source is left in place for the caller.
    """
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            if _IS_WINDOWS:
                _move_file_ex(os.fspath(src), os.fspath(dst))
            else:
                os.replace(src, dst)
            return
        except OSError as exc:
            if not (_IS_WINDOWS and is_busy(exc)) or attempt == REPLACE_ATTEMPTS - 1:
                raise
            _sleep(_FIRST_PAUSE * 2**attempt)


def _chmod(fd: int, mode: int) -> None:
    if hasattr(os, "fchmod") and not _IS_WINDOWS:  # Windows: the profile folder's ACL applies
        os.fchmod(fd, mode)


def write_atomic(path: Path | str, data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` atomically and durably; return the path.

    ``mode`` None gives an ordinary file (0666 less the umask: the CLI and the GUI set the umask to 077, so
    0600); pass 0o600 for personal data (POSIX; on Windows the user's folder ACL protects it). Only a regular
    file (or a new name) is written: a device, a link, a folder or a pipe at ``path`` is refused
    (``check_regular_target``). Raises StorageError with a Vietnamese message when the folder cannot be written
    or the target is held open by another program.
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
        _chmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if is_busy(exc):
            raise StorageError(
                f"Cannot replace {target}: another program has it open.",
                f"Tệp {target.name} đang được mở trong chương trình khác (ví dụ trình đọc PDF): "
                "hãy đóng tệp đó rồi thử lại.",
            ) from exc
        raise StorageError(
            f"Cannot write {target}: {exc.strerror or exc}.",
            f"Không ghi được tệp {target.name}: ổ đĩa có thể đã đầy hoặc không cho phép ghi.",
        ) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    return target


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV export as bytes, the same on every system: UTF-8 with a BOM (Excel on Windows then reads the
    Vietnamese right) and CRLF line ends (RFC 4180), whatever ``os.linesep`` is. Write it with write_atomic
    (binary: no newline translation). Cells are written as ``str``; None is empty."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
