"""FolderWatcher: a file is taken only once it has stopped changing; temporary names never."""

from __future__ import annotations

from pathlib import Path

from desk_app.scanning.watcher import FolderWatcher


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def names(files: list) -> list[str]:  # type: ignore[type-arg]
    return [f.path.name for f in files]


def test_a_file_is_taken_after_two_unchanged_looks(tmp_path: Path) -> None:
    clock = Clock()
    watcher = FolderWatcher(tmp_path, settle_seconds=2, clock=clock)
    (tmp_path / "scan1.pdf").write_bytes(b"%PDF-1.4 whole")
    assert watcher.poll() == []  # first look: not known to be finished
    clock.now += 1
    assert watcher.poll() == []  # unchanged, but not for long enough
    clock.now += 1.5
    assert names(watcher.poll()) == ["scan1.pdf"]


def test_a_file_still_growing_is_not_taken(tmp_path: Path) -> None:
    clock = Clock()
    watcher = FolderWatcher(tmp_path, settle_seconds=2, clock=clock)
    target = tmp_path / "copier.jpg"
    target.write_bytes(b"\xff\xd8\xff" + b"a" * 10)
    watcher.poll()
    for _ in range(3):
        clock.now += 5
        with target.open("ab") as fh:
            fh.write(b"more")
        assert watcher.poll() == []
        assert watcher.pending() == 1
    clock.now += 1
    assert watcher.poll() == []  # unchanged since the last look, but only for 1 s
    clock.now += 1
    assert names(watcher.poll()) == ["copier.jpg"]


def test_hidden_temporary_and_folder_entries_are_ignored(tmp_path: Path) -> None:
    clock = Clock()
    watcher = FolderWatcher(tmp_path, settle_seconds=0, clock=clock)
    for name in (".hidden.jpg", "~lock.pdf", "scan.pdf.part", "job.tmp", "Thumbs.db", "real.png"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    watcher.poll()
    assert names(watcher.poll()) == ["real.png"]


def test_collect_waits_and_returns_the_stable_files(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"x")
    assert names(FolderWatcher(tmp_path, settle_seconds=0.05).collect()) == ["a.jpg"]


def test_a_missing_folder_gives_nothing(tmp_path: Path) -> None:
    assert FolderWatcher(tmp_path / "network-share-down", settle_seconds=0).collect() == []
