"""The computed report: one object that the GUI, the exports, the CLI and the sync all read.

``build_report(db, kind, period, by)`` counts the figures once (services.reports.figures) and returns a
Report: rows by the breakdown, the total (the sum of the rows for every count), the ratios of the total
against the year's targets, the definitions of every figure, and for the weekly one-pager the previous
period and what is overdue now. ``Report.to_dict()`` is the JSON contract of ``desk-app report``.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.indicators import (
    BREAKDOWN_LABEL_VI,
    BY_CODE,
    COUNTER,
    COUNTER_RATIOS,
    KIND_LABEL_VI,
    QUALITY,
    Indicator,
)
from desk_app.domain.periods import Period
from desk_app.domain.states import CLOCK_RUNNING_STATES
from desk_app.services.reports import figures as F
from desk_app.services.reports.targets import targets_for
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store.db import Database
from desk_app.store.models import Procedure, Unit
from desk_app.store.models_auth import User

Kind = Literal["ii06a", "counter", "quality", "weekly"]
KINDS: tuple[Kind, ...] = ("ii06a", "counter", "quality", "weekly")
Value = int | float | None

WEEKLY: tuple[str, ...] = (
    "received_total",
    "received_online",
    "received_postal",
    "resolved.total",
    "resolved.late",
    "in_progress.total",
    "in_progress.overdue",
    "returned_total",
    "supplemented",
    "guided",
    "refused",
)
UNLABELLED_VI = "(Chưa ghi nhận)"
ASSIST_MODULE = "desk_app.services.assist.counts"


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


def _ratio(num: Value, den: Value) -> float | None:
    if num is None or not den:
        return None
    return round(float(num) / float(den), 6)


def help_given(session: Session, start: date, end: date) -> int | None:
    """Portal-account help logged by services.assist, or None (no data) while that capability is absent."""
    if importlib.util.find_spec(ASSIST_MODULE) is None:
        return None
    module = importlib.import_module(ASSIST_MODULE)
    return int(module.help_given(session, start, end))


def _derive(values: dict[str, Value]) -> None:
    """The figures computed from counts: the counter's ratios, overdue and the quality indicators."""
    v = values
    v["overdue"] = int(v["resolved.late"] or 0) + int(v["in_progress.overdue"] or 0)
    for ind in COUNTER_RATIOS:
        v[ind.code] = _ratio(v[ind.numerator], v[ind.denominator])
    received = v["received.total"]
    v["on_time_count"] = (
        int(v["resolved.early"] or 0) + int(v["resolved.on_time"] or 0) + int(v["in_progress.on_time"] or 0)
    )
    for ind in QUALITY:
        if ind.numerator:
            v[ind.code] = _ratio(v[ind.numerator], v[ind.denominator])
    late = _ratio(v["overdue"], received)
    dissatisfied = _ratio(v["dissatisfied"], v["returned_total"]) or 0.0
    v["satisfaction"] = None if late is None else round(max(0.0, 1.0 - late - dissatisfied), 6)


def _columns(kind: Kind) -> list[str]:
    if kind == "ii06a":
        return list(F.II06A_CODES)
    if kind == "counter":
        return [i.code for i in COUNTER] + [i.code for i in COUNTER_RATIOS]
    if kind == "quality":
        return [i.code for i in QUALITY]
    return list(WEEKLY)


def _labels(session: Session, by: str, keys: list[str]) -> dict[str, str]:
    if by == "unit":
        units = {str(u.id): u.name for u in session.scalars(select(Unit))}
        return {k: units.get(k, k) for k in keys}
    if by == "procedure":
        names: dict[str, str] = {}
        for code, name in session.execute(
            select(Procedure.code, Procedure.name).order_by(Procedure.code, Procedure.version)
        ):
            names[code] = name  # the newest version's name wins
        return {k: f"{k} – {names[k]}" if k in names else k or UNLABELLED_VI for k in keys}
    if by == "officer":
        people = {u.username: u.full_name for u in session.scalars(select(User))}
        return {k: people.get(k, k) or UNLABELLED_VI for k in keys}
    return {k: k or UNLABELLED_VI for k in keys}


