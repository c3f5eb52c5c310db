"""Preview a PDF made by the app (slips, notices, reports), then print it or save it.

``PdfPreviewDialog(ctx, pdf_bytes, title, parent)`` shows the document in a ``QPdfView`` (loaded from a
``QBuffer``: nothing touches the disk), with zoom, "Print…" (the system print dialog, which starts on the
printer chosen last time: the setting "printer") and "Save as PDF…".

The dialog never blocks a test: the print dialog and the file dialog are asked through ``ask_printer`` and
``ask_save_path``, which tests replace; ``print_to(printer)`` and ``save_to(path)`` do the work.
Without CUPS ``QPrinterInfo.availablePrinters()`` is empty, so tests print through a ``QPrinter`` with
PDF output.

A preview is not a print. With a ``recorder`` (:class:`PrintRecorder`, the forms of a dossier, the book)
the document shown is only the preview; when the clerk has chosen the printer (or the file), the recorder
records the print in the background and returns the final PDF (its number taken, the same time as the
audit row): exactly that document is printed or saved, and shown. When the printer or the file then fails,
the recorder's ``failed`` cancels the print (services.lifecycle.prints.print_failed) and the clerk is told
that the print was not counted and that a letter keeps its number for the reprint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, QSizeF, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import UserError
from desk_app.gui.screenfit import FlowLayout, fit_to_screen

if TYPE_CHECKING:
    from desk_app.gui.context import GuiContext
    from desk_app.services.lifecycle.prints import Recorded
    from desk_app.store.db import Database

#: Pages are rasterised for printing at most at this resolution: 300 dpi keeps a Code128 readable
#: (150 dpi is enough, platform notes) without building 500 MB images at a printer's 1200 dpi.
PRINT_DPI = 300
ZOOM_STEP = 1.25


def load_printer_name(db: Database) -> str:
    """The printer chosen last time (setting "printer"), "" when none or no unit yet."""
    from desk_app.services.setup import settings as settings_service

    try:
        return settings_service.load(db).printer
    except UserError:
        return ""


def save_printer_name(db: Database, name: str, actor: str = "") -> str:
    """Remember the printer for the next print dialog (one transaction, audited by the settings service)."""
    from desk_app.services.setup import settings as settings_service

    form = settings_service.load(db)
    if form.printer == name:
        return name
    return settings_service.save(db, replace(form, printer=name), actor=actor).printer


def write_pdf_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` safely (desk_app.fsutil.write_atomic)."""
    from desk_app.fsutil import write_atomic

    return write_atomic(path, data)


