"""Pieces of the digitisation screen: the document list that takes dropped files, the worker-side loads,
and the relay that carries scanner progress from the worker thread to the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QListWidget, QWidget

from desk_app.services.digitization import pages as digitization
from desk_app.services.digitization.view import dossier_overview, page_thumbnail

THUMB = 160
STATUS_TEXT = {
    "none": QT_TRANSLATE_NOOP("ScanPage", "not digitized"),
    "digitized": QT_TRANSLATE_NOOP("ScanPage", "digitized"),
    "reused_document": QT_TRANSLATE_NOOP("ScanPage", "reused from another dossier"),
    "reused_result": QT_TRANSLATE_NOOP("ScanPage", "reused from an earlier result"),
}


def load_dossier(db: Any, code: str) -> dict[str, Any]:
    """Worker: the dossier's documents with page counts, and its e-result."""
    return dossier_overview(db, code)


def load_pages(db: Any, code: str, document: int) -> list[tuple[Any, bytes | None]]:
    """Worker: the pages of a document with their thumbnail PNG bytes."""
    out: list[tuple[Any, bytes | None]] = []
    for page in digitization.list_pages(db, code, document):
        path = page_thumbnail(db, page.sha256, page.mime, THUMB)
        out.append((page, path.read_bytes() if path is not None else None))
    return out


class ScanProgressRelay(QObject):
    """Carries scanner progress from the worker thread to the GUI thread (queued signal)."""

    changed = Signal(int, int, int)  # page, percent of that page, pages done


class DocumentList(QListWidget):
    """The documents of the open dossier; files dropped on a row go to that document."""

    filesDropped = Signal(list, int)  # paths, row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        item = self.itemAt(event.position().toPoint())
        row = self.row(item) if item is not None else self.currentRow()
        event.acceptProposedAction()
        self.filesDropped.emit(paths, row)
