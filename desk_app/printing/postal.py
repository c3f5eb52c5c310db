"""Postal documents: the address label of a result shipment (A6, DL or C5 envelope), the hand-over manifest
(phiếu bàn giao bưu gửi) and the monthly statement of postal services (bảng kê), as PDF; the statement also as
XLSX (numbers stored as numbers). Plain data in, bytes out.

Barcodes are Code128 (the dossier code, the S10 item number, the manifest number) with quiet zones, at the
widest module that fits (never under 0.25 mm, which decodes from a 200 dpi render).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from desk_app.domain.postal import FREE_MARK, KIND_LABEL_VI, PAYER_LABEL_VI, Period

from .barcodes import CODE128_QUIET_MODULES, MIN_MODULE_WIDTH, Code128Flowable, code128_modules, draw_code128
from .data import UnitHeader
from .document import PageDecor, build_flow_document, reprint_label
from .fonts import FontSet, register_fonts
from .layout import A4_MARGINS, HeaderBlock, SignatureBlock, Signer, esc, make_styles
from .vnformat import format_date, format_money, format_number, format_place_date, nfc

LABEL_PAGES: dict[str, tuple[float, float]] = {
    "A6": A6,  # 105 × 148 mm, portrait: a label stuck on the parcel
    "DL": (220 * mm, 110 * mm),  # envelope DL, landscape
    "C5": (229 * mm, 162 * mm),  # envelope C5, landscape
}
#: Narrowest module printed on a label or manifest when the symbol would not fit at MIN_MODULE_WIDTH.
SMALLEST_MODULE = 0.25 * mm
MANIFEST_TITLE = "PHIẾU BÀN GIAO BƯU GỬI"
STATEMENT_TITLE = "BẢNG KÊ DỊCH VỤ BƯU CHÍNH CÔNG ÍCH"


@dataclass(frozen=True)
class LabelData:
    """An address label: the sender (the commune's office), the recipient, the dossier code, the item number."""

    sender_name: str
    sender_address: str
    sender_phone: str
    recipient_name: str
    recipient_address: str
    recipient_phone: str
    code: str
    item_number: str | None = None  # None: not known yet (the label is printed before the post numbers it)
    item_free: bool = False
    fee: int | None = None
    payer: str = "citizen"
    size: str = "A6"


@dataclass(frozen=True)
class ManifestLine:
    code: str
    number: str
    free: bool
    kind_label: str
    party: str  # recipient (out) or sender (in)
    address: str
    fee: int


@dataclass(frozen=True)
class ManifestData:
    """A hand-over manifest: one batch handed to (``out``) or taken from (``in``) the postman."""

    header: UnitHeader
    number: str
    day: date
    direction: str
    lines: list[ManifestLine]
    total_fee: int
    reprint_count: int = 0
    clerk: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "day": self.day.isoformat(),
            "direction": self.direction,
            "count": len(self.lines),
            "total_fee": self.total_fee,
            "reprint_count": self.reprint_count,
            "items": [
                {"code": ln.code, "item": ln.number, "free": ln.free, "kind": ln.kind_label, "fee": ln.fee}
                for ln in self.lines
            ],
        }


@dataclass(frozen=True)
class StatementLine:
    day: date
    code: str
    number: str
    free: bool
    kind: str
    kind_label: str
    payer_label: str
    state_label: str
    fee: int


@dataclass(frozen=True)
class StatementData:
    """The monthly statement of postal services for payment."""

    header: UnitHeader
    period: Period
    lines: list[StatementLine]
    totals: dict[str, dict[str, int]]  # kind (and "total") -> {"count", "fees"}
    by_payer: dict[str, int]
    rate: int
    rate_note: str
    channels: dict[str, int] = field(default_factory=dict)
    by_officer: dict[str, dict[str, int]] = field(default_factory=dict)  # who recorded: {"count", "fees"}

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.key,
            "by_officer": self.by_officer,
            "rate": self.rate,
            "rate_note": self.rate_note,
            "totals": self.totals,
            "by_payer": self.by_payer,
            "channels": self.channels,
            "items": [
                {
                    "day": ln.day.isoformat(),
                    "code": ln.code,
                    "item": ln.number,
                    "free": ln.free,
                    "kind": ln.kind,
                    "payer": ln.payer_label,
                    "fee": ln.fee,
                }
                for ln in self.lines
            ],
        }


