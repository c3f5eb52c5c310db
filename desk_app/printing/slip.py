"""Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (the intake slip), A4 or A5.

Two copies, one page each: "Liên 1: Giao người nộp hồ sơ" and "Liên 2: Lưu". Each page has
exactly one Code128 of the dossier code (plus a QR of the lookup URL when one is given).

Speed: the story is built and wrapped once and drawn on both pages; the body font shrinks
step by step until a copy fits its page. Only when even the smallest size does not fit
(many long document names) does a copy flow over several pages, the code block staying
on each copy's first page.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from .barcodes import (
    CODE128_QUIET_MODULES,
    MIN_MODULE_WIDTH,
    QR_QUIET_MODULES,
    QrMatrix,
    code128_modules,
    draw_code128,
    draw_qr,
    lookup_url_for,
    qr_matrix,
)
from .data import DOCUMENT_KIND_LABELS, PageSize, SlipData
from .document import PageDecor, build_flow_document, draw_stack, measure, reprint_label
from .fonts import FontSet, register_fonts
from .layout import (
    A4_MARGINS,
    A5_MARGINS,
    PAGE_SIZES,
    HeaderBlock,
    Margins,
    SignatureBlock,
    Signer,
    Styles,
    esc,
    field,
    make_styles,
    para,
)
from .vnformat import format_count, format_place_date, format_time_date, nfc

SLIP_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPY_LABELS = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu")
PICKUP_NOTE = "Khi đến nhận kết quả, ông/bà vui lòng mang theo Giấy tiếp nhận này và giấy tờ tùy thân."

#: Body font sizes tried in turn until one copy fits one page.
_SIZE_LADDER: dict[str, tuple[float, ...]] = {
    "A4": (13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0),
    "A5": (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0),
}


class CodeBlock(Flowable):
    """Title, copy label, "Mã hồ sơ", the Code128 (with its text) and the QR, as one flowable.

    The barcode sits under the title, beside the QR; if the code is too long for that it
    spans the full width below. ``copy_label`` may be changed between two draws.
    """

    def __init__(
        self,
        styles: Styles,
        code: str,
        modules: str,
        qr: QrMatrix | None,
        *,
        bar_height: float,
        qr_size: float,
        max_module: float,
    ) -> None:
        super().__init__()
        self.styles = styles
        self.code = nfc(code)
        self.modules = modules
        self.qr = qr
        self.bar_height = bar_height
        self.qr_size = qr_size if qr is not None else 0.0
        self.caption_h = 7.5 if qr is not None else 0.0
        self.max_module = max_module
        self.copy_label = ""
        self.origin = (0.0, 0.0)
        self.spaceAfter = 2.0
        self.title = Paragraph(SLIP_TITLE, styles.title)
        self.code_line = Paragraph(f"Mã hồ sơ: <b>{esc(code)}</b>", styles.center)
        self.text_size = max(styles.size - 1.5, 8.0)
        self.label_size = max(styles.size - 1.5, 7.5)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        total_modules = len(self.modules) + 2 * CODE128_QUIET_MODULES
        qr_area = 0.0
        if self.qr is not None:
            qr_area = self.qr_size * (1 + QR_QUIET_MODULES / self.qr.size)
        self.left_w = avail_width - qr_area
        self.side = self.left_w / total_modules >= MIN_MODULE_WIDTH
        bar_room = self.left_w if self.side else avail_width
        self.module = max(MIN_MODULE_WIDTH, min(self.max_module, bar_room / total_modules))
        self.width = avail_width
        self.title_h = self.title.wrap(self.left_w, 1e6)[1]
        self.code_h = self.code_line.wrap(self.left_w, 1e6)[1]
        self.label_h = self.label_size * 1.3
        self.text_block_h = self.title_h + self.label_h + self.code_h
        self.bar_block_h = 3 + self.bar_height + self.text_size * 1.25
        qr_total = self.qr_size + self.caption_h
        if self.side:
            self.height = max(self.text_block_h + self.bar_block_h, qr_total)
        else:
            self.height = max(self.text_block_h, qr_total) + self.bar_block_h
        return avail_width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self.origin = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw_copy_label(self, canvas: Any, label: str) -> None:
        """Draw "(Liên …)" under the title, in page coordinates (after the block was drawn)."""
        x, y = self.origin
        canvas.setFont(self.styles.fonts.italic, self.label_size)
        canvas.drawCentredString(
            x + self.left_w / 2, y + self.height - self.title_h - self.label_size, f"({label})"
        )

    def draw(self) -> None:
        canvas, fonts = self.canv, self.styles.fonts
        top = self.height
        cx = self.left_w / 2
        self.title.drawOn(canvas, 0, top - self.title_h)
        cursor = top - self.title_h
        if self.copy_label:
            canvas.setFont(fonts.italic, self.label_size)
            canvas.drawCentredString(cx, cursor - self.label_size, f"({self.copy_label})")
        cursor -= self.label_h
        self.code_line.drawOn(canvas, 0, cursor - self.code_h)
        cursor -= self.code_h
        if not self.side:
            cursor = top - max(self.text_block_h, self.qr_size + self.caption_h)
            cx = self.width / 2
        cursor -= 3
        bar_w = len(self.modules) * self.module
        draw_code128(
            canvas, cx - bar_w / 2, cursor - self.bar_height, self.modules, self.module, self.bar_height
        )
        cursor -= self.bar_height + self.text_size
        canvas.setFont(fonts.regular, self.text_size)
        canvas.drawCentredString(cx, cursor, self.code)
        if self.qr is not None:
            qx = self.width - self.qr_size
            block_h = self.height if self.side else self.height - self.bar_block_h
            qy = top - (block_h - self.qr_size - self.caption_h) / 2 - self.qr_size
            draw_qr(canvas, qx, qy, self.qr, self.qr_size / self.qr.size)
            canvas.setFont(fonts.italic, 6.5)
            canvas.drawCentredString(qx + self.qr_size / 2, qy - 7, "Quét mã để tra cứu")


def _documents_table(data: SlipData, styles: Styles, width: float) -> Table:
    bold, regular, cell_size = styles.fonts.bold, styles.fonts.regular, styles.cell.fontSize
    stt_w = stringWidth("STT", bold, cell_size) + 8
    kind_w = stringWidth("Bản sao chứng thực", regular, cell_size) + 8
    qty_w = stringWidth("Số lượng", bold, cell_size) + 8
    name_w = width - stt_w - kind_w - qty_w
    head = [Paragraph(t, styles.cell_head) for t in ("STT", "Tên giấy tờ", "Loại giấy tờ", "Số lượng")]
    rows: list[list[Any]] = [head]
    received = [d for d in data.documents if d.received]
    for index, doc in enumerate(received, start=1):
        rows.append(
            [
                Paragraph(str(index), styles.cell_center),
                Paragraph(esc(doc.name), styles.cell),
                Paragraph(DOCUMENT_KIND_LABELS.get(doc.kind, esc(doc.kind)), styles.cell_center),
                Paragraph(format_count(doc.quantity), styles.cell_center),
            ]
        )
    if not received:
        rows.append(["", Paragraph("(Không có giấy tờ)", styles.cell), "", ""])
    table = Table(rows, colWidths=[stt_w, name_w, kind_w, qty_w], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _copy_story(
    data: SlipData,
    styles: Styles,
    fonts: FontSet,
    page_size: str,
    width: float,
    modules: str,
    qr: QrMatrix | None,
) -> tuple[list[Any], CodeBlock]:
    size = styles.size
    body = styles.body
    gap = Spacer(1, size * 0.25)
    header = data.header
    place_date = format_place_date(header.place_name, data.received_at, style=header.date_style)
    is_a4 = page_size == "A4"
    code_block = CodeBlock(
        styles,
        data.code,
        modules,
        qr,
        bar_height=(12 if is_a4 else 9) * mm,
        qr_size=(24 if is_a4 else 19) * mm,
        max_module=(0.42 if is_a4 else 0.38) * mm,
    )
    contact = (
        f"Số điện thoại: {esc(data.phone) or '…………'}&nbsp;&nbsp;&nbsp; Email: {esc(data.email) or '…………'}"
    )
    procedure = f"<b>{esc(data.procedure_name)}</b>"
    if data.procedure_code.strip():
        procedure += f" (Mã TTHC: {esc(data.procedure_code.strip())})"
    book_no = esc(data.book_number) if data.book_number else "………"
    book_seq = esc(str(data.book_seq)) if data.book_seq not in (None, "") else "………"
    # Whoever hands the dossier in signs: the representative when there is one ("Tên (CCCD …)").
    submitter = (data.representative or "").split(" (", 1)[0].strip() or data.applicant_name
    story: list[Any] = [
        HeaderBlock(fonts, min(size, 12.5) if is_a4 else size - 0.5, header, None, place_date),
        Spacer(1, size * 0.3),
        code_block,
        field("Bộ phận tiếp nhận và trả kết quả", header.office, body),
        field("Tiếp nhận hồ sơ của", data.applicant_name, body, bold=True),
    ]
    if data.representative and data.representative.strip():
        story.append(field("Người nộp thay (đại diện, được ủy quyền)", data.representative, body))
    story += [
        field("Số định danh cá nhân/CCCD", data.applicant_id_number, body),
        field("Địa chỉ", data.address, body),
        para(contact, body),
        para(f"Thủ tục hành chính cần giải quyết: {procedure}", body),
        gap,
        para("1. Thành phần hồ sơ, yêu cầu và số lượng mỗi loại giấy tờ gồm:", body),
        _documents_table(data, styles, width),
        gap,
        para(f"2. Số lượng hồ sơ: {format_count(data.set_count)} (bộ)", body),
        field("3. Thời gian giải quyết hồ sơ theo quy định", data.processing_time_text, body),
        para(f"4. Thời gian nhận hồ sơ: {format_time_date(data.received_at)}", body),
        para(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{format_time_date(data.due_at)}</b>", body),
        field("6. Đăng ký nhận kết quả tại", data.return_via_text, body),
        field("7. Phí, lệ phí", data.fee_text, body),
        para(f"Vào Sổ theo dõi hồ sơ, Quyển số: {book_no}&nbsp;&nbsp; Số thứ tự: {book_seq}", body),
        Spacer(1, size * 0.4),
        SignatureBlock(
            fonts,
            size,
            [Signer("NGƯỜI NỘP HỒ SƠ", submitter), Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", data.receiver_name)],
            sign_space=(18 if is_a4 else 11) * mm,
        ),
        Spacer(1, size * 0.3),
    ]
    # Plain italic on purpose: a bold-italic run would embed a fourth font subset.
    note = f"Ghi chú: {PICKUP_NOTE}"
    if header.hotline and header.hotline.strip():
        note += f" Đường dây nóng: {esc(header.hotline.strip())}."
    story.append(para(note, styles.note))
    return story, code_block


def render_slip(
    data: SlipData,
    page_size: PageSize = "A5",
    *,
    printed_at: datetime | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    """PDF of the intake slip: two pages (Liên 1, Liên 2), one Code128 per page."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"unsupported page size {page_size!r}")
    fonts = fonts or register_fonts()
    pagesize = PAGE_SIZES[page_size]
    margins: Margins = A4_MARGINS if page_size == "A4" else A5_MARGINS
    width = pagesize[0] - margins.left - margins.right
    avail = pagesize[1] - margins.top - margins.bottom
    modules = code128_modules(data.code.strip())
    qr = qr_matrix(lookup_url_for(nfc(data.lookup_url), data.code.strip())) if data.lookup_url else None
    decor = PageDecor(
        fonts,
        printed_at or datetime.now(),
        reprint_label(data.reprint, data.reprint_count),
        page_numbers=False,
    )
    ladder = _SIZE_LADDER[page_size]
    tried: list[tuple[float, float]] = []
    size = ladder[0]
    while True:
        styles = make_styles(fonts, size)
        story, code_block = _copy_story(data, styles, fonts, page_size, width, modules, qr)
        height, sized = measure(story, width)
        if height <= avail:
            return _draw_fixed(data, pagesize, margins, sized, code_block, decor)
        tried.append((size, height))
        smaller = [s for s in ladder if s < size]
        if not smaller:
            break
        size = _next_size(tried, avail, smaller)
    return _flow_copies(data, page_size, pagesize, margins, width, modules, qr, decor, fonts, ladder[-1])


