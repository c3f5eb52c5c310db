"""Report exports read back: the PDF with poppler (text, landscape A4, embedded font), the XLSX with openpyxl."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desk_app.domain.periods import parse_period
from desk_app.services.reports import export
from desk_app.services.reports.report import Report, build_report
from desk_app.services.reports.targets import set_target
from tests.services import report_cases as rc


@pytest.fixture
def report(unit_db: Any) -> Report:
    rc.build(unit_db)
    return build_report(unit_db, "ii06a", parse_period(rc.PERIOD), "field", now=rc.NOW)


def test_pdf_is_the_official_layout(report: Report, pdf_tools: Any) -> None:
    pdf = export.render(report, "pdf", prepared_by="Trần Thị Lan")
    width, height = pdf_tools.page_size(pdf)
    assert width > height and round(width) == 842  # A4 landscape
    text = pdf_tools.text(pdf)
    assert "Biểu số II.06a/VPCP/KSTT" in text
    assert "từ ngày 15/09/2026 đến ngày 14/10/2026" in text
    assert "Ủy ban nhân dân xã Gio Sơn" in text
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text and "Trần Thị Lan" in text
    assert "Ghi chú: cách tính" in text and "Từ kỳ trước chuyển sang" in text
    assert "Kỳ báo cáo chưa kết thúc" not in text  # the period is over
    total_line = next(line for line in text.splitlines() if "Tổng cộng" in line)
    assert total_line.split()[-11:] == ["10", "2", "6", "2", "6", "1", "2", "3", "4", "2", "2"]
    assert "LiberationSerif" in pdf_tools.fonts(pdf)


def test_pdf_says_as_of_now_while_the_period_runs(unit_db: Any, pdf_tools: Any) -> None:
    rc.build(unit_db)
    set_target(unit_db, 2026, "online_payment_share", 0.6)
    rep = build_report(unit_db, "counter", parse_period(rc.PERIOD), now=datetime(2026, 10, 13, 12, 0))
    text = pdf_tools.text(export.render(rep, "pdf"))
    assert "Kỳ báo cáo chưa kết thúc: số liệu tính đến 12:00 ngày 13/10/2026" in text
    assert "Không đạt" in text  # online payment 50% against 60%


def test_weekly_pdf_lists_overdue_with_officer(unit_db: Any, pdf_tools: Any) -> None:
    rc.build(unit_db)
    rep = build_report(unit_db, "weekly", parse_period("2026-W40"), now=rc.NOW)
    text = pdf_tools.text(export.render(rep, "pdf"))
    assert "So với kỳ trước" in text and "Hồ sơ đang quá hạn hiện nay" in text
    assert "hung.nv" in text


def test_xlsx_numbers_totals_widths_frozen_header(report: Report, tmp_path: Path) -> None:
    path = export.write(report, tmp_path / "r.xlsx", "xlsx")
    wb = load_workbook(io.BytesIO(path.read_bytes()))
    ws = wb["Báo cáo"]
    assert ws.freeze_panes == "C7"
    assert ws.column_dimensions["B"].width >= 30
    header = [c.value for c in ws[6]]
    assert header[:3] == ["STT", "Lĩnh vực", "Tiếp nhận: Tổng số"]
    rows = list(ws.iter_rows(min_row=7, max_row=8, values_only=True))
    assert all(isinstance(v, int) for r in rows for v in r[2:]), rows
    total = [c.value for c in ws[9]]
    assert total[1] == "Tổng cộng" and total[2] == "=SUM(C7:C8)"
    # the formula adds up to the figure of the report
    assert sum(r[2] for r in rows) == report.total.values["received.total"] == 10
    assert "Ghi chú" in wb.sheetnames and wb["Ghi chú"].max_row > 10


def test_json_export_is_the_report_dict(report: Report, tmp_path: Path) -> None:
    import json

    path = export.write(report, tmp_path / "r.json", "json")
    assert json.loads(path.read_text("utf-8")) == report.to_dict()
    assert not list(tmp_path.glob("*.tmp*"))
