"""Vietnamese text helpers: NFC normalisation and accent folding for search."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Control characters other than tab/newline never belong in stored text. Lone surrogates (what Python makes
# of undecodable bytes in argv, the environment or a JSON "\\ud800" escape) cannot be stored as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\ud800-\udfff]")


def nfc(text: str) -> str:
    """Return ``text`` in NFC with control characters and lone surrogates removed, outer space trimmed.

    Text typed through some input methods arrives decomposed (NFD); printed NFD collides accents
    (platform notes), so every string is normalised before it is stored.
    """
    return _CONTROL.sub("", unicodedata.normalize("NFC", text)).strip()


def clean_line(text: str) -> str:
    """NFC, and inner runs of white space collapsed to one space (names, addresses)."""
    return _SPACES.sub(" ", nfc(text))


def fold(text: str) -> str:
    """Fold Vietnamese text for accent-insensitive search: lower case, no tones, đ→d.

    ``fold("Đăng ký khai sinh") == "dang ky khai sinh"``. SQLite's unicode61 tokenizer removes
    diacritics but keeps đ, so we index and query this folded form instead.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()
