"""Build (once) and cache a realistic 1,000,000-dossier database for the benchmarks.

    .venv/bin/python bench/build_db.py [--dossiers 1000000] [--name 1m] [--seed 11] [--today YYYY-MM-DD]
                                       [--per-day 800] [--force]

The result is a valid desk_app data directory, bench/.cache/<name>/ (gitignored): created by open_database
(schema and Alembic stamp), with the demo unit, four counters and the shipped catalog. Dossiers are spread
over the working days before --today (--per-day of them a day, so a million span about five years), each
with its applicant, documents, moves (dossier_events) and supplement episodes, made by the same code as
`desk-app demo` (desk_app.services.demo_life / demo_rows):

- the last working days (--rich-days, default 30) are planned dossier by dossier and cut at "now", so the
  open states (received, in progress, waiting for a supplement, result ready, ...) sit where they would;
- older days reuse a few thousand such planned lives as templates, moved by whole working days (all their
  times keep their place in office hours and their due dates stay those the calendar gives), with fresh
  codes, ids and applicants from a pool: a million unique lives would take Python ten times longer.

Rows go in with SQLAlchemy Core ``insert()`` in batches of --batch dossiers, one transaction each. Bulk rows
get no audit events; one ``bench.bulk_load`` event is appended at the end, so `desk-app audit verify` holds.
A marker file written last records the row counts: a later run with the same --dossiers reuses the database.
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

from common import cache_dir, read_marker, write_marker
from sqlalchemy import func, insert, select, update

from desk_app.domain.codes import format_code
from desk_app.domain.identity import mask_id
from desk_app.services import catalog, setup
from desk_app.services import demo_data as dd
from desk_app.services.calendar import calendar_from_session
from desk_app.services.demo import insert_rows, procedure_infos
from desk_app.services.demo_life import LifePlanner
from desk_app.services.demo_rows import DossierFactory, Rows
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
DOSSIER_TIMES = ("received_at", "due_at", "extended_due_at", "deadline_at", "finished_at", "returned_at",
                 "updated_at")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d$")
WEEKDAY_LOAD = (1.15, 1.05, 1.0, 1.0, 0.9, 0.8, 0.8)  # Monday .. Sunday (make-up Saturdays are quieter)
Rel = tuple[int, clock_time]  # (working days after the day received, time of day)


class StampRel(tuple):  # type: ignore[type-arg]
    """A "YYYY-MM-DDTHH:MM" text inside event data, kept relative like the other times."""


@dataclass
class Template:
    """A planned, finished dossier life, with its times relative to the working day it was received."""

    minute: int  # office minute of the day it was received (keeps the day's codes in time order)
    end: int  # working days from receipt to its last move
    action: str  # its first move: receive, guide or refuse (at the counter)
    dossier: dict[str, Any]
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]
    episodes: list[dict[str, Any]]


class Builder:
    def __init__(self, db: Database, args: argparse.Namespace) -> None:
        self.db, self.args = db, args
        self.rng = random.Random(args.seed)
        today = args.today
        with db.session() as s:
            cal = calendar_from_session(s)
            self.procs = procedure_infos(s)
        days_needed = -(-args.dossiers // args.per_day)
        first = today
        while days_needed > 0:
            first -= timedelta(days=1)
            days_needed -= cal.is_working_day(first)
        self.first = first
        self.planner = LifePlanner(cal, first, datetime.combine(today, clock_time(0, 0)))
        self.clock = self.planner.clock
        self.M = self.clock.per_day
        self.start_day, self.end_day = self.planner.start // self.M, self.planner.horizon // self.M
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
        self.factory = DossierFactory(self.planner, self.procs, unit_id=self.unit_id, agency=self.agency,
                                      counter_ids=counter_ids, seed=args.seed, token_prefix="bench", reuse=0.3)
        self.history_from = self.end_day - args.history_days if args.history_days else 0
        self.templates: list[Template] = []
        self.ends: list[int] = []
        self.pending = Rows()
        self.totals: Tally[str] = Tally()

    # -- applicants ----------------------------------------------------------------------------------------
    def make_pool(self, size: int) -> None:
        """Applicants shared by the templated dossiers (people come back to the counter over the years)."""
        on = self.args.today
        for _ in range(size):
            person = dd.make_person(self.rng, on, (18, 85), email_chance=0.15)
            pid = self.factory.next_id("applicant")
            self.factory.people.append((pid, person))
            self.pending.applicants.append({
                "id": pid, "full_name": person.full_name, "id_number": person.id_number,
                "old_id_number": person.old_id_number, "birth_date": person.birth_date, "gender": person.gender,
                "address": person.address, "phone": person.phone, "email": person.email,
                "folded_name": person.folded_name,
            })

    # -- templates ----------------------------------------------------------------------------------------
    def make_templates(self, count: int) -> None:
        """Plan ``count`` lives early in the window (where the horizon cuts none of them) and keep them relative."""
        maker = DossierFactory(self.planner, self.procs, unit_id=self.unit_id, agency=self.agency,
                               counter_ids={n: 0 for n in COUNTERS}, seed=self.args.seed + 1, reuse=1.0)
        maker.people = self.factory.people[:1000]
        lo = self.planner.start
        hi = min(self.planner.horizon - 150 * self.M, lo + 200 * self.M)
        rows = maker.render([maker.natural(self.planner.random_w(self.rng, lo, hi)) for _ in range(count)])
        docs = _by_dossier(rows.documents)
        events = _by_dossier(rows.events)
        episodes = _by_dossier(rows.episodes)
        for d in rows.dossiers:
            base = self.clock.day_index(d["received_at"].date())

            def rel(value: datetime | None, base: int = base) -> Rel | None:
                return None if value is None else (self.clock.day_index(value.date()) - base, value.time())

            def rel_data(data: dict[str, Any] | None, rel: Any = rel) -> dict[str, Any] | None:
                if not data:
                    return data
                return {k: StampRel(rel(datetime.strptime(v, "%Y-%m-%dT%H:%M")))
                        if isinstance(v, str) and STAMP.match(v) else v for k, v in data.items()}

            dossier = {k: rel(v) if k in DOSSIER_TIMES else v for k, v in d.items()}
            evs = [{**e, "at": rel(e["at"]), "data": rel_data(e["data"])} for e in events.get(d["id"], [])]
            eps = [{**e, "requested_at": rel(e["requested_at"]), "received_at": rel(e["received_at"])}
                   for e in episodes.get(d["id"], [])]
            self.templates.append(Template(
                minute=self.clock.to_w(d["received_at"]) % self.M, end=max(e["at"][0] for e in evs),
                action=evs[0]["action"], dossier=dossier, documents=docs.get(d["id"], []), events=evs,
                episodes=eps,
            ))
        self.templates.sort(key=lambda t: t.end)
        self.ends = [t.end for t in self.templates]

    def clone(self, t: Template, day: int) -> None:
        """One dossier received on working day ``day``, living the template's life."""
        f, rows, days = self.factory, self.pending, self.clock.days

        def at(value: Rel | None) -> datetime | None:
            return None if value is None else datetime.combine(days[day + value[0]], value[1])

        received = datetime.combine(days[day], t.dossier["received_at"][1])
        counter = self.rng.choice(COUNTERS)
        did = f.next_id("dossier")
        d = {k: at(v) if k in DOSSIER_TIMES else v for k, v in t.dossier.items()}
        d["id"], d["client_token"], d["counter_id"] = did, f"bench-{did:07d}", f.counter_ids[counter]
        pid, person = f.people[self.rng.randrange(len(f.people))]
        d["applicant_id"] = pid
        code = slip = None
        if t.action == "receive":
            code = format_code(self.agency, received.date(), f.number(self.agency, received.date(), counter))
            f.book[received.year] = f.book.get(received.year, 0) + 1
            d["book_seq"] = f.book[received.year]
        else:
            prefix = "HD" if t.action == "guide" else "TC"
            slip = f"{prefix}-{received:%y%m%d}-{f.number(prefix, received.date(), counter):04d}"
        d["code"] = code
        receiver = d["receiver"]
        if receiver is not None and receiver.get("relation") == "self":
            d["receiver"] = receiver = {**receiver, "name": person.full_name, "id_number": person.id_number}
        rows.dossiers.append(d)
        for doc in t.documents:
            rows.documents.append({**doc, "id": f.next_id("document"), "dossier_id": did})
        if day < self.history_from:
            return
        for e in t.events:
            data = e["data"]
            if data:
                data = {k: _stamp(at(v)) if isinstance(v, StampRel) else v for k, v in data.items()}
                if "number" in data:
                    data["number"] = code or slip
                    data["counter"] = counter
                if e["action"] == "return" and receiver is not None:
                    data["receiver"] = {**receiver, "id_number": mask_id(receiver["id_number"])}
            rows.events.append({**e, "id": f.next_id("event"), "dossier_id": did, "at": at(e["at"]), "data": data})
        for ep in t.episodes:
            rows.episodes.append({**ep, "id": f.next_id("episode"), "dossier_id": did,
                                  "requested_at": at(ep["requested_at"]), "received_at": at(ep["received_at"])})

    # -- the load -----------------------------------------------------------------------------------------
    def day_counts(self) -> list[tuple[int, int]]:
        """(working day index, dossiers received that day), adding up to --dossiers."""
        days = range(self.start_day, self.end_day)
        weights = [WEEKDAY_LOAD[self.clock.days[i].weekday()] * self.rng.uniform(0.85, 1.15) for i in days]
        total = sum(weights)
        counts = [int(self.args.dossiers * w / total) for w in weights]
        for k in self.rng.sample(range(len(counts)), self.args.dossiers - sum(counts)):
            counts[k] += 1
        return list(zip(days, counts, strict=True))

    def suspend_index_triggers(self) -> list[str]:
        """Drop the triggers that feed full-text indexes row by row; return their SQL to restore them.

        One 'rebuild' of each index at the end costs a fraction of a million per-row trigger runs.
        """
        with self.db.engine.begin() as conn:
            found = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%AFTER INSERT ON%'"
                " AND sql LIKE '%fts%'"
            ).all()
            for name, _sql in found:
                conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        return [sql for _name, sql in found]

    def restore_index_triggers(self, triggers: list[str]) -> None:
        with self.db.engine.begin() as conn:
            tables = [r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")]
            for table in tables:
                conn.exec_driver_sql(f'INSERT INTO "{table}"("{table}") VALUES (\'rebuild\')')
            for sql in triggers:
                conn.exec_driver_sql(sql)

    def run(self) -> None:
        started = time.perf_counter()
        triggers = self.suspend_index_triggers()
        self.make_pool(min(self.args.pool, max(1000, self.args.dossiers // 4)))
        rich_from = self.end_day - self.args.rich_days
        if self.end_day - self.start_day < 250:  # too short a span to copy lives around: plan every one
            rich_from = self.start_day
        else:
            self.make_templates(self.args.templates)
        print(f"  planned {len(self.templates)} templates, {len(self.factory.people)} applicants "
              f"({time.perf_counter() - started:.1f} s)", flush=True)
        for day, n in self.day_counts():
            if day >= rich_from:
                picked = [self.factory.natural(self.planner.random_w(self.rng, day * self.M, (day + 1) * self.M))
                          for _ in range(n)]
                rich = self.factory.render(picked)
                for name in ("applicants", "dossiers", "documents", "events", "episodes"):
                    getattr(self.pending, name).extend(getattr(rich, name))
            else:
                # Near the horizon only lives that are over by then may be copied (the rich days hold the rest).
                k = bisect.bisect_left(self.ends, self.end_day - day) if day + self.ends[-1] >= self.end_day \
                    else len(self.templates)
                chosen = sorted((self.templates[self.rng.randrange(max(k, 1))] for _ in range(n)),
                                key=lambda t: t.minute)
                for t in chosen:
                    self.clone(t, day)
            if len(self.pending.dossiers) >= self.args.batch:
                self.flush(started)
        self.flush(started)
        self.restore_index_triggers(triggers)
        print(f"  search index rebuilt  {time.perf_counter() - started:6.1f} s", flush=True)

    def flush(self, started: float) -> None:
        rows, self.pending = self.pending, Rows()
        with self.db.engine.begin() as conn:
            insert_rows(conn, rows)
        for name in ("applicants", "dossiers", "documents", "events", "episodes"):
            self.totals[name] += len(getattr(rows, name))
        print(f"  {self.totals['dossiers']:>9,} dossiers  {time.perf_counter() - started:6.1f} s", flush=True)

    def finish(self, seconds: float) -> dict[str, Any]:
        with self.db.transaction() as s:
            s.execute(insert(CodeSequence), self.factory.code_sequences())
            uses = s.execute(select(Dossier.procedure_id, func.count()).group_by(Dossier.procedure_id)).all()
            for proc_id, n in uses:
                s.execute(update(Procedure).where(Procedure.id == proc_id).values(use_count=n))
            counts = {name: s.scalar(select(func.count()).select_from(model)) for name, model in (
                ("dossiers", Dossier), ("applicants", Applicant), ("documents", DossierDocument),
                ("events", DossierEvent), ("supplement_episodes", SupplementEpisode))}
            by_state = dict(s.execute(select(Dossier.state, func.count()).group_by(Dossier.state)).all())
            audit.record(s, "bench.bulk_load", actor="bench", entity="database", entity_id=self.args.name,
                         detail={"rows": counts, "seed": self.args.seed, "today": self.args.today.isoformat()})
        return {"dossiers": counts["dossiers"], "rows": counts, "by_state": by_state, "seed": self.args.seed,
                "today": self.args.today.isoformat(), "first_day": self.first.isoformat(),
                "per_day": self.args.per_day, "seconds": round(seconds, 1), "built_at": datetime.now().isoformat()}


def _by_dossier(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["dossier_id"], []).append(row)
    return out


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dossiers", type=int, default=1_000_000)
    p.add_argument("--name", default="1m", help="folder under bench/.cache")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--today", type=date.fromisoformat, default=date.today(), help="the day the load ends before")
    p.add_argument("--per-day", type=int, default=800, help="dossiers per working day (sets the time span)")
    p.add_argument("--rich-days", type=int, default=30, help="last working days planned dossier by dossier")
    p.add_argument("--templates", type=int, default=6000)
    p.add_argument("--history-days", type=int, default=250,
                   help="working days before --today whose dossiers get their full history of moves (0: all)")
    p.add_argument("--pool", type=int, default=150_000, help="applicants shared by the templated dossiers")
    p.add_argument("--batch", type=int, default=50_000, help="dossiers per insert transaction")
    p.add_argument("--force", action="store_true", help="rebuild even if a complete build is cached")
    args = p.parse_args()

    target = cache_dir(args.name)
    marker = read_marker(target)
    if marker and marker.get("dossiers") == args.dossiers and not args.force:
        print(f"reusing {target} ({marker['dossiers']:,} dossiers, built {marker.get('built_at', '?')} "
              f"in {marker.get('seconds', '?')} s); --force rebuilds")
        return 0
    if target.exists():
        shutil.rmtree(target)
    print(f"building {args.dossiers:,} dossiers in {target}", flush=True)
    started = time.perf_counter()
    db = open_database(target)
    try:
        setup.init_unit(db, dd.AGENCY_CODE, dd.UNIT_NAME, province=dd.PROVINCE, address=dd.UNIT_ADDRESS,
                        counter=1, actor="bench")
        catalog.import_seed(db)
        builder = Builder(db, args)
        builder.run()
        summary = builder.finish(time.perf_counter() - started)
        with db.session() as s:
            chain = audit.verify(s)
            assert chain.ok, chain.problem
    finally:
        db.close()
    summary["seconds"] = round(time.perf_counter() - started, 1)
    summary["file_mb"] = round((target / "desk_app.db").stat().st_size / 1e6, 1)
    write_marker(target, summary)
    rows = ", ".join(f"{k} {v:,}" for k, v in summary["rows"].items())
    print(f"built in {summary['seconds']} s: {rows}; {summary['file_mb']} MB")
    print("by state: " + ", ".join(f"{k} {v:,}" for k, v in sorted(summary["by_state"].items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
