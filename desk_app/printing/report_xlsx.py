"""A report as an XLSX workbook (openpyxl): numbers as numbers, a SUM total row, widths, a frozen header.

Plain data in (``Report.to_dict()``), bytes out. Sheet "Báo cáo": the header lines, then the table whose
total row holds =SUM() formulas over the rows for every count (ratios are computed from the total's
counts, so they stay numbers); sheet "Tỷ lệ": the ratios against targets; sheet "Ghi chú": definitions.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desk_app.domain.indicators import BY_CODE

HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")


def _flat(row: dict[str, Any], code: str) -> Any:
    group, dot, name = code.partition(".")
    if dot:
        return (row.get(group) or {}).get(name)
    return row.get(code)


def render_report_xlsx(data: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Báo cáo"
    unit, period = data.get("unit", {}), data["period"]
    ws["A1"] = unit.get("name", "")
    ws["A2"] = data.get("title", "")
    ws["A2"].font = Font(bold=True, size=13)
    ws["A3"] = f"Kỳ báo cáo: {period.get('label', '')} (từ {period['from']} đến {period['to']})"
    ws["A4"] = (
        ""
        if data.get("complete", True)
        else f"Kỳ báo cáo chưa kết thúc: số liệu tính đến {datetime.fromisoformat(data['as_of']):%H:%M %d/%m/%Y}."
    )
    columns: list[str] = data["columns"]
    header_row = 6
    by_label = {
        "unit": "Đơn vị",
        "field": "Lĩnh vực",
        "procedure": "Thủ tục hành chính",
        "officer": "Cán bộ xử lý",
    }
    headers = ["STT", by_label.get(data.get("by", "unit"), "")] + [
        BY_CODE[c].name_vi if c in BY_CODE else c for c in columns
    ]
    for j, h in enumerate(headers, start=1):
        c = ws.cell(row=header_row, column=j, value=h)
        c.font, c.fill = Font(bold=True), HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[header_row].height = 45
    first = header_row + 1
    for i, row in enumerate(data["rows"], start=1):
        r = header_row + i
        ws.cell(row=r, column=1, value=i)
        ws.cell(row=r, column=2, value=row.get("label", ""))
        for j, code in enumerate(columns, start=3):
            value = _flat(row, code)
            cell = ws.cell(row=r, column=j, value=value)
            if code in BY_CODE and BY_CODE[code].unit == "ratio":
                cell.number_format = "0.0%"
    last = header_row + len(data["rows"])
    total_r = last + 1
    ws.cell(row=total_r, column=2, value="Tổng cộng").font = Font(bold=True)
    for j, code in enumerate(columns, start=3):
        ratio = code in BY_CODE and BY_CODE[code].unit == "ratio"
        total = _flat(data["total"], code)
        if not ratio and total is not None and data["rows"]:
            letter = get_column_letter(j)
            cell = ws.cell(row=total_r, column=j, value=f"=SUM({letter}{first}:{letter}{last})")
        else:
            cell = ws.cell(row=total_r, column=j, value=total)
            if ratio:
                cell.number_format = "0.0%"
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 42
    for j in range(3, len(headers) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 14
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)

    rs = wb.create_sheet("Tỷ lệ")
    rs.append(["Chỉ tiêu", "Tử số", "Mẫu số", "Đạt được", "Chỉ tiêu giao", "Chênh lệch", "Không đạt"])
    for c in rs[1]:
        c.font, c.fill = Font(bold=True), HEADER_FILL
    for i, r in enumerate(data.get("ratios") or [], start=2):
        rs.append([r["label"], r["numerator"], r["denominator"], r["value"], r["target"], None, r["missed"]])
        if r["value"] is not None and r["target"] is not None:
            rs.cell(row=i, column=6, value=f"=D{i}-E{i}")
        for j in (4, 5, 6):
            rs.cell(row=i, column=j).number_format = "0.0%"
    rs.column_dimensions["A"].width = 48
    for letter in "BCDEFG":
        rs.column_dimensions[letter].width = 14
    rs.freeze_panes = "A2"

    ns = wb.create_sheet("Ghi chú")
    ns.append(["Mã", "Chỉ tiêu", "Cách tính"])
    for c in ns[1]:
        c.font, c.fill = Font(bold=True), HEADER_FILL
    for d in data.get("definitions") or []:
        ns.append([d["code"], d["name"], d["definition"]])
    ns.column_dimensions["A"].width = 24
    ns.column_dimensions["B"].width = 40
    ns.column_dimensions["C"].width = 110
    ns.freeze_panes = "A2"

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
