"""The wording of each form set, as data: ``resources/forms/<set>.json``.

Two sets ship: ``v2018`` (TT 01/2018/TT-VPCP, forms 01–06) and ``v2025`` (TT 03/2025/TT-VPCP, forms
01–07). Each file says, per form, whether its text was verified and where it comes from; the 2025 texts
could not be checked against the official Phụ lục I and say so (``"verified": false`` and a note).

An admin replaces a text without a new release by copying the shipped file to
``<data dir>/forms/<set>.json`` and editing it: keys present there win, keys left out keep the shipped
text. A placeholder that the shipped text does not have (a typo such as ``{nam}``) is refused when the
file is loaded, with the form and key named, so a bad edit never prints a half-filled form.

Template strings are plain text: the renderer escapes them, then fills the ``{placeholders}`` with
already-escaped values (bold and other markup are the renderer's choice, not the file's).
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from desk_app.domain.errors import UserError
from desk_app.resources import load_json

from .vnformat import nfc

FORM_SETS = ("v2018", "v2025")
#: Folder under the data directory where an admin's edited copies live.
OVERRIDE_FOLDER = "forms"


@dataclass(frozen=True)
class FormTexts:
    """The texts of one form set (``set_id``), form by form."""

    set_id: str
    name: str
    forms: Mapping[str, Mapping[str, Any]]

    def form(self, key: str) -> Mapping[str, Any]:
        """The texts of one form (``slip``, ``supplement``, ``refusal``, ``apology``, ``stop``, ``control``,
        ``book``)."""
        return self.forms[key]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _check(shipped: Any, edited: Any, where: str) -> Any:
    """``edited`` merged over ``shipped``; TemplateError on a wrong type or an unknown placeholder."""
    if isinstance(shipped, dict):
        if not isinstance(edited, dict):
            raise _bad(where, "phải là một nhóm khóa (object)")
        merged = dict(shipped)
        for key, value in edited.items():
            merged[key] = _check(shipped[key], value, f"{where}.{key}") if key in shipped else value
        return merged
    if isinstance(shipped, list):
        if not isinstance(edited, list):
            raise _bad(where, "phải là một danh sách")
        allowed = set().union(*(_placeholders(s) for s in _strings(shipped)))
        for text in _strings(edited):
            _check_text(text, allowed, where)
        return edited
    if isinstance(shipped, str):
        if not isinstance(edited, str):
            raise _bad(where, "phải là một chuỗi chữ")
        _check_text(edited, _placeholders(shipped), where)
        return nfc(edited)
    return edited


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _check_text(text: str, allowed: set[str], where: str) -> None:
    try:
        names = _placeholders(text)
    except ValueError:
        raise _bad(where, "có dấu { } không khớp") from None
    unknown = names - allowed
    if unknown:
        raise _bad(where, f"có chỗ điền không hợp lệ {{{', '.join(sorted(unknown))}}}")


def _bad(where: str, problem: str) -> UserError:
    return UserError(
        f"Form text file: {where} is invalid ({problem}).",
        f"Tệp mẫu biểu: mục {where} {problem}. Hãy sửa tệp hoặc xóa nó để dùng lại mẫu gốc.",
    )


def shipped_form_set(set_id: str) -> dict[str, Any]:
    """The shipped JSON of ``set_id`` (read-only)."""
    if set_id not in FORM_SETS:
        raise UserError(
            f"Unknown form set {set_id!r} (one of: {', '.join(FORM_SETS)}).",
            f"Bộ mẫu biểu {set_id!r} không có (chỉ có: {', '.join(FORM_SETS)}).",
        )
    data: dict[str, Any] = load_json("forms", f"{set_id}.json")
    return data


_CACHE: dict[tuple[str, str, float], FormTexts] = {}


def load_form_set(set_id: str, override_dir: Path | None = None) -> FormTexts:
    """The texts of ``set_id``: the shipped file, with ``<override_dir>/<set_id>.json`` merged over it."""
    shipped = shipped_form_set(set_id)
    path = override_dir / f"{set_id}.json" if override_dir is not None else None
    stamp = path.stat().st_mtime if path is not None and path.is_file() else -1.0
    key = (set_id, str(path), stamp)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    data = shipped
    if path is not None and stamp >= 0:
        try:
            edited = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(
                f"Cannot read the form text file {path}: {exc}",
                f"Không đọc được tệp mẫu biểu {path}: tệp hỏng hoặc sai định dạng JSON.",
            ) from None
        data = _check(shipped, edited, set_id)
    texts = FormTexts(set_id, str(data.get("name", set_id)), data["forms"])
    _CACHE[key] = texts
    return texts


def fill(template: str, **values: str) -> str:
    """Paragraph markup of ``template`` (escaped) with its placeholders replaced by ``values``
    (already markup: escape user text before passing it)."""
    return escape(nfc(template)).format_map(values)
