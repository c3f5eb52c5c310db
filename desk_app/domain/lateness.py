"""Early, on time or late: of a hand-over step, of a dossier, and the deadline clock's pauses.

Rules (``../shared/domain.md`` §2.3, §5.3, §7.4):

- The deadline clock pauses from a supplement request to the supplement's arrival; the office time spent
  waiting (``WorkingCalendar.working_time_between``) moves the due date later by as much office time.
- For reporting (QĐ 766/QĐ-TTg indicator 2.1) a dossier is on time when it finished no later than the
  original appointment (NgayHenTra) moved by those pauses. An apology with a new date does **not** make it
  on time, and more than one supplement request makes it late whatever the dates.
- "Early / on time / late" of a step or dossier (the control sheet's "Trước hạn / Đúng hạn / Quá hạn"):
  late after the due moment; on time on the due day itself (not after the due moment); early on any
  earlier day. One SQL implementation compares minutes instead, which makes "on time" a single minute;
  the day is what a clerk means by "đúng hạn". No per-step allotment is modelled: every step is compared
  with the dossier's due date.
- Extension (Mẫu 04): once only, decided before the due date in force, to a later working day, with a
  reason (NĐ 61/2018 Đ.18 carried into NĐ 118/2025). The original due date never changes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.errors import ValidationError

Timeliness = Literal["early", "on_time", "late"]
DueStatus = Literal["overdue", "due_today", "due_soon"]

TIMELINESS_LABEL_VI: dict[str, str] = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def step_result(at: datetime, due: datetime) -> Timeliness:
    """Early / on time / late of something done at ``at`` against the due moment ``due``."""
    if at > due:
        return "late"
    return "on_time" if at.date() == due.date() else "early"


def pause_minutes(requested_at: datetime, received_at: datetime, calendar: WorkingCalendar) -> int:
    """Office minutes between a supplement request and the supplement's arrival (the clock's pause)."""
    return int(calendar.working_time_between(requested_at, received_at).total_seconds() // 60)


def shift_due(due: datetime, minutes: int, calendar: WorkingCalendar) -> datetime:
    """``due`` moved later by ``minutes`` of office time (nothing to do for a zero pause)."""
    if minutes <= 0:
        return due
    return calendar.add_working_hours(due, minutes / 60)


def reporting_due(due_at: datetime, paused_minutes: int, calendar: WorkingCalendar) -> datetime:
    """The due moment reports judge against: the original appointment moved by the supplement pauses."""
    return shift_due(due_at, paused_minutes, calendar)


def late_for_reporting(supplement_count: int) -> bool:
    """More than one supplement request makes a dossier late (QĐ 766 formula 2.1)."""
    return supplement_count > 1


def dossier_timeliness(
    *,
    due_at: datetime | None,
    paused_minutes: int,
    supplement_count: int,
    finished_at: datetime | None,
    now: datetime,
    calendar: WorkingCalendar,
    pending_pause_since: datetime | None = None,
) -> Timeliness | None:
    """Early / on time / late of a dossier for reporting; None while it is unfinished and not yet late.

    ``pending_pause_since`` is when a supplement still awaited was requested: its office time up to
    ``now`` counts as paused too.
    """
    if due_at is None:
        return None
    if late_for_reporting(supplement_count):
        return "late"
    paused = paused_minutes
    if finished_at is None and pending_pause_since is not None:
        paused += pause_minutes(pending_pause_since, now, calendar)
    due = reporting_due(due_at, paused, calendar)
    if finished_at is not None:
        return step_result(finished_at, due)
    return "late" if now > due else None


def soon_horizon(now: datetime, calendar: WorkingCalendar, working_days: int) -> datetime:
    """The end of the "due soon" window: midnight after the ``working_days``-th working day after today."""
    last = calendar.add_working_days(now.date(), max(working_days, 0))
    return datetime.combine(last + timedelta(days=1), time(0, 0))


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0, 0))
    return start, start + timedelta(days=1)


def due_status(
    deadline: datetime | None, now: datetime, calendar: WorkingCalendar, soon_days: int
) -> DueStatus | None:
    """Which deadline queue a dossier whose clock runs belongs to: overdue, due today, due soon, or none."""
    if deadline is None:
        return None
    if deadline < now:
        return "overdue"
    _, tomorrow = day_bounds(now.date())
    if deadline < tomorrow:
        return "due_today"
    if deadline < soon_horizon(now, calendar, soon_days):
        return "due_soon"
    return None


def check_extension(
    *,
    at: datetime,
    deadline: datetime | None,
    already_extended: bool,
    new_due: datetime | None,
    reason: str,
    calendar: WorkingCalendar,
) -> datetime:
    """Validate an extension (Mẫu 04) decided at ``at``; return the new due moment.

    ``deadline`` is the due date in force (the original appointment moved by supplement pauses).
    """
    if already_extended:
        raise ValidationError(
            "This dossier was extended already: an extension is allowed only once.",
            "Hồ sơ đã được gia hạn một lần; chỉ được hẹn lại một lần.",
            field="new_due",
        )
    if not reason.strip():
        raise ValidationError(
            "Give the reason for the delay.", "Cần ghi lý do chậm trả kết quả.", field="reason"
        )
    if new_due is None:
        raise ValidationError("Give the new due date.", "Cần nhập ngày hẹn trả mới.", field="new_due")
    if deadline is None:
        raise ValidationError(
            "This dossier has no due date to extend.",
            "Hồ sơ không có ngày hẹn trả để gia hạn.",
            field="new_due",
        )
    if at >= deadline:
        raise ValidationError(
            f"The due date {deadline:%d/%m/%Y %H:%M} has passed: the apology must be sent before it.",
            f"Đã quá hạn ({deadline:%H:%M %d/%m/%Y}): văn bản xin lỗi, gia hạn phải gửi trước ngày hẹn trả.",
            field="new_due",
        )
    if new_due <= deadline:
        raise ValidationError(
            f"The new due date must be after {deadline:%d/%m/%Y %H:%M}.",
            f"Ngày hẹn trả mới phải sau {deadline:%H:%M %d/%m/%Y}.",
            field="new_due",
        )
    if not calendar.is_working_day(new_due.date()):
        raise ValidationError(
            f"{new_due:%d/%m/%Y} is not a working day.",
            f"Ngày {new_due:%d/%m/%Y} không phải ngày làm việc.",
            field="new_due",
        )
    return new_due
