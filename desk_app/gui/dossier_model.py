"""The lazily fetched table model behind the dossier list: smooth at a million rows.

``rowCount`` is the number of matching dossiers, counted in the background. A row's data is read in pages of
``PAGE_SIZE`` rows when the view first asks for it (it shows "…" until then); pages come from
``services.dossier_query`` through the runner and are kept in a small LRU. Changing the filter or the sort
starts a new generation: answers from an older generation are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desk_app.domain.states import STATE_LABEL_VI, State
from desk_app.gui.context import GuiContext
from desk_app.services.lifecycle import dossier_query as dq
from desk_app.services.lifecycle.dossier_query import DossierFilter, DossierRow

PAGE_SIZE = dq.PAGE_SIZE
MAX_PAGES = 64  # LRU size: 12,800 rows in memory at most
MAX_IN_FLIGHT = 2
PLACEHOLDER = "…"

# column -> (header source text, sort key)
COLUMNS: list[tuple[str, str]] = [
    ("Dossier code", "code"),
    ("Applicant", "applicant"),
    ("Procedure", "procedure"),
    ("Received", "received_at"),
    ("Due", "due_at"),
    ("State", "state"),
]

Index = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    # Listed literally so that lupdate extracts them (context DossierModel).
    return [
        QCoreApplication.translate("DossierTableModel", "Dossier code"),
        QCoreApplication.translate("DossierTableModel", "Applicant"),
        QCoreApplication.translate("DossierTableModel", "Procedure"),
        QCoreApplication.translate("DossierTableModel", "Received"),
        QCoreApplication.translate("DossierTableModel", "Due"),
        QCoreApplication.translate("DossierTableModel", "State"),
    ]


def state_label(state: str) -> str:
    try:
        return STATE_LABEL_VI[State(state)]
    except ValueError:
        return state


class DossierTableModel(QAbstractTableModel):
    """Dossiers matching a filter, in a sort order, read page by page in the background."""

    countChanged = Signal(int)
    firstPageLoaded = Signal()  # the count and the first page are both known (once per generation)

    def __init__(self, ctx: GuiContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = DossierFilter()
        self.sort_key = "received_at"
        self.descending = True
        self._total = 0
        self._gen = 0
        self._count_known = False
        self._first_signalled = False
        self._pages: OrderedDict[int, list[DossierRow]] = OrderedDict()
        self._stale: set[int] = set()  # pages kept on screen while their fresh copy loads
        self._wanted: OrderedDict[int, None] = OrderedDict()  # most recently asked last
        self._in_flight: set[int] = set()
        self._headers = _headers()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue_brush = QBrush(QColor("#b00020"))

    # -- Qt model interface ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if row is None:
                return PLACEHOLDER
            return self._display(row, col)
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and col in (4, 5):
            return self._overdue_brush
        if role == Qt.ItemDataRole.FontRole and row.overdue and col == 4:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and row.overdue:
            return self.tr("Overdue")
        if role == Qt.ItemDataRole.UserRole:
            return row.code
        return None

    def _display(self, row: DossierRow, col: int) -> str:
        if col == 0:
            return row.code or self.tr("(guided, no code)")
        if col == 1:
            return row.applicant
        if col == 2:
            return row.procedure
        if col == 3:
            return _fmt(row.received_at)
        if col == 4:
            text = _fmt(row.due_at)
            return f"⚠ {text}" if row.overdue else text
        label = state_label(row.state)
        if row.overdue:
            suffix = self.tr("overdue")
            return f"{label} ({suffix})"
        return label

    # -- what the view uses ------------------------------------------------------------------------
    def row_at(self, row: int) -> DossierRow | None:
        """The loaded row, or None (and a fetch is queued) while its page is not here yet."""
        if not 0 <= row < self._total:
            return None
        page_no, pos = divmod(row, PAGE_SIZE)
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            if page_no in self._stale:
                self._want(page_no)
            return page[pos] if pos < len(page) else None
        self._want(page_no)
        return None

    def code_at(self, row: int) -> str | None:
        r = self.row_at(row)
        return r.code if r is not None else None

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return bool(self._in_flight) or not self._count_known

    def set_query(
        self, flt: DossierFilter | None = None, sort_key: str | None = None, descending: bool | None = None
    ) -> None:
        """Show another filter or order: start afresh (the view goes back to the top)."""
        if flt is not None:
            self.filter = flt
        if sort_key is not None:
            self.sort_key = sort_key
        if descending is not None:
            self.descending = descending
        self.beginResetModel()
        self._gen += 1
        self._total = 0
        self._count_known = False
        self._first_signalled = False
        self._pages.clear()
        self._stale.clear()
        self._wanted.clear()
        self._in_flight.clear()
        self.endResetModel()
        self._start_count()
        self._want(0)

    def refresh(self) -> None:
        """Re-read after a write, keeping the rows on screen (and the scroll position) until fresh ones arrive."""
        self._gen += 1
        self._stale = set(self._pages)
        self._in_flight.clear()
        self._wanted.clear()
        self._start_count()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.set_query(sort_key=COLUMNS[column][1], descending=order == Qt.SortOrder.DescendingOrder)

    # -- background work ---------------------------------------------------------------------------
    def _start_count(self) -> None:
        gen, flt = self._gen, self.filter
        self.ctx.runner.run(self.ctx.reader.count, flt, on_success=partial(self._on_count, gen), parent=self)

    def _on_count(self, gen: int, n: int) -> None:
        if gen != self._gen:
            return
        old = self._total
        if n > old:
            self.beginInsertRows(QModelIndex(), old, n - 1)
            self._total = n
            self.endInsertRows()
        elif n < old:
            self.beginRemoveRows(QModelIndex(), n, old - 1)
            self._total = n
            self.endRemoveRows()
        self._count_known = True
        for p in [p for p in self._pages if p * PAGE_SIZE >= n]:
            del self._pages[p]
            self._stale.discard(p)
        if self._stale and n:
            # A refresh: bring the pages on screen up to date.
            for p in list(self._pages):
                if p in self._stale:
                    self._want(p)
        self.countChanged.emit(n)
        self._check_first()
        self._flush_timer.start()

    def _want(self, page_no: int) -> None:
        if page_no in self._in_flight:
            return
        self._wanted[page_no] = None
        self._wanted.move_to_end(page_no)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        if not self._count_known and 0 not in self._wanted:
            return
        # Only the pages asked for last are still on screen: drop the ones a fast scroll passed by.
        while len(self._wanted) > 6:
            self._wanted.popitem(last=False)
        while self._wanted and len(self._in_flight) < MAX_IN_FLIGHT:
            page_no, _ = self._wanted.popitem(last=True)
            if page_no * PAGE_SIZE >= max(self._total, 1) and self._count_known:
                continue
            self._in_flight.add(page_no)
            gen = self._gen
            total = self._total if self._count_known else None
            self.ctx.runner.run(
                self.ctx.reader.page,
                self.filter,
                self.sort_key,
                self.descending,
                page_no * PAGE_SIZE,
                PAGE_SIZE,
                total,
                on_success=partial(self._on_page, gen, page_no),
                on_error=partial(self._on_page_error, gen, page_no),
                parent=self,
            )

    def _on_page(self, gen: int, page_no: int, rows: list[DossierRow]) -> None:
        if gen != self._gen:
            return
        self._in_flight.discard(page_no)
        self._pages[page_no] = rows
        self._pages.move_to_end(page_no)
        self._stale.discard(page_no)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page_no * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self._check_first()
        if self._wanted:
            self._flush_timer.start()

    def _on_page_error(self, gen: int, page_no: int, exc: BaseException) -> None:
        if gen != self._gen:
            return
        self._in_flight.discard(page_no)
        self.ctx.show_error(exc)

    def _check_first(self) -> None:
        if self._first_signalled or not self._count_known:
            return
        if self._total == 0 or 0 in self._pages:
            self._first_signalled = True
            self.firstPageLoaded.emit()


def _fmt(moment: datetime | None) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""
