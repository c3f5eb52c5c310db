"""Undoing what a Vietnamese input method did to a scanner's keystrokes (pure Python, no Qt).

Unikey/EVKey in Telex turn ``DD`` into ``Đ``, ``AA``/``EE``/``OO`` into ``Â``/``Ê``/``Ô``, ``AW``/``OW``/``UW``
into ``Ă``/``Ơ``/``Ư`` and a tone letter (S F R X J, Z to remove) after a vowel into a tone mark; VNI does the
same with digits (1–5 tones, 6 circumflex, 7 horn, 8 breve, 9 đ, 0 removes). Both work by sending Backspace(s)
and then the rewritten letters, so the keys the app receives still tell what was replaced by what: from each
"Backspace … replacement" step, :func:`undo_ime` puts back the letter that triggered it, once as Telex would
have got it and once as VNI. What was NOT rewritten tells which method was on (Telex would have rewritten an
"ES", VNI an "A5"); otherwise Telex, the most used, comes first. :func:`read_card` tries the readings in
order and keeps the first one that parses as a card payload.

Not undone: rewrites that send no Backspace (some Telex settings type ``W`` as ``Ư`` straight away), and an
input method's own spelling corrections. Genuine cards carry names in UTF-8 with their diacritics: the input
methods leave such text alone, since Vietnamese spelling has no ``dd``/``aa`` or tone letter after a vowel.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from desk_app.domain.errors import ValidationError
from desk_app.domain.identity import CardPayload, parse_card_payload

_TONES = {
    "\u0301": ("S", "1"),
    "\u0300": ("F", "2"),
    "\u0309": ("R", "3"),
    "\u0303": ("X", "4"),
    "\u0323": ("J", "5"),
}
_TELEX_TONE_AFTER_VOWEL = re.compile(r"[aeiouy][sfrxj]", re.IGNORECASE)
_DIGIT_AFTER_VOWEL = re.compile(r"[aeiouy][1-9]", re.IGNORECASE)
_SHAPES = {"\u0302": (None, "6"), "\u0306": ("W", "8"), "\u031b": ("W", "7")}  # None: Telex doubles the vowel


def _marks(ch: str) -> tuple[str, set[str]]:
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[:1], set(decomposed[1:])


def ime_key(before: str, after: str) -> tuple[str, str] | None:
    """The key (Telex, VNI) that turned the letter ``before`` into ``after``, or None when unknown.

    ``ime_key("A", "Â") == ("A", "6")``, ``ime_key("D", "Đ") == ("D", "9")``, ``ime_key("E", "É") == ("S", "1")``.
    """
    upper = before.isupper()

    def case(key: str) -> str:
        return key if upper else key.lower()

    if before in "dD" and after in "đĐ":
        return case("D"), "9"
    base_b, marks_b = _marks(before)
    base_a, marks_a = _marks(after)
    if base_a.lower() != base_b.lower():
        return None
    added = marks_a - marks_b
    if not added and marks_b - marks_a:
        return case("Z"), "0"  # tone removed
    for mark in added:
        if mark in _TONES:
            telex, vni = _TONES[mark]
            return case(telex), vni
        if mark in _SHAPES:
            telex_key, vni = _SHAPES[mark]
            return (telex_key and case(telex_key)) or base_b, vni
    return None


@dataclass
class _Char:
    shown: str  # what the input method left on screen
    telex: str  # the scanner's keys if the input method was Telex
    vni: str  # … if it was VNI


@dataclass
class _Rebuild:
    chars: list[_Char] = field(default_factory=list)
    deleted: list[_Char] = field(default_factory=list)
    replacement: list[str] = field(default_factory=list)
    rewritten: bool = False

    def commit(self) -> None:
        deleted, repl = self.deleted, self.replacement
        self.deleted, self.replacement = [], []
        if not deleted:
            self.chars.extend(_Char(c, c, c) for c in repl)
            return
        if not repl:  # characters erased for good
            return
        key = None
        for before, after in zip(deleted, repl, strict=False):
            if before.shown != after:
                key = ime_key(before.shown, after)
                break
        new: list[_Char] = []
        for i, ch in enumerate(repl):
            if i < len(deleted):
                new.append(_Char(ch, deleted[i].telex, deleted[i].vni))
            else:  # the input method gave back one letter more: an undo ("ĐD" → "DD"): the raw key is the letter
                new.append(_Char(ch, ch, ch))
        if key is not None and len(repl) <= len(deleted):
            # The triggering key was typed after the deleted letters: attach it to the last one.
            new[-1] = _Char(new[-1].shown, new[-1].telex + key[0], new[-1].vni + key[1])
            for extra in deleted[len(repl) :]:
                new[-1] = _Char(new[-1].shown, new[-1].telex + extra.telex, new[-1].vni + extra.vni)
        self.chars.extend(new)


def undo_ime(tokens: list[str]) -> list[str]:
    """The readings of a keystroke stream, most likely first.

    ``tokens`` holds one typed character each, or ``"\\b"`` for a Backspace. Without Backspace the only
    reading is the text itself; with them: the keys as Telex would have received them, as VNI would, then the
    text on screen.
    """
    state = _Rebuild()
    for tok in tokens:
        if tok == "\b":
            state.rewritten = True
            if state.replacement:
                state.commit()
            if state.chars:
                state.deleted.insert(0, state.chars.pop())
            continue
        if state.deleted:
            state.replacement.append(tok)
            if len(state.replacement) >= len(state.deleted):
                state.commit()
        else:
            state.chars.append(_Char(tok, tok, tok))
    if state.deleted or state.replacement:
        state.commit()
    shown = "".join(c.shown for c in state.chars)
    if not state.rewritten:
        return [shown]
    telex = "".join(c.telex for c in state.chars)
    vni = "".join(c.vni for c in state.chars)
    # Evidence from what was NOT rewritten: Telex would have rewritten a vowel followed by a tone letter,
    # VNI a vowel followed by a digit. When neither rules itself out, Telex (the most used) comes first.
    telex_possible = not _TELEX_TONE_AFTER_VOWEL.search(vni)
    vni_possible = not _DIGIT_AFTER_VOWEL.search(telex)
    if not telex_possible and not vni_possible:
        telex_possible = vni_possible = True
    readings = ([telex] if telex_possible else []) + ([vni] if vni_possible else []) + [shown]
    return list(dict.fromkeys(readings))


def read_card(tokens: list[str]) -> CardPayload:
    """Parse a scan (see :func:`undo_ime`); ValidationError (field ``card``) when no reading parses."""
    error: ValidationError | None = None
    for text in undo_ime(tokens):
        try:
            payload = parse_card_payload(text)
        except ValidationError as exc:
            error = error or exc
            continue
        return payload
    assert error is not None
    raise error


def display_name(name: str) -> str:
    """Cards print names in capitals ("NGUYỄN THỊ HẰNG"); the counter writes "Nguyễn Thị Hằng"."""
    return name.title() if name.isupper() else name
