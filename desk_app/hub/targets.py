"""Yearly targets (chỉ tiêu giao) of the ratios the hub shows beside the II.06a totals; 📘 data, set by staff.

A target belongs to a reporting year (the year a period is named after, as on the desk: month 2027-01, which
starts on 15/12/2026, counts towards 2027). Lookup for a year: the row of that year (its ratio may be None: the
staff said "no target"), else a year-0 row (hub-wide default, where targets kept before they had a year went),
else DEFAULT_TARGETS. Every change is recorded in the hub's audit table in the same transaction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.periods import Period
from desk_app.hub import audit
from desk_app.hub.errors import HubError
from desk_app.hub.models import Target
from desk_app.hub.units import now

# The hub's ratios, computed from II.06a columns by reporting.ratios: code -> (label, definition).
RATIOS: dict[str, tuple[str, str]] = {
    "resolved.on_time_ratio": (
        "Tỷ lệ đúng hạn",
        "Hồ sơ giải quyết trước hạn và đúng hạn ÷ hồ sơ đã giải quyết (Biểu II.06a: (cột 8 + 9) ÷ cột 7).",
    ),
    "received.online_ratio": (
        "Tỷ lệ trực tuyến",
        "Hồ sơ tiếp nhận trực tuyến ÷ hồ sơ tiếp nhận trong kỳ (Biểu II.06a: cột 4 ÷ (cột 4 + 5)).",
    ),
}
# Used for a year the staff have not set (📘: one province's plan; shown as "mặc định" on the targets page).
DEFAULT_TARGETS: dict[str, float] = {"resolved.on_time_ratio": 0.9, "received.online_ratio": 0.5}
FIRST_YEAR, LAST_YEAR = 2000, 2100


class BadTarget(HubError):
    """A refused target: ``reason`` in English (CLI, API), ``vi`` for the staff's page."""

    def __init__(self, reason: str, vi: str) -> None:
        super().__init__(400, reason)
        self.vi = vi


@dataclass(frozen=True)
class YearTarget:
    indicator: str
    label: str
    definition: str
    ratio: float | None  # None: no target
    source: str  # "year" (set for this year) | "default" (hub-wide default)
    updated_by: str

    def to_dict(self, year: int) -> dict[str, object]:
        return {
            "year": year,
            "indicator": self.indicator,
            "label": self.label,
            "value": self.ratio,
            "source": self.source,
        }


def target_year(period: Period) -> int:
    """The year whose targets apply: the reporting year a period is named after (a range or week: its end's).
    The same rule as the desk's reports (services.reports.report.target_year)."""
    return period.end.year if period.kind in ("range", "week") else int(period.code[:4])


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadTarget(
            f"year {year} is out of range ({FIRST_YEAR}..{LAST_YEAR})",
            f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.",
        )
    return year


def check_indicator(indicator: str) -> str:
    if indicator not in RATIOS:
        raise BadTarget(
            f"unknown indicator {indicator[:80]!r}: one of {', '.join(RATIOS)}", "Chỉ tiêu không hợp lệ."
        )
    return indicator


def parse_percent(text: str) -> float | None:
    """A target typed in percent ("60", "60,5", "60.5", "60%") as a ratio (0.605); empty: no target (None)."""
    raw = text.strip()
    if not raw or raw.lower() in ("none", "-"):
        return None
    number = raw.removesuffix("%").strip().replace(",", ".", 1)
    try:
        value = float(number)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or any(c not in "0123456789.-+" for c in number):
        raise BadTarget(
            f"target {raw[:20]!r} is not a percentage (e.g. 60 or 60,5)",
            f"“{raw[:20]}” không phải là một số phần trăm (ví dụ 60 hoặc 60,5).",
        )
    if not 0 <= value <= 100:
        raise BadTarget(
            f"target {raw[:20]!r} is not between 0 and 100",
            f"Chỉ tiêu phải từ 0 đến 100 (đã nhập {raw[:20]}).",
        )
    return round(value / 100, 6)


def percent_text(ratio: float | None) -> str:
    """A ratio as the form shows it: 0.605 -> "60,5", 0.9 -> "90", None -> ""."""
    if ratio is None:
        return ""
    return f"{ratio * 100:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def year_targets(session: Session, year: int) -> list[YearTarget]:
    rows = {
        (t.year, t.indicator): t for t in session.scalars(select(Target).where(Target.year.in_([0, year])))
    }
    out = []
    for code, (label, definition) in RATIOS.items():
        own = rows.get((year, code)) if year else None
        fallback = rows.get((0, code))
        if own is not None:
            out.append(YearTarget(code, label, definition, own.ratio, "year", own.updated_by))
        elif fallback is not None:
            out.append(YearTarget(code, label, definition, fallback.ratio, "default", fallback.updated_by))
        else:
            out.append(YearTarget(code, label, definition, DEFAULT_TARGETS.get(code), "default", ""))
    return out


def targets_for(session: Session, year: int) -> dict[str, float | None]:
    """{ratio code: target ratio or None} for ``year``."""
    return {t.indicator: t.ratio for t in year_targets(session, year)}


def set_target(session: Session, year: int, indicator: str, ratio: float | None, by: str) -> bool:
    """Set ``indicator``'s target for ``year`` (None: no target); False when it already was that value.

    Only a real change writes: the row of the year and its audit event, in the caller's transaction."""
    check_year(year)
    check_indicator(indicator)
    if ratio is not None and not 0 <= ratio <= 1:
        raise BadTarget("a target is between 0 and 1 (0% to 100%)", "Chỉ tiêu phải từ 0 đến 100.")
    before = targets_for(session, year)[indicator]  # the year's own row when there is one
    if before == ratio:
        return False
    row = session.get(Target, (year, indicator))
    if row is None:
        row = Target(year=year, indicator=indicator)
        session.add(row)
    row.ratio, row.updated_at, row.updated_by = ratio, now(), by[:80]
    audit.record(
        session,
        by,
        "target.set",
        f"{year}:{indicator}",
        year=year,
        indicator=indicator,
        before=before,
        after=ratio,
    )
    return True
