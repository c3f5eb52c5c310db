"""Vietnamese text helpers: NFC normalisation and accent folding for search."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Control characters other than tab/newline never belong in stored text. Lone surrogates (what Python makes
# of undecodable bytes in argv, the environment or a JSON "\\ud800" escape) cannot be stored as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\ud800-\udfff]")


# Bidirectional overrides and isolates reorder what a reader sees ("Trojan source"), zero-width characters
# make two equal-looking names differ: neither belongs in stored text.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u061c\u180e]")


def nfc(text: str) -> str:
    """Return ``text`` in NFC with control characters and lone surrogates removed, outer space trimmed.

    Text typed through some input methods arrives decomposed (NFD); printed NFD collides accents
    (platform notes), so every string is normalised before it is stored. A control character (a NUL, ...)
    becomes a space, so it never joins two words; bidi overrides and zero-width characters are removed.
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _CONTROL.sub(" ", text).strip()


def clean_line(text: str) -> str:
    """NFC, and inner runs of white space collapsed to one space (names, addresses); every other invisible
    format character (Unicode category Cf) removed too."""
    text = "".join(ch for ch in nfc(text) if unicodedata.category(ch) != "Cf")
    return _SPACES.sub(" ", text).strip()


def ascii_digits(text: str) -> str:
    """NFKC, then every decimal digit of any script as its ASCII digit: ``"０１２"`` and ``"٠١٢"`` → ``"012"``.

    Used wherever an ID number or a phone is read (typing, files, search): ``\\d`` in a regular expression
    matches full-width digits too, so without this a second person would be made from the same number.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not "0" <= ch <= "9" else ch for ch in text
    )


def fold(text: str) -> str:
    """Fold Vietnamese text for accent-insensitive search: lower case, no tones, đ→d.

    ``fold("Đăng ký khai sinh") == "dang ky khai sinh"``. SQLite's unicode61 tokenizer removes
    diacritics but keeps đ, so we index and query this folded form instead.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()
