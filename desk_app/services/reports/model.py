"""The computed report as plain data: rows, ratios against targets, and the JSON contract (``to_dict``).

What the GUI, the exports, the CLI and the sync read; computed by :mod:`.report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from desk_app.domain.indicators import BY_CODE, KIND_LABEL_VI, Indicator
from desk_app.domain.periods import Period

Kind = Literal["ii06a", "counter", "quality", "weekly"]
KINDS: tuple[Kind, ...] = ("ii06a", "counter", "quality", "weekly")
Value = int | float | None


@dataclass
class Row:
    """One line of a report: a unit, field, procedure or officer (or the total)."""

    key: str
    label: str
    values: dict[str, Value]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "label": self.label}
        for code, value in self.values.items():
            group, dot, name = code.partition(".")
            if dot:
                out.setdefault(group, {})[name] = value
            else:
                out[code] = value
        return out


@dataclass(frozen=True)
class Ratio:
    """A ratio of the total against the year's target (chỉ tiêu): achieved, gap and whether it is missed."""

    code: str
    label: str
    numerator: int | None
    denominator: int | None
    value: float | None
    target: float | None
    full_score_at: float | None

    @property
    def gap(self) -> float | None:
        if self.value is None or self.target is None:
            return None
        return round(self.value - self.target, 6)

    @property
    def missed(self) -> bool | None:
        return None if self.gap is None else self.gap < 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "target": self.target,
            "gap": self.gap,
            "missed": self.missed,
            "full_score_at": self.full_score_at,
        }


@dataclass
class Report:
    """A computed report (báo cáo): everything an export or a screen shows, and nothing computed twice."""

    kind: Kind
    period: Period
    by: str
    unit: dict[str, str]
    generated_at: datetime
    as_of: datetime  # the moment the figures are taken at: the period's end, or now while it runs
    columns: list[str]
    rows: list[Row]
    total: Row
    ratios: list[Ratio] = field(default_factory=list)
    previous: Row | None = None  # weekly: the period before
    previous_period: Period | None = None
    overdue_now: list[dict[str, Any]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.as_of.date() > self.period.end

    @property
    def title_vi(self) -> str:
        return KIND_LABEL_VI[self.kind]

    @property
    def as_of_note_vi(self) -> str:
        """The "as of now" note every export carries while the period has not ended."""
        if self.complete:
            return ""
        return f"Kỳ báo cáo chưa kết thúc: số liệu tính đến {self.as_of:%H:%M} ngày {self.as_of:%d/%m/%Y}."

    def definitions(self) -> list[Indicator]:
        codes = list(self.columns) + [r.code for r in self.ratios]
        return [BY_CODE[c] for c in dict.fromkeys(codes) if c in BY_CODE]

    def changes(self) -> dict[str, Value]:
        """Weekly: each figure minus the previous period's."""
        if self.previous is None:
            return {}
        out: dict[str, Value] = {}
        for code, value in self.total.values.items():
            before = self.previous.values.get(code)
            out[code] = None if value is None or before is None else round(value - before, 6)
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "title": self.title_vi,
            "period": {**self.period.to_dict(), "label": self.period.label_vi()},
            "by": self.by,
            "unit": self.unit,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "as_of": self.as_of.isoformat(timespec="minutes"),
            "complete": self.complete,
            "columns": self.columns,
            "rows": [r.to_dict() for r in self.rows],
            "total": self.total.to_dict(),
            "ratios": [r.to_dict() for r in self.ratios],
            "definitions": [
                {"code": i.code, "name": i.name_vi, "definition": i.definition_vi, "unit": i.unit}
                for i in self.definitions()
            ],
        }
        if self.kind == "weekly":
            assert self.previous is not None and self.previous_period is not None
            out["previous"] = {
                "period": self.previous_period.to_dict(),
                "total": self.previous.to_dict(),
            }
            out["changes"] = self.changes()
            out["overdue_now"] = self.overdue_now
        return out


@dataclass(frozen=True)
class TrendPoint:
    """One period of a trend chart: received, finished early or on time, and late (II.06a totals)."""

    period: Period
    received: int
    on_time: int
    late: int
