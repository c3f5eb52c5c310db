"""Fitting the counter's small screens (1366x768 and 1024x768, taskbar visible): sizes from the screen and font.

- ``fit_to_screen(widget, w, h)``: resize a dialog to at most w x h, never past the screen's free area;
- ``size_columns(view, widths, stretch)``: give each key column the width of its longest expected text in the
  current font (so a larger font setting still shows "Hạn trả" and the state), and let one wide text column
  (the procedure) take the rest, shown last.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QLayout, QLayoutItem, QTableView, QWidget

MARGIN_W = 24  # room for the window frame
MARGIN_H = 48  # the title bar


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` x ``height`` or less: never larger than its screen's free area."""
    screen = widget.screen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - MARGIN_W)
        height = min(height, free.height() - MARGIN_H)
    widget.resize(max(200, width), max(150, height))


def size_columns(
    view: QTableView, samples: dict[int, str], stretch: int | None = None, pad: int = 28
) -> None:
    """Each column in ``samples`` as wide as its sample text (or its header); ``stretch`` shown last, stretched.

    Widths follow the view's font, so they grow with the font-size setting.
    """
    _apply_widths(view, samples, pad)
    header = view.horizontalHeader()
    if stretch is not None:
        last = header.count() - 1
        visual = header.visualIndex(stretch)
        if visual != last:
            header.moveSection(visual, last)
        header.setStretchLastSection(True)
    header.setMinimumSectionSize(40)
    follower = _FontFollower(view, samples, pad)
    view.installEventFilter(follower)


def _apply_widths(view: QTableView, samples: dict[int, str], pad: int) -> None:
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    model = view.model()
    for col, sample in samples.items():
        title = str(model.headerData(col, header.orientation()) or "") if model is not None else ""
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 12) + pad
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, width)
    view.verticalHeader().setDefaultSectionSize(metrics.height() + 8)


class _FontFollower(QObject):
    """Re-sizes a table's key columns and rows when its font changes (the text-size setting)."""

    def __init__(self, view: QTableView, samples: dict[int, str], pad: int) -> None:
        super().__init__(view)
        self.view, self.samples, self.pad = view, samples, pad

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.FontChange:
            _apply_widths(self.view, self.samples, self.pad)
        return False


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto a new line when the row is full (Qt's flow layout example).

    For rows of buttons and filters that must fit a 1024-px screen: the minimum width is the widest item.
    ``addStretch`` is accepted and ignored (a flow has no stretch).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addStretch(self, stretch: int = 0) -> None:
        return

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() + self._spacing for i in self._visible())
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        out = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                out.append(item)
        return out

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()
