"""A practical check that a text shown to a clerk is Vietnamese, not English.

Telling languages apart in general is hard; English leaking from a service into a screen is not: it brings
common English words ("not", "the", "missing", "must", "file", "line", ...). ``english_words`` removes what
may rightly stay as it is (codes, paths, numbers, file names, quoted values, backticked commands) and returns
the common English words left, as whole words, case-insensitive. ``assert_vietnamese`` fails on any.

The list holds no word that is also a Vietnamese word written without marks ("do", "an", "in", "to", "no",
"long", "ban" are Vietnamese too); a Vietnamese word with marks ("ít", "bản") is a different word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORDS = """
    about above account accounts added after all already and anchor anchored any are at audit available
    backup bad be been before broken but by cannot changed chain check checked column copy corrupt could
    damaged database date days does done during empty entry error errors event events exist exists expected
    failed false field file files folder for found from has have held holds if integrity into invalid is it
    its kind left line lines list match matches missing more must name needs not number object of on one
    only or out please problem problems range read record records refused removed required row rows same
    schema should state stored such than that the there this time too true unknown unreadable upgrade use
    valid value was were what when which while with without written wrong yet you your
"""
ENGLISH = frozenset(_WORDS.split())

_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|`[^`]*`|'[^'\s][^']*'")
_CODE_CHARS = re.compile(r"[0-9/\\._\-@=<>{}\[\]#%*$|~]")
_WORD = re.compile(r"[^\W\d_]+")


def english_words(text: str) -> list[str]:
    """The common English words in ``text`` once codes, paths, numbers and quoted values are removed."""
    text = _QUOTED.sub(" ", text)
    kept = []
    for token in text.split():
        core = token.strip(",;:()!?…–—")
        if core and _CODE_CHARS.search(core.rstrip(".")):
            continue  # a code, a path, a file name, a number, an identifier
        kept.append(core)
    return [w for w in _WORD.findall(" ".join(kept)) if w.lower() in ENGLISH]


def assert_vietnamese(texts: Iterable[str], where: str = "") -> None:
    """Fail listing every text that still holds common English words (empty texts pass)."""
    bad = {t: english_words(t) for t in texts if t and english_words(t)}
    assert not bad, f"English on screen{' in ' + where if where else ''}: {bad}"
