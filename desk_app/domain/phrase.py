"""Texts said in two languages: the English for the CLI, logs and JSON, the Vietnamese for the screens.

A service that reports findings (a check's problems, an import's per-line reasons) returns ``Phrase``s: a
``Phrase`` *is* its English text (a ``str``: ``"; ".join``, ``startswith``, f-strings and ``json.dumps`` keep
the CLI's words unchanged) and carries its Vietnamese in ``.vi``. A screen shows ``vi_of(text)``; it never
translates English by matching it.
"""

from __future__ import annotations

from collections.abc import Iterable


class Phrase(str):
    """An English text with its Vietnamese: ``str(p)`` is the English, ``p.vi`` the Vietnamese (NFC)."""

    vi: str

    def __new__(cls, en: str, vi: str) -> Phrase:
        self = super().__new__(cls, en)
        self.vi = vi
        return self

    def __reduce__(self) -> tuple[type[Phrase], tuple[str, str]]:  # pickles (the runner may copy results)
        return (Phrase, (str(self), self.vi))


def vi_of(text: str, fallback: str | None = None) -> str:
    """The Vietnamese of ``text`` when it is a Phrase, else ``fallback`` (``text`` itself when not given)."""
    if isinstance(text, Phrase):
        return text.vi
    return text if fallback is None else fallback


def join(parts: Iterable[str], sep: str = "; ", sep_vi: str | None = None) -> Phrase:
    """Join texts in both languages (a plain str part is the same in both)."""
    items = list(parts)
    return Phrase(sep.join(items), (sep if sep_vi is None else sep_vi).join(vi_of(p) for p in items))
