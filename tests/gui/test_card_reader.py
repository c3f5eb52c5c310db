"""The chip ID card QR typed by a keyboard-wedge scanner: recognised, swallowed, parsed; IME rewrites undone."""

from __future__ import annotations

from datetime import date

import pytest

# ID 001190012345: Hà Nội (001), digit 1 = woman born 19xx, year 90.
PAYLOAD = "001190012345|012345678|NGUYỄN THỊ HẰNG|02051990|Nữ|Thôn Đông, xã Gio Sơn, Quảng Trị|15042021"


def key_events(text: str) -> list[tuple[int, str]]:
    """(Qt key, text) per character; ``\\b`` is a Backspace, ``\\r`` Enter."""
    from PySide6.QtCore import Qt

    out = []
    for ch in text:
        if ch == "\b":
            out.append((int(Qt.Key.Key_Backspace), "\b"))
        elif ch == "\r":
            out.append((int(Qt.Key.Key_Return), "\r"))
        elif ch.isascii():
            out.append((ord(ch.upper()), ch))
        else:
            out.append((int(Qt.Key.Key_unknown), ch))
    return out


def send_keys(widget, text: str) -> None:
    """Deliver ``text`` to ``widget`` as key press/release events, as a scanner (or an input method) would.

    Never qtbot.keyClicks with non-ASCII: QTest aborts the process.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for key, ch in key_events(text):
        mods = Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, mods, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, mods, ch))


class TestUndoIme:
    def test_plain_text_has_one_reading(self):
        from desk_app.gui.intake.ime import undo_ime

        assert undo_ime(list("NGUYEN VAN A")) == ["NGUYEN VAN A"]

    @pytest.mark.parametrize(
        ("tokens", "telex", "vni"),
        [
            (["D", "\b", "Đ", "O"], "DDO", "D9O"),
            (["T", "R", "A", "\b", "Â", "N"], "TRAAN", "TRA6N"),
            (["H", "O", "A", "\b", "Á"], "HOAS", "HOA1"),
            (["L", "O", "\b", "Ơ"], "LOW", "LO7"),
            (["H", "O", "A", "\b", "\b", "Ò", "A"], "HOAF", "HOA2"),  # tone on the earlier vowel (old style)
        ],
    )
    def test_backspace_and_replace_is_undone(self, tokens, telex, vni):
        from desk_app.gui.intake.ime import undo_ime

        readings = undo_ime(tokens)
        assert readings[:2] == [telex, vni]

    def test_vni_is_preferred_when_telex_is_ruled_out(self):
        """An unrewritten vowel + tone letter ("ES") means Telex was off: the digit reading comes first."""
        from desk_app.gui.intake.ime import undo_ime

        tokens = [*"LO A", "\b", "Ạ", *" VINHOMES"]
        assert undo_ime(tokens)[0] == "LO A5 VINHOMES"

    def test_ime_key(self):
        from desk_app.gui.intake.ime import ime_key

        assert ime_key("A", "Â") == ("A", "6")
        assert ime_key("o", "ơ") == ("w", "7")
        assert ime_key("D", "Đ") == ("D", "9")
        assert ime_key("E", "Ẽ") == ("X", "4")
        assert ime_key("A", "B") is None

    def test_read_card_from_rewritten_ascii_scan(self):
        """A scan whose ASCII name went through Telex ("DD" → "Đ") reads back as the scanner sent it."""
        from desk_app.gui.intake.ime import read_card

        raw = "001190012345||DDINH THI HOA|02051990|Nu|Xa Gio Son|15042021"
        tokens = []
        for ch in raw:
            tokens.append(ch)
        i = raw.index("DD")
        tokens = [*raw[: i + 1], "\b", "Đ", *raw[i + 2 :]]  # what Unikey sends for the second D
        card = read_card(tokens)
        assert card.full_name == "DDINH THI HOA"
        assert card.birth_date == date(1990, 5, 2)
        assert card.gender == "Nữ"


@pytest.fixture
def form(qtbot):
    """A small form with a CardScanner watching its keys."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

    from desk_app.gui.intake.card_reader import CardScanner, KeyTreeFilter

    root = QWidget()
    lay = QVBoxLayout(root)
    root.name = QLineEdit(root)
    root.phone = QLineEdit(root)
    root.count = QSpinBox(root)
    root.combo = QComboBox(root)
    root.combo.addItems(["", "Nam", "Nữ"])
    for w in (root.name, root.phone, root.count, root.combo):
        lay.addWidget(w)
    root.scanner = CardScanner(root)
    root.cards = []
    root.errors = []
    root.scanner.cardScanned.connect(root.cards.append)
    root.scanner.cardRejected.connect(root.errors.append)
    root.filter = KeyTreeFilter(root, root.scanner.key_press)
    qtbot.addWidget(root)
    return root


