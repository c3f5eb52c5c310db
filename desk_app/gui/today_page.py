"""The Today page (hôm nay): the first page after sign-in, the counter's work of the day at a glance.

Each figure is a button (and a digit key, 1–7, while the page has the focus) that opens the list behind it:
overdue, due today, waiting for a supplement, ready to return (the queues page), received today (the dossier
list), help given today, waiting to sync (those pages when they exist). F2, anywhere in the window, starts an
intake. The counts are plain sqlite3 counts (``services.lifecycle.today``) read on the runner, so this page
paints before SQLAlchemy has loaded; ``ready`` fires once the first figures have been painted (start-up
benchmark, ``desk-app gui --exit-when-ready``). Help and sync figures are read after that, through the
capabilities that own them, and show "no data yet" when those are absent.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec
from desk_app.services.lifecycle import today as today_service

REFRESH_MS = 60_000
# (key, English label, where it leads: (page key, argument)); the digit key is the position + 1.
TILES: list[tuple[str, str, tuple[str, str | None]]] = [
    ("overdue", str(QT_TRANSLATE_NOOP("TodayPage", "Overdue")), ("queues", "overdue")),
    ("due_today", str(QT_TRANSLATE_NOOP("TodayPage", "Due today")), ("queues", "due_today")),
    (
        "waiting_supplement",
        str(QT_TRANSLATE_NOOP("TodayPage", "Waiting for a supplement")),
        ("queues", "waiting_supplement"),
    ),
    ("result_ready", str(QT_TRANSLATE_NOOP("TodayPage", "Ready to return")), ("queues", "result_ready")),
    ("received_by_me", str(QT_TRANSLATE_NOOP("TodayPage", "Received today by me")), ("dossiers", "today")),
    ("help_given", str(QT_TRANSLATE_NOOP("TodayPage", "Help given today")), ("assist", None)),
    ("waiting_sync", str(QT_TRANSLATE_NOOP("TodayPage", "Waiting to sync")), ("outbox", None)),
]
WEEKDAYS: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("TodayPage", "Monday")),
    str(QT_TRANSLATE_NOOP("TodayPage", "Tuesday")),
    str(QT_TRANSLATE_NOOP("TodayPage", "Wednesday")),
    str(QT_TRANSLATE_NOOP("TodayPage", "Thursday")),
    str(QT_TRANSLATE_NOOP("TodayPage", "Friday")),
    str(QT_TRANSLATE_NOOP("TodayPage", "Saturday")),
    str(QT_TRANSLATE_NOOP("TodayPage", "Sunday")),
)
# Pages that may hold the help and sync lists (other capabilities register them): the first one present.
ALTERNATIVES = {"assist": ("assist", "help"), "outbox": ("outbox", "sync")}


class TodayPage(QWidget):
    """What is due, late, waiting and ready today, each a click or a digit key away; F2 starts an intake."""

    ready = Signal()
    countsShown = Signal(dict)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayPage")
        self.clock: Any = lambda: None  # None: now (tests set a fixed moment)
        self.figures: dict[str, int | None] = {}
        self._painted_first = False
        self._await_paint = False
        self._extras_asked = False
        self._generation = 0

        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.intake_button = QPushButton(self.tr("Receive a new dossier (F2)"))
        self.intake_button.setObjectName("startIntake")
        self.intake_button.setMinimumHeight(44)
        self.intake_button.clicked.connect(self.start_intake)

        self.tiles: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (key, _label, _target) in enumerate(TILES):
            button = QPushButton()
            button.setObjectName(f"tile-{key}")
            button.setMinimumHeight(64)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.clicked.connect(lambda _c=False, k=key: self.open_tile(k))
            self.tiles[key] = button
            grid.addWidget(button, i // 3, i % 3)
            shortcut = QShortcut(QKeySequence(str(i + 1)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda k=key: self.open_tile(k))
        for col in range(3):
            grid.setColumnStretch(col, 1)
        self.hint = QLabel(
            self.tr("Press 1–7 to open a list, F2 to receive a dossier, Alt+1 … Alt+9 to change page.")
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("todayHint")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intake_button)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._show_figures()

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.dossiersChanged.connect(self.refresh)
        self.installEventFilter(self)
        self.refresh()

    # -- page interface ------------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        self.refresh()
        self.intake_button.setFocus()  # Enter starts an intake; 1–7 open the lists

    def refresh(self) -> None:
        """Re-read the counts (plain sqlite3), then the figures of other capabilities once SQLAlchemy is up."""
        self._generation += 1
        generation = self._generation
        self.ctx.runner.run(
            today_service.counts,
            self.ctx.reader,
            self.ctx.user,
            self.clock(),
            on_success=lambda counts: self._got_counts(generation, counts),
            parent=self,
        )
        if self._painted_first:
            self._ask_extras()

    def count(self) -> int | None:
        return None

    @property
    def painted_first(self) -> bool:
        return self._painted_first

    # -- actions -------------------------------------------------------------------------------------
    def start_intake(self) -> None:
        window = self.ctx.window
        if window is not None and hasattr(window, "start_intake"):
            window.start_intake()

    def open_tile(self, key: str) -> None:
        """Show the list behind a figure."""
        window = self.ctx.window
        target = next(t for k, _l, t in TILES if k == key)
        page_key, arg = target
        if window is None or not hasattr(window, "show_page"):
            return
        keys: list[str] = getattr(window, "page_keys", list)()
        if page_key in ALTERNATIVES:
            page_key = next((k for k in ALTERNATIVES[page_key] if k in keys), "")
            if not page_key:
                self.ctx.set_status(self.tr("This list is not available yet."))
                return
        if page_key == "dossiers":
            page = window.show_page("dossiers")
            show_today = getattr(page, "show_received_on", None)
            if callable(show_today):
                show_today(date.today())
            return
        window.show_page(page_key, arg)

    # -- figures -------------------------------------------------------------------------------------
    def _got_counts(self, generation: int, counts: today_service.TodayCounts) -> None:
        if generation != self._generation:
            return
        self.figures.update(counts.as_dict())
        self._show_figures()
        self.countsShown.emit(dict(self.figures))
        if not self._painted_first:
            self._await_paint = True
            self.update()

    def _ask_extras(self, tries: int = 40) -> None:
        """Read help and sync figures once the database is open (start-up opens it after the first paint)."""
        if not self.ctx.db_opened:
            if tries > 0:
                QTimer.singleShot(500, lambda: self._ask_extras(tries - 1))
            return
        self._extras_asked = True
        self.ctx.runner.run(
            lambda: today_service.extras(self.ctx.db), on_success=self._got_extras, parent=self
        )

    def _got_extras(self, extras: dict[str, int | None]) -> None:
        self.figures.update(extras)
        self._show_figures()
        self.countsShown.emit(dict(self.figures))

    def _show_figures(self) -> None:
        now = self.clock() or datetime.now()
        weekday = self.tr(WEEKDAYS[now.weekday()])
        name = getattr(self.ctx, "full_name", "") or self.ctx.user
        self.heading.setText(
            self.tr("Today, %1 %2").replace("%1", weekday).replace("%2", now.strftime("%d/%m/%Y"))
            + (f" — {name}" if name else "")
        )
        for i, (key, label, _target) in enumerate(TILES):
            button = self.tiles[key]
            value = self.figures.get(key)
            if key not in self.figures:
                number = "…"
            elif value is None:
                number = self.tr("no data yet")
            else:
                number = str(value)
            text = f"{number}\n{i + 1}. {self.tr(label)}"
            if key == "received_by_me" and "received_today" in self.figures:
                text += "\n" + self.tr("(whole unit: %1)").replace("%1", str(self.figures["received_today"]))
            button.setText(text)
            urgent = key == "overdue" and bool(value)
            button.setStyleSheet("QPushButton { color: #b02a37; font-weight: bold; }" if urgent else "")
            button.setToolTip(self.tr("Key %1").replace("%1", str(i + 1)))

    # -- first paint ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and self._await_paint and event.type() == QEvent.Type.Paint:
            self._await_paint = False
            self._painted_first = True
            QTimer.singleShot(0, self.ready.emit)
            QTimer.singleShot(0, self._ask_extras)
        return False


def page_spec() -> PageSpec:
    return PageSpec(
        key="today",
        title=str(QT_TRANSLATE_NOOP("Pages", "Today")),
        order=5,
        factory=TodayPage,
        icon="today.svg",
    )
