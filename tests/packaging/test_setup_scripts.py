"""scripts/_setup.sh: a second run installs nothing and needs no network; a rebuild needs no download.

The venv lives in a temporary folder (DESK_APP_VENV); the first run installs desk_app editable with the
``encryption`` extra, taking dependencies from the wheelhouse the wheel test fills (the index only for what
it lacks). Later runs get an unreachable index and proxy: any download would fail them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.packaging.test_wheel import WHEELHOUSE

pytestmark = [pytest.mark.install, pytest.mark.slow]

OFFLINE = {
    "PIP_NO_INDEX": "1",
    "PIP_FIND_LINKS": "",
    "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
    "PIP_EXTRA_INDEX_URL": "",
    "https_proxy": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
}


def _setup(venv: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    full.update(DESK_APP_VENV=str(venv), **env)
    return subprocess.run(
        ["bash", "-c", f'source "{ROOT}/scripts/_setup.sh" && setup_venv encryption'],
        capture_output=True,
        text=True,
        env=full,
        timeout=600,
    )


def _state(venv: Path) -> dict[str, int]:
    site = next((venv / "lib").glob("python3*/site-packages"))
    return {p.name: p.stat().st_mtime_ns for p in site.iterdir()}


def test_second_run_installs_nothing_offline(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    extra = {"PIP_FIND_LINKS": f"{WHEELHOUSE} /opt/wheels"} if WHEELHOUSE.is_dir() else {}
    first = _setup(venv, **extra)
    assert first.returncode == 0, first.stderr
    stamp = venv / ".desk-app-installed"
    assert stamp.is_file() and "[encryption]" in stamp.read_text()
    before = _state(venv)

    second = _setup(venv, **OFFLINE)
    assert second.returncode == 0, second.stderr
    assert second.stdout == "" and _state(venv) == before

    # A rebuild (the stamp gone, e.g. after pyproject.toml changed) uses the venv's own setuptools: offline too.
    stamp.unlink()
    third = _setup(venv, **OFFLINE)
    assert third.returncode == 0, third.stderr
    assert stamp.is_file()
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import desk_app.resources as r; print(r.RESOURCES)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.stdout.strip() == str(ROOT / "resources")
