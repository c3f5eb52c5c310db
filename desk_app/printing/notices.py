"""The one-page notices, A4 portrait, Times-metric 13 pt:

- Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (:func:`render_supplement`);
- Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ (:func:`render_refusal`);
- Mẫu 04 apology: 2025 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" or the 2018
  "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (:func:`render_apology`);
- 2025 Mẫu 05 Thông báo dừng giải quyết hồ sơ (:func:`render_stop_notice`).

Wording follows the TT 01/2018/TT-VPCP forms; the 2025 texts (TT 03/2025/TT-VPCP) are not
verified against the official Phụ lục I and keep the same structure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from .data import ApologyData, RefusalData, StopNoticeData, SupplementData, UnitHeader
from .document import PageDecor, build_flow_document, reprint_label
from .fonts import FontSet, register_fonts
from .layout import (
    A4_MARGINS,
    SIGN_SEAL_HINT,
    HeaderBlock,
    SignatureBlock,
    Signer,
    Styles,
    esc,
    field,
    make_styles,
)
from .vnformat import format_date, format_place_date, format_time_date_long, nfc

SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
APOLOGY_TITLE_2025 = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
APOLOGY_TITLE_2018 = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
STOP_TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"

_SIZE = 13.0


def _prose(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle(
        f"prose{styles.size}", parent=styles.body_justify, firstLineIndent=10 * mm, spaceBefore=3
    )


def _line(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle(f"line{styles.size}", parent=styles.body, spaceBefore=2)


def _value(text: str, blank: str = "…………") -> str:
    """Escaped user text without a trailing full stop (the sentence adds one), or ``blank``."""
    return esc(text.strip().rstrip(".").rstrip()) or blank


def _contact(phone: str, email: str | None, style: ParagraphStyle) -> Paragraph:
    text = f"Số điện thoại: {esc(phone) or '…………'}"
    if email is not None:
        text += f"&nbsp;&nbsp;&nbsp; Email: {esc(email) or '…………'}"
    return Paragraph(text, style)


def _document(
    *,
    header: UnitHeader,
    number: str | None,
    issued_at: datetime,
    title: str,
    code: str | None,
    body: list[Any],
    signers: Sequence[Signer],
    recipients: Sequence[str] = (),
    reprint: bool,
    reprint_count: int,
    printed_at: datetime | None,
    fonts: FontSet,
) -> bytes:
    styles = make_styles(fonts, _SIZE)
    place_date = format_place_date(header.place_name, issued_at, style=header.date_style)
    story: list[Any] = [
        HeaderBlock(fonts, 12.5, header, number, place_date),
        Spacer(1, 8 * mm),
        Paragraph(title, ParagraphStyle("ntitle", parent=styles.title, fontSize=14, leading=17)),
    ]
    if code:
        story.append(Paragraph(f"Mã hồ sơ: <b>{esc(code)}</b>", styles.center))
    story.append(Spacer(1, 5 * mm))
    story.extend(body)
    story.append(Spacer(1, 6 * mm))
    story.append(SignatureBlock(fonts, _SIZE, signers, sign_space=24 * mm, recipients=recipients))
    decor = PageDecor(
        fonts, printed_at or datetime.now(), reprint_label(reprint, reprint_count), nfc(code or "")
    )
    return build_flow_document(story, A4, A4_MARGINS, decor, title=title)


def render_supplement(
    data: SupplementData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""
    fonts = fonts or register_fonts()
    styles = make_styles(fonts, _SIZE)
    line, prose = _line(styles), _prose(styles)
    body: list[Any] = [
        field("Hồ sơ của", data.applicant_name, line, bold=True),
        field("Nội dung yêu cầu giải quyết", data.procedure_name, line),
        field("Địa chỉ", data.address, line),
        _contact(data.phone, data.email, line),
        Paragraph(
            "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
            ParagraphStyle("h", parent=line, spaceBefore=6),
        ),
    ]
    items = [item for item in data.items if item.strip()] or ["…………………………"]
    item_style = ParagraphStyle("item", parent=line, leftIndent=8 * mm, firstLineIndent=-5 * mm)
    body += [Paragraph(f"{index}. {esc(item)}", item_style) for index, item in enumerate(items, start=1)]
    body.append(field("Lý do", data.reason, ParagraphStyle("reason", parent=line, spaceBefore=6)))
    contact = esc(data.contact_name) or "…………"
    phone = esc(data.contact_phone) or "…………"
    body.append(
        Paragraph(
            "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với "
            f"{contact} số điện thoại {phone} để được hướng dẫn./.",
            prose,
        )
    )
    return _document(
        header=data.header,
        number=data.number,
        issued_at=data.issued_at,
        title=SUPPLEMENT_TITLE,
        code=data.code,
        body=body,
        signers=[Signer("NGƯỜI HƯỚNG DẪN", data.guide_name)],
        reprint=data.reprint,
        reprint_count=data.reprint_count,
        printed_at=printed_at,
        fonts=fonts,
    )


def render_refusal(
    data: RefusalData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""
    fonts = fonts or register_fonts()
    styles = make_styles(fonts, _SIZE)
    line, prose = _line(styles), _prose(styles)
    agency = esc(data.agency_name or data.header.office)
    basis = esc(data.legal_basis) or "…………"
    body: list[Any] = [
        field("Bộ phận tiếp nhận và trả kết quả", data.header.office, line),
        field("Tiếp nhận hồ sơ của", data.applicant_name, line, bold=True),
        field("Địa chỉ", data.address, line),
        _contact(data.phone, data.email, line),
        field("Nội dung yêu cầu giải quyết", data.procedure_name, line),
        Paragraph(
            f"Căn cứ quy định tại {basis}, {agency} từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau: "
            f"{_value(data.reason)}.",
            ParagraphStyle("refuse", parent=prose, spaceBefore=8),
        ),
        Paragraph("Xin thông báo để ông/bà được biết và thực hiện./.", prose),
    ]
    return _document(
        header=data.header,
        number=data.number,
        issued_at=data.issued_at,
        title=REFUSAL_TITLE,
        code=data.code,
        body=body,
        signers=[Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name)],
        reprint=data.reprint,
        reprint_count=data.reprint_count,
        printed_at=printed_at,
        fonts=fonts,
    )


def _addressee(name: str, address: str, phone: str, styles: Styles) -> list[Any]:
    line = _line(styles)
    return [
        Paragraph(f"Kính gửi: <b>{esc(name)}</b>", ParagraphStyle("kg", parent=styles.center, spaceAfter=4)),
        field("Địa chỉ", address, line),
        _contact(phone, None, line),
    ]


def render_apology(
    data: ApologyData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of Mẫu 04 — the apology for a late result (2025 or 2018 wording, see ``form_set``)."""
    fonts = fonts or register_fonts()
    styles = make_styles(fonts, _SIZE)
    prose = _prose(styles)
    agency = esc(data.agency_name or data.header.unit_name)
    style = data.header.date_style
    new_due = format_time_date_long(data.new_due_at, style=style)
    body = _addressee(data.applicant_name, data.address, data.phone, styles)
    body += [
        Paragraph(
            f"Ngày {format_date(data.received_at)}, {agency} tiếp nhận giải quyết hồ sơ "
            f"<b>{esc(data.procedure_name)}</b> của ông/bà. Mã hồ sơ: <b>{esc(data.code)}</b>.",
            ParagraphStyle("a1", parent=prose, spaceBefore=8),
        ),
        Paragraph(
            "Thời hạn giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là "
            f"{format_time_date_long(data.original_due_at, style=style)}.",
            prose,
        ),
        Paragraph(
            f"Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ của ông/bà đúng thời hạn "
            "ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
            prose,
        ),
        Paragraph(f"Lý do: {_value(data.reason)}.", prose),
    ]
    if data.form_set == "v2018":
        title = APOLOGY_TITLE_2018
        body += [
            Paragraph(
                "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại cho ông/bà. "
                f"{agency} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào {new_due}.",
                prose,
            ),
            Paragraph(f"<b>Thời gian hẹn trả kết quả lại: {new_due}.</b>", prose),
        ]
    else:
        title = APOLOGY_TITLE_2025
        body += [
            Paragraph(
                f"{agency} trân trọng xin lỗi ông/bà vì sự chậm trễ này và đề nghị ông/bà đồng ý gia hạn "
                f"thời gian giải quyết hồ sơ đến <b>{new_due}</b>.",
                prose,
            ),
        ]
    body.append(Paragraph("Xin trân trọng cảm ơn sự hợp tác của ông/bà./.", prose))
    return _document(
        header=data.header,
        number=data.number,
        issued_at=data.issued_at,
        title=title,
        code=None,
        body=body,
        signers=[Signer(data.signer_title, data.signer_name, SIGN_SEAL_HINT)],
        recipients=data.recipients,
        reprint=data.reprint,
        reprint_count=data.reprint_count,
        printed_at=printed_at,
        fonts=fonts,
    )


