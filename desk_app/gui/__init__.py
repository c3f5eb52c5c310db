"""The desktop face of desk_app (PySide6). The only package that imports Qt.

Entry point: ``desk_app.gui.app.run``. Pages plug into the main window through ``desk_app.gui.pages``;
database work goes through ``GuiContext.runner`` so the GUI thread never waits on disk.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Signal

# --- Work-around: PySide6 6.12.0 on CPython 3.11 drops references to None and True ----------------------
# Seen on this machine: every ``SignalInstance.emit()`` returns True without a new reference, and a Python
# model's ``data()`` returning None, when Qt calls it, loses a reference to None. On 3.12+ these objects are
# immortal (PEP 683) and nothing happens; on 3.11 their counts fall with each emit and each painted cell,
# until "Fatal Python error: bool_dealloc / none_dealloc" aborts the app (after a few thousand emits).
# A probe measures the loss; when there is one, None/True/False get 2**40 extra references, i.e. the
# immortality 3.12 gives them. Harmless when the bug is fixed (then the probe sees no loss and does nothing).
_HEADROOM = 1 << 40


class _Probe(QObject):
    ping = Signal()


class _ProbeModel(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def data(self, index, role=0):
        return None


def _loses_references() -> bool:
    probe, model = _Probe(), _ProbeModel()
    index = model.index(0, 0)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(4):
        probe.ping.emit()
        index.data(0)
    return sys.getrefcount(True) < true_before or sys.getrefcount(None) < none_before


def _immortalize_singletons() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    if _loses_references():
        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM


_immortalize_singletons()
