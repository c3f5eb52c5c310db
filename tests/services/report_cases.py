"""A small hand-made dataset for the report tests: every figure is worked out by hand in the comments.

Period 2026-10 in the reporting convention: 15/09/2026 (Tue) .. 14/10/2026 (Wed). Figures are taken at
NOW (after the period). Office hours 07:30–11:30, 13:30–17:00 (7.5 h = 450 min a day).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from desk_app.store.models import (
    Applicant,
    Dossier,
    DossierDocument,
    DossierEvent,
    Procedure,
    SupplementEpisode,
    Unit,
)

NOW = datetime(2026, 11, 2, 10, 0)
PERIOD = "2026-10"


def t(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


# name: (received, channel, due, finished, state, extra). Procedure "H" (Hộ tịch) or "C" (Chứng thực).
CASES: dict[str, dict[str, Any]] = {
    # received on the 14th (the day before the period), open at its start: carried over; finished on the
    # due day before the due moment: on time. Returned by post on 17/09, e-result.
    "D1": dict(
        rec="2026-09-14 10:00",
        due="2026-09-16 10:00",
        fin="2026-09-16 09:00",
        state="returned",
        returned="2026-09-17 09:00",
        via="postal",
        result_digitized=True,
    ),
    # received on the 15th (first day), online, finished a day early: early. Fee paid online, digitized,
    # returned online, rated satisfied.
    "D2": dict(
        rec="2026-09-15 08:00",
        channel="online",
        due="2026-09-18 08:00",
        fin="2026-09-17 10:00",
        state="returned",
        returned="2026-09-17 11:00",
        via="online",
        rating="satisfied",
        fee=50000,
        paid_online=True,
        digitized=True,
        result_digitized=True,
    ),
    # resolved before the period: out of everything.
    "D3": dict(rec="2026-09-10 09:00", due="2026-09-15 09:00", fin="2026-09-14 16:00", state="result_ready"),
    # received after the period: out.
    "D4": dict(rec="2026-10-15 08:00", due="2026-10-20 08:00"),
    # postal, supplemented twice (both requests in the period): late although finished early.
    "D5": dict(
        rec="2026-09-21 09:00",
        channel="postal",
        due="2026-09-24 09:00",
        fin="2026-09-23 10:00",
        state="result_ready",
        supplements=[("2026-09-21 10:00", "2026-09-21 11:00"), ("2026-09-22 08:00", "2026-09-22 09:00")],
        paused=180,
    ),
    # extended to 30/09 but finished after the original due date: late. Fee paid in cash.
    "D6": dict(
        rec="2026-09-22 09:00",
        due="2026-09-25 09:00",
        extended="2026-09-30 09:00",
        fin="2026-09-29 10:00",
        state="result_ready",
        fee=20000,
    ),
    # finished on the due day but after the due moment, returned the next day: late. Rated dissatisfied.
    "D7": dict(
        rec="2026-09-23 09:00",
        due="2026-09-28 09:00",
        fin="2026-09-28 16:00",
        state="returned",
        returned="2026-09-29 09:00",
        rating="dissatisfied",
    ),
    # Chứng thực from here. Open, forwarded to hung.nv in the period: in progress, overdue at the end.
    "D8": dict(
        proc="C",
        rec="2026-10-01 09:00",
        due="2026-10-06 09:00",
        state="in_progress",
        forward=[("2026-10-02 09:00", "hung.nv")],
    ),
    # online, open, due after the period: in progress on time (forwarded only after the period).
    "D9": dict(
        proc="C",
        rec="2026-10-12 09:00",
        channel="online",
        due="2026-10-20 09:00",
        state="in_progress",
        forward=[("2026-10-20 08:00", "lan.tt")],
    ),
    # received 01/09, still open: carried over, overdue at the end.
    "D10": dict(proc="C", rec="2026-09-01 09:00", due="2026-09-04 09:00", state="in_progress"),
    # one supplement, one working day waited (450 min): the due moment moves from 29/09 09:00 to
    # 30/09 09:00; finished 30/09 08:30 is on time (late without the pause).
    "D11": dict(
        proc="C",
        rec="2026-09-24 09:00",
        due="2026-09-29 09:00",
        fin="2026-09-30 08:30",
        state="result_ready",
        supplements=[("2026-09-25 09:00", "2026-09-28 09:00")],
        paused=450,
    ),
    # a supplement asked 14/10 08:00 and still awaited at the end: the clock stopped before the due
    # moment (14/10 10:00), so it is in progress on time (overdue without the pause).
    "D12": dict(
        proc="C",
        rec="2026-10-13 09:00",
        due="2026-10-14 10:00",
        state="supplement_requested",
        supplements=[("2026-10-14 08:00", None)],
    ),
    # guided only (no code), in the period.
    "D13": dict(rec="2026-09-16 09:00", state="guided", code=None),
    # refused at the counter (no code), in the period: refused, finished at once.
    "D14": dict(rec="2026-09-17 09:00", state="refused", code=None, fin="2026-09-17 09:00"),
}

# What the hand count gives (see the comments above).
II06A_TOTAL = {
    "received": {"total": 10, "online": 2, "direct_postal": 6, "carried_over": 2},
    "resolved": {"total": 6, "early": 1, "on_time": 2, "late": 3},
    "in_progress": {"total": 4, "on_time": 2, "overdue": 2},
}
II06A_BY_FIELD = {
    # D1, D2, D5, D6, D7
    "Hộ tịch": {
        "received": {"total": 5, "online": 1, "direct_postal": 3, "carried_over": 1},
        "resolved": {"total": 5, "early": 1, "on_time": 1, "late": 3},
        "in_progress": {"total": 0, "on_time": 0, "overdue": 0},
    },
    # D8, D9, D10, D11, D12
    "Chứng thực": {
        "received": {"total": 5, "online": 1, "direct_postal": 3, "carried_over": 1},
        "resolved": {"total": 1, "early": 0, "on_time": 1, "late": 0},
        "in_progress": {"total": 4, "on_time": 2, "overdue": 2},
    },
}
COUNTER_TOTAL = {
    "received_total": 8,  # D2 D5 D6 D7 D8 D9 D11 D12
    "received_online": 2,  # D2 D9
    "received_direct": 5,  # D6 D7 D8 D11 D12
    "received_postal": 1,  # D5
    "returned_total": 3,  # D1 D2 D7
    "returned_online": 1,  # D2
    "returned_postal": 1,  # D1
    "overdue": 5,  # D5 D6 D7 (late) + D8 D10 (overdue)
    "supplemented": 3,  # D5 D11 D12
    "guided": 1,  # D13
    "refused": 1,  # D14
    "withdrawn": 0,
    "digitized_intake": 1,  # D2
    "results_issued": 6,  # D1 D2 D5 D6 D7 D11
    "digitized_result": 2,  # D1 D2
    "fee_bearing": 2,  # D2 D6
    "paid_online": 1,  # D2
    "rated": 2,
    "satisfied": 1,
    "dissatisfied": 1,
    "certification_total": 4,  # D8 D9 D11 D12
    "certification_electronic": 0,
    "online_payment_share": 0.5,
    "satisfaction_share": 0.5,
}
QUALITY_TOTAL = {
    "on_time_rate": 0.5,  # (1 early + 2 on time + 2 in time) / 10
    "online_share": 0.25,  # 2 / 8
    "e_result_rate": round(2 / 6, 6),
    "digitization_rate": round(1 / 6, 6),  # D2 only has both
    "satisfaction": round(1 - 5 / 10 - 1 / 3, 6),
}


def build(db: Any) -> dict[str, int]:
    """Insert the cases into a database with a unit and the catalog; return {name: dossier id}."""
    ids: dict[str, int] = {}
    with db.transaction() as s:
        unit = s.scalars(select(Unit)).first()
        procs = {
            "H": s.scalars(select(Procedure).where(Procedure.field == "Hộ tịch")).first(),
            "C": s.scalars(select(Procedure).where(Procedure.field == "Chứng thực")).first(),
        }
        person = Applicant(full_name="Nguyễn Văn An", id_number="001090000001")
        s.add(person)
        s.flush()
        for n, (name, c) in enumerate(CASES.items(), start=1):
            code = c.get("code", f"001.05.12.H49-260915-{n:04d}")
            d = Dossier(
                code=code,
                client_token=f"case-{name}",
                unit_id=unit.id,
                procedure_id=procs[c.get("proc", "H")].id,
                applicant_id=person.id,
                channel=c.get("channel", "direct"),
                return_via=c.get("via", "counter"),
                state=c.get("state", "received"),
                received_at=t(c["rec"]),
                due_at=t(c["due"]) if "due" in c else None,
                deadline_at=t(c["due"]) if "due" in c else None,
                extended_due_at=t(c["extended"]) if "extended" in c else None,
                finished_at=t(c["fin"]) if "fin" in c else None,
                returned_at=t(c["returned"]) if "returned" in c else None,
                paused_minutes=c.get("paused", 0),
                supplement_count=len(c.get("supplements", [])),
                fee_amount=c.get("fee", 0),
                fee_method="online" if c.get("paid_online") else ("cash" if c.get("fee") else "exempt"),
                paid_online=c.get("paid_online", False),
                digitized=c.get("digitized", False),
                result_digitized=c.get("result_digitized", False),
                rating=c.get("rating"),
                created_by="clerk1",
                updated_at=NOW,
            )
            s.add(d)
            s.flush()
            ids[name] = d.id
            s.add(DossierDocument(dossier_id=d.id, position=1, name="Tờ khai", digitization="none"))
            for req, got in c.get("supplements", []):
                s.add(
                    SupplementEpisode(
                        dossier_id=d.id, requested_at=t(req), received_at=t(got) if got else None, items=["x"]
                    )
                )
            for at, who in c.get("forward", []):
                s.add(
                    DossierEvent(
                        dossier_id=d.id,
                        action="forward",
                        at=t(at),
                        state_before="received",
                        state_after="in_progress",
                        actor="clerk1",
                        to_whom=who,
                    )
                )
    return ids
