"""Build (once) and cache a realistic 1,000,000-dossier database for the benchmarks.

    .venv/bin/python bench/build_db.py [--dossiers 1000000] [--name 1m] [--seed 11] [--today YYYY-MM-DD]
                                       [--per-day 800] [--history-days 250] [--force]

The result is a valid desk_app data directory, bench/.cache/<name>/ (gitignored): created by open_database
(schema and Alembic stamp), with the demo unit, four counters and the shipped catalog. Dossiers are spread
over the working days before --today (--per-day a day: a million span about five years), each with its
applicant, documents and supplement episodes, made by the code behind `desk-app demo`
(desk_app.demo.life / demo_rows). Their moves (dossier_events) are kept for the last
--history-days working days (about a year), which is what queues, reports and dossier views read most.

- The last --rich-days working days are planned dossier by dossier and cut at "now", so the open states
  (received, in progress, waiting for a supplement, result ready, ...) sit where they would.
- Older days copy a few thousand such planned lives (templates), moved by whole working days: every time
  keeps its place in office hours and every due date stays the one the calendar gives; codes, ids and
  applicants (from a pool: people come back over the years) are fresh. Planning a million lives one by one
  would take Python ten times longer.

Rows go in with INSERT statements built by SQLAlchemy Core ``insert()`` from the models' tables, values
converted by the columns' own bind processors (so the text is exactly what the app writes), in one
transaction per --batch dossiers, handed to the driver's executemany: SQLAlchemy's per-row parameter
handling costs two to three times the insert itself at this volume. Secondary indexes and the full-text
triggers are set aside during the load and rebuilt once at the end. Bulk rows get no audit events; one
``bench.bulk_load`` event is appended, so the audit chain verifies. A marker written last records the row
counts: a later run asking for the same number of dossiers reuses the database.
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import shutil
import time
from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from common import RawTable, cache_dir, read_marker, restore, set_aside, write_marker
from sqlalchemy import Connection, func, insert, select, update

from desk_app.demo import people as dd
from desk_app.demo.commune import procedure_infos
from desk_app.demo.life import LifePlanner
from desk_app.demo.rows import DossierFactory, Rows
from desk_app.domain.calendar import TimeUnit
from desk_app.domain.identity import mask_id
from desk_app.services.setup import catalog
from desk_app.services.setup import unit as setup
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store import audit
from desk_app.store.db import Database, open_database
from desk_app.store.models import (
    AgencyCode,
    Applicant,
    CodeSequence,
    Counter,
    Dossier,
    DossierDocument,
    DossierEvent,
    Procedure,
    SupplementEpisode,
    Unit,
)

COUNTERS = (1, 2, 3, 4)
WEEKDAY_LOAD = (1.15, 1.05, 1.0, 1.0, 0.9, 0.8, 0.8)  # Monday .. Sunday (make-up Saturdays are quieter)
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?$")
KINDS = (
    ("applicants", Applicant),
    ("dossiers", Dossier),
    ("documents", DossierDocument),
    ("events", DossierEvent),
    ("episodes", SupplementEpisode),
)


class Rel(tuple):  # type: ignore[type-arg]
    """(working days after the day received, "HH:MM"): a time that moves with its dossier."""


@dataclass
class Template:
    """A planned life that ended before "now", kept relative to the working day it was received."""

    minute: int  # office minute of the day received (keeps a day's codes in time order)
    end: int  # working days from receipt to its last move
    action: str  # its first move: receive, guide, or refuse at the counter
    dossier: list[Any]  # bind-ready values, times as Rel
    times: list[int]  # positions of the times in ``dossier``
    receiver: dict[str, Any] | None
    documents: list[tuple[Any, ...]]  # each row without its id and dossier_id
    events: list[tuple[list[Any], dict[str, Any] | None]]  # (row without ids, data to rewrite or None)
    episodes: list[list[Any]]  # each row without its id and dossier_id


class Builder:
    def __init__(self, db: Database, args: argparse.Namespace) -> None:
        self.db, self.args = db, args
        self.rng = random.Random(args.seed)
        with db.session() as s:
            cal = calendar_from_session(s)
            self.procs = procedure_infos(s)
        first, needed = args.today, -(-args.dossiers // args.per_day)
        while needed > 0:
            first -= timedelta(days=1)
            needed -= cal.is_working_day(first)
        self.first = first
        self.planner = LifePlanner(cal, first, datetime.combine(args.today, clock_time(0, 0)))
        self.clock = self.planner.clock
        self.M = self.clock.per_day
        self.day_text = [d.isoformat() for d in self.clock.days]
        self.start_day, self.end_day = self.planner.start // self.M, self.planner.horizon // self.M
        self.history_from = self.end_day - args.history_days if args.history_days else 0
        with db.transaction() as s:
            unit = s.scalars(select(Unit).limit(1)).one()
            for number in COUNTERS:
                if s.scalar(select(Counter.id).where(Counter.number == number)) is None:
                    s.add(Counter(unit_id=unit.id, number=number, name=f"Quầy {number}"))
            for period in s.scalars(select(AgencyCode).where(AgencyCode.valid_to.is_(None))):
                period.valid_from = min(period.valid_from, first)
            s.flush()
            counter_ids = {c.number: c.id for c in s.scalars(select(Counter))}
            self.unit_id, self.agency = unit.id, unit.agency_code
        self.factory = DossierFactory(
            self.planner,
            self.procs,
            unit_id=self.unit_id,
            agency=self.agency,
            counter_ids=counter_ids,
            seed=args.seed,
            token_prefix="bench",
            reuse=0.3,
        )
        self.tables = {kind: RawTable(model, db.engine.dialect) for kind, model in KINDS}
        for kind in ("documents", "events", "episodes"):  # clone() rewrites the first two columns
            assert self.tables[kind].cols[:2] == ["id", "dossier_id"], kind
        self.pending: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind, _ in KINDS}
        self.totals: Tally[str] = Tally()
        self.sql_seconds = 0.0
        self.templates: list[Template] = []
        self.ends: list[int] = []

    def add(self, rows: Rows) -> None:
        for kind, _ in KINDS:
            table = self.tables[kind]
            self.pending[kind].extend(tuple(table.raw(r)) for r in getattr(rows, kind))

    # -- templates --------------------------------------------------------------------------------------
    def make_pool(self, size: int) -> None:
        """Applicants shared by the copied dossiers."""
        rows = Rows()
        for _ in range(size):
            person = dd.make_person(self.rng, self.args.today, (18, 85), email_chance=0.15)
            pid = self.factory.next_id("applicant")
            self.factory.people.append((pid, person))
            rows.applicants.append(person.applicant_row(pid))
        self.add(rows)

    def make_templates(self, count: int) -> None:
        """Plan ``count`` lives early in the window (the horizon cuts none of them) and keep them relative."""
        maker = DossierFactory(
            self.planner,
            self.procs,
            unit_id=self.unit_id,
            agency=self.agency,
            counter_ids={n: n for n in COUNTERS},
            seed=self.args.seed + 1,
            reuse=1.0,
        )
        maker.people = self.factory.people[:1000]
        lo = self.planner.start
        hi = min(self.planner.horizon - 150 * self.M, lo + 200 * self.M)
        rows = maker.render([maker.natural(self.planner.random_w(self.rng, lo, hi)) for _ in range(count)])
        by: dict[str, dict[int, list[dict[str, Any]]]] = {"documents": {}, "events": {}, "episodes": {}}
        for kind, group in by.items():
            for row in getattr(rows, kind):
                group.setdefault(row["dossier_id"], []).append(row)
        T = self.tables
        moving = {
            p.id for p in self.procs if p.unit != TimeUnit.DAYS
        }  # calendar days do not move with the week
        for d in rows.dossiers:
            if d["procedure_id"] not in moving:
                continue
            base = self.clock.day_index(d["received_at"].date())

            def rel(text: Any, base: int = base) -> Any:
                """A stored time ("YYYY-MM-DDTHH:MM[:SS]") as a Rel; anything else unchanged."""
                if not (isinstance(text, str) and STAMP.match(text)):
                    return text
                return Rel((self.clock.day_index(date.fromisoformat(text[:10])) - base, text[11:]))

            def relative(table: RawTable, row: dict[str, Any]) -> list[Any]:
                raw = table.raw(row)
                return [
                    rel(v) if isinstance(row.get(c), datetime) else v
                    for c, v in zip(table.cols, raw, strict=True)
                ]

            dossier = relative(T["dossiers"], d)
            events = []
            for e in by["events"].get(d["id"], []):
                data = {k: rel(v) for k, v in e["data"].items()} if e["data"] else None
                patch = data is not None and any(
                    isinstance(v, Rel) or k in ("number", "receiver") for k, v in data.items()
                )
                events.append(
                    (relative(T["events"], {**e, "data": None} if patch else e), data if patch else None)
                )
            episodes = [relative(T["episodes"], ep) for ep in by["episodes"].get(d["id"], [])]
            self.templates.append(
                Template(
                    minute=self.clock.to_w(d["received_at"]) % self.M,
                    end=max(raw[T["events"].at["at"]][0] for raw, _ in events),
                    action=events[0][0][T["events"].at["action"]],
                    dossier=dossier,
                    times=[i for i, v in enumerate(dossier) if isinstance(v, Rel)],
                    receiver=d["receiver"],
                    documents=[
                        tuple(T["documents"].raw(doc)[2:]) for doc in by["documents"].get(d["id"], [])
                    ],
                    events=[(raw[2:], data) for raw, data in events],
                    episodes=[raw[2:] for raw in episodes],
                )
            )
        self.templates.sort(key=lambda t: t.end)
        self.ends = [t.end for t in self.templates]

    def clone(self, t: Template, day: int, counter: int) -> None:
        """One dossier received on working day ``day`` at ``counter`` that lives the template's life."""
        f, T, P, days, last = self.factory, self.tables, self.pending, self.day_text, self.factory.last
        received = self.clock.days[day]
        last["dossier"] += 1
        did = last["dossier"]
        pid, person = f.people[self.rng.randrange(len(f.people))]
        D = T["dossiers"].at
        d = t.dossier.copy()
        for i in t.times:
            d[i] = f"{days[day + d[i][0]]}T{d[i][1]}"
        d[D["id"]], d[D["client_token"]], d[D["counter_id"]], d[D["applicant_id"]] = (
            did,
            f"bench-{did:07d}",
            f.counter_ids[counter],
            pid,
        )
        code = None
        if t.action == "receive":
            code = number = f"{self.agency}-{received:%y%m%d}-{f.number(self.agency, received, counter):04d}"
            f.book[received.year] = f.book.get(received.year, 0) + 1
            d[D["code"]], d[D["book_seq"]] = code, f.book[received.year]
        else:
            prefix = "HD" if t.action == "guide" else "TC"
            number = f"{prefix}-{received:%y%m%d}-{f.number(prefix, received, counter):04d}"
        receiver = t.receiver
        if receiver is not None and receiver.get("relation") == "self":
            receiver = {**receiver, "name": person.full_name, "id_number": person.id_number}
            d[D["receiver"]] = T["dossiers"].json("receiver", receiver)
        P["dossiers"].append(tuple(d))
        n = last["document"]
        P["documents"].extend((n + k, did, *tail) for k, tail in enumerate(t.documents, 1))
        last["document"] = n + len(t.documents)

        def when(value: Any) -> Any:
            return f"{days[day + value[0]]}T{value[1]}" if isinstance(value, Rel) else value

        for ep in t.episodes:
            last["episode"] += 1
            P["episodes"].append((last["episode"], did, *(when(v) for v in ep)))
        if day < self.history_from:
            return
        data_at = T["events"].at["data"] - 2
        for tail, data in t.events:
            last["event"] += 1
            e = [last["event"], did, *(when(v) for v in tail)]
            if data is not None:
                data = {k: when(v) for k, v in data.items()}
                if "number" in data:
                    data["number"], data["counter"] = number, counter
                if "receiver" in data and receiver is not None:
                    data["receiver"] = {**receiver, "id_number": mask_id(receiver["id_number"])}
                e[data_at + 2] = T["events"].json("data", data)
            P["events"].append(tuple(e))

    # -- the load ---------------------------------------------------------------------------------------
    def day_counts(self) -> list[tuple[int, int]]:
        """(working day index, dossiers received that day), adding up to --dossiers."""
        days = range(self.start_day, self.end_day)
        weights = [WEEKDAY_LOAD[self.clock.days[i].weekday()] * self.rng.uniform(0.85, 1.15) for i in days]
        total = sum(weights)
        counts = [int(self.args.dossiers * w / total) for w in weights]
        for k in self.rng.sample(range(len(counts)), self.args.dossiers - sum(counts)):
            counts[k] += 1
        return list(zip(days, counts, strict=True))

    def run(self, conn: Connection) -> None:
        started = time.perf_counter()
        set_aside_sql = set_aside(conn)
        self.make_pool(min(self.args.pool, max(1000, self.args.dossiers // 4)))
        rich_from = self.end_day - self.args.rich_days
        if self.end_day - self.start_day < 250:  # too short a span to copy lives around: plan each one
            rich_from = self.start_day
        else:
            self.make_templates(self.args.templates)
        print(
            f"  {len(self.templates)} templates, {len(self.factory.people)} applicants planned"
            f"  {time.perf_counter() - started:6.1f} s",
            flush=True,
        )
        for day, n in self.day_counts():
            if day >= rich_from:
                self.add(
                    self.factory.render(
                        [
                            self.factory.natural(
                                self.planner.random_w(self.rng, day * self.M, (day + 1) * self.M)
                            )
                            for _ in range(n)
                        ]
                    )
                )
            else:
                # Close to "now" only lives that are over by then may be copied (the rich days hold the rest).
                k = len(self.templates)
                if day + self.ends[-1] >= self.end_day:
                    k = max(1, bisect.bisect_left(self.ends, self.end_day - day))
                for t in sorted(
                    (self.templates[self.rng.randrange(k)] for _ in range(n)), key=lambda t: t.minute
                ):
                    self.clone(t, day, self.rng.choice(COUNTERS))
            if len(self.pending["dossiers"]) >= self.args.batch:
                self.flush(conn, started)
        self.flush(conn, started)
        restore(conn, set_aside_sql)
        print(f"  indexes and search index rebuilt  {time.perf_counter() - started:6.1f} s", flush=True)

    def flush(self, conn: Connection, started: float) -> None:
        begun = time.perf_counter()
        with conn.begin():
            for kind, _ in KINDS:
                if self.pending[kind]:
                    conn.exec_driver_sql(self.tables[kind].sql, self.pending[kind])
                    self.totals[kind] += len(self.pending[kind])
                    self.pending[kind] = []
        self.sql_seconds += time.perf_counter() - begun
        print(
            f"  {self.totals['dossiers']:>9,} dossiers  {time.perf_counter() - started:6.1f} s"
            f"  (inserts {self.sql_seconds:.1f} s)",
            flush=True,
        )

    def finish(self) -> dict[str, Any]:
        with self.db.transaction() as s:
            s.execute(insert(CodeSequence), self.factory.code_sequences())
            for proc_id, n in s.execute(
                select(Dossier.procedure_id, func.count()).group_by(Dossier.procedure_id)
            ):
                s.execute(update(Procedure).where(Procedure.id == proc_id).values(use_count=n))
            counts = {kind: s.scalar(select(func.count()).select_from(model)) for kind, model in KINDS}
            by_state = dict(s.execute(select(Dossier.state, func.count()).group_by(Dossier.state)).all())
            audit.record(
                s,
                "bench.bulk_load",
                actor="bench",
                entity="database",
                entity_id=self.args.name,
                detail={"rows": counts, "seed": self.args.seed, "today": self.args.today.isoformat()},
            )
        return {
            "dossiers": counts["dossiers"],
            "rows": counts,
            "by_state": by_state,
            "seed": self.args.seed,
            "today": self.args.today.isoformat(),
            "first_day": self.first.isoformat(),
            "per_day": self.args.per_day,
            "history_days": self.args.history_days,
        }


def main() -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--dossiers", type=int, default=1_000_000)
    p.add_argument("--name", default="1m", help="folder under bench/.cache")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument(
        "--today", type=date.fromisoformat, default=date.today(), help="the load ends the day before"
    )
    p.add_argument("--per-day", type=int, default=800, help="dossiers per working day (sets the time span)")
    p.add_argument(
        "--history-days",
        type=int,
        default=250,
        help="working days before --today whose dossiers keep their moves (0: all)",
    )
    p.add_argument("--rich-days", type=int, default=30, help="last working days planned dossier by dossier")
    p.add_argument("--templates", type=int, default=6000)
    p.add_argument("--pool", type=int, default=150_000, help="applicants shared by the copied dossiers")
    p.add_argument("--batch", type=int, default=50_000, help="dossiers per insert transaction")
    p.add_argument("--force", action="store_true", help="rebuild even when a complete build is cached")
    args = p.parse_args()

    target = cache_dir(args.name)
    marker = read_marker(target)
    if marker and marker.get("dossiers") == args.dossiers and not args.force:
        print(
            f"reusing {target} ({marker['dossiers']:,} dossiers, built {marker.get('built_at', '?')} "
            f"in {marker.get('seconds', '?')} s); --force rebuilds"
        )
        return 0
    if target.exists():
        shutil.rmtree(target)
    print(f"building {args.dossiers:,} dossiers in {target}", flush=True)
    started = time.perf_counter()
    db = open_database(target)
    try:
        setup.init_unit(
            db,
            dd.AGENCY_CODE,
            dd.UNIT_NAME,
            province=dd.PROVINCE,
            address=dd.UNIT_ADDRESS,
            counter=1,
            actor="bench",
        )
        catalog.import_seed(db)
        builder = Builder(db, args)
        with db.engine.connect() as conn:
            with conn.begin():  # 500 MB of page cache while loading: index pages stay in memory
                conn.exec_driver_sql("PRAGMA cache_size = -500000")
            builder.run(conn)
        summary = builder.finish()
        with db.session() as s:
            chain = audit.verify(s)
            assert chain.ok, chain.problem
    finally:
        db.close()
    summary.update(
        seconds=round(time.perf_counter() - started, 1),
        built_at=datetime.now().isoformat(),
        file_mb=round((target / "desk_app.db").stat().st_size / 1e6, 1),
    )
    write_marker(target, summary)
    rows = ", ".join(f"{k} {v:,}" for k, v in summary["rows"].items())
    print(f"built in {summary['seconds']} s: {rows}; {summary['file_mb']} MB")
    print("by state: " + ", ".join(f"{k} {v:,}" for k, v in sorted(summary["by_state"].items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