def _module_width(modules: str, width: float) -> float:
    fitted = width / (len(modules) + 2 * CODE128_QUIET_MODULES)
    return max(min(MIN_MODULE_WIDTH, fitted), SMALLEST_MODULE)


def _barcode(
    canvas: Any, fonts: FontSet, x: float, y: float, width: float, value: str, caption: str
) -> float:
    """A Code128 of ``value`` centred in [x, x+width] with its caption under it; returns the height used."""
    modules = code128_modules(value)
    module = _module_width(modules, width)
    symbol = len(modules) * module
    bar_height = 11 * mm
    left = x + (width - symbol) / 2
    draw_code128(canvas, left, y + 4.2 * mm, modules, module, bar_height)
    canvas.setFont(fonts.regular, 8)
    canvas.drawCentredString(x + width / 2, y + 1 * mm, nfc(caption))
    return bar_height + 5.5 * mm


def _block(
    canvas: Any,
    fonts: FontSet,
    x: float,
    top: float,
    width: float,
    title: str,
    lines: Sequence[tuple[str, bool, float]],
) -> float:
    """A titled text block drawn down from ``top``; (text, bold, size) lines wrap; returns the new top."""
    y = top - 9
    canvas.setFont(fonts.bold_italic, 8.5)
    canvas.drawString(x, y, title)
    for text, bold, size in lines:
        font = fonts.bold if bold else fonts.regular
        for line in simpleSplit(nfc(text), font, size, width) or [""]:
            y -= size * 1.25
            canvas.setFont(font, size)
            canvas.drawString(x, y, line)
    return y - 4


