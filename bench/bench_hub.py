"""Hub ingest and dashboard: a month of value sets from every commune, posted concurrently over loopback.

    .venv/bin/python bench/bench_hub.py                       # 3,321 units, SQLite and PostgreSQL
    .venv/bin/python bench/bench_hub.py --backend postgresql --units 3321 --concurrency 16 --workers 2
    .venv/bin/python bench/bench_hub.py --units 300 --history-months 6     # a quick run

For each backend: register the units, seed ``--history-months`` months of history (unit totals, arrivals)
straight into the database, start ``desk-hub serve`` on loopback, then post one month's value set per unit
(II.06a total + ``--rows`` field rows: 11 figures each) from ``--concurrency`` threads, each on a keep-alive
connection. Printed: value sets/s and figures/s over HTTP, the same rows inserted by a raw executemany in
the same database as the baseline (ratio = HTTP time / raw time), the time until the reporting-rate and totals
page shows the month, and the median time of each dashboard page (3 runs) with the whole history present.
PostgreSQL runs in a throwaway cluster (initdb/pg_ctl, as the tests do); skipped when it is not installed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import pwd
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from desk_app.hub import security  # noqa: E402
from desk_app.hub.db import HubDatabase, upgrade  # noqa: E402
from desk_app.hub.models import DataValue, PeriodArrival, StaffAccount, Unit  # noqa: E402
from desk_app.hub.reporting import recent_months  # noqa: E402

INDICATORS = [
    "received.total",
    "received.online",
    "received.direct_postal",
    "received.carried_over",
    "resolved.total",
    "resolved.early",
    "resolved.on_time",
    "resolved.late",
    "in_progress.total",
    "in_progress.on_time",
    "in_progress.overdue",
]
FIELDS = ["Chứng thực", "Hộ tịch", "Đất đai", "Kinh doanh", "Xây dựng", "Bảo trợ xã hội", "Tư pháp", "Khác"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres() -> Iterator[str | None]:
    bindir = next(
        (
            Path(d)
            for d in (
                "/usr/lib/postgresql/17/bin",
                "/usr/lib/postgresql/16/bin",
                "/usr/lib/postgresql/15/bin",
            )
            if Path(d, "initdb").exists()
        ),
        None,
    )
    if bindir is None:
        yield None
        return
    base = Path(tempfile.mkdtemp(prefix="bench-hub-pg-"))
    user = None
    if os.geteuid() == 0:
        user = "postgres" if _has_user("postgres") else "nobody"
        shutil.chown(base, user=user)
    port = free_port()

    def run(*cmd: str) -> None:
        full = ["runuser", "-u", user, "--", *cmd] if user else list(cmd)
        subprocess.run(full, check=True, capture_output=True, timeout=300)

    run(
        str(bindir / "initdb"),
        "-D",
        str(base / "data"),
        "-U",
        "hub",
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync",
    )
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB"
    run(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-o", opts, "-l", str(base / "log"), "-w", "start")
    try:
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "hub", "hub")
        yield f"postgresql://hub@127.0.0.1:{port}/hub"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "fast", "stop")
        shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def value_set(unit: str, period: str, rows: int, seed: int) -> dict[str, Any]:
    values = []
    for b, breakdown in enumerate([""] + [f"field:{f}" for f in FIELDS[:rows]]):
        base = 5 + (seed * 7 + b * 3) % 40
        for i, indicator in enumerate(INDICATORS):
            values.append(
                {"period": period, "indicator": indicator, "breakdown": breakdown, "value": base + i}
            )
    return {"batch_id": uuid.uuid4().hex, "unit": unit, "complete_periods": [period], "data_values": values}


def seed(db: HubDatabase, units: int, history: list[str], stamp: datetime) -> list[tuple[str, str]]:
    """Units with tokens, a staff account, and unit totals + arrivals for each history month (bulk)."""
    tokens = [(f"U{i:05d}", security.new_token()) for i in range(units)]
    with db.transaction() as s:
        s.execute(
            insert(Unit),
            [
                {"code": code, "name": f"Xã số {i}", "token_hash": security.token_hash(tok),
                 "offline_key": security.offline_key(tok), "created_at": stamp, "last_offline_seq": 0}
                for i, (code, tok) in enumerate(tokens)
            ],
        )  # fmt: skip
        s.add(
            StaffAccount(
                username="bench", password_hash=security.hash_password("bench-password"), created_at=stamp
            )
        )
    for period in history:
        with db.transaction() as s:
            s.execute(
                insert(DataValue),
                [
                    {"unit_id": u + 1, "period": period, "indicator": ind, "breakdown": "", "value": 10 + u % 30,
                     "updated_at": stamp, "batch_id": "seed"}
                    for u in range(units)
                    for ind in INDICATORS
                ],
            )  # fmt: skip
            s.execute(
                insert(PeriodArrival),
                [
                    {"unit_id": u + 1, "period": period, "first_at": stamp, "last_at": stamp,
                     "final_at": stamp - timedelta(days=(u % 5))}
                    for u in range(units)
                ],
            )  # fmt: skip
    return tokens


def post_all(port: int, tokens: list[tuple[str, str]], period: str, rows: int, concurrency: int) -> float:
    bodies = [
        (tok, json.dumps(value_set(code, period, rows, i)).encode()) for i, (code, tok) in enumerate(tokens)
    ]
    next_index = iter(range(len(bodies)))
    lock = threading.Lock()
    failures: list[str] = []

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                break
            token, body = bodies[i]
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            for _ in range(5):
                try:
                    conn.request("POST", "/api/v1/dataValueSets", body, headers)
                    resp = conn.getresponse()
                    payload = resp.read()
                    if resp.status == 200:
                        break
                    failures.append(f"{resp.status} {payload[:100]!r}")
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if failures:
        print(f"  {len(failures)} refused attempts, e.g. {failures[0]}")
    return elapsed


def raw_baseline(url: str, units: int, period: str, rows: int) -> float:
    """The same figures inserted by one executemany in one transaction (no HTTP, no checks)."""
    db = HubDatabase(url)
    stamp = datetime.now()
    rows_out = []
    for u in range(units):
        for v in value_set(f"U{u:05d}", period, rows, u)["data_values"]:
            rows_out.append({"unit_id": u + 1, **v, "updated_at": stamp, "batch_id": "raw"})
    started = time.perf_counter()
    with db.transaction() as s:
        s.execute(insert(DataValue), rows_out)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


class Browser:
    """A signed-in staff session over plain HTTP (cookies by hand)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> tuple[int, bytes, float]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())})
        resp = conn.getresponse()
        body = resp.read()
        elapsed = time.perf_counter() - started
        self._keep(resp)
        conn.close()
        return resp.status, body, elapsed

    def _keep(self, resp: http.client.HTTPResponse) -> None:
        for header, value in resp.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]

    def login(self) -> None:
        _status, body, _t = self.get("/dang-nhap")
        csrf = body.split(b'name="csrf" value="', 1)[1].split(b'"', 1)[0].decode()
        form = urllib.parse.urlencode({"username": "bench", "password": "bench-password", "csrf": csrf})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(
            "POST",
            "/dang-nhap",
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            },
        )
        resp = conn.getresponse()
        resp.read()
        self._keep(resp)
        conn.close()
        assert resp.status == 303, resp.status