def _count_rows(
    session: Session, kind: Kind, period: Period, by: F.Breakdown, now: datetime
) -> dict[str, dict[str, Value]]:
    window = F.Window.of(period, now)
    calendar = calendar_from_session(session)
    populations: list[F.Population] = ["ii06a"]
    if kind != "ii06a":
        populations += ["received", "finished", "returned", "supplemented"]
    rows: dict[str, dict[str, Value]] = {}
    zero: dict[str, Value] = {f.code: 0 for f in F.FIGURES if f.population in populations}
    for key, values in F.count(session, populations, by, window, calendar).items():
        rows.setdefault(key, dict(zero)).update(values)
    return rows


def _unit_info(session: Session) -> dict[str, str]:
    unit = session.scalars(select(Unit).order_by(Unit.id).limit(1)).one_or_none()
    if unit is None:
        return {"name": "", "agency_code": "", "province": "", "governing_body": "", "place_name": ""}
    return {
        "name": unit.name,
        "agency_code": unit.agency_code,
        "province": unit.province,
        "governing_body": unit.governing_body,
        "place_name": unit.place_name,
    }


def _total(rows: list[Row], columns: list[str], codes: list[str]) -> dict[str, Value]:
    total: dict[str, Value] = {}
    for code in codes:
        total[code] = sum(int(r.values.get(code) or 0) for r in rows)
    return total


def _figures(
    session: Session, kind: Kind, period: Period, by: F.Breakdown, now: datetime
) -> tuple[list[Row], Row]:
    counted = _count_rows(session, kind, period, by, now)
    labels = _labels(session, by, list(counted))
    rows = [Row(k, labels[k], dict(v)) for k, v in counted.items()]
    rows.sort(key=lambda r: (r.label.casefold(), r.key))
    count_codes = [f.code for f in F.FIGURES if any(f.code in r.values for r in rows)] or list(F.II06A_CODES)
    total = Row("", "Tổng cộng", _total(rows, [], count_codes))
    if kind != "ii06a":
        for values in [r.values for r in rows] + [total.values]:
            values.setdefault("help_given", None)
            for f in F.FIGURES:
                values.setdefault(f.code, 0)
            _derive(values)
        total.values["help_given"] = help_given(session, period.start, min(period.end, now.date()))
    for r in rows:
        _check_identities(r)
    _check_identities(total)
    return rows, total


def _check_identities(row: Row) -> None:
    """Biểu II.06a identities (domain.md §5.1, §13.1): a failure here is a bug, never a user error."""
    v = row.values
    assert v["received.total"] == (
        int(v["received.online"] or 0)
        + int(v["received.direct_postal"] or 0)
        + int(v["received.carried_over"] or 0)
    ), row
    assert v["received.total"] == int(v["resolved.total"] or 0) + int(v["in_progress.total"] or 0), row
    assert v["resolved.total"] == (
        int(v["resolved.early"] or 0) + int(v["resolved.on_time"] or 0) + int(v["resolved.late"] or 0)
    ), row
    assert v["in_progress.total"] == int(v["in_progress.on_time"] or 0) + int(
        v["in_progress.overdue"] or 0
    ), row


def _select(row: Row, columns: list[str]) -> Row:
    return Row(row.key, row.label, {c: row.values.get(c) for c in columns})


def _ratios(kind: Kind, total: Row, targets: dict[str, float]) -> list[Ratio]:
    if kind == "ii06a":
        return []
    inds = {i.code: i for i in (COUNTER_RATIOS if kind == "counter" else QUALITY + COUNTER_RATIOS)}
    if kind == "weekly":
        inds = {i.code: i for i in QUALITY if i.code in ("on_time_rate", "online_share", "satisfaction")}
    v = total.values
    out = []
    for ind in inds.values():
        value = v.get(ind.code)
        out.append(
            Ratio(
                ind.code,
                ind.name_vi,
                int(v[ind.numerator] or 0) if ind.numerator else None,
                int(v[ind.denominator] or 0) if ind.denominator else None,
                float(value) if value is not None else None,
                targets.get(ind.code),
                ind.full_score_at,
            )
        )
    return out


def target_year(period: Period) -> int:
    """The year whose targets apply: the reporting year a period is named after (a range: its end's)."""
    return period.end.year if period.kind in ("range", "week") else int(period.code[:4])


