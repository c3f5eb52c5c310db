"""GUI shell benchmark (run by hand): start-up against a bare PySide6 window, and the dossier list's queries.

    .venv/bin/python bench/bench_gui.py [--data-dir DIR] [--runs 5]

The database: ``--data-dir``, else ``$DESK_APP_BENCH_DIR``, else the first ``bench/.cache/*/desk_app.db``
(bench/build_db.py builds a 1,000,000-dossier one there).

Measured, medians of ``--runs``:
- start-up: wall time of the whole ``desk-app gui --exit-when-ready`` subprocess (until the first page of
  dossiers is painted) vs a bare ``QApplication`` + ``QMainWindow`` script shown until its first paint.
  Goal: within 2x of the bare window.
- the list's service queries (``services.dossier_query``): count, first page, last page (read backwards),
  middle page, first page of each sort; and a raw sqlite3 first page as the baseline. Goal: first page < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import child_env  # noqa: E402

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget
t0 = time.perf_counter()
app = QApplication(sys.argv[:1])
win = QMainWindow()
table = QTableWidget(30, 6)
win.setCentralWidget(table)
win.resize(1280, 800)
class Painted(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print(int((time.perf_counter() - t0) * 1000)), app.quit()))
            table.viewport().removeEventFilter(self)
        return False
f = Painted()
table.viewport().installEventFilter(f)
win.show()
app.exec()
"""


EAGER = (
    "import sys; import desk_app.gui.app as a; a.DEFER_PAGES = False; "
    "from desk_app.cli import main; raise SystemExit(main(sys.argv[1:]))"
)


# The app without the CLI in front of it (argparse and every command module), to show what the CLI costs.
DIRECT = (
    "import sys; from pathlib import Path; from desk_app.gui.app import run; "
    "raise SystemExit(run(Path(sys.argv[1]), exit_when_ready=True))"
)


# The shell alone: run() without the CLI and without the sign-in step (desk_app.gui.login).
SHELL_ONLY = (
    "import sys; from pathlib import Path; import desk_app.gui.app as a; "
    "a._sign_in = lambda *args: a._NoSession(); "
    "raise SystemExit(a.run(Path(sys.argv[1]), exit_when_ready=True))"
)


def find_data_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("DESK_APP_BENCH_DIR")
    if env:
        return Path(env)
    cache = ROOT / "bench" / ".cache"
    found = sorted(cache.glob("*/desk_app.db")) + sorted(cache.glob("desk_app.db"))
    if not found:
        raise SystemExit("no database: pass --data-dir (or build one with bench/build_db.py)")
    return found[0].parent


def wall(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    elapsed = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed, proc.stdout.strip()


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description="GUI shell benchmark")
    parser.add_argument("--data-dir")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    data_dir = find_data_dir(args.data_dir)
    env = child_env()

    from desk_app.services.lifecycle import dossier_query as dq
    from desk_app.store.db import open_database

    db = open_database(data_dir)
    total = dq.count(db)
    print(f"database: {data_dir} ({total:,} dossiers)")

    if not args.skip_startup:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            fh.write(BARE)
            bare_script = fh.name
        gui_args = ["--data-dir", str(data_dir), "gui", "--exit-when-ready"]
        app_cmd = [sys.executable, "-m", "desk_app", *gui_args]
        # The same, with every page module imported before the window shows (DEFER_PAGES off).
        eager_cmd = [sys.executable, "-c", EAGER, *gui_args]
        direct_cmd = [sys.executable, "-c", DIRECT, str(data_dir)]
        shell_cmd = [sys.executable, "-c", SHELL_ONLY, str(data_dir)]
        bare_cmd = [sys.executable, bare_script]
        wall(app_cmd, env)  # warm the OS file cache once for all
        wall(bare_cmd, env)
        app_runs, eager_runs, direct_runs, shell_runs, bare_runs, inner = [], [], [], [], [], []
        for _ in range(args.runs):  # interleaved, so all see the same machine load
            ms, out = wall(app_cmd, env)
            app_runs.append(ms)
            inner.append(int(out.splitlines()[-1]))
            eager_runs.append(wall(eager_cmd, env)[0])
            direct_runs.append(wall(direct_cmd, env)[0])
            shell_runs.append(wall(shell_cmd, env)[0])
            bare_runs.append(wall(bare_cmd, env)[0])
        os.unlink(bare_script)
        app_ms, bare_ms = statistics.median(app_runs), statistics.median(bare_runs)
        eager_ms = statistics.median(eager_runs)
        print(
            f"start-up, whole process:  desk-app gui {app_ms:7.0f} ms   bare window {bare_ms:7.0f} ms   "
            f"ratio {app_ms / bare_ms:4.2f}x (goal <= 2x)"
        )
        print(f"  desk-app's own figure, run() to painted data: {statistics.median(inner):.0f} ms")
        direct_ms = statistics.median(direct_runs)
        print(
            f"  gui.app.run() called directly, without the CLI:   {direct_ms:7.0f} ms   "
            f"ratio {direct_ms / bare_ms:4.2f}x"
        )
        shell_ms = statistics.median(shell_runs)
        print(
            f"  ... and without the sign-in step (the shell alone): {shell_ms:7.0f} ms   ratio {shell_ms / bare_ms:4.2f}x"
        )
        print(
            f"  with every page module imported before showing: {eager_ms:7.0f} ms   "
            f"ratio {eager_ms / bare_ms:4.2f}x"
        )

    runs = max(args.runs, 5)
    flt = dq.DossierFilter()
    results = {
        "count": median_ms(lambda: dq.count(db, flt), runs),
        "first page": median_ms(lambda: dq.page(db, flt, offset=0, total=total), runs),
        "last page": median_ms(
            lambda: dq.page(db, flt, offset=max(0, total - dq.PAGE_SIZE), total=total), runs
        ),
        "middle page": median_ms(lambda: dq.page(db, flt, offset=total // 2, total=total), runs),
    }
    for key in dq.SORTS:
        results[f"first page by {key}"] = median_ms(lambda k=key: dq.page(db, flt, sort=k, total=total), runs)
    results["first page, state filter"] = median_ms(
        lambda: dq.page(db, dq.DossierFilter(state="in_progress"), sort="due_at", descending=False), runs
    )
    raw = sqlite3.connect(str(data_dir / "desk_app.db"))
    sql = (
        "SELECT d.id, d.code, a.full_name, p.code, p.name, d.received_at, d.due_at, d.state FROM dossiers d "
        "JOIN applicants a ON a.id = d.applicant_id JOIN procedures p ON p.id = d.procedure_id "
        "ORDER BY d.received_at DESC, d.id DESC LIMIT 200"
    )
    baseline = median_ms(lambda: raw.execute(sql).fetchall(), runs)
    raw.close()
    db.close()
    print(f"raw sqlite3 first page (baseline): {baseline:8.1f} ms")
    for name, ms in results.items():
        print(f"{name:32s} {ms:8.1f} ms   {ms / baseline:6.1f}x raw")
    ok = results["first page"] < 100
    print(f"first page under 100 ms: {'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
