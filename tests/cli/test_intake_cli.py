"""``desk-app receive``, ``desk-app slip`` and ``desk-app due-date`` through real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, cli_json, run_cli

AGENCY = "001.05.12.H49"
CONTRACT = {
    "procedure": "1.001193",
    "received_at": "2026-02-13T09:00",
    "channel": "direct",
    "applicant": {
        "full_name": "Nguyễn Thị Hằng",
        "id_number": "001190012345",
        "birth_date": "1990-05-02",
        "gender": "Nữ",
        "phone": "0912345678",
        "address": "Thôn Đông, xã Gio Sơn",
    },
    "documents": [{"name": "Tờ khai đăng ký khai sinh", "kind": "original", "quantity": 1}],
    "return_via": "counter",
    "note": "",
}


@pytest.fixture
def unit_dir(tmp_path: Path) -> Path:
    """A data directory with the commune and the shipped catalog, made in-process."""
    from desk_app.services.setup import catalog
    from desk_app.services.setup import unit as setup
    from desk_app.store.db import open_database

    data = tmp_path / "data"
    db = open_database(data)
    try:
        setup.init_unit(db, AGENCY, "Ủy ban nhân dân xã Gio Sơn", province="Quảng Trị")
        catalog.import_seed(db)
    finally:
        db.close()
    return data


def write(tmp_path: Path, data: Any, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def dossier_count(data_dir: Path) -> int:
    from sqlalchemy import func, select

    from desk_app.store.db import open_database
    from desk_app.store.models import Dossier

    db = open_database(data_dir)
    try:
        with db.session() as s:
            return int(s.scalar(select(func.count()).select_from(Dossier)) or 0)
    finally:
        db.close()


class TestReceive:
    def test_contract_shape(self, unit_dir: Path, tmp_path: Path) -> None:
        out = cli_json("receive", str(write(tmp_path, CONTRACT)), data_dir=unit_dir)
        assert isinstance(out, list) and len(out) == 1
        assert out[0]["code"] == f"{AGENCY}-260213-0001"
        assert out[0]["due_at"] == "2026-02-13T17:00"

    def test_mixed_list_reports_each_and_saves_the_good_ones(self, unit_dir: Path, tmp_path: Path) -> None:
        bad_id = {**CONTRACT, "applicant": {**CONTRACT["applicant"], "id_number": "00119001234"}}  # type: ignore[dict-item]
        bad_phone = {**CONTRACT, "applicant": {**CONTRACT["applicant"], "phone": "12345"}}  # type: ignore[dict-item]
        residence = {
            **CONTRACT,
            "procedure": "1.004194",
            "received_at": "2026-02-13T15:00",
            "fee": {"method": "cash"},
            "documents": [{"name": "Tờ khai CT01"}],
        }
        entries = [
            CONTRACT,
            bad_id,
            "not an object",
            residence,
            {**CONTRACT, "procedure": "9.999999"},
            bad_phone,
        ]
        proc = run_cli("receive", str(write(tmp_path, entries)), "--json", data_dir=unit_dir)
        assert proc.returncode != 0
        out = json.loads(proc.stdout)
        assert len(out) == 6
        assert out[0]["code"] == f"{AGENCY}-260213-0001"
        assert out[3] == {
            **out[3],
            "code": f"{AGENCY}-260213-0002",
            "due_at": "2026-02-26T07:30",
        }  # after Tết
        for i in (1, 2, 4, 5):
            assert "code" not in out[i] and out[i]["error"].endswith("."), out[i]
        assert out[1]["field"] == "applicant.id_number" and "12 digits" in out[1]["error"]
        assert out[4]["field"] == "procedure"
        assert out[5]["field"] == "applicant.phone"
        assert dossier_count(unit_dir) == 2

    def test_text_output(self, unit_dir: Path, tmp_path: Path) -> None:
        entries = [CONTRACT, {**CONTRACT, "channel": "fax"}]
        proc = run_cli("receive", str(write(tmp_path, entries)), data_dir=unit_dir)
        assert proc.returncode == 1
        lines = proc.stdout.splitlines()
        assert lines[0] == f"{AGENCY}-260213-0001  due 2026-02-13 17:00"
        assert lines[1].startswith("#2: error: Channel")

    def test_optional_keys(self, unit_dir: Path, tmp_path: Path) -> None:
        entry = {
            **CONTRACT,
            "code": f"{AGENCY}-260213-0042",
            "email": "hang@example.vn",
            "set_count": 2,
            "representative": {"full_name": "Lê Văn Cường", "phone": "0868123456"},
            "fee": {"amount": 0, "method": "exempt"},
            "due_at": "2026-02-16T10:00",
            "client_token": "paper-1",
        }
        out = cli_json("receive", str(write(tmp_path, entry)), data_dir=unit_dir)
        assert out == [{**out[0], "code": f"{AGENCY}-260213-0042", "due_at": "2026-02-16T10:00"}]  # type: ignore[index]
        again = cli_json("receive", str(write(tmp_path, entry)), data_dir=unit_dir)
        assert again[0]["created"] is False  # type: ignore[index]
        dup = run_cli(
            "receive", str(write(tmp_path, {**entry, "client_token": "paper-2"})), "--json", data_dir=unit_dir
        )
        assert dup.returncode == 1 and "already" in json.loads(dup.stdout)[0]["error"]

    def test_same_token_from_two_processes_at_once_makes_one_dossier(
        self, unit_dir: Path, tmp_path: Path
    ) -> None:
        """A double click that reaches two processes: BEGIN IMMEDIATE serialises them."""
        path = write(tmp_path, {**CONTRACT, "client_token": "double-click"})
        cmd = [sys.executable, "-m", "desk_app", "--data-dir", str(unit_dir), "receive", str(path), "--json"]
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
        procs = [
            subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(2)
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        results = [json.loads(o[0])[0] for o in outs]
        assert results[0]["code"] == results[1]["code"]
        assert sorted(r["created"] for r in results) == [False, True]
        assert dossier_count(unit_dir) == 1

    @pytest.mark.parametrize("content", ["{not json", "", "[]", "42"])
    def test_malformed_file_is_one_clear_line(self, unit_dir: Path, tmp_path: Path, content: str) -> None:
        path = tmp_path / "bad.json"
        path.write_text(content, encoding="utf-8")
        proc = run_cli("receive", str(path), "--json", data_dir=unit_dir)
        assert proc.returncode == 1
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("desk-app: error:") and "bad.json" in lines[0]

    def test_missing_file(self, unit_dir: Path, tmp_path: Path) -> None:
        proc = run_cli("receive", str(tmp_path / "nope.json"), data_dir=unit_dir)
        assert proc.returncode == 1 and "does not exist" in proc.stderr


def pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    return unicodedata.normalize("NFC", out)


class TestSlip:
    def test_slip_to_file_and_reprint(self, unit_dir: Path, tmp_path: Path) -> None:
        code = cli_json("receive", str(write(tmp_path, CONTRACT)), data_dir=unit_dir)[0]["code"]  # type: ignore[index]
        out = tmp_path / "slips" / "slip.pdf"
        out.parent.mkdir()
        proc = run_cli("slip", code, "--out", str(out), "--paper", "A4", data_dir=unit_dir)
        assert proc.returncode == 0, proc.stderr
        text = pdftotext(out)
        assert "Nguyễn Thị Hằng" in text and "Đăng ký khai sinh" in text and code in text
        assert "BẢN IN LẠI" not in text
        assert [p.name for p in out.parent.iterdir()] == ["slip.pdf"]  # no temp file left behind
        assert (out.stat().st_mode & 0o077) == 0  # personal data: for the user only (umask 077, issue 10)
        proc = run_cli("slip", code.lower(), "--out", str(out), data_dir=unit_dir)
        assert proc.returncode == 0 and "BẢN IN LẠI (lần 1)" in pdftotext(out)

    def test_explicit_reprint_flag(self, unit_dir: Path, tmp_path: Path) -> None:
        code = cli_json("receive", str(write(tmp_path, CONTRACT)), data_dir=unit_dir)[0]["code"]  # type: ignore[index]
        out = tmp_path / "s.pdf"
        assert run_cli("slip", code, "--out", str(out), "--reprint", data_dir=unit_dir).returncode == 0
        assert "BẢN IN LẠI (lần 1)" in pdftotext(out)

    def test_unknown_code_writes_nothing(self, unit_dir: Path, tmp_path: Path) -> None:
        out = tmp_path / "s.pdf"
        proc = run_cli("slip", f"{AGENCY}-260213-0099", "--out", str(out), data_dir=unit_dir)
        assert proc.returncode == 1 and "No dossier" in proc.stderr
        assert not out.exists()


class TestDueDate:
    @pytest.mark.parametrize(
        ("args", "due"),
        [
            (
                ["--procedure", "1.004194", "--received", "2026-02-13 15:00"],
                "2026-02-26T07:30",
            ),  # cut-off + Tết
            (["--procedure", "1.004194", "--received", "2026-02-13 14:59"], "2026-02-25T14:59"),
            (["--procedure", "1.001193", "--received", "2026-03-06 15:30"], "2026-03-09T17:00"),  # same day
            (
                ["--working-days", "1", "--received", "2026-08-21 10:00"],
                "2026-08-22T10:00",
            ),  # make-up Saturday
            (["--working-days", "1", "--received", "2026-11-23 10:00"], "2026-11-25T10:00"),  # Ngày Văn hóa
            (["--working-days", "25", "--received", "2019-11-20 08:37"], "2019-12-25T08:37"),
        ],
    )
    def test_due_date_json(self, unit_dir: Path, args: list[str], due: str) -> None:
        out = cli_json("due-date", *args, data_dir=unit_dir)
        assert out["due_at"] == due  # type: ignore[index]

    def test_override_through_the_calendar_command(self, unit_dir: Path) -> None:
        before = cli_json(
            "due-date", "--working-days", "1", "--received", "2026-03-13 10:00", data_dir=unit_dir
        )
        assert before["due_at"] == "2026-03-16T10:00"  # type: ignore[index]
        proc = run_cli("calendar", "add-workday", "2026-03-14", "--note", "Làm bù", data_dir=unit_dir)
        assert proc.returncode == 0, proc.stderr
        after = cli_json(
            "due-date", "--working-days", "1", "--received", "2026-03-13 10:00", data_dir=unit_dir
        )
        assert after["due_at"] == "2026-03-14T10:00"  # type: ignore[index]

    def test_unknown_procedure(self, unit_dir: Path) -> None:
        proc = run_cli("due-date", "--procedure", "9.999999", "--json", data_dir=unit_dir)
        assert proc.returncode == 1 and "9.999999" in proc.stderr
