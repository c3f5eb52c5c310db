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


STORAGE_MODULES = ("sqlalchemy", "sqlite3", "desk_app.store")


def _is_storage(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in STORAGE_MODULES)


def storage_reaches(source: str) -> list[str]:
    """What a screen's source does that belongs to the use cases: storage imports (outside type checking) and
    database sessions opened (``db.session()``)."""
    import ast

    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def type_checking_only(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                return True
        return False

    found: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        bad = [n for n in names if _is_storage(n)]
        if bad and not type_checking_only(node):
            found += [f"line {node.lineno}: imports {n}" for n in bad]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "session"
        ):
            found.append(f"line {node.lineno}: opens a database session")
    return found


def test_storage_check_can_fail() -> None:
    """The check below sees a storage import, a session and a model query; it ignores type-only imports."""
    bad = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from desk_app.store.db import Database\n"
        "from desk_app.store import settings\nimport sqlite3\n"
        "def f(db):\n    with db.session() as s:\n        return settings.get(s, 'x')\n"
    )
    assert storage_reaches(bad) == [
        "line 4: imports desk_app.store",
        "line 5: imports sqlite3",
        "line 7: opens a database session",
    ]


def test_screens_ask_use_cases() -> None:
    """No module of desk_app.gui opens a database session, queries a model or reads a settings row itself:
    screens hold the database handle they are given and call use cases (architecture.md)."""
    reaches = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "desk_app" / "gui").rglob("*.py"))
        if (found := storage_reaches(path.read_text(encoding="utf-8")))
    }
    assert reaches == {}
