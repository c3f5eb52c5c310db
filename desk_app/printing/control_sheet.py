"""Phiếu kiểm soát quá trình giải quyết hồ sơ (2018 Mẫu 05 / 2025 Mẫu 06), A4 portrait.

Each hand-over takes two table rows: the first carries the parties ("1. Giao: …",
"2. Nhận: …") and the hand-over times, the second the "Người giao" / "Người nhận" signature
cells. The result and note cells span both rows. ``blank_rows`` adds rows to fill by hand.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from .barcodes import Code128Flowable
from .data import STEP_RESULT_LABELS, ControlSheetData, ControlStep
from .document import PageDecor, build_flow_document, reprint_label
from .fonts import FontSet, register_fonts
from .layout import A4_MARGINS, HeaderBlock, Styles, esc, field, make_styles
from .templates import fill, load_form_set
from .vnformat import DOTS, DateStyle, format_time_date_long, nfc

CONTROL_TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
_SIZE = 12.0


def _party(label: str, name: str) -> str:
    return f"{label}: {esc(name) if name.strip() else DOTS * 2}"


def _step_rows(
    step: ControlStep, styles: Styles, sign: ParagraphStyle, date_style: DateStyle, t: Any
) -> list[list[Any]]:
    cell, center = styles.cell, styles.cell_center
    parties = Paragraph(f"{_party('1. Giao', step.from_party)}<br/>{_party('2. Nhận', step.to_party)}", cell)
    given = format_time_date_long(step.handed_at, style=date_style)
    taken = format_time_date_long(step.received_at or step.handed_at, style=date_style)
    times = Paragraph(f"Giao: {given}<br/>Nhận: {taken}", cell)
    result = Paragraph(STEP_RESULT_LABELS.get(step.result or "", ""), center)
    note = Paragraph(esc(step.note), cell)
    giver = Paragraph(f"{esc(t['giver'])}<br/><br/><br/><b>{esc(step.from_person)}</b>", sign)
    taker = Paragraph(f"{esc(t['taker'])}<br/><br/><br/><b>{esc(step.to_person)}</b>", sign)
    return [[parties, times, "", result, note], ["", giver, taker, "", ""]]


def render_control_sheet(
    data: ControlSheetData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of the control sheet that travels with the dossier."""
    fonts = fonts or register_fonts()
    t = (data.texts or load_form_set(data.form_set)).form("control")
    styles = make_styles(fonts, _SIZE)
    body, center = styles.body, styles.center
    width = A4[0] - A4_MARGINS.left - A4_MARGINS.right
    story: list[Any] = [
        HeaderBlock(fonts, 12.5, data.header, None, None),
        Spacer(1, 5 * mm),
        Paragraph(esc(t["title"]), ParagraphStyle("ctitle", parent=styles.title, fontSize=14, leading=17)),
        Paragraph(f"Mã hồ sơ: <b>{esc(data.code)}</b>", center),
        Spacer(1, 1.5 * mm),
        Code128Flowable(nfc(data.code).strip(), bar_height=8 * mm),
        Spacer(1, 1.5 * mm),
        Paragraph(
            fill(t["slip_reference"], slip=esc(data.slip_reference) or DOTS * 2),
            ParagraphStyle("cref", parent=center, fontName=fonts.italic),
        ),
        Spacer(1, 3 * mm),
    ]
    if data.applicant_name.strip():
        story.append(field("Hồ sơ của", data.applicant_name, body, bold=True))
    if data.procedure_name.strip():
        story.append(field("Thủ tục hành chính", data.procedure_name, body))
    volume = esc(str(data.book_number)) if data.book_number not in (None, "") else DOTS
    seq = esc(str(data.book_seq)) if data.book_seq not in (None, "") else DOTS
    story += [
        field(t["processing_agency"], data.processing_agency, body),
        field(t["coordinating_agency"], data.coordinating_agency, body),
        Paragraph(fill(t["register"], volume=volume, seq=seq).replace("   ", "&nbsp;&nbsp; "), body),
        Spacer(1, 3 * mm),
    ]
    head = styles.cell_head
    col = [esc(c) for c in t["columns"]]
    rows: list[list[Any]] = [
        [
            Paragraph(col[0], head),
            Paragraph(col[1], head),
            "",
            Paragraph(
                f"{col[2]}<br/><font name='{fonts.italic}' size='{_SIZE - 2}'>{esc(t['result_hint'])}</font>",
                head,
            ),
            Paragraph(col[3], head),
        ]
    ]
    sign = ParagraphStyle("csign", parent=styles.cell_center)
    steps = list(data.steps) + [ControlStep("", "") for _ in range(max(data.blank_rows, 0))]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (1, 2), (2, -1), "TOP"),
        ("SPAN", (1, 0), (2, 0)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for step in steps:
        first = len(rows)
        rows += _step_rows(step, styles, sign, data.header.date_style, t)
        commands += [
            ("SPAN", (0, first), (0, first + 1)),
            ("SPAN", (1, first), (2, first)),
            ("SPAN", (3, first), (3, first + 1)),
            ("SPAN", (4, first), (4, first + 1)),
        ]
    widths = [0.24 * width, 0.215 * width, 0.215 * width, 0.18 * width, 0.15 * width]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    story.append(table)
    decor = PageDecor(
        fonts, printed_at or datetime.now(), reprint_label(data.reprint, data.reprint_count), nfc(data.code)
    )
    return build_flow_document(story, A4, A4_MARGINS, decor, title=nfc(t["title"]))
