"""Fault injection: ``restore``, ``encrypt``, ``backup``, ``attach`` and the first start killed at *every* step
of their file moves (tests/trust/fault_child.py stops the process at the k-th rename/replace, for each k).

After each kill the app is started again and must show either the old state or the new state, complete and
verified, with sign-in still required; never a fresh empty database, never a plain copy left behind.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli
from tests.trust.conftest import PASSWORDS, Staff
from tests.trust.helpers import has_module, png_bytes, receive_some, store_file

CHILD = Path(__file__).with_name("fault_child.py")
ADMIN = {"DESK_APP_USER": "admin", "DESK_APP_PASSWORD": PASSWORDS["admin"]}
NOBODY = {"DESK_APP_USER": "", "DESK_APP_PASSWORD": ""}
PASSPHRASE = {"DESK_APP_DB_PASSPHRASE": "a long enough passphrase"}


def _child(kill_at: int, data_dir: Path, *args: str, env: dict[str, str]) -> tuple[int, int, str]:
    """Run one command, killed at its ``kill_at``-th move (0: never); (exit code, moves made, stderr)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    proc = subprocess.run(
        [sys.executable, str(CHILD), str(kill_at), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=180,
    )
    steps = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("FAULT-STEPS ")]
    return proc.returncode, (steps[-1] if steps else -1), proc.stderr


def _codes(data_dir: Path) -> list[str]:
    from desk_app.store import crypto

    conn = crypto.connect(data_dir / "desk_app.db", mode="ro")
    try:
        return [r[0] for r in conn.execute("SELECT code FROM dossiers ORDER BY code")]
    finally:
        conn.close()


def _assert_sound(data_dir: Path, env: dict[str, str], states: list[list[str]]) -> list[str]:
    """Start the app again: sign-in still required, verify passes, the dossiers are one of ``states``."""
    refused = run_cli("user", "list", data_dir=data_dir, env={**env, **NOBODY})
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "authentication required" in refused.stderr, refused.stderr
    checked = run_cli("verify", "--json", data_dir=data_dir, env={**env, **ADMIN})
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["ok"] is True
    codes = _codes(data_dir)
    assert codes in states, f"{len(codes)} dossiers: neither the old nor the new state"
    assert not (data_dir / "swap-journal.json").exists()
    assert not list(data_dir.glob(".pre-encrypt-*")), "a plain copy of the database was left behind"
    assert not list(data_dir.glob(".restore-*")) and not list(data_dir.glob(".encrypt-*"))
    return codes


@pytest.fixture
def template(staff: Staff, tmp_path: Path) -> dict[str, Any]:
    """A data directory with accounts, dossiers, one stored page and a backup taken before three more."""
    first = receive_some(staff.db, 4)
    store_file(staff.db, b"page one", code=first[0])
    staff.db.close()
    backup = tmp_path / "usb" / "b1"
    made = run_cli("backup", "--out", str(backup), data_dir=staff.data_dir, env=ADMIN)
    assert made.returncode == 0, made.stderr
    staff.db = None
    from desk_app.store.db import open_database

    db = open_database(staff.data_dir)
    later = receive_some(db, 3, start=10)
    db.close()
    old = sorted(first + later)
    return {"dir": staff.data_dir, "backup": backup, "old": old, "new": sorted(first), "tmp": tmp_path}


def _fresh_copy(template: dict[str, Any], k: int) -> Path:
    target = template["tmp"] / f"run-{k}"
    shutil.copytree(template["dir"], target)
    return target


def test_restore_killed_at_every_step_finishes_at_the_next_start(template: dict[str, Any]) -> None:
    probe = _fresh_copy(template, 0)
    code, steps, err = _child(0, probe, "restore", str(template["backup"]), env=ADMIN)
    assert code == 0, err
    assert steps >= 4, err  # journal, database, files, audit ...
    assert _assert_sound(probe, {}, [template["new"]]) == template["new"]
    outcomes = set()
    for k in range(1, steps + 1):
        data_dir = _fresh_copy(template, k)
        code, _, err = _child(k, data_dir, "restore", str(template["backup"]), env=ADMIN)
        assert code == 137, f"step {k}: {err}"
        codes = _assert_sound(data_dir, {}, [template["old"], template["new"]])
        outcomes.add("new" if codes == template["new"] else "old")
        # The data it replaced is never lost: kept aside in replaced-* when the new state is in.
        if codes == template["new"]:
            aside = list(data_dir.glob("replaced-*/desk_app.db"))
            assert len(aside) == 1
            conn = sqlite3.connect(aside[0])
            assert sorted(r[0] for r in conn.execute("SELECT code FROM dossiers")) == template["old"]
            conn.close()
    assert outcomes == {"old", "new"}  # killed before the journal: old; after it: finished


