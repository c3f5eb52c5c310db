"""The restore drill, through the CLI as a script would run it: back up, damage, verify fails, restore, verify."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from tests.trust.conftest import Staff, snapshot
from tests.trust.helpers import damage_middle, listing, receive_some, store_file, tamper_audit


def _codes(db_file: Path) -> list[str]:
    conn = sqlite3.connect(db_file)
    try:
        return [r[0] for r in conn.execute("SELECT code FROM dossiers ORDER BY code")]
    finally:
        conn.close()


def test_restore_drill(staff: Staff, tmp_path: Path) -> None:
    codes = receive_some(staff.db, 30)
    store_file(staff.db, b"%PDF-1.4 scan of the birth certificate", code=codes[0])
    staff.db.close()
    db_file = staff.data_dir / "desk_app.db"

    ok = staff.cli(None, "verify", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["ok"] is True

    out = tmp_path / "usb" / "backup-1"
    made = staff.cli("admin", "backup", "--out", str(out), "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["files"] == 1

    damage_middle(db_file)
    bad = staff.cli(None, "verify")
    assert bad.returncode == 1
    assert "database" in bad.stderr and "BAD database" in bad.stdout
    assert "Traceback" not in bad.stderr

    restored = staff.cli("admin", "restore", str(out), "--json")
    assert restored.returncode == 0, restored.stderr
    aside = Path(json.loads(restored.stdout)["replaced_dir"])
    assert (aside / "desk_app.db").is_file()

    again = staff.cli(None, "verify")
    assert again.returncode == 0, again.stdout + again.stderr
    assert _codes(db_file) == sorted(codes)
    listed = staff.cli("admin", "user", "list", "--json")
    assert {u["username"] for u in json.loads(listed.stdout)} == {"admin", "leader", "clerk"}


def test_restore_refuses_a_damaged_backup_and_changes_nothing(staff: Staff, tmp_path: Path) -> None:
    codes = receive_some(staff.db, 5)
    store_file(staff.db, b"%PDF-1.4 scan", code=codes[0])
    staff.db.close()
    out = tmp_path / "backup-1"
    assert staff.cli("admin", "backup", "--out", str(out)).returncode == 0
    broken = tmp_path / "backup-broken"
    shutil.copytree(out, broken)
    scan = next(p for p in (broken / "files").rglob("*") if p.is_file())
    scan.write_bytes(b"not the scan any more")
    tampered = tmp_path / "backup-tampered"
    shutil.copytree(out, tampered)
    tamper_audit(tampered / "desk_app.db")

    db_file = staff.data_dir / "desk_app.db"
    unchanged = snapshot(db_file)
    files_before = listing(staff.data_dir)
    for bad in (broken, tampered, tmp_path / "nowhere"):
        proc = staff.cli("admin", "restore", str(bad))
        assert proc.returncode == 1, proc.stdout
        assert proc.stderr.startswith("desk-app: error: ") and len(proc.stderr.strip().splitlines()) == 1
        unchanged()
        assert listing(staff.data_dir) == files_before
    assert not list(staff.data_dir.glob("replaced-*"))


def test_verify_reports_a_tampered_audit_chain(staff: Staff) -> None:
    receive_some(staff.db, 3)
    staff.db.close()
    tamper_audit(staff.data_dir / "desk_app.db", event_id=4)
    proc = staff.cli(None, "verify", "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    checks = {c["name"]: c["ok"] for c in report["checks"]}
    assert checks == {"database": True, "audit": False, "records": True, "files": True}
    assert "event 4 was changed" in report["checks"][1]["detail"]


def test_restore_authenticates_against_the_backup_when_the_live_database_is_unreadable(
    staff: Staff, tmp_path: Path
) -> None:
    staff.db.close()
    out = tmp_path / "b"
    assert staff.cli("admin", "backup", "--out", str(out)).returncode == 0
    db_file = staff.data_dir / "desk_app.db"
    db_file.write_bytes(b"this is not a database at all" * 1000)
    for role in ("clerk", None):
        refused = staff.cli(role, "restore", str(out))
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert db_file.read_bytes().startswith(b"this is not")
    wrong = staff.cli("admin", "restore", str(out), env={"DESK_APP_PASSWORD": "wrong-password"})
    assert wrong.returncode == 1
    assert staff.cli("admin", "restore", str(out)).returncode == 0
    assert staff.cli(None, "verify").returncode == 0


def test_backup_without_out_is_the_rotated_automatic_backup(staff: Staff, tmp_path: Path) -> None:
    staff.db.close()
    proc = staff.cli("admin", "backup", "--json")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    assert Path(data["path"]).parent == staff.data_dir / "backups"
    assert Path(data["path"]).name.startswith("auto-")
