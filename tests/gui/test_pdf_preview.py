"""PdfPreviewDialog: shows a PDF, prints it through a QPrinter (PDF output here: no CUPS), saves it."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

pytest.importorskip("PySide6.QtPdfWidgets")


def _pdf(pages: int = 2, text: str = "Giay tiep nhan ho so") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5)
    for i in range(pages):
        c.setFont("Helvetica", 14)
        c.drawString(60, 500, f"{text} {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _dialog(qtbot, gui_ctx, data: bytes):
    from desk_app.gui.pdf_preview import PdfPreviewDialog

    dlg = PdfPreviewDialog(gui_ctx, data, "Mẫu 01")
    qtbot.addWidget(dlg)
    gui_ctx.runner.wait_idle()
    return dlg


class TestPdfPreviewDialog:
    def test_shows_every_page(self, qtbot, gui_ctx):
        """The document loads from memory and the view holds all its pages."""
        dlg = _dialog(qtbot, gui_ctx, _pdf(3))
        dlg.show()
        assert dlg.page_count() == 3
        assert dlg.view.document() is dlg.document
        assert dlg.print_button.isEnabled()

    def test_zoom_changes_the_factor(self, qtbot, gui_ctx):
        """Zoom in and out change the view's factor; fit width returns to the fitting mode."""
        from PySide6.QtPdfWidgets import QPdfView

        dlg = _dialog(qtbot, gui_ctx, _pdf(1))
        before = dlg.view.zoomFactor()
        dlg.zoom_in()
        assert dlg.view.zoomFactor() == pytest.approx(before * 1.25)
        dlg.zoom_out()
        dlg.zoom_out()
        assert dlg.view.zoomFactor() < before
        dlg.fit_width()
        assert dlg.view.zoomMode() == QPdfView.ZoomMode.FitToWidth

    def test_print_to_pdf_printer_writes_a_pdf(self, qtbot, gui_ctx, tmp_path):
        """Printing through a QPrinter with PDF output writes a real PDF with the same page count."""
        from PySide6.QtPrintSupport import QPrinter

        dlg = _dialog(qtbot, gui_ctx, _pdf(2))
        out = tmp_path / "printed.pdf"
        printed: list[str] = []
        dlg.printed.connect(printed.append)

        def ask(printer: QPrinter) -> bool:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            return True

        dlg.ask_printer = ask  # the modal print dialog, answered
        assert dlg.print_document() is True
        assert out.exists()
        assert out.read_bytes().startswith(b"%PDF")
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+2$", info, re.M)
        assert "(A5)" in info  # the paper follows the document's page size
        # The page really carries the drawing (not a blank sheet).
        png = tmp_path / "page"
        subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(out), str(png)], check=True)
        from PIL import Image

        image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
        assert image.getextrema()[0] < 128
        assert printed == [""]

    def test_cancelled_print_dialog_prints_nothing(self, qtbot, gui_ctx, tmp_path):
        dlg = _dialog(qtbot, gui_ctx, _pdf(1))
        dlg.ask_printer = lambda printer: False
        assert dlg.print_document() is False

    def test_remembered_printer_is_loaded(self, qtbot, gui_ctx):
        """The setting "printer" is read when the dialog opens (in the background)."""
        from dataclasses import replace

        from desk_app.services.setup import settings as settings_service

        form = settings_service.load(gui_ctx.db)
        settings_service.save(gui_ctx.db, replace(form, printer="Canon LBP2900"))
        dlg = _dialog(qtbot, gui_ctx, _pdf(1))
        assert dlg.printer_name == "Canon LBP2900"
        # Not installed on this machine: the printer stays the default one, no warning, no crash.
        printer = dlg.make_printer()
        assert printer.printerName() != "Canon LBP2900"

    def test_save_as_pdf(self, qtbot, gui_ctx, tmp_path):
        """Save as PDF writes the exact bytes (a .pdf suffix is added when missing)."""
        data = _pdf(1)
        dlg = _dialog(qtbot, gui_ctx, data)
        target = tmp_path / "slip"
        dlg.ask_save_path = lambda: str(target)
        with qtbot.waitSignal(dlg.saved, timeout=10000) as blocker:
            dlg.save_document()
        written = Path(blocker.args[0])
        assert written == tmp_path / "slip.pdf"
        assert written.read_bytes() == data

    def test_broken_pdf_disables_printing(self, qtbot, gui_ctx):
        dlg = _dialog(qtbot, gui_ctx, b"not a pdf")
        assert dlg.page_count() == 0
        assert not dlg.print_button.isEnabled()
        assert dlg.print_document() is False
