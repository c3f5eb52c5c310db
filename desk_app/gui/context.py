"""What every page needs: the database, the background runner, the user, and change notifications."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desk_app.domain.errors import UserError
from desk_app.gui import messages
from desk_app.gui.runner import Runner

if TYPE_CHECKING:
    from desk_app.store.db import Database

log = logging.getLogger(__name__)


class GuiContext(QObject):
    """Shared state of the desktop app (one per main window).

    - ``dossiersChanged``: emit after any write to dossiers; every view that shows dossiers refreshes itself.
    - ``openDossierRequested(code)``: ask the app to open one dossier (the dossier page connects to it).
    - ``statusMessage(text)``: the main window shows it in its status bar.
    """

    dossiersChanged = Signal()
    settingsChanged = Signal()
    openDossierRequested = Signal(str)
    statusMessage = Signal(str)

    def __init__(
        self, db: Database, data_dir: Path | None = None, user: str = "", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.data_dir = Path(data_dir) if data_dir is not None else db.data_dir
        self.user = user
        self.window: QWidget | None = None  # the main window, parent of message boxes
        self.runner = Runner(default_error=self.show_error)
        # Who may do what: accounts (the trust work) replace this; until then everything is allowed.
        self.permission_check: Callable[[str], bool] | None = None

    def can(self, permission: str) -> bool:
        """Whether the current user holds ``permission`` (see desk_app.cli.Context.require for the names)."""
        return self.permission_check is None or self.permission_check(permission)

    def show_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """Tell the user what went wrong: the Vietnamese text of a UserError, or a generic line for a bug."""
        where = parent if parent is not None else self.window
        if isinstance(exc, UserError):
            messages.error(where, exc.vi if self._vietnamese() else exc.message)
            return
        log.error("unexpected error", exc_info=exc)
        detail = "".join(traceback.format_exception(exc))
        messages.error(
            where,
            self.tr(
                "Something went wrong and the action was not completed. "
                "Please try again; if it happens again, tell your IT support."
            ),
            detail,
        )

    def set_status(self, text: str) -> None:
        """Show a short message in the main window's status bar."""
        self.statusMessage.emit(text)

    def _vietnamese(self) -> bool:
        from desk_app.gui.app import current_language

        return current_language() != "en"
