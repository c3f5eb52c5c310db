"""Closing the class of English on screen at its source: every error a clerk can act on is raised with its
Vietnamese text, and every check the Administration page lists has a Vietnamese name.

``UserError(message)`` without ``vi`` falls back to the English message, and the screens show ``.vi``: one
such raise is one English sentence in front of a clerk. The CLI's own argument checks (desk_app/cli) are
raised with a Vietnamese text too, so nothing is exempt.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "desk_app"
# UserError and the subclasses that keep its (message, vi) signature
TWO_TEXTS = {
    "UserError",
    "NotFound",
    "ValidationError",
    "StorageError",
    "AuthError",
    "ScannerError",
    "NoScanner",
    "MoveRefused",
}


def raises_without_vietnamese(source: str) -> list[int]:
    """Line numbers of calls to a UserError class with only an English message (no second text, no vi=)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in TWO_TEXTS or any(isinstance(a, ast.Starred) for a in node.args):
            continue
        if any(k.arg is None for k in node.keywords):  # **kwargs: cannot tell
            continue
        if len(node.args) < 2 and not any(k.arg == "vi" for k in node.keywords):
            lines.append(node.lineno)
    return lines


def test_the_check_finds_an_english_only_raise() -> None:
    source = (
        "raise UserError('only English')\n"
        "raise errors.ValidationError('x', field='f')\n"
        "raise UserError('en', 'vi')\n"
        "raise StorageError('en', vi='vi')\n"
    )
    assert raises_without_vietnamese(source) == [1, 2]


def test_every_user_error_is_raised_with_its_vietnamese() -> None:
    bad = []
    for path in sorted(ROOT.rglob("*.py")):
        for line in raises_without_vietnamese(path.read_text(encoding="utf-8")):
            bad.append(f"{path.relative_to(ROOT.parent)}:{line}")
    assert bad == [], "UserError raised without a Vietnamese text: " + ", ".join(bad)


def test_every_check_of_verify_has_a_vietnamese_name() -> None:
    from desk_app.gui.admin_page import CHECK_NAMES

    source = (ROOT / "services" / "trust" / "integrity.py").read_text(encoding="utf-8")
    names = set(re.findall(r'Check\.said\(\s*"(\w+)"', source))
    assert {"database", "audit", "records", "files", "leftovers"} <= names
    assert names <= set(CHECK_NAMES), names - set(CHECK_NAMES)
