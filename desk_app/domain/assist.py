"""Citizen help at the counter: kinds of help, outcomes, reasons, feedback classes. Pure: no I/O.

The kinds follow domain.md §9 ("suggested support log"); the reasons a help did not succeed are the ones
the counters name most (📘: a list, not law; "other" takes free text).
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
from datetime import date
from enum import StrEnum


class HelpKind(StrEnum):
    """What the citizen was helped with (loại hỗ trợ)."""

    VNEID_ACTIVATION = "vneid_activation"  # install VNeID, guidance for level-2 activation
    PORTAL_LOGIN = "portal_login"  # log in to the national portal with VNeID
    ONLINE_FILING = "online_filing"  # file a dossier online
    ONLINE_PAYMENT = "online_payment"  # pay a fee online
    LOOKUP = "lookup"  # look up a dossier
    OTHER = "other"


HELP_KIND_VI: dict[str, str] = {
    HelpKind.VNEID_ACTIVATION: "Cài đặt, kích hoạt VNeID mức 2",
    HelpKind.PORTAL_LOGIN: "Đăng nhập Cổng DVC quốc gia bằng VNeID",
    HelpKind.ONLINE_FILING: "Nộp hồ sơ trực tuyến",
    HelpKind.ONLINE_PAYMENT: "Thanh toán trực tuyến",
    HelpKind.LOOKUP: "Tra cứu hồ sơ",
    HelpKind.OTHER: "Hỗ trợ khác",
}


class Outcome(StrEnum):
    DONE = "done"  # thành công
    NOT_DONE = "not_done"  # chưa thành công


OUTCOME_VI: dict[str, str] = {Outcome.DONE: "Thành công", Outcome.NOT_DONE: "Chưa thành công"}

#: Why a help did not succeed (a code and its label); "other" needs a text.
NOT_DONE_REASONS: dict[str, str] = {
    "no_level2": "Chưa có tài khoản định danh mức 2",
    "no_smartphone": "Không có điện thoại thông minh",
    "forgot_password": "Quên mật khẩu, không đăng nhập được",
    "phone_not_own": "Số điện thoại không chính chủ",
    "portal_down": "Cổng dịch vụ công gặp sự cố",
    "missing_papers": "Thiếu giấy tờ",
    "declined": "Người dân không muốn tiếp tục",
    "other": "Lý do khác",
}

#: Feedback on administrative rules (NĐ 20/2008): what it is about (📘 classes).
FEEDBACK_CATEGORIES: dict[str, str] = {
    "rule_content": "Nội dung quy định hành chính",
    "implementation": "Hành vi, cách thực hiện của cơ quan, cán bộ",
    "proposal": "Kiến nghị sửa đổi, đơn giản hóa",
    "other": "Khác",
}
FEEDBACK_CHANNELS: dict[str, str] = {
    "counter": "Trực tiếp tại quầy",
    "letter": "Văn bản, thư",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "portal": "Cổng dịch vụ công",
}
FEEDBACK_SENDERS: dict[str, str] = {"citizen": "Cá nhân", "business": "Tổ chức, doanh nghiệp"}
FEEDBACK_STATUS_VI: dict[str, str] = {
    "received": "Đã tiếp nhận",
    "forwarded": "Đã chuyển xử lý",
    "answered": "Đã trả lời",
}

_DIGITS = re.compile(r"[\s.\-]")
_ID = re.compile(r"^\d{9}$|^\d{12}$")


def clean_id_number(text: str) -> str:
    """The digits of a personal ID (12) or old CMND (9) number, or "" when ``text`` is not one."""
    digits = _DIGITS.sub("", text or "")
    return digits if _ID.match(digits) else ""


def id_hash(secret: bytes, id_number: str) -> str:
    """HMAC-SHA256 of an ID number with the installation's secret (hex): repeat visits match, the number
    cannot be recovered from the database alone (a plain hash of 12 digits would be brute-forced)."""
    return hmac.new(secret, id_number.encode("ascii"), hashlib.sha256).hexdigest()


_MONTH = re.compile(r"^(\d{4})-?(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_period(text: str, today: date | None = None) -> tuple[date, date]:
    """Inclusive (first, last) days of a period: ``2026-03`` (month), ``2026-Q1`` / ``2026Q1``, ``2026``,
    ``2026-03-02`` (a day), ``2026-03-01..2026-03-15`` (a range), ``today``. ValueError otherwise."""
    value = (text or "").strip()
    if value.lower() == "today":
        day = today or date.today()
        return day, day
    if ".." in value:
        first, _, last = value.partition("..")
        start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
        if end < start:
            raise ValueError(f"the period {value!r} ends before it starts")
        return start, end
    if _DAY.match(value):
        day = date.fromisoformat(value)
        return day, day
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"no month {month} in {value!r}")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m := _QUARTER.match(value):
        year, quarter = int(m.group(1)), int(m.group(2))
        first_month = 3 * quarter - 2
        last_month = first_month + 2
        return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])
    if m := _YEAR.match(value):
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    raise ValueError(f"cannot read the period {value!r} (use 2026-03, 2026-Q1, 2026, a day or FROM..TO)")
