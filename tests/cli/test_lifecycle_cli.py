"""The lifecycle commands as scripts use them: act, show, find, form, book, queues, with their contract."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli_json, run_cli
from tests.services.test_lifecycle_support import make_dossier

CONTRACT_STATES = {
    "guided",
    "received",
    "refused",
    "in_progress",
    "supplement_requested",
    "payment_requested",
    "withdrawal_requested",
    "stopped",
    "result_ready",
    "returned",
}


@pytest.fixture
def code(unit_db: Any) -> str:
    return make_dossier(unit_db)


def test_act_then_show_follows_the_contract(unit_db: Any, data_dir: Path, code: str) -> None:
    moved = cli_json(
        "act", code, "forward", "--at", "2025-07-07 10:00", "--to", "Công chức Tư pháp", data_dir=data_dir
    )
    assert moved["state"] == "in_progress" and moved["state_before"] == "received"
    cli_json(
        "act",
        code,
        "request-supplement",
        "--at",
        "2025-07-08 10:00",
        "--item",
        "Bản sao CCCD",
        "--item",
        "Giấy ủy quyền",
        "--reason",
        "Thiếu giấy tờ",
        data_dir=data_dir,
    )
    cli_json("act", code, "supplement-received", "--at", "2025-07-09 10:00", data_dir=data_dir)
    cli_json(
        "act",
        code,
        "extend",
        "--at",
        "2025-07-09 11:00",
        "--new-due",
        "2025-07-16",
        "--reason",
        "Chờ xác minh",
        data_dir=data_dir,
    )
    cli_json("act", code, "result-ready", "--at", "2025-07-14 09:00", "--e-result", data_dir=data_dir)
    cli_json(
        "act",
        code,
        "return",
        "--at",
        "2025-07-14 10:00",
        "--receiver",
        "Phạm Văn Nam",
        "--receiver-id",
        "001085012345",
        "--rating",
        "satisfied",
        data_dir=data_dir,
    )
    data = cli_json("show", code, data_dir=data_dir)
    assert isinstance(data, dict)
    assert data["code"] == code and data["state"] == "returned" and data["state"] in CONTRACT_STATES
    assert data["due_at"] == "2025-07-10T09:00" and data["extended_due_at"] == "2025-07-16T09:00"
    assert data["received_at"] == "2025-07-07T09:00" and data["finished_at"] == "2025-07-14T09:00"
    assert data["returned_at"] == "2025-07-14T10:00" and data["rating"] == "satisfied"
    assert data["receiver"] == {"name": "Phạm Văn Nam", "id_number": "001085012345", "relation": "authorised"}
    assert data["procedure"]["code"] == "1.004837" and data["procedure"]["name"]
    assert data["applicant"]["full_name"] == "Nguyễn Thị Hằng" and data["applicant"]["phone"] == "0912345678"
    assert len(data["documents"]) == 2 and data["fee"]["method"] and data["channel"] == "direct"
    assert data["supplements"][0]["items"] == ["Bản sao CCCD", "Giấy ủy quyền"]
    history = data["history"]
    assert [h["action"] for h in history] == [
        "receive",
        "forward",
        "request-supplement",
        "supplement-received",
        "extend",
        "result-ready",
        "return",
    ]
    assert [h["at"] for h in history] == sorted(h["at"] for h in history)
    for h in history:
        assert {"action", "at", "state_before", "state_after", "actor", "to_whom", "reason"} <= set(h)
    assert history[1]["to_whom"] == "Công chức Tư pháp"


def test_a_refused_move_exits_non_zero_and_changes_nothing(unit_db: Any, data_dir: Path, code: str) -> None:
    def snapshot() -> tuple[Any, ...]:
        con = sqlite3.connect(data_dir / "desk_app.db")
        try:
            return (
                con.execute("SELECT * FROM dossiers").fetchall(),
                con.execute("SELECT count(*) FROM dossier_events").fetchone(),
                con.execute("SELECT count(*) FROM audit_events").fetchone(),
            )
        finally:
            con.close()

    before = snapshot()
    proc = run_cli("act", code, "return", "--at", "2025-07-07 10:00", data_dir=data_dir)
    assert proc.returncode != 0
    assert "return" in proc.stderr and "received" in proc.stderr
    proc = run_cli(
        "act", code, "extend", "--at", "2025-07-07 10:00", "--new-due", "2025-07-16", data_dir=data_dir
    )
    assert proc.returncode != 0 and "reason" in proc.stderr
    proc = run_cli("act", code, "fly", data_dir=data_dir)
    assert proc.returncode != 0
    assert snapshot() == before


def test_find_lists_dossiers_without_history(unit_db: Any, data_dir: Path, code: str) -> None:
    make_dossier(unit_db, name="Đặng Văn Đức", id_number="038085001122", phone="0356789012")
    rows = cli_json("find", "dang van d", data_dir=data_dir)
    assert isinstance(rows, list) and [r["applicant"]["full_name"] for r in rows] == ["Đặng Văn Đức"]
    assert "history" not in rows[0]
    assert {"code", "state", "due_at", "extended_due_at"} <= set(rows[0])
    assert [r["code"] for r in cli_json("find", "0912345678", data_dir=data_dir)] == [code]
    assert cli_json("find", "khong co ai", data_dir=data_dir) == []
    text = run_cli("find", "nguyen thi h", data_dir=data_dir)
    assert text.returncode == 0 and code in text.stdout


def test_form_and_book_write_pdfs(unit_db: Any, data_dir: Path, code: str, tmp_path: Path) -> None:
    cli_json("act", code, "forward", "--at", "2025-07-07 10:00", "--to", "Công chức", data_dir=data_dir)
    out = tmp_path / "pdf" / "control.pdf"
    res = cli_json("form", code, "--form", "control", "--out", str(out), data_dir=data_dir)
    assert out.read_bytes().startswith(b"%PDF") and res["bytes"] == out.stat().st_size
    proc = run_cli("form", code, "--form", "apology", "--out", str(tmp_path / "a.pdf"), data_dir=data_dir)
    assert proc.returncode != 0 and not (tmp_path / "a.pdf").exists()
    book = tmp_path / "book.pdf"
    cli_json("book", "--from", "2025-07-01", "--to", "2025-07-31", "--out", str(book), data_dir=data_dir)
    assert book.read_bytes().startswith(b"%PDF")
    assert (
        run_cli("book", "--from", "2025-07-31", "--to", "x", "--out", str(book), data_dir=data_dir).returncode
        != 0
    )


def test_queues_command(unit_db: Any, data_dir: Path, code: str) -> None:
    counts = cli_json("queues", "--at", "2025-07-09 10:00", data_dir=data_dir)
    assert counts["due_soon"] == 1 and counts["overdue"] == 0
    rows = cli_json("queues", "--list", "due_soon", "--at", "2025-07-09 10:00", data_dir=data_dir)
    assert [r["code"] for r in rows] == [code]
    warned = cli_json("queues", "--warnings", "--at", "2025-07-09 10:00", data_dir=data_dir)
    assert warned[0]["due_status"] == "due_soon"
    assert cli_json("queues", "--at", "2025-07-10 10:00", data_dir=data_dir)["overdue"] == 1


def test_extend_needs_a_leader(unit_db: Any, data_dir: Path, code: str) -> None:
    """With accounts, a clerk may move but not extend (ctx.require("extend")); a leader may."""
    from desk_app.services.trust.auth import create_user

    create_user(unit_db, "admin1", "Quản trị", "admin", "mat-khau-admin-1")
    create_user(unit_db, "clerk1", "Nguyễn Văn Một", "clerk", "mat-khau-clerk-1")
    create_user(unit_db, "leader1", "Trần Thị Hai", "leader", "mat-khau-leader-1")
    clerk = {"DESK_APP_USER": "clerk1", "DESK_APP_PASSWORD": "mat-khau-clerk-1"}
    leader = {"DESK_APP_USER": "leader1", "DESK_APP_PASSWORD": "mat-khau-leader-1"}
    args = (
        "act",
        code,
        "extend",
        "--at",
        "2025-07-08 09:00",
        "--new-due",
        "2025-07-15",
        "--reason",
        "Xác minh",
    )
    assert run_cli(*args, data_dir=data_dir, env=clerk).returncode != 0
    moved = cli_json(
        "act", code, "forward", "--at", "2025-07-08 08:00", "--to", "Công chức", data_dir=data_dir, env=clerk
    )
    assert moved["state"] == "in_progress"
    done = cli_json(*args, data_dir=data_dir, env=leader)
    assert done["extended_due_at"] == "2025-07-15T09:00"
    history = cli_json("show", code, data_dir=data_dir, env=clerk)["history"]
    assert [(h["action"], h["actor"]) for h in history[1:]] == [("forward", "clerk1"), ("extend", "leader1")]
    assert run_cli("show", code, data_dir=data_dir).returncode != 0  # no credentials
    json.dumps(history)
