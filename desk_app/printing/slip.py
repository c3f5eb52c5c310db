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

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from .barcodes import (
    QrMatrix,
    code128_modules,
    lookup_url_for,
    qr_matrix,
)
from .code_block import SLIP_TITLE, CodeBlock
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
from .templates import FormTexts, fill, load_form_set
from .vnformat import DOTS, format_count, format_place_date, format_time_date_long, nfc

#: The copy labels of the shipped sets (a set's file may word them otherwise).
COPY_LABELS = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu")

#: Body font sizes tried in turn until one copy fits one page.
_SIZE_LADDER: dict[str, tuple[float, ...]] = {
    "A4": (13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0),
    "A5": (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0),
}


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


def _documents_list(data: SlipData, styles: Styles) -> list[Any]:
    """The 2018 form's numbered list of documents: "(1) Tờ khai … (Bản chính: 01)"."""
    item = ParagraphStyle("slipdoc", parent=styles.body, leftIndent=6 * mm)
    received = [d for d in data.documents if d.received]
    if not received:
        return [para(f"({DOTS})", item)]
    return [
        para(
            f"({index}) {esc(doc.name)} ({DOCUMENT_KIND_LABELS.get(doc.kind, esc(doc.kind))}: "
            f"{format_count(doc.quantity)})",
            item,
        )
        for index, doc in enumerate(received, start=1)
    ]


def slip_texts(data: SlipData) -> FormTexts:
    """The wording of ``data``'s form set."""
    return data.texts or load_form_set(data.form_set)


def _field_rows(data: SlipData, t: Any, styles: Styles) -> list[Any]:
    body = styles.body
    rows: list[Any] = []
    for key, label in t["fields"]:
        if key == "office":
            rows.append(field(label, data.header.office, body))
        elif key == "applicant":
            rows.append(field(label, data.applicant_name, body, bold=True))
        elif key == "representative":
            if data.representative and data.representative.strip():
                rows.append(field(label, data.representative, body))
        elif key == "id_number":
            rows.append(field(label, data.applicant_id_number, body))
        elif key == "address":
            rows.append(field(label, data.address, body))
        elif key == "contact":
            rows.append(
                para(
                    f"{esc(label)}: {esc(data.phone) or DOTS}&nbsp;&nbsp;&nbsp; Email: {esc(data.email) or DOTS}",
                    body,
                )
            )
        elif key == "procedure":
            procedure = f"<b>{esc(data.procedure_name)}</b>"
            if data.procedure_code.strip():
                procedure += f" (Mã TTHC: {esc(data.procedure_code.strip())})"
            rows.append(para(f"{esc(label)}: {procedure}", body))
    return rows


def _item_rows(data: SlipData, t: Any, styles: Styles, width: float) -> list[Any]:
    body, size = styles.body, styles.size
    style = data.header.date_style
    values = {
        "sets": format_count(data.set_count),
        "processing_time": esc(data.processing_time_text.strip()) or DOTS,
        "received": format_time_date_long(data.received_at, style=style),
        "due": f"<b>{format_time_date_long(data.due_at, style=style)}</b>",
        "return_via": esc(data.return_via_text.strip()) or DOTS,
        "fee": esc(data.fee_text.strip()) or DOTS,
    }
    rows: list[Any] = []
    for number, (key, label) in enumerate(t["items"], start=1):
        if key == "documents":
            rows.append(para(f"{number}. {esc(label)}:", body))
            if t.get("documents_style") == "table":
                rows.append(_documents_table(data, styles, width))
                rows.append(Spacer(1, size * 0.25))
            else:
                rows.extend(_documents_list(data, styles))
        else:
            rows.append(para(f"{number}. {fill(label, **values)}", body))
    return rows


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
    t = slip_texts(data).form("slip")
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
        title=t["title"],
        code_markup=fill(t["code"], code=f"<b>{esc(data.code)}</b>"),
        caption=data.qr_caption,
    )
    book_no = esc(str(data.book_number)) if data.book_number not in (None, "") else DOTS
    book_seq = esc(str(data.book_seq)) if data.book_seq not in (None, "") else DOTS
    # Whoever hands the dossier in signs: the representative when there is one ("Tên (CCCD …)").
    submitter = (data.representative or "").split(" (", 1)[0].strip() or data.applicant_name
    giver, taker = t["signers"]
    story: list[Any] = [
        HeaderBlock(fonts, min(size, 12.5) if is_a4 else size - 0.5, header, None, place_date),
        Spacer(1, size * 0.3),
        code_block,
        *_field_rows(data, t, styles),
        Spacer(1, size * 0.25),
        *_item_rows(data, t, styles, width),
        para(fill(t["register"], volume=book_no, seq=book_seq).replace("   ", "&nbsp;&nbsp; "), body),
        Spacer(1, size * 0.4),
        SignatureBlock(
            fonts,
            size,
            [Signer(giver, submitter), Signer(taker, data.receiver_name)],
            sign_space=(18 if is_a4 else 11) * mm,
        ),
        Spacer(1, size * 0.3),
    ]
    notes = [fill(n, office_short=esc(header.office)) for n in t.get("notes", ())]
    if header.hotline and header.hotline.strip():
        notes.append(f"Đường dây nóng: {esc(header.hotline.strip())}.")
    if notes:
        # Plain italic on purpose: a bold-italic run would embed a fourth font subset.
        note_style = ParagraphStyle(
            "slipnote", parent=styles.note, leftIndent=3 * mm, firstLineIndent=-3 * mm
        )
        story.append(para("Ghi chú:", styles.note))
        story.extend(para(f"- {n}", note_style) for n in notes)
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
    # Slips of one shape (paper, form set, number of documents) print at one size: start from the size the
    # last such slip fitted at (one layout pass instead of two or three), else from the top of the ladder.
    shape = (page_size, data.form_set, id(data.texts), sum(1 for d in data.documents if d.received), bool(qr))
    size = _FITTED.get(shape, ladder[0])
    while True:
        styles = make_styles(fonts, size)
        story, code_block = _copy_story(data, styles, fonts, page_size, width, modules, qr)
        height, sized = measure(story, width)
        if height <= avail:
            if len(_FITTED) > 256:
                _FITTED.clear()
            _FITTED[shape] = size
            return _draw_fixed(data, pagesize, margins, sized, code_block, decor)
        tried.append((size, height))
        smaller = [s for s in ladder if s < size]
        if not smaller:
            break
        size = _next_size(tried, avail, smaller)
    return _flow_copies(data, page_size, pagesize, margins, width, modules, qr, decor, fonts, ladder[-1])


_FITTED: dict[tuple[object, ...], float] = {}


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
    canvas.setTitle(f"{nfc(slip_texts(data).form('slip')['title'])} - {nfc(data.code)}")
    canvas.setAuthor("desk_app")
    width = pagesize[0] - margins.left - margins.right
    code_block.copy_label = ""
    canvas.beginForm("slip_body")
    draw_stack(canvas, sized, margins.left, pagesize[1] - margins.top, width)
    canvas.endForm()
    for label in slip_texts(data).form("slip")["copy_labels"]:
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
    for number, label in enumerate(slip_texts(data).form("slip")["copy_labels"]):
        part, code_block = _copy_story(data, styles, fonts, page_size, width, modules, qr)
        code_block.copy_label = label
        if number:
            story.append(PageBreak())
        story.extend(part)
    flow_decor = PageDecor(fonts, decor.printed_at, decor.reprint_text, nfc(data.code), page_numbers=True)
    return build_flow_document(story, pagesize, margins, flow_decor, title=f"{SLIP_TITLE} - {data.code}")
