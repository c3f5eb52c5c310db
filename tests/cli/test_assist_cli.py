"""``desk-app assist``, ``guide``, ``listing`` and ``feedback`` through real subprocesses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import cli_json, run_cli

CONTRACT = {
    "at": "2026-03-02T09:00",
    "kind": "vneid_activation",
    "outcome": "done",
    "citizen": {"full_name": "Lê Thị Hoa", "id_number": "045089001234", "phone": "0987654321"},
    "had_level2": False,
    "procedure": "1.001193",
    "consent": True,
    "note": "",
}


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_assist_add_and_list_follow_the_contract(unit_db: Any, data_dir: Path, tmp_path: Path) -> None:
    entries = [
        CONTRACT,
        {**CONTRACT, "at": "2026-03-31T16:00", "kind": "online_filing", "procedure": "1.004222"},
        {**CONTRACT, "at": "2026-04-01T08:00", "outcome": "not_done", "reason": "no_smartphone"},
        {**CONTRACT, "kind": "hack_account"},
    ]
    proc = run_cli(
        "assist",
        "add",
        str(_write(tmp_path / "h.json", entries)),
        "--json",
        data_dir=data_dir,
        env={"DESK_APP_LOG": "DEBUG"},
    )
    assert proc.returncode == 1  # the bad entry is reported, the good ones went in
    assert "045089001234" not in proc.stdout + proc.stderr  # nor in what was logged
    out = json.loads(proc.stdout)
    assert [("error" in r) for r in out] == [False, False, False, True]
    assert out[3]["field"] == "kind"
    assert out[1]["dossier_code"] and out[1]["repeat_visits"] == 1
    listed = cli_json("assist", "list", "--period", "2026-03", data_dir=data_dir)
    assert isinstance(listed, list)
    assert [(r["kind"], r["outcome"], r["at"]) for r in listed] == [
        ("vneid_activation", "done", "2026-03-02T09:00"),
        ("online_filing", "done", "2026-03-31T16:00"),
    ]
    assert all(r["id_number"] == "045******234" for r in listed)
    assert "045089001234" not in json.dumps(listed)
    counts = cli_json("assist", "counts", "--period", "2026-04", data_dir=data_dir)
    assert isinstance(counts, dict)
    assert counts["total"] == 1 and counts["by_reason"] == {"no_smartphone": 1}
    shown = cli_json("show", out[1]["dossier_code"], data_dir=data_dir)
    assert isinstance(shown, dict) and shown["channel"] == "online"
    for raw in [p.read_bytes() for p in data_dir.glob("desk_app.db*")]:
        assert b"045089001234" not in raw
    bad = run_cli("assist", "list", "--period", "March", data_dir=data_dir)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1


def test_guide_and_listing_write_pdfs(unit_db: Any, data_dir: Path, tmp_path: Path) -> None:
    proc = run_cli(
        "assist", "urls", "--set", "vneid=https://vneid.example.vn/cai-dat", "--json", data_dir=data_dir
    )
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "vneid.pdf"
    assert run_cli("guide", "--kind", "vneid", "--out", str(out), data_dir=data_dir).returncode == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "VNeID" in text and "Công an xã" in text
    out = tmp_path / "proc.pdf"
    proc = run_cli("guide", "--kind", "procedure", "--out", str(out), data_dir=data_dir)
    assert proc.returncode == 1 and "--procedure" in proc.stderr
    proc = run_cli(
        "guide", "--kind", "procedure", "--procedure", "1.001193", "--out", str(out), data_dir=data_dir
    )
    assert proc.returncode == 0, proc.stderr
    listing = tmp_path / "listing.pdf"
    data = cli_json("listing", "--out", str(listing), "--size", "A3", data_dir=data_dir)
    assert isinstance(data, dict) and data["procedures"] >= 40 and listing.stat().st_size > 10_000
    booklet = tmp_path / "booklet.pdf"
    assert run_cli("listing", "--out", str(booklet), "--booklet", data_dir=data_dir).returncode == 0
    text = subprocess.run(["pdftotext", str(booklet), "-"], capture_output=True, text=True, check=True).stdout
    assert "MỤC LỤC" in text


def test_feedback_add_list_answer(unit_db: Any, data_dir: Path, tmp_path: Path) -> None:
    item = {
        "received_at": "2026-03-02T09:00",
        "sender": {"full_name": "Phạm Văn Dũng", "kind": "citizen", "phone": "0912345678"},
        "contact_consent": True,
        "content": "Thời hạn cấp giấy xác nhận tình trạng hôn nhân quá dài.",
        "procedure": "1.004873",
        "category": "rule_content",
    }
    added = cli_json("feedback", "add", str(_write(tmp_path / "f.json", item)), data_dir=data_dir)
    assert isinstance(added, list) and added[0]["due_on"] == "2026-03-12"
    fid = str(added[0]["id"])
    overdue = cli_json("feedback", "list", "--overdue", data_dir=data_dir)
    assert isinstance(overdue, list) and [r["id"] for r in overdue] == [added[0]["id"]]
    proc = run_cli("feedback", "answer", fid, "--text", "Đã trả lời bằng văn bản.", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert cli_json("feedback", "list", "--open", data_dir=data_dir) == []
    everything = cli_json("feedback", "list", data_dir=data_dir)
    assert isinstance(everything, list) and everything[0]["status"] == "answered"
    assert everything[0]["phone"] == "091****678"
