"""The computed report: one object that the GUI, the exports, the CLI and the sync all read.

``build_report(db, kind, period, by)`` counts the figures once (services.reports.figures) and returns a
Report: rows by the breakdown, the total (the sum of the rows for every count), the ratios of the total
against the year's targets, the definitions of every figure, and for the weekly one-pager the previous
period and what is overdue now. ``Report.to_dict()`` is the JSON contract of ``desk-app report``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.indicators import (
    BREAKDOWN_LABEL_VI,
    COUNTER,
    COUNTER_RATIOS,
    QUALITY,
)
from desk_app.domain.periods import Period
from desk_app.services.reports import figures as F
from desk_app.services.reports.model import KINDS, Kind, Ratio, Report, Row, Value
from desk_app.services.reports.overdue import UNLABELLED_VI, overdue_now
from desk_app.services.reports.targets import targets_for
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store.db import Database
from desk_app.store.models import Procedure, Unit
from desk_app.store.models_auth import User

__all__ = [
    "KINDS",
    "Kind",
    "Ratio",
    "Report",
    "Row",
    "Value",
    "build_report",
    "check_kind",
    "compute",
    "count_rows",
    "help_given",
    "overdue_now",
    "target_year",
]

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
# Periods shorter than this (weeks, months) are counted with the period before them in one scan.
ONE_SCAN_DAYS = 45
WEEKLY_RATIOS = ("on_time_rate", "online_share", "satisfaction")
WEEKLY_RATIO_PARTS = {"received_online", "returned_total", "dissatisfied"}


def _ratio(num: Value, den: Value) -> float | None:
    if num is None or not den:
        return None
    return round(float(num) / float(den), 6)


def help_given(session: Session, start: date, end: date) -> int | None:
    """Portal-account help given in the period, as the citizen-help log (services.assist) counts it."""
    from desk_app.services.assist import counts

    return int(counts.help_given(session, start, end))


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


def count_rows(
    session: Session, kind: Kind, periods: list[Period], by: F.Breakdown, now: datetime
) -> list[dict[str, dict[str, Value]]]:
    """The counted figures of each period, by key (several periods in one scan)."""
    windows = [F.Window.of(p, now) for p in periods]
    calendar = calendar_from_session(session)
    populations: list[F.Population] = ["ii06a"]
    if kind != "ii06a":
        populations += ["received", "finished", "returned", "supplemented"]
    # The weekly one-pager needs only its own figures (and what its three ratios divide).
    codes = set(F.II06A_CODES) | set(WEEKLY) | WEEKLY_RATIO_PARTS if kind == "weekly" else None
    zero: dict[str, Value] = {f.code: 0 for f in F.FIGURES if f.population in populations}
    out: list[dict[str, dict[str, Value]]] = []
    for counted in F.count_many(session, populations, by, windows, calendar, codes):
        rows: dict[str, dict[str, Value]] = {}
        for key, values in counted.items():
            rows.setdefault(key, dict(zero)).update(values)
        out.append(rows)
    return out


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
    session: Session,
    kind: Kind,
    period: Period,
    by: F.Breakdown,
    now: datetime,
    previous: Period | None = None,
) -> tuple[list[Row], Row, Row | None]:
    """Rows and total of ``period``; with ``previous``, also that period's total (counted in the same scan
    when the two periods are adjacent and short: over longer ones every row would be judged for both periods,
    and two scans cost less, e.g. a year and the year before)."""
    before: dict[str, dict[str, Value]] | None = None
    short = (period.end - period.start).days < ONE_SCAN_DAYS
    if previous is not None and short and previous.end + timedelta(days=1) == period.start:
        counted, before = count_rows(session, kind, [period, previous], by, now)
    else:
        counted = count_rows(session, kind, [period], by, now)[0]
        before = count_rows(session, kind, [previous], by, now)[0] if previous is not None else None
    rows, total = _rows_and_total(session, kind, period, by, now, counted)
    prev_total = None
    if previous is not None and before is not None:
        _, prev_total = _rows_and_total(session, kind, previous, by, now, before)
    return rows, total, prev_total


def _rows_and_total(
    session: Session,
    kind: Kind,
    period: Period,
    by: F.Breakdown,
    now: datetime,
    counted: dict[str, dict[str, Value]],
) -> tuple[list[Row], Row]:
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
        inds = {i.code: i for i in QUALITY if i.code in WEEKLY_RATIOS}
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
    before = period.previous() if k == "weekly" else None
    rows, total, prev_total = _figures(session, k, period, b, now, before)
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
        assert before is not None and prev_total is not None
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
