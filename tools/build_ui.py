"""Compile the Qt Designer forms of ui/*.ui into desk_app/gui/forms/ui_<name>.py (one command, reproducible).

    python tools/build_ui.py            # regenerate every form module (and delete those without a .ui)
    python tools/build_ui.py --check    # change nothing; exit 1 listing stale, missing or orphan modules (CI)

Why compile instead of loading at run time: the sign-in form is on the start-up path. QUiLoader costs about
20 ms for its first form (the loader's own set-up) and needs the .ui files beside the code; a compiled form
builds as fast as hand-written widgets and is plain Python, so a wheel or a frozen bundle carries it without
data files. tests/gui/test_designer_forms.py fails when a module here is stale.

The output is ``pyside6-uic``'s, with three changes so that it costs nothing to import and type-checks:
- the header names the .ui and this tool;
- the ``from PySide6... import (...)`` lists keep only the names the form uses (uic imports about 40 classes
  per form, and PySide6 creates each class lazily, on first import: ~10 ms otherwise);
- ``setupUi``/``retranslateUi`` get type annotations (the top-level widget's class), so ``ui.loginUser`` is
  known to mypy as a QLineEdit.
The form's class name in the .ui is the translation context of its strings (tools/i18n.py extracts the .ui).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
OUT_DIR = ROOT / "desk_app" / "gui" / "forms"
PACKAGE_DOC = '"""Forms compiled from ui/*.ui by tools/build_ui.py: generated code, do not edit."""\n'

_IMPORT = re.compile(r"^from (PySide6\.\w+) import \(([^)]*)\)\n", re.MULTILINE)
_IMPORT_ONE = re.compile(r"^from (PySide6\.\w+) import (\w+(?:, \w+)*)\n", re.MULTILINE)
_HEADER_END = "#" * 80 + "\n"


def _uic() -> list[str]:
    venv_bin = Path(sys.executable).parent / "pyside6-uic"
    if venv_bin.exists():
        return [str(venv_bin)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    import PySide6

    pkg = Path(PySide6.__file__).parent
    for candidate in (pkg / "uic", pkg / "Qt" / "libexec" / "uic", pkg / "uic.exe"):
        if candidate.exists():
            return [str(candidate), "-g", "python"]
    raise SystemExit("build_ui: cannot find pyside6-uic (install PySide6 essentials)")


def module_name(ui_file: Path) -> str:
    return f"ui_{ui_file.stem}"


def ui_files() -> list[Path]:
    return sorted(UI_DIR.glob("*.ui"))


def form_class(ui_file: Path) -> tuple[str, str]:
    """The form's name (``<class>``, also its translation context) and its top-level widget's Qt class."""
    root = ET.parse(ui_file).getroot()
    name = root.findtext("class") or ""
    widget = root.find("widget")
    if not name or widget is None:
        raise SystemExit(f"build_ui: {ui_file.name} has no <class> or no top-level <widget>")
    return name, widget.get("class", "QWidget")


def _prune(body: str, code: str) -> str:
    """Rewrite the PySide6 import lists to the names ``code`` uses."""
    imports: dict[str, list[str]] = {}
    for match in list(_IMPORT.finditer(body)) + list(_IMPORT_ONE.finditer(body)):
        names = [n.strip() for n in match.group(2).replace("\n", " ").split(",") if n.strip()]
        imports.setdefault(match.group(1), []).extend(names)
    body = _IMPORT_ONE.sub("", _IMPORT.sub("", body))
    lines = []
    for module in sorted(imports):
        used = sorted({n for n in imports[module] if re.search(rf"\b{n}\b", code)})
        if used:
            lines.append(f"from {module} import {', '.join(used)}\n")
    return "".join(lines) + body


def generate(ui_file: Path) -> str:
    """The Python module for one .ui file (deterministic for a given PySide6 version)."""
    name, top_class = form_class(ui_file)
    proc = subprocess.run([*_uic(), str(ui_file)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"build_ui: uic failed on {ui_file.name}:\n{proc.stderr}")
    text = proc.stdout.replace("\r\n", "\n")
    version = re.search(r"Qt User Interface Compiler version ([\d.]+)", text)
    _, _, body = text.partition(_HEADER_END)
    body = body.partition(_HEADER_END)[2] if _HEADER_END in body else body
    code = body.split("\nclass ", 1)[1] if "\nclass " in body else body
    body = re.sub(
        r"def (setupUi|retranslateUi)\(self, (\w+)\):", rf"def \1(self, \2: {top_class}) -> None:", body
    )
    code += f" {top_class} "
    body = _prune(body.lstrip("\n"), code)
    if not re.search(rf"\bimport .*\b{top_class}\b", body):
        body = f"from PySide6.QtWidgets import {top_class}\n" + body
    header = (
        f'"""Form {name}, generated from ui/{ui_file.name} by tools/build_ui.py '
        f"(uic {version.group(1) if version else '?'}): do not edit."
        '"""\n\n'
        "# ruff: noqa\n"
    )
    return header + body.rstrip() + "\n"


def expected() -> dict[Path, str]:
    """Every module the forms directory should hold, with its text."""
    out = {OUT_DIR / "__init__.py": PACKAGE_DOC}
    for ui_file in ui_files():
        out[OUT_DIR / f"{module_name(ui_file)}.py"] = generate(ui_file)
    return out


def problems(want: dict[Path, str] | None = None) -> list[str]:
    """What differs between desk_app/gui/forms and the .ui files (empty when up to date)."""
    want = expected() if want is None else want
    found = []
    for path, text in want.items():
        if not path.exists():
            found.append(f"missing: {path.relative_to(ROOT)}")
        elif path.read_text(encoding="utf-8") != text:
            found.append(f"stale: {path.relative_to(ROOT)}")
    if OUT_DIR.is_dir():
        for path in sorted(OUT_DIR.glob("*.py")):
            if path not in want:
                found.append(f"orphan: {path.relative_to(ROOT)} (its .ui is gone)")
    return found


def _write(path: Path, text: str) -> None:
    """Temp name then rename, so that a reader never sees half a module."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as fh:
        fh.write(text)
    Path(fh.name).replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail when a module is stale")
    args = parser.parse_args(argv)
    want = expected()
    issues = problems(want)
    if args.check:
        for issue in issues:
            print(f"{issue} (run python tools/build_ui.py)", file=sys.stderr)
        print(f"{len(want) - 1} forms, {len(issues)} problem(s)")
        return 1 if issues else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in want.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            _write(path, text)
    for path in sorted(OUT_DIR.glob("*.py")):
        if path not in want:
            path.unlink()
    print(f"{len(want) - 1} forms compiled into {OUT_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
