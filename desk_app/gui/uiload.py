"""Screens built from Qt Designer forms (ui/*.ui): the form's widgets in, the behaviour stays in Python.

A form-like screen keeps its layout and its strings in ``ui/<name>.ui`` and builds it with::

    from desk_app.gui.forms.ui_login_form import Ui_LoginForm

    class LoginForm(QWidget):
        def __init__(self, ...):
            super().__init__(parent)
            self.ui = uiload.setup(self, Ui_LoginForm)   # typed: self.ui.loginUser is a QLineEdit
            self.username = self.ui.loginUser             # the names the rest of the code uses

The forms are compiled (``python tools/build_ui.py``) rather than loaded at run time: the sign-in form is on
the start-up path, and a compiled form costs what hand-written widgets cost (see tools/build_ui.py). The
.ui's ``<class>`` is the form's translation context; name it after the Python class that uses it.

``load`` reads a .ui at run time with QUiLoader: for tests and for trying a form out, not for the app.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QWidget

from desk_app.resources import ui_path


class Form(Protocol):
    """What pyside6-uic generates: a class whose ``setupUi`` builds the widgets into a given widget."""

    def setupUi(self, widget: Any, /) -> None: ...


F = TypeVar("F", bound=Form)
T = TypeVar("T", bound=QObject)


def setup(widget: QWidget, form: type[F]) -> F:
    """Build ``form`` into ``widget`` (its layout, children and translated strings); the form object."""
    ui = form()
    ui.setupUi(widget)
    return ui


def child(root: QObject, kind: type[T], name: str) -> T:
    """The child of ``root`` named ``name``, of class ``kind``; LookupError when the form has none."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"{root.objectName() or type(root).__name__} has no {kind.__name__} named {name!r}")
    return found


def set_item_data(combo: QComboBox, values: tuple[object, ...] | list[object]) -> None:
    """Give the items a form declared (their translated labels) the values the code reads back, in order."""
    if combo.count() != len(values):
        raise LookupError(f"{combo.objectName()}: the form has {combo.count()} items, the code {len(values)}")
    for index, value in enumerate(values):
        combo.setItemData(index, value)


def load(name: str, parent: QWidget | None = None) -> QWidget:
    """Load ``ui/<name>.ui`` at run time (QUiLoader): a new widget, strings translated like the app's."""
    from PySide6.QtCore import QFile, QIODevice
    from PySide6.QtUiTools import QUiLoader

    path = ui_path(name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(str(path))
    try:
        loader = QUiLoader()
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise ValueError(f"{path.name}: {loader.errorString()}")
    return widget
