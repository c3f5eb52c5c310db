"""At the counter: a save whose slip fails is reported as saved; no made-up due date; wide address; wrapped names."""

from __future__ import annotations

from typing import Any

from desk_app.domain.errors import UserError
from tests.gui.test_intake_gui import dossiers, page, pick, press, send_keys  # noqa: F401  (fixture)


def test_a_saved_dossier_whose_slip_fails_is_reported_saved(
    page: Any,  # noqa: F811
    qtbot: Any,
    gui_ctx: Any,
    monkeypatch: Any,
) -> None:
    from desk_app.services.lifecycle import slip_print

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise UserError("printer template missing", "mẫu phiếu bị hỏng")

    monkeypatch.setattr(slip_print, "slip_preview", broken)
    pick(qtbot, page)
    send_keys(page.applicant.full_name, "Lê Văn Tám")
    press(qtbot, "Key_F9")
    qtbot.waitUntil(lambda: page.message_bar.property("kind") == "warning", timeout=20000)  # the save stands
    gui_ctx.runner.wait_idle()
    saved = dossiers(gui_ctx.db, full_name="Lê Văn Tám")
    assert len(saved) == 1 and saved[0][1] == "received"
    text = page.message_bar.text()
    assert text.startswith(f"Đã lưu hồ sơ {saved[0][0]}; chưa in được phiếu: mẫu phiếu bị hỏng.")
    assert "in lại" in text
    assert page.preview_dialog is None  # nothing to preview
    assert page.applicant.full_name.text() == ""  # the form is ready for the next citizen


def test_no_due_date_before_a_procedure_is_picked(page: Any, qtbot: Any) -> None:  # noqa: F811
    due = page.form.due_edit
    assert not due.isEnabled()
    assert due.text() == "(chọn thủ tục trước)"
    assert "2000" not in due.text()
    pick(qtbot, page)
    assert due.isEnabled() and due.text() != "(chọn thủ tục trước)" and "/" in due.text()
    page.form.clear()
    assert due.text() == "(chọn thủ tục trước)"


def test_the_address_has_a_full_width_line(page: Any) -> None:  # noqa: F811
    form = page.applicant.ui.form
    from PySide6.QtWidgets import QFormLayout

    _row, role = form.getWidgetPosition(page.applicant.address)
    assert role == QFormLayout.ItemRole.SpanningRole
    assert page.applicant.address.width() >= page.applicant.full_name.width()


def test_long_document_names_wrap(page: Any, qtbot: Any) -> None:  # noqa: F811
    pick(qtbot, page)
    table = page.documents
    assert table.wordWrap()
    long_name = table.item(0, 1).text()
    assert table.item(0, 1).toolTip() == long_name
