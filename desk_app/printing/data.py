"""Input data of the printed forms: plain frozen dataclasses, no database or GUI types.

Callers (services) fill these from their own models; the renderers only read them. Every
text is normalised to NFC at render time, so callers need not do it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

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


@dataclass(frozen=True)
class UnitHeader:
    """Who issues the form: the left header block and the place of the date line.

    ``office_name`` is the receiving office (Bộ phận tiếp nhận và trả kết quả). When it is
    None it is derived from ``unit_name``: "ỦY BAN NHÂN DÂN XÃ GIO SƠN" gives "TRUNG TÂM PHỤC
    VỤ HÀNH CHÍNH CÔNG XÃ GIO SƠN" (the 2025 commune centre); any other unit name gives
    "Bộ phận tiếp nhận và trả kết quả".
    """

    governing_body: str
    unit_name: str
    place_name: str
    office_name: str | None = None
    hotline: str | None = None
    date_style: DateStyle = "padded"

    @property
    def office(self) -> str:
        """The receiving office's name, explicit or derived."""
        if self.office_name:
            return self.office_name
        unit = nfc(self.unit_name.strip())
        for prefix in _UBND_PREFIXES:
            if unit.upper().startswith(prefix):
                return _CENTRE_PREFIX + unit[len(prefix) :]
        return DEFAULT_OFFICE_NAME


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
    gets ``?ma=<code>`` appended. No QR is printed when it is None or empty.
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
    return_via_text: str = "Tại Bộ phận tiếp nhận và trả kết quả"
    fee_text: str = "Không"
    book_number: str | None = None
    book_seq: int | str | None = None
    receiver_name: str = ""
    lookup_url: str | None = None
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class SupplementData:
    """Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (``code`` is None before intake)."""

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
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class RefusalData:
    """Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ.

    ``agency_name`` is the refusing agency named in the body (default: the header's office).
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
    reprint: bool = False
    reprint_count: int = 0


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
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""
    recipients: Sequence[str] = ("Như trên", "Lưu: VT")
    form_set: FormSet = "v2025"
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
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""
    recipients: Sequence[str] = ("Như trên", "Lưu: VT")
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class ControlStep:
    """One hand-over on the control sheet.

    ``handed_at`` None leaves the time to fill by hand; ``received_at`` defaults to ``handed_at``
    (a paper hand-over is given and taken at once).
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
    ``blank_rows`` adds empty hand-over rows to be completed by hand.
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
    reprint: bool = False
    reprint_count: int = 0


@dataclass(frozen=True)
class BookRow:
    """One line of the Sổ theo dõi hồ sơ."""

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


@dataclass(frozen=True)
class TrackingBookData:
    """Sổ theo dõi hồ sơ (2018 Mẫu 06 / 2025 Mẫu 07), printed A4 landscape."""

    header: UnitHeader
    date_from: date
    date_to: date
    rows: Sequence[BookRow]
    issued_at: datetime
    book_number: str | None = None
    reprint: bool = False
    reprint_count: int = 0
