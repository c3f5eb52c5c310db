"""Working-day calendar and due dates (domain.calendar): weekends, Tết, make-up days, cut-off, units."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desk_app.domain.calendar import Override, OverrideKind, TimeUnit, WorkingCalendar


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def dt(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


class TestWorkingDays:
    def test_weekend_is_skipped_and_time_of_day_kept(self, cal: WorkingCalendar) -> None:
        """Friday + 1 working day is Monday at the same time."""
        assert cal.due_at(dt("2026-03-06 10:15"), 1, TimeUnit.WORKING_DAYS) == dt("2026-03-09 10:15")

    def test_tet_2026_is_off(self, cal: WorkingCalendar) -> None:
        """16–20/02/2026 (giao thừa + mùng 1–4) are days off."""
        for day in range(16, 21):
            assert not cal.is_working_day(date(2026, 2, day)), day
        assert cal.is_working_day(date(2026, 2, 13))
        assert cal.is_working_day(date(2026, 2, 23))

    def test_due_date_across_tet(self, cal: WorkingCalendar) -> None:
        """Thu 12/02 + 3 working days: Fri 13, Mon 23, Tue 24."""
        assert cal.due_at(dt("2026-02-12 09:00"), 3, TimeUnit.WORKING_DAYS) == dt("2026-02-24 09:00")

    def test_package_makeup_saturday_is_a_working_day(self, cal: WorkingCalendar) -> None:
        """The package swaps Mon 31/8/2026 off for Sat 22/8/2026 worked (ngày làm bù)."""
        assert cal.is_working_day(date(2026, 8, 22))
        assert not cal.is_working_day(date(2026, 8, 31))
        assert not cal.is_working_day(date(2026, 9, 1)) and not cal.is_working_day(date(2026, 9, 2))
        assert cal.due_at(dt("2026-08-21 10:00"), 1, TimeUnit.WORKING_DAYS) == dt("2026-08-22 10:00")
        # Fri 28/8 + 1: Sat 29, Sun 30 rest, Mon 31 swapped off, 1–2/9 National Day: Thu 3/9.
        assert cal.due_at(dt("2026-08-28 10:00"), 1, TimeUnit.WORKING_DAYS) == dt("2026-09-03 10:00")

    def test_override_makeup_saturday(self) -> None:
        """An admin's make-up Saturday counts as a working day."""
        cal = WorkingCalendar([Override(date(2026, 3, 14), OverrideKind.WORKDAY, "Làm bù")])
        assert cal.due_at(dt("2026-03-13 10:00"), 1, TimeUnit.WORKING_DAYS) == dt("2026-03-14 10:00")
        assert WorkingCalendar().due_at(dt("2026-03-13 10:00"), 1, TimeUnit.WORKING_DAYS) == dt(
            "2026-03-16 10:00"
        )

    def test_override_day_off(self) -> None:
        cal = WorkingCalendar([Override(date(2026, 3, 11), OverrideKind.OFF, "Nghỉ bù")])
        assert cal.due_at(dt("2026-03-10 10:00"), 1, TimeUnit.WORKING_DAYS) == dt("2026-03-12 10:00")
        assert cal.holiday_name(date(2026, 3, 11)) == "Nghỉ bù"

    def test_override_off_beats_package_makeup_day(self) -> None:
        cal = WorkingCalendar([Override(date(2026, 8, 22), OverrideKind.OFF, "Hủy làm bù")])
        assert not cal.is_working_day(date(2026, 8, 22))

    def test_van_hoa_day_24_11_2026(self, cal: WorkingCalendar) -> None:
        """Ngày Văn hóa Việt Nam, Tue 24/11/2026, is a day off."""
        assert not cal.is_working_day(date(2026, 11, 24))
        assert cal.due_at(dt("2026-11-23 10:00"), 1, TimeUnit.WORKING_DAYS) == dt("2026-11-25 10:00")

    def test_real_slip_dong_thap_2019(self, cal: WorkingCalendar) -> None:
        """A real slip: received 08:37 20/11/2019, 25 working days, due 08:37 25/12/2019 (domain.md §7.4)."""
        assert cal.due_at(dt("2019-11-20 08:37"), 25, TimeUnit.WORKING_DAYS) == dt("2019-12-25 08:37")

    def test_working_days_between(self, cal: WorkingCalendar) -> None:
        assert cal.working_days_between(date(2026, 2, 12), date(2026, 2, 24)) == 3
        assert cal.working_days_between(date(2026, 2, 24), date(2026, 2, 12)) == -3
        assert cal.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0

    def test_days_in_year_lists_the_swaps(self, cal: WorkingCalendar) -> None:
        rows = {d: kind for d, kind, _ in cal.days_in_year(2026)}
        assert rows[date(2026, 8, 22)] == "workday"
        assert rows[date(2026, 8, 31)] == "off"
        assert rows[date(2026, 2, 17)] == "off"