def render_stop_notice(
    data: StopNoticeData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of the 2025 Mẫu 05 — Thông báo dừng giải quyết hồ sơ."""
    fonts = fonts or register_fonts()
    styles = make_styles(fonts, _SIZE)
    prose = _prose(styles)
    agency = esc(data.agency_name or data.header.unit_name)
    body = _addressee(data.applicant_name, data.address, data.phone, styles)
    body += [
        Paragraph(
            f"Ngày {format_date(data.received_at)}, {agency} đã tiếp nhận hồ sơ <b>{esc(data.procedure_name)}</b> "
            f"của ông/bà. Mã hồ sơ: <b>{esc(data.code)}</b>.",
            ParagraphStyle("s1", parent=prose, spaceBefore=8),
        ),
        Paragraph(
            f"Căn cứ {_value(data.request_text)}, {agency} thông báo dừng giải quyết hồ sơ nêu trên.",
            prose,
        ),
        Paragraph(f"Giai đoạn giải quyết tại thời điểm dừng: {_value(data.stage)}.", prose),
        Paragraph(f"Lý do dừng giải quyết: {_value(data.reason)}.", prose),
        Paragraph(f"Nghĩa vụ tài chính (phí, lệ phí): {_value(data.financial_text, 'Không')}.", prose),
        Paragraph("Xin thông báo để ông/bà được biết./.", prose),
    ]
    return _document(
        header=data.header,
        number=data.number,
        issued_at=data.issued_at,
        title=STOP_TITLE,
        code=None,
        body=body,
        signers=[Signer(data.signer_title, data.signer_name, SIGN_SEAL_HINT)],
        recipients=data.recipients,
        reprint=data.reprint,
        reprint_count=data.reprint_count,
        printed_at=printed_at,
        fonts=fonts,
    )
