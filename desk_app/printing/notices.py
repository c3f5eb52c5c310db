"""The one-page notices, A4 portrait, Times-metric 13 pt:

- Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (:func:`render_supplement`);
- Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ (:func:`render_refusal`);
- Mẫu 04 apology: 2025 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" or the 2018
  "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (:func:`render_apology`);
- 2025 Mẫu 05 Thông báo dừng giải quyết hồ sơ (:func:`render_stop_notice`).

The wording is data (:mod:`.templates`, ``resources/forms/<set>.json``): the TT 01/2018/TT-VPCP forms,
and the 2025 set (TT 03/2025/TT-VPCP) whose texts are marked unverified in their file. Letters of the
unit (apology, stop notice, a refusal during processing) carry the unit's header and its configured
signer (capacity line, title, name); the placeholder "THỦ TRƯỞNG CƠ QUAN" never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from .data import (
    ApologyData,
    FormSet,
    Issuer,
    RefusalData,
    Signature,
    StopNoticeData,
    SupplementData,
    UnitHeader,
)
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
from .templates import FormTexts, fill, load_form_set
from .vnformat import DOTS, format_date, format_place_date, format_time_date_long, nfc

SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
APOLOGY_TITLE_2025 = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
APOLOGY_TITLE_2018 = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
STOP_TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"

_SIZE = 13.0


def _texts(texts: FormTexts | None, form_set: FormSet, form: str) -> Any:
    return (texts or load_form_set(form_set)).form(form)


def _prose(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle(
        f"prose{styles.size}", parent=styles.body_justify, firstLineIndent=10 * mm, spaceBefore=3
    )


def _line(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle(f"line{styles.size}", parent=styles.body, spaceBefore=2)


def _value(text: str, blank: str = DOTS) -> str:
    """Escaped user text without a trailing full stop (the sentence adds one), or ``blank``."""
    return esc(text.strip().rstrip(".").rstrip()) or blank


def _contact(label: str, phone: str, email: str | None, style: ParagraphStyle) -> Paragraph:
    text = f"{esc(label)}: {esc(phone) or DOTS}"
    if email is not None:
        text += f"&nbsp;&nbsp;&nbsp; Email: {esc(email) or DOTS}"
    return Paragraph(text, style)


def _fields(
    spec: Sequence[Sequence[str]], values: dict[str, str], style: ParagraphStyle, email: str | None
) -> list[Any]:
    """The "Label: value" lines of a notice, in the template's order (``contact`` = phone + email)."""
    rows: list[Any] = []
    for key, label in spec:
        if key == "contact":
            rows.append(_contact(label, values.get("phone", ""), email, style))
        else:
            rows.append(field(label, values.get(key, ""), style, bold=key == "applicant"))
    return rows


def signer_of(signature: Signature, hint: str = SIGN_SEAL_HINT) -> Signer:
    """The layout's signature column for a configured signature (placeholder dropped)."""
    return Signer(signature.heading(), signature.name, hint)


