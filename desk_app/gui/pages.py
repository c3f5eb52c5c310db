"""The page registry: which pages the main window's navigation shows, in which order.

To add a page, write a module with::

    from PySide6.QtCore import QT_TRANSLATE_NOOP

    def page_spec() -> PageSpec:
        return PageSpec(key="intake", title=str(QT_TRANSLATE_NOOP("Pages", "Intake")), order=20, factory=IntakePage)

and append its module path to ``PAGE_MODULES`` (one line). ``title`` is the English source, marked with
``str(QT_TRANSLATE_NOOP("Pages", ...))`` so that tools/i18n.py extracts it; the navigation shows
``QCoreApplication.translate("Pages", title)``. Add the Vietnamese under the "Pages" context of your
``resources/translations/vi/<area>.json``. Built-in orders: today 5, dossiers 10, settings 900.

A page widget may define, all optional:

- ``activate(arg: str | None)``: called when the page is shown (``arg`` e.g. a dossier code);
- ``refresh()``: called on F5 when the page is current;
- ``focus_search()``: called on Ctrl+F when the page is current;
- ``count() -> int | None``: a badge number shown beside the title (call ``MainWindow.update_badges``);
- ``can_close() -> bool``: False keeps the window open (e.g. unsaved input; ask with ``messages.confirm``);
- ``take_dossier_code(code) -> bool``: True keeps a scanned dossier code on this page (else the dossier page
  opens).

A page whose ``permission`` the user lacks (``GuiContext.can``) is not listed (``MainWindow.apply_permissions``
re-reads after a clerk switch). ``ctx.openDossierRequested(code)``
shows the page registered under the key "dossier" with ``activate(code)``, when such a page exists.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desk_app.gui.context import GuiContext

log = logging.getLogger(__name__)


@dataclass
class PageSpec:
    """One entry of the navigation: a key, an English title, a position and how to build the widget."""

    key: str
    title: str  # English source, translated in context "Pages"
    order: int
    factory: Callable[[GuiContext], QWidget]
    permission: str = "view"
    icon: str = ""  # file name under resources/icons (optional)
    shortcut: str = ""  # a key that shows the page from anywhere in the window, e.g. "F8" (optional)

    def translated_title(self) -> str:
        return QCoreApplication.translate("Pages", self.title)


PAGE_MODULES: list[str] = [
    "desk_app.gui.today_page",  # first: imported before the window shows (see MainWindow defer_pages)
    "desk_app.gui.dossier_list",
    "desk_app.gui.settings_page",
    "desk_app.gui.intake_page",
    "desk_app.gui.queues",
    "desk_app.gui.dossier_view",
    "desk_app.gui.scan_page",
    "desk_app.gui.users_page",
    "desk_app.gui.postal_page",
    "desk_app.gui.assist_page",
    "desk_app.gui.feedback_page",
    "desk_app.gui.reports_page",
    "desk_app.gui.sync_page",
    "desk_app.gui.admin_page",
]


def load_page_specs(modules: list[str] | None = None) -> list[PageSpec]:
    """Import each page module and collect its spec, sorted by order then key.

    A module that fails to import is logged and skipped, so one broken page never keeps the app from starting.
    """
    specs: list[PageSpec] = []
    seen: set[str] = set()
    for name in PAGE_MODULES if modules is None else modules:
        try:
            spec = importlib.import_module(name).page_spec()
        except Exception:
            log.exception("page module %s could not be loaded", name)
            continue
        if spec.key in seen:
            log.error("duplicate page key %r from %s", spec.key, name)
            continue
        seen.add(spec.key)
        specs.append(spec)
    specs.sort(key=lambda s: (s.order, s.key))
    return specs
