"""First-run dialog (khai báo đơn vị): the commune, its agency code and this PC's counter."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.codes import MAX_COUNTERS
from desk_app.domain.errors import UserError, ValidationError
from desk_app.services.setup.unit import UnitInfo

if TYPE_CHECKING:
    from desk_app.store.db import Database

log = logging.getLogger(__name__)


class SetupDialog(QDialog):
    """Asks for the unit on an empty database, then creates it and loads the shipped catalog.

    Validation runs on the GUI thread (a few small writes, once, before the main window exists). Errors show
    in ``error_label`` in Vietnamese, next to the field they concern.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.unit: UnitInfo | None = None
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("Set up this counter"))
        self.setMinimumWidth(520)

        intro = QLabel(self.tr("Enter your unit once. You can change it later in Settings."))
        intro.setWordWrap(True)
        self.agency_code = QLineEdit()
        self.agency_code.setObjectName("agencyCode")
        self.agency_code.setPlaceholderText("001.05.12.H49")
        self.unit_name = QLineEdit()
        self.unit_name.setObjectName("unitName")
        self.unit_name.setPlaceholderText(self.tr("e.g. Ủy ban nhân dân xã Gio Sơn"))
        self.province = QLineEdit()
        self.province.setObjectName("province")
        self.counter = QSpinBox()
        self.counter.setObjectName("counter")
        self.counter.setRange(1, MAX_COUNTERS)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("Agency code (QCVN 102:2016)"), self.agency_code)
        form.addRow(self.tr("Unit name"), self.unit_name)
        form.addRow(self.tr("Province"), self.province)
        form.addRow(self.tr("Counter number of this PC"), self.counter)

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            self.tr("Save and start"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("okButton")
        self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

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
