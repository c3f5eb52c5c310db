"""The demo commune's assistance log (sổ hỗ trợ): citizens helped with VNeID and the national portal.

Made through the service a clerk's form uses (:func:`desk_app.services.assist.helps.log_help`), one help a
transaction, so every rule holds (masked ID numbers, consent, audit). Spread over the working days of the demo
window before ``today``, in office hours; most succeed, some fail with a reason; about two in three citizens
agree that their name and phone be kept. Online filing is left out: it would add online dossiers beside the
planned ones. Depends only on ``seed`` and ``today``.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from desk_app.demo import people as dd
from desk_app.domain.assist import NOT_DONE_REASONS, HelpKind, Outcome
from desk_app.domain.calendar import WorkingCalendar
from desk_app.services.assist.helps import HelpInput, log_help
from desk_app.store.db import Database

KINDS = [
    (HelpKind.VNEID_ACTIVATION.value, 0.35),
    (HelpKind.PORTAL_LOGIN.value, 0.3),
    (HelpKind.ONLINE_PAYMENT.value, 0.1),
    (HelpKind.LOOKUP.value, 0.2),
    (HelpKind.OTHER.value, 0.05),
]
REASONS = ["no_level2", "no_smartphone", "forgot_password", "phone_not_own", "portal_down"]


def build_helps(
    db: Database, calendar: WorkingCalendar, *, count: int, first: date, today: date, seed: int
) -> int:
    """Log ``count`` helps on working days from ``first`` to the day before ``today``; how many were logged."""
    assert set(REASONS) <= set(NOT_DONE_REASONS)
    rng = random.Random(seed * 7919 + 17)
    days = [first + timedelta(days=i) for i in range((today - first).days)]
    days = [d for d in days if calendar.is_working_day(d)]
    now = datetime.now()
    logged = 0
    for i in range(count if days else 0):
        day = rng.choice(days)
        at = datetime.combine(day, time(7, 30)) + timedelta(minutes=rng.randrange(0, 9 * 60))
        if at > now:  # a demo built for a day still to come keeps nothing in the future
            continue
        done = rng.random() < 0.85
        person = dd.make_person(rng, day)
        consent = rng.random() < 0.65
        inp = HelpInput(
            kind=dd.weighted(rng, KINDS),
            outcome=Outcome.DONE.value if done else Outcome.NOT_DONE.value,
            at=at,
            full_name=person.full_name if consent else "",
            id_number=person.id_number if consent else "",
            phone=person.phone if consent else "",
            had_level2=rng.random() < 0.6,
            consent=consent,
            reason="" if done else rng.choice(REASONS),
            minutes=rng.randint(3, 25),
            client_token=f"demo-{seed}-{i}",
        )
        log_help(db, inp, actor=dd.CLERKS[i % len(dd.CLERKS)])
        logged += 1
    return logged
