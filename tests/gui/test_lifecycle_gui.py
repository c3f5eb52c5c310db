"""The lifecycle in the window: scanning a slip opens its dossier, moves through the dialog, live queues."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desk_app.gui import barcode_wedge
from desk_app.gui import queues as queues_page
from desk_app.gui.barcode_wedge import BarcodeWedge, read_code
from desk_app.services.lifecycle.dossier_view import show
from tests.services.test_lifecycle_support import make_dossier

TIMEOUT = 15000


def fake_clock(step_ms: float) -> Any:
    ticks = itertools.count(start=10_000, step=step_ms)
    return lambda: float(next(ticks))


def type_keys(widget: QWidget, tokens: list[str], *, enter: bool = True) -> None:
    """Send key presses the way a keyboard-wedge scanner does ("\\b" = Backspace)."""
    for tok in tokens:
        if tok == "\b":
            events = [
                QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
            ]
        else:
            key = Qt.Key(ord(tok.upper())) if tok.isascii() and tok.isalnum() else Qt.Key.Key_unknown
            events = [QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, tok)]
        events.append(
            QKeyEvent(
                QKeyEvent.Type.KeyRelease, events[0].key(), Qt.KeyboardModifier.NoModifier, events[0].text()
            )
        )
        for ev in events:
            QApplication.sendEvent(widget, ev)
    if enter:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            )


@pytest.fixture
def window(main_window: Any) -> Any:
    """The main window with the lifecycle started as the app starts it (queues page built, wedge on)."""
    queues_page.install(main_window.ctx)
    return main_window


@pytest.fixture
def code(gui_ctx: Any) -> str:
    return make_dossier(gui_ctx.db, name="Nguyễn Thị Hằng", received_at=datetime(2025, 7, 7, 9, 0))


def wait_dossier(qtbot: Any, window: Any, code: str) -> Any:
    qtbot.waitUntil(lambda: window.current_key() == "dossier", timeout=TIMEOUT)
    page = window.page("dossier")
    qtbot.waitUntil(lambda: page.data is not None and page.data["code"] == code, timeout=TIMEOUT)
    return page


def test_read_code_undoes_telex_and_vni() -> None:
    """D D → Telex "Đ" (Backspace + Đ) and VNI "D9" → "Đ" are read back as the scanner's DD / D9."""
    telex = [*"000.00.D", "\b", "Đ", *".H49-250707-0001"]
    assert read_code(telex) == "000.00.DD.H49-250707-0001"
    assert read_code(list("001.05.12.H49-250707-0001")) == "001.05.12.H49-250707-0001"
    assert read_code(list("hello world")) is None


def test_scanning_a_slip_in_any_field_opens_its_dossier(qtbot: Any, window: Any, code: str) -> None:
    """A scanner burst into the queues page's search box opens the dossier; the box is left as it was."""
    wedge = barcode_wedge.install(window.ctx)
    wedge.clock = fake_clock(4)
    window.show_page("queues")
    search = window.page("queues").search
    search.setText("abc")
    scanned: list[str] = []
    wedge.codeScanned.connect(scanned.append)
    type_keys(search, list(code))
    assert scanned == [code]
    page = wait_dossier(qtbot, window, code)
    assert search.text() == "abc"  # what the scanner typed was taken back
    assert page.data["state"] == "received"
    assert "action-forward" in {b.objectName() for b in page.action_buttons.values()}


def test_a_telex_rewritten_scan_still_opens(qtbot: Any, window: Any, gui_ctx: Any) -> None:
    """Unikey (Telex) turns the scanner's "dd" into "đ": the code is still found."""
    wedge = barcode_wedge.install(window.ctx)
    wedge.clock = fake_clock(3)
    seen: list[str] = []
    wedge.codeScanned.connect(seen.append)
    target = window.page("dossiers")
    type_keys(target, [*"000.00.D", "\b", "Đ", *".H49-250707-0001"])
    assert seen == ["000.00.DD.H49-250707-0001"]


def test_a_person_typing_a_code_does_not_trigger(qtbot: Any, window: Any, code: str) -> None:
    wedge = barcode_wedge.install(window.ctx)
    wedge.clock = fake_clock(180)  # a fast typist: 180 ms a key
    window.show_page("queues")
    search = window.page("queues").search
    seen: list[str] = []
    wedge.codeScanned.connect(seen.append)
    type_keys(search, list(code))
    assert seen == [] and search.text() == code


