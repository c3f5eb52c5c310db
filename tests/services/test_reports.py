"""Reports on a hand-made dataset: every figure counted by hand (tests/services/report_cases.py)."""

from __future__ import annotations

from typing import Any

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.periods import parse_period
from desk_app.services.reports import drill
from desk_app.services.reports.report import build_report, help_given
from desk_app.services.reports.targets import list_targets, parse_value, set_target
from tests.services import report_cases as rc


@pytest.fixture
def cases(unit_db: Any) -> dict[str, int]:
    return rc.build(unit_db)


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("received", "resolved", "in_progress")}


def test_ii06a_total_by_hand(unit_db: Any, cases: dict[str, int]) -> None:
    """14th/15th boundary, carried over, resolved before (out), after (out), 2 supplements, extension, late."""
    r = build_report(unit_db, "ii06a", parse_period(rc.PERIOD), now=rc.NOW).to_dict()
    assert r["kind"] == "ii06a"
    assert r["period"]["from"] == "2026-09-15" and r["period"]["to"] == "2026-10-14"
    assert _strip(r["total"]) == rc.II06A_TOTAL
    assert r["complete"] is True
    assert [_strip(row) for row in r["rows"]] == [rc.II06A_TOTAL]  # one unit


def test_ii06a_by_field(unit_db: Any, cases: dict[str, int]) -> None:
    r = build_report(unit_db, "ii06a", parse_period(rc.PERIOD), "field", now=rc.NOW).to_dict()
    assert {row["key"]: _strip(row) for row in r["rows"]} == rc.II06A_BY_FIELD


def test_ii06a_by_officer_uses_the_handover_before_the_end(unit_db: Any, cases: dict[str, int]) -> None:
    """D8 was handed to hung.nv in the period; D9 only after it, so it stays with the receiving clerk."""
    r = build_report(unit_db, "ii06a", parse_period(rc.PERIOD), "officer", now=rc.NOW).to_dict()
    rows = {row["key"]: row for row in r["rows"]}
    assert set(rows) == {"clerk1", "hung.nv"}
    assert rows["hung.nv"]["received"]["total"] == 1
    assert rows["hung.nv"]["in_progress"] == {"total": 1, "on_time": 0, "overdue": 1}
    assert rows["clerk1"]["received"]["total"] == 9


def test_calendar_convention_moves_the_window(unit_db: Any, cases: dict[str, int]) -> None:
    """Calendar October (1/10–31/10): D8, D9, D12 received, D4 too; D10 and D11-era dossiers carried."""
    r = build_report(unit_db, "ii06a", parse_period(rc.PERIOD, calendar_periods=True), now=rc.NOW).to_dict()
    total = r["total"]
    assert r["period"]["from"] == "2026-10-01"
    # received in October: D4 (15/10), D8, D9, D12; open on 01/10: D10 only
    assert total["received"] == {"total": 5, "online": 1, "direct_postal": 3, "carried_over": 1}


def test_as_of_now_while_the_period_runs(unit_db: Any, cases: dict[str, int]) -> None:
    """On 13/10 12:00 D12 is not yet overdue (due 14/10); the report says it is not complete."""
    from datetime import datetime

    rep = build_report(unit_db, "ii06a", parse_period(rc.PERIOD), now=datetime(2026, 10, 13, 12, 0))
    r = rep.to_dict()
    assert r["complete"] is False and r["as_of"] == "2026-10-13T12:00"
    assert "tính đến 12:00 ngày 13/10/2026" in rep.as_of_note_vi
    # D12 received 13/10 09:00 is in; D8 (due 06/10) and D10 overdue, D9 and D12 in time
    assert r["total"]["in_progress"] == {"total": 4, "on_time": 2, "overdue": 2}


def test_counter_report_by_hand(unit_db: Any, cases: dict[str, int]) -> None:
    r = build_report(unit_db, "counter", parse_period(rc.PERIOD), now=rc.NOW).to_dict()
    for key, value in rc.COUNTER_TOTAL.items():
        assert r["total"][key] == value, key
    assert r["total"]["help_given"] is None  # no data while the assist capability is absent


def test_quality_by_hand(unit_db: Any, cases: dict[str, int]) -> None:
    r = build_report(unit_db, "quality", parse_period(rc.PERIOD), now=rc.NOW).to_dict()
    for key, value in rc.QUALITY_TOTAL.items():
        assert r["total"][key] == pytest.approx(value), key
    defs = {d["code"] for d in r["definitions"]}
    assert {"on_time_rate", "satisfaction"} <= defs


