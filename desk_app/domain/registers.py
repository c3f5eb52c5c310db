"""The register (sổ theo dõi hồ sơ) and the numbered letters: pure numbering rules, no I/O.

Every received dossier is entered in the register once, at intake: a volume (quyển số) and a running
number (số thứ tự) in the year it was received. When a new volume starts is the unit's choice (setting
``register_volume``), as is whether the running number restarts with each volume (``register_numbering``);
neither is fixed by TT 01/2018 or TT 03/2025, which only print "Quyển số … Số thứ tự …" (📘: data, not law).

Letters (Mẫu 02 supplement request, Mẫu 03 refusal, Mẫu 04 apology/extension, the stop notice) carry a
document number "<n>/<suffix>" from their own yearly sequence (NĐ 30/2020 Phụ lục I mục II.3: số, ký hiệu);
the suffixes are settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desk_app.domain.errors import ValidationError

#: The template's placeholder for the signer of the unit's letters: never printed, never a valid title.
PLACEHOLDER_SIGNER = "THỦ TRƯỞNG CƠ QUAN"
#: The form sets the app prints (resources/forms/<set>.json).
FORM_SETS = ("v2018", "v2025")
VOLUME_RULES = ("year", "quarter", "month")
NUMBERINGS = ("year", "volume")
#: The letters that carry a document number, and their default suffixes (settings ``number_suffixes``).
LETTER_FORMS = ("supplement", "refusal", "apology", "stop")
DEFAULT_SUFFIXES = {"supplement": "BS", "refusal": "TC", "apology": "PXL", "stop": "TB"}


@dataclass(frozen=True)
class VolumeRule:
    """When a new volume starts: each ``year``, ``quarter`` or ``month``, or after ``size`` entries."""

    period: str = "year"
    size: int = 0

    def __str__(self) -> str:
        return f"size:{self.size}" if self.size else self.period


def parse_volume_rule(text: object) -> VolumeRule:
    """``"year"``, ``"quarter"``, ``"month"`` or ``"size:N"`` (N entries per volume, N ≥ 1)."""
    value = str(text or "year").strip().lower()
    if value in VOLUME_RULES:
        return VolumeRule(value)
    if value.startswith("size:") and value[5:].strip().isdigit() and int(value[5:]) >= 1:
        return VolumeRule("size", int(value[5:]))
    raise ValidationError(
        f"Volume rule {value!r}: use year, quarter, month or size:N.",
        "Quy tắc mở quyển sổ mới phải là: year (mỗi năm), quarter (mỗi quý), month (mỗi tháng) "
        "hoặc size:N (mỗi quyển N hồ sơ).",
        field="register_volume",
    )


def check_numbering(text: object) -> str:
    value = str(text or "year").strip().lower()
    if value not in NUMBERINGS:
        raise ValidationError(
            f"Register numbering {value!r}: use year or volume.",
            "Cách đánh số thứ tự phải là: year (liên tục cả năm) hoặc volume (lại từ 1 mỗi quyển).",
            field="register_numbering",
        )
    return value


def volume_of(rule: VolumeRule, day: date, yearly_count: int) -> int:
    """The volume of the ``yearly_count``-th entry of the year, received on ``day``."""
    if rule.size:
        return (yearly_count - 1) // rule.size + 1
    if rule.period == "quarter":
        return (day.month - 1) // 3 + 1
    if rule.period == "month":
        return day.month
    return 1


def volume_label(volume: int | None, year: int) -> str:
    """How a volume is written on the forms: "01/2026"."""
    return "" if volume is None else f"{volume:02d}/{year}"


def check_suffix(form: str, text: object) -> str:
    """A letter's number suffix: letters, digits and - . / only (it follows "<n>/")."""
    value = str(text or "").strip()
    if not value or len(value) > 20 or not all(ch.isalnum() or ch in "-./" for ch in value):
        raise ValidationError(
            f"Number suffix of {form}: 1-20 letters, digits or - . /",
            "Ký hiệu số văn bản chỉ gồm chữ, số và các dấu - . / (tối đa 20 ký tự).",
            field=f"number_suffix_{form}",
        )
    return value


def letter_number(seq: int, suffix: str) -> str:
    """The printed document number: "12/PXL"."""
    return f"{seq}/{suffix}"


def check_form_sets(value: Any) -> list[dict[str, str]]:
    """The ``form_sets`` schedule, cleaned and sorted: ``[{"set": "v2018", "from": "2019-01-06"}, …]``."""
    if not isinstance(value, list) or not value:
        raise ValidationError(
            "form_sets must be a non-empty list of {set, from}.",
            "Cần ít nhất một bộ mẫu biểu có ngày áp dụng.",
            field="form_sets",
        )
    cleaned: dict[str, str] = {}
    for entry in value:
        name = str((entry or {}).get("set", "")).strip()
        if name not in FORM_SETS:
            raise ValidationError(
                f"Unknown form set {name!r} (one of: {', '.join(FORM_SETS)}).",
                f"Bộ mẫu biểu {name!r} không có (chỉ có: {', '.join(FORM_SETS)}).",
                field="form_sets",
            )
        try:
            start = date.fromisoformat(str(entry.get("from", "")).strip())
        except ValueError:
            raise ValidationError(
                "The effective date must be YYYY-MM-DD.",
                "Ngày áp dụng bộ mẫu biểu phải có dạng năm-tháng-ngày (YYYY-MM-DD).",
                field="form_sets",
            ) from None
        cleaned[start.isoformat()] = name
    return [{"set": name, "from": day} for day, name in sorted(cleaned.items())]
