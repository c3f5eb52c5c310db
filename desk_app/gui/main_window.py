"""The main window (cửa sổ chính): navigation on the left, the current page on the right, a status bar."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PAGE_MODULES, PageSpec, load_page_specs
from desk_app.gui.screenfit import fit_to_screen

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Hosts the registered pages. A page's widget is built when it is first shown.

    ``defer_pages`` (the app sets it): only the first module of PAGE_MODULES (the dossier list) is imported
    before the window shows; the other page modules, which pull in SQLAlchemy, reportlab and the services,
    are imported one per event-loop turn after the first paint and join the navigation in their order.
    ``show_page``/``page`` of a page not loaded yet load the rest at once, so callers never see the difference.
    """

    pageChanged = Signal(str)
    pagesLoaded = Signal()  # every page module has been imported

    def __init__(
        self,
        ctx: GuiContext,
        specs: list[PageSpec] | None = None,
        unit_name: str = "",
        *,
        defer_pages: bool = False,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.window = self
        self.setObjectName("mainWindow")
        self._pending_modules: list[str] = []
        self._loading = False
        if specs is None:
            modules = list(PAGE_MODULES)
            if defer_pages and len(modules) > 1:
                modules, self._pending_modules = modules[:1], modules[1:]
            specs = load_page_specs(modules)
        self._known = sorted(specs, key=lambda s: (s.order, s.key))  # every loaded page, allowed or not
        self.specs = [s for s in self._known if ctx.can(s.permission)]
        self._pages: dict[str, QWidget] = {}
        self._rows: dict[str, int] = {}
        self.set_unit_name(unit_name)
        fit_to_screen(self, 1280, 800)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for spec in self.specs:
            self.nav.addItem(_nav_item(spec))
            self.stack.addWidget(QWidget())  # placeholder until first shown
        self._renumber()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel(ctx.user)
        self.statusBar().addPermanentWidget(self.user_label)
        from desk_app.gui.sync_page import install_status  # last sync + what waits; the background worker

        self.sync_status = install_status(ctx, self)
        ctx.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        ctx.openDossierRequested.connect(self._open_dossier)
        self.nav.currentRowChanged.connect(self._row_changed)
        self._build_menus()
        if self.specs:
            self.nav.setCurrentRow(0)
        if self._pending_modules:
            # The app calls continue_loading() once the first page has painted; this is the fallback.
            QTimer.singleShot(3000, self.continue_loading)

    # -- public API -----------------------------------------------------------------------------------
    def show_page(self, key: str, arg: str | None = None) -> QWidget:
        """Show the page ``key`` (building it on first use), pass ``arg`` to its ``activate``; return it."""
        if key not in self._rows:
            self.load_all_pages()
        if key not in self._rows:
            raise KeyError(f"no page {key!r}")
        row = self._rows[key]
        page = self.page(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.stack.setCurrentIndex(row)
        activate = getattr(page, "activate", None)
        if callable(activate):
            activate(arg)
        self.pageChanged.emit(key)
        return page

    def page(self, key: str) -> QWidget:
        """The widget of page ``key``, built now if it was not yet."""
        if key in self._pages:
            return self._pages[key]
        if key not in self._rows:
            self.load_all_pages()
        spec = next(s for s in self.specs if s.key == key)
        row = self._rows[key]
        page = spec.factory(self.ctx)
        old = self.stack.widget(row)
        self.stack.insertWidget(row, page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._pages[key] = page
        return page

    def continue_loading(self) -> None:
        """Start importing the deferred page modules, one per event-loop turn."""
        if self._pending_modules and not self._loading:
            self._loading = True
            QTimer.singleShot(0, self._load_next_module)

    def load_all_pages(self) -> None:
        """Import the page modules still deferred, now."""
        while self._pending_modules:
            self._load_module(self._pending_modules.pop(0))
        self.pagesLoaded.emit()

    @property
    def pages_pending(self) -> bool:
        return bool(self._pending_modules)

    def apply_permissions(self) -> None:
        """Show exactly the pages the current user may use (after a switch of clerk); keep built ones."""
        self.load_all_pages()
        current = self.current_key()
        allowed = [s for s in self._known if self.ctx.can(s.permission)]
        if [s.key for s in allowed] == [s.key for s in self.specs]:
            return
        self.nav.blockSignals(True)
        self.nav.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            assert widget is not None
            self.stack.removeWidget(widget)
            key = next((k for k, page in self._pages.items() if page is widget), None)
            if key is None or key not in {s.key for s in allowed}:
                if key is not None:
                    del self._pages[key]
                widget.deleteLater()
        self.specs = allowed
        for spec in self.specs:
            self.nav.addItem(_nav_item(spec))
            self.stack.addWidget(self._pages.get(spec.key) or QWidget())
        self._renumber()
        self.nav.blockSignals(False)
        self._rebuild_page_actions()
        if self.specs:
            self.show_page(current if current in self._rows else self.specs[0].key)

    def page_keys(self) -> list[str]:
        """The keys of the pages this user sees, in navigation order (deferred modules included once loaded)."""
        return [s.key for s in self.specs]

    def first_key(self) -> str | None:
        """The page shown first after sign-in (the Today page when registered)."""
        return self.specs[0].key if self.specs else None

    def start_intake(self) -> None:
        """F2 anywhere: the intake page, cursor in the procedure search (input already typed is kept)."""
        if "intake" in self._rows or self._pending_modules:
            try:
                self.show_page("intake")
            except KeyError:
                self.ctx.set_status(self.tr("You may not receive dossiers."))

    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_page(self) -> QWidget | None:
        key = self.current_key()
        return self._pages.get(key) if key else None

    def update_badges(self) -> None:
        """Re-read each built page's ``count()`` and show it beside its title."""
        for spec in self.specs:
            page = self._pages.get(spec.key)
            count = getattr(page, "count", None)
            n = count() if callable(count) else None
            text = spec.translated_title() + (f" ({n})" if n else "")
            self.nav.item(self._rows[spec.key]).setText(text)

    def set_unit_name(self, name: str) -> None:
        title = self.tr("One-stop counter")
        self.setWindowTitle(f"{name} – {title}" if name else title)

    # -- internals ------------------------------------------------------------------------------------
    def _load_next_module(self) -> None:
        if not self._pending_modules:
            return
        self._load_module(self._pending_modules.pop(0))
        if self._pending_modules:
            QTimer.singleShot(0, self._load_next_module)
        else:
            self.pagesLoaded.emit()

    def _load_module(self, name: str) -> None:
        for spec in load_page_specs([name]):
            if any(k.key == spec.key for k in self._known):
                continue
            self._known.append(spec)
            self._known.sort(key=lambda s: (s.order, s.key))
            if not self.ctx.can(spec.permission):
                continue
            row = sum(1 for s in self.specs if (s.order, s.key) < (spec.order, spec.key))
            self.specs.insert(row, spec)
            self.nav.blockSignals(True)
            self.nav.insertItem(row, _nav_item(spec))
            self.nav.blockSignals(False)
            self.stack.insertWidget(row, QWidget())
            self._renumber()
        self._rebuild_page_actions()

    def _renumber(self) -> None:
        self._rows = {spec.key: i for i, spec in enumerate(self.specs)}

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_page(self.specs[row].key)

    def _open_dossier(self, code: str) -> None:
        # A page that works on one dossier at a time (digitisation) keeps a scanned code for itself.
        take = getattr(self.current_page(), "take_dossier_code", None)
        if callable(take) and take(code):
            return
        # The dossier detail page (another module) registers under "dossier" when present.
        if "dossier" in self._rows:
            self.show_page("dossier", code)
        else:
            self.ctx.set_status(self.tr("Dossier %1").replace("%1", code))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        app_menu = bar.addMenu(self.tr("&File"))
        self.quit_action = _action(self, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        app_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(self.tr("&View"))
        self.refresh_action = _action(self, self.tr("&Refresh"), QKeySequence("F5"), self._refresh)
        self.search_action = _action(self, self.tr("&Search"), QKeySequence("Ctrl+F"), self._focus_search)
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.search_action)
        self.intake_action = _action(
            self, self.tr("&Receive a new dossier"), QKeySequence("F2"), self.start_intake
        )
        view_menu.addAction(self.intake_action)
        view_menu.addSeparator()
        self._view_menu = view_menu
        self._page_actions: list[QAction] = []
        self._rebuild_page_actions()
        help_menu = bar.addMenu(self.tr("&Help"))
        self.help_action = _action(self, self.tr("&Help"), QKeySequence("F1"), self._help)
        help_menu.addAction(self.help_action)

    def _rebuild_page_actions(self) -> None:
        for act in self._page_actions:
            self._view_menu.removeAction(act)
            self.removeAction(act)
            act.deleteLater()
        self._page_actions = []
        for i, spec in enumerate(self.specs[:9]):
            act = _action(
                self,
                spec.translated_title(),
                QKeySequence(f"Alt+{i + 1}"),
                lambda checked=False, k=spec.key: self.show_page(k),
            )
            self._view_menu.addAction(act)
            self._page_actions.append(act)
        for spec in self.specs:  # a page's own key (PageSpec.shortcut) reaches it in one key from anywhere
            if spec.shortcut:
                act = _action(
                    self,
                    spec.translated_title(),
                    QKeySequence(spec.shortcut),
                    lambda checked=False, k=spec.key: self.show_page(k),
                )
                self._page_actions.append(act)

    def _refresh(self) -> None:
        page = self.current_page()
        fn = getattr(page, "refresh", None)
        if callable(fn):
            fn()

    def _focus_search(self) -> None:
        page = self.current_page()
        fn = getattr(page, "focus_search", None)
        if callable(fn):
            fn()

    def _help(self) -> None:
        from desk_app import __version__
        from desk_app.gui.help_dialog import HelpDialog

        about = (
            self.tr("desk_app %1: the front desk of the one-stop counter. Data: %2")
            .replace("%1", __version__)
            .replace("%2", str(self.ctx.data_dir))
        )
        if getattr(self, "help_dialog", None) is None:
            self.help_dialog = HelpDialog(self.ctx, about, self)
        self.help_dialog.show()
        if QGuiApplication.platformName() != "offscreen":  # the headless platform cannot raise windows
            self.help_dialog.raise_()
            self.help_dialog.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self._pages.values():
            can_close = getattr(page, "can_close", None)
            if callable(can_close) and not can_close():
                event.ignore()
                return
        self.ctx.close()
        super().closeEvent(event)


def _action(parent: QWidget, text: str, shortcut: Any, slot: Any) -> QAction:
    act = QAction(text, parent)
    act.setShortcut(shortcut)
    act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    act.triggered.connect(slot)
    parent.addAction(act)
    return act


def _nav_item(spec: PageSpec) -> QListWidgetItem:
    item = QListWidgetItem(spec.translated_title())
    item.setSizeHint(QSize(0, 34))  # even rows, with or without an icon
    item.setData(Qt.ItemDataRole.UserRole, spec.key)
    if spec.icon:
        item.setIcon(_icon(spec.icon))
    return item


def _icon(name: str) -> QIcon:
    from desk_app.resources import resource_path

    path = resource_path("icons", name)
    return QIcon(str(path)) if path.exists() else QIcon()
