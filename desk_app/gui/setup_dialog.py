"""First-run dialog (khai báo đơn vị): the commune, its agency code and this PC's counter."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from desk_app.domain.codes import MAX_COUNTERS
from desk_app.domain.errors import UserError, ValidationError
from desk_app.gui import uiload
from desk_app.gui.forms.ui_setup_dialog import Ui_SetupDialog
from desk_app.services.setup.unit import UnitInfo

if TYPE_CHECKING:
    from desk_app.store.db import Database

log = logging.getLogger(__name__)


class SetupDialog(QDialog):
    """Asks for the unit on an empty database, then creates it and loads the shipped catalog.

    Validation runs on the GUI thread (a few small writes, once, before the main window exists). Errors show
    in ``error_label`` in Vietnamese, next to the field they concern. The widgets come from ui/setup_dialog.ui.
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

    def submit(self) -> bool:
        """Validate and create the unit; True (and the dialog accepted) on success."""
        from desk_app.services.setup import catalog
        from desk_app.services.setup import unit as setup

        self.error_label.clear()
        code = self.agency_code.text().strip()
        name = self.unit_name.text().strip()
        try:
            if not code:
                raise ValidationError(
                    "The agency code is required.", self.tr("Enter the agency code."), field="agency_code"
                )
            if not name:
                raise ValidationError(
                    "The unit name is required.", self.tr("Enter the unit name."), field="unit_name"
                )
            self.unit = setup.init_unit(
                self.db,
                code,
                name,
                province=self.province.text(),
                counter=self.counter.value(),
                actor="setup",
            )
            if not catalog.list_procedures(self.db):
                catalog.import_seed(self.db)
        except UserError as exc:
            self.error_label.setText(exc.vi)
            widget = {
                "agency_code": self.agency_code,
                "unit_name": self.unit_name,
                "counter": self.counter,
            }.get(getattr(exc, "field", None) or "")
            if widget is not None:
                widget.setFocus()
            return False
        except Exception:
            log.exception("unit setup failed")
            self.error_label.setText(self.tr("The unit could not be saved. Please try again."))
            return False
        self.accept()
        return True
