"""PageStore: content-addressed, durable, deduplicated; a failed write leaves nothing behind."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from desk_app.domain.errors import StorageError
from desk_app.scanning.store import PageStore


def test_put_writes_under_the_hash_and_reads_back(tmp_path: Path) -> None:
    store = PageStore(tmp_path / "files")
    sha, created = store.put(b"page one")
    assert sha == hashlib.sha256(b"page one").hexdigest()
    assert created
    path = tmp_path / "files" / sha[:2] / sha[2:]
    assert path.read_bytes() == b"page one"
    assert store.read(sha) == b"page one"
    assert list(store.iter_files()) == [(sha, path)]
    assert not list((tmp_path / "files").rglob("*.tmp"))


def test_the_same_content_is_stored_once(tmp_path: Path) -> None:
    store = PageStore(tmp_path)
    first = store.put(b"same")
    second = store.put(b"same")
    assert first[0] == second[0]
    assert (first[1], second[1]) == (True, False)
    assert len(list(store.iter_files())) == 1


def test_a_damaged_copy_is_replaced_by_a_new_put(tmp_path: Path) -> None:
    store = PageStore(tmp_path)
    sha, _ = store.put(b"original bytes")
    store.path_for(sha).write_bytes(b"original bytez")  # bit rot, same size
    _, created = store.put(b"original bytes")
    assert created
    assert store.read(sha) == b"original bytes"


def test_a_full_disk_raises_a_vietnamese_error_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PageStore(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError) as info:
        store.put(b"a page that does not fit")
    assert "Ổ đĩa đã đầy" in info.value.vi
    monkeypatch.undo()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_leftovers_and_unknown_files_are_told_apart(tmp_path: Path) -> None:
    store = PageStore(tmp_path)
    sha, _ = store.put(b"kept")
    (tmp_path / sha[:2] / f".{sha[2:]}.abcd1234.tmp").write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("?")
    store.put_thumb(sha, 64, b"png")
    assert [p.name for p in store.leftovers()] == [f".{sha[2:]}.abcd1234.tmp"]
    assert [p.name for p in store.other_files()] == ["notes.txt"]
    assert [s for s, _ in store.iter_files()] == [sha]


def test_path_for_refuses_what_is_not_a_hash(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        PageStore(tmp_path).path_for("../../etc/passwd")
