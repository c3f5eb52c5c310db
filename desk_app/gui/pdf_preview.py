"""Preview a PDF made by the app (slips, notices, reports), then print it or save it.

``PdfPreviewDialog(ctx, pdf_bytes, title, parent)`` shows the document in a ``QPdfView`` (loaded from a
``QBuffer``: nothing touches the disk), with zoom, "Print…" (the system print dialog, which starts on the
printer chosen last time: the setting "printer") and "Save as PDF…".

The dialog never blocks a test: the print dialog and the file dialog are asked through ``ask_printer`` and
``ask_save_path``, which tests replace; ``print_to(printer)`` and ``save_to(path)`` do the work.
Without CUPS ``QPrinterInfo.availablePrinters()`` is empty, so tests print through a ``QPrinter`` with
PDF output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
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
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        """Ask where to print, print, remember the printer. True when the document was printed."""
        if not self.page_count():
            return False
        printer = self.make_printer()
        if not self.ask_printer(printer):
            return False
        if not self.print_to(printer):
            self.ctx.show_error(
                UserError(
                    "The printer refused the document.",
                    "Máy in không nhận tài liệu. Hãy kiểm tra máy in rồi thử lại.",
                ),
                self,
            )
            return False
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
        return True

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

        self.ctx.runner.run(
            write_pdf_file,
            target,
            self.pdf_bytes,
            on_success=done,
            on_error=lambda exc: self.ctx.show_error(exc, self),
            parent=self,
        )
