"""The procedure catalog: the shipped seed, imports from CSV/XLSX/JSON, versions, bad rows."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from desk_app.services.setup import catalog
from tests.conftest import cli_json, run_cli


def test_seed_has_the_commune_procedures_with_confidence(unit_db: object) -> None:
    rows = catalog.list_procedures(unit_db)  # type: ignore[arg-type]
    codes = {r["code"]: r for r in rows}
    assert len(rows) >= 40
    khai_sinh = codes["1.001193"]
    assert khai_sinh["name"] == "Đăng ký khai sinh"
    assert khai_sinh["processing_time"] == {"value": 0, "unit": "same_day"}
    assert khai_sinh["confidence"] == "A"
    assert codes["2.000815"]["fee"]["kind"] == "per_page"


def test_search_ignores_tones_and_d(unit_db: object) -> None:
    with unit_db.session() as s:  # type: ignore[attr-defined]
        found = catalog.search_procedures(s, "dang ky khai sinh")
        assert found[0].name == "Đăng ký khai sinh"
        assert catalog.search_procedures(s, "ĐĂNG KÝ KẾT HÔN")[0].code == "1.000894"
        assert catalog.search_procedures(s, "1.0041")[0].code.startswith("1.0041")
        assert any(p.code == "1.004222" for p in catalog.search_procedures(s, "cu tru"))


def test_csv_import_reports_bad_rows_and_loads_good_ones(unit_db: object, tmp_path: Path) -> None:
    f = tmp_path / "tinh.csv"
    f.write_text(
        "code,name,field,processing_time,fee,documents\n"
        "1.001193,Đăng ký khai sinh,Hộ tịch,Trong ngày,0,Tờ khai;Giấy chứng sinh\n"
        "9.999,Bad code,X,3 ngày làm việc,0,\n"
        "1.099999,Thủ tục mới,Hộ tịch,5 ngày làm việc,50.000,Đơn\n"
        "1.099998,,Hộ tịch,5 ngày làm việc,0,\n"
        "1.099997,Không rõ thời hạn,Hộ tịch,tùy trường hợp,0,\n",
        encoding="utf-8",
    )
    report = catalog.import_file(unit_db, f)  # type: ignore[arg-type]
    assert [line for line, _ in report.errors] == [3, 5, 6]
    assert "code" in report.errors[0][1]
    assert report.added == 1 and report.updated == 1
    rows = {r["code"]: r for r in catalog.list_procedures(unit_db)}  # type: ignore[arg-type]
    assert rows["1.099999"]["fee"] == {"kind": "fixed", "amount": 50000}
    assert rows["1.099999"]["processing_time"] == {"value": 5.0, "unit": "working_days"}


def test_reimport_keeps_old_versions(unit_db: object, tmp_path: Path) -> None:
    f = tmp_path / "v.json"
    row = {
        "code": "1.004873",
        "name": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "field": "Hộ tịch",
        "processing_time": {"value": 5, "unit": "working_days"},
        "effective_from": "2026-01-01",
    }
    f.write_text(json.dumps([row], ensure_ascii=False), encoding="utf-8")
    first = catalog.import_file(unit_db, f)  # type: ignore[arg-type]
    again = catalog.import_file(unit_db, f)  # type: ignore[arg-type]
    assert first.updated == 1 and again.unchanged == 1
    versions = [r for r in catalog.list_procedures(unit_db, include_old=True) if r["code"] == "1.004873"]  # type: ignore[arg-type]
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["effective_to"] == "2026-01-01" and versions[1]["effective_to"] is None


def test_xlsx_import(unit_db: object, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["code", "name", "field", "processing_value", "processing_unit", "fee"])
    ws.append(["1.013225", "Cấp giấy phép xây dựng", "Xây dựng", 15, "working_days", 0])
    ws.append(["1.013226", "Điều chỉnh giấy phép xây dựng", "Xây dựng", 10, "weeks", 0])
    path = tmp_path / "xd.xlsx"
    wb.save(path)
    report = catalog.import_file(unit_db, path)  # type: ignore[arg-type]
    assert report.added == 1 and [line for line, _ in report.errors] == [3]


def test_cli_catalog_list_contract(data_dir: Path) -> None:
    assert (
        run_cli(
            "init", "--agency-code", "001.05.12.H49", "--unit-name", "UBND xã Gio Sơn", data_dir=data_dir
        ).returncode
        == 0
    )
    rows = cli_json("catalog", "list", data_dir=data_dir)
    assert isinstance(rows, list) and rows
    for r in rows:
        assert {"code", "name", "field", "processing_time", "fee"} <= set(r)
        assert r["processing_time"]["unit"] in ("working_days", "days", "working_hours", "same_day")


def test_cli_import_of_a_broken_file_is_one_line(data_dir: Path, tmp_path: Path) -> None:
    run_cli("init", "--agency-code", "001.05.12.H49", "--unit-name", "UBND xã Gio Sơn", data_dir=data_dir)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    proc = run_cli("catalog", "import", str(bad), data_dir=data_dir)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
