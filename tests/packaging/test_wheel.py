"""The wheel as any packager builds it, installed into a clean virtual environment outside the checkout.

Builds ``desk_app-*.whl`` from a copy of the shipped tree (so no stale ``build/`` leaks in), checks it carries
exactly what runs, installs it into a new venv in a temporary folder and runs packaging/smoke.py there: init,
receive, slip, every form, the book, backup/restore/verify, a demo commune and ``gui --exit-when-ready``.

Offline-friendly: dependencies install with ``--no-index`` from a wheelhouse (``$DESK_APP_WHEELHOUSE``, default
``<repo>/wheelhouse``, git-ignored); only when it lacks something is it filled once with ``pip download``.
About a minute on the project's 2-core machines; CI runs it once as part of the suite (marker ``install``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desk_app import resources
from tests.conftest import ROOT

pytestmark = [pytest.mark.install, pytest.mark.slow]

WHEELHOUSE = Path(os.environ.get("DESK_APP_WHEELHOUSE") or ROOT / "wheelhouse")
PROBE_UI = "zz_packaging_probe.ui"
PROBE_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<ui version="4.0"><class>Probe</class></ui>\n'


def _run(*cmd: str | Path, cwd: Path | None = None, timeout: float = 300) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    proc = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout
    )
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def _source_copy(dest: Path) -> Path:
    """What an sdist holds: the package, the shipped folders, the build files (no caches, no build/)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("desk_app", *resources.SHIPPED_FOLDERS):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    # A third shipped folder is carried the same way as resources/ (ui/ may not exist yet in this tree).
    (dest / "ui").mkdir(exist_ok=True)
    (dest / "ui" / PROBE_UI).write_text(PROBE_XML, encoding="utf-8")
    (dest / "ui" / "README.md").write_text("notes for developers\n", encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    src = _source_copy(work / "src")
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        work / "dist",
        src,
    )
    (built,) = (work / "dist").glob("desk_app-*.whl")
    return built


def test_wheel_carries_exactly_what_runs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, inside in resources.SHIPPED_FOLDERS.items():
        if not (ROOT / folder).is_dir():
            continue
        carried = {
            n.removeprefix(f"desk_app/{inside}/") for n in names if n.startswith(f"desk_app/{inside}/")
        }
        expected = set(resources.shipped_files(ROOT / folder)) | ({PROBE_UI} if folder == "ui" else set())
        assert carried == expected, folder
    assert f"desk_app/_ui/{PROBE_UI}" in names
    for must in (
        "desk_app/_resources/fonts/LiberationSerif-Regular.ttf",
        "desk_app/_resources/fonts/LICENSE-LiberationSerif.txt",
        "desk_app/_resources/translations/desk_app_vi.qm",
        "desk_app/_resources/translations/qtbase_vi.qm",
        "desk_app/_resources/help/huong-dan.html",
        "desk_app/_resources/catalog/procedures.json",
        "desk_app/_db/env.py",
        "desk_app/_db/versions/0001_initial.py",
        "desk_app/hub/templates/base.html",  # the hub's pages, data inside a package (resources.PACKAGE_DATA)
        "desk_app/hub/migrations/versions/0001_hub.py",
    ):
        assert must in names
    for name in names:
        assert not name.endswith((".ts", ".pyc")), name
        assert "/README" not in name and "__pycache__" not in name, name
        assert not name.startswith("desk_app/_resources/translations/vi/"), name
        assert not name.startswith("desk_app/_resources/translations/qt/"), name
        assert name.startswith(("desk_app/", "desk_app-")), name


def _install(venv: Path, wheel: Path) -> None:
    _run(sys.executable, "-m", "venv", venv)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-index", "--find-links", WHEELHOUSE]
    try:
        _run(*pip, f"{wheel}[gui]")  # the desk: the wheel with its Qt extra (the hub installs it without)
    except AssertionError:  # the wheelhouse lacks a dependency: fill it once from the index
        WHEELHOUSE.mkdir(parents=True, exist_ok=True)
        _run(sys.executable, "-m", "pip", "download", "-q", "-d", WHEELHOUSE, f"{wheel}[gui]")
        for stale in WHEELHOUSE.glob("desk_app-*.whl"):  # never install an older build of ourselves
            stale.unlink()
        _run(*pip, f"{wheel}[gui]")


@pytest.mark.skipif(
    sys.platform == "win32", reason="the Windows wheel path runs in .github/workflows/windows.yml"
)
def test_installed_wheel_runs_the_main_paths(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _install(venv, wheel)
    python = venv / "bin" / "python"
    where = _run(
        python,
        "-c",
        "import desk_app.resources as r, desk_app.printing.fonts as f;"
        f"print(r.RESOURCES, r.MIGRATIONS, r.ui_path({PROBE_UI!r}).is_file(), f.DEFAULT_FONT_DIR, sep='\\n')",
        cwd=tmp_path,
    ).split("\n")
    site = str(venv)
    assert where[0].startswith(site) and where[0].endswith("_resources"), where
    assert where[1].startswith(site) and where[1].endswith("_db"), where
    assert where[2] == "True"
    assert where[3].startswith(site), where
    smoke = _run(
        python,
        ROOT / "packaging" / "smoke.py",
        "--cli",
        venv / "bin" / "desk-app",
        "--work",
        tmp_path / "smoke",
        cwd=tmp_path,
    )
    assert "smoke passed" in smoke
