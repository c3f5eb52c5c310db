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

Vietnamese input methods (Unikey/EVKey, Telex or VNI) sit between the scanner and the app and rewrite
some ASCII: Telex turns ``DD`` into ``Đ``, ``AA`` into ``Â``, ``OW`` into ``Ơ`` and a tone key
(S F R X J) after a vowel into a tone mark; VNI does the same with digits 1–9. They do it by sending
Backspace(s) followed by the rewritten letters. Digits and ``|`` come through, so the payload's shape
survives; the name and address may not. :func:`undo_ime` rebuilds the keys the scanner sent from those
Backspace-and-replace steps (for Telex and for VNI), and the first reading that parses wins. Rewrites
done without a Backspace (e.g. a lone ``W`` typed as ``Ư`` in some Telex settings) cannot be told apart
from real letters and are kept. Genuine cards carry the name in UTF-8 with its diacritics: Telex and VNI
leave such text alone, as Vietnamese spelling has no ``dd``/``aa`` or tone letter after a vowel.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

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
from desk_app.domain.identity import CardPayload, parse_card_payload

# A scan starts with 12 digits and a bar, possibly after a label the scanner adds ("CCCD:").
_CARD_START = re.compile(r"(?:[A-Za-z]{2,8}\s*[:=]\s*)?\d{12}\|$")
_MAX_KEYS = 64  # keys remembered before a scan is recognised (a label and 12 digits need ~20)
_MAX_SCAN = 1024  # a scan longer than this is not a card

# ---------------------------------------------------------------------------------------------------
# Undoing Telex / VNI rewrites (pure functions)

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
        self._last: tuple[int, QWidget | None] = (0, None)
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
        pointer = shiboken6.getCppPointer(event)[0]
        last_ptr, last_widget = self._last
        if (
            pointer == last_ptr
            and last_widget is not None
            and last_widget is not obj
            and shiboken6.isValid(last_widget)
            and obj.isAncestorOf(last_widget)
        ):
            return False  # the same key travelling up from a child that ignored it
        self._last = (pointer, obj)
        assert isinstance(event, QKeyEvent)
        return bool(self.handler(obj, event))
