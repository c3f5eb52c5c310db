"""The audit trail resists tampering with the file: `desk-app audit verify` names the first bad event."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desk_app.services.lifecycle.moves import act
from tests.conftest import cli_json, run_cli
from tests.services.test_lifecycle_support import make_dossier


@pytest.fixture
def trail(unit_db: Any, data_dir: Path) -> Path:
    """A database with a dozen audit events (setup, catalog, intake, moves)."""
    code = make_dossier(unit_db)
    act(unit_db, code, "forward", at=datetime(2025, 7, 7, 10, 0), to_whom="Công chức")
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 8, 10, 0))
    act(unit_db, code, "return", at=datetime(2025, 7, 8, 11, 0))
    unit_db.close()
    return data_dir / "desk_app.db"


def tamper(db_file: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    con = sqlite3.connect(db_file)
    with con:
        con.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        con.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
        for stmt in statements:
            con.execute(stmt, params if "?" in stmt else ())
    con.close()


def middle_id(db_file: Path) -> int:
    con = sqlite3.connect(db_file)
    n = con.execute("SELECT count(*) FROM audit_events").fetchone()[0]
    con.close()
    assert n >= 5
    return n // 2


def verify(data_dir: Path) -> tuple[int, dict[str, Any], str]:
    proc = run_cli("audit", "verify", "--json", data_dir=data_dir)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def test_an_intact_chain_verifies(trail: Path, data_dir: Path) -> None:
    report = cli_json("audit", "verify", data_dir=data_dir)
    assert report["ok"] and report["checked"] >= 5 and report["first_bad_id"] is None
    proc = run_cli("audit", "verify", data_dir=data_dir)
    assert proc.returncode == 0 and "OK" in proc.stdout


def test_the_engine_refuses_edits_and_deletes(trail: Path) -> None:
    con = sqlite3.connect(trail)
    for stmt in ("UPDATE audit_events SET actor = 'x' WHERE id = 2", "DELETE FROM audit_events WHERE id = 2"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute(stmt)
    con.close()


def test_an_edited_detail_is_caught(trail: Path, data_dir: Path) -> None:
    target = middle_id(trail)
    tamper(
        trail,
        "UPDATE audit_events SET detail = json_set(coalesce(detail, '{}'), '$.reason', 'sửa') "
        f"WHERE id = {target}",
    )
    code, report, err = verify(data_dir)
    assert code != 0 and not report["ok"]
    assert report["first_bad_id"] == target and "changed" in report["problem"]
    assert f"event {target}" in err


def test_a_detail_edited_into_garbage_is_caught(trail: Path, data_dir: Path) -> None:
    tamper(trail, "UPDATE audit_events SET detail = '{not json' WHERE id = 4")
    code, report, err = verify(data_dir)
    assert code == 3 and report["first_bad_id"] == 4 and "event 4" in err


def test_an_edited_actor_is_caught(trail: Path, data_dir: Path) -> None:
    tamper(trail, "UPDATE audit_events SET actor = 'someone-else' WHERE id = 3")
    code, report, _ = verify(data_dir)
    assert code != 0 and report["first_bad_id"] == 3


def test_a_deleted_middle_event_is_caught(trail: Path, data_dir: Path) -> None:
    target = middle_id(trail)
    tamper(trail, f"DELETE FROM audit_events WHERE id = {target}")
    code, report, err = verify(data_dir)
    assert code != 0 and report["first_bad_id"] == target + 1 and "missing" in report["problem"]
    assert str(target + 1) in err


def _digest(row: list[Any]) -> str:
    payload = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def test_an_event_inserted_out_of_place_is_caught(trail: Path, data_dir: Path) -> None:
    """A well-formed event (its own hash correct) chained after a middle event, appended at the end."""
    target = middle_id(trail)
    con = sqlite3.connect(trail)
    prev = con.execute("SELECT hash FROM audit_events WHERE id = ?", (target,)).fetchone()[0]
    last = con.execute("SELECT max(id) FROM audit_events").fetchone()[0]
    con.close()
    new_id, at = last + 1, "2025-07-08T12:00:00"
    detail = json.dumps({"code": "x"}, ensure_ascii=False, sort_keys=True)
    forged = _digest([new_id, at, "intruder", "dossier.return", "dossier", "1", detail, prev])
    tamper(
        trail,
        "INSERT INTO audit_events (id, at, actor, action, entity, entity_id, detail, prev_hash, hash) "
        "VALUES (?, ?, 'intruder', 'dossier.return', 'dossier', '1', ?, ?, ?)",
        params=(new_id, at, detail, prev, forged),
    )
    code, report, _ = verify(data_dir)
    assert code != 0 and report["first_bad_id"] == new_id and "does not follow" in report["problem"]


def test_an_event_with_a_made_up_hash_is_caught(trail: Path, data_dir: Path) -> None:
    con = sqlite3.connect(trail)
    last, prev = con.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    con.close()
    tamper(
        trail,
        "INSERT INTO audit_events (id, at, actor, action, entity, entity_id, detail, prev_hash, hash) "
        "VALUES (?, '2025-07-08T12:00:00', 'x', 'print', 'dossier', '1', NULL, ?, ?)",
        params=(last + 1, prev, "f" * 64),
    )
    code, report, _ = verify(data_dir)
    assert code != 0 and report["first_bad_id"] == last + 1
