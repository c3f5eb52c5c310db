"""FolderWatcher: the scan-to-folder inbox, polled (no inotify, works on network shares and Windows).

A copier writes a file over seconds; a file is taken only once two looks at least ``settle_seconds``
apart saw the same size and modification time. Hidden and temporary names (".x", "~x", "*.tmp",
"*.part", "*.crdownload") are never taken. Sub-folders are not looked into.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_TEMP_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".lock")


@dataclass(frozen=True)
class FolderFile:
    """A file seen in the watched folder."""

    path: Path
    size: int
    mtime_ns: int


def _ignored(name: str) -> bool:
    lower = name.lower()
    return (
        name.startswith((".", "~", "$"))
        or lower.endswith(_TEMP_SUFFIXES)
        or lower in ("thumbs.db", "desktop.ini")
    )


class FolderWatcher:
    """Poll ``folder``; ``poll()`` returns the files that have stopped changing."""

    def __init__(
        self, folder: Path, settle_seconds: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.folder = Path(folder)
        self.settle_seconds = settle_seconds
        self._clock = clock
        self._seen: dict[Path, tuple[int, int, float]] = {}  # path -> (size, mtime_ns, unchanged since)

    def _look(self) -> list[FolderFile]:
        files: list[FolderFile] = []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return files
        for entry in entries:
            if _ignored(entry.name):
                continue
            try:
                if not entry.is_file():
                    continue
                st = entry.stat()
            except OSError:  # vanished or locked between listing and stat
                continue
            files.append(FolderFile(Path(entry.path), st.st_size, st.st_mtime_ns))
        return files

    def poll(self) -> list[FolderFile]:
        """Look once; return the stable files (seen unchanged for ``settle_seconds`` over two looks)."""
        now = self._clock()
        stable: list[FolderFile] = []
        seen: dict[Path, tuple[int, int, float]] = {}
        for f in self._look():
            before = self._seen.get(f.path)
            if before is not None and before[:2] == (f.size, f.mtime_ns):
                since = before[2]
                if now - since >= self.settle_seconds:
                    stable.append(f)
            else:
                since = now
            seen[f.path] = (f.size, f.mtime_ns, since)
        self._seen = seen
        return sorted(stable, key=lambda f: (f.mtime_ns, f.path.name))

    def pending(self) -> int:
        """How many files were seen but are not stable yet."""
        now = self._clock()
        return sum(1 for _, _, since in self._seen.values() if now - since < self.settle_seconds)

    def collect(self, max_wait: float | None = None) -> list[FolderFile]:
        """One-shot use (the CLI): look, wait ``settle_seconds``, look again; the files stable by then.

        Files still changing are left for the next run.
        """
        self.poll()
        wait = self.settle_seconds if max_wait is None else min(max_wait, self.settle_seconds)
        if self._seen:
            time.sleep(max(wait, 0.0))
        return self.poll()
