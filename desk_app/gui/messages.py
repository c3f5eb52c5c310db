"""Message boxes in the user's language (Vietnamese by default), interceptable in tests.

A modal ``QMessageBox.exec()`` blocks pytest-qt forever, so every message goes through ``_show``, which
first asks ``HOOK``. Tests install a hook (tests/gui/conftest.py does it for every GUI test)::

    from desk_app.gui import messages
    seen = []
    messages.HOOK = lambda kind, text, parent: seen.append((kind, text)) or True

``kind`` is "error", "info", "warning" or "confirm"; the hook's return value is the answer to ``confirm``
(True = yes). With ``messages.HOOK = None`` (the app), the real modal box is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

Hook = Callable[[str, str, "QWidget | None"], bool | None]
HOOK: Hook | None = None


def _title(kind: str) -> str:
    titles = {
        "error": QCoreApplication.translate("Messages", "Error"),
        "info": QCoreApplication.translate("Messages", "Information"),
        "warning": QCoreApplication.translate("Messages", "Warning"),
        "confirm": QCoreApplication.translate("Messages", "Please confirm"),
    }
    return titles[kind]


def _show(kind: str, parent: QWidget | None, text: str, detail: str = "") -> bool:
    if HOOK is not None:
        answer = HOOK(kind, text, parent)
        return bool(answer) if answer is not None else kind != "confirm"
    icon = {
        "error": QMessageBox.Icon.Critical,
        "info": QMessageBox.Icon.Information,
        "warning": QMessageBox.Icon.Warning,
        "confirm": QMessageBox.Icon.Question,
    }[kind]
    box = QMessageBox(icon, _title(kind), text, parent=parent)
    if detail:
        box.setDetailedText(detail)
    if kind == "confirm":
        yes = box.addButton(QCoreApplication.translate("Messages", "Yes"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(QCoreApplication.translate("Messages", "No"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes
    box.addButton(QCoreApplication.translate("Messages", "Close"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return True


def error(parent: QWidget | None, text: str, detail: str = "") -> None:
    """An error the user must read (already translated text)."""
    _show("error", parent, text, detail)


def warning(parent: QWidget | None, text: str) -> None:
    _show("warning", parent, text)


def info(parent: QWidget | None, text: str) -> None:
    _show("info", parent, text)


def confirm(parent: QWidget | None, text: str) -> bool:
    """Ask yes/no; "No" is the default button. Returns True for yes."""
    return _show("confirm", parent, text)
