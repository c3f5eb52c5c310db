"""The assistance screen, driven from the keyboard: F8 from anywhere, Tab through the form, F9 saves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

KNOWN_ID = "045089001234"


def focused() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def commit_text(widget: Any, text: str) -> None:
    """What a Vietnamese input method sends: one committed string (keyClicks aborts on non-ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot: Any, key_name: str) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(focused(), getattr(Qt.Key, key_name))


def helps(db: Any, by: str = "tester") -> list[Any]:
    """The helps logged by ``by`` (the test's clerk; the demo commune's own helps are by its clerks)."""
    from desk_app.store.models_assist import HelpEntry

    with db.session() as s:
        return list(s.scalars(select(HelpEntry).where(HelpEntry.staff == by).order_by(HelpEntry.id)))


def open_with_f8(qtbot: Any, main_window: Any) -> Any:
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    press(qtbot, "Key_F8")
    assert main_window.current_key() == "assist"
    page = main_window.page("assist")
    qtbot.waitUntil(lambda: page.kind.hasFocus(), timeout=5000)
    return page


def test_f8_then_keyboard_only_records_a_help(qtbot: Any, main_window: Any, gui_ctx: Any) -> None:
    """From the dossier list: F8, pick the kind, Tab through name/ID/phone, tick consent, F9: one help saved."""
    page = open_with_f8(qtbot, main_window)
    from PySide6.QtWidgets import QLabel

    assert page.form.findChild(QLabel, "kindLabel").text() == "Loại hỗ trợ"  # the .ui form, translated
    assert page.kind.itemText(0) == "Cài đặt, kích hoạt VNeID mức 2"
    press(qtbot, "Key_Down")  # portal login
    press(qtbot, "Key_Tab")  # outcome: done
    press(qtbot, "Key_Tab")  # the reason is disabled while done: the name is next
    assert focused() is page.name
    commit_text(focused(), "Nguyễn Văn An")
    press(qtbot, "Key_Tab")
    qtbot.keyClicks(focused(), KNOWN_ID)
    press(qtbot, "Key_Tab")
    qtbot.keyClicks(focused(), "0987654321")
    for _ in range(5):  # procedure, dossier code, minutes, note, level-2 box
        press(qtbot, "Key_Tab")
    assert focused() is page.level2
    press(qtbot, "Key_Space")
    press(qtbot, "Key_Tab")
    assert focused() is page.consent
    press(qtbot, "Key_Space")
    press(qtbot, "Key_F9")
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=10000)
    rows = helps(gui_ctx.db)
    assert len(rows) == 1
    entry = rows[0]
    assert (entry.kind, entry.outcome, entry.full_name, entry.phone) == (
        "portal_login",
        "done",
        "Nguyễn Văn An",
        "0987654321",
    )
    assert entry.id_masked == "045******234" and entry.had_level2 is True and entry.consent is True
    assert entry.staff == "tester"
    # The form is ready for the next citizen, same kind, and today's list shows the help masked.
    assert page.name.text() == "" and page.kind.currentData() == "portal_login" and page.kind.hasFocus()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert page.table.item(0, 4).text() == "045******234"
    assert KNOWN_ID not in page.today_label.text()


def test_not_done_needs_its_reason_and_a_bad_id_is_shown_in_vietnamese(
    qtbot: Any, main_window: Any, gui_ctx: Any
) -> None:
    page = open_with_f8(qtbot, main_window)
    press(qtbot, "Key_Tab")
    press(qtbot, "Key_Down")  # not done
    assert page.reason.isEnabled()
    press(qtbot, "Key_Tab")
    assert focused() is page.reason
    press(qtbot, "Key_Down")  # no smartphone
    press(qtbot, "Key_Tab")
    press(qtbot, "Key_Tab")
    assert focused() is page.id_number
    qtbot.keyClicks(focused(), "12345")
    press(qtbot, "Key_F9")
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=10000)
    assert "12 chữ số" in page.error.text() and page.id_number.hasFocus()
    assert helps(gui_ctx.db) == []
    page.id_number.clear()
    press(qtbot, "Key_F9")
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=10000)
    [entry] = helps(gui_ctx.db)
    assert (entry.outcome, entry.reason, entry.full_name) == ("not_done", "no_smartphone", "")


def test_f6_opens_the_guide_sheet(qtbot: Any, main_window: Any) -> None:
    page = open_with_f8(qtbot, main_window)
    press(qtbot, "Key_F6")
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20000)
    assert page.preview_dialog.pdf_bytes.startswith(b"%PDF")
    page.preview_dialog.close()


def test_online_only_procedure_at_intake_turns_into_assisted_filing(
    qtbot: Any, main_window: Any, gui_ctx: Any
) -> None:
    from desk_app.services.setup import catalog

    rows = [p for p in catalog.list_procedures(gui_ctx.db) if p["code"] == "1.004194"]
    catalog.import_rows(gui_ctx.db, [(1, {**rows[0], "online_only": True, "effective_from": "2026-01-01"})])
    intake = main_window.show_page("intake")
    intake.choose_procedure("1.004194")
    qtbot.waitUntil(lambda: main_window.current_key() == "assist", timeout=10000)
    page = main_window.page("assist")
    assert page.kind.currentData() == "online_filing" and page.procedure.text() == "1.004194"
    assert page.name.hasFocus() or not main_window.isActiveWindow()
