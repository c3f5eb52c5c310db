"""The life of a made-up dossier (hồ sơ mẫu), from the counter to the returned result.

Shared by ``services.demo`` (a few hundred dossiers) and ``bench/build_db.py`` (a million). A life is
planned on a clock of office minutes (``WorkClock``), so supplement pauses, "the next working morning"
and "two days before the due date" are integer arithmetic; the appointment itself always comes from the
real ``WorkingCalendar.due_at``. A planned life is then cut at the horizon (the demo's "now"): what lies
after it has not happened yet, and the last move before it gives the dossier's state.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from desk_app.demo import people as dd
from desk_app.demo.clock import CachedCalendar, WorkClock
from desk_app.domain.calendar import TimeUnit, WorkingCalendar
from desk_app.domain.states import State

# Outcomes a life can be planned toward (the horizon may cut it earlier).
COMPLETE, GUIDED = "complete", "guided"
REFUSE_INTAKE, REFUSE_PROCESSING = "refuse_intake", "refuse_processing"
WITHDRAW_STOP, STOP_LAPSED = "withdraw_stop", "stop_lapsed"
NATURAL_OUTCOMES: list[tuple[str, float]] = [
    (COMPLETE, 87.5),
    (GUIDED, 6),
    (REFUSE_INTAKE, 1),
    (REFUSE_PROCESSING, 2),
    (WITHDRAW_STOP, 2.5),
    (STOP_LAPSED, 1),
]
_FORWARD_CUTOFF = 15 * 60  # NĐ 61/2018 Đ.17: paper received after 15:00 goes on the next working morning


@dataclass(frozen=True)
class ProcInfo:
    """What a life needs to know about a procedure version (thủ tục hành chính)."""

    id: int
    code: str
    version: int
    name: str
    field: str
    value: float
    unit: str
    cutoff: time | None
    fee_rule: dict[str, Any]
    documents: list[dict[str, Any]]
    online_level: str
    result_is_paper: bool

    @property
    def quick(self) -> bool:
        """Done while the applicant waits or the same day (chứng thực, most hộ tịch)."""
        return self.unit == TimeUnit.SAME_DAY or (self.unit == TimeUnit.WORKING_HOURS and self.value <= 8)

    @property
    def has_fee(self) -> bool:
        return self.fee_rule.get("kind", "exempt") != "exempt"


@dataclass
class Step:
    w: int
    action: str
    state: State | None  # None: the move keeps the state (extend, forward while in progress)
    actor: str
    to_whom: str = ""
    reason: str = ""
    data: dict[str, Any] | None = None
    before: State | None = None
    at: datetime | None = None


@dataclass
class Episode:
    requested: int
    answered: int | None
    items: list[str]
    reason: str


@dataclass
class Life:
    """A planned (then cut) life of one dossier."""

    proc: ProcInfo
    outcome: str
    r: int
    received_at: datetime
    due_at: datetime | None
    steps: list[Step]
    episodes: list[Episode] = field(default_factory=list)
    extended_due_at: datetime | None = None
    clerk: str = ""

    @property
    def state(self) -> State:
        return self.steps[-1].before if self.steps[-1].state is None else self.steps[-1].state  # type: ignore[return-value]

    def step(self, action: str) -> Step | None:
        return next((s for s in self.steps if s.action == action), None)


class LifePlanner:
    """Plans lives against one calendar and one horizon."""

    def __init__(self, cal: WorkingCalendar, first: date, horizon: datetime) -> None:
        self.cal = cal if isinstance(cal, CachedCalendar) else CachedCalendar.like(cal)
        self.clock = WorkClock(self.cal, first - timedelta(days=7), horizon.date() + timedelta(days=400))
        self.horizon = self.clock.to_w(horizon)  # events at w < horizon happened before it
        self.start = self.clock.to_w(datetime.combine(first, time(0, 0)))
        self.M = self.clock.per_day

    def random_w(self, rng: random.Random, lo: int | None = None, hi: int | None = None) -> int:
        """A reception minute in [lo, hi), busier in the morning as at a real counter."""
        lo = self.start if lo is None else lo
        hi = self.horizon if hi is None else hi
        day = rng.randrange(lo // self.M, (hi - 1) // self.M + 1)
        morning = self.clock.hours[0][1] - self.clock.hours[0][0]
        off = rng.randrange(morning) if rng.random() < 0.62 else rng.randrange(self.M)
        return min(max(day * self.M + off, lo), hi - 1)

    # -- planning ---------------------------------------------------------------------------------
    def plan(
        self,
        seed: int,
        outcome: str,
        proc: ProcInfo,
        r: int,
        channel: str,
        force: frozenset[str] = frozenset(),
    ) -> Life:
        """The whole life (not yet cut) of a dossier received at office minute ``r``."""
        rng = random.Random(seed)
        M, clock = self.M, self.clock
        clerk = dd.CLERKS[seed % len(dd.CLERKS)]
        received = clock.at(r)
        if outcome in (GUIDED, REFUSE_INTAKE):
            return self._counter_only(rng, outcome, proc, r, received, clerk)
        cutoff = proc.cutoff
        due = self.cal.due_at(received, proc.value, proc.unit, cutoff)
        due_w = clock.to_w(due)
        start_w = clock.to_w(self.cal.effective_start(received, cutoff))
        allowed = max(due_w - start_w, 30)
        specialist = dd.SPECIALISTS.get(proc.field, dd.DEFAULT_SPECIALIST)
        steps = [Step(r, "receive", State.RECEIVED, clerk)]
        if channel == "online":
            f = r + rng.randint(2, 40)
        elif clock.minute_of_day(r) >= _FORWARD_CUTOFF:
            f = (r // M + 1) * M + rng.randint(0, 40)
        else:
            f = r + rng.randint(3, 25 if proc.quick else 90)
        steps.append(Step(f, "forward", State.IN_PROGRESS, clerk, specialist))

        extend = not proc.quick and allowed >= 2 * M and ("extend" in force or rng.random() < 0.05)
        late = extend or rng.random() < (0.04 if proc.quick else 0.08)
        if late:
            fin = max(start_w + int(allowed * rng.uniform(1.05, 1.5)), due_w + rng.randint(15, 90))
        else:
            fin = min(start_w + int(allowed * rng.uniform(0.3, 0.95)), due_w - 1)
        if extend:
            extra_days = rng.randint(2, 5)
            fin = due_w + rng.randint(30, extra_days * M - 30)
        fin = max(fin, f + (10 if proc.quick else 60))
        P = fin - f  # office minutes of real work, pauses excluded

        supp: list[tuple[int, int]] = []  # (processing position, pause)
        if not proc.quick and ("supplement" in force or outcome == STOP_LAPSED or rng.random() < 0.10):
            count = 2 if rng.random() < 0.25 else 1
            for pos in sorted(rng.randint(P // 20, max(P * 45 // 100, P // 20 + 1)) for _ in range(count)):
                pos = max(pos, supp[-1][0] + 1) if supp else pos  # two requests never at the same minute
                supp.append((pos, rng.randint(M // 2, 8 * M)))
        payment: tuple[int, int] | None = None
        if not proc.quick and proc.has_fee and P > 120 and ("payment" in force or rng.random() < 0.12):
            pos = rng.randint(P * 55 // 100, P * 80 // 100)
            payment = (pos, rng.randint(15, max(16, min(int(1.5 * M), P * 88 // 100 - pos))))
        leader = not proc.quick and P > 90 and rng.random() < 0.8
        leader_pos = rng.randint(P * 88 // 100, P * 97 // 100)

        def real(pos: int) -> int:
            return f + pos + sum(lag for p, lag in supp if p < pos)

        end = P
        if outcome == REFUSE_PROCESSING:
            end = rng.randint(P // 10, max(P * 6 // 10, P // 10 + 1))
        elif outcome == WITHDRAW_STOP:
            end = rng.randint(P // 10, max(P * 8 // 10, P // 10 + 1))
        elif outcome == STOP_LAPSED:
            end = supp[0][0]
        end = max(end, 1)

        episodes: list[Episode] = []
        for pos, lag in supp:
            if pos >= end and not (outcome == STOP_LAPSED and pos == end):
                continue
            items = rng.sample(dd.SUPPLEMENT_ITEMS.get(proc.field, dd.DEFAULT_SUPPLEMENT_ITEMS), 1)
            reason = rng.choice(dd.SUPPLEMENT_REASONS)
            at = real(pos)
            steps.append(
                Step(
                    at,
                    "request-supplement",
                    State.SUPPLEMENT_REQUESTED,
                    specialist,
                    "",
                    reason,
                    {"items": items},
                )
            )
            answered = None
            if outcome != STOP_LAPSED or pos != end:
                answered = at + lag
                steps.append(Step(answered, "supplement-received", State.IN_PROGRESS, clerk, specialist))
            episodes.append(Episode(at, answered, items, reason))
            if outcome == STOP_LAPSED:
                break
        if payment and outcome == REFUSE_PROCESSING and payment[0] + payment[1] >= end:
            payment = None  # a refusal comes from "in progress", not while waiting for a payment
        if payment and payment[0] < end:
            steps.append(
                Step(
                    real(payment[0]),
                    "request-payment",
                    State.PAYMENT_REQUESTED,
                    specialist,
                    "",
                    dd.PAYMENT_REASON,
                )
            )
            if payment[0] + payment[1] < end:
                steps.append(
                    Step(
                        real(payment[0] + payment[1]),
                        "payment-received",
                        State.IN_PROGRESS,
                        clerk,
                        specialist,
                    )
                )
        if leader and leader_pos < end and outcome == COMPLETE:
            steps.append(Step(real(leader_pos), "forward", None, specialist, dd.LEADER))

        extended_due = None
        if extend and outcome == COMPLETE:
            pauses = sum(lag for _, lag in supp)
            e = due_w + pauses - rng.randint(M // 3, M)
            if f < e < real(end):
                extended_due = datetime.combine(self.cal.add_working_days(due.date(), extra_days), due.time())
                steps.append(
                    Step(
                        e,
                        "extend",
                        None,
                        dd.CHAIRMAN,
                        "",
                        rng.choice(dd.EXTEND_REASONS),
                        {"new_due_at": extended_due.strftime("%Y-%m-%dT%H:%M")},
                    )
                )

        finish = real(end)
        if outcome == COMPLETE:
            steps.append(
                Step(
                    finish,
                    "result-ready",
                    State.RESULT_READY,
                    dd.LEADER if leader else specialist,
                    dd.CLERKS[0],
                )
            )
            if proc.quick and rng.random() < 0.7:
                back = rng.randint(0, 30)
            elif rng.random() < 0.04:
                back = rng.randint(40 * M, 80 * M)  # never collected (yet)
            else:
                back = rng.randint(M // 4, 6 * M)
            steps.append(Step(finish + back, "return", State.RETURNED, clerk))
        elif outcome == REFUSE_PROCESSING:
            steps.append(Step(finish, "refuse", State.REFUSED, specialist, "", rng.choice(dd.REFUSE_REASONS)))
        elif outcome == WITHDRAW_STOP:
            steps.append(
                Step(
                    finish,
                    "withdraw",
                    State.WITHDRAWAL_REQUESTED,
                    clerk,
                    specialist,
                    rng.choice(dd.WITHDRAW_REASONS),
                )
            )
            steps.append(
                Step(
                    finish + rng.randint(M // 4, 2 * M),
                    "stop",
                    State.STOPPED,
                    dd.LEADER,
                    "",
                    dd.STOP_WITHDRAWN_REASON,
                )
            )
        else:  # STOP_LAPSED: the supplement never came
            steps.append(
                Step(
                    finish + rng.randint(10 * M, 20 * M),
                    "stop",
                    State.STOPPED,
                    dd.LEADER,
                    "",
                    dd.STOP_LAPSED_REASON,
                )
            )
        steps.sort(key=lambda s: s.w)
        state: State | None = None
        for s in steps:
            s.before = state
            state = s.state or state
        return Life(proc, outcome, r, received, due, steps, episodes, extended_due, clerk)

    def _counter_only(
        self, rng: random.Random, outcome: str, proc: ProcInfo, r: int, received: datetime, clerk: str
    ) -> Life:
        """Guidance (Mẫu 02) or refusal (Mẫu 03) at the counter: no dossier code, no due date."""
        if outcome == GUIDED:
            names = [d["name"] for d in proc.documents] or ["Đơn đề nghị"]
            missing = rng.sample(names, rng.randint(1, max(1, min(2, len(names) - 1))))
            step = Step(
                r,
                "guide",
                State.GUIDED,
                clerk,
                "",
                "Hồ sơ chưa đủ thành phần theo quy định",
                {"missing": missing},
            )
        else:
            step = Step(r, "refuse", State.REFUSED, clerk, "", rng.choice(dd.REFUSE_REASONS))
        return Life(proc, outcome, r, received, None, [step], clerk=clerk)

    # -- cutting at the horizon -------------------------------------------------------------------
    def cut(self, life: Life) -> Life:
        """Keep what happened before the horizon, and give each kept step its wall-clock time."""
        kept = [s for s in life.steps if s.w < self.horizon]
        for s in kept:
            s.at = self.clock.at(s.w)
        life.steps = kept
        life.episodes = [
            Episode(
                e.requested,
                e.answered if e.answered is not None and e.answered < self.horizon else None,
                e.items,
                e.reason,
            )
            for e in life.episodes
            if e.requested < self.horizon
        ]
        if life.step("extend") is None:
            life.extended_due_at = None
        return life

    def natural(self, seed: int, outcome: str, proc: ProcInfo, r: int, channel: str) -> Life:
        return self.cut(self.plan(seed, outcome, proc, r, channel))

    def toward(
        self,
        seed: int,
        target: State,
        outcome: str,
        proc: ProcInfo,
        channel: str,
        force: frozenset[str] = frozenset(),
    ) -> Life | None:
        """A life received at a moment chosen so that the horizon finds it in state ``target``."""
        rng = random.Random(seed ^ 0x5EED)
        r = (
            self.horizon - 1
            if target not in (State.REFUSED, State.STOPPED, State.RETURNED, State.GUIDED)
            else self.random_w(rng)
        )
        for _ in range(12):
            life = self.plan(seed, outcome, proc, r, channel, force)
            entering = [i for i, s in enumerate(life.steps) if (s.state or s.before) == target]
            if not entering:
                return None
            i = (
                entering[-1]
                if target in (State.REFUSED, State.STOPPED, State.RETURNED, State.GUIDED)
                else rng.choice(entering)
            )
            lo = self.start
            hi = self.horizon - 1 - (life.steps[i].w - r)
            if i + 1 < len(life.steps):
                lo = max(lo, self.horizon - (life.steps[i + 1].w - r))
            if lo <= r <= hi:
                cut = self.cut(life)
                if cut.state == target:
                    return cut
            if lo > hi:
                return None
            r = rng.randint(lo, hi)
        return None
