"""Personal ID numbers, phone numbers and the chip ID card (CCCD) QR payload.

Rules: ``../shared/domain.md`` §6 (TT 07/2016/TT-BCA for the 12-digit number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desk_app.domain.errors import ValidationError
from desk_app.domain.text import ascii_digits, clean_line
from desk_app.resources import load_json

_ID12 = re.compile(r"^[0-9]{12}$")
_ID9 = re.compile(r"^[0-9]{9}$")
_MOBILE = re.compile(r"^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])[0-9]{7}$")
_LANDLINE = re.compile(r"^02[0-9]{9}$")
_NON_DIGIT = re.compile(r"[\s.\-()]")

GENDERS = ("Nam", "Nữ")


def province_codes() -> dict[str, str]:
    """The 3-digit birth-registration province codes of TT 07/2016 (old 63 provinces)."""
    codes: dict[str, str] = load_json("data", "province_codes.json")["codes"]
    return codes


@dataclass(frozen=True)
class IdNumberInfo:
    """What a 12-digit số định danh cá nhân tells about its holder."""

    province_code: str
    province: str | None
    gender: str
    birth_year_low: int  # two digits
    century: int

    @property
    def birth_year(self) -> int:
        return self.century + self.birth_year_low


def parse_id_number(number: str) -> IdNumberInfo:
    """Decode a 12-digit personal ID number; raise ValidationError when it cannot be one."""
    number = ascii_digits(number).strip()
    if not _ID12.match(number):
        raise ValidationError(
            "A personal ID number has exactly 12 digits.",
            "Số định danh cá nhân phải gồm đúng 12 chữ số.",
            field="id_number",
        )
    ppp, g, yy = number[:3], int(number[3]), int(number[4:6])
    provinces = province_codes()
    # A first digit other than 0 marks a birth registered abroad (a country code), so no province check.
    if ppp.startswith("0") and ppp not in provinces:
        raise ValidationError(
            f"{ppp} is not a province code of a personal ID number.",
            f"Ba số đầu {ppp} không phải mã tỉnh hợp lệ. Kiểm tra lại số định danh.",
            field="id_number",
        )
    return IdNumberInfo(
        province_code=ppp,
        province=provinces.get(ppp),
        gender="Nam" if g % 2 == 0 else "Nữ",
        birth_year_low=yy,
        century=(g // 2 + 19) * 100,
    )


def check_id_number(number: str, birth_date: date | None = None, gender: str | None = None) -> str:
    """Validate a personal ID (12 digits) or an old CMND (9 digits) against the other fields.

    Returns the cleaned number. The 12-digit number encodes gender, century and the last two digits
    of the birth year; a mismatch is almost always a typing mistake, so it is refused.
    """
    number = _NON_DIGIT.sub("", ascii_digits(number))
    if _ID9.match(number):
        return number
    info = parse_id_number(number)
    if gender is not None and gender in GENDERS and gender != info.gender:
        raise ValidationError(
            f"The ID number is that of a {'man' if info.gender == 'Nam' else 'woman'}, not {gender}.",
            f"Chữ số thứ tư của số định danh cho biết giới tính {info.gender}, khác với giới tính đã nhập.",
            field="id_number",
        )
    if birth_date is not None and birth_date.year != info.birth_year:
        raise ValidationError(
            f"The ID number gives birth year {info.birth_year}, not {birth_date.year}.",
            f"Số định danh cho năm sinh {info.birth_year}, khác với ngày sinh đã nhập ({birth_date.year}).",
            field="id_number",
        )
    return number


def normalise_phone(phone: str) -> str:
    """Return a Vietnamese phone number with a leading 0, or raise ValidationError.

    Accepts +84/84 prefixes and spaces, dots or dashes; mobile (10 digits) or landline (02x…, 11 digits).
    """
    digits = _NON_DIGIT.sub("", ascii_digits(phone).strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    raise ValidationError(
        f"{phone!r} is not a Vietnamese phone number.",
        "Số điện thoại không hợp lệ: cần số di động 10 chữ số (ví dụ 0912345678) hoặc số cố định 02xx.",
        field="phone",
    )


def mask_id(number: str | None) -> str:
    """Mask a personal ID for logs and lists: ``001******456``."""
    if not number:
        return ""
    if len(number) <= 6:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 6) + number[-3:]


def mask_phone(phone: str | None) -> str:
    """Mask a phone number: ``091****678``."""
    if not phone:
        return ""
    if len(phone) <= 6:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


@dataclass(frozen=True)
class CardPayload:
    """The fields printed in the QR code of a chip ID card (CCCD / Căn cước)."""

    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date
    gender: str
    address: str
    issue_date: date | None


_LABEL = re.compile(r"^\s*(?:CCCD|CMND|QR)\s*[:=]\s*", re.IGNORECASE)


def _ddmmyyyy(text: str) -> date:
    text = text.strip()
    if not re.fullmatch(r"\d{8}", text):
        raise ValueError(text)
    return date(int(text[4:]), int(text[2:4]), int(text[:2]))


def looks_like_card_payload(text: str) -> bool:
    """Cheap test used on every keystroke burst: a 12-digit number followed by a ``|``."""
    return bool(re.match(r"^\s*(?:\w+\s*[:=]\s*)?\d{12}\|", text))


def parse_card_payload(text: str) -> CardPayload:
    """Parse ``ID|old ID|NAME|DDMMYYYY|gender|address|issue date`` leniently (domain.md §6.1).

    Tolerates a missing old-ID field (6 fields), scanner labels (``CCCD:``) and extra trailing fields.
    Raises ValidationError for anything else, so a garbled scan never overwrites what was typed.
    """
    garbled = ValidationError(
        "The scanned ID card code could not be read.",
        "Không đọc được mã QR trên căn cước. Hãy quét lại, hoặc nhập thông tin bằng tay.",
        field="card",
    )
    fields = [f.strip() for f in _LABEL.sub("", text.strip()).split("|")]
    if len(fields) < 6:
        raise garbled
    if re.fullmatch(r"\d{8}", fields[3]):  # ID|old ID|NAME|DOB|…: the issue date may be cut off
        id_number, old_id, name, dob, gender, address = fields[:6]
        issue = fields[6] if len(fields) >= 7 else ""
    elif re.fullmatch(r"\d{8}", fields[2]):
        id_number, name, dob, gender, address = fields[0], fields[1], fields[2], fields[3], fields[4]
        old_id, issue = "", fields[5]
    else:
        raise garbled
    gender = clean_line(gender)
    if gender.lower() in ("nu", "nữ"):
        gender = "Nữ"
    elif gender.lower() == "nam":
        gender = "Nam"
    else:
        raise garbled
    try:
        birth = _ddmmyyyy(dob)
        issued = _ddmmyyyy(issue) if issue else None
        parse_id_number(id_number)
        check_id_number(id_number, birth, gender)  # a genuine card agrees with itself: a clash is a misread
    except (ValueError, ValidationError):
        raise garbled from None
    if old_id and not re.fullmatch(r"\d{9}|\d{12}", old_id):
        raise garbled
    name = clean_line(name)
    if not name:
        raise garbled
    return CardPayload(
        id_number=id_number,
        old_id_number=old_id,
        full_name=name,
        birth_date=birth,
        gender=gender,
        address=clean_line(address),
        issue_date=issued,
    )
