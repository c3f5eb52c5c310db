"""Where the shipped files live (fonts, catalog, translations, calendar, migrations, Qt Designer forms).

Every shipped file is found through this module, and only through it, in the three ways desk_app runs:

- a source checkout: the folders sit beside the package (``<repo>/resources``, ``<repo>/db``, ``<repo>/ui``);
- an installed wheel: setup.py copies each folder inside the package as ``desk_app/_<folder>``;
- a frozen bundle (PyInstaller, packaging/desk_app.spec): the spec puts them at the same ``desk_app/_<folder>``
  places beside the frozen modules, so the wheel's rule finds them there too.

A new shipped folder is one more entry in :data:`SHIPPED_FOLDERS` (setup.py and the bundle spec read it).
"""

from __future__ import annotations

import json
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent

#: Top-level folders of the checkout that ship with the app -> their name inside the installed package.
#: What is left out of them (translation sources, notes for developers) is in :data:`EXCLUDED_PATTERNS`.
SHIPPED_FOLDERS: dict[str, str] = {"resources": "_resources", "db": "_db", "ui": "_ui"}

#: Files of the shipped folders that do not run (glob patterns relative to a shipped folder).
EXCLUDED_PATTERNS: tuple[str, ...] = (
    "**/README*",
    "**/*.ts",  # Qt Linguist sources: the app loads the compiled .qm
    "translations/vi/*.json",  # the sources tools/i18n.py merges into the .ts
    "translations/qt/*.json",  # the source of qtbase_vi.qm (Qt's own texts), compiled by tools/i18n.py
    "**/__pycache__/*",
    "**/*.pyc",
    "script.py.mako",  # alembic's template for new revisions (a developer tool)
)


def shipped_dir(folder: str) -> Path:
    """The directory of one shipped folder ("resources", "db", "ui") in whatever way the app runs.

    Inside the package (wheel, bundle) when it is there, else beside the package (checkout). The path is
    returned even when it does not exist (a checkout without ``ui/`` yet), so callers can test for files.
    """
    inside = _PKG / SHIPPED_FOLDERS[folder]
    return inside if inside.is_dir() else _PKG.parent / folder


def is_excluded(relative: str) -> bool:
    """True when a file of a shipped folder (POSIX path relative to the folder) is left out of builds."""
    name = relative.rsplit("/", 1)[-1]
    for pattern in EXCLUDED_PATTERNS:
        if fnmatchcase(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatchcase(name, pattern[3:]):
            return True
    return False


def shipped_files(folder: Path) -> list[str]:
    """The files of one shipped folder that a wheel or a bundle carries (sorted POSIX relative paths)."""
    return sorted(
        rel
        for path in folder.rglob("*")
        if path.is_file() and not is_excluded(rel := path.relative_to(folder).as_posix())
    )


#: Data files that live inside a Python package of desk_app rather than in a shipped folder (package -> glob
#: patterns relative to it). setup.py ships them; :func:`package_path` finds them.
PACKAGE_DATA: dict[str, list[str]] = {"desk_app.hub": ["templates/*.html"]}


def package_path(package: str, *parts: str) -> Path:
    """A data file or folder inside a package of desk_app (e.g. ``package_path("desk_app.hub", "templates")``)."""
    return _PKG.parent.joinpath(*package.split("."), *parts)


RESOURCES = shipped_dir("resources")
MIGRATIONS = shipped_dir("db")
UI_FORMS = shipped_dir("ui")


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource file (``resource_path("fonts", "X.ttf")``)."""
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
