"""Charts of the Reports page, drawn with QPainter.

QtCharts would need the PySide6 Addons wheel (hundreds of MB, slower start-up); three simple charts a
leader reads at a glance need only a paint event: the trend of received / on time / late over the last 12
periods (grouped bars), the channel mix (one stacked bar), and each ratio against its target (horizontal
bars with the target as a tick, misses in red).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BLUE, GREEN, RED, GREY, ORANGE = "#2f6db3", "#2e9a48", "#c8362e", "#8a8a8a", "#e39a26"


@dataclass
class ChartData:
    """What the charts show: plain numbers, filled by the page from the computed reports."""

    trend: list[tuple[str, int, int, int]] = field(default_factory=list)  # (label, received, on time, late)
    channels: list[tuple[str, int, str]] = field(default_factory=list)  # (label, count, colour)
    ratios: list[tuple[str, float | None, float | None]] = field(
        default_factory=list
    )  # (label, value, target)


class ReportCharts(QWidget):
    """The three charts side by side; ``set_data`` repaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportCharts")
        self.data = ChartData()
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        w, h = self.width(), self.height()
        third = w / 3
        self._trend(painter, QRectF(8, 8, third * 1.3 - 16, h - 16))
        self._channels(painter, QRectF(third * 1.3 + 8, 8, third * 0.6 - 16, h - 16))
        self._ratios(painter, QRectF(third * 1.9 + 8, 8, third * 1.1 - 16, h - 16))
        painter.end()

    def _title(self, p: QPainter, box: QRectF, text: str) -> QRectF:
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#222"))
        p.drawText(box.adjusted(0, 0, 0, -(box.height() - 18)), Qt.AlignmentFlag.AlignLeft, text)
        p.setFont(self.font())
        return box.adjusted(0, 22, 0, 0)

    def _empty(self, p: QPainter, box: QRectF) -> None:
        p.setPen(QColor(GREY))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, self.tr("No data"))

    def _trend(self, p: QPainter, box: QRectF) -> None:
        area = self._title(p, box, self.tr("Received, on time and late by period"))
        trend = self.data.trend
        if not trend:
            self._empty(p, area)
            return
        top = max((r for _, r, _, _ in trend), default=0) or 1
        plot = area.adjusted(0, 0, 0, -34)
        slot = plot.width() / len(trend)
        bar = max(2.0, slot / 4)
        for i, (label, received, on_time, late) in enumerate(trend):
            x = plot.left() + i * slot + slot / 8
            for j, (value, colour) in enumerate(((received, BLUE), (on_time, GREEN), (late, RED))):
                height = plot.height() * value / top
                p.fillRect(QRectF(x + j * bar, plot.bottom() - height, bar - 1, height), QColor(colour))
            p.setPen(QColor("#444"))
            p.drawText(
                QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, 14),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
        p.setPen(QPen(QColor("#999"), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        self._legend(
            p,
            area.left(),
            area.bottom() - 14,
            [(self.tr("Received"), BLUE), (self.tr("On time"), GREEN), (self.tr("Late"), RED)],
        )

    def _legend(self, p: QPainter, x: float, y: float, items: list[tuple[str, str]]) -> None:
        metrics = p.fontMetrics()
        for text, colour in items:
            p.fillRect(QRectF(x, y + 3, 10, 10), QColor(colour))
            p.setPen(QColor("#333"))
            p.drawText(QRectF(x + 14, y, 400, 16), Qt.AlignmentFlag.AlignLeft, text)
            x += 24 + metrics.horizontalAdvance(text)

    def _channels(self, p: QPainter, box: QRectF) -> None:
        area = self._title(p, box, self.tr("Channels"))
        total = sum(n for _, n, _ in self.data.channels)
        if not total:
            self._empty(p, area)
            return
        column = QRectF(area.left(), area.top(), min(40.0, area.width() / 5), area.height() - 4)
        y = column.bottom()
        for label, n, colour in self.data.channels:
            height = column.height() * n / total
            y -= height
            p.fillRect(QRectF(column.left(), y, column.width(), height), QColor(colour))
            p.setPen(QColor("#222"))
            share = f"{label}: {n} ({100 * n / total:.0f}%)".replace(".", ",")
            p.drawText(  # long Vietnamese labels wrap beside their band instead of running off the chart
                QRectF(column.right() + 6, y, area.width() - column.width() - 6, max(height, 32)),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                | int(Qt.TextFlag.TextWordWrap),
                share,
            )

    def _ratios(self, p: QPainter, box: QRectF) -> None:
        area = self._title(p, box, self.tr("Ratios against targets"))
        ratios = self.data.ratios
        if not ratios:
            self._empty(p, area)
            return
        row = min(28.0, area.height() / len(ratios))
        label_w = area.width() * 0.45
        for i, (label, value, target) in enumerate(ratios):
            y = area.top() + i * row
            p.setPen(QColor("#222"))
            metrics = p.fontMetrics()
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 4))
            p.drawText(QRectF(area.left(), y, label_w - 4, row), Qt.AlignmentFlag.AlignVCenter, text)
            track = QRectF(area.left() + label_w, y + row * 0.25, area.width() - label_w - 44, row * 0.5)
            p.fillRect(track, QColor("#eeeeee"))
            missed = value is not None and target is not None and value < target
            if value is not None:
                p.fillRect(
                    QRectF(track.left(), track.top(), track.width() * value, track.height()),
                    QColor(RED if missed else GREEN if target is not None else BLUE),
                )
            if target is not None:
                tx = track.left() + track.width() * target
                p.setPen(QPen(QColor("#111"), 2))
                p.drawLine(int(tx), int(track.top() - 3), int(tx), int(track.bottom() + 3))
            p.setPen(QColor("#222"))
            shown = "–" if value is None else f"{value * 100:.0f}%"
            p.drawText(
                QRectF(track.right() + 4, y, 40, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                shown,
            )