def render_label(data: LabelData, *, fonts: FontSet | None = None) -> bytes:
    """PDF of one address label: A6 (portrait) or an envelope DL / C5 (landscape)."""
    fonts = fonts or register_fonts()
    size = data.size.upper()
    page = LABEL_PAGES.get(size, A6)
    width, height = page
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, initialFontName=fonts.regular, initialFontSize=9)
    canvas.setTitle(nfc(f"Nhãn bưu gửi {data.code}"))
    canvas.setAuthor("desk_app")
    margin = 6 * mm
    wide = width > height
    sender = [
        (data.sender_name, True, 9.0),
        (data.sender_address, False, 8.5),
        (f"ĐT: {data.sender_phone}" if data.sender_phone else "", False, 8.5),
    ]
    recipient = [
        (data.recipient_name, True, 13.0 if wide else 12.0),
        (data.recipient_address, False, 11.0 if wide else 10.0),
        (f"ĐT: {data.recipient_phone}" if data.recipient_phone else "", False, 10.0),
    ]
    fee_text = ""
    if data.fee is not None:
        fee_text = f"Cước: {format_money(data.fee)} ({PAYER_LABEL_VI.get(data.payer, data.payer)})"
    item_caption = ""
    if data.item_number:
        item_caption = f"Số hiệu: {data.item_number}" + (f" {FREE_MARK}" if data.item_free else "")
    if wide:
        left_w = width * 0.42 - margin
        top = _block(canvas, fonts, margin, height - margin, left_w, "Người gửi:", sender)
        canvas.setFont(fonts.bold, 9)
        canvas.drawString(margin, top - 4, "BƯU GỬI HÀNH CHÍNH CÔNG (BCCI)")
        right_x = width * 0.45
        _block(canvas, fonts, right_x, height * 0.62, width - right_x - margin, "Người nhận:", recipient)
        y = margin
        if data.item_number:
            y += _barcode(canvas, fonts, margin, y, left_w, data.item_number, item_caption) + 2 * mm
        _barcode(canvas, fonts, margin, y, left_w, data.code, f"Mã hồ sơ: {data.code}")
        if fee_text:
            canvas.setFont(fonts.regular, 8.5)
            canvas.drawString(right_x, margin + 2 * mm, fee_text)
    else:
        inner = width - 2 * margin
        top = _block(canvas, fonts, margin, height - margin, inner, "Người gửi:", sender)
        canvas.setLineWidth(0.6)
        canvas.line(margin, top, width - margin, top)
        canvas.setFont(fonts.bold, 9)
        canvas.drawCentredString(width / 2, top - 11, "BƯU GỬI HÀNH CHÍNH CÔNG (BCCI)")
        top = _block(canvas, fonts, margin, top - 14, inner, "Người nhận:", recipient)
        if fee_text:
            canvas.setFont(fonts.regular, 8.5)
            canvas.drawString(margin, top - 8, fee_text)
        y = margin
        if data.item_number:
            y += _barcode(canvas, fonts, margin, y, inner, data.item_number, item_caption) + 3 * mm
        _barcode(canvas, fonts, margin, y, inner, data.code, f"Mã hồ sơ: {data.code}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _signers(direction: str) -> list[Signer]:
    office, post = "Bộ phận một cửa", "Nhân viên bưu chính"
    giver, taker = (office, post) if direction == "out" else (post, office)
    return [Signer(f"BÊN GIAO ({giver})"), Signer(f"BÊN NHẬN ({taker})")]


def render_manifest(
    data: ManifestData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of a hand-over manifest: the batch's barcode, one line per item with its barcode, counts, signatures."""
    fonts = fonts or register_fonts()
    styles = make_styles(fonts, 11.0)
    width = A4[0] - A4_MARGINS.left - A4_MARGINS.right
    subtitle = "Giao bưu gửi cho bưu chính" if data.direction == "out" else "Nhận bưu gửi từ bưu chính"
    story: list[Any] = [
        HeaderBlock(fonts, 11.5, data.header, None, format_place_date(data.header.place_name, data.day)),
        Spacer(1, 4 * mm),
        Paragraph(MANIFEST_TITLE, ParagraphStyle("mt", parent=styles.title, fontSize=14, leading=17)),
        Paragraph(f"({subtitle}, ngày {format_date(data.day)})", styles.center),
        Spacer(1, 1.5 * mm),
        Code128Flowable(data.number, bar_height=9 * mm, font=fonts.regular, font_size=8),
        Paragraph(f"Số phiếu: <b>{esc(data.number)}</b>", styles.center),
        Spacer(1, 3 * mm),
    ]
    head = styles.cell_head
    party_head = "Người nhận, địa chỉ" if data.direction == "out" else "Người gửi, địa chỉ"
    rows: list[list[Any]] = [
        [
            Paragraph("STT", head),
            Paragraph("Mã hồ sơ", head),
            Paragraph("Số hiệu bưu gửi", head),
            Paragraph(party_head, head),
            Paragraph("Cước (đồng)", head),
        ]
    ]
    item_width = 55 * mm
    for index, line in enumerate(data.lines, start=1):
        number_cell: list[Any] = []
        if not line.free:
            modules = code128_modules(line.number)
            module = _module_width(modules, item_width - 4)
            number_cell.append(Code128Flowable(line.number, module_width=module, bar_height=8 * mm))
        number_cell.append(
            Paragraph(esc(line.number) + (f" <i>{FREE_MARK}</i>" if line.free else ""), styles.cell_center)
        )
        rows.append(
            [
                Paragraph(str(index), styles.cell_center),
                Paragraph(esc(line.code), styles.cell),
                number_cell,
                Paragraph(
                    f"{esc(line.party)}<br/>{esc(line.address)}<br/><i>{esc(line.kind_label)}</i>",
                    styles.cell,
                ),
                Paragraph(format_number(line.fee), styles.cell_center),
            ]
        )
    rows.append(
        [
            "",
            Paragraph(f"<b>Cộng: {len(data.lines)} bưu gửi</b>", styles.cell),
            "",
            "",
            Paragraph(f"<b>{format_number(data.total_fee)}</b>", styles.cell_center),
        ]
    )
    widths = [11 * mm, 50 * mm, item_width, width - 11 * mm - 50 * mm - item_width - 20 * mm, 20 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 1), (2, -1), "CENTER"),
                ("SPAN", (1, -1), (3, -1)),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 3 * mm),
        Paragraph(
            f"Tổng số bưu gửi: <b>{len(data.lines)}</b>; tổng cước: <b>{format_money(data.total_fee)}</b>.",
            styles.body,
        ),
        Spacer(1, 5 * mm),
        SignatureBlock(fonts, 11.0, _signers(data.direction), sign_space=16 * mm),
    ]
    decor = PageDecor(
        fonts,
        printed_at or datetime.now(),
        reprint_label(data.reprint_count > 0, data.reprint_count),
        data.number,
    )
    return build_flow_document(story, A4, A4_MARGINS, decor, title=MANIFEST_TITLE)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "—"


