"""Choosing the procedure (thủ tục hành chính): a search line, insensitive to tones and to đ/d.

The current catalog (a few hundred rows) is loaded once in the background and filtered in memory with
:func:`desk_app.domain.text.fold`, so every keystroke answers at once; rows come most used first (the
counter's ``use_count``), as :func:`desk_app.services.setup.catalog.search_procedures` orders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.domain.text import fold

if TYPE_CHECKING:
    from desk_app.store.db import Database

MAX_SHOWN = 60


@dataclass(frozen=True)
class CatalogRow:
    """One current procedure as the picker needs it."""

    code: str
    name: str
    field: str
    folded: str
    use_count: int
    fee_rule: dict[str, Any] = dc_field(default_factory=dict)
    fee_text: str = ""


def load_catalog(db: Database) -> list[CatalogRow]:
    """Every current procedure, most used first (runs on a worker thread)."""
    from desk_app.services.setup import catalog

    return [
        CatalogRow(
            r["code"], r["name"], r["field"], r["folded"], r["use_count"], r["fee_rule"], r["fee_text"]
        )
        for r in catalog.picker_rows(db)
    ]


def filter_rows(rows: list[CatalogRow], query: str) -> list[CatalogRow]:
    """Rows whose code, name or field hold every word of ``query`` (folded), most used first.

    Among equally used ones a name that starts with the query comes first ("dang ky khai sinh" puts
    "Đăng ký khai sinh" before "Đăng ký lại khai sinh").
    """
    q = fold(query)
    words = q.split()
    found = [r for r in rows if all(w in r.folded for w in words)]
    return sorted(found, key=lambda r: (-r.use_count, not fold(r.name).startswith(q), len(r.name), r.code))


class ProcedurePicker(QWidget):
    """Search line and result list; ``procedureChosen(code)`` when the clerk picks one (Enter or click)."""

    procedureChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CatalogRow] = []
        self.chosen: CatalogRow | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Find a procedure: name, code or field (accents optional)"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("procedureResults")
        # Up/Down in the search line move in the list, so the list needs no Tab stop of its own.
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMinimumHeight(120)
        self.results.setWordWrap(True)  # long procedure names wrap instead of scrolling sideways
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        self.search.textChanged.connect(self._refilter)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.setFocusProxy(self.search)

    def set_catalog(self, rows: list[CatalogRow]) -> None:
        self.rows = list(rows)
        self._refilter()

    def row(self, code: str) -> CatalogRow | None:
        return next((r for r in self.rows if r.code == code), None)

    def shown_codes(self) -> list[str]:
        return [self.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.results.count())]

    def _refilter(self) -> None:
        found = filter_rows(self.rows, self.search.text())
        self.results.clear()
        for r in found[:MAX_SHOWN]:
            item = QListWidgetItem(f"{r.name}  ·  {r.code}" + (f"  ·  {r.field}" if r.field else ""))
            item.setData(Qt.ItemDataRole.UserRole, r.code)
            item.setToolTip(r.name)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def move_highlight(self, step: int) -> None:
        """Move the highlighted result (Up/Down/PageUp/PageDown from the search line)."""
        count = self.results.count()
        if count:
            self.results.setCurrentRow(max(0, min(count - 1, self.results.currentRow() + step)))

    def accept_current(self) -> bool:
        """Pick the highlighted result (Enter). False when the list is empty."""
        item = self.results.currentItem()
        if item is None:
            return False
        self._activated(item)
        return True

    def choose(self, code: str) -> bool:
        """Pick ``code`` (tests, reopening a form)."""
        r = self.row(code)
        if r is None:
            return False
        self.chosen = r
        self.procedureChosen.emit(r.code)
        return True

    def _activated(self, item: QListWidgetItem) -> None:
        self.choose(str(item.data(Qt.ItemDataRole.UserRole)))

    def handle_key(self, event: QKeyEvent) -> bool:
        """Keys of the search line: arrows move in the list, Enter picks. True when used."""
        key = int(event.key())
        steps = {
            int(Qt.Key.Key_Down): 1,
            int(Qt.Key.Key_Up): -1,
            int(Qt.Key.Key_PageDown): 10,
            int(Qt.Key.Key_PageUp): -10,
        }
        if key in steps:
            self.move_highlight(steps[key])
            return True
        if key in (int(Qt.Key.Key_Return), int(Qt.Key.Key_Enter)):
            return self.accept_current()
        return False

    def clear(self) -> None:
        self.chosen = None
        self.search.clear()
