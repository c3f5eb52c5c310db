"""The yearly targets dialog (chỉ tiêu giao), for admins: one percentage per ratio for a chosen year."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.indicators import BY_CODE, TARGETABLE
from desk_app.gui.context import GuiContext
from desk_app.services.reports.targets import Target, list_targets, set_target


class TargetsDialog(QDialog):
    """Edit the targets of one year; ``saved(year)`` once they are written (one transaction each)."""

    loaded = Signal(int)
    saved = Signal(int)

    def __init__(self, ctx: GuiContext, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("targetsDialog")
        self.setWindowTitle(self.tr("Yearly targets"))
        self.year = QSpinBox()
        self.year.setObjectName("targetYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(year or date.today().year)
        self.table = QTableWidget(len(TARGETABLE), 2)
        self.table.setObjectName("targetTable")
        self.table.setHorizontalHeaderLabels([self.tr("Ratio"), self.tr("Target (%)")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for i, code in enumerate(TARGETABLE):
            item = QTableWidgetItem(BY_CODE[code].name_vi)
            item.setToolTip(BY_CODE[code].definition_vi)
            self.table.setItem(i, 0, item)
            spin = QDoubleSpinBox()
            spin.setObjectName(f"target_{code}")
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setSpecialValueText(self.tr("not set"))
            self.table.setCellWidget(i, 1, spin)
            self.spins[code] = spin
        self.original: dict[str, float] = {}
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.year.valueChanged.connect(lambda _: self.load())
        self.load()

    def load(self) -> None:
        year = self.year.value()
        self.ctx.runner.run(lambda: list_targets(self.ctx.db, year), on_success=self._fill, parent=self)

    def _fill(self, targets: list[Target]) -> None:
        self.original = {t.indicator: t.value for t in targets}
        for code, spin in self.spins.items():
            spin.setValue(round(self.original.get(code, 0.0) * 100, 1))
        self.loaded.emit(self.year.value())

    def values(self) -> dict[str, float]:
        """The targets entered (0 means not set), as ratios."""
        return {code: round(spin.value() / 100, 6) for code, spin in self.spins.items() if spin.value() > 0}

    def save(self) -> None:
        year, actor = self.year.value(), self.ctx.user
        changed = {c: v for c, v in self.values().items() if self.original.get(c) != v}

        def write() -> int:
            for code, value in changed.items():
                set_target(self.ctx.db, year, code, value, actor=actor)
            return year

        self.ctx.runner.run(write, on_success=self._saved, parent=self)

    def _saved(self, year: int) -> None:
        self.saved.emit(year)
        self.accept()
