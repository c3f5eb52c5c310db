"""Opening a slip's preview is not a print: only printing or saving records it; only a second print is a reprint."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from desk_app.services.lifecycle import prints, slip_print
from tests.gui.test_intake_gui import page, pick, press, send_keys  # noqa: F401  (fixture)
from tests.gui.test_lifecycle_gui import TIMEOUT, wait_dossier
from tests.services.test_lifecycle_support import make_dossier


def _count(db: Any, code: str) -> int:
    with db.session() as s:
        return prints.print_count(s, prints.find_dossier(s, code), "slip")


def _text(pdf: bytes, tmp_path: Path) -> str:
    f = tmp_path / "slip.pdf"
    f.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True, check=True).stdout


def print_to_pdf(dialog: Any, out: Path) -> None:
    """Answer the modal print dialog with a PDF-output QPrinter writing ``out`` (no CUPS in tests)."""
    from PySide6.QtPrintSupport import QPrinter

    def ask(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    dialog.ask_printer = ask


def test_the_service_previews_without_recording(seeded_db: Any, tmp_path: Path) -> None:
    code = make_dossier(seeded_db)
    first = slip_print.slip_preview(seeded_db, code)
    again = slip_print.slip_preview(seeded_db, code)
    assert _count(seeded_db, code) == 0
    assert "BẢN IN LẠI" not in _text(first, tmp_path) and "BẢN IN LẠI" not in _text(again, tmp_path)
    assert slip_print.record_slip_print(seeded_db, code, "tester") == 0  # the first real print
    assert _count(seeded_db, code) == 1
    assert "BẢN IN LẠI" in _text(slip_print.slip_preview(seeded_db, code), tmp_path)


def test_intake_records_the_slip_only_when_printed(
    page: Any,  # noqa: F811
    qtbot: Any,
    gui_ctx: Any,
    tmp_path: Path,
) -> None:
    pick(qtbot, page)
    send_keys(page.applicant.full_name, "Lê Văn Tám")
    press(qtbot, "Key_F9")
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20000)
    gui_ctx.runner.wait_idle()
    code = page.last_result.code
    assert _count(gui_ctx.db, code) == 0  # the preview is open: nothing printed yet
    print_to_pdf(page.preview_dialog, tmp_path / "printed.pdf")
    with qtbot.waitSignal(page.preview_dialog.printed, timeout=TIMEOUT):
        page.preview_dialog.print_document()
    assert _count(gui_ctx.db, code) == 1
    with qtbot.waitSignal(page.preview_dialog.saved, timeout=TIMEOUT):
        page.preview_dialog.save_to(tmp_path / "x.pdf")
    assert _count(gui_ctx.db, code) == 2
    assert "BẢN IN LẠI" in _text((tmp_path / "x.pdf").read_bytes(), tmp_path)  # the second print says so
    gui_ctx.runner.wait_idle()


def test_the_slip_is_reprinted_from_the_dossier_page(
    qtbot: Any, main_window: Any, gui_ctx: Any, tmp_path: Path
) -> None:
    code = make_dossier(gui_ctx.db)
    gui_ctx.openDossierRequested.emit(code)
    dossier_page = wait_dossier(qtbot, main_window, code)
    assert dossier_page.slip_button.text() == "Giấy tiếp nhận (Mẫu 01)"
    dossier_page.print_slip()
    qtbot.waitUntil(lambda: dossier_page.preview is not None, timeout=TIMEOUT)
    assert dossier_page.preview.page_count() >= 1
    assert _count(gui_ctx.db, code) == 0
    print_to_pdf(dossier_page.preview, tmp_path / "printed.pdf")
    with qtbot.waitSignal(dossier_page.preview.printed, timeout=TIMEOUT):
        dossier_page.preview.print_document()
    assert _count(gui_ctx.db, code) == 1
    dossier_page.preview.reject()
    gui_ctx.runner.wait_idle(TIMEOUT)
