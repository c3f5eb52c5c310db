"""Sổ theo dõi hồ sơ (2018 Mẫu 06 / 2025 Mẫu 07): the register, A4 landscape.

Each row's number is the dossier's real running number in the register (given at intake), whatever date
range is printed; a range that spans several volumes prints each volume under its own "Quyển số".

Thousands of rows are laid out as one LongTable of plain, pre-wrapped strings (no Paragraph
per cell), with the three header rows repeated on every page and "Trang n/N" in the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from .data import BookRow, TrackingBookData
from .document import PageDecor, build_flow_document, measure, reprint_label
from .fonts import FontSet, register_fonts
from .layout import LANDSCAPE_MARGINS, HeaderBlock, esc, make_styles
from .templates import fill, load_form_set
from .vnformat import format_count, format_date, format_place_date, format_time, nfc

BOOK_TITLE = "SỔ THEO DÕI HỒ SƠ"

#: (title, width in mm; 0 = the rest) of the 14 columns; 7–11 sit under "Ngày, tháng, năm".
COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 9),
    ("Mã hồ sơ", 27),
    ("Tên thủ tục hành chính", 33),
    ("Số lượng hồ sơ (bộ)", 11),
    ("Tên cá nhân, tổ chức", 27),
    ("Địa chỉ, số điện thoại", 30),
    ("Cơ quan chủ trì giải quyết", 22),
    ("Nhận hồ sơ", 16),
    ("Hẹn trả kết quả", 16),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 16),
    ("Nhận kết quả từ cơ quan giải quyết", 16),
    ("Trả kết quả cho cá nhân, tổ chức", 16),
    ("Ký nhận", 13),
    ("Ghi chú", 0),
)
_DATE_COLUMNS = (7, 12)  # half-open range of the grouped date columns
_CELL_SIZE = 8.0
_LEADING = _CELL_SIZE * 1.15
_PAD = 2.0
_TOP_PAD = 1.5
_BOTTOM_PAD = 2.5


def _when(value: datetime | None) -> str:
    return "" if value is None else f"{format_date(value)}\n{format_time(value)}"


class _Wrapper:
    """Greedy word wrap with a per-call width cache (names and agencies repeat a lot)."""

    def __init__(self, font: str, size: float) -> None:
        self.font = font
        self.size = size
        self.cache: dict[tuple[str, float], str] = {}

    def __call__(self, text: str, width: float) -> str:
        key = (text, width)
        hit = self.cache.get(key)
        if hit is None:
            clean = nfc(text.strip())
            if stringWidth(clean, self.font, self.size) <= width:
                hit = clean
            else:
                hit = "\n".join(simpleSplit(clean, self.font, self.size, width))
            self.cache[key] = hit
        return hit

    def code(self, code: str, width: float) -> str:
        """Dossier codes have no spaces: break them after "-" when too wide."""
        clean = nfc(code.strip())
        if stringWidth(clean, self.font, self.size) <= width:
            return clean
        lines: list[str] = []
        current = ""
        for part in clean.replace("-", "-\n").split("\n"):
            if current and stringWidth(current + part, self.font, self.size) > width:
                lines.append(current)
                current = part
            else:
                current += part
        lines.append(current)
        return "\n".join(lines)


def _row_height(cells: Sequence[str]) -> float:
    return max(cell.count("\n") for cell in cells) * _LEADING + _LEADING + _TOP_PAD + _BOTTOM_PAD


def _paginate(rows: Sequence[Sequence[str]], first: float, rest: float) -> list[tuple[int, int]]:
    """Split ``rows`` into (start, stop) page ranges: ``first`` points on page 1, ``rest`` after."""
    chunks: list[tuple[int, int]] = []
    start, used, room = 0, 0.0, first - 1.0
    for index, row in enumerate(rows):
        height = _row_height(row)
        if used + height > room and index > start:
            chunks.append((start, index))
            start, used, room = index, 0.0, rest - 1.0
        used += height
    chunks.append((start, len(rows)))
    return chunks


def _body_row(row: BookRow, wrap: _Wrapper, inner: Sequence[float]) -> list[str]:
    return [
        str(row.seq) if row.seq else "",
        wrap.code(row.code, inner[1]),
        wrap(row.procedure_name, inner[2]),
        format_count(row.set_count),
        wrap(row.applicant_name, inner[4]),
        wrap(row.address_phone, inner[5]),
        wrap(row.processing_agency, inner[6]),
        _when(row.received_at),
        _when(row.due_at),
        _when(row.forwarded_at),
        _when(row.result_received_at),
        _when(row.returned_at),
        "",
        wrap(row.note, inner[13]),
    ]


def render_tracking_book(
    data: TrackingBookData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of the register for ``data.date_from``–``data.date_to``, A4 landscape."""
    fonts = fonts or register_fonts()
    pagesize = landscape(A4)
    margins = LANDSCAPE_MARGINS
    width = pagesize[0] - margins.left - margins.right
    fixed = sum(w for _, w in COLUMNS) * mm
    widths = [w * mm if w else width - fixed for _, w in COLUMNS]
    inner = [w - 2 * _PAD for w in widths]
    styles = make_styles(fonts, 12.0)
    head = ParagraphStyle("bhead", parent=styles.cell_head, fontSize=_CELL_SIZE, leading=_CELL_SIZE * 1.15)
    group = [Paragraph(title, head) for title, _ in COLUMNS]
    header_rows: list[list[Any]] = [
        [*group[:7], Paragraph("Ngày, tháng, năm", head), "", "", "", "", group[12], group[13]],
        [*[""] * 7, *group[7:12], "", ""],
        [f"({number})" for number in range(1, len(COLUMNS) + 1)],
    ]
    wrap = _Wrapper(fonts.regular, _CELL_SIZE)
    body = [_body_row(row, wrap, inner) for row in data.rows]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.regular, _CELL_SIZE, _LEADING),
        ("FONT", (0, 2), (-1, 2), fonts.italic, _CELL_SIZE - 1, (_CELL_SIZE - 1) * 1.15),
        ("GRID", (0, 0), (-1, -1), 0.4, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, 2), "MIDDLE"),
        ("VALIGN", (0, 3), (-1, -1), "TOP"),
        ("ALIGN", (0, 2), (-1, 2), "CENTER"),
        ("ALIGN", (0, 3), (0, -1), "CENTER"),
        ("ALIGN", (3, 3), (3, -1), "CENTER"),
        ("ALIGN", (7, 3), (11, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), _TOP_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _BOTTOM_PAD),
        ("SPAN", (_DATE_COLUMNS[0], 0), (_DATE_COLUMNS[1] - 1, 0)),
    ]
    commands += [("SPAN", (col, 0), (col, 1)) for col in (*range(7), 12, 13)]
    table_style = TableStyle(commands)

    t = (data.texts or load_form_set(data.form_set)).form("book")
    period = f"Từ ngày {format_date(data.date_from)} đến ngày {format_date(data.date_to)}"
    place_date = format_place_date(data.header.place_name, data.issued_at, style=data.header.date_style)
    frame_h = pagesize[1] - margins.top - margins.bottom
    probe = Table(header_rows, colWidths=widths)
    probe.setStyle(table_style)
    header_h = probe.wrap(width, frame_h)[1]
    # One section per volume (quyển), in the order the rows come (the service sorts by volume, number).
    sections: list[tuple[str | None, list[list[str]]]] = []
    for row, row_cells in zip(data.rows, body, strict=True):
        row_volume = row.volume or data.book_number
        if not sections or sections[-1][0] != row_volume:
            sections.append((row_volume, []))
        sections[-1][1].append(row_cells)
    if not sections:
        sections.append((data.book_number, []))
    story: list[Any] = []
    for index, (volume, cells) in enumerate(sections):
        line = period
        if volume:
            line += " — " + fill(t["volume"], volume=esc(volume))
        top: list[Any] = [
            HeaderBlock(fonts, 12.0, data.header, None, place_date, left_fraction=0.4),
            Spacer(1, 4 * mm),
            Paragraph(
                esc(t["title"]), ParagraphStyle("btitle", parent=styles.title, fontSize=15, leading=18)
            ),
            Paragraph(line, ParagraphStyle("bperiod", parent=styles.center, fontName=fonts.italic)),
            Spacer(1, 4 * mm),
        ]
        if index:
            story.append(PageBreak())
        story.extend(top)
        top_h, _ = measure(top, width)
        chunks = _paginate(cells, frame_h - top_h - header_h, frame_h - header_h) if cells else []
        for number, (start, stop) in enumerate(chunks):
            if number:
                story.append(PageBreak())
            part = cells[start:stop]
            table = Table(
                header_rows + part,
                colWidths=widths,
                rowHeights=[None] * 3 + [_row_height(r) for r in part],
                repeatRows=3,
            )
            table.setStyle(table_style)
            story.append(table)
    if not data.rows:
        story.append(Paragraph("(Không có hồ sơ trong kỳ)", styles.center))
    decor = PageDecor(
        fonts, printed_at or datetime.now(), reprint_label(data.reprint, data.reprint_count), BOOK_TITLE
    )
    return build_flow_document(story, pagesize, margins, decor, title=f"{nfc(t['title'])} - {period}")
