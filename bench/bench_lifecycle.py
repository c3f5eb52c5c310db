"""Lifecycle benchmark (run by hand): open-by-barcode, search as you type, queue counts, each beside raw SQL.

    .venv/bin/python bench/bench_lifecycle.py [--name 1m | --data-dir DIR] [--runs 30] [--no-gui]

The database: bench/.cache/<name> built by bench/build_db.py (1,000,000 dossiers for ``1m``).

Measured, medians, each interleaved with its baseline in the same run (bench/common.compare):

- open by barcode: ``dossier_view.show(code)`` (code lookup, the dossier with applicant, procedure,
  documents, moves, supplements, prints and audit trail, the calendar, the JSON-ready dict) vs raw sqlite3
  reading the same rows (dossier+applicant+procedure by code, documents, events, supplements, audit).
  Goal < 50 ms end to end in the GUI process: also measured there, from the scanner's Enter to the dossier
  page's ``loaded`` signal (wedge, runner thread, widgets filled), offscreen.
- search as you type: ``dossier_view.find`` for every prefix of "nguyen thi h" (what a clerk's keystrokes
  ask), and for a phone prefix, an ID number, a code suffix and a rare name, vs the same FTS5 queries in raw
  sqlite3 (the ids only); a LIKE scan of
  the folded names for scale. Goal < 100 ms.
- queue counts refresh: ``queues.counts`` (six index-range counts) vs the same six counts in raw sqlite3;
  and the queues page's whole background refresh (counts, warnings, one queue's list). Goal < 200 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from common import DEFAULT_NAME, Timing, compare, fmt_time, print_table, require_db

from desk_app.services.lifecycle import dossier_view, queues
from desk_app.services.lifecycle.search import match_expressions
from desk_app.store.db import open_database

NAME_QUERY = "nguyen thi h"


def sample_codes(raw: sqlite3.Connection, n: int, seed: int = 5) -> list[str]:
    top = raw.execute("SELECT max(id) FROM dossiers").fetchone()[0]
    rnd = random.Random(seed)
    codes: list[str] = []
    while len(codes) < n:
        row = raw.execute(
            "SELECT code FROM dossiers WHERE id >= ? AND code IS NOT NULL LIMIT 1", (rnd.randint(1, top),)
        ).fetchone()
        if row:
            codes.append(row[0])
    return codes


def raw_open(raw: sqlite3.Connection, code: str) -> Any:
    d = raw.execute(
        "SELECT d.*, a.*, p.code, p.name FROM dossiers d JOIN applicants a ON a.id = d.applicant_id "
        "JOIN procedures p ON p.id = d.procedure_id WHERE d.code = ?",
        (code,),
    ).fetchone()
    dossier_id = d[0]
    return (
        d,
        raw.execute(
            "SELECT * FROM dossier_documents WHERE dossier_id = ? ORDER BY position", (dossier_id,)
        ).fetchall(),
        raw.execute(
            "SELECT * FROM dossier_events WHERE dossier_id = ? ORDER BY id", (dossier_id,)
        ).fetchall(),
        raw.execute("SELECT * FROM supplement_episodes WHERE dossier_id = ?", (dossier_id,)).fetchall(),
        raw.execute(
            "SELECT * FROM audit_events WHERE entity = 'dossier' AND entity_id = ?", (str(dossier_id),)
        ).fetchall(),
    )


def raw_counts(raw: sqlite3.Connection, cut: dict[str, str]) -> list[int]:
    """The six queue counts in plain SQL, cut at the same moments as the service (``cut``)."""
    running = "state IN ('in_progress', 'payment_requested', 'received')"
    sqls = [
        (
            f"SELECT count(*) FROM dossiers WHERE {running} AND deadline_at >= ? AND deadline_at < ?",
            (cut["now"], cut["tomorrow"]),
        ),
        (
            f"SELECT count(*) FROM dossiers WHERE {running} AND deadline_at >= ? AND deadline_at < ?",
            (cut["tomorrow"], cut["horizon"]),
        ),
        (f"SELECT count(*) FROM dossiers WHERE {running} AND deadline_at < ?", (cut["now"],)),
        ("SELECT count(*) FROM dossiers WHERE state = 'supplement_requested'", ()),
        ("SELECT count(*) FROM dossiers WHERE state = 'result_ready'", ()),
        (
            "SELECT count(*) FROM dossiers WHERE returned_at >= ? AND returned_at < ?",
            (cut["today"], cut["tomorrow"]),
        ),
    ]
    return [raw.execute(sql, params).fetchone()[0] for sql, params in sqls]


def raw_fts(raw: sqlite3.Connection, query: str, limit: int = 50) -> list[int]:
    """The FTS5 part of a search in plain sqlite3: the same expressions, stopping once ``limit`` ids are in."""
    ids: list[int] = []
    for expression in match_expressions(query):
        ids += [
            r[0]
            for r in raw.execute(
                "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                (expression, limit),
            )
        ]
        if len(ids) >= limit:
            break
    return ids[:limit]


def gui_open_by_scan(data_dir: Path, codes: list[str], runs: int) -> list[float]:
    """Seconds from the scanner's Enter to the dossier page showing the dossier, in a real MainWindow."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from desk_app.gui import barcode_wedge
    from desk_app.gui.app import make_app
    from desk_app.gui.context import GuiContext
    from desk_app.gui.main_window import MainWindow

    app = make_app()
    db = open_database(data_dir)
    ctx = GuiContext(db, data_dir, user="bench")
    window = MainWindow(ctx, unit_name="bench")
    window.show()
    wedge = barcode_wedge.install(ctx)
    ticks = itertools.count(step=2)
    wedge.clock = lambda: float(next(ticks))  # scanner speed, whatever the machine load
    page = window.page("dossier")
    window.page("queues")  # built as the app does at start-up (counts, warnings), not shown
    # The scan lands in a text field. (Not the dossier list's table: typing into a QTableView starts its
    # keyboard search, which walks the lazily loaded million-row model.)
    target = page.code_edit
    out: list[float] = []
    for i, code in enumerate(itertools.islice(itertools.cycle(codes), runs + 2)):
        for ch in code:
            QApplication.sendEvent(
                target,
                QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
            )
        loop = QEventLoop()
        page.loaded.connect(loop.quit)
        QTimer.singleShot(10000, loop.quit)
        start = time.perf_counter()
        QApplication.sendEvent(
            target,
            QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"),
        )
        if not (page.data and page.data["code"] == code):
            loop.exec()
        elapsed = time.perf_counter() - start
        page.loaded.disconnect(loop.quit)
        assert page.data and page.data["code"] == code, code
        if i >= 2:
            out.append(elapsed)
    ctx.runner.shutdown()
    window.close()
    db.close()
    app.processEvents()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default=DEFAULT_NAME)
    parser.add_argument("--data-dir")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-gui", action="store_true")
    args = parser.parse_args()
    data_dir = require_db(args.name, args.data_dir)
    db = open_database(data_dir)
    raw = sqlite3.connect(str(data_dir / "desk_app.db"))
    total = raw.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    print(f"database: {data_dir} ({total:,} dossiers)")
    codes = sample_codes(raw, 40)
    rows: list[Timing] = []

    # -- open by barcode ------------------------------------------------------------------------------
    cycle_a, cycle_b = itertools.cycle(codes), itertools.cycle(codes)
    rows.append(
        compare(
            "open: show(code)",
            lambda: dossier_view.show(db, next(cycle_a)),
            "raw sqlite3, same rows",
            lambda: raw_open(raw, next(cycle_b)),
            runs=args.runs,
            goal="< 50 ms",
        )
    )

    # -- search as you type ---------------------------------------------------------------------------
    prefixes = [NAME_QUERY[:i] for i in range(1, len(NAME_QUERY) + 1) if not NAME_QUERY[:i].endswith(" ")]
    worst: tuple[float, str] = (0.0, "")
    for prefix in prefixes:
        t = compare(
            f"find {prefix!r}",
            lambda p=prefix: dossier_view.find(db, p),
            "raw FTS5 ids",
            lambda p=prefix: raw_fts(raw, p),
            runs=max(5, args.runs // 3),
            goal="< 100 ms",
        )
        worst = max(worst, (t.median, prefix))
        if prefix in ("n", "nguyen", NAME_QUERY):
            rows.append(t)
    print(f"search as you type, slowest keystroke: {worst[1]!r} {fmt_time(worst[0])}")
    probe = raw.execute(
        "SELECT a.phone, a.id_number, d.code FROM dossiers d JOIN applicants a "
        "ON a.id = d.applicant_id WHERE a.phone <> '' AND a.id_number <> '' "
        "ORDER BY d.id DESC LIMIT 1 OFFSET 1000"
    ).fetchone()
    rare = raw.execute(
        "SELECT folded_name FROM applicants WHERE folded_name <> '' GROUP BY folded_name HAVING count(*) = 1 LIMIT 1"
    ).fetchone()[0]
    for label, query in (
        ("phone prefix", probe[0][:6]),
        ("ID number", probe[1]),
        ("code suffix", probe[2][-11:]),
        ("a rare name", rare),
    ):
        rows.append(
            compare(
                f"find {label} {query!r}",
                lambda q=query: dossier_view.find(db, q),
                "raw FTS5 ids",
                lambda q=query: raw_fts(raw, q),
                runs=max(5, args.runs // 3),
                goal="< 100 ms",
            )
        )
    rows.append(
        compare(
            f"find {rare!r} (FTS)",
            lambda: dossier_view.find(db, rare),
            "LIKE scan of folded names",
            lambda: raw.execute(
                "SELECT d.id FROM dossiers d JOIN applicants a ON a.id = d.applicant_id WHERE a.folded_name "
                "LIKE ? ORDER BY d.id DESC LIMIT 50",
                (f"%{rare}%",),
            ).fetchall(),
            runs=5,
        )
    )

    # -- queue counts ---------------------------------------------------------------------------------
    now = datetime.now().replace(second=0, microsecond=0)
    with db.session() as s:
        w = queues.window(s, now)
    cut = {k: getattr(w, k).strftime("%Y-%m-%dT%H:%M") for k in ("now", "today", "tomorrow", "horizon")}
    counts = queues.counts(db, now)
    assert list(counts.values()) == raw_counts(raw, cut), (counts, raw_counts(raw, cut))
    rows.append(
        compare(
            "queue counts: counts()",
            lambda: queues.counts(db, now),
            "raw sqlite3, six counts",
            lambda: raw_counts(raw, cut),
            runs=args.runs,
            goal="< 200 ms",
        )
    )
    from_page = compare(
        "queues page refresh (counts, warnings, overdue list)",
        lambda: (
            queues.counts(db, now),
            queues.warnings(db, now, limit=50),
            queues.list_queue(db, "overdue", now),
        ),
        "raw sqlite3, six counts",
        lambda: raw_counts(raw, cut),
        runs=max(5, args.runs // 3),
        goal="< 200 ms",
    )
    rows.append(from_page)
    print(f"queue counts now: {counts}")

    # -- the GUI process ------------------------------------------------------------------------------
    if not args.no_gui:
        gui = sorted(gui_open_by_scan(data_dir, codes, max(10, args.runs // 2)))
        med = gui[len(gui) // 2]
        base = rows[0].baseline
        rows.insert(
            1,
            Timing(
                "open by scan in the GUI (Enter → page shown)", med, "raw sqlite3, same rows", base, "< 50 ms"
            ),
        )
    raw.close()
    db.close()
    print_table(rows, "\nlifecycle benchmark (medians; ratio = median / baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
