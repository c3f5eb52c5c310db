"""Postal items (bưu gửi, dịch vụ bưu chính công ích BCCI): item numbers, kinds, states, periods. Pure.

An item handed over by the post carries a UPU S10 identifier (domain.md §13.4): two letters (service),
eight digits (serial), a check digit, two letters (the ISO country of the issuing post), e.g.
``RR123456785VN``. The check digit is computed over the eight serial digits with the weights 8 6 4 2 3 5 9 7:
``c = 11 - (sum mod 11)``, then 10 → 0 and 11 → 5 (UPU S10 standard).

Where the post hands over an item without an S10 number (a local parcel, a note from the postman), the clerk may
record a *free reference* instead; it is stored and printed marked as such (``number_kind = "free"``) and never
checked, so a report can tell validated numbers from free ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from desk_app.domain.errors import ValidationError
from desk_app.domain.text import clean_line

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10 = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")
_S10_LOOSE = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")
_SEPARATORS = re.compile(r"[\s\-.]")
# A free reference is printed as Code128 on the manifest: printable ASCII only.
_FREE = re.compile(r"^[A-Z0-9/_-]{3,30}$")
FREE_MARK = "(số tham chiếu tự do)"


class ItemKind(StrEnum):
    """What a postal item carried (loại bưu gửi)."""

    RECEIVE = "receive"  # the citizen's dossier, sent to the counter by post
    RETURN = "return"  # the result, sent back to the citizen by post
    TRANSFER = "transfer"  # a leg between the counter and the competent office (luân chuyển hồ sơ)


class ItemState(StrEnum):
    """Where a postal item is."""

    RECEIVED = "received"  # an incoming item, taken over at the counter
    OUT = "out"  # handed to the post, not yet confirmed
    DELIVERED = "delivered"  # the post confirmed delivery
    UNDELIVERABLE = "undeliverable"  # came back: the result is ready to be returned again


class Payer(StrEnum):
    """Who pays the postal fee (bên trả cước)."""

    CITIZEN = "citizen"
    COMMUNE = "commune"


KIND_LABEL_VI: dict[str, str] = {
    ItemKind.RECEIVE: "Nhận hồ sơ qua bưu chính",
    ItemKind.RETURN: "Trả kết quả qua bưu chính",
    ItemKind.TRANSFER: "Luân chuyển hồ sơ",
}
STATE_LABEL_VI: dict[str, str] = {
    ItemState.RECEIVED: "Đã nhận tại quầy",
    ItemState.OUT: "Đang chuyển phát",
    ItemState.DELIVERED: "Đã phát thành công",
    ItemState.UNDELIVERABLE: "Không phát được, đã chuyển hoàn",
}
PAYER_LABEL_VI: dict[str, str] = {Payer.CITIZEN: "Người nộp trả", Payer.COMMUNE: "Xã trả"}
# Labels of the postal events in a dossier's history (dossier_view.history).
EVENT_LABEL_VI: dict[str, str] = {
    "postal-receive": "Nhận hồ sơ qua bưu chính",
    "postal-send": "Gửi kết quả qua bưu chính",
    "postal-undeliverable": "Bưu chính không phát được",
    "postal-transfer": "Luân chuyển hồ sơ qua bưu chính",
}
TRANSFER_DIRECTIONS = ("to_office", "to_counter")


@dataclass(frozen=True)
class ItemNumber:
    """A validated item number: an S10 identifier, or a free reference marked as such."""

    value: str
    kind: str  # "s10" or "free"

    @property
    def is_s10(self) -> bool:
        return self.kind == "s10"

    def display(self) -> str:
        return self.value if self.is_s10 else f"{self.value} {FREE_MARK}"


@dataclass(frozen=True)
class IncomingPost:
    """What intake records of a dossier that came by post: the item, when the post delivered it, the sender's
    address as written (empty: the applicant's)."""

    item: str
    free: bool = False
    delivered_at: datetime | None = None
    sender_address: str = ""


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an eight-digit serial number."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError(f"an S10 serial has 8 digits, not {serial!r}")
    remainder = sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    return {10: 0, 11: 5}.get(check, check)


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", clean_line(text)).upper()


def looks_like_s10(text: str) -> bool:
    """True when ``text`` has the S10 shape (the check digit is not verified): a scan to look up."""
    return bool(_S10_LOOSE.match(_compact(text)))


def parse_s10(text: str) -> str:
    """The S10 identifier in ``text`` (spaces and dashes dropped, upper case), or a ValidationError saying why."""
    value = _compact(text)
    if not value:
        raise ValidationError("Enter the postal item number.", "Cần nhập số hiệu bưu gửi.", field="item")
    match = _S10.match(value)
    if match is None:
        raise ValidationError(
            f"{value!r} is not an S10 item number (2 letters, 9 digits, 2 letters, e.g. RR123456785VN).",
            f"“{value}” không đúng dạng số hiệu bưu gửi S10 (2 chữ cái, 9 chữ số, 2 chữ cái, "
            "ví dụ RR123456785VN).",
            field="item",
        )
    serial, given = match.group(2), int(match.group(3))
    expected = s10_check_digit(serial)
    if given != expected:
        raise ValidationError(
            f"{value}: wrong check digit {given} (the S10 rule gives {expected}): check the number for a typo.",
            f"Số hiệu {value} sai chữ số kiểm tra ({given}, theo quy tắc S10 phải là {expected}): "
            "hãy kiểm tra lại số đã nhập.",
            field="item",
        )
    return value


def parse_item_number(text: str, *, free: bool = False) -> ItemNumber:
    """An S10 number (checked), or with ``free`` a free reference (shape only: letters, digits, ``-/_``)."""
    if not free:
        return ItemNumber(parse_s10(text), "s10")
    value = re.sub(r"\s", "", clean_line(text)).upper()
    if not _FREE.match(value):
        raise ValidationError(
            f"A free reference has 3 to 30 letters, digits, '-', '/' or '_', not {value!r}.",
            "Số tham chiếu tự do gồm 3 đến 30 ký tự chữ, số, “-”, “/” hoặc “_”.",
            field="item",
        )
    return ItemNumber(value, "free")


def parse_payer(text: str | None, default: str = Payer.CITIZEN) -> str:
    value = (text or default).strip().lower()
    try:
        return Payer(value).value
    except ValueError:
        raise ValidationError(
            "The payer must be citizen or commune.",
            "Bên trả cước phải là người nộp hoặc xã.",
            field="payer",
        ) from None


def check_fee(amount: int | None, default: int) -> int:
    """The fee in đồng: ``amount`` if given (a whole number ≥ 0), else ``default`` (the tariff)."""
    if amount is None:
        return default
    if amount < 0 or amount > 100_000_000:
        raise ValidationError(
            "The postal fee must be a whole number of đồng, 0 or more.",
            "Cước bưu chính phải là số đồng không âm.",
            field="fee",
        )
    return int(amount)


@dataclass(frozen=True)
class Period:
    """A calendar month (kỳ bảng kê): first day included, ``end`` excluded."""

    start: date
    end: date

    @property
    def label(self) -> str:
        return f"tháng {self.start.month:02d}/{self.start.year}"

    @property
    def key(self) -> str:
        return f"{self.start.year}-{self.start.month:02d}"


def parse_month(text: str) -> Period:
    """``2026-12``, ``202612`` or ``12/2026`` → that month; ValidationError otherwise."""
    value = text.strip()
    year = month = 0
    if match := re.fullmatch(r"(\d{4})-?(\d{2})", value):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := re.fullmatch(r"(\d{1,2})/(\d{4})", value):
        month, year = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise ValidationError(
            f"{text!r} is not a month (YYYY-MM).", "Kỳ bảng kê phải là một tháng (YYYY-MM).", field="period"
        )
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return Period(start, end)


def statement_totals(fees: list[tuple[str, int]]) -> dict[str, dict[str, int]]:
    """Counts and fee sums by item kind, plus ``"total"``, from (kind, fee) pairs."""
    totals: dict[str, dict[str, int]] = {k.value: {"count": 0, "fees": 0} for k in ItemKind}
    totals["total"] = {"count": 0, "fees": 0}
    for kind, fee in fees:
        for key in (kind, "total"):
            totals[key]["count"] += 1
            totals[key]["fees"] += fee
    return totals


def event_note(action: str, data: dict[str, object], reason: str, when: str) -> str | None:
    """The control sheet's note for a postal history line (None: not a postal event). ``when`` is its time."""
    item = str(data.get("item") or "")
    fee = data.get("fee")
    fee_text = f", cước {f'{fee:,}'.replace(',', '.')} đồng" if isinstance(fee, int) else ""
    if action == "postal-receive":
        delivered = str(data.get("delivered_at") or "")[:10]
        day = (
            f" (bưu chính giao ngày {delivered[8:10]}/{delivered[5:7]}/{delivered[:4]})" if delivered else ""
        )
        return f"Nhận qua bưu chính, bưu gửi {item}{day}{fee_text}"
    if action == "postal-send":
        return f"Gửi kết quả qua bưu chính {when}: bưu gửi {item}{fee_text}"
    if action == "postal-undeliverable":
        return f"Bưu gửi {item} không phát được {when}: {reason}"
    if action == "postal-transfer":
        if data.get("delivered"):
            return f"Bưu gửi {item} đã phát {when}"
        return f"Luân chuyển qua bưu chính {when}: bưu gửi {item}{fee_text}"
    return None
