"""The window's text size (cỡ chữ): 100%, 115% or 130% of the system font, for every page and dialog.

The setting ``font_percent`` is read at start (over plain sqlite3, before the window exists) and applied to
the application font, which every widget inherits; saving it on the settings page applies it at once.
Widgets that size themselves from the font (table rows and key columns, see ``screenfit``) follow the
FontChange event Qt sends them.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

PERCENTS = (100, 115, 130)
_BASE_PROPERTY = "deskAppBaseFontPointSize"


def apply(percent: int, app: QApplication | None = None) -> float:
    """Set the application font to ``percent`` of the base (system) size; the new point size."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return 0.0
    if percent not in PERCENTS:
        percent = 100
    font = QFont(app.font())
    base = app.property(_BASE_PROPERTY)
    if not base:
        base = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
        app.setProperty(_BASE_PROPERTY, base)
    size = round(float(base) * percent / 100.0, 1)
    font.setPointSizeF(size)
    app.setFont(font)
    return size


def current_percent(app: QApplication | None = None) -> int:
    """The percent now applied (100 when never changed)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return 100
    base = app.property(_BASE_PROPERTY)
    if not base:
        return 100
    return round(app.font().pointSizeF() * 100 / float(base))