class TestCardScanner:
    def test_scan_into_a_field_is_swallowed_and_parsed(self, form):
        form.phone.setText("0912345678")
        send_keys(form.phone, PAYLOAD + "\r")
        assert form.phone.text() == "0912345678"
        assert len(form.cards) == 1 and not form.errors
        card = form.cards[0]
        assert card.id_number == "001190012345"
        assert card.full_name == "NGUYỄN THỊ HẰNG"

    def test_scan_right_after_typing_keeps_the_typing(self, form, qtbot):
        """The clerk's digits typed just before the scan stay; only the scan is taken out."""
        qtbot.keyClicks(form.phone, "0912345678")
        send_keys(form.phone, PAYLOAD + "\r")
        assert form.phone.text() == "0912345678"
        assert form.cards

    def test_scan_without_enter_ends_after_a_pause(self, form, qtbot):
        send_keys(form.name, PAYLOAD)
        assert form.scanner.capturing
        qtbot.waitUntil(lambda: bool(form.cards), timeout=3000)
        assert form.name.text() == ""

    def test_scan_into_a_spin_box_and_a_combo_changes_nothing(self, form):
        form.count.setValue(7)
        send_keys(form.count, PAYLOAD + "\r")
        assert form.count.value() == 7 and form.count.text() == "7"
        form.combo.setCurrentIndex(2)
        send_keys(form.combo, PAYLOAD + "\r")
        assert form.combo.currentIndex() == 2
        assert len(form.cards) == 2

    @pytest.mark.parametrize(
        "garbage",
        [
            "001190012345|012345678|NGUYEN VAN A|31021990|Nam|X|15042021",  # 31 February
            "001190012345|NGUYEN VAN A|xx|Nam|X",  # too few fields, no date
            "001190012345|012345678|NGUYEN VAN A|02051990|Khác|X|15042021",  # gender
            "999190012345|012345678|NGUYEN VAN A|02051990|Nữ|X|15042021",  # province 999? not 0xx: abroad
            "ABC|DEF|GHI|JKL|MNO|PQR",  # a bar code that is no ID card
        ],
    )
    def test_garbage_is_reported_and_overwrites_nothing(self, form, garbage):
        form.name.setText("Trần Văn Bình")
        send_keys(form.name, garbage + "\r")
        assert form.name.text() == "Trần Văn Bình"
        if garbage.startswith("999"):  # a foreign-born ID (first digit not 0) is a valid number
            assert form.cards or form.errors
            return
        assert not form.cards
        assert form.errors and "quét lại" in form.errors[0]

    def test_slow_typing_with_a_bar_is_not_a_scan(self, form):
        """A person typing (keys 200 ms apart) a bar after 12 digits is typing, not scanning."""
        clock = iter(range(0, 100000, 200))
        form.scanner.clock = lambda: float(next(clock))
        send_keys(form.name, "001190012345|abc")
        assert form.name.text() == "001190012345|abc"
        assert not form.scanner.capturing and not form.cards

    def test_scan_rewritten_by_telex_is_read_as_sent(self, form):
        """Unikey (Telex) turned the scanner's "DD" into "Đ" with a Backspace: the card still reads as sent."""
        raw = "001190012345||DDINH THI HOA|02051990|Nu|Xa Gio Son|15042021"
        i = raw.index("DD")
        typed = raw[: i + 1] + "\b" + "Đ" + raw[i + 2 :] + "\r"
        form.name.setText("")
        send_keys(form.name, typed)
        assert form.name.text() == ""
        assert [c.full_name for c in form.cards] == ["DDINH THI HOA"]

    def test_scan_rewritten_by_vni_is_read_as_sent(self, form):
        """VNI turned "A5" of an address into "Ạ"; "ES" left alone shows Telex was off, so "A5" comes back."""
        raw = "001190012345|012345678|TRAN THI HOA|02051990|Nu|LO A5 VINHOMES|15042021"
        i = raw.index("A5")
        typed = raw[: i + 1] + "\b" + "Ạ" + raw[i + 2 :] + "\r"
        send_keys(form.phone, typed)
        assert [c.address for c in form.cards] == ["LO A5 VINHOMES"]
