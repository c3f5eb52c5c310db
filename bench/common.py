"""Shared helpers of the benchmarks: where the cached databases live, timing loops, result tables.

Benchmarks run by hand (never in CI). Absolute times on a shared machine are noisy, so every figure is
printed beside a baseline measured in the same run, and as a ratio to it.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = ROOT / "bench" / ".cache"
MARKER = "bench_marker.json"
DEFAULT_NAME = "1m"


def child_env(**extra: str) -> dict[str, str]:
    """The environment a timed child process runs in, as on a commune PC: Qt offscreen unless set, the
    repository importable, and compiled modules cached. PYTHONDONTWRITEBYTECODE (set in some shells) is
    dropped: with it every start compiles every module again, which costs the app (hundreds of modules) far
    more than a bare window (a few), while an installed app (wheel or bundle) always starts from bytecode."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def cache_dir(name: str = DEFAULT_NAME) -> Path:
    """The data directory of the cached database ``name`` (bench/.cache/<name>, gitignored)."""
    return CACHE / name


def read_marker(data_dir: Path) -> dict[str, Any] | None:
    """What build_db.py wrote after a complete build, or None (missing or half-built)."""
    try:
        marker: dict[str, Any] = json.loads((data_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if (data_dir / "desk_app.db").is_file() else None


def write_marker(data_dir: Path, marker: dict[str, Any]) -> None:
    tmp = data_dir / (MARKER + ".tmp")
    tmp.write_text(json.dumps(marker, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(data_dir / MARKER)


def require_db(name: str = DEFAULT_NAME, data_dir: str | None = None) -> Path:
    """The data directory to benchmark, or exit with the command that builds it."""
    path = Path(data_dir) if data_dir else cache_dir(name)
    if read_marker(path) is None and not (data_dir and (path / "desk_app.db").is_file()):
        raise SystemExit(
            f"no benchmark database in {path}: run `.venv/bin/python bench/build_db.py --name {name}`"
        )
    return path


@dataclass
class Timing:
    """Medians (seconds) of a measured call and its baseline, taken interleaved in the same run."""

    label: str
    median: float
    baseline_label: str = ""
    baseline: float | None = None
    goal: str = ""

    @property
    def ratio(self) -> float | None:
        return None if not self.baseline else self.median / self.baseline


def median_of(fn: Callable[[], object], runs: int = 20, warmup: int = 2) -> float:
    """Median wall time of ``fn()`` over ``runs`` calls after ``warmup`` calls (GC paused while timing)."""
    return statistics.median(samples(fn, runs, warmup))


def samples(fn: Callable[[], object], runs: int = 20, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return out


def compare(
    label: str,
    fn: Callable[[], object],
    baseline_label: str,
    baseline: Callable[[], object],
    runs: int = 20,
    warmup: int = 2,
    goal: str = "",
) -> Timing:
    """Time ``fn`` and ``baseline`` alternately (so load on the machine hits both alike)."""
    for _ in range(warmup):
        fn()
        baseline()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        b += samples(baseline, 1, 0)
        a += samples(fn, 1, 0)
    return Timing(label, statistics.median(a), baseline_label, statistics.median(b), goal)


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def print_table(rows: list[Timing], title: str = "") -> None:
    """A plain table: what, median, baseline, baseline median, ratio, goal."""
    if title:
        print(title)
    header = ("measure", "median", "baseline", "base median", "ratio", "goal")
    lines = [header] + [
        (
            t.label,
            fmt_time(t.median),
            t.baseline_label or "-",
            fmt_time(t.baseline),
            f"{t.ratio:.2f}x" if t.ratio is not None else "-",
            t.goal or "-",
        )
        for t in rows
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# -- bulk loading (build_db.py) ------------------------------------------------------------------------
class RawTable:
    """A model's table as the driver sees it: the INSERT Core compiles, and rows as bind-ready lists."""

    def __init__(self, model: Any, dialect: Any) -> None:
        table = model.__table__
        self.cols = [c.name for c in table.columns]
        self.at = {name: i for i, name in enumerate(self.cols)}
        self.procs = [c.type.bind_processor(dialect) for c in table.columns]
        self.defaults = [
            c.default.arg if c.default is not None and c.default.is_scalar else None for c in table.columns
        ]
        compiled = insert(table).compile(dialect=dialect, column_keys=self.cols)
        assert list(compiled.positiontup or []) == self.cols
        self.sql = str(compiled)

    def raw(self, row: dict[str, Any]) -> list[Any]:
        out = []
        for name, proc, default in zip(self.cols, self.procs, self.defaults, strict=True):
            value = row.get(name, default)
            out.append(proc(value) if proc is not None and value is not None else value)
        return out

    def json(self, column: str, value: Any) -> Any:
        proc = self.procs[self.at[column]]
        return proc(value) if proc is not None else value


def set_aside(conn: Connection) -> list[str]:
    """Drop secondary indexes and the triggers that feed full-text indexes; return the SQL to restore them."""
    with conn.begin():
        found = conn.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
            " (type = 'index' AND tbl_name IN ('dossiers', 'applicants', 'dossier_documents', 'dossier_events',"
            "  'supplement_episodes'))"
            " OR (type = 'trigger' AND sql LIKE '%AFTER INSERT ON%' AND sql LIKE '%fts%'))"
        ).all()
        for kind, name, _sql in found:
            conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    return [sql for _kind, _name, sql in found]


def restore(conn: Connection, statements: list[str]) -> None:
    with conn.begin():
        for sql in statements:
            if sql.upper().startswith(("CREATE INDEX", "CREATE UNIQUE INDEX")):
                conn.exec_driver_sql(sql)
        for (table,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).all():
            conn.exec_driver_sql(f'INSERT INTO "{table}"("{table}") VALUES (\'rebuild\')')
        for sql in statements:
            if sql.upper().startswith("CREATE TRIGGER"):
                conn.exec_driver_sql(sql)
