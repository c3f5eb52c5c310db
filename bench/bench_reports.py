"""Reports benchmark (run by hand): every report kind for a quarter and a year over the 1,000,000-dossier
database, each beside one hand-written SQL aggregate of the same II.06a figures, timed in the same run.

    .venv/bin/python bench/bench_reports.py [--name 1m | --data-dir DIR] [--runs 5] [--no-gui]

Measured (medians, interleaved with the baseline by bench/common.compare):

- ``build_report(kind, period)`` for ii06a, counter, quality and weekly, for 2026-Q3 and 2026 (reporting
  windows), by unit; and II.06a by procedure and by officer for the quarter. Goal < 2 s each and within 3x
  of the baseline.
- baseline: one raw sqlite3 statement that counts the eleven II.06a columns for the same window, over
  the same index-friendly population (received in the period, finished after its start, or open), with
  timeliness compared by day and ignoring supplement pauses (what a hand-written report query does).
- the Reports page opening on the current month (offscreen): from creating the page to its table filled
  (computed on the runner, the GUI thread free; the trend chart fills afterwards and is let finish before
  the next sample). Goal < 500 ms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from common import DEFAULT_NAME, Timing, compare, fmt_time, print_table, read_marker, require_db

from desk_app.domain.periods import Period, parse_period
from desk_app.services.reports.report import build_report
from desk_app.store.db import open_database

BASELINE_SQL = """
SELECT COUNT(*),
  SUM(received_at >= :s AND channel = 'online'),
  SUM(received_at >= :s AND channel <> 'online'),
  SUM(received_at < :s),
  SUM(finished_at < :e),
  SUM(finished_at < :e AND (supplement_count <= 1 AND substr(finished_at, 1, 10) < substr(due_at, 1, 10))),
  SUM(finished_at < :e AND (due_at IS NULL OR (supplement_count <= 1 AND finished_at <= due_at
      AND substr(finished_at, 1, 10) = substr(due_at, 1, 10)))),
  SUM(finished_at < :e AND (supplement_count > 1 OR finished_at > due_at)),
  SUM(finished_at IS NULL OR finished_at >= :e),
  SUM((finished_at IS NULL OR finished_at >= :e) AND (due_at IS NULL OR (supplement_count <= 1 AND :c <= due_at))),
  SUM((finished_at IS NULL OR finished_at >= :e) AND (supplement_count > 1 OR :c > due_at))
FROM (
  SELECT received_at, channel, finished_at, due_at, supplement_count FROM dossiers
   WHERE code IS NOT NULL AND received_at >= :s AND received_at < :e
  UNION ALL
  SELECT received_at, channel, finished_at, due_at, supplement_count FROM dossiers
   WHERE code IS NOT NULL AND finished_at >= :s AND received_at < :s
  UNION ALL
  SELECT received_at, channel, finished_at, due_at, supplement_count FROM dossiers
   WHERE code IS NOT NULL AND finished_at IS NULL AND received_at < :s
     AND state IN ('received', 'in_progress', 'supplement_requested', 'payment_requested', 'withdrawal_requested')
)
"""


def window(period: Period, now: datetime) -> dict[str, str]:
    start = datetime.combine(period.start, clock_time(0, 0))
    end = datetime.combine(period.end + timedelta(days=1), clock_time(0, 0))
    fmt = "%Y-%m-%dT%H:%M"
    return {"s": start.strftime(fmt), "e": end.strftime(fmt), "c": min(now, end).strftime(fmt)}


def page_open(data_dir: Path, now: datetime, runs: int) -> Timing:
    """The Reports page on the current month: creation to table filled, offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desk_app.gui.context import GuiContext
    from desk_app.gui.reports_page import ReportsPage

    app = QApplication.instance() or QApplication([])
    db = open_database(data_dir)
    ctx = GuiContext(db)
    samples: list[float] = []
    for _ in range(runs + 1):
        done: list[float] = []
        start = time.perf_counter()
        page = ReportsPage(ctx, today=now.date())
        page.reportShown.connect(lambda *_, d=done: d.append(time.perf_counter()))
        page.activate(None)
        deadline = time.perf_counter() + 30
        while not done and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        samples.append(done[0] - start if done else float("inf"))
        ctx.runner.wait_idle(120000)  # the page's trend chart finishes before the next page opens
        app.processEvents()
        page.deleteLater()
        app.processEvents()
    samples = sorted(samples[1:])
    return Timing("Reports page: current month shown", samples[len(samples) // 2], goal="< 500 ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default=DEFAULT_NAME)
    parser.add_argument("--data-dir")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-gui", action="store_true")
    args = parser.parse_args()
    data_dir = require_db(args.name, args.data_dir)
    marker = read_marker(data_dir) or {}
    today = datetime.fromisoformat(marker.get("today", datetime.now().date().isoformat()))
    now = today.replace(hour=10)
    db = open_database(data_dir)  # upgrades a database built before the reports migration, once
    raw = sqlite3.connect(data_dir / "desk_app.db")
    rows: list[Timing] = []
    for code in ("2026-Q3", "2026"):
        period = parse_period(code)
        params = window(period, now)
        base = lambda p=params: raw.execute(BASELINE_SQL, p).fetchone()  # noqa: E731
        ours = build_report(db, "ii06a", period, now=now).total.values
        print(f"{code}: II.06a {dict(ours)}", file=sys.stderr)
        print(f"{code}: baseline {base()}", file=sys.stderr)
        cases = [(kind, "unit") for kind in ("ii06a", "counter", "quality", "weekly")]
        if code == "2026-Q3":
            cases += [("ii06a", "procedure"), ("ii06a", "officer")]
        for kind, by in cases:
            rows.append(
                compare(
                    f"{code} {kind} by {by}",
                    lambda k=kind, b=by, p=period: build_report(db, k, p, b, now=now),
                    "raw SQL II.06a aggregate",
                    base,
                    runs=args.runs,
                    warmup=1,
                    goal="< 2 s, < 3x",
                )
            )
            last = rows[-1]
            print(f"  {last.label}: {fmt_time(last.median)} vs {fmt_time(last.baseline)}", file=sys.stderr)
    if not args.no_gui:
        rows.append(page_open(data_dir, now, args.runs))
    print_table(rows, f"Reports over {marker.get('dossiers', '?'):,} dossiers (today {today:%Y-%m-%d})")
    for r in rows:
        print(f"  {r.label}: {fmt_time(r.median)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
