"""XLSX and PDF of the aggregated II.06a report the hub itself sends upward (plain data in, bytes out)."""

from __future__ import annotations

import io
from typing import Any

from desk_app.domain.indicators import II06A

HEADERS = [
    "TT",
    "Đơn vị",
    "Tiếp nhận: Tổng số",
    "Trong kỳ: Trực tuyến",
    "Trong kỳ: Trực tiếp, BCCI",
    "Từ kỳ trước chuyển sang",
    "Đã giải quyết: Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Đang giải quyết: Tổng số",
    "Trong hạn",
    "Quá hạn",
]
#: The II.06a figures as (group, key) of the report JSON, in the form's column order: the desk's definitions.
KEYS: list[tuple[str, str]] = [(group, key) for group, _, key in (i.code.partition(".") for i in II06A)]


def _title(data: dict[str, Any]) -> tuple[str, str]:
    p = data["period"]
    f, t = p["from"].split("-"), p["to"].split("-")
    return (
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu số II.06a/VPCP/KSTT)",
        f"Kỳ báo cáo {p['code']}: từ ngày {f[2]}/{f[1]}/{f[0]} đến ngày {t[2]}/{t[1]}/{t[0]} · Đơn vị tính: hồ sơ",
    )


def table_rows(data: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, u in enumerate(data["units"], start=1):
        figures = u["ii06a"] or {}
        name = u["name"] if u["ii06a"] is not None else f"{u['name']} (chưa gửi)"
        rows.append([i, name, *[figures.get(g, {}).get(k, 0) for g, k in KEYS]])
    total = data["total"]
    rows.append(["", "Tổng cộng", *[total.get(g, {}).get(k, 0) for g, k in KEYS]])
    return rows


def render_xlsx(data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "II.06a"
    title, sub = _title(data)
    ws.append([title])
    ws.append([sub])
    ws.append(HEADERS)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in table_rows(data):
        ws.append(row)
    ws.freeze_panes = "C4"
    ws.column_dimensions["B"].width = 40
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render_pdf(data: dict[str, Any]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from desk_app.printing.fonts import register_fonts

    fonts = register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm, topMargin=12 * mm
    )
    head = ParagraphStyle("h", fontName=fonts.bold, fontSize=12, leading=15, alignment=1)
    body = ParagraphStyle("b", fontName=fonts.regular, fontSize=9, leading=11, alignment=1)
    cell = ParagraphStyle("c", fontName=fonts.bold, fontSize=7.5, leading=9, alignment=1)
    title, sub = _title(data)
    rows = [[Paragraph(h, cell) for h in HEADERS], *table_rows(data)]
    table = Table(rows, repeatRows=1, colWidths=[10 * mm, 60 * mm] + [18 * mm] * 11)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (-1, -1), fonts.regular, 8),
                ("FONT", (0, -1), (-1, -1), fonts.bold, 8),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    doc.build([Paragraph(title, head), Paragraph(sub, body), Spacer(1, 4 * mm), table])
    return out.getvalue()