def _document(
    *,
    header: UnitHeader,
    issuer: Issuer,
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
        HeaderBlock(fonts, 12.5, header, number, place_date, issuer=issuer),
        Spacer(1, 8 * mm),
        Paragraph(esc(title), ParagraphStyle("ntitle", parent=styles.title, fontSize=14, leading=17)),
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
    t = _texts(data.texts, data.form_set, "supplement")
    styles = make_styles(fonts, _SIZE)
    line, prose = _line(styles), _prose(styles)
    values = {
        "applicant": data.applicant_name,
        "procedure": data.procedure_name,
        "address": data.address,
        "phone": data.phone,
    }
    body: list[Any] = _fields(t["fields"], values, line, data.email)
    body.append(Paragraph(esc(t["items_intro"]), ParagraphStyle("h", parent=line, spaceBefore=6)))
    items = [item for item in data.items if item.strip()] or ["…………………………"]
    item_style = ParagraphStyle("item", parent=line, leftIndent=8 * mm, firstLineIndent=-5 * mm)
    body += [Paragraph(f"{index}. {esc(item)}", item_style) for index, item in enumerate(items, start=1)]
    body.append(
        Paragraph(
            fill(t["reason"], reason=_value(data.reason, "…………")),
            ParagraphStyle("reason", parent=line, spaceBefore=6),
        )
    )
    body.append(
        Paragraph(
            fill(
                t["closing"],
                contact=esc(data.contact_name) or "…………",
                phone=esc(data.contact_phone) or "…………",
            ),
            prose,
        )
    )
    return _document(
        header=data.header,
        issuer=data.issuer,
        number=data.number,
        issued_at=data.issued_at,
        title=t["title"],
        code=data.code,
        body=body,
        signers=[Signer(t["signer"], data.guide_name)],
        reprint=data.reprint,
        reprint_count=data.reprint_count,
        printed_at=printed_at,
        fonts=fonts,
    )


def render_refusal(
    data: RefusalData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ.

    At the counter the receiving officer signs; during processing (``data.signer`` set) the unit's
    configured signer signs and the unit issues the form.
    """
    fonts = fonts or register_fonts()
    t = _texts(data.texts, data.form_set, "refusal")
    styles = make_styles(fonts, _SIZE)
    line, prose = _line(styles), _prose(styles)
    default_agency = data.header.office if data.issuer == "office" else data.header.unit_name
    agency = esc(data.agency_name or default_agency)
    values = {
        "office": data.header.office,
        "applicant": data.applicant_name,
        "address": data.address,
        "phone": data.phone,
        "procedure": data.procedure_name,
    }
    body: list[Any] = _fields(t["fields"], values, line, data.email)
    first = ParagraphStyle("refuse", parent=prose, spaceBefore=8)
    if data.legal_basis.strip():
        body.append(Paragraph(fill(t["basis"], legal_basis=_value(data.legal_basis)), first))
        first = prose
    body += [
        Paragraph(fill(t["body"], agency=agency, reason=_value(data.reason)), first),
        Paragraph(fill(t["closing"]), prose),
    ]
    signer = signer_of(data.signer) if data.signer is not None else Signer(t["signer"], data.officer_name)
    return _document(
        header=data.header,
        issuer=data.issuer,
        number=data.number,
        issued_at=data.issued_at,
        title=t["title"],
        code=data.code,
        body=body,
        signers=[signer],
        reprint=data.reprint,
        reprint_count=data.reprint_count,
        printed_at=printed_at,
        fonts=fonts,
    )


def _addressee(template: str, name: str, address: str, phone: str, styles: Styles) -> list[Any]:
    line = _line(styles)
    return [
        Paragraph(
            fill(template, applicant=f"<b>{esc(name)}</b>"),
            ParagraphStyle("kg", parent=styles.center, spaceAfter=4),
        ),
        field("Địa chỉ", address, line),
        _contact("Số điện thoại", phone, None, line),
    ]


def _letter_body(t: Any, values: dict[str, str], styles: Styles) -> list[Any]:
    prose = _prose(styles)
    paragraphs = [fill(text, **values) for text in t["paragraphs"]]
    first = ParagraphStyle("l1", parent=prose, spaceBefore=8)
    return [Paragraph(text, first if index == 0 else prose) for index, text in enumerate(paragraphs)]


def render_apology(
    data: ApologyData, *, printed_at: datetime | None = None, fonts: FontSet | None = None
) -> bytes:
    """PDF of Mẫu 04 — the apology for a late result (2025 or 2018 wording, see ``form_set``)."""
    fonts = fonts or register_fonts()
    t = _texts(data.texts, data.form_set, "apology")
    styles = make_styles(fonts, _SIZE)
    style = data.header.date_style
    values = {
        "agency": esc(data.agency_name or data.header.unit_name),
        "received_date": format_date(data.received_at),
        "procedure": f"<b>{esc(data.procedure_name)}</b>",
        "code": f"<b>{esc(data.code)}</b>",
        "original_due": format_time_date_long(data.original_due_at, style=style),
        "new_due": f"<b>{format_time_date_long(data.new_due_at, style=style)}</b>",
        "reason": _value(data.reason),
    }
    body = _addressee(t["addressee"], data.applicant_name, data.address, data.phone, styles)
    body += _letter_body(t, values, styles)
    return _document(
        header=data.header,
        issuer=data.issuer,
        number=data.number,
        issued_at=data.issued_at,
        title=t["title"],
        code=None,
        body=body,
        signers=[signer_of(data.signer)],
        recipients=data.recipients if data.recipients is not None else t.get("recipients", ()),
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
    t = _texts(data.texts, data.form_set, "stop")
    styles = make_styles(fonts, _SIZE)
    values = {
        "agency": esc(data.agency_name or data.header.unit_name),
        "received_date": format_date(data.received_at),
        "procedure": f"<b>{esc(data.procedure_name)}</b>",
        "code": f"<b>{esc(data.code)}</b>",
        "request": _value(data.request_text),
        "stage": _value(data.stage),
        "reason": _value(data.reason),
        "financial": _value(data.financial_text, "Không"),
    }
    body = _addressee(t["addressee"], data.applicant_name, data.address, data.phone, styles)
    body += _letter_body(t, values, styles)
    return _document(
        header=data.header,
        issuer=data.issuer,
        number=data.number,
        issued_at=data.issued_at,
        title=t["title"],
        code=None,
        body=body,
        signers=[signer_of(data.signer)],
        recipients=data.recipients if data.recipients is not None else t.get("recipients", ()),
        reprint=data.reprint,
        reprint_count=data.reprint_count,
        printed_at=printed_at,
        fonts=fonts,
    )
