"""Shared fixtures: a fresh data directory per test, Qt offscreen, no test touches a real home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("DESK_APP_DATA_DIR", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory for one test."""
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def db(data_dir: Path) -> Iterator[object]:
    """A fresh database with no unit."""
    from desk_app.store.db import open_database

    database = open_database(data_dir)
    yield database
    database.close()


@pytest.fixture
def unit_db(db: object) -> object:
    """A database with the commune set up and the shipped catalog loaded."""
    from desk_app.services.setup import catalog
    from desk_app.services.setup import unit as setup

    setup.init_unit(db, "001.05.12.H49", "Ủy ban nhân dân xã Gio Sơn", province="Quảng Trị")  # type: ignore[arg-type]
    catalog.import_seed(db)  # type: ignore[arg-type]
    return db


def run_cli(
    *args: str, data_dir: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``desk-app`` in a subprocess, as a script would."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    cmd = [sys.executable, "-m", "desk_app"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, env=full_env, input=input, timeout=120
    )


def cli_json(*args: str, data_dir: Path | None = None, env: dict[str, str] | None = None) -> object:
    """Run a ``--json`` command that must succeed and parse its output."""
    proc = run_cli(*args, "--json", data_dir=data_dir, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def cli() -> object:
    return run_cli
