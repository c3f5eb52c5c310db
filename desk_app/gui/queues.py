"""The work queues page (hàng đợi công việc): live counts, the dossiers of a queue, and search as you type.

Counts, warnings and lists are read on the background runner (services.queues, services.search) and
refreshed after every change to dossiers (``ctx.dossiersChanged``) and once a minute, so the window never
freezes. The navigation shows the number of dossiers overdue or due today beside the page's title; a banner
warns, without being asked, about dossiers falling due within the ``due_soon_working_days`` setting.

:func:`install` (called by the app at start-up) builds this page at once and installs the barcode wedge, so
the warnings and the scanner work before the clerk opens the page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.states import state_label
from desk_app.gui import barcode_wedge
from desk_app.gui.context import GuiContext
from desk_app.gui.dossier_view import format_when
from desk_app.gui.pages import PageSpec
from desk_app.gui.screenfit import size_columns
from desk_app.services.lifecycle import dossier_view, queues

REFRESH_MS = 60_000
SEARCH_DELAY_MS = 120
_TITLES = {
    "due_today": str(QT_TRANSLATE_NOOP("QueuesPage", "Due today")),
    "due_soon": str(QT_TRANSLATE_NOOP("QueuesPage", "Due soon")),
    "overdue": str(QT_TRANSLATE_NOOP("QueuesPage", "Overdue")),
    "waiting_supplement": str(QT_TRANSLATE_NOOP("QueuesPage", "Waiting for a supplement")),
    "result_ready": str(QT_TRANSLATE_NOOP("QueuesPage", "Result ready to return")),
    "returned_today": str(QT_TRANSLATE_NOOP("QueuesPage", "Returned today")),
}


Snapshot = tuple[dict[str, int], list[dict[str, Any]], list[dict[str, Any]] | None]


def _snapshot(db: Any, queue: str | None, now: datetime | None) -> Snapshot:
    """Counts, warnings and (when a queue is chosen) its dossiers, read together off the GUI thread."""
    counts = queues.counts(db, now)
    warned = queues.warnings(db, now, limit=50)
    rows = queues.list_queue(db, queue, now) if queue else None
    return counts, warned, rows


class _Table(QTableWidget):
    """The dossier table: Enter or a double-click opens the dossier."""

    openRequested = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._open(self.currentRow())
            return
        super().keyPressEvent(event)

    def _open(self, row: int) -> None:
        item = self.item(row, 0)
        if item is not None and item.text():
            self.openRequested.emit(item.text())


class QueuesPage(QWidget):
    """The counter's queues and a search box; ``countsUpdated(counts)`` / ``rowsShown(n)`` for tests."""

    countsUpdated = Signal(dict)
    rowsShown = Signal(int)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("queuesPage")
        self.counts: dict[str, int] = {}
        self.warned: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []
        self._generation = 0
        self.clock: Callable[[], datetime | None] = lambda: None  # None: now (tests set a fixed moment)
        self._search_generation = 0
        self._opened_on_work = False
        self._queue_before_search: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText(self.tr("Search: name, ID number, phone, dossier code or procedure"))
        self.search.setClearButtonEnabled(True)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("warningLabel")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; }")
        self.warning_label.hide()
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("queueList")
        self.queue_list.setFixedWidth(210)
        for key in queues.QUEUES:
            item = QListWidgetItem(self.tr(_TITLES[key]))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.queue_list.addItem(item)
        self.table = _Table(0, 5)
        self.table.setObjectName("queueTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Applicant"), self.tr("Procedure"), self.tr("State"), self.tr("Due")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        vheader = self.table.verticalHeader()
        vheader.setVisible(False)
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 8)
        size_columns(
            self.table,
            {
                0: "000.00.00.H00-260302-0001",
                1: "Nguyễn Thị Phương Thảo",
                3: "Chờ bổ sung",
                4: "30/11/2026 09:23",
            },
            stretch=2,
        )
        self.status = QLabel()
        self.status.setObjectName("statusLabel")

        body = QHBoxLayout()
        body.addWidget(self.queue_list)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.status)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.warning_label)
        layout.addLayout(body, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._refresh_timer.start()
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.queue_list.currentRowChanged.connect(self._queue_chosen)
        self.table.itemDoubleClicked.connect(lambda item: self.table._open(item.row()))
        self.table.openRequested.connect(self.ctx.openDossierRequested.emit)
        self.warning_label.linkActivated.connect(lambda _link: self.show_queue("due_today"))
        ctx.dossiersChanged.connect(self.refresh)
        barcode_wedge.install(ctx)
        self.refresh()

    # -- page interface --------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        if arg in queues.QUEUES:
            self.show_queue(arg)
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def count(self) -> int | None:
        """The navigation badge: dossiers overdue or due today."""
        if not self.counts:
            return None
        return self.counts.get("overdue", 0) + self.counts.get("due_today", 0)

    def current_queue(self) -> str | None:
        item = self.queue_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_queue(self, key: str) -> None:
        self.queue_list.setCurrentRow(list(queues.QUEUES).index(key))

    # -- counts and lists ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read counts, warnings and the chosen queue in the background."""
        self._generation += 1
        generation = self._generation
        queue = None if self.search.text().strip() else self.current_queue()
        self.ctx.runner.run(
            _snapshot,
            self.ctx.db,
            queue,
            self.clock(),
            on_success=lambda result: self._got(generation, queue, result),
            parent=self,
        )

    def _got(self, generation: int, queue: str | None, result: Any) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        counts, warned, rows = result
        self.counts, self.warned = counts, warned
        for i in range(self.queue_list.count()):
            item = self.queue_list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(f"{self.tr(_TITLES[key])} ({counts.get(key, 0)})")
        self._show_warnings()
        searching = bool(self.search.text().strip())
        if not self._opened_on_work and not searching and self.current_queue() is None:
            # Open on the first queue that holds something (nothing highlighted while the counts load).
            self._opened_on_work = True
            first = next((key for key in queues.QUEUES if counts.get(key)), None)
            if first is not None:
                self.show_queue(first)  # reads its rows
        if rows is not None and queue == self.current_queue() and not searching:
            self._show_rows(rows)
        update = getattr(self.ctx.window, "update_badges", None)
        if callable(update):
            update()
        self.countsUpdated.emit(counts)

    def _show_warnings(self) -> None:
        n = self.counts.get("due_today", 0) + self.counts.get("due_soon", 0)
        if not self.warned or not n:
            self.warning_label.hide()
            return
        first = ", ".join(w["code"] for w in self.warned[:3]) + ("…" if n > 3 else "")
        text = self.tr("%n dossier(s) fall due soon without a result: %1", "", n).replace("%1", first)
        self.warning_label.setText(text)
        self.warning_label.show()
        self.ctx.set_status(text)

    def _queue_chosen(self, row: int) -> None:
        if row < 0:
            return  # the highlight was taken off for search results
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.refresh()

    def _show_rows(self, rows: list[dict[str, Any]]) -> None:
        from desk_app.gui.language import current_language

        lang = current_language()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, d in enumerate(rows):
            due = format_when(d["deadline_at"] or d["due_at"])
            values = [
                d["code"] or "",
                d["applicant"]["full_name"],
                d["procedure"]["name"],
                state_label(d["state"], lang),
                due,
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.status.setText(self.tr("%n dossier(s)", "", len(rows)))
        self.rowsShown.emit(len(rows))

    # -- search as you type ----------------------------------------------------------------------
    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not text:
            # Back from a search: the queue that was shown before it.
            if self._queue_before_search is not None and self.current_queue() is None:
                self.queue_list.blockSignals(True)
                self.show_queue(self._queue_before_search)
                self.queue_list.blockSignals(False)
            self._queue_before_search = None
            self.refresh()
            return
        if self.current_queue() is not None:
            # Search results are not a queue: take the highlight off the queue list while they show.
            self._queue_before_search = self.current_queue()
            self.queue_list.blockSignals(True)
            self.queue_list.setCurrentRow(-1)
            self.queue_list.clearSelection()
            self.queue_list.blockSignals(False)
        self.ctx.runner.run(
            dossier_view.find,
            self.ctx.db,
            text,
            on_success=lambda rows: self._found(generation, rows),
            parent=self,
        )

    def _found(self, generation: int, rows: list[dict[str, Any]]) -> None:
        text = self.search.text().strip()
        if generation == self._search_generation and text:
            self._show_rows(rows)
            self.status.setText(self.tr("%n search result(s) for “%1”", "", len(rows)).replace("%1", text))


def install(ctx: GuiContext) -> None:
    """Start the lifecycle's always-on parts: the queues page (counts, warnings) and the barcode wedge."""
    barcode_wedge.install(ctx)
    window = ctx.window
    page = getattr(window, "page", None)
    if callable(page):
        with contextlib.suppress(KeyError, StopIteration):  # not registered, or not allowed for this user
            page("queues")


def page_spec() -> PageSpec:
    return PageSpec(
        key="queues",
        title=str(QT_TRANSLATE_NOOP("Pages", "Queues")),
        order=11,
        factory=QueuesPage,
        icon="queues.svg",
    )