def _next_size(tried: list[tuple[float, float]], avail: float, smaller: list[float]) -> float:
    """Largest smaller ladder size expected to fit: proportional guess, then the secant."""
    (s1, h1) = tried[-1]
    if len(tried) == 1:
        guess = s1 * avail / h1
    else:
        s0, h0 = tried[-2]
        slope = (h0 - h1) / (s0 - s1) if s0 != s1 else 0.0
        guess = s1 - (h1 - avail) / slope if slope > 0 else s1 * avail / h1
    fitting = [s for s in smaller if s <= guess + 0.01]
    return fitting[0] if fitting else smaller[-1]


def _draw_fixed(
    data: SlipData,
    pagesize: tuple[float, float],
    margins: Margins,
    sized: list[tuple[Any, float, float]],
    code_block: CodeBlock,
    decor: PageDecor,
) -> bytes:
    """Draw the copy body once as a Form XObject and place it on both pages (half the work
    and half the content stream); only the copy label and the page decorations differ."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, initialFontName=decor.fonts.regular, initialFontSize=10)
    canvas.setTitle(f"{SLIP_TITLE} - {nfc(data.code)}")
    canvas.setAuthor("desk_app")
    width = pagesize[0] - margins.left - margins.right
    code_block.copy_label = ""
    canvas.beginForm("slip_body")
    draw_stack(canvas, sized, margins.left, pagesize[1] - margins.top, width)
    canvas.endForm()
    for label in COPY_LABELS:
        PageDecor(decor.fonts, decor.printed_at, decor.reprint_text, label, page_numbers=False).draw(
            canvas, 1, 1
        )
        canvas.doForm("slip_body")
        code_block.draw_copy_label(canvas, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _flow_copies(
    data: SlipData,
    page_size: str,
    pagesize: tuple[float, float],
    margins: Margins,
    width: float,
    modules: str,
    qr: QrMatrix | None,
    decor: PageDecor,
    fonts: FontSet,
    size: float,
) -> bytes:
    styles = make_styles(fonts, size)
    story: list[Any] = []
    for number, label in enumerate(COPY_LABELS):
        part, code_block = _copy_story(data, styles, fonts, page_size, width, modules, qr)
        code_block.copy_label = label
        if number:
            story.append(PageBreak())
        story.extend(part)
    flow_decor = PageDecor(fonts, decor.printed_at, decor.reprint_text, nfc(data.code), page_numbers=True)
    return build_flow_document(story, pagesize, margins, flow_decor, title=f"{SLIP_TITLE} - {data.code}")
