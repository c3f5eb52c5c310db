"""``desk-app postal …`` as scripts use it: the issue's contract, and what the postal staff role may do."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desk_app.services.lifecycle.moves import act
from tests.conftest import cli_json, run_cli
from tests.services.test_lifecycle_support import make_dossier
from tests.services.test_postal import pdf_text, symbols

ITEM = "RR123456785VN"


@pytest.fixture
def code(unit_db: Any) -> str:
    code = make_dossier(unit_db)
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 8, 10, 0), actor="clerk1")
    return code


def _items(data_dir: Path) -> list[dict[str, Any]]:
    return cli_json("postal", "list", data_dir=data_dir)  # type: ignore[return-value]


def test_send_refuses_a_wrong_check_digit_in_one_line_and_stores_nothing(
    unit_db: Any, data_dir: Path, code: str
) -> None:
    proc = run_cli("postal", "send", code, "--item", "RR123456784VN", data_dir=data_dir)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "check digit" in lines[0] and "RR123456784VN" in lines[0]
    assert _items(data_dir) == []
    assert cli_json("show", code, data_dir=data_dir)["return_via"] == "counter"  # type: ignore[index]


def test_send_delivered_show_and_the_manifest_follow_the_contract(
    unit_db: Any, data_dir: Path, code: str, tmp_path: Path
) -> None:
    sent = cli_json("postal", "send", code, "--item", ITEM, "--at", "2025-07-08 14:00", data_dir=data_dir)
    assert sent["state"] == "out" and sent["fee"] == 26000  # type: ignore[index]
    cli_json("postal", "delivered", ITEM, "--at", "2025-07-09 16:30", data_dir=data_dir)
    shown = cli_json("show", code, data_dir=data_dir)
    assert shown["state"] == "returned"  # type: ignore[index]
    assert shown["returned_at"] == "2025-07-09T16:30"  # type: ignore[index]
    assert shown["return_via"] == "postal"  # type: ignore[index]
    out = tmp_path / "manifest.pdf"
    made = cli_json("postal", "manifest", "--date", "2025-07-08", "--out", str(out), data_dir=data_dir)
    assert made["count"] == 1  # type: ignore[index]
    text = pdf_text(out.read_bytes(), tmp_path)
    assert code in text and ITEM in text
    assert ITEM in symbols(out.read_bytes(), tmp_path, "m")


def test_undeliverable_then_list_to_send_label_and_statement(
    unit_db: Any, data_dir: Path, code: str, tmp_path: Path
) -> None:
    cli_json(
        "postal",
        "send",
        code,
        "--item",
        ITEM,
        "--at",
        "2025-07-08 14:00",
        "--payer",
        "commune",
        data_dir=data_dir,
    )
    proc = run_cli("postal", "undeliverable", ITEM, data_dir=data_dir)
    assert proc.returncode == 2  # --reason is required
    cli_json(
        "postal",
        "undeliverable",
        ITEM,
        "--reason",
        "Sai địa chỉ",
        "--at",
        "2025-07-09 09:00",
        data_dir=data_dir,
    )
    waiting = cli_json("postal", "list", "--state", "to-send", data_dir=data_dir)
    assert [w["code"] for w in waiting] == [code]  # type: ignore[union-attr,index]
    back = cli_json("postal", "list", "--state", "undeliverable", data_dir=data_dir)
    assert back[0]["reason"] == "Sai địa chỉ"  # type: ignore[index]
    label = tmp_path / "label.pdf"
    cli_json("postal", "label", code, "--out", str(label), "--size", "DL", data_dir=data_dir)
    assert code in pdf_text(label.read_bytes(), tmp_path, "l.pdf")
    for fmt in ("pdf", "xlsx"):
        out = tmp_path / f"statement.{fmt}"
        data = cli_json(
            "postal",
            "statement",
            "--period",
            "2025-07",
            "--format",
            fmt,
            "--out",
            str(out),
            data_dir=data_dir,
        )
        assert data["totals"]["total"] == {"count": 1, "fees": 26000}  # type: ignore[index]
        assert out.stat().st_size > 0
    proc = run_cli(
        "postal", "statement", "--period", "2025-13", "--out", str(tmp_path / "x.pdf"), data_dir=data_dir
    )
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1


def test_postal_staff_may_do_the_post_work_but_not_move_extend_or_manage(
    unit_db: Any, data_dir: Path, code: str, tmp_path: Path
) -> None:
    """The postal role receives, sends, confirms and prints; it cannot forward, refuse, extend, add users or
    change settings (each refused in one line, nothing changed)."""
    from desk_app.services.trust import auth

    auth.create_user(unit_db, "admin", "Quản Trị", "admin", "admin-pass-1", actor="setup")
    auth.create_user(unit_db, "bd.lan", "Lê Thị Lan", "postal", "postal-pass-1", actor="setup")
    env = {"DESK_APP_USER": "bd.lan", "DESK_APP_PASSWORD": "postal-pass-1"}
    other = make_dossier(unit_db, id_number="001190054321", name="Trần Văn Bình")

    def ok(*args: str) -> Any:
        proc = run_cli(*args, "--json", data_dir=data_dir, env=env)
        assert proc.returncode == 0, (args, proc.stderr)
        return json.loads(proc.stdout)

    def refused(permission: str, *args: str) -> None:
        proc = run_cli(*args, data_dir=data_dir, env=env)
        assert proc.returncode == 1, (args, proc.stdout)
        assert (
            proc.stderr.strip() == f"desk-app: error: permission denied: bd.lan (postal) may not {permission}"
        )

    ok("postal", "receive", other, "--item", "EE876543216CA", "--delivered-at", "2025-07-07")
    ok("postal", "send", code, "--item", ITEM, "--at", "2025-07-08 14:00")
    ok("postal", "label", code, "--out", str(tmp_path / "l.pdf"))
    ok("postal", "manifest", "--date", "2025-07-08", "--out", str(tmp_path / "m.pdf"))
    ok("slip", other, "--out", str(tmp_path / "slip.pdf"))
    delivered = ok("postal", "delivered", ITEM, "--at", "2025-07-09 10:00")
    assert delivered["move"]["state"] == "returned"
    refused("move", "act", other, "forward", "--to", "Tư pháp")
    refused("move", "act", other, "refuse", "--reason", "Không đủ điều kiện")
    refused("extend", "act", other, "extend", "--reason", "Chờ xác minh", "--new-due", "2030-01-10")
    refused("users", "user", "add", "x", "--full-name", "Người Mới", "--role", "clerk")
    refused("settings", "postal", "tariff", "--set", "1000")
    assert cli_json("show", other, data_dir=data_dir, env=env)["state"] == "received"  # type: ignore[index]
    history = cli_json("show", code, data_dir=data_dir, env=env)["history"]  # type: ignore[index]
    assert {h["actor"] for h in history if h["action"] in ("postal-send", "return")} == {"bd.lan"}


def test_receive_file_with_a_postal_item(unit_db: Any, data_dir: Path, tmp_path: Path) -> None:
    entry = {
        "procedure": "1.004837",
        "received_at": "2025-07-07T09:00",
        "channel": "postal",
        "return_via": "postal",
        "applicant": {"full_name": "Lê Văn Cường", "id_number": "001190099999", "address": "Thôn Bắc"},
        "documents": ["Tờ khai đăng ký giám hộ"],
        "postal": {"item": "EE876543216CA", "delivered_at": "2025-07-05"},
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps([entry, {**entry, "postal": {"item": "EE876543217CA"}}]), encoding="utf-8")
    proc = run_cli("receive", str(path), "--json", data_dir=data_dir)
    assert proc.returncode == 1  # the second entry's check digit is wrong
    first, second = json.loads(proc.stdout)
    assert second["field"] == "postal.item"
    listed = cli_json("postal", "list", "--state", "received", data_dir=data_dir)
    assert [(r["code"], r["number"], r["handed_at"]) for r in listed] == [  # type: ignore[union-attr,index]
        (first["code"], "EE876543216CA", "2025-07-05T00:00")
    ]
