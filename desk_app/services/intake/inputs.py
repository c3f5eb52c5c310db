"""What the counter types for one intake, and its validation (pure: no database).

The types are re-exported by :mod:`desk_app.services.intake.receive`; import them from there.
Errors name the input in ``ValidationError.field``: ``procedure``, ``received_at``, ``channel``,
``return_via``, ``documents`` / ``documents[2].name``, ``fee.amount``, ``fee.method``, ``set_count``,
``due_at``, ``code``, ``client_token``, ``note``, ``missing``, ``reason``, and the person fields
``applicant.<attr>`` / ``representative.<attr>`` (see :mod:`desk_app.services.intake.applicants`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from desk_app.domain import dates
from desk_app.domain.errors import ValidationError
from desk_app.domain.postal import IncomingPost, parse_item_number
from desk_app.domain.text import clean_line, nfc
from desk_app.services.intake.applicants import ApplicantInput, clean_applicant

CHANNELS = ("direct", "postal", "online")
RETURN_VIA = ("counter", "postal", "online")
FEE_METHODS = ("cash", "online", "unpaid", "exempt")
DOCUMENT_KINDS = ("original", "copy", "certified_copy", "electronic")

#: How far ahead of the PC clock a received_at may be (clock drift between PCs), beyond that a typo.
FUTURE_TOLERANCE = dates.FUTURE_TOLERANCE
_TOKEN = re.compile(r"^[0-9A-Za-z_.:-]{1,64}$")


@dataclass(frozen=True)
class DocumentInput:
    """A document (thành phần hồ sơ / giấy tờ) of the dossier.

    ``kind``: original (bản chính), copy (bản sao), certified_copy (bản sao chứng thực), electronic
    (bản điện tử). ``received=False`` marks a listed document the applicant did not bring;
    ``required=False`` an extra document beyond the procedure's list.
    """

    name: str
    kind: str = "original"
    quantity: int = 1
    received: bool = True
    required: bool = True


@dataclass(frozen=True)
class FeeInput:
    """The fee (phí, lệ phí) as the clerk settles it.

    ``amount`` None: computed from the procedure's fee rule (``domain.fees.quote`` with ``pages`` and
    ``copies``). ``method``: cash (tiền mặt), online (paid on the portal), unpaid (chưa nộp), exempt (miễn).
    """

    amount: int | None = None
    method: str = "cash"
    pages: int = 1
    copies: int = 1


@dataclass(frozen=True)
class IntakeRequest:
    """One dossier (hồ sơ) brought to the counter, as typed.

    ``received_at`` None means now. ``client_token`` guards against double submits: generate it once when
    the form opens and send the same token on every retry (None: a fresh one, i.e. no protection).
    ``existing_code`` is the code of a paper backlog dossier (it is kept, not issued). ``due_at`` lets the
    clerk give a LATER appointment than the rule gives, never an earlier one. When the ID number is known
    under another name, saving is refused (NameChanged, naming both) until ``accept_name_change`` is set.
    """

    procedure_code: str
    applicant: ApplicantInput
    documents: list[DocumentInput] = field(default_factory=list)
    received_at: datetime | None = None
    channel: str = "direct"
    return_via: str = "counter"
    representative: ApplicantInput | None = None
    fee: FeeInput | None = None
    set_count: int = 1
    note: str = ""
    client_token: str | None = None
    existing_code: str | None = None
    due_at: datetime | None = None
    vneid_verified: bool = False
    postal: IncomingPost | None = None  # came by post: the item and its delivery (channel must be postal)
    accept_name_change: bool = False  # the clerk saw the stored name differ from the typed one and confirmed


@dataclass(frozen=True)
class IntakeResult:
    """The outcome of receive / guide / refuse.

    ``code`` is the dossier code (None for a guided or refused dossier, which has none); ``number`` is what
    the printed form shows: the code, or the guidance (``HD-…``) / refusal (``TC-…``) number. ``created``
    is False when the client_token had already been saved (nothing was written this time).
    """

    dossier_id: int
    code: str | None
    due_at: datetime | None
    state: str
    created: bool
    number: str = ""
    received_at: datetime | None = None


def _bad(field_name: str, message: str, vi: str) -> ValidationError:
    return ValidationError(message, vi, field=field_name)


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0, tzinfo=None)


def check_documents(documents: list[DocumentInput], *, required: bool) -> list[DocumentInput]:
    """Clean the document list; with ``required`` at least one received document must be there."""
    out: list[DocumentInput] = []
    for index, doc in enumerate(documents):
        name = clean_line(doc.name)
        where = f"documents[{index}]"
        if not name:
            raise _bad(
                f"{where}.name", f"Document {index + 1} has no name.", f"Giấy tờ thứ {index + 1} chưa có tên."
            )
        if len(name) > 400:
            raise _bad(
                f"{where}.name",
                f"Document {index + 1}: name too long.",
                f"Tên giấy tờ thứ {index + 1} quá dài.",
            )
        if doc.kind not in DOCUMENT_KINDS:
            raise _bad(
                f"{where}.kind",
                f"Document {index + 1}: kind must be one of {', '.join(DOCUMENT_KINDS)}.",
                f"Giấy tờ thứ {index + 1}: loại giấy tờ phải là bản chính, bản sao, bản sao chứng thực "
                "hoặc bản điện tử.",
            )
        if (
            isinstance(doc.quantity, bool)
            or not isinstance(doc.quantity, int)
            or not 1 <= doc.quantity <= 999
        ):
            raise _bad(
                f"{where}.quantity",
                f"Document {index + 1}: quantity must be 1–999.",
                f"Giấy tờ thứ {index + 1}: số lượng phải từ 1 đến 999.",
            )
        out.append(replace(doc, name=name, received=bool(doc.received), required=bool(doc.required)))
    if required and not any(d.received for d in out):
        raise _bad(
            "documents",
            "List at least one document received.",
            "Cần có ít nhất một giấy tờ đã nhận trong thành phần hồ sơ.",
        )
    return out


# No commune fee comes near this; it keeps absurd input out of SQLite's 64-bit integers.
MAX_FEE = 1_000_000_000


def check_fee(fee: FeeInput | None) -> FeeInput | None:
    if fee is None:
        return None
    if fee.method not in FEE_METHODS:
        raise _bad(
            "fee.method",
            f"Fee method must be one of {', '.join(FEE_METHODS)}.",
            "Hình thức nộp phí phải là tiền mặt, trực tuyến, chưa nộp hoặc miễn.",
        )
    if fee.amount is not None and (
        isinstance(fee.amount, bool) or not isinstance(fee.amount, int) or not 0 <= fee.amount <= MAX_FEE
    ):
        raise _bad(
            "fee.amount",
            f"The fee is a whole number of đồng from 0 to {MAX_FEE:,}.",
            "Số tiền phí phải là số nguyên đồng, từ 0 đến 1.000.000.000 đồng.",
        )
    for name in ("pages", "copies"):
        value = getattr(fee, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10000:
            raise _bad(f"fee.{name}", f"fee {name} must be 1–10000.", "Số trang/số bản phải từ 1 đến 10000.")
    return fee


def check_request(req: IntakeRequest, *, now: datetime, documents_required: bool = True) -> IntakeRequest:
    """A cleaned copy of ``req`` (NFC text, normalised phone and ID, ``received_at`` filled, token set)
    or ValidationError naming the field. The procedure's existence is checked later, in the transaction."""
    code = clean_line(req.procedure_code or "")
    if not code:
        raise _bad("procedure", "Choose a procedure.", "Cần chọn thủ tục hành chính.")
    applicant = clean_applicant(req.applicant, "applicant", today=now.date())
    representative = None
    if req.representative is not None and clean_line(req.representative.full_name or ""):
        representative = clean_applicant(req.representative, "representative", today=now.date())
    received = _minute(req.received_at) if req.received_at is not None else _minute(now)
    dates.check_received(received, now)  # 2000-01-01 .. now + 15 min (domain.dates)
    if req.channel not in CHANNELS:
        raise _bad(
            "channel",
            f"Channel must be one of {', '.join(CHANNELS)}.",
            "Kênh nộp phải là trực tiếp, bưu chính hoặc trực tuyến.",
        )
    if req.return_via not in RETURN_VIA:
        raise _bad(
            "return_via",
            f"Return must be one of {', '.join(RETURN_VIA)}.",
            "Nơi nhận kết quả phải là tại quầy, qua bưu chính hoặc trực tuyến.",
        )
    if isinstance(req.set_count, bool) or not isinstance(req.set_count, int) or not 1 <= req.set_count <= 99:
        raise _bad("set_count", "The number of sets must be 1–99.", "Số bộ hồ sơ phải từ 1 đến 99.")
    token = req.client_token.strip() if req.client_token else None
    if token is not None and not _TOKEN.match(token):
        raise _bad(
            "client_token", "client_token: 1–64 letters, digits or _.:-", "Mã chống lưu trùng không hợp lệ."
        )
    due = _minute(req.due_at) if req.due_at is not None else None
    if due is not None:
        dates.check_due(due, received)
    note = nfc(req.note or "")
    if len(note) > 2000:
        raise _bad(
            "note", "The note is too long (2000 characters at most).", "Ghi chú quá dài (tối đa 2000 ký tự)."
        )
    existing = clean_line(req.existing_code).upper() if req.existing_code else None
    postal = _check_postal(req, received)
    return replace(
        req,
        procedure_code=code,
        applicant=applicant,
        representative=representative,
        documents=check_documents(list(req.documents or []), required=documents_required),
        received_at=received,
        fee=check_fee(req.fee),
        client_token=token,
        due_at=due,
        note=note,
        existing_code=existing or None,
        vneid_verified=bool(req.vneid_verified),
        postal=postal,
    )


def _check_postal(req: IntakeRequest, received: datetime) -> IncomingPost | None:
    """The postal item of a dossier that came by post, its number checked (S10 rule) before anything is saved."""
    if req.postal is None or not clean_line(req.postal.item or ""):
        return None
    if req.channel != "postal":
        raise _bad(
            "postal.item",
            "An item number is recorded only for a dossier received by post (channel postal).",
            "Chỉ ghi số hiệu bưu gửi cho hồ sơ nộp qua bưu chính.",
        )
    try:
        number = parse_item_number(req.postal.item, free=req.postal.free)
    except ValidationError as exc:
        raise _bad("postal.item", exc.message, exc.vi) from None
    delivered = _minute(req.postal.delivered_at) if req.postal.delivered_at is not None else None
    if delivered is not None and delivered > received:
        raise _bad(
            "postal.delivered_at",
            "The post cannot have delivered the dossier after the counter received it.",
            "Ngày bưu chính giao hồ sơ không được sau lúc tiếp nhận.",
        )
    return IncomingPost(number.value, number.kind == "free", delivered, clean_line(req.postal.sender_address))
