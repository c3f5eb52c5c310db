"""Input data of the printed forms: plain frozen dataclasses, no database or GUI types.

Callers (services) fill these from their own models; the renderers only read them. Every
text is normalised to NFC at render time, so callers need not do it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from desk_app.domain.registers import PLACEHOLDER_SIGNER

from .templates import FormTexts
from .vnformat import DateStyle, nfc

PageSize = Literal["A4", "A5"]
FormSet = Literal["v2025", "v2018"]
DocumentKind = Literal["original", "copy", "certified_copy", "electronic"]
StepResult = Literal["early", "on_time", "late"]

DOCUMENT_KIND_LABELS: dict[str, str] = {
    "original": "Bản chính",
    "copy": "Bản sao",
    "certified_copy": "Bản sao chứng thực",
    "electronic": "Bản điện tử",
}

STEP_RESULT_LABELS: dict[str, str] = {
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
}

DEFAULT_OFFICE_NAME = "Bộ phận tiếp nhận và trả kết quả"
_UBND_PREFIXES = ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ")
_CENTRE_PREFIX = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG "

#: Who issues a form, i.e. which two lines the left header block shows (NĐ 30/2020 Phụ lục I, mục II.2:
#: the governing body above the issuing body). ``"unit"``: the governing body / the commune's UBND (letters
#: signed for the UBND: apology, stop notice, a refusal during processing). ``"office"``: the commune's UBND
#: / its one-stop office, the Trung tâm Phục vụ hành chính công (slip, guidance, refusal at the counter,
#: control sheet, tracking book).
Issuer = Literal["unit", "office"]


@dataclass(frozen=True)
class UnitHeader:
    """Who issues the form: the left header block and the place of the date line.

    ``office_name`` is the receiving office as the unit is set up (after 2025 a commune's "Trung tâm Phục
    vụ hành chính công xã …"). When it is empty it is derived from ``unit_name``: "ỦY BAN NHÂN DÂN XÃ GIO
    SƠN" gives "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ GIO SƠN"; any other unit name gives "Bộ phận tiếp
    nhận và trả kết quả". Dates follow NĐ 30/2020 (``date_style``, see :mod:`.vnformat`).
    """

    governing_body: str
    unit_name: str
    place_name: str
    office_name: str | None = None
    hotline: str | None = None
    date_style: DateStyle = "nd30"

    @property
    def office(self) -> str:
        """The receiving office's name, explicit or derived."""
        if self.office_name and self.office_name.strip():
            return nfc(self.office_name.strip())
        unit = nfc(self.unit_name.strip())
        for prefix in _UBND_PREFIXES:
            if unit.upper().startswith(prefix):
                return _CENTRE_PREFIX + unit[len(prefix) :]
        return DEFAULT_OFFICE_NAME

    def lines(self, issuer: Issuer) -> tuple[str, str]:
        """The (upper, lower) lines of the left header block for a form issued by ``issuer``."""
        if issuer == "office":
            return self.unit_name, self.office
        return self.governing_body, self.unit_name


@dataclass(frozen=True)
class Signature:
    """A signature block as NĐ 30/2020 Phụ lục I mục II.7 lays it out: the capacity line (``"TM. ỦY BAN
    NHÂN DÂN"``, ``"KT. CHỦ TỊCH"``; empty when the head signs in person), the title (``"CHỦ TỊCH"``,
    ``"PHÓ CHỦ TỊCH"``) and the signer's name. The template placeholder "THỦ TRƯỞNG CƠ QUAN" never prints.
    """

    title: str
    name: str = ""
    capacity: str = ""

    def heading(self) -> str:
        """Capacity and title, one per line, without the placeholder."""
        parts = [p.strip() for p in (self.capacity, self.title) if p.strip()]
        return "\n".join(p for p in parts if nfc(p).upper() != PLACEHOLDER_SIGNER)


@dataclass(frozen=True)
class DocumentLine:
    """One component of the dossier as listed on the intake slip."""

    name: str
    kind: DocumentKind = "original"
    quantity: int = 1
    received: bool = True


@dataclass(frozen=True)
class SlipData:
    """Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

    Only documents with ``received=True`` are listed. ``lookup_url`` is a template for the QR
    code: ``{code}`` is replaced by the (URL-quoted) dossier code; a template without it
    gets ``?ma=<code>`` appended. No QR is printed when it is None or empty; ``qr_caption`` says what
    the citizen sees when scanning it. ``book_number`` / ``book_seq`` are the register's volume and
    running number given at intake. ``form_set`` picks the wording (``texts`` overrides it).
    """

    header: UnitHeader
    code: str
    applicant_name: str
    procedure_name: str
    received_at: datetime
    due_at: datetime
    applicant_id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    representative: str | None = None
    procedure_code: str = ""
    documents: Sequence[DocumentLine] = ()
    set_count: int = 1
    processing_time_text: str = ""
    return_via_text: str = DEFAULT_OFFICE_NAME
    fee_text: str = "Không"
    book_number: str | None = None
    book_seq: int | str | None = None
    receiver_name: str = ""
    lookup_url: str | None = None
    qr_caption: str = "Quét mã để tra cứu hồ sơ"
    form_set: FormSet = "v2025"
    texts: FormTexts | None = None
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class SupplementData:
    """Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (``code`` is None before intake).

    ``number`` is the document number ("3/BS") from the form's yearly sequence.
    """

    header: UnitHeader
    applicant_name: str
    procedure_name: str
    items: Sequence[str]
    issued_at: datetime
    number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    reason: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    guide_name: str = ""
    code: str | None = None
    issuer: Issuer = "office"
    form_set: FormSet = "v2025"
    texts: FormTexts | None = None
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class RefusalData:
    """Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ.

    ``agency_name`` is the refusing agency named in the body (default: the header's office for a refusal
    at the counter, the unit for one during processing). At the counter the receiving officer signs
    (``officer_name``); ``signer`` (from the unit's settings) signs a refusal during processing, which is
    issued by the unit (``issuer="unit"``).
    """

    header: UnitHeader
    applicant_name: str
    procedure_name: str
    legal_basis: str
    reason: str
    issued_at: datetime
    number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    officer_name: str = ""
    agency_name: str | None = None
    code: str | None = None
    signer: Signature | None = None
    issuer: Issuer = "office"
    form_set: FormSet = "v2025"
    texts: FormTexts | None = None
    reprint: bool = False
    reprint_count: int = 0


#: Who signs letters of the unit when nothing is set up: the chairman for the People's Committee.
DEFAULT_UNIT_SIGNER = Signature("CHỦ TỊCH", capacity="TM. ỦY BAN NHÂN DÂN")


@dataclass(frozen=True)
class ApologyData:
    """Mẫu 04 — apology for a late result.

    ``form_set="v2025"`` prints "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    (TT 03/2025/TT-VPCP); ``"v2018"`` the legacy "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ".
    ``number`` is printed as "Số: <number>" (e.g. "12/PXL").
    """

    header: UnitHeader
    applicant_name: str
    procedure_name: str
    code: str
    received_at: datetime
    original_due_at: datetime
    new_due_at: datetime
    reason: str
    issued_at: datetime
    number: str = ""
    address: str = ""
    phone: str = ""
    agency_name: str | None = None
    signer: Signature = DEFAULT_UNIT_SIGNER
    recipients: Sequence[str] | None = None
    issuer: Issuer = "unit"
    form_set: FormSet = "v2025"
    texts: FormTexts | None = None
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class StopNoticeData:
    """2025 Mẫu 05 — Thông báo dừng giải quyết hồ sơ.

    ``request_text`` names what the stop rests on (the applicant's withdrawal request or a
    decision), ``stage`` where processing stood, ``financial_text`` the fees/obligations.
    """

    header: UnitHeader
    applicant_name: str
    procedure_name: str
    code: str
    received_at: datetime
    request_text: str
    reason: str
    issued_at: datetime
    number: str = ""
    address: str = ""
    phone: str = ""
    stage: str = ""
    financial_text: str = ""
    agency_name: str | None = None
    signer: Signature = DEFAULT_UNIT_SIGNER
    recipients: Sequence[str] | None = None
    issuer: Issuer = "unit"
    form_set: FormSet = "v2025"
    texts: FormTexts | None = None
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class ControlStep:
    """One hand-over on the control sheet.

    ``handed_at`` None leaves the time to fill by hand; ``received_at`` defaults to ``handed_at``
    (a paper hand-over is given and taken at once). ``from_person`` / ``to_person`` are the people who
    sign "Người giao" / "Người nhận".
    """

    from_party: str
    to_party: str
    handed_at: datetime | None = None
    result: StepResult | None = None
    note: str = ""
    from_person: str = ""
    to_person: str = ""
    received_at: datetime | None = None


@dataclass(frozen=True)
class ControlSheetData:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (2018 Mẫu 05 / 2025 Mẫu 06).

    ``slip_reference`` completes "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số …)";
    ``blank_rows`` adds empty hand-over rows to be completed by hand; ``book_number`` / ``book_seq`` are
    the register numbers (the same as on the slip).
    """

    header: UnitHeader
    code: str
    steps: Sequence[ControlStep]
    issued_at: datetime
    slip_reference: str = ""
    processing_agency: str = ""
    coordinating_agency: str = ""
    applicant_name: str = ""
    procedure_name: str = ""
    blank_rows: int = 0
    book_number: str | None = None
    book_seq: int | str | None = None
    form_set: FormSet = "v2025"
    texts: FormTexts | None = None
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class BookRow:
    """One line of the Sổ theo dõi hồ sơ: ``seq`` is the dossier's running number in the register and
    ``volume`` its volume (quyển số), both given at intake."""

    seq: int
    code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    set_count: int = 1
    address_phone: str = ""
    processing_agency: str = ""
    due_at: datetime | None = None
    forwarded_at: datetime | None = None
    result_received_at: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""
    volume: str | None = None


@dataclass(frozen=True)
class TrackingBookData:
    """Sổ theo dõi hồ sơ (2018 Mẫu 06 / 2025 Mẫu 07), printed A4 landscape.

    Rows of several volumes print volume by volume, each under its own "Quyển số"; ``book_number`` is the
    volume of rows that carry none.
    """

    header: UnitHeader
    date_from: date
    date_to: date
    rows: Sequence[BookRow]
    issued_at: datetime
    book_number: str | None = None
    form_set: FormSet = "v2025"
    texts: FormTexts | None = None
    reprint: bool = False
    reprint_count: int = 0
