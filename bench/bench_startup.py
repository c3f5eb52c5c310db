"""Start-up of the desk against a bare PySide6 window, side by side (run by hand, never in CI).

    .venv/bin/python bench/bench_startup.py [--runs 7] [--data-dir DIR]

Without ``--data-dir`` a demo commune is made in a temporary folder (``desk-app demo``). Each setting runs the
app and the baseline alternately, ``--runs`` times each, so both see the same machine load:

1. the demo commune as ``desk-app demo`` leaves it (no account yet: the setting issue 9 measured):
   ``desk-app gui --exit-when-ready``, the whole process from exec to the first page of dossiers painted
   and the exit, against the whole bare process;
2. then with an admin account, as a commune PC has after its first start: what the clerk sees first is the
   sign-in form (``--ready-at sign-in``), timed from exec to the moment it has painted (the line the child
   prints), against the bare window timed the same way;
3. the same PC with the sign-in answered from DESK_APP_USER/DESK_APP_PASSWORD (as scripts do) to the first
   page: printed for information: it adds the password check itself (argon2id, m=64 MiB, t=3, p=4, about
   a third of a second and 64 MiB by design) and the full store that counts the attempt.

The baseline is a bare ``QApplication`` + ``QMainWindow`` with a ``QTableWidget``, shown until its first paint.
Printed: median wall time and median peak resident memory (the child's ``ru_maxrss``) of each, and the ratios.
Goal (issue 9): within 2.0x in time (settings 1 and 2) and 1.5x in peak memory (setting 1).
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
from bench.common import child_env  # noqa: E402

USER, PASSWORD = "admin", "bench-startup-1"
DESK = [sys.executable, "-m", "desk_app"]


def run_measured(cmd: list[str], env: dict[str, str], *, to_paint: bool = False) -> tuple[float, float]:
    """(wall ms, peak RSS MiB) of one child process, which must succeed. ``to_paint``: the wall time until the
    child prints its first line (its first paint), not until it has exited."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    first_line = proc.stdout.readline() if to_paint else b""
    painted = (time.perf_counter() - t0) * 1000
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - t0) * 1000
    _, err = proc.communicate()
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or (to_paint and not first_line.strip()):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err.decode(errors='replace')}")
    return (painted if to_paint else elapsed), usage.ru_maxrss / 1024  # KiB on Linux


def make_demo(folder: Path, env: dict[str, str]) -> Path:
    data = folder / "demo"
    subprocess.run(
        [*DESK, "--data-dir", str(data), "demo"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return data


def add_admin(data: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [*DESK, "--data-dir", str(data), "user", "add", USER, "--role", "admin", "--full-name", "Quản trị"],
        env={**env, "DESK_APP_NEW_PASSWORD": PASSWORD},
        check=True,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )


def alternate(
    app_cmd: list[str], bare_cmd: list[str], env: dict[str, str], runs: int, *, to_paint: bool = False
) -> tuple[float, float, float, float]:
    """Medians (app ms, bare ms, app MiB, bare MiB) of ``runs`` alternating runs after one warm-up each."""
    run_measured(app_cmd, env, to_paint=to_paint)  # warm the file cache for both
    run_measured(bare_cmd, env, to_paint=to_paint)
    app, bare = [], []
    for _ in range(runs):
        app.append(run_measured(app_cmd, env, to_paint=to_paint))
        bare.append(run_measured(bare_cmd, env, to_paint=to_paint))
    return (
        statistics.median(a[0] for a in app),
        statistics.median(b[0] for b in bare),
        statistics.median(a[1] for a in app),
        statistics.median(b[1] for b in bare),
    )


def report(
    title: str, figures: tuple[float, float, float, float], goal: bool = True, memory_goal: bool = True
) -> None:
    app_ms, bare_ms, app_mb, bare_mb = figures
    print(title)
    print(
        f"  start-up   desk-app {app_ms:6.0f} ms   bare window {bare_ms:6.0f} ms   "
        f"ratio {app_ms / bare_ms:4.2f}x{' (goal <= 2.0x)' if goal else ''}"
    )
    print(
        f"  peak RSS   desk-app {app_mb:6.1f} MiB  bare window {bare_mb:6.1f} MiB  "
        f"ratio {app_mb / bare_mb:4.2f}x{' (goal <= 1.5x)' if goal and memory_goal else ''}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", help="an existing data directory (default: a fresh demo commune)")
    args = parser.parse_args()
    env = child_env()
    signed = {**env, "DESK_APP_USER": USER, "DESK_APP_PASSWORD": PASSWORD}
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        bare_cmd = [sys.executable, str(bare_script)]
        gui = [*DESK, "--data-dir"]
        print(f"runs: {args.runs} alternating; data: {args.data_dir or 'demo commune'}")
        if args.data_dir:
            data = Path(args.data_dir)
        else:
            data = make_demo(Path(tmp), env)
            page = alternate([*gui, str(data), "gui", "--exit-when-ready"], bare_cmd, env, args.runs)
            report("1. demo commune, no account yet: first page painted, whole process", page)
            add_admin(data, env)
        form_cmd = [*gui, str(data), "gui", "--exit-when-ready", "--ready-at", "sign-in"]
        report(
            "2. with accounts: the sign-in form painted (exec to paint; the peak memory is the whole process's,\n"
            "   with the store the form loads in the background after its paint, ready for the password)",
            alternate(form_cmd, bare_cmd, env, args.runs, to_paint=True),
            memory_goal=False,
        )
        page_cmd = [*gui, str(data), "gui", "--exit-when-ready"]
        report(
            "3. with accounts, script sign-in (argon2id by design) to the first page, whole process",
            alternate(page_cmd, bare_cmd, signed, args.runs),
            goal=False,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