def test_a_standalone_wedge_ignores_short_bursts(qtbot: Any, qapp: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    wedge = BarcodeWedge(clock=fake_clock(2))
    qapp.installEventFilter(wedge)
    seen: list[str] = []
    wedge.codeScanned.connect(seen.append)
    try:
        type_keys(widget, list("12345"))
        type_keys(widget, list("001.05.12.H49-250707-0001"))
    finally:
        qapp.removeEventFilter(wedge)
    assert seen == ["001.05.12.H49-250707-0001"]


def test_forward_through_the_dialog_and_queues_follow(
    qtbot: Any, window: Any, gui_ctx: Any, code: str
) -> None:
    """Open by code, forward via the dialog, then result-ready: the queue counts move in the background."""
    qpage = window.page("queues")
    qtbot.waitUntil(lambda: bool(qpage.counts), timeout=TIMEOUT)
    with qtbot.waitSignal(qpage.countsUpdated, timeout=TIMEOUT):
        qpage.refresh()
    before = dict(qpage.counts)
    window.ctx.openDossierRequested.emit(code)
    page = wait_dossier(qtbot, window, code)

    dialog = page.start_move(page.action_buttons["forward"].property("action") or _action("forward"))
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    dialog.to_edit.setText("Công chức Tư pháp - Hộ tịch")
    with qtbot.waitSignal(page.moved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.data["state"] == "in_progress", timeout=TIMEOUT)
    assert not dialog.isVisible()
    assert show(gui_ctx.db, code)["history"][-1]["to_whom"] == "Công chức Tư pháp - Hộ tịch"
    assert show(gui_ctx.db, code)["history"][-1]["actor"] == "tester"

    qtbot.mouseClick(page.action_buttons["result-ready"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=TIMEOUT)
    with qtbot.waitSignal(qpage.countsUpdated, timeout=TIMEOUT):
        qtbot.mouseClick(page.dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: qpage.counts.get("result_ready") == before["result_ready"] + 1, timeout=TIMEOUT)
    assert qpage.counts["overdue"] == before["overdue"] - 1  # received in 2025: it was overdue
    assert f"({qpage.counts['result_ready']})" in qpage.queue_list.item(4).text()


def _action(name: str) -> Any:
    from desk_app.domain.states import Action

    return Action(name)


def test_a_refused_move_keeps_the_dialog_open(
    qtbot: Any, window: Any, gui_ctx: Any, code: str, shown_messages: Any
) -> None:
    """Stop without a reason: the clerk sees why, the dialog stays, nothing changes."""
    window.ctx.openDossierRequested.emit(code)
    page = wait_dossier(qtbot, window, code)
    dialog = page.start_move(_action("stop"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown_messages.texts("error")), timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert show(gui_ctx.db, code)["state"] == "received"


def test_return_dialog_records_receiver_and_rating(qtbot: Any, window: Any, gui_ctx: Any, code: str) -> None:
    from desk_app.services.lifecycle.moves import act

    act(gui_ctx.db, code, "result-ready", at=datetime(2025, 7, 8, 9, 0))
    window.ctx.openDossierRequested.emit(code)
    page = wait_dossier(qtbot, window, code)
    dialog = page.start_move(_action("return"))
    assert dialog.receiver_name.text() == "Nguyễn Thị Hằng"
    dialog.receiver_name.clear()
    qtbot.keyClicks(dialog.receiver_name, "Pham Van Nam")
    assert dialog.relation_combo.currentData() == "authorised" and dialog.receiver_id.text() == ""
    qtbot.keyClicks(dialog.receiver_id, "001085012345")
    dialog.rating_combo.setCurrentIndex(dialog.rating_combo.findData("satisfied"))
    with qtbot.waitSignal(page.moved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    data = show(gui_ctx.db, code)
    assert data["state"] == "returned" and data["rating"] == "satisfied"
    assert data["receiver"] == {"name": "Pham Van Nam", "id_number": "001085012345", "relation": "authorised"}


def test_extend_is_hidden_without_the_permission(qtbot: Any, window: Any, code: str) -> None:
    window.ctx.permission_check = lambda permission: permission != "extend"
    window.ctx.openDossierRequested.emit(code)
    page = wait_dossier(qtbot, window, code)
    assert "extend" not in page.action_buttons and "forward" in page.action_buttons


def test_search_as_you_type(qtbot: Any, window: Any, gui_ctx: Any, code: str) -> None:
    make_dossier(
        gui_ctx.db, name="Đặng Văn Đức", id_number="038085001122", received_at=datetime(2025, 7, 7, 9, 5)
    )
    qpage = window.show_page("queues")
    with qtbot.waitSignal(
        qpage.rowsShown, timeout=TIMEOUT, check_params_cb=lambda n: any(r["code"] == code for r in qpage.rows)
    ):
        qtbot.keyClicks(qpage.search, "nguyen thi h")
    assert qpage.table.item(0, 1).text()
    names = {r["applicant"]["full_name"] for r in qpage.rows}
    assert "Nguyễn Thị Hằng" in names and "Đặng Văn Đức" not in names
    qpage.search.clear()
    with qtbot.waitSignal(
        qpage.rowsShown,
        timeout=TIMEOUT,
        check_params_cb=lambda n: [r["applicant"]["full_name"] for r in qpage.rows] == ["Đặng Văn Đức"],
    ):
        qtbot.keyClicks(qpage.search, "dang van duc")


def test_warning_banner_and_badge(qtbot: Any, window: Any, gui_ctx: Any, code: str) -> None:
    """On Wednesday 9/7/2025 the dossier due Thursday 09:00 is due soon: the banner shows it without being
    asked, and the navigation badge counts what is overdue or due today."""
    qpage = window.page("queues")
    qpage.clock = lambda: datetime(2025, 7, 9, 10, 0)
    with qtbot.waitSignal(qpage.countsUpdated, timeout=TIMEOUT):
        gui_ctx.dossiersChanged.emit()
    assert not qpage.warning_label.isHidden()
    assert code in qpage.warning_label.text()
    assert qpage.counts["due_soon"] >= 1
    row = window._rows["queues"]
    badge = qpage.count()
    assert badge is not None
    assert window.nav.item(row).text().endswith(f"({badge})") or badge == 0
