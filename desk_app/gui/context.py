"""What every page needs: the database, the background runner, the user, and change notifications."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from desk_app.domain.errors import UserError
from desk_app.gui import messages
from desk_app.gui.runner import Runner

if TYPE_CHECKING:
    from desk_app.services.lifecycle.dossier_query import Reader
    from desk_app.store.db import Database

log = logging.getLogger(__name__)


class GuiContext(QObject):
    """Shared state of the desktop app (one per main window).

    - ``dossiersChanged``: emit after any write to dossiers; every view that shows dossiers refreshes itself.
    - ``openDossierRequested(code)``: ask the app to open one dossier (the dossier page connects to it).
    - ``statusMessage(text)``: the main window shows it in its status bar.

    ``db`` is the open ``Database``. At start-up the app may create the context with ``db=None`` and an
    ``opener``: the window paints its first page through ``reader`` (plain sqlite3) while SQLAlchemy loads in
    the background; the first use of ``ctx.db`` waits for that. So read ``ctx.db`` inside the function given to
    ``runner.run`` (``runner.run(lambda: service(ctx.db, ...))``) rather than on the GUI thread.
    """

    dossiersChanged = Signal()
    settingsChanged = Signal()
    openDossierRequested = Signal(str)
    statusMessage = Signal(str)

    def __init__(
        self,
        db: Database | None,
        data_dir: Path | None = None,
        user: str = "",
        parent: QObject | None = None,
        *,
        opener: Callable[[], Database] | None = None,
    ) -> None:
        super().__init__(parent)
        if db is None and (opener is None or data_dir is None):
            raise ValueError("GuiContext needs a database, or an opener and the data directory")
        self._db = db
        self._opener = opener
        self._db_lock = threading.Lock()
        self._reader: Reader | None = None
        self.data_dir = Path(data_dir) if data_dir is not None else db.data_dir  # type: ignore[union-attr]
        self.user = user
        self.full_name = user  # the signed-in account's full name (desk_app.gui.login sets it)
        self.window: QWidget | None = None  # the main window, parent of message boxes
        self.runner = Runner(default_error=self.show_error)
        # Who may do what: accounts (the trust work) replace this; until then everything is allowed.
        self.permission_check: Callable[[str], bool] | None = None

    @property
    def db(self) -> Database:
        """The open database (opened now, or waited for, when start-up deferred it)."""
        if self._db is None:
            with self._db_lock:
                if self._db is None:
                    assert self._opener is not None
                    self._db = self._opener()
        return self._db

    @property
    def db_opened(self) -> bool:
        return self._db is not None

    def open_db_in_background(self) -> None:
        """Start opening the database on a worker thread (after the first paint), so a later ``ctx.db`` is quick."""
        if self._db is None:
            self.runner.run(lambda: self.db, on_success=lambda _db: None)

    @property
    def reader(self) -> Reader:
        """Read-only sqlite3 connections for list queries (``services.dossier_query.Reader``)."""
        if self._reader is None:
            from desk_app import paths
            from desk_app.services.lifecycle.dossier_query import Reader

            self._reader = Reader(paths.db_path(self.data_dir))
        return self._reader

    def close(self) -> None:
        """Stop the background work and close the read connections (the app closes ``db``)."""
        wedge = getattr(self, "_barcode_wedge", None)  # app-wide key filter: must not outlive its context
        app = QCoreApplication.instance()
        if wedge is not None and app is not None and shiboken6.isValid(wedge):
            app.removeEventFilter(wedge)
            wedge.deleteLater()
        self._barcode_wedge = None
        self.runner.shutdown()
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def can(self, permission: str) -> bool:
        """Whether the current user holds ``permission`` (see desk_app.cli.Context.require for the names)."""
        return self.permission_check is None or self.permission_check(permission)

    def show_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """Tell the user what went wrong: the Vietnamese text of a UserError, or a generic line for a bug."""
        where = parent if parent is not None else self.window
        if isinstance(exc, UserError):
            messages.error(where, exc.vi if self._vietnamese() else exc.message)
            return
        log.error("unexpected error", exc_info=exc)  # the trace goes to the log (masked), never on screen
        messages.error(
            where,
            self.tr(
                "Something went wrong and the action was not completed. "
                "Please try again; if it happens again, tell your IT support."
            ),
        )

    def set_status(self, text: str) -> None:
        """Show a short message in the main window's status bar."""
        self.statusMessage.emit(text)

    def _vietnamese(self) -> bool:
        from desk_app.gui.language import current_language

        return current_language() != "en"
