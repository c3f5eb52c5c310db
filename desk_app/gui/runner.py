"""Background operations: run database work off the GUI thread, deliver the result on it.

The idea of Anki's ``CollectionOp``: a view asks ``ctx.runner.run(fn, *args, on_success=cb)``; ``fn`` runs
on a worker thread of a ``QThreadPool``; its result (or exception) comes back to the GUI thread through a
queued signal, where ``on_success(result)`` or ``on_error(exc)`` runs. When ``parent`` (a widget) has been
deleted by then, the callbacks are dropped: a page closed while its query ran never crashes the app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits ``finished`` and Qt queues the call to ``_deliver``."""

    finished = Signal(bool, object)

    def __init__(
        self,
        runner: Runner,
        on_success: Callback | None,
        on_error: ErrorCallback | None,
        parent_widget: QObject | None,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._on_success = on_success
        self._on_error = on_error
        self._parent = parent_widget
        self.finished.connect(self._deliver)

    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        try:
            if not self._alive():
                return
            if ok:
                if self._on_success is not None:
                    self._on_success(value)
            else:
                assert isinstance(value, BaseException)
                handler = self._on_error or self._runner.default_error
                if handler is not None:
                    handler(value)
                else:
                    log.error("background operation failed", exc_info=value)
        except Exception:
            log.exception("error in a background-operation callback")
        finally:
            self._runner._done(self)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = relay
        self._fn = fn
        self._args = args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except BaseException as exc:  # delivered to the GUI thread, logged there when not a UserError
            self._relay.finished.emit(False, exc)
        else:
            self._relay.finished.emit(True, result)


class Runner:
    """Runs callables on a small thread pool and hands results back to the GUI thread."""

    def __init__(self, max_threads: int = 3, default_error: ErrorCallback | None = None) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        self.default_error = default_error
        self._pending: set[_Relay] = set()
        self._lock = threading.Lock()

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callback | None = None,
        on_error: ErrorCallback | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Run ``fn(*args)`` in the background; call ``on_success(result)`` / ``on_error(exc)`` on the GUI thread.

        ``on_error`` defaults to the context's ``show_error``. ``parent``: when it is deleted before the
        result arrives, no callback runs.
        """
        relay = _Relay(self, on_success, on_error, parent)
        with self._lock:
            self._pending.add(relay)
        self.pool.start(_Job(relay, fn, args))

    def _done(self, relay: _Relay) -> None:
        with self._lock:
            self._pending.discard(relay)
        relay.deleteLater()

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        """Wait until every job has finished and its callbacks ran (processes events). True when idle."""
        deadline = QDeadlineTimer(timeout_ms)
        app = QCoreApplication.instance()
        while True:
            self.pool.waitForDone(20)
            if app is not None:
                app.processEvents()
            if not self.busy:
                return True
            if deadline.hasExpired():
                return False

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop accepting results and wait for running jobs (called when the app quits)."""
        self.pool.clear()
        self.pool.waitForDone(timeout_ms)
