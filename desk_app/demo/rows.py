"""Turning planned dossier lives into table rows (plain dicts keyed by column name).

The rows go through ``insert(Model)`` in one session (the demo) or ``insert(table)`` in 50k batches on a
Core connection (bench/build_db.py): ids are given here, so dossiers, documents, events and supplement
episodes can be inserted in bulk without reading anything back.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk_app.demo import people as dd
from desk_app.demo.life import (
    COMPLETE,
    GUIDED,
    NATURAL_OUTCOMES,
    REFUSE_INTAKE,
    REFUSE_PROCESSING,
    STOP_LAPSED,
    WITHDRAW_STOP,
    Life,
    LifePlanner,
    ProcInfo,
)
from desk_app.domain.codes import counter_range, format_code
from desk_app.domain.fees import quote
from desk_app.domain.identity import mask_id
from desk_app.domain.lateness import shift_due
from desk_app.domain.states import State

# Which planned outcome (and which forced features) reaches each state.
_TOWARD: dict[State, list[tuple[str, frozenset[str]]]] = {
    State.GUIDED: [(GUIDED, frozenset())],
    State.RECEIVED: [(COMPLETE, frozenset())],
    State.REFUSED: [(REFUSE_INTAKE, frozenset()), (REFUSE_PROCESSING, frozenset())],
    State.IN_PROGRESS: [(COMPLETE, frozenset())],
    State.SUPPLEMENT_REQUESTED: [(COMPLETE, frozenset({"supplement"})), (STOP_LAPSED, frozenset())],
    State.PAYMENT_REQUESTED: [(COMPLETE, frozenset({"payment"}))],
    State.WITHDRAWAL_REQUESTED: [(WITHDRAW_STOP, frozenset())],
    State.STOPPED: [(WITHDRAW_STOP, frozenset()), (STOP_LAPSED, frozenset())],
    State.RESULT_READY: [(COMPLETE, frozenset())],
    State.RETURNED: [(COMPLETE, frozenset()), (COMPLETE, frozenset({"extend"}))],
}
_RATINGS = [("satisfied", 86.0), ("neutral", 9.0), ("dissatisfied", 2.0), ("", 3.0)]


@dataclass
class Rows:
    """One batch of rows, in insertion order (parents first)."""

    applicants: list[dict[str, Any]] = field(default_factory=list)
    dossiers: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    episodes: list[dict[str, Any]] = field(default_factory=list)
    # (dossier id, audit action, actor, detail) of each first move at the counter, for the audit trail
    receipts: list[tuple[int, str, str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Picked:
    life: Life
    channel: str
    seed: int


class DossierFactory:
    """Makes realistic dossiers for one unit, numbering everything itself."""

    def __init__(
        self,
        planner: LifePlanner,
        procs: Sequence[ProcInfo],
        *,
        unit_id: int,
        agency: str,
        counter_ids: dict[int, int],
        seed: int,
        token_prefix: str = "demo",
        reuse: float = 0.15,
        first_ids: dict[str, int] | None = None,
    ) -> None:
        self.planner = planner
        self.procs = list(procs)
        self.weights = [dd.PROCEDURE_WEIGHTS.get(p.code, 0.2) for p in self.procs]
        self.unit_id, self.agency, self.counter_ids = unit_id, agency, counter_ids
        self.rng = random.Random(seed)
        self.token_prefix, self.reuse = token_prefix, reuse
        self.last = {
            "applicant": 0,
            "dossier": 0,
            "document": 0,
            "event": 0,
            "episode": 0,
            **(first_ids or {}),
        }
        self.people: list[tuple[int, dd.Person]] = []
        self.seqs: dict[tuple[str, date, int], int] = {}
        self.book: dict[int, int] = {}

    # -- choosing ---------------------------------------------------------------------------------
    def _proc(self, need: str = "") -> ProcInfo:
        pool = [
            (p, w)
            for p, w in zip(self.procs, self.weights, strict=True)
            if not need or (not p.quick and (need != "fee" or p.has_fee))
        ]
        return self.rng.choices([p for p, _ in pool], weights=[w for _, w in pool])[0]

    def _channel(self, proc: ProcInfo, outcome: str) -> str:
        if outcome in (GUIDED, REFUSE_INTAKE):
            return "direct"
        x = self.rng.random()
        online = {"full": 0.4, "partial": 0.15}.get(proc.online_level, 0.0)
        return "online" if x < online else "postal" if x < online + 0.03 else "direct"

    def natural(self, r: int | None = None) -> Picked:
        """A dossier received at office minute ``r`` (random when None), cut where the horizon finds it."""
        outcome = dd.weighted(self.rng, NATURAL_OUTCOMES)
        proc = self._proc("slow" if outcome == STOP_LAPSED else "")
        channel = self._channel(proc, outcome)
        seed = self.rng.getrandbits(32)
        r = self.planner.random_w(self.rng) if r is None else r
        return Picked(self.planner.natural(seed, outcome, proc, r, channel), channel, seed)

    def toward(self, target: State) -> Picked:
        """A dossier that the horizon finds in ``target`` (a natural one if no plan fits)."""
        for _ in range(40):
            outcome, force = self.rng.choice(_TOWARD[target])
            need = (
                "fee"
                if "payment" in force
                else "slow"
                if force
                or outcome == STOP_LAPSED
                or target in (State.SUPPLEMENT_REQUESTED, State.PAYMENT_REQUESTED)
                else ""
            )
            proc = self._proc(need)
            channel = self._channel(proc, outcome)
            seed = self.rng.getrandbits(32)
            life = self.planner.toward(seed, target, outcome, proc, channel, force)
            if life is not None:
                return Picked(life, channel, seed)
        return self.natural()

    # -- rendering --------------------------------------------------------------------------------
    def next_id(self, kind: str) -> int:
        self.last[kind] += 1
        return self.last[kind]

    def _person(
        self, rng: random.Random, proc: ProcInfo, on: date, online: bool
    ) -> tuple[int, dd.Person, bool]:
        if self.people and proc.code not in dd.AGE_RANGES and rng.random() < self.reuse:
            pid, person = self.people[rng.randrange(len(self.people))]
            return pid, person, False
        person = dd.make_person(
            rng, on, dd.AGE_RANGES.get(proc.code, (18, 80)), email_chance=0.6 if online else 0.05
        )
        pid = self.next_id("applicant")
        self.people.append((pid, person))
        return pid, person, True

    def number(self, key: str, day: date, counter: int) -> int:
        first, last = counter_range(counter)
        seq = self.seqs.get((key, day, counter), first - 1) + 1
        if seq > last:
            raise ValueError(f"counter {counter} has no number left on {day}")
        self.seqs[(key, day, counter)] = seq
        return seq

    def code_sequences(self) -> list[dict[str, Any]]:
        return [
            {"agency_code": k, "day": d, "counter": c, "last": last} for (k, d, c), last in self.seqs.items()
        ]

    def render(self, picked: Sequence[Picked]) -> Rows:
        """Rows for ``picked``, numbered in the order they were received."""
        rows = Rows()
        for p in sorted(picked, key=lambda p: (p.life.r, p.seed)):
            self._render_one(p, rows)
        return rows

    def _render_one(self, p: Picked, rows: Rows) -> None:
        life, proc = p.life, p.life.proc
        rng = random.Random(p.seed ^ 0xD0551E)
        online = p.channel == "online"
        day = life.received_at.date()
        did = self.next_id("dossier")
        counter = rng.choice(sorted(self.counter_ids))
        first = life.steps[0]
        code: str | None = None
        if first.action == "receive":
            code = format_code(self.agency, day, self.number(self.agency, day, counter))
            number = code
            self.book[day.year] = self.book.get(day.year, 0) + 1
        else:  # guidance (Mẫu 02) or refusal (Mẫu 03) at the counter: a slip number, no dossier code
            prefix = "HD" if first.action == "guide" else "TC"
            number = f"{prefix}-{day:%y%m%d}-{self.number(prefix, day, counter):04d}"
        pid, person, new = self._person(rng, proc, day, online)
        if new:
            rows.applicants.append(person.applicant_row(pid))
        representative = None
        if rng.random() < 0.07:
            representative = {
                **dd.make_person(rng, day, (18, 70)).as_json(),
                "relation": rng.choice(dd.RELATIONS),
            }

        kind = proc.fee_rule.get("kind", "exempt")
        copies = rng.choice([1, 1, 1, 2, 2, 3, 4, 5]) if kind in ("per_page", "per_copy") else 1
        pages = rng.choice([1, 1, 2, 2, 3, 4, 6]) if kind == "per_page" else 1
        amount = quote(proc.fee_rule, copies=copies, pages=pages, online=online).amount
        if amount is None:
            amount = dd.COUNCIL_FEES.get(proc.code, 0)
        if first.action != "receive":
            amount = 0  # guidance or refusal at the counter: nothing is owed
        method = "exempt" if not amount else "online" if online and rng.random() < 0.75 else "cash"
        if life.state == State.PAYMENT_REQUESTED:
            method = "unpaid"

        returned = life.step("return")
        ready = life.step("result-ready")
        finished = ready or life.step("stop") or life.step("refuse")
        rating = receiver = None
        if returned is not None:
            late = (
                ready is not None
                and life.due_at is not None
                and ready.at is not None
                and ready.at > life.due_at
            )
            weights = [w * (6 if late and r != "satisfied" else 1) for r, w in _RATINGS]
            rating = rng.choices([r for r, _ in _RATINGS], weights=weights)[0] or None
            who = representative or {"full_name": person.full_name, "id_number": person.id_number}
            receiver = {
                "name": who["full_name"],
                "id_number": who["id_number"],
                "relation": "authorised" if representative else "self",
            }
        return_via = (
            "postal"
            if p.channel == "postal"
            else (
                "online" if online and rng.random() < 0.4 else "postal" if rng.random() < 0.04 else "counter"
            )
        )
        result_digitized = ready is not None and rng.random() < (0.9 if online else 0.5)
        full_digital = rng.random() < 0.8 and first.action == "receive"
        paused = sum(e.answered - e.requested for e in life.episodes if e.answered is not None)
        last_at = life.steps[-1].at or life.received_at
        rows.dossiers.append(
            {
                "id": did,
                "code": code,
                "client_token": f"{self.token_prefix}-{did:07d}",
                "unit_id": self.unit_id,
                "counter_id": self.counter_ids[counter],
                "procedure_id": proc.id,
                "applicant_id": pid,
                "representative": representative,
                "channel": p.channel,
                "return_via": return_via,
                "state": life.state.value,
                "received_at": life.received_at,
                "due_at": life.due_at,
                "extended_due_at": life.extended_due_at,
                "finished_at": finished.at if finished else None,
                "returned_at": returned.at if returned else None,
                "paused_minutes": paused,
                "supplement_count": len(life.episodes),
                "deadline_at": None,  # set below, once the moves are replayed
                "set_count": 2 if rng.random() < 0.04 else 1,
                "fee_amount": amount or 0,
                "fee_method": method,
                "paid_online": method == "online",
                "vneid_verified": rng.random() < (0.85 if online else 0.35),
                "digitized": full_digital,
                "result_digitized": result_digitized,
                "rating": rating,
                "receiver": receiver,
                "book_number": 1 if code else None,
                "book_seq": self.book[day.year] if code else None,
                "note": "",
                "created_by": life.clerk,
                "updated_at": last_at,
            }
        )
        missing = set((first.data or {}).get("missing", []))
        docs = proc.documents or [{"name": "Đơn đề nghị", "kind": "original", "quantity": 1}]
        for pos, doc in enumerate(docs, 1):
            if (
                not full_digital and first.action == "receive" and rng.random() < 0.5
            ) or first.action != "receive":
                digit = "none"
            else:
                digit = rng.choices(["digitized", "reused_document", "reused_result"], weights=[85, 9, 6])[0]
            if not full_digital and digit != "none" and pos == 1:
                digit = "none"  # a partly digitised dossier has at least one paper-only document
            rows.documents.append(
                {
                    "id": self.next_id("document"),
                    "dossier_id": did,
                    "position": pos,
                    "name": doc["name"],
                    "kind": "electronic" if online else doc.get("kind", "original"),
                    "quantity": int(doc.get("quantity", 1)),
                    "received": doc["name"] not in missing,
                    "required": True,
                    "digitization": digit,
                }
            )
        deadline = life.due_at
        total_paused = requests = 0
        for step in life.steps:
            data = step.data
            if step.before is None:  # the counter: same data as services.intake writes
                data = {
                    "number": number,
                    "counter": counter,
                    "procedure": proc.code,
                    "procedure_version": proc.version,
                }
                if step.action == "receive":
                    data.update(
                        rule_due_at=_fmt(life.due_at),
                        backlog=False,
                        fee_known=True,
                        copies=copies,
                        pages=pages,
                    )
                elif step.action == "guide":
                    data["missing"] = (step.data or {}).get("missing", [])
                else:
                    data["legal_basis"] = ""
            elif step.action == "request-supplement":
                requests += 1
                data = {**(step.data or {}), "supplement_count": requests, "late_for_reporting": requests > 1}
            elif step.action == "supplement-received":
                episode = life.episodes[requests - 1]
                pause = (episode.answered or episode.requested) - episode.requested
                total_paused += pause
                if deadline is not None:
                    deadline = shift_due(deadline, pause, self.planner.cal)
                data = {
                    "paused_minutes": pause,
                    "total_paused_minutes": total_paused,
                    "deadline_at": _fmt(deadline),
                }
            elif step.action == "extend":
                data = {
                    "original_due_at": _fmt(life.due_at),
                    "previous_deadline_at": _fmt(deadline),
                    "new_due_at": _fmt(life.extended_due_at),
                }
                deadline = life.extended_due_at
            elif step.action == "result-ready":
                data = {"e_result": result_digitized}
            elif step.action == "return" and receiver is not None:
                data = {
                    "receiver": {**receiver, "id_number": mask_id(receiver["id_number"])},
                    "channel": return_via,
                    "rating": rating,
                }
            rows.events.append(
                {
                    "id": self.next_id("event"),
                    "dossier_id": did,
                    "action": step.action,
                    "at": step.at,
                    "state_before": step.before.value if step.before else None,
                    "state_after": (step.state or step.before or State.RECEIVED).value,
                    "actor": step.actor,
                    "to_whom": step.to_whom,
                    "reason": step.reason,
                    "data": data,
                }
            )
        episodes = [
            (ep.items, ep.reason, self.planner.clock.at(ep.requested), ep.answered) for ep in life.episodes
        ]
        if first.action == "guide":  # services.intake keeps the guidance as an intake-stage episode
            episodes = [((first.data or {}).get("missing", []), first.reason, life.received_at, None)]
        for items, reason, requested_at, answered in episodes:
            rows.episodes.append(
                {
                    "id": self.next_id("episode"),
                    "dossier_id": did,
                    "stage": "intake" if first.action == "guide" else "processing",
                    "requested_at": requested_at,
                    "items": items,
                    "reason": reason,
                    "received_at": self.planner.clock.at(answered) if answered is not None else None,
                }
            )
        rows.dossiers[-1]["deadline_at"] = deadline
        detail = {
            "number": number,
            "code": code,
            "procedure": proc.code,
            "state": first.state.value if first.state else None,
            "received_at": _fmt(life.received_at),
            "due_at": _fmt(life.due_at),
            "applicant_id": mask_id(person.id_number),
            "counter": counter,
            "demo": True,
        }
        rows.receipts.append((did, f"dossier.{first.action}", life.clerk, detail))


def _fmt(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M")
