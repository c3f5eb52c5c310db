"""Crash safety of the data directory: the swap journal, the leftovers check and the first database.

Light on purpose (stdlib only, no SQLAlchemy, no Qt): the GUI's quick look and ``desk-app verify`` use it too.

**The swap journal.** ``restore`` and ``encrypt`` replace the live database by a new one that they verified
first. Before the first rename they write ``<data_dir>/swap-journal.json`` (atomically) naming every rename
still to do, in order, and what to remove afterwards. ``run`` performs the renames that are not done yet
(a rename whose target exists is done), removes what is listed, then deletes the
journal. A process killed at any step therefore leaves a journal, and the next start (``recover``, called by
``open_database``, ``verify`` and the GUI's quick look) finishes the operation: the new state was complete
and verified before the journal was written, so going forward is always possible and never loses work.

**Never a fresh database beside old data.** ``open_database`` creates a database only in a data directory
that holds no data: no stored files, no backups, no leftovers of a swap (``replaced-*``, ``.pre-encrypt-*``,
a staging folder), no ``encrypted.json``, no non-empty ``-wal``. A missing or 0-byte ``desk_app.db`` beside
such things is refused with a message that names them and says how to recover (see ``data_signs``).

**The first database** is built under a temporary name and renamed into place, so a start killed half-way
leaves no half-made database (``fresh_temp``; stale temporaries are removed by ``recover``).

**Permissions.** The data directory is made 0700 and the database files 0600 on POSIX (``make_private``):
another account on the same PC cannot read names or ID numbers. On Windows the per-user profile folder's ACL
(``%LOCALAPPDATA%``) does the same; see the README.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app import paths
from desk_app.domain.errors import StorageError
from desk_app.fsutil import fsync_dir, write_atomic

log = logging.getLogger(__name__)

JOURNAL = "swap-journal.json"
MARKER = "encrypted.json"  # store.crypto.MARKER (not imported: crypto is heavier than this module needs)
STAGING_PREFIXES = (".restore-", ".encrypt-")
FRESH_PREFIX = f".{paths.DB_NAME}.new-"
LEFTOVER_PREFIXES = ("replaced-", ".pre-encrypt-")


def journal_path(data_dir: Path) -> Path:
    return Path(data_dir) / JOURNAL


@dataclass
class Journal:
    """An operation's remaining renames (paths relative to the data directory) and its clean-up."""

    op: str  # "restore" or "encrypt"
    moves: list[tuple[str, str]]
    remove: list[str] = field(default_factory=list)  # folders or files removed once every move is done
    shred: list[str] = field(default_factory=list)  # files overwritten with zeros, then removed
    detail: dict[str, Any] = field(default_factory=dict)  # for the audit event recorded afterwards
    started_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "moves": [list(m) for m in self.moves],
            "remove": self.remove,
            "shred": self.shred,
            "detail": self.detail,
            "started_at": self.started_at,
        }


def _rel(data_dir: Path, path: Path) -> str:
    rel = Path(path).absolute().relative_to(Path(data_dir).absolute()).as_posix()
    if rel in ("", ".") or ".." in Path(rel).parts:
        raise ValueError(f"{path} is not inside {data_dir}")
    return rel


def begin(
    data_dir: Path,
    op: str,
    moves: list[tuple[Path, Path]],
    *,
    remove: list[Path] | None = None,
    shred: list[Path] | None = None,
    detail: dict[str, Any] | None = None,
) -> Journal:
    """Write the journal of a swap about to start (atomically, durably); return it for ``run``."""
    journal = Journal(
        op,
        [(_rel(data_dir, a), _rel(data_dir, b)) for a, b in moves],
        [_rel(data_dir, p) for p in remove or []],
        [_rel(data_dir, p) for p in shred or []],
        dict(detail or {}),
        datetime.now().strftime("%Y-%m-%dT%H:%M:%S"),
    )
    data = json.dumps(journal.as_dict(), ensure_ascii=False, indent=1).encode("utf-8")
    write_atomic(journal_path(data_dir), data, mode=0o600)
    return journal


