"""The barcode scanner at the return counter, anywhere in the app (keyboard wedge).

A handheld scanner reading the Code128 of an appointment slip "types" the dossier code, a few ms per key,
and presses Enter, into whatever widget has the focus. :class:`BarcodeWedge` is an application-wide event
filter that watches every key press:

1. Printable keys closer than ``gap_ms`` apart form a *burst* (a person types far slower). Before the first
   key of a burst, the receiving widget's state is remembered.
2. Enter ending a burst of at least ``min_keys`` keys is checked: the keys are read as the scanner sent
   them (undoing a Vietnamese input method's rewrites, e.g. Telex "dd" → "đ", through
   ``desk_app.gui.intake.ime.undo_ime`` and ``domain.codes.recover_scanned_code``). When a reading holds a
   dossier code, the widget is put back as it was, the Enter is swallowed, ``codeScanned(code)`` is emitted
   and the context's ``openDossierRequested(code)`` opens the dossier at once.
3. Anything else (a person typing, a card scan with ``|``) passes untouched.

Install once per window with :func:`install` (idempotent).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from desk_app.domain.codes import recover_scanned_code
from desk_app.gui.intake.card_reader import EventOnce, snapshot
from desk_app.gui.intake.ime import undo_ime

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MAX_KEYS = 200
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


def read_code(tokens: list[str]) -> str | None:
    """The dossier code in a keystroke stream (``"\\b"`` = Backspace), or None."""
    for reading in undo_ime(tokens):
        code = recover_scanned_code(reading)
        if code:
            return code
    return None


class BarcodeWedge(QObject):
    """Recognises scanned dossier codes in the key presses of the whole application.

    ``clock`` returns milliseconds (tests replace it to simulate a scanner's or a person's speed).
    """

    codeScanned = Signal(str)

    def __init__(
        self,
        ctx: Any = None,
        parent: QObject | None = None,
        *,
        gap_ms: float = 50,
        min_keys: int = 12,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.gap_ms = gap_ms
        self.min_keys = min_keys
        self.clock = clock or (lambda: time.monotonic() * 1000)
        self._tokens: list[str] = []
        self._printable = 0
        self._last_time = -1e9
        self._once = EventOnce()
        self._restore: Callable[[], None] | None = None

    def reset(self) -> None:
        self._tokens, self._printable, self._restore = [], 0, None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        # A key ignored by a widget travels up to its parents: look at each event once.
        if not self._once.first_time(obj, event):
            return False
        assert isinstance(event, QKeyEvent)
        return self.key_press(obj, event)

    def key_press(self, widget: QWidget, event: QKeyEvent) -> bool:
        """Look at one key press before ``widget`` gets it; True to swallow it (the Enter of a scan)."""
        now = self.clock()
        gap, self._last_time = now - self._last_time, now
        key, text = event.key(), event.text()
        if event.modifiers() & _MODIFIERS:
            self.reset()
            return False
        if key in _ENTER:
            found = None
            if gap <= self.gap_ms and self._printable >= self.min_keys:
                found = read_code(self._tokens)
            restore = self._restore
            self.reset()
            if found is None:
                return False
            if restore is not None:
                restore()
            self.codeScanned.emit(found)
            if self.ctx is not None:
                self.ctx.openDossierRequested.emit(found)
            return True
        if key == Qt.Key.Key_Backspace:
            if self._tokens and gap <= self.gap_ms:
                self._tokens.append("\b")  # an input method rewriting what the scanner typed
            else:
                self.reset()
            return False
        if len(text) != 1 or not text.isprintable():
            if text:  # Tab, Escape …: not part of a code
                self.reset()
            return False  # Shift and other silent keys a scanner sends around capitals
        if gap > self.gap_ms or len(self._tokens) >= _MAX_KEYS:
            self.reset()
            self._restore = snapshot(widget)
        self._tokens.append(text)
        self._printable += 1
        return False


def install(ctx: Any, app: QCoreApplication | None = None, **options: Any) -> BarcodeWedge:
    """Install the wedge on the application for ``ctx`` (once; later calls return the same filter)."""
    existing = getattr(ctx, "_barcode_wedge", None)
    if isinstance(existing, BarcodeWedge) and shiboken6.isValid(existing):
        return existing
    app = app or QCoreApplication.instance()
    wedge = BarcodeWedge(ctx, ctx if isinstance(ctx, QObject) else None, **options)
    if app is not None:
        app.installEventFilter(wedge)
    ctx._barcode_wedge = wedge
    return wedge
