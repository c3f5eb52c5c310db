"""Move dialogs at the counter: Tab leaves the time field, the officials list, no move reopened by a stale key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from desk_app.domain.states import Action
from tests.gui.test_lifecycle_gui import TIMEOUT, wait_dossier
from tests.services.test_lifecycle_support import make_dossier

DOSSIER = {"code": "X-1", "applicant": {"full_name": "Nguyễn Thị Hằng"}, "allowed_actions": ["forward"]}


def test_tab_leaves_the_time_field(qtbot: Any) -> None:
    from desk_app.gui.move_dialog import MoveDialog

    dialog = MoveDialog(Action.FORWARD, DOSSIER)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.at_edit.setFocus()
    assert dialog.focusWidget() is dialog.at_edit
    qtbot.keyClick(dialog.at_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.to_edit
    qtbot.keyClick(dialog.to_edit, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.at_edit


def test_the_recipient_is_picked_from_the_officials(qtbot: Any) -> None:
    from desk_app.gui.move_dialog import MoveDialog

    officials = ["Công chức Tư pháp – Hộ tịch", "Công chức Địa chính – Xây dựng"]
    dialog = MoveDialog(Action.FORWARD, DOSSIER, officials=officials)
    qtbot.addWidget(dialog)
    dialog.show()
    completer = dialog.to_edit.completer()
    assert completer is not None
    completer.setCompletionPrefix("địa chính")
    assert completer.currentCompletion() == "Công chức Địa chính – Xây dựng"
    dialog.to_edit.setText("Ông Trưởng thôn")  # free text remains possible
    assert dialog.values()["to_whom"] == "Ông Trưởng thôn"
    plain = MoveDialog(Action.FORWARD, DOSSIER)
    qtbot.addWidget(plain)
    assert plain.to_edit.completer() is None


def test_a_used_move_is_not_reopened_by_space(qtbot: Any, main_window: Any, gui_ctx: Any) -> None:
    code = make_dossier(gui_ctx.db, name="Nguyễn Thị Hằng", received_at=datetime(2025, 7, 7, 9, 0))
    gui_ctx.openDossierRequested.emit(code)
    page = wait_dossier(qtbot, main_window, code)
    assert page.start_move(Action.RETURN) is None  # not allowed in this state
    button = page.action_buttons["forward"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert page.start_move(Action.FORWARD) is None  # one dialog at a time
    dialog.to_edit.setText("Công chức Tư pháp")
    with qtbot.waitSignal(page.moved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not button.isEnabled() or page.data["state"] != "received"
    qtbot.keyClick(button, Qt.Key.Key_Space)  # the old button, still focused, pressed again
    assert page.dialog is dialog and not dialog.isVisible()
    qtbot.waitUntil(lambda: page.data["state"] == "in_progress" and button.isEnabled(), timeout=TIMEOUT)
    assert page.start_move(Action.RESULT_READY if "result-ready" in page.action_buttons else Action.FORWARD)
    gui_ctx.runner.wait_idle(TIMEOUT)
