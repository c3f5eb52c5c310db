"""Report periods (domain.periods): the §5.2 cut-off windows, calendar periods, ISO weeks, ranges."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.periods import Period, parse_period, period_containing, trailing_periods


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("code", "kind", "start", "end"),
    [
        ("2026-09", "month", "2026-08-15", "2026-09-14"),
        ("2026-01", "month", "2025-12-15", "2026-01-14"),
        ("2026-Q1", "quarter", "2025-12-15", "2026-03-14"),
        ("2026-Q3", "quarter", "2026-06-15", "2026-09-14"),
        ("2026-H1", "half", "2025-12-15", "2026-06-14"),
        ("2026-H2", "half", "2026-06-15", "2026-12-14"),
        ("2026-9M", "nine_months", "2025-12-15", "2026-09-14"),
        ("2026", "year", "2025-12-15", "2026-12-14"),
        ("2026-W38", "week", "2026-09-14", "2026-09-20"),
        ("2026-W01", "week", "2025-12-29", "2026-01-04"),
        ("2026-07-01..2026-09-30", "range", "2026-07-01", "2026-09-30"),
    ],
)
def test_reporting_convention(code: str, kind: str, start: str, end: str) -> None:
    """Month = 15th of the previous month .. 14th; year 15/12 .. 14/12 (NĐ 09/2019 Đ.12); ISO weeks."""
    p = parse_period(code)
    assert (p.kind, p.start, p.end, p.convention) == (kind, d(start), d(end), "reporting")


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026-02", "2026-02-01", "2026-02-28"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2026-Q4", "2026-10-01", "2026-12-31"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-9M", "2026-01-01", "2026-09-30"),
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-W38", "2026-09-14", "2026-09-20"),
    ],
)
def test_calendar_convention(code: str, start: str, end: str) -> None:
    p = parse_period(code, calendar_periods=True)
    assert (p.start, p.end, p.convention) == (d(start), d(end), "calendar")


def test_reporting_months_tile_the_year() -> None:
    """Twelve reporting months are contiguous and make up the reporting year exactly."""
    months = [parse_period(f"2026-{m:02d}") for m in range(1, 13)]
    year = parse_period("2026")
    assert months[0].start == year.start and months[-1].end == year.end
    for a, b in itertools.pairwise(months):
        assert (b.start - a.end).days == 1
    assert sum(m.days for m in months) == year.days


@pytest.mark.parametrize(
    ("code", "prev"),
    [
        ("2026-01", "2025-12"),
        ("2026-Q1", "2025-Q4"),
        ("2026-Q3", "2026-Q2"),
        ("2026-H1", "2025-H2"),
        ("2026-9M", "2025-9M"),
        ("2026", "2025"),
        ("2026-W01", "2025-W52"),
        ("2021-W01", "2020-W53"),
        ("2026-07-01..2026-07-10", "2026-06-21..2026-06-30"),
    ],
)
def test_previous(code: str, prev: str) -> None:
    assert parse_period(code).previous() == parse_period(prev)


def test_previous_keeps_the_convention_and_next_inverts_it() -> None:
    p = parse_period("2026-03", calendar_periods=True)
    assert p.previous() == parse_period("2026-02", calendar_periods=True)
    for code in ("2026-03", "2026-Q4", "2026-H2", "2026", "2026-W52", "2026-01-01..2026-01-05"):
        q = parse_period(code)
        assert q.previous().next() == q


def test_labels_and_dates() -> None:
    assert parse_period("2026-Q3").label_vi() == "Quý III năm 2026"
    assert parse_period("2026-09").label_vi() == "Tháng 9 năm 2026"
    assert parse_period("2026-H1").label_vi() == "6 tháng đầu năm 2026"
    assert parse_period("2026-H2").label_vi() == "6 tháng cuối năm 2026"
    assert parse_period("2026-9M").label_vi() == "9 tháng năm 2026"
    assert parse_period("2026").label_vi() == "Năm 2026"
    assert parse_period("2026-W38").label_vi() == "Tuần 38 năm 2026"
    assert parse_period("2026-09").dates_vi() == "Từ ngày 15/08/2026 đến ngày 14/09/2026"
    assert parse_period("2026-09").to_dict() == {
        "code": "2026-09",
        "kind": "month",
        "from": "2026-08-15",
        "to": "2026-09-14",
        "convention": "reporting",
    }


def test_completion_and_cutoff() -> None:
    p = parse_period("2026-09")
    assert not p.is_complete(d("2026-09-14"))
    assert p.is_complete(d("2026-09-15"))
    assert p.cutoff_day == d("2026-09-14")
    assert parse_period("2026-09", calendar_periods=True).cutoff_day is None
    assert parse_period("2026-W38").cutoff_day is None


@pytest.mark.parametrize(
    ("day", "kind", "code"),
    [
        ("2026-12-01", "month", "2026-12"),
        ("2026-12-14", "month", "2026-12"),
        ("2026-12-15", "month", "2027-01"),
        ("2026-12-20", "year", "2027"),
        ("2026-06-15", "quarter", "2026-Q3"),
        ("2026-06-14", "half", "2026-H1"),
        ("2026-09-16", "week", "2026-W38"),
    ],
)
def test_period_containing(day: str, kind: str, code: str) -> None:
    p = period_containing(kind, d(day))  # type: ignore[arg-type]
    assert p == parse_period(code) and p.contains(d(day))


def test_trailing_periods() -> None:
    months = trailing_periods(parse_period("2026-03"), 12)
    assert [m.code for m in months][:2] == ["2025-04", "2025-05"] and months[-1].code == "2026-03"


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-Q5", "2026-W54", "2026-H3", "26", "2026-02-30..2026-03-01", "x", ""]
)
def test_bad_codes(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_period(text)
    assert "Kỳ báo cáo" in err.value.vi


def test_range_backwards() -> None:
    with pytest.raises(ValidationError):
        parse_period("2026-09-30..2026-07-01")


def test_period_is_frozen_and_hashable() -> None:
    p = parse_period("2026-Q3")
    assert isinstance(p, Period) and {p: 1}[parse_period("2026-q3")] == 1
