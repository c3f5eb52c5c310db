"""The interface language (tiếng Việt by default) and the translators that give it.

A module of its own so that screens can ask which language is on without importing the application
module that imports them (no import circle).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk_app.resources import resource_path

log = logging.getLogger(__name__)

_language = "vi"
_translators: list[QTranslator] = []


def current_language() -> str:
    """Either "vi" (the default) or "en" (no translator: the English source strings)."""
    return _language


def install_translators(app: QCoreApplication, language: str = "vi") -> bool:
    """Load desk_app's Vietnamese catalog (and Qt's own when shipped); "en" removes them. True when loaded."""
    global _language
    for tr in _translators:
        app.removeTranslator(tr)
    _translators.clear()
    _language = language
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return False
    QLocale.setDefault(QLocale("vi_VN"))
    loaded = False
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", "desk_app_vi.qm"))):
        app.installTranslator(ours)
        _translators.append(ours)
        loaded = True
    else:
        log.warning("Vietnamese translation desk_app_vi.qm not found")
    # Qt's own texts (context menus, standard buttons, file and print dialogs): Qt's catalog when a Qt build
    # ships one, else the one the app carries (tools/i18n.py builds it from resources/translations/qt/).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [Path(qt_dir) / name for name in ("qtbase_vi.qm", "qt_vi.qm")]
    candidates.append(resource_path("translations", "qtbase_vi.qm"))
    for path in candidates:
        if path.exists():
            qt_tr = QTranslator(app)
            if qt_tr.load(str(path)):
                app.installTranslator(qt_tr)
                _translators.append(qt_tr)
            break
    return loaded
