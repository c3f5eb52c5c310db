"""Reliability: a faulty network, a desk killed mid-sync, a hub killed mid-import. Bounded in time."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk_app.services.sync import client as sync_client
from desk_app.services.sync.worker import configure, status, sync_now
from desk_app.store.db import open_database
from tests.conftest import ROOT
from tests.hub.conftest import HubServer, desk_json, free_port, hub_cli, hub_json, start_hub
from tests.hub.faultproxy import FaultProxy
from tests.hub.test_sync import AGENCY, assert_hub_equals_desk
from tests.services.test_lifecycle_support import make_dossier

pytestmark = pytest.mark.slow
RUN_SECONDS = float(os.environ.get("DESK_HUB_FAULT_SECONDS", "8"))  # raise it for a longer soak


def _no_sleep(_seconds: float) -> None:
    return None


def _settle(db: Any) -> dict[str, Any]:
    for _ in range(6):
        result = sync_now(db, tries=3, sleep=_no_sleep, force=True)
        if result["pending"] == 0 and result["dossiers_pending"] == 0 and not result["errors"]:
            return result
    raise AssertionError(f"the outbox did not drain: {status(db)}")


def _hub_counts(hub_db: str) -> tuple[int, int, int, int]:
    con = sqlite3.connect(hub_db.removeprefix("sqlite:///"))
    try:
        values = con.execute("SELECT COUNT(*) FROM hub_data_value").fetchone()[0]
        keys = con.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT unit_id, period, indicator, breakdown FROM hub_data_value)"
        ).fetchone()[0]
        dossiers = con.execute("SELECT COUNT(*) FROM hub_dossier").fetchone()[0]
        codes = con.execute("SELECT COUNT(DISTINCT code) FROM hub_dossier").fetchone()[0]
        return values, keys, dossiers, codes
    finally:
        con.close()


def _receive_now(db: Any, n: int) -> None:
    make_dossier(
        db, received_at=(datetime.now() - timedelta(minutes=n % 50)).replace(second=0, microsecond=0)
    )


def _periods(db: Any) -> list[str]:
    return [i["period"] for i in status(db)["items"]]


def _desk_dossier_count(data: Path) -> int:
    con = sqlite3.connect(data / "desk_app.db")
    try:
        return con.execute("SELECT COUNT(*) FROM dossiers WHERE code IS NOT NULL").fetchone()[0]
    finally:
        con.close()


def test_faulty_network_ends_exact_without_duplicates(sqlite_hub: HubServer, desk: Path) -> None:
    """Drops, delays, resets and repeats while the desk keeps receiving: in the end the hub equals the desk."""
    data = desk
    token = hub_json(sqlite_hub.db_url, "unit", "add", AGENCY, "--name", "Xã Gio Sơn")["token"]
    port = int(sqlite_hub.url.rsplit(":", 1)[1])
    db = open_database(data)
    try:
        with FaultProxy(port, seed=12, fault_rate=0.6) as proxy:
            configure(db, proxy.url, token)
            deadline, n = time.monotonic() + RUN_SECONDS, 0
            while time.monotonic() < deadline:
                n += 1
                _receive_now(db, n)
                sync_now(db, tries=2, sleep=_no_sleep, force=True)
            proxy.fault_rate = 0.0
            _settle(db)
            assert set(proxy.counts) >= {
                "drop",
                "delay",
                "reset_mid_response",
                "repeat",
                "reset_before_response",
            }
        assert_hub_equals_desk(sqlite_hub.db_url, data, _periods(db))
    finally:
        db.close()
    values, keys, dossiers, codes = _hub_counts(sqlite_hub.db_url)
    assert values == keys and dossiers == codes == _desk_dossier_count(data)


def test_desk_killed_mid_sync_then_restarted(sqlite_hub: HubServer, desk: Path) -> None:
    """SIGKILL the desk while it uploads through a slow link; a second run ends in the same state."""
    data = desk
    token = hub_json(sqlite_hub.db_url, "unit", "add", AGENCY, "--name", "Xã Gio Sơn")["token"]
    port = int(sqlite_hub.url.rsplit(":", 1)[1])
    with FaultProxy(port, seed=3, fault_rate=1.0, faults=("delay",)) as proxy:
        desk_json(data, "sync", "configure", "--hub", proxy.url, "--token", token)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "desk_app", "--data-dir", str(data), "sync", "now"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proxy.counts["delay"] < 2:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        left = desk_json(data, "sync", "status")
        assert left["pending"] > 0  # it died before finishing
        proxy.fault_rate = 0.0
        again = desk_json(data, "sync", "now")
        assert again["errors"] == [] and again["pending"] == 0
    db = open_database(data)
    try:
        assert_hub_equals_desk(sqlite_hub.db_url, data, _periods(db))
    finally:
        db.close()
    values, keys, dossiers, codes = _hub_counts(sqlite_hub.db_url)
    assert values == keys and dossiers == codes == _desk_dossier_count(data)


def test_hub_killed_mid_import_loses_nothing_acknowledged(
    tmp_path: Path, desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL the hub while the desk uploads; every batch it acknowledged is there after the restart."""
    hub_db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_cli(hub_db, "init").returncode == 0
    token = hub_json(hub_db, "unit", "add", AGENCY, "--name", "Xã Gio Sơn")["token"]
    port = free_port()
    server = start_hub(hub_db, tmp_path / "hub.log", port=port)
    data = desk
    acknowledged: list[str] = []
    real_request = sync_client.request

    def recording(*args: Any, **kwargs: Any) -> Any:
        reply = real_request(*args, **kwargs)
        if reply.body.get("batch_id"):
            acknowledged.append(reply.body["batch_id"])
        return reply

    monkeypatch.setattr(sync_client, "request", recording)
    db = open_database(data)
    killer = threading.Timer(1.5, lambda: server.proc.send_signal(signal.SIGKILL))
    try:
        configure(db, server.url, token)
        killer.start()
        deadline, n = time.monotonic() + 6, 0
        while time.monotonic() < deadline:
            n += 1
            _receive_now(db, n)
            sync_now(db, tries=1, sleep=_no_sleep, force=True)
        assert server.proc.wait(30) == -signal.SIGKILL
        con = sqlite3.connect(hub_db.removeprefix("sqlite:///"))
        stored = {r[0] for r in con.execute("SELECT batch_id FROM hub_batch")}
        con.close()
        assert acknowledged and set(acknowledged) <= stored
        server = start_hub(hub_db, tmp_path / "hub.log", port=port)
        _settle(db)
        assert_hub_equals_desk(hub_db, data, _periods(db))
    finally:
        killer.cancel()
        db.close()
        server.stop()
