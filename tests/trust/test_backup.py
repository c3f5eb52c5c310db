"""Backups (services.backup): complete and verified, rotated, copied to a second disk; restore refuses damage."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk_app import paths
from desk_app.domain.errors import UserError
from desk_app.services.trust import backup, integrity
from desk_app.store import settings
from tests.trust.helpers import (
    damage_middle,
    listing,
    receive_some,
    reseal_manifest,
    store_file,
    tamper_audit,
)


@pytest.fixture
def filled(unit_db: Any) -> Any:
    codes = receive_some(unit_db, 5)
    store_file(unit_db, b"%PDF-1.4 first scan", code=codes[0])
    store_file(unit_db, b"\x89PNG second scan", code=codes[1])
    unit_db.codes = codes
    return unit_db


def _codes(db_file: Path) -> list[str]:
    conn = sqlite3.connect(db_file)
    try:
        return [r[0] for r in conn.execute("SELECT code FROM dossiers WHERE code IS NOT NULL ORDER BY code")]
    finally:
        conn.close()


def test_backup_folder_has_a_manifest_of_every_file(filled: Any, tmp_path: Path) -> None:
    info = backup.create_backup(filled, tmp_path / "b1", actor="admin")
    manifest = json.loads((tmp_path / "b1" / "manifest.json").read_text())
    assert manifest["format"] == "desk-app-backup"
    assert manifest["schema_revision"] and manifest["created_at"]
    assert len(manifest["files"]) == info.files == 2
    assert all(len(e["sha256"]) == 64 for e in [manifest["db"], *manifest["files"]])
    assert _codes(tmp_path / "b1" / "desk_app.db") == sorted(filled.codes)
    assert backup.verify_backup(tmp_path / "b1").files == 2
    assert not list(tmp_path.glob(".*partial*"))
    with pytest.raises(UserError, match="already exists"):
        backup.create_backup(filled, tmp_path / "b1", actor="admin")


def test_restore_swaps_in_the_backup_and_keeps_the_old_data_aside(filled: Any, tmp_path: Path) -> None:
    backup.create_backup(filled, tmp_path / "b1", actor="admin")
    later = receive_some(filled, 2, start=50)
    filled.close()
    result = backup.restore(filled.data_dir, tmp_path / "b1", actor="admin")
    assert result.replaced_dir is not None and result.replaced_dir.name.startswith("replaced-")
    assert set(later) <= set(_codes(result.replaced_dir / "desk_app.db"))
    assert _codes(paths.db_path(filled.data_dir)) == sorted(filled.codes)
    assert integrity.verify_data_dir(filled.data_dir).ok
    conn = sqlite3.connect(paths.db_path(filled.data_dir))
    last = conn.execute("SELECT actor, action FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert last == ("admin", "backup.restore")


@pytest.mark.parametrize(
    "damage",
    [
        "db_bytes",
        "scan_bytes",
        "scan_missing",
        "extra_file",
        "audit_chain",
        "manifest_garbage",
        "no_manifest",
    ],
)
def test_a_damaged_backup_is_refused_and_nothing_changes(filled: Any, tmp_path: Path, damage: str) -> None:
    b = tmp_path / "b1"
    backup.create_backup(filled, b, actor="admin")
    scans = sorted(p for p in (b / "files").rglob("*") if p.is_file())
    if damage == "db_bytes":
        damage_middle(b / "desk_app.db")
    elif damage == "scan_bytes":
        scans[0].write_bytes(b"%PDF-1.4 tampered")
    elif damage == "scan_missing":
        scans[0].unlink()
    elif damage == "extra_file":
        (scans[0].parent / "planted.bin").write_bytes(b"x")
    elif damage == "audit_chain":
        tamper_audit(b / "desk_app.db")
        reseal_manifest(b)
    elif damage == "manifest_garbage":
        (b / "manifest.json").write_bytes(b"\xff\xfe{not json")
    elif damage == "no_manifest":
        (b / "manifest.json").unlink()
    filled.close()
    before = listing(filled.data_dir)
    with pytest.raises(backup.BackupDamaged) as caught:
        backup.restore(filled.data_dir, b, actor="admin")
    if damage == "audit_chain":
        assert "audit chain" in caught.value.message
    assert listing(filled.data_dir) == before
    assert not list(filled.data_dir.glob("replaced-*")) and not list(filled.data_dir.glob(".restore-*"))


def test_backup_refuses_a_damaged_live_database(filled: Any, tmp_path: Path) -> None:
    filled.close()
    tamper_audit(filled.path)
    from desk_app.store.db import open_database

    db = open_database(filled.data_dir)
    try:
        with pytest.raises(UserError, match="audit chain"):
            backup.create_backup(db, tmp_path / "b1", actor="admin")
    finally:
        db.close()
    assert not (tmp_path / "b1").exists() and not list(tmp_path.glob(".*partial*"))


def test_automatic_backups_rotate_share_scans_and_copy_to_the_second_path(
    filled: Any, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    with filled.transaction() as s:
        settings.put(s, "backup_keep", 2)
        settings.put(s, "backup_second_path", str(usb))
    assert backup.backup_due(filled)
    start = datetime(2026, 3, 2, 17, 0)
    results = []
    for day in range(5):
        results.append(
            backup.auto_backup(filled, reason="exit", actor="hang", now=start + timedelta(days=day))
        )
    primary_dir = paths.backups_dir(filled.data_dir)
    # created_at is the real clock, so all five are "today": the newest 3 are kept (KEEP_NEWEST).
    kept = backup.list_backups(primary_dir)
    assert len(kept) == 3 and len(backup.list_backups(usb)) == 3
    assert all(r.second is not None and not r.second_error for r in results)
    assert not backup.backup_due(filled)
    # Unchanged scans are hard links to the previous backup's copy, not new copies.
    a, b = (sorted(p for p in (k.path / "files").rglob("*") if p.is_file())[0] for k in kept[:2])
    assert a.stat().st_ino == b.stat().st_ino
    for k in kept:
        backup.verify_backup(k.path)


def test_rotation_keeps_one_per_day(tmp_path: Path) -> None:
    for day, hour in [(1, 9), (1, 17), (2, 9), (3, 9), (3, 12), (3, 17)]:
        folder = tmp_path / f"auto-202603{day:02d}-{hour:02d}0000"
        folder.mkdir()
        (folder / "manifest.json").write_text(
            json.dumps(
                {
                    "format": "desk-app-backup",
                    "format_version": 1,
                    "created_at": f"2026-03-{day:02d}T{hour:02d}:00:00",
                    "db": {"path": "desk_app.db", "sha256": "0" * 64, "size": 1},
                    "files": [],
                }
            )
        )
    (tmp_path / "manual").mkdir()
    removed = backup.rotate(tmp_path, keep_days=2, keep_newest=1)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["auto-20260302-090000", "auto-20260303-170000", "manual"]
    assert len(removed) == 4


def test_a_missing_second_path_does_not_fail_the_backup(filled: Any, tmp_path: Path) -> None:
    with filled.transaction() as s:
        settings.put(s, "backup_second_path", str(tmp_path / "unplugged-usb"))
    result = backup.auto_backup(filled)
    assert result.primary.path.is_dir() and result.second is None
    assert "not available" in result.second_error


def test_restore_into_an_empty_data_directory(filled: Any, tmp_path: Path) -> None:
    """A new PC: restoring needs no existing data."""
    backup.create_backup(filled, tmp_path / "b1", actor="admin")
    fresh = tmp_path / "new-pc"
    result = backup.restore(fresh, tmp_path / "b1")
    assert result.replaced_dir is None
    assert _codes(paths.db_path(fresh)) == sorted(filled.codes)
    assert integrity.verify_data_dir(fresh).ok
    shutil.rmtree(fresh)
