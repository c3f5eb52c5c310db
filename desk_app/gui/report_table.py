"""The report table of the Reports page: one line per unit, field, procedure or officer, then the total.

Each figure's definition is its tooltip; a ratio below the year's target is red. The weekly one-pager adds
the previous period and the change under the total. Each cell carries (row key, figure code) for the
drill-down.
"""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desk_app.domain.indicators import BY_CODE
from desk_app.services.reports.model import Report, Value

MISSED = "#c8362e"
HEADER_WIDTH = 10  # characters a header line: narrow figure columns, so II.06a fits a 1024 px screen
LABEL_MAX = 260  # px: a long procedure name is elided (its full text is the tooltip)


def format_value(value: Any, unit: str) -> str:
    """A figure as a Vietnamese reader expects it: 1.234 dossiers, 61,5%; "no data" for None."""
    if value is None:
        return QCoreApplication.translate("ReportTable", "no data") if unit != "ratio" else "–"
    if unit == "ratio":
        return f"{float(value) * 100:.1f}%".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def _unit(code: str) -> str:
    return BY_CODE[code].unit if code in BY_CODE else "dossiers"


class ReportTable(QTableWidget):
    """Read-only; ``show_report`` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 0, parent)
        self.setObjectName("reportTable")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def show_report(self, report: Report, first_title: str) -> None:
        columns = report.columns
        self.clear()
        self.setColumnCount(1 + len(columns))
        self.setRowCount(len(report.rows) + 1)
        self.setHorizontalHeaderItem(0, QTableWidgetItem(first_title))
        for j, code in enumerate(columns, start=1):
            ind = BY_CODE.get(code)
            # Vietnamese names run long: the header shows them on several lines (Qt draws line breaks).
            item = QTableWidgetItem(textwrap.fill(ind.name_vi if ind else code, HEADER_WIDTH))
            if ind:
                item.setToolTip(f"{ind.name_vi}\n{ind.definition_vi}")
            self.setHorizontalHeaderItem(j, item)
        missed = {r.code for r in report.ratios if r.missed}
        bold = QFont(self.font())
        bold.setBold(True)
        for i, row in enumerate([*report.rows, report.total]):
            is_total = row is report.total
            label = QTableWidgetItem(row.label)
            label.setToolTip(row.label)
            if is_total:
                label.setFont(bold)
            self.setItem(i, 0, label)
            for j, code in enumerate(columns, start=1):
                item = self._cell(format_value(row.values.get(code), _unit(code)))
                item.setData(Qt.ItemDataRole.UserRole, (None if is_total else row.key, code))
                if code in BY_CODE:
                    item.setToolTip(BY_CODE[code].definition_vi)
                if is_total:
                    item.setFont(bold)
                    if code in missed:
                        item.setForeground(QColor(MISSED))
                        below = self.tr("Below the target of the year")
                        item.setToolTip(f"{item.toolTip()}\n{below}")
                self.setItem(i, j, item)
        if report.kind == "weekly" and report.previous is not None:
            self._compare(report, columns)
        self.resizeColumnsToContents()
        if self.columnWidth(0) > LABEL_MAX:
            self.setColumnWidth(0, LABEL_MAX)

    def _cell(self, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _compare(self, report: Report, columns: list[str]) -> None:
        """The previous period and the change, under the total."""
        assert report.previous is not None
        changes = report.changes()
        extra: list[tuple[str, dict[str, Value]]] = [
            (self.tr("Previous period"), report.previous.values),
            (self.tr("Change"), changes),
        ]
        base = self.rowCount()
        self.setRowCount(base + len(extra))
        for i, (title, values) in enumerate(extra):
            self.setItem(base + i, 0, QTableWidgetItem(title))
            for j, code in enumerate(columns, start=1):
                value = values.get(code)
                text = format_value(value, _unit(code))
                if values is changes and isinstance(value, int | float) and value > 0:
                    text = f"+{text}"
                item = self._cell(text)
                item.setData(Qt.ItemDataRole.UserRole, None)
                self.setItem(base + i, j, item)
