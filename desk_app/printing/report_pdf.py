"""A report as a PDF laid out like the official form (Biểu II.06a and the others): A4 landscape.

Plain data in (``Report.to_dict()``), PDF bytes out. The unit header, the title, the period dates, the
"as of now" note while the period runs, the table (rows and total), the ratios against targets, the notes
with each figure's definition, and the signature block (người lập biểu, thủ trưởng đơn vị).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk_app.domain.indicators import BY_CODE

from .fonts import register_fonts
from .layout import esc
from .vnformat import nfc

COLUMNS_PER_TABLE = 9
II06A_GROUPS = (
    ("received", "Tiếp nhận", 4),
    ("resolved", "Đã giải quyết", 4),
    ("in_progress", "Đang giải quyết", 3),
)


def _num(value: Any, unit: str = "dossiers") -> str:
    if value is None:
        return "Không có dữ liệu" if unit != "ratio" else "–"
    if unit == "ratio":
        return f"{float(value) * 100:.1f}%".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso[:10])
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _flat(row: dict[str, Any], code: str) -> Any:
    group, dot, name = code.partition(".")
    if dot:
        return (row.get(group) or {}).get(name)
    return row.get(code)


def render_report_pdf(data: dict[str, Any], *, prepared_by: str = "") -> bytes:
    """The PDF of a computed report (``Report.to_dict()``)."""
    fonts = register_fonts()
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=10, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=10)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
    bold_c = ParagraphStyle("boldc", parent=center, fontName=fonts.bold)
    title = ParagraphStyle("title", parent=bold_c, fontSize=13, leading=16)
    cell = ParagraphStyle("cell", parent=small, alignment=TA_LEFT)
    head = ParagraphStyle("head", parent=small, fontName=fonts.bold, alignment=TA_CENTER)
    num = ParagraphStyle("num", parent=small, alignment=TA_RIGHT)

    unit = data.get("unit", {})
    period = data["period"]
    page = landscape(A4)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        leftMargin=15 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=nfc(data.get("title", "")),
        author=nfc(unit.get("name", "")),
    )
    width = page[0] - 27 * mm
    story: list[Any] = []

    left = [
        Paragraph(esc(nfc(unit.get("governing_body") or unit.get("name", ""))).upper(), center),
        Paragraph(f"<b>{esc(nfc(unit.get('name', '')))}</b>", center),
    ]
    form = "Biểu số II.06a/VPCP/KSTT" if data["kind"] == "ii06a" else ""
    right = [
        Paragraph("<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", center),
        Paragraph("<b>Độc lập – Tự do – Hạnh phúc</b>", center),
        Paragraph(f"<i>{esc(form)}</i>", center),
    ]
    story.append(Table([[left, right]], colWidths=[width * 0.42, width * 0.58]))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(esc(nfc(data.get("title", ""))).upper(), title))
    story.append(
        Paragraph(
            f"Kỳ báo cáo: {esc(period.get('label', ''))} (từ ngày {_dmy(period['from'])} đến ngày {_dmy(period['to'])})",
            center,
        )
    )
    conv = (
        "kỳ chốt số liệu từ ngày 15 tháng trước đến ngày 14"
        if period.get("convention") == "reporting"
        else "tháng dương lịch"
    )
    story.append(Paragraph(f"<i>Cách tính kỳ: {conv}. Đơn vị tính: số hồ sơ TTHC.</i>", center))
    if not data.get("complete", True):
        as_of = datetime.fromisoformat(data["as_of"])
        story.append(
            Paragraph(
                f"<b>Kỳ báo cáo chưa kết thúc: số liệu tính đến {as_of:%H:%M} ngày {as_of:%d/%m/%Y}.</b>",
                center,
            )
        )
    story.append(Spacer(1, 3 * mm))

    columns: list[str] = data["columns"]
    by_label = {
        "unit": "Đơn vị",
        "field": "Lĩnh vực",
        "procedure": "Thủ tục hành chính",
        "officer": "Cán bộ xử lý",
    }
    first = by_label.get(data.get("by", "unit"), "")
    rows = [*data["rows"], data["total"]]

    def body(codes: list[str], table_rows: list[list[Any]]) -> None:
        for i, row in enumerate(rows, start=1):
            is_total = row is data["total"]
            label = "Tổng cộng" if is_total else row.get("label", "")
            line: list[Any] = [
                Paragraph("" if is_total else str(i), num),
                Paragraph(f"<b>{esc(label)}</b>" if is_total else esc(nfc(label)), cell),
            ]
            for code in codes:
                unit_kind = BY_CODE[code].unit if code in BY_CODE else "dossiers"
                line.append(Paragraph(_num(_flat(row, code), unit_kind), num))
            table_rows.append(line)

    def place(codes: list[str], table_rows: list[list[Any]], header_rows: int, extra: list[Any]) -> None:
        label_w = 60 * mm
        rest = (width - 10 * mm - label_w) / max(len(codes), 1)
        table = Table(table_rows, colWidths=[10 * mm, label_w] + [rest] * len(codes), repeatRows=header_rows)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)),
                    ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.96, 0.96, 0.96)),
                    *extra,
                ]
            )
        )
        story.append(table)

    if data["kind"] == "ii06a":
        head1 = [Paragraph("STT", head), Paragraph(first, head)]
        head2: list[Any] = ["", ""]
        spans = []
        col = 2
        for group, label, n in II06A_GROUPS:
            head1 += [Paragraph(label, head)] + [""] * (n - 1)
            spans.append(("SPAN", (col, 0), (col + n - 1, 0)))
            for code in columns:
                if code.startswith(group + "."):
                    head2.append(Paragraph(esc(BY_CODE[code].name_vi.split(": ")[-1]), head))
            col += n
        head3 = [Paragraph(str(i), head) for i in range(1, 3 + len(columns))]
        table_rows: list[list[Any]] = [head1, head2, head3]
        body(columns, table_rows)
        place(columns, table_rows, 3, [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), *spans])
    else:
        # Wide reports print as several tables of at most COLUMNS_PER_TABLE figures, each repeating the rows.
        for start in range(0, len(columns), COLUMNS_PER_TABLE):
            codes = columns[start : start + COLUMNS_PER_TABLE]
            table_rows = [
                [Paragraph("STT", head), Paragraph(first, head)]
                + [Paragraph(esc(BY_CODE[c].name_vi if c in BY_CODE else c), head) for c in codes]
            ]
            body(codes, table_rows)
            if start:
                story.append(Spacer(1, 3 * mm))
            place(codes, table_rows, 1, [])

    ratios = data.get("ratios") or []
    if ratios:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph("<b>Các tỷ lệ so với chỉ tiêu năm</b>", base))
        rrows: list[list[Any]] = [
            [
                Paragraph(h, head)
                for h in (
                    "Chỉ tiêu",
                    "Tử số",
                    "Mẫu số",
                    "Đạt được",
                    "Chỉ tiêu giao",
                    "Chênh lệch",
                    "Đánh giá",
                )
            ]
        ]
        for r in ratios:
            verdict = "" if r["missed"] is None else ("Không đạt" if r["missed"] else "Đạt")
            rrows.append(
                [
                    Paragraph(esc(r["label"]), cell),
                    Paragraph(_num(r["numerator"]) if r["numerator"] is not None else "", num),
                    Paragraph(_num(r["denominator"]) if r["denominator"] is not None else "", num),
                    Paragraph(_num(r["value"], "ratio"), num),
                    Paragraph(_num(r["target"], "ratio") if r["target"] is not None else "Chưa giao", num),
                    Paragraph(_num(r["gap"], "ratio") if r["gap"] is not None else "", num),
                    Paragraph(f"<b>{verdict}</b>" if r["missed"] else verdict, center),
                ]
            )
        rt = Table(rrows, colWidths=[width * 0.34] + [width * 0.11] * 6, repeatRows=1)
        rt.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            )
        )
        story.append(rt)

    if data["kind"] == "weekly":
        story.extend(_weekly(data, base, cell, head, num, width))

    notes = data.get("definitions") or []
    if notes:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph("<b>Ghi chú: cách tính từng chỉ tiêu</b>", base))
        for d in notes:
            story.append(Paragraph(f"– <b>{esc(d['name'])}</b>: {esc(d['definition'])}", small))

    place_name = unit.get("place_name") or ""
    gen = datetime.fromisoformat(data["generated_at"])
    dated = (
        f"{esc(place_name)}, ngày {gen.day:02d} tháng {gen.month:02d} năm {gen.year}"
        if place_name
        else (f"Ngày {gen.day:02d} tháng {gen.month:02d} năm {gen.year}")
    )
    sign = Table(
        [
            ["", Paragraph(f"<i>{dated}</i>", center)],
            [Paragraph("<b>NGƯỜI LẬP BIỂU</b>", center), Paragraph("<b>THỦ TRƯỞNG ĐƠN VỊ</b>", center)],
            [
                Paragraph("<i>(Ký, ghi rõ họ tên)</i>", center),
                Paragraph("<i>(Ký, ghi rõ họ tên, đóng dấu)</i>", center),
            ],
            [Spacer(1, 18 * mm), ""],
            [Paragraph(f"<b>{esc(nfc(prepared_by))}</b>", center), ""],
        ],
        colWidths=[width / 2, width / 2],
    )
    story.append(Spacer(1, 5 * mm))
    story.append(KeepTogether([sign]))

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8)
        canvas.drawRightString(page[0] - 12 * mm, 7 * mm, f"Trang {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _weekly(data: dict[str, Any], base: Any, cell: Any, head: Any, num: Any, width: float) -> list[Any]:
    out: list[Any] = [Spacer(1, 4 * mm)]
    prev = data["previous"]
    out.append(
        Paragraph(
            f"<b>So với kỳ trước</b> (từ ngày {_dmy(prev['period']['from'])} đến ngày {_dmy(prev['period']['to'])})",
            base,
        )
    )
    rows: list[list[Any]] = [[Paragraph(h, head) for h in ("Chỉ tiêu", "Kỳ này", "Kỳ trước", "Thay đổi")]]
    for code in data["columns"]:
        now_v, before = _flat(data["total"], code), _flat(prev["total"], code)
        change = data["changes"].get(code)
        sign = "+" if change and change > 0 else ""
        rows.append(
            [
                Paragraph(esc(BY_CODE[code].name_vi), cell),
                Paragraph(_num(now_v), num),
                Paragraph(_num(before), num),
                Paragraph(f"{sign}{_num(change)}" if change is not None else "", num),
            ]
        )
    t = Table(rows, colWidths=[width * 0.4, width * 0.15, width * 0.15, width * 0.15])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black)]))
    out.append(t)
    overdue = data.get("overdue_now") or []
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(f"<b>Hồ sơ đang quá hạn hiện nay: {len(overdue)}</b>", base))
    if overdue:
        rows = [
            [
                Paragraph(h, head)
                for h in ("Mã hồ sơ", "Thủ tục", "Hạn xử lý", "Số ngày quá hạn", "Cán bộ đang xử lý")
            ]
        ]
        for o in overdue:
            due = datetime.fromisoformat(o["deadline_at"])
            rows.append(
                [
                    Paragraph(esc(o["code"] or ""), cell),
                    Paragraph(esc(nfc(o["procedure"])), cell),
                    Paragraph(f"{due:%d/%m/%Y %H:%M}", cell),
                    Paragraph(str(o["days_overdue"]), num),
                    Paragraph(esc(nfc(o["officer_name"])), cell),
                ]
            )
        t = Table(
            rows, colWidths=[width * 0.22, width * 0.34, width * 0.12, width * 0.1, width * 0.2], repeatRows=1
        )
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black)]))
        out.append(t)
    return out