def overdue_now(session: Session, now: datetime, limit: int = 200) -> list[dict[str, Any]]:
    """Dossiers overdue right now (clock running, deadline passed), most overdue first, with their officer."""
    states = ", ".join(f"'{s.value}'" for s in sorted(CLOCK_RUNNING_STATES))
    at = now.strftime("%Y-%m-%dT%H:%M")
    sql = (
        "SELECT d.id, d.code, p.name, d.deadline_at, d.received_at FROM dossiers d "
        "JOIN procedures p ON p.id = d.procedure_id "
        f"WHERE d.state IN ({states}) AND d.deadline_at < :now ORDER BY d.deadline_at LIMIT :limit"
    )
    rows = session.execute(text(sql), {"now": at, "limit": limit}).all()
    officers = F.officer_now(session, [r[0] for r in rows], at)
    names = {u.username: u.full_name for u in session.scalars(select(User))}
    out = []
    for did, code, proc, deadline, received in rows:
        due = datetime.fromisoformat(deadline)
        officer = officers.get(did, "")
        out.append(
            {
                "id": did,
                "code": code,
                "procedure": proc,
                "received_at": received,
                "deadline_at": deadline,
                "days_overdue": (now.date() - due.date()).days,
                "officer": officer,
                "officer_name": names.get(officer, officer) or UNLABELLED_VI,
            }
        )
    return out


def check_kind(kind: str, by: str) -> tuple[Kind, F.Breakdown]:
    if kind not in KINDS:
        raise ValidationError(
            f"Unknown report kind {kind!r}: one of {', '.join(KINDS)}.",
            "Loại báo cáo không hợp lệ.",
            field="kind",
        )
    if by not in F.BREAKDOWNS:
        raise ValidationError(
            f"Unknown breakdown {by!r}: one of {', '.join(F.BREAKDOWNS)}.",
            "Cách chia báo cáo không hợp lệ.",
            field="by",
        )
    return kind, by


def compute(
    session: Session, kind: str, period: Period, by: str = "unit", now: datetime | None = None
) -> Report:
    """The report of ``kind`` for ``period`` by ``by`` (unit, field, procedure or officer), within ``session``."""
    k, b = check_kind(kind, by)
    now = (now or datetime.now()).replace(microsecond=0)
    window = F.Window.of(period, now)
    columns = _columns(k)
    rows, total = _figures(session, k, period, b, now)
    targets = targets_for(session, target_year(period))
    ratios = _ratios(k, total, targets)
    report = Report(
        kind=k,
        period=period,
        by=b,
        unit=_unit_info(session),
        generated_at=now,
        as_of=window.cut,
        columns=columns,
        rows=[_select(r, columns) for r in rows],
        total=_select(total, columns),
        ratios=ratios,
    )
    if k == "weekly":
        before = period.previous()
        _, prev_total = _figures(session, k, before, "unit", now)
        report.previous = _select(prev_total, columns)
        report.previous_period = before
        report.overdue_now = overdue_now(session, now)
    return report


def build_report(
    db: Database, kind: str, period: Period, by: str = "unit", now: datetime | None = None
) -> Report:
    """Compute a report in one read transaction (a consistent snapshot of the database)."""
    with db.session() as session:
        return compute(session, kind, period, by, now)


def breakdown_label(by: str) -> str:
    return BREAKDOWN_LABEL_VI[by]


@dataclass(frozen=True)
class TrendPoint:
    """One period of a trend chart: received, finished early or on time, and late (II.06a totals)."""

    period: Period
    received: int
    on_time: int
    late: int


def trend(db: Database, last: Period, count: int = 12, now: datetime | None = None) -> list[TrendPoint]:
    """II.06a totals for ``count`` periods of ``last``'s kind ending with it, oldest first."""
    from desk_app.domain.periods import trailing_periods

    points = []
    with db.session() as session:
        for period in trailing_periods(last, count):
            v = compute(session, "ii06a", period, "unit", now).total.values
            points.append(
                TrendPoint(
                    period,
                    int(v["received.total"] or 0),
                    int(v["resolved.early"] or 0) + int(v["resolved.on_time"] or 0),
                    int(v["resolved.late"] or 0),
                )
            )
    return points
