"""Storage benchmarks on the cached large database (build it first with bench/build_db.py).

    .venv/bin/python bench/bench_store.py [--name 1m | --data-dir DIR] [--runs 30]

Each figure is a median over --runs, measured alternately with its baseline in the same run:

1. Lookup of one dossier by code (unique index), the app's way: the ORM (``select(Dossier)`` in a
   ``db.session()``, as services.dossier_view.get_dossier does with its applicant and procedure) and
   SQLAlchemy Core on a pooled connection, each against the same SELECT in raw sqlite3. Goal: within 4x.
2. The dossier list: first page (200 rows by received_at, newest first) and the last page, through
   services.dossier_query (the GUI's list model) against one plain SQL query in raw sqlite3 (LIMIT/OFFSET,
   which for the last page has to walk the whole index). Goal: first page under 100 ms.
3. Dossiers by state (GROUP BY), SQLAlchemy ORM session against raw sqlite3.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys

from common import Timing, compare, print_table, require_db
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from desk_app.services.lifecycle import dossier_query
from desk_app.store.db import open_database
from desk_app.store.models import Dossier

BATCH = 100  # lookups per timed call: one lookup is tens of microseconds


def main() -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--name", default="1m", help="cached database under bench/.cache")
    p.add_argument("--data-dir", help="benchmark this data directory instead")
    p.add_argument("--runs", type=int, default=30)
    args = p.parse_args()
    data_dir = require_db(args.name, args.data_dir)
    db = open_database(data_dir, upgrade=False)
    raw = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    total = raw.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    print(f"{db.path}: {total:,} dossiers (SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]})")
    rng = random.Random(5)
    ids = ",".join(str(rng.randint(1, total)) for _ in range(4000))
    codes = [
        r[0] for r in raw.execute(f"SELECT code FROM dossiers WHERE code IS NOT NULL AND id IN ({ids})")
    ][:2000]
    columns = ", ".join(c.name for c in Dossier.__table__.columns)
    results: list[Timing] = []

    # 1. lookup by code --------------------------------------------------------------------------------
    position = {"i": 0}

    def next_codes() -> list[str]:
        i = position["i"]
        position["i"] = (i + BATCH) % (len(codes) - BATCH)
        return codes[i : i + BATCH]

    def raw_lookup() -> None:
        for code in next_codes():
            assert raw.execute(f"SELECT {columns} FROM dossiers WHERE code = ?", (code,)).fetchone()

    def orm_lookup() -> None:
        for code in next_codes():
            with db.session() as s:
                assert s.scalars(select(Dossier).where(Dossier.code == code)).first() is not None

    def orm_view_lookup() -> None:
        for code in next_codes():
            with db.session() as s:
                stmt = (
                    select(Dossier)
                    .options(joinedload(Dossier.applicant), joinedload(Dossier.procedure))
                    .where(Dossier.code == code)
                )
                assert s.scalars(stmt).first() is not None

    core_stmt = select(Dossier.__table__).where(Dossier.__table__.c.code == bindparam("code"))

    def core_lookup() -> None:
        with db.read_engine.connect() as conn:
            for code in next_codes():
                assert conn.execute(core_stmt, {"code": code}).first() is not None

    def per_lookup(t: Timing) -> Timing:
        t.median /= BATCH
        t.baseline = (t.baseline or 0) / BATCH
        return t

    runs = args.runs
    results.append(
        per_lookup(
            compare(
                "code lookup, ORM session", orm_lookup, "raw sqlite3", raw_lookup, runs=runs, goal="<= 4x"
            )
        )
    )
    results.append(
        per_lookup(
            compare(
                "code lookup, ORM + applicant, procedure",
                orm_view_lookup,
                "raw sqlite3",
                raw_lookup,
                runs=runs,
            )
        )
    )
    results.append(
        per_lookup(
            compare(
                "code lookup, Core connection",
                core_lookup,
                "raw sqlite3",
                raw_lookup,
                runs=runs,
                goal="<= 4x",
            )
        )
    )

    # 2. the dossier list ------------------------------------------------------------------------------
    list_sql = (
        "SELECT d.id, d.code, a.full_name, p.code, p.name, d.received_at,"
        " coalesce(d.deadline_at, d.extended_due_at, d.due_at), d.state"
        " FROM dossiers d JOIN applicants a ON a.id = d.applicant_id JOIN procedures p ON p.id = d.procedure_id"
        " ORDER BY d.received_at DESC, d.id DESC LIMIT 200 OFFSET ?"
    )
    size = dossier_query.PAGE_SIZE
    results.append(
        compare(
            "list first page (dossier_query)",
            lambda: dossier_query.page(db, offset=0, limit=size),
            "raw SQL, LIMIT 200",
            lambda: raw.execute(list_sql, (0,)).fetchall(),
            runs=runs,
            goal="< 100 ms",
        )
    )
    results.append(
        compare(
            "list total (dossier_query.count)",
            lambda: dossier_query.count(db),
            "raw count(*)",
            lambda: raw.execute("SELECT count(*) FROM dossiers").fetchone(),
            runs=max(5, runs // 3),
        )
    )
    results.append(
        compare(
            "list last page (dossier_query)",
            lambda: dossier_query.page(db, offset=total - size, limit=size, total=total),
            "raw SQL, OFFSET n-200",
            lambda: raw.execute(list_sql, (total - size,)).fetchall(),
            runs=max(5, runs // 3),
        )
    )

    # 3. dossiers by state -----------------------------------------------------------------------------
    def orm_by_state() -> None:
        with db.session() as s:
            dict(s.execute(select(Dossier.state, func.count()).group_by(Dossier.state)).all())

    results.append(
        compare(
            "count by state, ORM session",
            orm_by_state,
            "raw sqlite3",
            lambda: dict(raw.execute("SELECT state, count(*) FROM dossiers GROUP BY state").fetchall()),
            runs=max(5, runs // 3),
        )
    )

    print_table(results)
    raw.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
