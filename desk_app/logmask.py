"""Masking personal ID numbers and phone numbers in logs (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).

Light on purpose (no SQLAlchemy, no Qt): the CLI and the GUI install it at start-up, before anything logs.
"""

from __future__ import annotations

import logging
import re

_ID_IN_TEXT = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")
_PHONE_IN_TEXT = re.compile(r"(?<![\d+])(?:\+84|84|0)\d{9,10}(?!\d)")
# The same numbers written in groups: "0912 345 678", "0912.345.678", "+84 912-345-678", "001 190 012 345".
# Only runs that start like a phone or an ID (0, 84, +84) are taken, so dates ("2026-03-02 09:00") stay.
_GROUPED = re.compile(r"(?<![\w+.\-])(?:\+84[ .\-]?|84[ .\-]?|0)\d{1,4}(?:[ .\-]\d{2,4}){2,4}(?![\w])")


def _mask_grouped(match: re.Match[str]) -> str:
    from desk_app.domain.identity import mask_phone

    text = match.group()
    digits = re.sub(r"\D", "", text)
    if not 9 <= len(digits) <= 12:
        return text
    keep = iter(mask_phone(digits))
    return "".join(next(keep) if ch.isdigit() else ch for ch in text)


def mask_text(text: str) -> str:
    """Mask every personal ID number (12 or 9 digits) and phone number found in free text (logs, traces),
    written in one piece or in groups separated by spaces, dots or dashes."""
    # Imported here, not at the top: the CLI and the GUI install the masking at start-up, before anything logs.
    from desk_app.domain.identity import mask_id, mask_phone

    text = _GROUPED.sub(_mask_grouped, text)
    text = _ID_IN_TEXT.sub(lambda m: mask_id(m.group()), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)


class MaskingFilter(logging.Filter):
    """A log filter that masks ID numbers and phones in the message and in the exception trace."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True


def install_log_masking(logger: logging.Logger | None = None) -> None:
    """Add the masking filter to every handler of ``logger`` (default: the root logger), once."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
