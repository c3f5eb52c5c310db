"""The standalone bundle (PyInstaller onedir): built by packaging/build_bundle.sh and smoke-tested from itself.

Runs only with DESK_APP_BUNDLE_TEST=1 (CI sets it in .ci/run): building takes 1.5 to 2 minutes on the
project's 2-core machines, the smoke run under a minute. The venv running the tests must have the ``bundle``
extra (PyInstaller); scripts/test.sh installs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app import resources
from tests.conftest import ROOT

pytestmark = [
    pytest.mark.install,
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("DESK_APP_BUNDLE_TEST") != "1", reason="set DESK_APP_BUNDLE_TEST=1"),
    pytest.mark.skipif(sys.platform == "win32", reason="Windows builds in .github/workflows/windows.yml"),
]


@pytest.mark.timeout(1200)
def test_bundle_builds_and_runs_the_main_paths(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["DESK_APP_VENV"] = sys.prefix
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build_bundle.sh"), "--smoke", "--dist", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    assert "smoke passed" in proc.stdout

    bundle = tmp_path / "dist" / "desk-app"
    assert (bundle / "desk-app").is_file() and (bundle / "desk-app-cli").is_file()
    internal = bundle / "_internal"
    for folder, inside in resources.SHIPPED_FOLDERS.items():
        if (ROOT / folder).is_dir():
            carried = {
                p.relative_to(internal / "desk_app" / inside).as_posix()
                for p in (internal / "desk_app" / inside).rglob("*")
                if p.is_file()
            }
            assert carried == set(resources.shipped_files(ROOT / folder)), folder
    qt_modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert qt_modules <= {
        "QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets", "QtSvg", "QtUiTools",
    }, qt_modules  # fmt: skip
    assert not list(internal.rglob("libQt6Qml*")) and not list(internal.rglob("libQt6Quick*"))
    assert not list(internal.rglob("*.ts"))