class TestCutoff:
    def test_1459_counts_today(self, cal: WorkingCalendar) -> None:
        assert cal.due_at(dt("2026-03-02 14:59"), 1, TimeUnit.WORKING_DAYS) == dt("2026-03-03 14:59")
        assert cal.due_at(dt("2026-03-02 14:59"), 0, TimeUnit.SAME_DAY) == dt("2026-03-02 17:00")

    def test_1500_counts_from_next_working_day(self, cal: WorkingCalendar) -> None:
        assert cal.due_at(dt("2026-03-02 15:00"), 1, TimeUnit.WORKING_DAYS) == dt("2026-03-04 07:30")
        assert cal.due_at(dt("2026-03-02 15:00"), 0, TimeUnit.SAME_DAY) == dt("2026-03-03 17:00")

    def test_same_day_after_cutoff_on_friday_goes_to_monday(self, cal: WorkingCalendar) -> None:
        assert cal.due_at(dt("2026-03-06 15:30"), 0, TimeUnit.SAME_DAY) == dt("2026-03-09 17:00")

    def test_procedure_specific_cutoff_and_none(self, cal: WorkingCalendar) -> None:
        assert cal.due_at(dt("2026-03-02 16:00"), 0, TimeUnit.SAME_DAY, time(16, 30)) == dt(
            "2026-03-02 17:00"
        )
        assert cal.due_at(dt("2026-03-02 16:00"), 0, TimeUnit.SAME_DAY, None) == dt("2026-03-02 17:00")
        # Closing time still applies without a cut-off.
        assert cal.due_at(dt("2026-03-02 17:10"), 0, TimeUnit.SAME_DAY, None) == dt("2026-03-03 17:00")

    def test_received_on_a_sunday_or_before_opening(self, cal: WorkingCalendar) -> None:
        assert cal.due_at(dt("2026-03-08 09:00"), 1, TimeUnit.WORKING_DAYS) == dt("2026-03-10 07:30")
        assert cal.due_at(dt("2026-03-02 06:45"), 1, TimeUnit.WORKING_DAYS) == dt("2026-03-03 07:30")


class TestOtherUnits:
    def test_working_hours_skip_lunch_and_night(self, cal: WorkingCalendar) -> None:
        """Office hours 07:30–11:30 and 13:30–17:00."""
        assert cal.due_at(dt("2026-03-02 10:00"), 4, TimeUnit.WORKING_HOURS) == dt("2026-03-02 16:00")
        assert cal.due_at(dt("2026-03-02 14:00"), 4, TimeUnit.WORKING_HOURS) == dt("2026-03-03 08:30")
        assert cal.due_at(dt("2026-03-02 16:00"), 4, TimeUnit.WORKING_HOURS, None) == dt("2026-03-03 10:30")

    def test_in_office_hours(self, cal: WorkingCalendar) -> None:
        assert cal.in_office_hours(dt("2026-03-02 08:00"))
        assert not cal.in_office_hours(dt("2026-03-02 12:00"))
        assert not cal.in_office_hours(dt("2026-03-07 08:00"))

    def test_calendar_days_end_on_a_working_day(self, cal: WorkingCalendar) -> None:
        """30 days from Thu 02/04/2026 is Sat 02/05: moved to Mon 04/05."""
        assert cal.due_at(dt("2026-04-02 10:00"), 30, TimeUnit.DAYS) == dt("2026-05-04 10:00")

    def test_half_working_day(self, cal: WorkingCalendar) -> None:
        """0.5 working day = half of 7.5 office hours."""
        assert cal.due_at(dt("2026-03-02 08:00"), 0.5, TimeUnit.WORKING_DAYS) == dt("2026-03-02 13:45")

    def test_custom_office_hours(self) -> None:
        cal = WorkingCalendar(office_hours=((time(8, 0), time(12, 0)), (time(13, 0), time(16, 0))))
        assert cal.due_at(dt("2026-03-02 15:30"), 0, TimeUnit.SAME_DAY, None) == dt("2026-03-02 16:00")
        assert cal.due_at(dt("2026-03-02 16:00"), 0, TimeUnit.SAME_DAY, None) == dt("2026-03-03 16:00")

    def test_unknown_unit_is_refused(self, cal: WorkingCalendar) -> None:
        with pytest.raises(ValueError):
            cal.due_at(dt("2026-03-02 10:00"), 1, "fortnights")
