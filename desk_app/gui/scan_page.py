"""The digitisation screen (số hóa): scan, import or drop pages onto each document of a dossier.

Type or scan the dossier code (Enter): the documents are listed with their page counts and status, the
last row being the e-result. Pick a document, then Scan (feeder or glass, with progress and Cancel), Import
files, or drop PDF/JPEG/PNG/TIFF files onto a document row. The pages of the chosen document show as
thumbnails; "Remove page" asks a reason (the removal is recorded). The watched scan folder is the panel
below (:mod:`desk_app.gui.scan_inbox`). Every scan, import and load runs on ``ctx.runner``.
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.gui import messages
from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec
from desk_app.gui.scan_inbox import ScanInboxPanel
from desk_app.gui.scan_widgets import (
    STATUS_TEXT,
    THUMB,
    DocumentList,
    ScanProgressRelay,
    load_dossier,
    load_pages,
)
from desk_app.scanning.backend import ScanCancelled, ScanOptions, ScanProgress
from desk_app.scanning.backends import default_backend
from desk_app.services.digitization import pages as digitization


class ScanPage(QWidget):
    """See the module docstring. ``extra_options`` are raw scanner options (device-specific knobs)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("scanPage")
        self.code: str | None = None
        self.documents: list[dict[str, Any]] = []
        self.extra_options: dict[str, Any] = {}
        self.scanning = False
        self._cancel = threading.Event()
        self._devices_loaded = False
        self._progress = ScanProgressRelay(self)
        self._progress.changed.connect(self._on_progress)

        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("scanCode")
        self.code_edit.setPlaceholderText(self.tr("Dossier code (type or scan the slip's barcode)"))
        self.code_edit.returnPressed.connect(lambda: self.open_dossier(self.code_edit.text()))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(lambda: self.open_dossier(self.code_edit.text()))
        self.title = QLabel()
        self.title.setObjectName("scanTitle")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Dossier")))
        top.addWidget(self.code_edit, 1)
        top.addWidget(self.open_button)

        self.doc_list = DocumentList()
        self.doc_list.setObjectName("scanDocuments")
        self.doc_list.setWordWrap(True)
        self.doc_list.currentRowChanged.connect(lambda _row: self._load_pages())
        self.doc_list.filesDropped.connect(self._files_dropped)
        self.page_list = QListWidget()
        self.page_list.setObjectName("scanPages")
        self.page_list.setViewMode(QListView.ViewMode.IconMode)
        self.page_list.setIconSize(QSize(THUMB, THUMB))
        self.page_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.remove_button = QPushButton(self.tr("Remove page…"))
        self.remove_button.clicked.connect(self._ask_remove)
        pages_box = QWidget()
        pages_layout = QVBoxLayout(pages_box)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        pages_layout.addWidget(self.page_list, 1)
        pages_layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        split = QSplitter()
        split.addWidget(self.doc_list)
        split.addWidget(pages_box)
        split.addWidget(self._scanner_box())
        split.setSizes([380, 600, 300])
        self.inbox = ScanInboxPanel(ctx, self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(split, 3)
        layout.addWidget(self.inbox, 2)
        self._update_buttons()

    def _scanner_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scanner"))
        form = QFormLayout(box)
        self.device = QComboBox()
        self.device.setObjectName("scanDevice")
        self.refresh_devices_button = QPushButton(self.tr("Find scanners"))
        self.refresh_devices_button.clicked.connect(self.load_devices)
        self.dpi = QSpinBox()
        self.dpi.setRange(75, 1200)
        self.dpi.setSingleStep(50)
        self.dpi.setValue(300)
        self.dpi.setSuffix(" dpi")
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Color"), "Color")
        self.mode.addItem(self.tr("Gray"), "Gray")
        self.source = QComboBox()
        self.source.addItem(self.tr("Automatic"), "auto")
        self.source.addItem(self.tr("Document feeder"), "feeder")
        self.source.addItem(self.tr("Flatbed glass"), "flatbed")
        self.scan_button = QPushButton(self.tr("Scan"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.progress = QProgressBar()
        self.progress.setObjectName("scanProgress")
        self.progress_label = QLabel()
        self.import_button = QPushButton(self.tr("Import files…"))
        self.import_button.clicked.connect(self._ask_import)
        form.addRow(self.tr("Device"), self.device)
        form.addRow("", self.refresh_devices_button)
        form.addRow(self.tr("Resolution"), self.dpi)
        form.addRow(self.tr("Colour"), self.mode)
        form.addRow(self.tr("Paper source"), self.source)
        buttons = QHBoxLayout()
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.cancel_button)
        form.addRow(buttons)
        form.addRow(self.progress)
        form.addRow(self.progress_label)
        form.addRow(self.import_button)
        return box

    # -- page protocol ------------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        if not self._devices_loaded:
            self.load_devices()
        self.inbox.activate()
        if arg:
            self.open_dossier(arg)

    def take_dossier_code(self, code: str) -> bool:
        """A dossier code scanned or typed while this page is shown opens here (the clerk is digitising)."""
        self.open_dossier(code)
        return True

    def refresh(self) -> None:
        if self.code:
            self.open_dossier(self.code)
        self.inbox.check_now()

    def focus_search(self) -> None:
        self.code_edit.setFocus()
        self.code_edit.selectAll()

    def count(self) -> int | None:
        return self.inbox.open_count() or None

    # -- dossier and pages --------------------------------------------------------------------------
    def open_dossier(self, code: str, keep_row: int | None = None) -> None:
        code = code.strip()
        if not code:
            return
        self.ctx.runner.run(
            load_dossier,
            self.ctx.db,
            code,
            parent=self,
            on_success=lambda data: self._show_dossier(data, keep_row),
        )

    def _show_dossier(self, data: dict[str, Any], keep_row: int | None) -> None:
        self.code = data["code"]
        self.code_edit.setText(self.code or "")
        self.title.setText(f"{self.code} — {data['applicant']}")
        self.documents = data["documents"]
        self.doc_list.blockSignals(True)
        self.doc_list.clear()
        for doc in self.documents:
            state = doc["digitization"]
            if state == "digitized" and not doc["pages"]:
                state = "none"  # a document without a page is never shown as digitised
            status = self.tr(str(STATUS_TEXT.get(state, state)))
            text = self.tr("%1. %2 — %3 page(s), %4")
            self.doc_list.addItem(
                text.replace("%1", str(doc["position"]))
                .replace("%2", doc["name"])
                .replace("%3", str(doc["pages"]))
                .replace("%4", status)
            )
        result = self.tr("E-result — %1 page(s)").replace("%1", str(data["result"]["pages"]))
        self.doc_list.addItem(result)
        self.doc_list.blockSignals(False)
        self.doc_list.setCurrentRow(
            keep_row if keep_row is not None and keep_row < self.doc_list.count() else 0
        )
        self._load_pages()
        self._update_buttons()

    def current_document(self) -> int | None:
        """The selected document number (1-based), 0 for the e-result, None when nothing is open."""
        row = self.doc_list.currentRow()
        if self.code is None or row < 0:
            return None
        return row + 1 if row < len(self.documents) else 0

    def _load_pages(self) -> None:
        document = self.current_document()
        self.page_list.clear()
        if document is None or self.code is None:
            return
        self.ctx.runner.run(
            load_pages, self.ctx.db, self.code, document, parent=self, on_success=self._show_pages
        )

    def _show_pages(self, pages: list[tuple[Any, bytes | None]]) -> None:
        self.page_list.clear()
        for page, png in pages:
            item = QListWidgetItem(self.tr("Page %1").replace("%1", str(page.number)))
            if png:
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                item.setIcon(QIcon(pixmap))
            item.setData(Qt.ItemDataRole.UserRole, page.number)
            item.setToolTip(page.source_name)
            self.page_list.addItem(item)
        self._update_buttons()

    def _reload(self) -> None:
        if self.code:
            self.open_dossier(self.code, keep_row=self.doc_list.currentRow())
        self.ctx.dossiersChanged.emit()

    # -- scanning -----------------------------------------------------------------------------------
    def load_devices(self) -> None:
        self._devices_loaded = True
        self.refresh_devices_button.setEnabled(False)
        self.ctx.runner.run(
            lambda: default_backend().list_devices(),
            parent=self,
            on_success=self._show_devices,
            on_error=self._no_devices,
        )

    def _show_devices(self, devices: list[Any]) -> None:
        self.refresh_devices_button.setEnabled(True)
        current = self.device.currentData()
        self.device.clear()
        for d in devices:
            self.device.addItem(f"{d.name} — {d.vendor} {d.model}".strip(" —"), d.name)
        if current is not None and self.device.findData(current) >= 0:
            self.device.setCurrentIndex(self.device.findData(current))
        self.progress_label.setText("" if devices else self.tr("No scanner found."))
        self._update_buttons()

    def _no_devices(self, exc: BaseException) -> None:
        self.refresh_devices_button.setEnabled(True)
        self.device.clear()
        self.progress_label.setText(getattr(exc, "vi", "") or self.tr("No scanner found."))
        self._update_buttons()

    def start_scan(self) -> None:
        document = self.current_document()
        if self.scanning or document is None or self.code is None or self.device.currentData() is None:
            return
        options = ScanOptions(
            device=self.device.currentData(),
            dpi=self.dpi.value(),
            mode=self.mode.currentData(),
            source=self.source.currentData(),
            extra=dict(self.extra_options),
        )
        self._cancel.clear()
        self.scanning = True
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Scanning…"))
        self._update_buttons()

        def progress(p: ScanProgress) -> None:  # worker thread
            self._progress.changed.emit(p.page, int(p.fraction * 100), p.done)

        job = partial(
            digitization.scan_to_document,
            self.ctx.db,
            self.code,
            document,
            options,
            progress=progress,
            cancel=self._cancel.is_set,
            actor=self.ctx.user,
        )
        self.ctx.runner.run(job, parent=self, on_success=self._scan_done, on_error=self._scan_failed)

    def cancel_scan(self) -> None:
        if self.scanning:
            self._cancel.set()
            self.progress_label.setText(self.tr("Cancelling…"))

    def _on_progress(self, page: int, percent: int, done: int) -> None:
        self.progress.setValue(percent)
        self.progress_label.setText(
            self.tr("Page %1 (%2 done)").replace("%1", str(page)).replace("%2", str(done))
        )

    def _scan_done(self, report: Any) -> None:
        self.scanning = False
        self.progress_label.setText(self.tr("%1 page(s) saved.").replace("%1", str(len(report.added))))
        if report.interrupted is not None:
            messages.warning(self, report.interrupted.vi)
        self._update_buttons()
        self._reload()

    def _scan_failed(self, exc: BaseException) -> None:
        self.scanning = False
        self._update_buttons()
        if isinstance(exc, ScanCancelled):
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Cancelled: nothing was saved."))
            return
        self.progress_label.setText("")
        self.ctx.show_error(exc, self)

    # -- files ----------------------------------------------------------------------------------------
    def attach_paths(self, paths: list[str], document: int | None = None) -> None:
        document = self.current_document() if document is None else document
        if document is None or self.code is None or not paths:
            return
        job = partial(
            digitization.attach_files,
            self.ctx.db,
            self.code,
            document,
            [Path(p) for p in paths],
            actor=self.ctx.user,
        )
        self.ctx.runner.run(job, parent=self, on_success=self._attached)

    def _attached(self, report: Any) -> None:
        if report.rejected:
            messages.warning(self, "\n".join(r.vi for r in report.rejected))
        self.ctx.set_status(self.tr("%1 page(s) added.").replace("%1", str(len(report.added))))
        self._reload()

    def _files_dropped(self, paths: list[str], row: int) -> None:
        if row < 0 or self.code is None:
            return
        self.doc_list.setCurrentRow(row)
        self.attach_paths(paths, row + 1 if row < len(self.documents) else 0)

    def _ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import scanned files"),
            "",
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        self.attach_paths(paths)

    def _ask_remove(self) -> None:
        item = self.page_list.currentItem()
        if item is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Remove page"), self.tr("Why is this page removed?"))
        if ok:
            self.remove_page(int(item.data(Qt.ItemDataRole.UserRole)), reason)

    def remove_page(self, number: int, reason: str) -> None:
        document = self.current_document()
        if document is None or self.code is None:
            return
        job = partial(
            digitization.remove_page, self.ctx.db, self.code, document, number, reason, actor=self.ctx.user
        )
        self.ctx.runner.run(job, parent=self, on_success=lambda _info: self._reload())

    def _update_buttons(self) -> None:
        has_doc = self.current_document() is not None
        self.scan_button.setEnabled(has_doc and not self.scanning and self.device.count() > 0)
        self.cancel_button.setEnabled(self.scanning)
        self.import_button.setEnabled(has_doc and not self.scanning)
        self.remove_button.setEnabled(has_doc and self.page_list.count() > 0)


def page_spec() -> PageSpec:
    return PageSpec(
        key="scan",
        title=str(QT_TRANSLATE_NOOP("Pages", "Digitization")),
        order=40,
        icon="scan.svg",
        factory=ScanPage,
        permission="scan",
    )
