"""The forms dialog (biểu mẫu): what the printed forms take from the unit's set-up, for admins.

The header lines, the form sets in force with their effective dates, the register's volume rule, the letters'
number suffixes, the signature blocks and the QR caption; loaded and saved through
``services.setup.settings.load_forms`` / ``save_forms`` in the background (one transaction, audited). Opened
from the settings page. A dynamic view built in code (the form-set table grows with the schedule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import UserError
from desk_app.gui.context import GuiContext

if TYPE_CHECKING:
    from desk_app.services.setup.settings import FormSettings

# Mirrors domain.registers (the service is imported only when the dialog loads data).
LETTERS = ("supplement", "refusal", "apology", "stop")
SIGNED = ("refusal", "apology", "stop")
VOLUME_RULES = ("year", "quarter", "month", "size")


class FormSettingsDialog(QDialog):
    """Edit and save the form settings (one service call, one transaction)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("formSettingsDialog")
        self.setWindowTitle(self.tr("Forms and signatures"))
        self.loaded: FormSettings | None = None

        self.governing_body = _line("governingBody")
        self.office_name = _line("officeName")
        self.place_name = _line("placeName")
        header = QGroupBox(self.tr("Header of the forms"))
        header_form = QFormLayout(header)
        header_form.addRow(self.tr("Governing body"), self.governing_body)
        header_form.addRow(self.tr("One-stop office (current name)"), self.office_name)
        header_form.addRow(self.tr("Place on the date line"), self.place_name)

        self.form_sets = QTableWidget(0, 2)
        self.form_sets.setObjectName("formSets")
        self.form_sets.setHorizontalHeaderLabels([self.tr("Form set"), self.tr("In force from (YYYY-MM-DD)")])
        self.form_sets.horizontalHeader().setStretchLastSection(True)
        self.add_set_button = QPushButton(self.tr("Add a form set"))
        sets_box = QGroupBox(self.tr("Form sets (each dossier prints with the set in force when received)"))
        sets_layout = QVBoxLayout(sets_box)
        sets_layout.addWidget(self.form_sets)
        sets_layout.addWidget(self.add_set_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.volume_rule = QComboBox()
        self.volume_rule.setObjectName("volumeRule")
        for key, label in zip(
            VOLUME_RULES,
            (
                self.tr("each year"),
                self.tr("each quarter"),
                self.tr("each month"),
                self.tr("every N dossiers"),
            ),
            strict=True,
        ):
            self.volume_rule.addItem(label, key)
        self.volume_size = QSpinBox()
        self.volume_size.setObjectName("volumeSize")
        self.volume_size.setRange(1, 100000)
        self.volume_size.setValue(500)
        self.numbering = QComboBox()
        self.numbering.setObjectName("numbering")
        self.numbering.addItem(self.tr("continuous through the year"), "year")
        self.numbering.addItem(self.tr("from 1 in each volume"), "volume")
        register = QGroupBox(self.tr("Tracking book"))
        register_form = QFormLayout(register)
        rule_row = QHBoxLayout()
        rule_row.addWidget(self.volume_rule, 1)
        rule_row.addWidget(self.volume_size)
        register_form.addRow(self.tr("A new volume starts"), rule_row)
        register_form.addRow(self.tr("Running numbers"), self.numbering)

        self.suffixes = {form: _line(f"suffix_{form}") for form in LETTERS}
        numbers = QGroupBox(self.tr("Document number suffixes"))
        numbers_form = QFormLayout(numbers)
        for form, label in zip(
            LETTERS,
            (
                self.tr("Supplement request"),
                self.tr("Refusal"),
                self.tr("Apology / extension"),
                self.tr("Stop notice"),
            ),
            strict=True,
        ):
            numbers_form.addRow(label, self.suffixes[form])

        self.signers: dict[str, tuple[QLineEdit, QLineEdit, QLineEdit]] = {}
        signers = QGroupBox(self.tr("Who signs the unit's letters"))
        grid = QGridLayout(signers)
        for column, text in enumerate(
            (self.tr("Capacity (e.g. TM. ỦY BAN NHÂN DÂN)"), self.tr("Title"), self.tr("Name")), start=1
        ):
            grid.addWidget(QLabel(text), 0, column)
        for row, (form, label) in enumerate(
            zip(
                SIGNED,
                (self.tr("Refusal"), self.tr("Apology / extension"), self.tr("Stop notice")),
                strict=True,
            ),
            start=1,
        ):
            edits = (_line(f"capacity_{form}"), _line(f"title_{form}"), _line(f"name_{form}"))
            self.signers[form] = edits
            grid.addWidget(QLabel(label), row, 0)
            for column, edit in enumerate(edits, start=1):
                grid.addWidget(edit, row, column)

        self.caption = _line("lookupCaption")
        self.caption.setPlaceholderText(self.tr("(derived from the lookup address)"))
        qr = QGroupBox(self.tr("The slip's QR code"))
        QFormLayout(qr).addRow(self.tr("Caption under the QR"), self.caption)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.cancel_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        for box in (header, sets_box, register, numbers, signers, qr):
            layout.addWidget(box)
        layout.addLayout(buttons)

        self.add_set_button.clicked.connect(lambda: self._add_set_row("v2025", ""))
        self.volume_rule.currentIndexChanged.connect(self._rule_changed)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.setEnabled(False)
        self.ctx.runner.run(_load, self.ctx, on_success=self.show_form, parent=self)

    def _add_set_row(self, name: str, start: str) -> None:
        row = self.form_sets.rowCount()
        self.form_sets.insertRow(row)
        self.form_sets.setItem(row, 0, QTableWidgetItem(name))
        self.form_sets.setItem(row, 1, QTableWidgetItem(start))

    def _rule_changed(self) -> None:
        self.volume_size.setEnabled(self.volume_rule.currentData() == "size")

    def show_form(self, form: FormSettings) -> None:
        self.loaded = form
        self.governing_body.setText(form.governing_body)
        self.office_name.setText(form.office_name)
        self.place_name.setText(form.place_name)
        self.form_sets.setRowCount(0)
        for entry in form.form_sets:
            self._add_set_row(entry["set"], entry["from"])
        rule = form.register_volume
        if rule.startswith("size:"):
            self.volume_size.setValue(int(rule[5:]))
            rule = "size"
        self.volume_rule.setCurrentIndex(max(0, self.volume_rule.findData(rule)))
        self._rule_changed()
        self.numbering.setCurrentIndex(max(0, self.numbering.findData(form.register_numbering)))
        for name, edit in self.suffixes.items():
            edit.setText(form.number_suffixes.get(name, ""))
        for name, (capacity, title, person) in self.signers.items():
            entry = form.form_signers.get(name, {})
            capacity.setText(entry.get("capacity", ""))
            title.setText(entry.get("title", ""))
            person.setText(entry.get("name", ""))
        self.caption.setText(form.lookup_caption)
        self.setEnabled(True)

    def values(self) -> dict[str, Any]:
        """The dialog's values, in the service's shape."""
        sets = []
        for row in range(self.form_sets.rowCount()):
            name, start = (self.form_sets.item(row, c) for c in (0, 1))
            if name is not None and start is not None and (name.text().strip() or start.text().strip()):
                sets.append({"set": name.text().strip(), "from": start.text().strip()})
        rule = str(self.volume_rule.currentData())
        return {
            "governing_body": self.governing_body.text(),
            "office_name": self.office_name.text(),
            "place_name": self.place_name.text(),
            "form_sets": sets,
            "register_volume": f"size:{self.volume_size.value()}" if rule == "size" else rule,
            "register_numbering": str(self.numbering.currentData()),
            "number_suffixes": {name: edit.text() for name, edit in self.suffixes.items()},
            "form_signers": {
                name: {"capacity": c.text(), "title": t.text(), "name": n.text()}
                for name, (c, t, n) in self.signers.items()
            },
            "lookup_caption": self.caption.text(),
        }

    def save(self) -> None:
        if self.loaded is None:
            return
        self.error_label.clear()
        self.save_button.setEnabled(False)
        self.ctx.runner.run(
            _save,
            self.ctx,
            self.loaded,
            self.values(),
            on_success=self._saved,
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, form: FormSettings) -> None:
        self.save_button.setEnabled(True)
        self.show_form(form)
        self.ctx.set_status(self.tr("Form settings saved."))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error_label.setText(exc.vi)
        else:
            self.ctx.show_error(exc, self)


def _load(ctx: GuiContext) -> FormSettings:
    from desk_app.services.setup import settings as settings_service

    return settings_service.load_forms(ctx.db)


def _save(ctx: GuiContext, current: FormSettings, values: dict[str, Any]) -> FormSettings:
    from desk_app.services.setup import settings as settings_service

    return settings_service.save_forms(
        ctx.db, settings_service.forms_from(current, values), ctx.user or "gui"
    )


def _line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    return edit
