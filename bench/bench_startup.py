"""Start-up of the desk against a bare PySide6 window, side by side (run by hand, never in CI).

    .venv/bin/python bench/bench_startup.py [--runs 7] [--data-dir DIR]

Without ``--data-dir`` a demo commune is made in a temporary folder (``desk-app demo``) with an admin account,
as a commune PC has after its first start. The two programs run alternately, ``--runs`` times each, so both see
the same machine load:

- the app: ``python -m desk_app --data-dir D gui --exit-when-ready``: the whole process, from exec to the first
  page of dossiers painted (the sign-in answered from DESK_APP_USER/DESK_APP_PASSWORD, as scripts do);
- the baseline: a bare ``QApplication`` + ``QMainWindow`` with a ``QTableWidget``, shown until its first paint.

Printed: median wall time and median peak resident memory (the child's ``ru_maxrss``) of each, and the ratios.
Goal (issue 9): within 2.0x in time and 1.5x in peak memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_gui import BARE  # noqa: E402  (the same bare window as the shell benchmark)

USER, PASSWORD = "admin", "bench-startup-1"


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, peak RSS MiB) of one child process, which must succeed."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - t0) * 1000
    _, err = proc.communicate()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def make_demo(folder: Path, env: dict[str, str]) -> Path:
    data = folder / "demo"
    subprocess.run(
        [sys.executable, "-m", "desk_app", "--data-dir", str(data), "demo"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desk_app",
            "--data-dir",
            str(data),
            "user",
            "add",
            USER,
            "--role",
            "admin",
            "--full-name",
            "Quản trị",
        ],
        env={**env, "DESK_APP_NEW_PASSWORD": PASSWORD},
        check=True,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", help="an existing data directory (default: a fresh demo commune)")
    args = parser.parse_args()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPATH": str(ROOT),
        "DESK_APP_USER": USER,
        "DESK_APP_PASSWORD": PASSWORD,
    }
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(args.data_dir) if args.data_dir else make_demo(Path(tmp), env)
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        app_cmd = [sys.executable, "-m", "desk_app", "--data-dir", str(data), "gui", "--exit-when-ready"]
        bare_cmd = [sys.executable, str(bare_script)]
        run_measured(app_cmd, env)  # warm the file cache for both
        run_measured(bare_cmd, env)
        app, bare = [], []
        for _ in range(args.runs):
            app.append(run_measured(app_cmd, env))
            bare.append(run_measured(bare_cmd, env))
    app_ms, bare_ms = statistics.median(a[0] for a in app), statistics.median(b[0] for b in bare)
    app_mb, bare_mb = statistics.median(a[1] for a in app), statistics.median(b[1] for b in bare)
    print(f"runs: {args.runs} alternating; data: {'demo commune' if not args.data_dir else data}")
    print(
        f"start-up   desk-app gui {app_ms:6.0f} ms   bare window {bare_ms:6.0f} ms   "
        f"ratio {app_ms / bare_ms:4.2f}x (goal <= 2.0x)"
    )
    print(
        f"peak RSS   desk-app gui {app_mb:6.1f} MiB  bare window {bare_mb:6.1f} MiB  "
        f"ratio {app_mb / bare_mb:4.2f}x (goal <= 1.5x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