def start_server(url: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESK_HUB_LOG": "warning"}
    cmd = [
        sys.executable,
        "-m",
        "desk_app.hub",
        "--db",
        url,
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the hub did not start: " + log.read_text(errors="replace"))


def run_backend(name: str, url: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    db = HubDatabase(url)
    upgrade(db.engine)
    months = recent_months(date.today(), args.history_months + 1)
    target, history = months[-1].code, [p.code for p in months[:-1]]
    t0 = time.perf_counter()
    tokens = seed(db, args.units, history, datetime.now())
    seed_s = time.perf_counter() - t0
    db.close()
    port = free_port()
    workers = args.workers if name == "postgresql" else 1
    proc = start_server(url, port, workers, tmp / f"{name}.log")
    try:
        ingest = post_all(port, tokens, target, args.rows, args.concurrency)
        browser = Browser(port)
        browser.login()
        shown_after = time.perf_counter()
        status, body, _t = browser.get(f"/bang-dieu-khien?thang={min(24, max(3, args.history_months))}")
        visible = time.perf_counter() - shown_after
        assert status == 200 and b"reporting-rate" in body, status
        pages = {
            "reporting rate + totals, 6 months": "/bang-dieu-khien?thang=6",
            "reporting rate + totals, 24 months": "/bang-dieu-khien?thang=24",
            "unit drill-down": "/don-vi/U00007",
            "XLSX export (all units)": f"/xuat/{target}.xlsx",
            "PDF export (all units)": f"/xuat/{target}.pdf",
            "public lookup": "/tra-cuu?ma=000.00.05.H49-261201-0001",
        }
        timings = {}
        for label, path in pages.items():
            runs = []
            for _ in range(3):
                status, _body, elapsed = browser.get(path)
                assert status in (200, 404), (path, status)
                runs.append(elapsed)
            timings[label] = statistics.median(runs)
    finally:
        proc.terminate()
        proc.wait(30)
    baseline = raw_baseline(url, args.units, months[0].previous().code, args.rows)
    figures = args.units * (args.rows + 1) * len(INDICATORS)
    return {
        "backend": name,
        "units": args.units,
        "figures": figures,
        "seed_s": seed_s,
        "ingest_s": ingest,
        "sets_per_s": args.units / ingest,
        "figures_per_s": figures / ingest,
        "raw_s": baseline,
        "ratio": ingest / baseline,
        "visible_s": visible,
        "pages": timings,
        "history_rows": args.units * len(history) * len(INDICATORS),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--rows", type=int, default=5, help="field rows per value set besides the total")
    parser.add_argument("--history-months", type=int, default=24)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="hub worker processes on PostgreSQL")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp_name:
        tmp = Path(tmp_name)
        if args.backend in ("sqlite", "both"):
            results.append(run_backend("sqlite", f"sqlite:///{tmp / 'hub.sqlite3'}", args, tmp))
        if args.backend in ("postgresql", "both"):
            with postgres() as url:
                if url is None:
                    print("PostgreSQL is not installed: skipped")
                else:
                    results.append(run_backend("postgresql", url, args, tmp))
    for r in results:
        print(f"\n== {r['backend']}: {r['units']} units, {r['figures']} figures, "
              f"{r['history_rows']} history rows (seeded in {r['seed_s']:.1f} s)")  # fmt: skip
        print(f"  ingest over HTTP: {r['ingest_s']:.1f} s = {r['sets_per_s']:.0f} value sets/s, "
              f"{r['figures_per_s']:.0f} figures/s")  # fmt: skip
        print(f"  raw executemany baseline: {r['raw_s']:.2f} s; ratio {r['ratio']:.1f}x")
        print(f"  dashboard showing the month after the last upload: {r['visible_s'] * 1000:.0f} ms")
        for label, seconds in r["pages"].items():
            print(f"  {label}: {seconds * 1000:.0f} ms (median of 3)")


if __name__ == "__main__":
    main()