def test_the_app_tells_the_clerk_an_interrupted_restore_was_finished(template: dict[str, Any]) -> None:
    """Killed after its journal, a restore is finished when the app next opens, and the clerk is told so in
    Vietnamese (a dialog; a script run prints it), once."""
    data_dir = _fresh_copy(template, 99)
    code, _, err = _child(2, data_dir, "restore", str(template["backup"]), env=ADMIN)
    assert code == 137, err
    gui = {**ADMIN, "QT_QPA_PLATFORM": "offscreen"}
    first = run_cli("gui", "--exit-when-ready", data_dir=data_dir, env=gui)
    assert first.returncode == 0, first.stderr
    assert "khôi phục dữ liệu từ bản sao lưu" in first.stderr and "bị ngắt giữa chừng" in first.stderr
    assert _codes(data_dir) == template["new"]
    again = run_cli("gui", "--exit-when-ready", data_dir=data_dir, env=gui)
    assert again.returncode == 0 and "ngắt giữa chừng" not in again.stderr


@pytest.mark.skipif(not has_module("sqlcipher3"), reason="sqlcipher3 not installed")
def test_encrypt_killed_at_every_step_never_leaves_the_plain_copy(
    template: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_APP_DB_PASSPHRASE", PASSPHRASE["DESK_APP_DB_PASSPHRASE"])
    probe = _fresh_copy(template, 0)
    code, steps, err = _child(0, probe, "encrypt", env={**ADMIN, **PASSPHRASE})
    assert code == 0, err
    assert steps >= 3, err
    for k in range(1, steps + 1):
        data_dir = _fresh_copy(template, k)
        code, _, err = _child(k, data_dir, "encrypt", env={**ADMIN, **PASSPHRASE})
        assert code == 137, f"step {k}: {err}"
        _assert_sound(data_dir, PASSPHRASE, [template["old"]])
        encrypted = (data_dir / "encrypted.json").is_file()
        head = (data_dir / "desk_app.db").read_bytes()[:16]
        assert (head != b"SQLite format 3\0") == encrypted, f"step {k}: marker and file disagree"
        if encrypted:  # finished: encrypt again is refused as done, and the audit trail says what happened
            again = run_cli("encrypt", data_dir=data_dir, env={**ADMIN, **PASSPHRASE})
            assert "already encrypted" in again.stderr


def test_backup_killed_at_every_step_leaves_no_half_backup(template: dict[str, Any]) -> None:
    probe = _fresh_copy(template, 0)
    out = template["tmp"] / "out-0"
    code, steps, err = _child(0, probe, "backup", "--out", str(out), env=ADMIN)
    assert code == 0, err
    for k in range(1, steps + 1):
        data_dir = _fresh_copy(template, k)
        out = template["tmp"] / f"out-{k}"
        code, _, err = _child(k, data_dir, "backup", "--out", str(out), env=ADMIN)
        assert code == 137, f"step {k}: {err}"
        _assert_sound(data_dir, {}, [template["old"]])
        if out.exists():  # a folder under the final name is always complete
            checked = run_cli("restore", str(out), data_dir=template["tmp"] / f"scratch-{k}", env=ADMIN)
            assert checked.returncode == 0, checked.stderr


def test_attach_killed_at_every_step_keeps_old_or_new_pages(template: dict[str, Any]) -> None:
    page = template["tmp"] / "page.png"
    page.write_bytes(png_bytes(b"a new page"))
    code_ = template["old"][-1]
    probe = _fresh_copy(template, 0)
    code, steps, err = _child(0, probe, "attach", code_, "--document", "1", str(page), env=ADMIN)
    assert code == 0, err
    assert steps >= 1, err
    for k in range(1, steps + 1):
        data_dir = _fresh_copy(template, k)
        code, _, err = _child(k, data_dir, "attach", code_, "--document", "1", str(page), env=ADMIN)
        assert code == 137, f"step {k}: {err}"
        _assert_sound(data_dir, {}, [template["old"]])


def test_first_start_killed_at_every_step_then_starts_cleanly(tmp_path: Path) -> None:
    args = ["init", "--agency-code", "001.05.12.H49", "--unit-name", "Xã Gio Sơn", "--admin-user", "admin"]
    env = {"DESK_APP_PASSWORD": PASSWORDS["admin"]}
    code, steps, err = _child(0, tmp_path / "probe", *args, env=env)
    assert code == 0, err
    assert steps >= 1, err
    for k in range(1, steps + 1):
        data_dir = tmp_path / f"first-{k}"
        code, _, err = _child(k, data_dir, *args, env=env)
        assert code == 137, f"step {k}: {err}"
        again = run_cli(*args, data_dir=data_dir, env=env)
        assert again.returncode == 0, f"step {k}: {again.stderr}"
        _assert_sound(data_dir, {}, [[]])
        assert not list(data_dir.glob(".desk_app.db.new-*"))
