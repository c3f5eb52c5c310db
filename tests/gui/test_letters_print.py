"""The dossier page's letters (issue 13): opening a preview records nothing; printing or saving records once and the
saved PDF carries the recorded number; a printer failure is not counted and the reprint keeps the number."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from desk_app.services.lifecycle.dossier_view import show
from desk_app.services.lifecycle.moves import act
from desk_app.store.models import AuditEvent
from desk_app.store.models_registers import DossierLetter
from tests.gui.test_intake_gui import page, pick, send_keys, wait_result  # noqa: F401  (page is a fixture)
from tests.gui.test_lifecycle_gui import TIMEOUT, wait_dossier
from tests.gui.test_preview_is_not_a_print import print_to_pdf
from tests.services.test_lifecycle_support import make_dossier

DAY = datetime(2026, 3, 2, 9, 0)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def snapshot(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    with db.session() as s:
        names = [r[0] for r in s.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).all()]
        return {t: [tuple(r) for r in s.execute(text(f'SELECT * FROM "{t}"')).all()] for t in names}


def print_events(db: Any) -> list[AuditEvent]:
    with db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(("print", "print-failed")), AuditEvent.entity == "dossier")
                .order_by(AuditEvent.id)
            )
        )


def with_letter(db: Any, form: str) -> str:
    """A dossier with a move whose letter ``form`` can be printed."""
    code = make_dossier(db, received_at=DAY)
    if form == "supplement":
        act(db, code, "request-supplement", at=DAY.replace(hour=10), items=["Bản sao CCCD"], reason="Thiếu")
    elif form == "apology":
        due = show(db, code)["due_at"]
        new_due = date.fromisoformat(due[:10]) + timedelta(days=7)
        act(db, code, "extend", at=DAY.replace(hour=10), new_due=new_due, reason="Cần xác minh")
    elif form == "stop":
        act(db, code, "stop", at=DAY.replace(hour=10), reason="Theo quyết định")
    return code


def open_preview(qtbot: Any, main_window: Any, gui_ctx: Any, code: str, form: str) -> Any:
    gui_ctx.openDossierRequested.emit(code)
    dossier_page = wait_dossier(qtbot, main_window, code)
    dossier_page.preview = None
    dossier_page.print_form(form)
    qtbot.waitUntil(lambda: dossier_page.preview is not None, timeout=TIMEOUT)
    gui_ctx.runner.wait_idle(TIMEOUT)
    assert dossier_page.preview.page_count() >= 1
    return dossier_page


@pytest.mark.parametrize("form", ["supplement", "apology", "stop"])
def test_preview_then_cancel_records_nothing(qtbot: Any, main_window: Any, gui_ctx: Any, form: str) -> None:
    code = with_letter(gui_ctx.db, form)
    before = snapshot(gui_ctx.db)
    dossier_page = open_preview(qtbot, main_window, gui_ctx, code, form)
    dossier_page.preview.reject()
    gui_ctx.runner.wait_idle(TIMEOUT)
    assert snapshot(gui_ctx.db) == before  # no print row, no number taken
    assert show(gui_ctx.db, code)["letters"] == []


@pytest.mark.parametrize("form", ["supplement", "apology", "stop"])
def test_preview_then_save_as_pdf_records_once_with_the_number(
    qtbot: Any, main_window: Any, gui_ctx: Any, form: str, tmp_path: Path
) -> None:
    code = with_letter(gui_ctx.db, form)
    dossier_page = open_preview(qtbot, main_window, gui_ctx, code, form)
    dialog = dossier_page.preview
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT) as blocker:
        dialog.save_to(tmp_path / "letter.pdf")
    gui_ctx.runner.wait_idle(TIMEOUT)
    (event,) = print_events(gui_ctx.db)
    number = event.detail["number"]
    assert event.detail["form"] == form and event.detail["output"] == "pdf"
    assert [x["number"] for x in show(gui_ctx.db, code)["letters"]] == [number]
    saved = pdf_text(Path(blocker.args[0]))
    assert f"Số: {number}" in saved and "BẢN IN LẠI" not in saved
    assert f"In lúc {event.at:%H:%M} ngày {event.at:%d/%m/%Y}" in saved  # the recorded print, to the minute
    assert dialog.recorded[0].pdf == dialog.pdf_bytes  # the dialog now shows what was recorded
    dialog.reject()


def test_preview_then_print_records_once_and_prints_the_recorded_letter(
    qtbot: Any, main_window: Any, gui_ctx: Any, tmp_path: Path
) -> None:
    code = with_letter(gui_ctx.db, "apology")
    dossier_page = open_preview(qtbot, main_window, gui_ctx, code, "apology")
    dialog = dossier_page.preview
    out = tmp_path / "printed.pdf"
    print_to_pdf(dialog, out)
    with qtbot.waitSignal(dialog.printed, timeout=TIMEOUT):
        assert dialog.print_document() is True
    gui_ctx.runner.wait_idle(TIMEOUT)
    (event,) = print_events(gui_ctx.db)
    assert event.detail["output"] == "printer"
    assert out.read_bytes().startswith(b"%PDF")  # the printer got it
    sent = tmp_path / "sent.pdf"
    sent.write_bytes(dialog.pdf_bytes)  # what went to the printer (rasterised there): the recorded letter
    assert f"Số: {event.detail['number']}" in pdf_text(sent)
    dialog.reject()


def test_a_printer_failure_is_not_counted_and_the_reprint_keeps_the_number(
    qtbot: Any, main_window: Any, gui_ctx: Any, tmp_path: Path, shown_messages: Any
) -> None:
    code = with_letter(gui_ctx.db, "supplement")
    dossier_page = open_preview(qtbot, main_window, gui_ctx, code, "supplement")
    dialog = dossier_page.preview
    print_to_pdf(dialog, tmp_path / "printed.pdf")
    dialog.print_to = lambda printer: False  # the printer refuses the document
    dialog.print_document()
    qtbot.waitUntil(lambda: len(print_events(gui_ctx.db)) == 2, timeout=TIMEOUT)
    gui_ctx.runner.wait_idle(TIMEOUT)
    printed, failed = print_events(gui_ctx.db)
    number = printed.detail["number"]
    assert failed.action == "print-failed" and failed.detail["print"] == printed.id
    (kind, message) = shown_messages[-1]
    assert kind == "error" and "Máy in không nhận tài liệu" in message and "không được tính" in message
    assert f"vẫn mang số {number}" in message
    # The reprint: same number, not stamped "BẢN IN LẠI" (the first never came out).
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT) as blocker:
        dialog.save_to(tmp_path / "again.pdf")
    gui_ctx.runner.wait_idle(TIMEOUT)
    again = pdf_text(Path(blocker.args[0]))
    assert f"Số: {number}" in again and "BẢN IN LẠI" not in again
    assert [x["number"] for x in show(gui_ctx.db, code)["letters"]] == [number]
    dialog.reject()


def test_the_counters_guidance_is_numbered_only_when_printed(
    page: Any,  # noqa: F811
    qtbot: Any,
    gui_ctx: Any,
    tmp_path: Path,
) -> None:
    """Mẫu 02 at the counter: the guidance is saved, its preview takes no number and records no print."""
    pick(qtbot, page)
    send_keys(page.applicant.full_name, "Phạm Thị Thiếu")
    page.documents.set_received(1, False)
    dialog = page.ask_reason("guide")
    dialog.reason_edit.setText("Thiếu giấy chứng sinh")
    dialog.accept()
    wait_result(qtbot, page, gui_ctx)
    with gui_ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(DossierLetter)) == 0
    assert print_events(gui_ctx.db) == []
    preview = page.preview_dialog
    with qtbot.waitSignal(preview.saved, timeout=TIMEOUT) as blocker:
        preview.save_to(tmp_path / "guidance.pdf")
    gui_ctx.runner.wait_idle(TIMEOUT)
    (event,) = print_events(gui_ctx.db)
    assert event.detail["form"] == "guidance"
    assert f"Số: {event.detail['number']}" in pdf_text(Path(blocker.args[0]))
    preview.reject()


def test_the_book_preview_records_nothing(qtbot: Any, gui_ctx: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QDate

    from desk_app.gui.admin_page import AdminPage

    admin = AdminPage(gui_ctx)
    qtbot.addWidget(admin)
    admin.book_from.setDate(QDate(2025, 1, 1))
    admin.book_to.setDate(QDate(2026, 12, 31))
    with qtbot.waitSignal(admin.done, timeout=30000):
        admin.preview_book()
    gui_ctx.runner.wait_idle(TIMEOUT)
    assert book_events(gui_ctx.db) == []
    with qtbot.waitSignal(admin.preview.saved, timeout=TIMEOUT):
        admin.preview.save_to(tmp_path / "book.pdf")
    gui_ctx.runner.wait_idle(TIMEOUT)
    assert [e.detail["output"] for e in book_events(gui_ctx.db)] == ["pdf"]
    admin.preview.reject()


def book_events(db: Any) -> list[AuditEvent]:
    with db.session() as s:
        return list(
            s.scalars(select(AuditEvent).where(AuditEvent.action == "print", AuditEvent.entity == "book"))
        )