def test_targets_gap_and_miss(unit_db: Any, cases: dict[str, int]) -> None:
    set_target(unit_db, 2026, "online_payment_share", parse_value("60%"), "QĐ tỉnh")
    set_target(unit_db, 2026, "on_time_rate", parse_value("0.4"))
    assert [(t.indicator, t.value) for t in list_targets(unit_db, 2026)] == [
        ("on_time_rate", 0.4),
        ("online_payment_share", 0.6),
    ]
    r = build_report(unit_db, "quality", parse_period(rc.PERIOD), now=rc.NOW).to_dict()
    ratios = {x["code"]: x for x in r["ratios"]}
    pay = ratios["online_payment_share"]
    assert (pay["value"], pay["target"], pay["gap"], pay["missed"]) == (0.5, 0.6, -0.1, True)
    assert (pay["numerator"], pay["denominator"]) == (1, 2)
    on_time = ratios["on_time_rate"]
    assert on_time["missed"] is False and on_time["gap"] == pytest.approx(0.1)
    assert ratios["reuse_rate"]["target"] is None and ratios["reuse_rate"]["missed"] is None


def test_target_validation(unit_db: Any) -> None:
    with pytest.raises(ValidationError):
        set_target(unit_db, 2026, "no_such_ratio", 0.5)
    with pytest.raises(ValidationError):
        parse_value("150%")
    with pytest.raises(ValidationError):
        parse_value("abc")
    assert parse_value("60") == 0.6 and parse_value("0,75") == 0.75


def test_weekly_compares_with_the_previous_week(unit_db: Any, cases: dict[str, int]) -> None:
    """Week 40 (28/09–04/10) against week 39 (21/09–27/09)."""
    r = build_report(unit_db, "weekly", parse_period("2026-W40"), now=rc.NOW).to_dict()
    assert r["previous"]["period"]["from"] == "2026-09-21"
    # week 39 received D5 D6 D7 D11; week 40 received D8
    assert r["previous"]["total"]["received_total"] == 4 and r["total"]["received_total"] == 1
    assert r["changes"]["received_total"] == -3
    overdue = {o["code"] for o in r["overdue_now"]}
    ids = {rc.CASES[n].get("code", f"001.05.12.H49-260915-{i:04d}") for i, n in enumerate(rc.CASES, 1)}
    assert overdue <= ids
    by_code = {o["code"]: o for o in r["overdue_now"]}
    d8 = "001.05.12.H49-260915-0008"
    assert by_code[d8]["officer"] == "hung.nv"  # D8's deadline passed, it sits with hung.nv


@pytest.mark.parametrize(
    ("figure", "names"),
    [
        ("resolved.late", {"D5", "D6", "D7"}),
        ("resolved.on_time", {"D1", "D11"}),
        ("in_progress.on_time", {"D9", "D12"}),
        ("received.carried_over", {"D1", "D10"}),
        ("overdue", {"D5", "D6", "D7", "D8", "D10"}),
        ("supplemented", {"D5", "D11", "D12"}),
        ("online_payment_share", {"D2"}),
        ("guided", {"D13"}),
    ],
)
def test_drill_down_lists_the_dossiers_behind_a_figure(
    unit_db: Any, cases: dict[str, int], figure: str, names: set[str]
) -> None:
    refs = drill.drill_down(unit_db, parse_period(rc.PERIOD), "unit", None, figure, now=rc.NOW)
    assert {r.id for r in refs} == {cases[n] for n in names}


def test_drill_down_count_matches_every_figure_of_every_row(unit_db: Any, cases: dict[str, int]) -> None:
    period = parse_period(rc.PERIOD)
    for by, kind in (("field", "ii06a"), ("officer", "ii06a"), ("field", "counter"), ("unit", "counter")):
        rep = build_report(unit_db, kind, period, by, now=rc.NOW)
        for row in [*rep.rows, rep.total]:
            for code in rep.columns:
                if code in ("help_given",) or code.endswith("_share"):
                    continue
                key = row.key if row is not rep.total else None
                with unit_db.session() as s:
                    ids = drill.dossier_ids(s, period, by, key, code, now=rc.NOW)
                assert len(ids) == row.values[code], (by, row.key, code)


def test_help_given_is_no_data_without_the_assist_module(unit_db: Any) -> None:
    from datetime import date

    with unit_db.session() as s:
        assert help_given(s, date(2026, 1, 1), date(2026, 1, 31)) is None


def test_help_given_comes_from_the_assist_module_when_it_exists(
    unit_db: Any, cases: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.services.reports import report as report_module
    from tests.services import fake_assist_counts

    monkeypatch.setattr(report_module, "ASSIST_MODULE", "tests.services.fake_assist_counts")
    r = build_report(unit_db, "counter", parse_period(rc.PERIOD), now=rc.NOW).to_dict()
    assert r["total"]["help_given"] == 7
    assert fake_assist_counts.CALLS[-1][0].isoformat() == "2026-09-15"
