"""The Reports page (báo cáo): pick a period, a kind and a breakdown; read the table and the charts; click a
figure to list the dossiers behind it; export PDF, Excel or JSON.

Everything is computed by services.reports on the background runner (the GUI thread never waits); the
table, the charts, the drill-down and the exports all read the same computed Report. Each figure's
definition is its tooltip.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import UserError
from desk_app.domain.indicators import BY_CODE
from desk_app.domain.periods import PERIOD_KINDS, Period, parse_period, period_containing
from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec
from desk_app.gui.report_charts import BLUE, GREEN, ORANGE, ChartData, ReportCharts
from desk_app.gui.report_table import ReportTable
from desk_app.gui.screenfit import FlowLayout
from desk_app.gui.targets_dialog import TargetsDialog
from desk_app.services.reports import drill, export
from desk_app.services.reports.report import Report, build_report
from desk_app.services.reports.settings import calendar_periods
from desk_app.services.reports.trend import trend

KIND_TITLES = {
    "ii06a": QT_TRANSLATE_NOOP("ReportsPage", "Form II.06a (results of procedures)"),
    "counter": QT_TRANSLATE_NOOP("ReportsPage", "One-stop counter report"),
    "quality": QT_TRANSLATE_NOOP("ReportsPage", "Service quality (QĐ 766)"),
    "weekly": QT_TRANSLATE_NOOP("ReportsPage", "Weekly report for the leader"),
}
PERIOD_TITLES = {
    "week": QT_TRANSLATE_NOOP("ReportsPage", "Week"),
    "month": QT_TRANSLATE_NOOP("ReportsPage", "Month"),
    "quarter": QT_TRANSLATE_NOOP("ReportsPage", "Quarter"),
    "half": QT_TRANSLATE_NOOP("ReportsPage", "Six months"),
    "nine_months": QT_TRANSLATE_NOOP("ReportsPage", "Nine months"),
    "year": QT_TRANSLATE_NOOP("ReportsPage", "Year"),
    "range": QT_TRANSLATE_NOOP("ReportsPage", "Date range"),
}
BY_TITLES = {
    "unit": QT_TRANSLATE_NOOP("ReportsPage", "Whole unit"),
    "field": QT_TRANSLATE_NOOP("ReportsPage", "By field"),
    "procedure": QT_TRANSLATE_NOOP("ReportsPage", "By procedure"),
    "officer": QT_TRANSLATE_NOOP("ReportsPage", "By officer"),
}
TREND_POINTS = 12


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportsPage", text)


class ReportsPage(QWidget):
    """Signals for tests and the benchmark: ``reportShown(report)``, ``trendShown(n)``, ``drillShown(n)``,
    ``exported(path)``."""

    reportShown = Signal(object)
    trendShown = Signal(int)
    drillShown = Signal(int)
    exported = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsPage")
        self.today = today
        self.report: Report | None = None
        self.drilled: list[drill.DossierRef] = []
        self.overdue_codes: list[str] = []
        self._generation = 0
        self._started = False

        self.kind = QComboBox()
        self.kind.setObjectName("kindCombo")
        for key, title in KIND_TITLES.items():
            self.kind.addItem(_tr(str(title)), key)
        self.period_kind = QComboBox()
        self.period_kind.setObjectName("periodKindCombo")
        for key in PERIOD_KINDS:
            self.period_kind.addItem(_tr(str(PERIOD_TITLES[key])), key)
        self.period_kind.setCurrentIndex(PERIOD_KINDS.index("month"))
        self.period_code = QLineEdit()
        self.period_code.setObjectName("periodEdit")
        self.period_code.setMaximumWidth(220)
        self.period_code.setToolTip(
            self.tr("2026-W38, 2026-09, 2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-07-01..2026-09-30")
        )
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous period"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next period"))
        self.calendar_box = QCheckBox(self.tr("Calendar periods"))
        self.calendar_box.setObjectName("calendarBox")
        self.calendar_box.setToolTip(
            self.tr("Plain calendar months instead of the 15th-to-14th reporting windows")
        )
        self.by = QComboBox()
        self.by.setObjectName("byCombo")
        for key, title in BY_TITLES.items():
            self.by.addItem(_tr(str(title)), key)
        self.dates_label = QLabel()
        self.dates_label.setObjectName("datesLabel")
        self.note_label = QLabel()
        self.note_label.setObjectName("asOfLabel")
        self.note_label.setStyleSheet("QLabel { color: #8a5300; }")
        self.buttons = {
            fmt: QPushButton(label) for fmt, label in (("pdf", "PDF"), ("xlsx", "Excel"), ("json", "JSON"))
        }
        self.targets_button = QPushButton(self.tr("Targets…"))
        self.targets_button.setObjectName("targetsButton")
        self.targets_button.setToolTip(self.tr("Yearly targets of the ratios (admin)"))
        self.targets_button.setVisible(ctx.can("settings"))
        self.targets_button.clicked.connect(self.edit_targets)
        for fmt, button in self.buttons.items():
            button.setObjectName(f"export_{fmt}")
            button.setToolTip(self.tr("Export this report"))
            button.clicked.connect(lambda _=False, f=fmt: self._ask_export(f))

        self.table = ReportTable()
        self.table.cellClicked.connect(self._drill)
        self.charts = ReportCharts()
        self.drill_label = QLabel(self.tr("Click a figure to list the dossiers behind it."))
        self.drill_label.setObjectName("drillLabel")
        self.drill_table = QTableWidget(0, 4)
        self.drill_table.setObjectName("drillTable")
        self.drill_table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Procedure"), self.tr("Received"), self.tr("State")]
        )
        self.drill_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drill_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drill_table.verticalHeader().setVisible(False)
        self.drill_table.setWordWrap(False)
        self.drill_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.drill_table.cellDoubleClicked.connect(self._open_dossier)

        bar = FlowLayout()  # wraps on a narrow screen (1024 px)
        for widget in (
            QLabel(self.tr("Report")),
            self.kind,
            QLabel(self.tr("Period")),
            self.period_kind,
            self.prev_button,
            self.period_code,
            self.next_button,
            self.calendar_box,
            self.by,
        ):
            bar.addWidget(widget)
        bar.addWidget(self.targets_button)
        for button in self.buttons.values():
            bar.addWidget(button)
        info = QHBoxLayout()
        info.addWidget(self.dates_label)
        info.addWidget(self.note_label, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.drill_label)
        lower_layout.addWidget(self.drill_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.charts)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(info)
        layout.addWidget(split, 1)

        self.kind.currentIndexChanged.connect(lambda _: self.compute())
        self.by.currentIndexChanged.connect(lambda _: self.compute())
        self.period_kind.currentIndexChanged.connect(lambda _: self._reset_period())
        self.calendar_box.toggled.connect(lambda _: self._reset_period())
        self.period_code.editingFinished.connect(self.compute)
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))

    # -- the page protocol ---------------------------------------------------------------------------

    def activate(self, arg: str | None = None) -> None:
        if arg:
            self.period_code.setText(arg)
        if not self._started:
            self._started = True
            self._first_compute()
            return
        self.compute()

    def _first_compute(self) -> None:
        """The first report: read the period convention and compute, in one background job."""
        given = self.period_code.text()
        today, kind, by = self._today(), self.kind.currentData(), self.by.currentData()
        self._generation += 1
        generation = self._generation
        self.note_label.setText(self.tr("Computing…"))

        def job() -> tuple[bool, Report]:
            calendar = calendar_periods(self.ctx.db)
            if given:
                period = parse_period(given, calendar_periods=calendar)
            else:
                period = period_containing("month", today, calendar_periods=calendar)
            return calendar, build_report(self.ctx.db, kind, period, by)

        def done(result: tuple[bool, Report]) -> None:
            calendar, report = result
            self.calendar_box.blockSignals(True)
            self.calendar_box.setChecked(calendar)
            self.calendar_box.blockSignals(False)
            self._set_period(report.period)
            self._show(generation, report)

        self.ctx.runner.run(job, on_success=done, parent=self)

    def refresh(self) -> None:
        self.compute()

    # -- period picking ------------------------------------------------------------------------------

    def _today(self) -> date:
        return self.today or date.today()

    def period(self) -> Period:
        return parse_period(self.period_code.text() or "", calendar_periods=self.calendar_box.isChecked())

    def _set_period(self, period: Period) -> None:
        self.period_code.setText(period.code)
        self.dates_label.setText(f"{period.label_vi()}: {period.dates_vi().lower()}")

    def _reset_period(self) -> None:
        kind = self.period_kind.currentData()
        self._set_period(
            period_containing(kind, self._today(), calendar_periods=self.calendar_box.isChecked())
        )
        self.compute()

    def _step(self, direction: int) -> None:
        try:
            period = self.period()
        except UserError as exc:
            self.ctx.show_error(exc, self)
            return
        self._set_period(period.previous() if direction < 0 else period.next())
        self.compute()

    # -- computing -----------------------------------------------------------------------------------

    def compute(self) -> None:
        """Recompute the report for the chosen kind, period and breakdown (off the GUI thread)."""
        try:
            period = self.period()
        except UserError as exc:
            self.note_label.setText(exc.vi)
            return
        self._set_period(period)
        self._generation += 1
        generation = self._generation
        kind, by = self.kind.currentData(), self.by.currentData()
        self.note_label.setText(self.tr("Computing…"))
        self.ctx.runner.run(
            lambda: build_report(self.ctx.db, kind, period, by),
            on_success=lambda report: self._show(generation, report),
            parent=self,
        )

    def _show(self, generation: int, report: Report) -> None:
        if generation != self._generation:
            return
        self.report = report
        self.note_label.setText(report.as_of_note_vi)
        self.table.show_report(report, _tr(str(BY_TITLES[report.by])))
        if report.kind == "weekly":
            self._show_overdue(report)
        self.charts.set_data(self._chart_data(report, self.charts.data.trend))
        self.reportShown.emit(report)
        period = report.period
        self.ctx.runner.run(
            lambda: trend(self.ctx.db, period, TREND_POINTS),
            on_success=lambda points: self._show_trend(generation, points),
            parent=self,
        )

    def _show_overdue(self, report: Report) -> None:
        """The weekly one-pager's list: what is overdue now, with the officer holding it."""
        overdue = report.overdue_now
        self.drill_label.setText(self.tr("Overdue now: %1 dossiers").replace("%1", str(len(overdue))))
        self.drilled = []
        self.drill_table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Procedure"), self.tr("Due"), self.tr("Officer holding it")]
        )
        self.drill_table.setRowCount(len(overdue))
        for i, o in enumerate(overdue):
            due = o["deadline_at"].replace("T", " ")
            cells = (
                o["code"],
                o["procedure"],
                f"{due[8:10]}/{due[5:7]}/{due[:4]} {due[11:]}",
                o["officer_name"],
            )
            for j, text in enumerate(cells):
                self.drill_table.setItem(i, j, QTableWidgetItem(text))
        for col in (0, 2, 3):
            self.drill_table.resizeColumnToContents(col)
        self.overdue_codes = [o["code"] for o in overdue]

    def _chart_data(self, report: Report, trend_rows: list[tuple[str, int, int, int]]) -> ChartData:
        v = report.total.values
        channels: list[tuple[str, int, str]] = []
        if "received.online" in v:
            channels = [
                (self.tr("Online"), int(v["received.online"] or 0), BLUE),
                (self.tr("Direct and postal"), int(v["received.direct_postal"] or 0), GREEN),
                (self.tr("Carried over"), int(v["received.carried_over"] or 0), ORANGE),
            ]
        elif "received_online" in v:
            channels = [
                (self.tr("Online"), int(v["received_online"] or 0), BLUE),
                (
                    self.tr("Direct"),
                    int(v["received_total"] or 0)
                    - int(v["received_online"] or 0)
                    - int(v["received_postal"] or 0),
                    GREEN,
                ),
                (self.tr("Postal"), int(v["received_postal"] or 0), ORANGE),
            ]
        ratios = [(r.label, r.value, r.target) for r in report.ratios]
        return ChartData(trend=trend_rows, channels=channels, ratios=ratios)

    def _show_trend(self, generation: int, points: list[Any]) -> None:
        if generation != self._generation:
            return
        rows = [(p.period.code[-5:], p.received, p.on_time, p.late) for p in points]
        data = self.charts.data
        self.charts.set_data(ChartData(trend=rows, channels=data.channels, ratios=data.ratios))
        self.trendShown.emit(len(rows))

    # -- drill-down ----------------------------------------------------------------------------------

    def _drill(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        report = self.report
        if item is None or report is None or column == 0:
            return
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        key, code = data
        try:
            drill.figure_parts(code)
        except UserError:
            self.drill_label.setText(self.tr("This figure has no list of dossiers."))
            return
        head = self.table.item(row, 0)
        label = head.text() if head is not None else ""
        name = BY_CODE[code].name_vi if code in BY_CODE else code
        self.drill_label.setText(f"{name} – {label}")
        self.drill_for(key, code)

    def drill_for(self, key: str | None, figure: str) -> None:
        """List the dossiers behind ``figure`` of row ``key`` (None: the total), off the GUI thread."""
        report = self.report
        if report is None:
            return
        period, by, now = report.period, report.by, report.generated_at
        self.ctx.runner.run(
            lambda: drill.drill_down(self.ctx.db, period, by, key, figure, now),
            on_success=self._show_drill,
            parent=self,
        )

    def _show_drill(self, refs: list[drill.DossierRef]) -> None:
        self.drilled = refs
        self.overdue_codes = []
        self.drill_table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Procedure"), self.tr("Received"), self.tr("State")]
        )
        self.drill_table.setRowCount(len(refs))
        for i, ref in enumerate(refs):
            cells = (ref.code, ref.procedure, f"{ref.received_at:%d/%m/%Y %H:%M}", ref.state_label)
            for j, text in enumerate(cells):
                self.drill_table.setItem(i, j, QTableWidgetItem(text))
        for col in (0, 2, 3):
            self.drill_table.resizeColumnToContents(col)
        self.drillShown.emit(len(refs))

    def _open_dossier(self, row: int, _column: int) -> None:
        codes = [r.code for r in self.drilled] or self.overdue_codes
        if 0 <= row < len(codes) and codes[row]:
            self.ctx.openDossierRequested.emit(codes[row])

    # -- targets -------------------------------------------------------------------------------------

    def targets_dialog(self) -> TargetsDialog:
        year = self.report.period.end.year if self.report is not None else self._today().year
        dialog = TargetsDialog(self.ctx, year, self)
        dialog.saved.connect(lambda _year: self.compute())
        return dialog

    def edit_targets(self) -> None:
        self.targets_dialog().open()

    # -- export --------------------------------------------------------------------------------------

    def _ask_export(self, fmt: str) -> None:
        if self.report is None:
            return
        suffix = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "json": "JSON (*.json)"}[fmt]
        name = f"bao-cao-{self.report.kind}-{self.report.period.code.replace('..', '_')}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the report"), str(Path.home() / name), suffix
        )
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the report shown to ``path`` (atomically, off the GUI thread)."""
        report = self.report
        if report is None:
            return
        who = self.ctx.user
        self.ctx.runner.run(
            lambda: export.write(report, path, fmt, prepared_by=who),
            on_success=lambda p: self._exported(str(p)),
            parent=self,
        )

    def _exported(self, path: str) -> None:
        self.ctx.statusMessage.emit(self.tr("Report written to %1").replace("%1", path))
        self.exported.emit(path)


def page_spec() -> PageSpec:
    return PageSpec(
        key="reports",
        title=str(QT_TRANSLATE_NOOP("Pages", "Reports")),
        order=70,
        factory=ReportsPage,
        permission="report",
        icon="reports.svg",
    )
