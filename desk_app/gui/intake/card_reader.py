"""The chip ID card (CCCD / Căn cước) QR read by a handheld scanner that types like a keyboard.

The scanner "types" ``ID|old ID|NAME|DDMMYYYY|gender|address|issue date`` (domain.md §6.1) into whatever
field has the focus, far faster than a person (a few ms per key), sometimes ending with Enter or Tab.
:class:`CardScanner` watches every key press of the intake page (through :class:`KeyTreeFilter`):

1. Key presses closer than ``gap_ms`` apart form a *burst*. Before each key is delivered the receiving
   widget's state is remembered, so the burst can be undone.
2. When a burst reaches a ``|`` after 12 digits (optionally a label like ``CCCD:``), or a ``|`` after
   ``min_burst`` scanner-speed keys, it is a scan: the keys already delivered are undone (the field keeps
   what it had), and every further key of the burst is swallowed until Enter/Tab or a pause.
3. The text is parsed with :func:`desk_app.domain.identity.parse_card_payload`: ``cardScanned(payload)``
   on success; ``cardRejected(message)`` (Vietnamese) for a garbled scan. Nothing is typed either way.

Vietnamese input methods (Unikey/EVKey, Telex or VNI) between the scanner and the app may rewrite the
scanned ASCII; what can be undone is undone by :mod:`desk_app.gui.intake.ime` (see there).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from desk_app.domain.errors import ValidationError
from desk_app.gui.intake.ime import read_card

# A scan starts with 12 digits and a bar, possibly after a label the scanner adds ("CCCD:").
_CARD_START = re.compile(r"(?:[A-Za-z]{2,8}\s*[:=]\s*)?\d{12}\|$")
_MAX_KEYS = 64  # keys remembered before a scan is recognised (a label and 12 digits need ~20)
_MAX_SCAN = 1024  # a scan longer than this is not a card

# ---------------------------------------------------------------------------------------------------
# Remembering and restoring a widget's state


Restore = Callable[[], None]


def snapshot(widget: QWidget) -> Restore | None:
    """A function that puts ``widget`` back as it is now (None when typing cannot change it)."""
    if isinstance(widget, QLineEdit):
        text, pos = widget.text(), widget.cursorPosition()

        def restore_line() -> None:
            if widget.text() != text:
                widget.setText(text)
            widget.setCursorPosition(pos)

        return restore_line
    if isinstance(widget, QDateTimeEdit):
        moment = widget.dateTime()
        return lambda: widget.setDateTime(moment)
    if isinstance(widget, QSpinBox):
        number = widget.value()
        return lambda: widget.setValue(number)
    if isinstance(widget, QDoubleSpinBox):
        amount = widget.value()
        return lambda: widget.setValue(amount)
    if isinstance(widget, QComboBox):
        index = widget.currentIndex()
        edit = widget.lineEdit()
        typed = edit.text() if edit is not None else None

        def restore_combo() -> None:
            widget.setCurrentIndex(index)
            if edit is not None and typed is not None:
                edit.setText(typed)

        return restore_combo
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        plain = widget.toPlainText()
        return lambda: widget.setPlainText(plain) if widget.toPlainText() != plain else None
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        checked = widget.isChecked()
        return lambda: widget.setChecked(checked)
    if isinstance(widget, QAbstractItemView):
        current = widget.currentIndex()
        return lambda: widget.setCurrentIndex(current)
    return None


# ---------------------------------------------------------------------------------------------------
# The scanner


@dataclass
class _Key:
    text: str
    widget: QWidget
    restore: Restore | None


class CardScanner(QObject):
    """Recognises card scans in the key presses of one page (see the module docstring).

    ``clock`` returns milliseconds (tests may replace it to simulate a person's slow typing).
    """

    cardScanned = Signal(object)  # CardPayload
    cardRejected = Signal(str)  # a Vietnamese sentence for the clerk

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        gap_ms: float = 50,
        end_ms: int = 150,
        min_burst: int = 6,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.gap_ms = gap_ms
        self.min_burst = min_burst
        self.clock = clock or (lambda: time.monotonic() * 1000)
        self._keys: list[_Key] = []
        self._last = -1e9
        self._capturing = False
        self._tokens: list[str] = []
        self.scan_widget: QWidget | None = None  # where the last scan landed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(end_ms)
        self._timer.timeout.connect(self.finish)

    @property
    def capturing(self) -> bool:
        return self._capturing

    def key_press(self, widget: QWidget, event: QKeyEvent) -> bool:
        """Look at one key press before ``widget`` gets it; True to swallow it."""
        now = self.clock()
        gap = now - self._last
        self._last = now
        key, text = event.key(), event.text()
        printable = len(text) == 1 and text.isprintable()
        control = bool(
            event.modifiers()
            & (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier
            )
        )
        if self._capturing:
            if gap > self._timer.interval() or control:
                self.finish()  # the event loop was too busy for the timer: the scan ended before this key
            else:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                    self.finish()
                    return True
                if key == Qt.Key.Key_Backspace:
                    self._tokens.append("\b")
                elif printable:
                    self._tokens.append(text)
                    if len(self._tokens) > _MAX_SCAN:
                        self.finish()
                        return True
                elif not text:  # Shift and the like, sent by the scanner around capitals
                    self._timer.start()
                    return True
                else:
                    self.finish()
                    return False
                self._timer.start()
                return True
        if control or not printable:
            if key == Qt.Key.Key_Backspace and self._keys and gap <= self.gap_ms:
                self._keys.pop()  # an input method rewriting a digit; keep the burst in step
                return False
            if key not in (Qt.Key.Key_Shift,):
                self._keys.clear()
            return False
        if gap > self.gap_ms:
            self._keys.clear()
        self._keys.append(_Key(text, widget, snapshot(widget)))
        if len(self._keys) > _MAX_KEYS:
            del self._keys[0]
        if text == "|":
            return self._maybe_start()
        return False

    def _maybe_start(self) -> bool:
        typed = "".join(k.text for k in self._keys)
        match = _CARD_START.search(typed)
        if match is not None:
            start = match.start()
        elif len(self._keys) >= self.min_burst:
            start = 0  # a scanner-speed burst with a bar in it: some code, but not a card we can read
        else:
            return False
        scanned = self._keys[start:]
        # Undo what the scan typed so far, in reverse order of the widgets' first keys.
        first: dict[int, Restore | None] = {}
        for k in scanned[:-1]:
            first.setdefault(id(k.widget), k.restore)
        for restore in reversed(list(first.values())):
            if restore is not None:
                restore()
        self._tokens = [k.text for k in scanned]
        self.scan_widget = scanned[0].widget
        self._keys.clear()
        self._capturing = True
        self._timer.start()
        return True

    def finish(self) -> None:
        """End the scan in progress: parse it and tell the page."""
        self._timer.stop()
        if not self._capturing:
            return
        tokens, self._tokens, self._capturing = self._tokens, [], False
        try:
            payload = read_card(tokens)
        except ValidationError as exc:
            self.cardRejected.emit(exc.vi)
            return
        self.cardScanned.emit(payload)


# ---------------------------------------------------------------------------------------------------
# Watching every key of a widget tree


KeyHandler = Callable[[QWidget, QKeyEvent], bool]


class EventOnce:
    """A key a child ignored travels up to its parents, each with the same event: see it only once."""

    def __init__(self) -> None:
        self._last: tuple[int, QWidget | None] = (0, None)

    def first_time(self, obj: QWidget, event: QEvent) -> bool:
        pointer = shiboken6.getCppPointer(event)[0]
        last_ptr, last_widget = self._last
        if (
            pointer == last_ptr
            and last_widget is not None
            and last_widget is not obj
            and shiboken6.isValid(last_widget)
            and obj.isAncestorOf(last_widget)
        ):
            return False
        self._last = (pointer, obj)
        return True


class KeyTreeFilter(QObject):
    """Calls ``handler(widget, event)`` for every key press inside ``root`` (True from it swallows the key).

    Installed on ``root`` and every descendant, including widgets added later (table editors, popups):
    a key event ignored by a child travels up to its parents, so each event is handed over once, to the
    first focusable widget that receives it.
    """

    def __init__(self, root: QWidget, handler: KeyHandler) -> None:
        super().__init__(root)
        self.root = root
        self.handler = handler
        self._once = EventOnce()
        self._install(root)

    def _install(self, widget: QObject) -> None:
        widget.installEventFilter(self)
        for child in widget.findChildren(QWidget):
            child.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildAdded:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                self._install(child)
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        if obj.focusPolicy() == Qt.FocusPolicy.NoFocus and obj is not self.root:
            return False
        if obj.window() is not self.root.window():
            return False  # a dialog opened by the page (print preview, reason): its keys are its own
        if not self._once.first_time(obj, event):
            return False  # the same key travelling up from a child that ignored it
        assert isinstance(event, QKeyEvent)
        return bool(self.handler(obj, event))