def read_journal(data_dir: Path) -> Journal | None:
    path = journal_path(data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        journal = Journal(
            str(raw["op"]),
            [(str(a), str(b)) for a, b in raw["moves"]],
            [str(p) for p in raw.get("remove", [])],
            [str(p) for p in raw.get("shred", [])],
            dict(raw.get("detail") or {}),
            str(raw.get("started_at", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorageError(
            f"{path} (an interrupted restore or encryption) cannot be read: {exc}. Nothing was changed; "
            "run `desk-app verify` and restore the latest backup if needed.",
            "Không đọc được nhật ký của lần khôi phục/mã hóa bị gián đoạn (swap-journal.json). "
            "Chưa thay đổi gì; hãy chạy kiểm tra dữ liệu.",
        ) from exc
    for a, b in journal.moves:
        if ".." in Path(a).parts or ".." in Path(b).parts or Path(a).is_absolute() or Path(b).is_absolute():
            raise StorageError(
                f"{path} names a path outside the data directory: refused.",
                "Nhật ký của lần khôi phục/mã hóa bị gián đoạn (swap-journal.json) chỉ tới một thư mục nằm ngoài "
                "thư mục dữ liệu nên bị từ chối. Chưa thay đổi gì; hãy báo cán bộ kỹ thuật.",
            )
    return journal


def _shred(path: Path) -> None:
    """Overwrite a file with zeros, fsync, delete it (best effort on SSDs: full-disk encryption covers that)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as fh:
            block = b"\0" * (1 << 20)
            left = size
            while left > 0:
                n = min(left, len(block))
                fh.write(block[:n])
                left -= n
            fh.flush()
            os.fsync(fh.fileno())
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("could not overwrite %s before deleting it: %s", path, exc)
    path.unlink(missing_ok=True)


def run(data_dir: Path, journal: Journal) -> None:
    """Do every rename of ``journal`` not done yet, then the clean-up, then delete the journal."""
    base = Path(data_dir)
    for a, b in journal.moves:
        src, dst = base / a, base / b
        # A move is done when its target exists: targets are fresh names (replaced-*, .pre-encrypt-*) or live
        # names that an earlier move of the same journal vacated. So a live name that reappears (the new
        # database under desk_app.db) is never taken for a move still to do.
        if dst.exists() or dst.is_symlink():
            continue
        if src.exists() or src.is_symlink():
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.rename(src, dst)
            fsync_dir(dst.parent)
            if src.parent != dst.parent:
                fsync_dir(src.parent)
    for rel in journal.shred:
        _shred(base / rel)
    for rel in journal.remove:
        target = base / rel
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)
    journal_path(base).unlink(missing_ok=True)
    fsync_dir(base)


def rollback(data_dir: Path, journal: Journal) -> None:
    """Undo the renames of ``journal`` already done (after an error in ``run``), then drop the journal and
    what ``remove`` lists (the staging folder). Best effort: what cannot be undone is left to ``recover``."""
    base = Path(data_dir)
    try:
        for a, b in reversed(journal.moves):
            src, dst = base / a, base / b
            if dst.exists() and not src.exists():
                os.rename(dst, src)
        journal_path(base).unlink(missing_ok=True)
    except OSError as exc:
        log.error("could not undo the interrupted %s: %s (it is finished at the next start)", journal.op, exc)
        return
    for rel in journal.remove:
        shutil.rmtree(base / rel, ignore_errors=True)
    for _src, dst_rel in journal.moves:  # an empty replaced-* folder made for this swap
        parent = (base / dst_rel).parent
        if parent != base and parent.name.startswith(LEFTOVER_PREFIXES):
            with contextlib.suppress(OSError):
                parent.rmdir()
    fsync_dir(base)


@dataclass(frozen=True)
class Recovered:
    """What ``recover`` finished at start-up (for the message and the audit trail)."""

    op: str
    started_at: str
    detail: dict[str, Any]

    @property
    def message(self) -> str:
        what = {"restore": "restore", "encrypt": "encryption"}.get(self.op, self.op)
        return f"an interrupted {what} (started {self.started_at}) was finished at start-up"

    @property
    def message_vi(self) -> str:
        """What the clerk is told when the app opens (the CLI prints ``message``)."""
        try:
            when = datetime.fromisoformat(self.started_at).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            when = self.started_at
        if self.op == "encrypt":
            return (
                f"Lần trước, việc mã hóa dữ liệu (bắt đầu lúc {when}) bị ngắt giữa chừng. Ứng dụng đã làm "
                "nốt việc đó khi khởi động: dữ liệu nay đã được mã hóa, không mất gì."
            )
        return (
            f"Lần trước, việc khôi phục dữ liệu từ bản sao lưu (bắt đầu lúc {when}) bị ngắt giữa chừng. "
            "Ứng dụng đã làm nốt việc đó khi khởi động: dữ liệu đang dùng là dữ liệu của bản sao lưu đã chọn; "
            "dữ liệu trước đó vẫn được giữ trong thư mục replaced-… của thư mục dữ liệu."
        )


def _owner_alive(name: str) -> bool:
    """Whether the process that made a staging folder (``.restore-<stamp>-<pid>``) is still running."""
    try:
        pid = int(name.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False
    if os.name != "posix":  # signal 0 means something else there: keep the folder
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def recover(data_dir: Path) -> Recovered | None:
    """Finish an interrupted swap and remove stale temporaries; what was finished, or None."""
    base = Path(data_dir)
    if not base.is_dir():
        return None
    journal = read_journal(base)
    done: Recovered | None = None
    if journal is not None:
        log.warning("finishing an interrupted %s started %s", journal.op, journal.started_at)
        run(base, journal)
        done = Recovered(journal.op, journal.started_at, journal.detail)
    for child in list(base.iterdir()):
        name = child.name
        if name.startswith(STAGING_PREFIXES) and child.is_dir() and not _owner_alive(name):
            # a restore/encrypt killed before its swap
            shutil.rmtree(child, ignore_errors=True)
        elif name.startswith(FRESH_PREFIX):  # a first start killed before its rename
            child.unlink(missing_ok=True)
    return done


def _non_empty_dir(path: Path) -> bool:
    try:
        return path.is_dir() and any(path.iterdir())
    except OSError:
        return True


def data_signs(data_dir: Path) -> list[str]:
    """What in ``data_dir`` shows that it held data (so a new database must not be created there)."""
    base = Path(data_dir)
    signs: list[str] = []
    if journal_path(base).exists():
        signs.append(JOURNAL)
    if (base / MARKER).exists():
        signs.append(MARKER)
    wal = base / f"{paths.DB_NAME}-wal"
    if wal.is_file() and wal.stat().st_size > 0:
        signs.append(wal.name)
    for folder in (paths.files_dir(base), paths.backups_dir(base)):
        if _non_empty_dir(folder):
            signs.append(folder.name + "/")
    if base.is_dir():
        for child in sorted(base.iterdir()):
            if child.name.startswith(LEFTOVER_PREFIXES + STAGING_PREFIXES) and (
                child.is_file() or _non_empty_dir(child)
            ):
                signs.append(child.name)
    return signs


def _is_empty_db(db_file: Path) -> bool:
    try:
        st = db_file.lstat()
    except FileNotFoundError:
        return True
    return stat.S_ISREG(st.st_mode) and st.st_size == 0


def needs_creation(data_dir: Path) -> bool:
    """True when there is no database yet (missing or 0-byte); StorageError when creating one would hide data."""
    base = Path(data_dir)
    db_file = paths.db_path(base)
    if not _is_empty_db(db_file):
        if db_file.is_dir():
            raise StorageError(
                f"{db_file} is a folder, not a database file: move it away or restore a backup.",
                "Tệp dữ liệu desk_app.db là một thư mục, không phải tệp cơ sở dữ liệu. "
                "Hãy chuyển nó đi hoặc khôi phục bản sao lưu.",
            )
        return False
    signs = data_signs(base)
    if signs:
        found = ", ".join(signs[:6])
        where = next((s for s in signs if s.startswith(LEFTOVER_PREFIXES)), None)
        hint = (
            f"the previous data may be in {base / where}; restore a backup with `desk-app restore FOLDER`"
            if where
            else "restore a backup with `desk-app restore FOLDER`"
        )
        state = "is empty (0 bytes)" if db_file.exists() else "is missing"
        raise StorageError(
            f"The database {db_file} {state} but the data directory holds data ({found}): no new database "
            f"was created, so nothing is hidden. {hint[0].upper() + hint[1:]}.",
            "Không tìm thấy cơ sở dữ liệu nhưng thư mục dữ liệu vẫn còn dữ liệu (tệp quét, bản sao lưu hoặc "
            "bản cũ): không tạo cơ sở dữ liệu mới. Hãy khôi phục từ bản sao lưu (desk-app restore).",
        )
    return True


def writable(data_dir: Path) -> bool:
    """Whether files can be created in ``data_dir`` (a probe file: permissions alone miss read-only media)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".probe-", dir=data_dir)
    except OSError as exc:
        return exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def fresh_temp(data_dir: Path) -> Path:
    """Where a first database is built before it is renamed to ``desk_app.db``."""
    return Path(data_dir) / f"{FRESH_PREFIX}{os.getpid()}"


def make_private(data_dir: Path) -> None:
    """The data directory 0700, the database and its WAL files 0600 (POSIX; a no-op on Windows)."""
    if os.name != "posix":
        return
    base = Path(data_dir)
    try:
        db_file = paths.db_path(base)
        ours = db_file.is_file()  # the folder holds our database (not, say, a home folder given by mistake)
        if ours and base.stat().st_uid == os.getuid() and stat.S_IMODE(base.stat().st_mode) != 0o700:
            os.chmod(base, 0o700)
        for path in (
            db_file,
            db_file.with_name(db_file.name + "-wal"),
            db_file.with_name(db_file.name + "-shm"),
        ):
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
                os.chmod(path, 0o600)
    except OSError as exc:  # a read-only medium: reported where it matters (the first write)
        log.info("could not tighten the permissions of %s: %s", base, exc)
