"""PageStore: files kept content-addressed under ``<data_dir>/files/ab/cdef…`` (SHA-256).

A file is written to a temporary name in its final folder, fsynced, renamed, and the folder fsynced: once
``put`` returns, the file survives a power cut, and a reader never sees half a file. The same content is
stored once. Temporary names start with "." and end with ".tmp" (backups and the sweep skip them).
Thumbnails are a cache under ``files/thumbs/`` (rebuilt when missing, never referenced by a row).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

from desk_app.domain.errors import StorageError
from desk_app.fsutil import fsync_dir, replace_file

_HEX = re.compile(r"^[0-9a-f]+$")
THUMBS = "thumbs"
_CHUNK = 1 << 20


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_path(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def storage_error(exc: OSError, what: str) -> StorageError:
    """A clerk-facing error for a failed write; nothing of the file was kept."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return StorageError(
            f"The disk is full while saving {what}: free some space, then try again.",
            "Ổ đĩa đã đầy nên chưa lưu được. Hãy giải phóng dung lượng rồi thử lại; chưa có gì bị lưu dở.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(
            f"The data directory is read-only: cannot save {what}.",
            "Không ghi được vào thư mục dữ liệu (chỉ đọc). Hãy kiểm tra quyền truy cập.",
        )
    return StorageError(
        f"Cannot save {what}: {exc.strerror or exc}.",
        f"Không lưu được tệp: {exc.strerror or exc}. Chưa có gì bị lưu dở.",
    )


def atomic_write(dest: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``dest`` through a temporary name in the same folder (fsync + rename + folder fsync)."""
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("xb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        replace_file(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(dest.parent)


class PageStore:
    """Content-addressed storage of page files (kho tệp số hóa)."""

    def __init__(self, files_dir: Path) -> None:
        self.root = Path(files_dir)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not _HEX.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store ``data`` durably; returns (sha256, newly written). An existing damaged copy is replaced."""
        sha = sha256_of(data)
        dest = self.path_for(sha)
        try:
            if dest.is_file() and dest.stat().st_size == len(data) and hash_path(dest) == sha:
                return sha, False
            if not dest.parent.is_dir():
                self.root.mkdir(parents=True, exist_ok=True)
                dest.parent.mkdir(exist_ok=True)
                fsync_dir(self.root)
            atomic_write(dest, data)
        except OSError as exc:
            raise storage_error(exc, "a page") from exc
        return sha, True

    def discard(self, sha256: str) -> None:
        """Remove a file this operation wrote but did not commit (its rows were rolled back)."""
        with contextlib.suppress(OSError):
            self.path_for(sha256).unlink(missing_ok=True)

    def iter_files(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every content file on disk, from the names; thumbs and temp files skipped."""
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            if not (shard.is_dir() and len(shard.name) == 2 and _HEX.match(shard.name)):
                continue
            for entry in sorted(shard.iterdir()):
                if entry.is_file() and len(entry.name) == 62 and _HEX.match(entry.name):
                    yield shard.name + entry.name, entry

    def leftovers(self) -> list[Path]:
        """Temporary files left by an interrupted write (safe to delete)."""
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.glob("*/.*.tmp") if p.is_file())

    def other_files(self) -> list[Path]:
        """Files under ``files/`` that are neither stored pages, thumbnails nor temporary files."""
        if not self.root.is_dir():
            return []
        known = {p for _, p in self.iter_files()} | set(self.leftovers())
        thumbs = self.root / THUMBS
        return sorted(
            p for p in self.root.rglob("*") if p.is_file() and p not in known and thumbs not in p.parents
        )

    def thumb_path(self, sha256: str, size: int) -> Path:
        self.path_for(sha256)  # validates
        return self.root / THUMBS / sha256[:2] / f"{sha256[2:]}-{size}.png"

    def put_thumb(self, sha256: str, size: int, png: bytes) -> Path:
        dest = self.thumb_path(sha256, size)
        dest.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(dest, png, durable=False)  # a cache: rebuilt if lost
        return dest
