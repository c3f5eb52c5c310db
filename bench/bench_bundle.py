"""Start-up of the standalone bundle against the virtual environment, cold and warm, and the GUI's peak memory.

    .venv/bin/python bench/bench_bundle.py --bundle dist/desk-app --venv /path/to/venv [--runs 5]

Both run ``gui --exit-when-ready`` on the same demo commune (made once in a temporary folder with the venv's
``desk-app demo``), on the offscreen platform. **Cold**: before each run every file of that install (the
bundle folder; the venv with its base interpreter's standard library) is dropped from the page cache with
``posix_fadvise(DONTNEED)`` (no root needed; shared system libraries stay cached, as on a PC that booted).
**Warm**: the same, run again at once. Runs alternate bundle / venv so that machine load hits both alike;
figures are medians, with the ratio bundle / venv. Peak memory is the child's maximum resident set (wait4).
Also prints the size of the bundle and of the venv. Linux only. On a virtual machine whose host caches the disk,
"cold" comes out like warm (see bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path


def _evict(folders: list[Path]) -> None:
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                if path.is_file() and not path.is_symlink():
                    fd = os.open(path, os.O_RDONLY)
                    try:
                        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    finally:
                        os.close(fd)
            except OSError:
                pass


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one start."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True, help="the onedir folder (dist/desk-app)")
    parser.add_argument("--venv", type=Path, required=True, help="a venv with desk_app installed (wheel)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dossiers", type=int, default=400)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    venv_cli = str(args.venv / "bin" / "desk-app")
    base_stdlib = Path(sysconfig.get_paths()["stdlib"])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        subprocess.run(
            [venv_cli, "--data-dir", str(data), "demo", "--dossiers", str(args.dossiers)], env=env, check=True
        )
        installs = {
            "bundle": ([str(args.bundle / "desk-app")], [args.bundle]),
            "venv": ([venv_cli], [args.venv, base_stdlib]),
        }
        results: dict[str, dict[str, list[float]]] = {k: {"cold": [], "warm": [], "mb": []} for k in installs}
        for _ in range(args.runs):
            for name, (cmd, folders) in installs.items():
                full = [*cmd, "--data-dir", str(data), "gui", "--exit-when-ready"]
                _evict(folders)
                cold, mb = _run(full, env)
                warm, mb2 = _run(full, env)
                results[name]["cold"].append(cold)
                results[name]["warm"].append(warm)
                results[name]["mb"] += [mb, mb2]
    med = {k: {m: statistics.median(v) for m, v in r.items()} for k, r in results.items()}
    print(f"demo commune: {args.dossiers} dossiers; {args.runs} alternating runs; medians")
    print(f"{'':8}{'cold s':>10}{'warm s':>10}{'peak MB':>10}{'size MB':>10}")
    for name in installs:
        size = _size(args.bundle if name == "bundle" else args.venv) / 1e6
        m = med[name]
        print(f"{name:8}{m['cold']:>10.2f}{m['warm']:>10.2f}{m['mb']:>10.0f}{size:>10.0f}")
    b, v = med["bundle"], med["venv"]
    print(
        f"{'ratio':8}{b['cold'] / v['cold']:>10.2f}{b['warm'] / v['warm']:>10.2f}{b['mb'] / v['mb']:>10.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