def _page_size(points: QSizeF) -> tuple[QPageSize, QPageLayout.Orientation]:
    """The paper size of one PDF page (A4/A5 recognised), and its orientation."""
    w, h = points.width(), points.height()
    landscape = w > h
    if landscape:
        w, h = h, w
    size = QPageSize(QSizeF(w, h), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return size, orientation


@dataclass(frozen=True)
class PrintRecorder:
    """How a preview's real print is recorded. ``record(how)`` ("printer" or "pdf") and ``failed(recorded,
    reason)`` run on the background runner; ``done(recorded)`` on the GUI thread after the paper or the file
    came out."""

    record: Callable[[str], Recorded]
    failed: Callable[[Recorded, str], None]
    done: Callable[[Recorded], None] | None = None


def failure_text(recorded: Recorded | None, what: str) -> str:
    """The Vietnamese sentence a clerk reads when a recorded print did not come out."""
    text = f"{what} Lần in này không được tính."
    if recorded is not None and recorded.number:
        text += (
            f" Số văn bản {recorded.number} đã cấp cho văn bản này được giữ lại: "
            f"khi in lại, văn bản vẫn mang số {recorded.number}."
        )
    return text


class PdfPreviewDialog(QDialog):
    """A PDF preview with zoom, print and save (xem trước khi in).

    ``printed(printer_name)`` is emitted after the document went to a printer (the caller may audit it);
    ``saved(path)`` after "Save as PDF…" wrote the file.
    """

    printed = Signal(str)
    saved = Signal(str)

    def __init__(
        self,
        ctx: GuiContext,
        pdf_bytes: bytes,
        title: str = "",
        parent: QWidget | None = None,
        *,
        file_name: str = "document.pdf",
        recorder: PrintRecorder | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recorder = recorder
        self.recorded: list[Recorded] = []  # the prints recorded from this preview (failed ones included)
        self.busy = False  # a recorded print is on its way
        self.pdf_bytes = bytes(pdf_bytes)
        self.file_name = file_name
        self.printer_name = ""  # filled from the setting in the background
        self.setWindowTitle(title or self.tr("Print preview"))
        self.setObjectName("pdfPreviewDialog")
        fit_to_screen(self, 820, 900)

        # The buffer must live as long as the document reads from it.
        self._bytes = QByteArray(self.pdf_bytes)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.page_label = QLabel(self)
        self.zoom_out_button = QPushButton(self.tr("Zoom out (Ctrl+-)"), self)
        self.zoom_in_button = QPushButton(self.tr("Zoom in (Ctrl++)"), self)
        self.fit_button = QPushButton(self.tr("Fit width (Ctrl+0)"), self)
        self.print_button = QPushButton(self.tr("Print… (Ctrl+P)"), self)
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.setObjectName("saveButton")
        self.close_button = QPushButton(self.tr("Close (Esc)"), self)
        self.print_button.setDefault(True)

        tools = FlowLayout()  # wraps on a narrow screen
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.page_label):
            tools.addWidget(w)
        tools.addStretch(1)
        for w in (self.save_button, self.print_button, self.close_button):
            tools.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)

        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_width)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_document),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

        pages = self.page_count()
        self.page_label.setText(self.tr("%n page(s)", "", pages))
        if pages == 0:
            self.page_label.setText(self.tr("The document could not be read."))
            self.print_button.setEnabled(False)
        self.print_button.setFocus()
        ctx.runner.run(
            load_printer_name, ctx.db, on_success=self._got_printer, on_error=lambda _exc: None, parent=self
        )

    # -- document -------------------------------------------------------------------------------
    def reject(self) -> None:
        """Close, unless a recorded print is on its way (it must reach the printer or be cancelled)."""
        if self.busy:
            return
        super().reject()

    def set_pdf(self, pdf_bytes: bytes) -> None:
        """Show (and print or save from now on) ``pdf_bytes``: the recorded document replaces the preview."""
        old = self._buffer
        self.pdf_bytes = bytes(pdf_bytes)
        self._bytes = QByteArray(self.pdf_bytes)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        old.close()
        old.deleteLater()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.print_button.setEnabled(not busy and self.page_count() > 0)
        self.save_button.setEnabled(not busy)

    def page_count(self) -> int:
        return self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0

    def _got_printer(self, name: object) -> None:
        if isinstance(name, str) and not self.printer_name:
            self.printer_name = name

    # -- zoom -----------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._set_zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.view.zoomFactor() / ZOOM_STEP)

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(factor, 5.0)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- printing -------------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        """A printer set up for this document: the remembered printer (when it exists), the page size."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        if self.printer_name and self.printer_name in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(self.printer_name)
        if self.page_count():
            size, orientation = _page_size(self.document.pagePointSize(0))
            printer.setPageSize(size)
            printer.setPageOrientation(orientation)
        return printer

    def ask_printer(self, printer: QPrinter) -> bool:
        """The system print dialog (modal). Tests replace this method."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_document(self) -> bool:
        """Ask where to print, print, remember the printer. True when the document was printed, or, with a
        recorder, when the print is being recorded (the recorded PDF is then printed: ``printed`` says when)."""
        if not self.page_count():
            return False
        if self.busy:
            return False
        printer = self.make_printer()
        if not self.ask_printer(printer):
            return False
        if self.recorder is not None:  # record first (it gives the number), then print the recorded PDF
            self._set_busy(True)

            def failed(exc: BaseException) -> None:
                self._set_busy(False)
                self.ctx.show_error(exc, self)

            self.ctx.runner.run(
                self.recorder.record,
                "printer",
                on_success=lambda rec: self._print_recorded(printer, rec),
                on_error=failed,
                parent=self,
            )
            return True
        if not self.print_to(printer):
            self.ctx.show_error(
                UserError(
                    "The printer refused the document.",
                    "Máy in không nhận tài liệu. Hãy kiểm tra máy in rồi thử lại.",
                ),
                self,
            )
            return False
        self._printed(printer)
        return True

    def _print_recorded(self, printer: QPrinter, recorded: Recorded) -> None:
        """The print was recorded: print exactly the recorded PDF; cancel the record when the printer fails."""
        assert self.recorder is not None
        self.recorded.append(recorded)
        self.set_pdf(recorded.pdf)
        self._set_busy(False)
        if not self.print_to(printer):
            self.ctx.runner.run(
                self.recorder.failed,
                recorded,
                "printer",
                on_success=lambda _r: None,
                on_error=lambda exc: self.ctx.show_error(exc, self),
            )
            what = "Máy in không nhận tài liệu."
            self.ctx.show_error(
                UserError(
                    "The printer refused the document; this print is not counted.",
                    failure_text(recorded, what) + " Hãy kiểm tra máy in rồi bấm In lại.",
                ),
                self,
            )
            return
        self._printed(printer)
        if self.recorder.done is not None:
            self.recorder.done(recorded)

    def _printed(self, printer: QPrinter) -> None:
        name = printer.printerName()
        if (
            printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
            and name
            and name != self.printer_name
        ):
            self.printer_name = name
            actor = getattr(self.ctx, "user", "")
            self.ctx.runner.run(
                save_printer_name,
                self.ctx.db,
                name,
                actor,
                on_success=lambda _r: None,
                on_error=lambda _exc: None,
            )
        self.printed.emit(name)

    def print_to(self, printer: QPrinter) -> bool:
        """Draw every page on ``printer`` (each page rasterised at up to PRINT_DPI, fitted to the paper)."""
        pages = self.page_count()
        if not pages:
            return False
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            for index in range(pages):
                if index and not printer.newPage():
                    return False
                points = self.document.pagePointSize(index)
                image = self.document.render(
                    index,
                    QSize(
                        max(1, round(points.width() / 72 * dpi)), max(1, round(points.height() / 72 * dpi))
                    ),
                )
                target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                scale = min(target.width() / image.width(), target.height() / image.height())
                w, h = image.width() * scale, image.height() * scale
                origin = QPointF((target.width() - w) / 2, (target.height() - h) / 2)
                painter.drawImage(QRectF(origin, QSizeF(w, h)), image)
        finally:
            painter.end()
        return True

    # -- saving ---------------------------------------------------------------------------------
    def ask_save_path(self) -> str:
        """The file dialog (modal). Tests replace this method. "" when cancelled."""
        start = str(Path.home() / self.file_name)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), start, self.tr("PDF files (*.pdf)")
        )
        return path

    def save_document(self) -> None:
        path = self.ask_save_path()
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path, on_done: Callable[[Path], None] | None = None) -> None:
        """Write the PDF to ``path`` in the background; ``saved(path)`` when written."""
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")

        def done(result: object) -> None:
            self.saved.emit(str(result))
            self.ctx.set_status(self.tr("Saved %1").replace("%1", str(result)))
            if on_done is not None:
                on_done(Path(str(result)))

        if self.recorder is not None:
            if self.busy:
                return
            self._set_busy(True)
            record, cancel = self.recorder.record, self.recorder.failed

            def work() -> Recorded:
                recorded = record("pdf")
                try:
                    write_pdf_file(target, recorded.pdf)
                except Exception as exc:
                    cancel(recorded, f"{type(exc).__name__}: {exc}")
                    raise UserError(
                        f"The PDF could not be written to {target}; this save is not counted.",
                        failure_text(recorded, f"Không lưu được tệp {target}."),
                    ) from exc
                return recorded

            def saved(recorded: Recorded) -> None:
                self.recorded.append(recorded)
                self.set_pdf(recorded.pdf)
                self._set_busy(False)
                done(target)
                if self.recorder is not None and self.recorder.done is not None:
                    self.recorder.done(recorded)

            def failed(exc: BaseException) -> None:
                self._set_busy(False)
                self.ctx.show_error(exc, self)

            self.ctx.runner.run(work, on_success=saved, on_error=failed, parent=self)
            return

        self.ctx.runner.run(
            write_pdf_file,
            target,
            self.pdf_bytes,
            on_success=done,
            on_error=lambda exc: self.ctx.show_error(exc, self),
            parent=self,
        )