def render_statement(
    data: StatementData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of the monthly statement: every item with its fee, totals by kind and payer, the postal shares."""
    fonts = fonts or register_fonts()
    styles = make_styles(fonts, 10.5)
    page = landscape(A4)
    margins = A4_MARGINS.__class__(15 * mm, 12 * mm, 12 * mm, 12 * mm)
    width = page[0] - margins.left - margins.right
    story: list[Any] = [
        HeaderBlock(fonts, 11.5, data.header, None, format_place_date(data.header.place_name, date.today())),
        Spacer(1, 4 * mm),
        Paragraph(STATEMENT_TITLE, ParagraphStyle("st", parent=styles.title, fontSize=14, leading=17)),
        Paragraph(
            f"Kỳ: {esc(data.period.label)} (từ {format_date(data.period.start)} đến hết "
            f"{format_date(date.fromordinal(data.period.end.toordinal() - 1))})",
            styles.center,
        ),
        Paragraph(f"Đơn giá: {format_money(data.rate)}/bưu gửi. {esc(data.rate_note)}", styles.center),
        Spacer(1, 3 * mm),
    ]
    head, cell, center = styles.cell_head, styles.cell, styles.cell_center
    rows: list[list[Any]] = [
        [
            Paragraph(t, head)
            for t in (
                "STT",
                "Ngày",
                "Mã hồ sơ",
                "Số hiệu bưu gửi",
                "Loại dịch vụ",
                "Bên trả cước",
                "Trạng thái",
                "Cước (đồng)",
            )
        ]
    ]
    for index, ln in enumerate(data.lines, start=1):
        rows.append(
            [
                Paragraph(str(index), center),
                Paragraph(format_date(ln.day), center),
                Paragraph(esc(ln.code), cell),
                Paragraph(esc(ln.number) + (f" <i>{FREE_MARK}</i>" if ln.free else ""), cell),
                Paragraph(esc(ln.kind_label), cell),
                Paragraph(esc(ln.payer_label), cell),
                Paragraph(esc(ln.state_label), cell),
                Paragraph(format_number(ln.fee), center),
            ]
        )
    total = data.totals.get("total", {"count": 0, "fees": 0})
    rows.append(
        [
            "",
            Paragraph(f"<b>Tổng cộng: {total['count']} bưu gửi</b>", cell),
            "",
            "",
            "",
            "",
            "",
            Paragraph(f"<b>{format_number(total['fees'])}</b>", center),
        ]
    )
    fractions = (0.05, 0.09, 0.22, 0.17, 0.15, 0.1, 0.12, 0.1)
    table = Table(rows, colWidths=[f * width for f in fractions], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (1, -1), (6, -1)),
            ]
        )
    )
    summary: list[list[Any]] = [
        [Paragraph(t, head) for t in ("Loại dịch vụ", "Số bưu gửi", "Thành tiền (đồng)")]
    ]
    for kind, label in KIND_LABEL_VI.items():
        values = data.totals.get(kind, {"count": 0, "fees": 0})
        summary.append(
            [
                Paragraph(label, cell),
                Paragraph(str(values["count"]), center),
                Paragraph(format_number(values["fees"]), center),
            ]
        )
    summary.append(
        [
            Paragraph("<b>Tổng cộng</b>", cell),
            Paragraph(f"<b>{total['count']}</b>", center),
            Paragraph(f"<b>{format_number(total['fees'])}</b>", center),
        ]
    )
    summary_table = Table(summary, colWidths=[0.3 * width, 0.12 * width, 0.16 * width], hAlign="LEFT")
    summary_table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )
    payers = (
        "; ".join(f"{PAYER_LABEL_VI.get(k, k)}: {format_money(v)}" for k, v in sorted(data.by_payer.items()))
        or "—"
    )
    ch = data.channels
    officers = "; ".join(
        f"{name or '—'}: {v['count']} bưu gửi, {format_money(v['fees'])}"
        for name, v in sorted(data.by_officer.items())
    )
    story += [
        table,
        Spacer(1, 4 * mm),
        summary_table,
        Spacer(1, 2 * mm),
        Paragraph(f"Theo bên trả cước: {esc(payers)}.", styles.body),
        Paragraph(f"Theo người thực hiện: {esc(officers or '—')}.", styles.body),
    ]
    if ch:
        story.append(
            Paragraph(
                f"Hồ sơ tiếp nhận trong kỳ: {ch.get('received', 0)}, trong đó qua bưu chính: "
                f"{ch.get('received_by_post', 0)} ({_percent(ch.get('received_by_post', 0), ch.get('received', 0))}); "
                f"hồ sơ đã trả kết quả trong kỳ: {ch.get('returned', 0)}, trong đó qua bưu chính: "
                f"{ch.get('returned_by_post', 0)} ({_percent(ch.get('returned_by_post', 0), ch.get('returned', 0))}).",
                styles.body,
            )
        )
    story += [
        Spacer(1, 5 * mm),
        SignatureBlock(
            fonts,
            11.0,
            [Signer("ĐẠI DIỆN BƯU ĐIỆN"), Signer("ĐẠI DIỆN ĐƠN VỊ", hint="(Ký, ghi rõ họ tên và đóng dấu)")],
            sign_space=16 * mm,
        ),
    ]
    decor = PageDecor(fonts, printed_at or datetime.now(), None, f"Bảng kê {data.period.key}")
    return build_flow_document(story, page, margins, decor, title=STATEMENT_TITLE)


def render_statement_xlsx(data: StatementData) -> bytes:
    """The statement as an XLSX workbook: one sheet of items (fees as numbers), one of totals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bảng kê"
    sheet.append([nfc(STATEMENT_TITLE)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([nfc(f"Kỳ: {data.period.label}"), None, None, None, None, None, None, None])
    sheet.append(["Đơn giá (đồng/bưu gửi)", data.rate, nfc(data.rate_note)])
    sheet.append([])
    header = [
        "STT",
        "Ngày",
        "Mã hồ sơ",
        "Số hiệu bưu gửi",
        "Số tham chiếu tự do",
        "Loại dịch vụ",
        "Bên trả cước",
        "Trạng thái",
        "Cước (đồng)",
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for index, ln in enumerate(data.lines, start=1):
        sheet.append(
            [
                index,
                ln.day,
                ln.code,
                ln.number,
                "x" if ln.free else "",
                nfc(ln.kind_label),
                nfc(ln.payer_label),
                nfc(ln.state_label),
                ln.fee,
            ]
        )
        sheet.cell(sheet.max_row, 2).number_format = "DD/MM/YYYY"
    total = data.totals.get("total", {"count": 0, "fees": 0})
    sheet.append(["", "", "Tổng cộng", total["count"], "", "", "", "", total["fees"]])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (6, 12, 30, 18, 10, 28, 16, 24, 14), strict=True):
        sheet.column_dimensions[column].width = width
    totals = book.create_sheet("Tổng hợp")
    totals.append(["Loại dịch vụ", "Số bưu gửi", "Thành tiền (đồng)"])
    for kind, label in KIND_LABEL_VI.items():
        values = data.totals.get(kind, {"count": 0, "fees": 0})
        totals.append([nfc(label), values["count"], values["fees"]])
    totals.append(["Tổng cộng", total["count"], total["fees"]])
    totals.append([])
    for payer, amount in sorted(data.by_payer.items()):
        totals.append([nfc(PAYER_LABEL_VI.get(payer, payer)), None, amount])
    totals.append([])
    totals.append(["Người thực hiện", "Số bưu gửi", "Thành tiền (đồng)"])
    for name, values in sorted(data.by_officer.items()):
        totals.append([name, values["count"], values["fees"]])
    totals.append([])
    for key, value in data.channels.items():
        totals.append([key, value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
