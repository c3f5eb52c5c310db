"""The arrows point one way: nothing below desk_app.gui imports Qt (architecture.md)."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import desk_app

ROOT = Path(__file__).resolve().parent.parent
CORE_PACKAGES = ("domain", "store", "services", "printing", "scanning", "demo")


def core_modules() -> list[str]:
    names = ["desk_app", "desk_app.cli"]
    for pkg in CORE_PACKAGES:
        path = Path(desk_app.__file__).parent / pkg
        if not path.is_dir():
            continue
        names.append(f"desk_app.{pkg}")
        names += [m.name for m in pkgutil.walk_packages([str(path)], prefix=f"desk_app.{pkg}.")]
    names += [m.name for m in pkgutil.iter_modules([str(ROOT / "desk_app" / "cli")], prefix="desk_app.cli.")]
    return sorted(set(names))


def test_the_core_never_imports_pyside() -> None:
    """Import desk_app, its CLI and every core module in a fresh interpreter: PySide6 stays unloaded."""
    modules = core_modules()
    assert "desk_app.services.lifecycle.dossier_query" in modules
    script = (
        "import importlib, json, sys\n"
        f"mods = {modules!r}\n"
        "bad = {}\n"
        "for m in mods:\n"
        "    importlib.import_module(m)\n"
        "    if 'PySide6' in sys.modules and not bad:\n"
        "        bad['first'] = m\n"
        "print(json.dumps({'pyside': 'PySide6' in sys.modules, **bad}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["pyside"] is False, f"PySide6 was imported by {result.get('first')}"
