"""First-run dialog (khai báo đơn vị): the commune, its agency code and this PC's counter."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from desk_app.domain.codes import MAX_COUNTERS
from desk_app.domain.errors import UserError, ValidationError
from desk_app.gui import uiload
from desk_app.gui.forms.ui_setup_dialog import Ui_SetupDialog
from desk_app.gui.runner import Runner
from desk_app.services.setup.unit import UnitInfo

if TYPE_CHECKING:
    from desk_app.store.db import Database

log = logging.getLogger(__name__)


class SetupDialog(QDialog):
    """Asks for the unit on an empty database, then creates it and loads the shipped catalog.

    The unit is created off the GUI thread (services.setup.unit.first_start). Errors show in ``error_label`` in
    Vietnamese, next to the field they concern. The widgets come from ui/setup_dialog.ui.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.unit: UnitInfo | None = None
        self.ui = uiload.setup(self, Ui_SetupDialog)
        self.agency_code = self.ui.agencyCode
        self.unit_name = self.ui.unitName
        self.province = self.ui.province
        self.counter = self.ui.counter
        self.counter.setMaximum(MAX_COUNTERS)
        self.error_label = self.ui.errorLabel
        self.ok_button = self.ui.okButton
        self.ok_button.clicked.connect(self.submit)
        self.ui.quitButton.clicked.connect(self.reject)
        self._runner = Runner()

    def submit(self) -> bool:
        """Check the required fields, then create the unit off the GUI thread; False when a field is missing.

        The dialog is accepted when the unit is saved; an error shows in ``error_label`` beside its field.
        """
        from desk_app.services.setup import unit as setup

        self.error_label.clear()
        code = self.agency_code.text().strip()
        name = self.unit_name.text().strip()
        if not code:
            self._show(
                ValidationError(
                    "The agency code is required.", self.tr("Enter the agency code."), field="agency_code"
                )
            )
            return False
        if not name:
            self._show(
                ValidationError(
                    "The unit name is required.", self.tr("Enter the unit name."), field="unit_name"
                )
            )
            return False
        self.ok_button.setEnabled(False)
        self._runner.run(
            partial(
                setup.first_start,
                self.db,
                code,
                name,
                province=self.province.text(),
                counter=self.counter.value(),
                actor="setup",
            ),
            on_success=self._saved,
            on_error=self._failed,
            parent=self,
        )
        return True

    def _saved(self, unit: UnitInfo) -> None:
        self.unit = unit
        self.ok_button.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, UserError):
            self._show(exc)
            return
        log.error("unit setup failed", exc_info=exc)
        self.error_label.setText(self.tr("The unit could not be saved. Please try again."))

    def _show(self, exc: UserError) -> None:
        self.error_label.setText(exc.vi)
        widget = {
            "agency_code": self.agency_code,
            "unit_name": self.unit_name,
            "counter": self.counter,
        }.get(getattr(exc, "field", None) or "")
        if widget is not None:
            widget.setFocus()

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)
