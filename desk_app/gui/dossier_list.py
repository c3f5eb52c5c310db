"""The dossier list page (danh sách hồ sơ): filters above a lazily loaded table."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.states import STATE_LABEL_VI, State
from desk_app.gui.context import GuiContext
from desk_app.gui.dossier_model import COLUMNS, DossierTableModel
from desk_app.gui.pages import PageSpec
from desk_app.gui.screenfit import size_columns
from desk_app.services.lifecycle.dossier_query import DossierFilter

# column -> the longest text it usually shows (widths follow the font size)
COLUMN_SAMPLES = {
    0: "000.00.00.H00-260302-0001",
    1: "Nguyễn Thị Phương Thảo",
    3: "30/11/2026 09:23",
    4: "⚠ 30/11/2026 09:23 ",  # an overdue one: bold, with the mark
    5: "Đã tiếp nhận (quá hạn)",
}


class DossierTable(QTableView):
    """The table: Enter opens the current dossier as a double-click does."""

    activatedRow = Signal(int)

    def keyboardSearch(self, search: str) -> None:
        # Qt's type-to-find walks the model row by row: on a lazily fetched million-row list that would
        # fetch every page and freeze the window (a barcode scanner types into whatever has the focus).
        return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedRow.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class DossierListPage(QWidget):
    """Every dossier, newest first, filtered by state, procedure and received date.

    ``ready`` fires once the first page of data has been painted (the start-up benchmark waits for it).
    """

    ready = Signal()

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dossierListPage")
        self._painted_first = False
        self._await_paint = False

        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stateFilter")
        self.state_combo.addItem(self.tr("All states"), None)
        for state in State:
            self.state_combo.addItem(STATE_LABEL_VI[state], state.value)
        self.procedure_combo = QComboBox()
        self.procedure_combo.setObjectName("procedureFilter")
        self.procedure_combo.addItem(self.tr("All procedures"), None)
        self.procedure_combo.setMinimumContentsLength(18)
        self.procedure_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.date_check = QCheckBox(self.tr("Received from"))
        self.date_check.setObjectName("dateFilter")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("listSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("Find (Ctrl+F): name, ID number, phone, code or procedure")
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_filter)

        # Two rows, so that the page fits a 1024-px screen even with long Vietnamese labels.
        first = QHBoxLayout()
        first.addWidget(self.search_edit, 2)
        first.addWidget(QLabel(self.tr("State")))
        first.addWidget(self.state_combo, 1)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Procedure")))
        second.addWidget(self.procedure_combo, 1)
        second.addWidget(self.date_check)
        second.addWidget(self.date_from)
        second.addWidget(QLabel(self.tr("to")))
        second.addWidget(self.date_to)
        second.addWidget(self.clear_button)
        filters = QVBoxLayout()
        filters.addLayout(first)
        filters.addLayout(second)

        self.model = DossierTableModel(ctx, self)
        self.view = DossierTable()
        self.view.setObjectName("dossierTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        vheader = self.view.verticalHeader()
        vheader.setVisible(False)
        # Fixed row heights: the view never measures a million rows.
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The procedure (long text) goes last and takes what is left: code, names, dates and the state
        # stay visible on a 1024-px screen.
        size_columns(self.view, COLUMN_SAMPLES, stretch=2)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self.view.doubleClicked.connect(lambda index: self._open(index.row()))
        self.view.activatedRow.connect(self._open)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filter)
        self.state_combo.currentIndexChanged.connect(self._apply_filter)
        self.procedure_combo.currentIndexChanged.connect(self._apply_filter)
        self.date_check.toggled.connect(self._date_toggled)
        self.date_from.dateChanged.connect(self._apply_filter)
        self.date_to.dateChanged.connect(self._apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)
        self.model.countChanged.connect(self._show_count)
        self.model.firstPageLoaded.connect(self._first_page_loaded)
        ctx.dossiersChanged.connect(self.refresh)
        self.view.viewport().installEventFilter(self)

        self.model.set_query(DossierFilter(), "received_at", True)
        # The procedure list is not needed for the first paint: load it right after.
        QTimer.singleShot(0, self._load_procedures)

    # -- optional page interface --------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        self.view.setFocus()

    def refresh(self) -> None:
        self.model.refresh()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def count(self) -> int | None:
        return None

    # -- filters ------------------------------------------------------------------------------------
    def current_filter(self) -> DossierFilter:
        date_from = date_to = None
        if self.date_check.isChecked():
            date_from = _to_date(self.date_from.date())
            date_to = _to_date(self.date_to.date())
        return DossierFilter(
            state=self.state_combo.currentData(),
            procedure_code=self.procedure_combo.currentData(),
            received_from=date_from,
            received_to=date_to,
            text=self.search_edit.text(),
        )

    def set_state_filter(self, state: str | None) -> None:
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(state)))

    def show_received_on(self, day: date) -> None:
        """Only the dossiers received on ``day`` (the Today page's "received today")."""
        for w in (self.date_check, self.date_from, self.date_to):
            w.blockSignals(True)
        self.date_check.setChecked(True)
        self.date_from.setDate(QDate(day.year, day.month, day.day))
        self.date_to.setDate(QDate(day.year, day.month, day.day))
        for w in (self.date_check, self.date_from, self.date_to):
            w.blockSignals(False)
        self.date_from.setEnabled(True)
        self.date_to.setEnabled(True)
        self._apply_filter()

    def clear_filters(self) -> None:
        for w in (self.state_combo, self.procedure_combo, self.date_check, self.search_edit):
            w.blockSignals(True)
        self.search_edit.clear()
        self.state_combo.setCurrentIndex(0)
        self.procedure_combo.setCurrentIndex(0)
        self.date_check.setChecked(False)
        for w in (self.state_combo, self.procedure_combo, self.date_check, self.search_edit):
            w.blockSignals(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self._apply_filter()

    def _date_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._apply_filter()

    def _apply_filter(self, *_: Any) -> None:
        self.model.set_query(self.current_filter())

    def _load_procedures(self) -> None:
        self.ctx.runner.run(self.ctx.reader.procedure_choices, on_success=self._fill_procedures, parent=self)

    def _fill_procedures(self, choices: list[tuple[str, str]]) -> None:
        current = self.procedure_combo.currentData()
        self.procedure_combo.blockSignals(True)
        self.procedure_combo.clear()
        self.procedure_combo.addItem(self.tr("All procedures"), None)
        for code, name in choices:
            self.procedure_combo.addItem(f"{code} – {name}", code)
            self.procedure_combo.setItemData(
                self.procedure_combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole
            )
        self.procedure_combo.setCurrentIndex(max(0, self.procedure_combo.findData(current)))
        self.procedure_combo.blockSignals(False)

    # -- rows ---------------------------------------------------------------------------------------
    def _open(self, row: int) -> None:
        code = self.model.code_at(row)
        if code:
            self.ctx.openDossierRequested.emit(code)

    def _show_count(self, n: int) -> None:
        self.count_label.setText(self.tr("%n dossier(s)", "", n))

    def sort_by(self, key: str, descending: bool = False) -> None:
        col = [k for _, k in COLUMNS].index(key)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.view.sortByColumn(col, order)

    # -- first paint --------------------------------------------------------------------------------
    def _first_page_loaded(self) -> None:
        if self._painted_first:
            return
        self._await_paint = True
        self.view.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._await_paint and event.type() == QEvent.Type.Paint:
            self._await_paint = False
            self._painted_first = True
            # After this paint has been flushed to the window.
            QTimer.singleShot(0, self.ready.emit)
        return False

    @property
    def painted_first(self) -> bool:
        return self._painted_first


def _to_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def page_spec() -> PageSpec:
    return PageSpec(
        key="dossiers",
        title=str(QT_TRANSLATE_NOOP("Pages", "Dossiers")),
        order=10,
        factory=DossierListPage,
        icon="dossiers.svg",
    )
