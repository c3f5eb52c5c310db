"""Test modules have unique file names: pytest imports a folder without __init__.py by basename, so two
test_x.py in two folders stop the whole run at collection (CI saw it after two branches merged)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def test_test_module_names_are_unique() -> None:
    names = Counter(p.name for p in ROOT.rglob("test_*.py"))
    assert [name for name, n in names.items() if n > 1] == []
