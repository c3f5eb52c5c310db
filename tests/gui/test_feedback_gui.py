"""The feedback page: receive from the keyboard, the overdue queue and its badge, forward and answer."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tests.gui.test_assist_gui import commit_text, focused, press


def test_receive_forward_and_answer(qtbot: Any, main_window: Any, gui_ctx: Any) -> None:
    from PySide6.QtCore import Qt

    from desk_app.services.assist import feedback

    old = feedback.FeedbackInput(
        sender_name="Trần Văn Bình",
        content="Thời hạn quá dài.",
        received_at=datetime.now() - timedelta(days=30),
    )
    late = feedback.add_feedback(gui_ctx.db, old)
    page = main_window.show_page("feedback")
    qtbot.waitUntil(lambda: [r["id"] for r in page.rows] == [late["id"]], timeout=10000)
    assert page.count() == 1  # the overdue one is the badge
    page.filter.setCurrentIndex(page.filter.findData("overdue"))
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert "quá hạn" in page.table.item(0, 4).text()

    page.sender_name.setFocus()
    commit_text(focused(), "Lê Thị Hoa")
    press(qtbot, "Key_Tab")  # sender kind
    press(qtbot, "Key_Tab")  # channel
    press(qtbot, "Key_Tab")  # consent
    press(qtbot, "Key_Space")
    press(qtbot, "Key_Tab")
    qtbot.keyClicks(focused(), "0912345678")
    page.content.setFocus()
    commit_text(focused(), "Đề nghị niêm yết phí mới.")
    press(qtbot, "Key_F9")
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=10000)
    saved = page.last_saved
    assert saved is not None and saved["sender_name"] == "Lê Thị Hoa" and saved["contact_consent"]
    assert saved["phone"] == "091****678" and saved["status"] == "received"

    page.filter.setCurrentIndex(page.filter.findData("open"))
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=10000)
    row = next(i for i, r in enumerate(page.rows) if r["id"] == late["id"])
    page.table.setCurrentCell(row, 0)
    page.forward_to.setText("Phòng Tư pháp")
    qtbot.mouseClick(page.forward_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r["status"] == "forwarded" for r in page.rows), timeout=10000)
    row = next(i for i, r in enumerate(page.rows) if r["id"] == late["id"])
    page.table.setCurrentCell(row, 0)
    page.answer_text.setText("Đã trả lời bằng văn bản.")
    qtbot.mouseClick(page.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [r["id"] for r in page.rows] == [saved["id"]], timeout=10000)
    assert page.count() is None
    assert feedback.list_feedback(gui_ctx.db, overdue_only=True) == []


def test_missing_content_is_refused_in_vietnamese(qtbot: Any, main_window: Any, gui_ctx: Any) -> None:
    page = main_window.show_page("feedback")
    page.sender_name.setText("Ai đó")
    page.save()
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=10000)
    assert "nội dung" in page.error.text()
