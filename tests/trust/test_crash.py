"""Crash safety: SIGKILL at random moments during intakes, moves and scan attaches loses nothing committed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.trust.helpers import has_module

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 8
BUDGET_S = 50.0


def _run_and_kill(data_dir: Path, round_no: int, rnd: random.Random) -> list[str]:
    """Start the child, let it work for a random while, SIGKILL it; the complete lines it printed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(round_no)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    chunks: list[bytes] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in iter(proc.stdout.readline, b""):
            chunks.append(line)
            if line.startswith(b"R "):  # warmed up: the first intake is through, kill from here on
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(60):
        proc.kill()
        raise AssertionError(
            "the child never opened the database: " + proc.stderr.read().decode()[-2000:]
            if proc.stderr
            else ""
        )
    time.sleep(rnd.uniform(0.0, 1.5))
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    reader.join(30)
    if not alive:
        raise AssertionError(
            "the child died on its own: " + (proc.stderr.read().decode()[-3000:] if proc.stderr else "")
        )
    text = b"".join(chunks).decode("utf-8", "replace")
    return [line for line in text.split("\n")[:-1] if line and line != "READY"]  # the last piece may be cut


def _check(
    data_dir: Path, received: set[str], attached: set[str], moves: Counter[tuple[str, str]], kills: int
) -> dict[str, Any]:
    db_file = data_dir / "desk_app.db"
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        codes = Counter(r[0] for r in conn.execute("SELECT code FROM dossiers WHERE code IS NOT NULL"))
        events = Counter(
            (code, action)
            for code, action in conn.execute(
                "SELECT d.code, e.action FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id"
            )
        )
        pages = {r[0] for r in conn.execute("SELECT sha256 FROM document_pages")} if attached else set()
    finally:
        conn.close()
    assert not [c for c, n in codes.items() if n > 1], "a dossier code was issued twice"
    assert received <= set(codes), f"committed dossiers lost: {sorted(received - set(codes))[:5]}"
    assert attached <= pages, "committed scan pages lost"
    for key, n in moves.items():
        assert events[key] >= n, f"committed move lost: {key}"

    from desk_app.services.trust import integrity
    from desk_app.store.db import open_database

    db = open_database(data_dir)  # what the next start does: WAL recovery, then use
    try:
        report = integrity.verify(db)
        assert report.ok, report.problems
        strays = 0
        if has_module("desk_app.services.digitization.pages"):
            from desk_app.services.digitization import pages as digitization

            sweep = digitization.sweep(db)
            assert sweep.missing_files == [], "a row names a file that is not there"
            assert sweep.unreferenced == [], "a stored-file row no page uses"
            # A kill between the durable write of a page and the commit of its row leaves that one file, which
            # the sweep accounts for; one attach is in flight at most per kill.
            strays = len(sweep.stray_files) + len(sweep.leftovers)
            assert strays <= kills
    finally:
        db.close()
    return {"dossiers": len(codes), "strays": strays}


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_committed(unit_db: Any) -> None:
    for needed in ("desk_app.services.lifecycle.moves", "desk_app.services.digitization.pages"):
        assert has_module(needed), f"{needed} is part of the crash proof"
    data_dir = unit_db.data_dir
    unit_db.close()
    rnd = random.Random(20260302)
    received: set[str] = set()
    attached: set[str] = set()
    moves: Counter[tuple[str, str]] = Counter()
    started = time.monotonic()
    kills = 0
    stats: dict[str, Any] = {}
    while kills < KILLS and time.monotonic() - started < BUDGET_S:
        for line in _run_and_kill(data_dir, kills, rnd):
            kind, code, *rest = line.split(" ")
            if kind == "R":
                received.add(code)
            elif kind == "S":
                attached.add(rest[0])
            elif kind == "M":
                moves[(code, rest[0])] += 1
        kills += 1
        stats = _check(data_dir, received, attached, moves, kills)
    print(
        f"crash test: {kills} kills, {len(received)} dossiers, {len(attached)} pages, {sum(moves.values())} moves, {stats}"
    )
    assert kills >= 3, "too few kills within the time budget to prove anything"
    assert len(received) >= kills, "the child committed almost nothing between kills"
    assert stats["dossiers"] >= len(received)
