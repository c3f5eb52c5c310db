"""Where the shipped data lives (fonts, catalog, translations, calendar overrides, Designer forms)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent
# From a source checkout the data sits beside the package; a wheel carries it inside (pyproject package-dir).
RESOURCES = _PKG / "_resources" if (_PKG / "_resources").is_dir() else _PKG.parent / "resources"
MIGRATIONS = _PKG / "_db" if (_PKG / "_db").is_dir() else _PKG.parent / "db"
UI_FORMS = _PKG / "_ui" if (_PKG / "_ui").is_dir() else _PKG.parent / "ui"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource file."""
    return RESOURCES.joinpath(*parts)


def ui_path(name: str) -> Path:
    """Path of the Qt Designer form ``ui/<name>.ui`` (``name`` with or without the suffix).

    The app builds its screens from the compiled forms in desk_app/gui/forms; the .ui files are their
    source (Designer, tools/build_ui.py, the tests, desk_app.gui.uiload.load).
    """
    return UI_FORMS / (name if name.endswith(".ui") else f"{name}.ui")


@cache
def load_json(*parts: str) -> Any:
    """Parse a shipped JSON resource (cached; treat the result as read-only)."""
    with resource_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
