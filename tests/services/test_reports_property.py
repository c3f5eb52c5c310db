"""Reports over generated data (the demo generator, several seeds): identities on every row, rows adding up
to the total for every breakdown, and II.06a equal to a plain per-dossier count through domain.lateness."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desk_app.demo.commune import build_demo
from desk_app.domain.lateness import dossier_timeliness, pause_minutes
from desk_app.domain.periods import Period, parse_period
from desk_app.services.reports.report import build_report
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store.db import Database, open_database
from desk_app.store.models import Dossier

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 10, 0)
PERIODS = ["2026-10", "2026-11", "2026-Q4", "2026-W44", "2026-08-01..2026-10-31"]
COUNT_KEYS = ("received", "resolved", "in_progress")


@pytest.fixture(scope="module", params=[3, 11, 29])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp(f"demo{request.param}") / "data")
    build_demo(database, dossiers=300, seed=request.param, today=TODAY)
    yield database
    database.close()


def _identities(row: dict[str, Any]) -> None:
    rec, res, prog = row["received"], row["resolved"], row["in_progress"]
    assert rec["total"] == rec["online"] + rec["direct_postal"] + rec["carried_over"], row
    assert rec["total"] == res["total"] + prog["total"], row
    assert res["total"] == res["early"] + res["on_time"] + res["late"], row
    assert prog["total"] == prog["on_time"] + prog["overdue"], row


def _oracle(db: Database, period: Period, now: datetime) -> dict[str, dict[str, int]]:
    """II.06a counted dossier by dossier in Python, straight from the rules."""
    start = datetime.combine(period.start, time(0, 0))
    end = datetime.combine(period.end + timedelta(days=1), time(0, 0))
    cut = min(now, end)
    tally: Counter[str] = Counter()
    with db.session() as s:
        cal = calendar_from_session(s)
        for d in s.scalars(select(Dossier).options(selectinload(Dossier.supplements))):
            if d.code is None or d.received_at >= end:
                continue
            if d.received_at < start and d.finished_at is not None and d.finished_at < start:
                continue
            tally["received.total"] += 1
            if d.received_at < start:
                tally["received.carried_over"] += 1
            elif d.channel == "online":
                tally["received.online"] += 1
            else:
                tally["received.direct_postal"] += 1
            if d.finished_at is not None and d.finished_at < end:
                tally["resolved.total"] += 1
                verdict = dossier_timeliness(
                    due_at=d.due_at,
                    paused_minutes=d.paused_minutes,
                    supplement_count=d.supplement_count,
                    finished_at=d.finished_at,
                    now=cut,
                    calendar=cal,
                )
                tally[f"resolved.{verdict or 'on_time'}"] += 1
            else:
                tally["in_progress.total"] += 1
                asked = [e for e in d.supplements if e.stage != "intake" and e.requested_at < cut]
                closed = sum(
                    pause_minutes(e.requested_at, e.received_at, cal)
                    for e in asked
                    if e.received_at is not None and e.received_at < cut
                )
                pending = next(
                    (e.requested_at for e in asked if e.received_at is None or e.received_at >= cut), None
                )
                verdict = dossier_timeliness(
                    due_at=d.due_at,
                    paused_minutes=closed,
                    supplement_count=len(asked),
                    finished_at=None,
                    now=cut,
                    calendar=cal,
                    pending_pause_since=pending,
                )
                tally["in_progress.overdue" if verdict == "late" else "in_progress.on_time"] += 1
    out: dict[str, dict[str, int]] = {"received": {}, "resolved": {}, "in_progress": {}}
    for group, names in (
        ("received", ("total", "online", "direct_postal", "carried_over")),
        ("resolved", ("total", "early", "on_time", "late")),
        ("in_progress", ("total", "on_time", "overdue")),
    ):
        out[group] = {n: tally[f"{group}.{n}"] for n in names}
    return out


@pytest.mark.parametrize("code", PERIODS)
def test_ii06a_equals_a_per_dossier_count(demo: Database, code: str) -> None:
    period = parse_period(code)
    r = build_report(demo, "ii06a", period, now=NOW).to_dict()
    assert {k: r["total"][k] for k in COUNT_KEYS} == _oracle(demo, period, NOW)
    assert r["total"]["received"]["total"] > 0


@pytest.mark.parametrize("by", ["unit", "field", "procedure", "officer"])
def test_identities_and_rows_add_up(demo: Database, by: str) -> None:
    for code in PERIODS[:3]:
        for convention in (False, True):
            period = parse_period(code, calendar_periods=convention)
            for kind in ("ii06a", "counter"):
                rep = build_report(demo, kind, period, by, now=NOW)
                r = rep.to_dict()
                if kind == "ii06a":
                    for row in [*r["rows"], r["total"]]:
                        _identities(row)
                for col in rep.columns:
                    if col.endswith("_share") or col == "help_given":
                        continue
                    assert sum(int(row.values[col] or 0) for row in rep.rows) == rep.total.values[col], col
                assert len({row.key for row in rep.rows}) == len(rep.rows)


def test_weekly_and_quality_ratios_are_between_0_and_1(demo: Database) -> None:
    for kind in ("quality", "weekly", "counter"):
        r = build_report(demo, kind, parse_period("2026-W46"), now=NOW).to_dict()
        for ratio in r["ratios"]:
            assert ratio["value"] is None or 0 <= ratio["value"] <= 1, ratio


def test_weekly_figures_equal_the_full_reports(demo: Database) -> None:
    """The weekly one-pager counts only its figures, and they are the counter's and quality's numbers."""
    period = parse_period("2026-Q4")
    weekly = build_report(demo, "weekly", period, now=NOW)
    counter = build_report(demo, "counter", period, now=NOW).total.values
    ii06a = build_report(demo, "ii06a", period, now=NOW).total.values
    quality = {r.code: r.value for r in build_report(demo, "quality", period, now=NOW).ratios}
    for code, value in weekly.total.values.items():
        assert value == (ii06a[code] if "." in code else counter[code]), code
    for ratio in weekly.ratios:
        assert ratio.value == quality[ratio.code], ratio.code


@pytest.mark.parametrize("code", ["2026-W46", "2026-11", "2026-Q4", "2026"])
def test_weekly_previous_equals_the_report_of_the_period_before(demo: Database, code: str) -> None:
    """Short periods count the period before in the same scan, long ones in a second: both give its report."""
    period = parse_period(code)
    weekly = build_report(demo, "weekly", period, now=NOW)
    before = build_report(demo, "weekly", period.previous(), now=NOW)
    assert weekly.previous is not None
    assert weekly.previous.values == before.total.values


def test_two_windows_in_one_scan_equal_two_scans(demo: Database) -> None:
    """count_many over a week and the week before gives what two separate counts give, for every figure."""
    from desk_app.services.reports import figures as F

    populations: list[Any] = ["ii06a", "received", "finished", "returned", "supplemented"]
    windows = [F.Window.of(parse_period(c), NOW) for c in ("2026-W45", "2026-W44", "2026-10")]
    with demo.session() as s:
        cal = calendar_from_session(s)
        together = F.count_many(s, populations, "field", windows, cal)
        apart = [F.count(s, populations, "field", w, cal) for w in windows]
    assert together == apart


def test_trend_equals_one_report_per_period(demo: Database) -> None:
    from desk_app.domain.periods import trailing_periods
    from desk_app.services.reports.trend import trend

    last = parse_period("2026-11")
    points = trend(demo, last, 6, now=NOW)
    assert [p.period for p in points] == trailing_periods(last, 6)
    for point in points:
        v = build_report(demo, "ii06a", point.period, now=NOW).total.values
        assert (point.received, point.on_time, point.late) == (
            v["received.total"],
            v["resolved.early"] + v["resolved.on_time"],
            v["resolved.late"],
        )
