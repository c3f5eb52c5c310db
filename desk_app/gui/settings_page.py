"""The settings page (cài đặt): the unit, this PC's counter, printing and the data directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.codes import MAX_COUNTERS
from desk_app.domain.errors import UserError
from desk_app.gui import messages
from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec

if TYPE_CHECKING:
    from desk_app.services.setup.settings import SettingsForm

# Mirrors settings_service.PAPER_SIZES; the service (and SQLAlchemy) is imported only when the page loads data.
PAPER_SIZES = ("A4", "A5")


class SettingsPage(QWidget):
    """Edit and save the unit and this PC's settings (one service call, one transaction)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsPage")
        self.loaded: SettingsForm | None = None

        self.unit_name = _line("unitName")
        self.agency_code = _line("agencyCode")
        self.province = _line("province")
        self.address = _line("address")
        self.phone = _line("phone")
        unit_box = QGroupBox(self.tr("Unit"))
        unit_form = QFormLayout(unit_box)
        unit_form.addRow(self.tr("Unit name"), self.unit_name)
        unit_form.addRow(self.tr("Agency code (QCVN 102:2016)"), self.agency_code)
        unit_form.addRow(self.tr("Province"), self.province)
        unit_form.addRow(self.tr("Address"), self.address)
        unit_form.addRow(self.tr("Phone"), self.phone)

        self.counter = QSpinBox()
        self.counter.setObjectName("counterNumber")
        self.counter.setRange(1, MAX_COUNTERS)
        self.paper = QComboBox()
        self.paper.setObjectName("paperSize")
        for size in PAPER_SIZES:
            self.paper.addItem(size, size)
        self.lookup_url = _line("lookupUrl")
        self.hotline = _line("hotline")
        self.due_soon = QSpinBox()
        self.due_soon.setObjectName("dueSoonDays")
        self.due_soon.setRange(0, 30)
        self.due_soon.setSuffix(self.tr(" working days"))
        self.printer = QLabel()
        self.printer.setObjectName("printer")
        self.idle_lock = QSpinBox()
        self.idle_lock.setObjectName("idleLockMinutes")
        self.idle_lock.setRange(0, 240)
        self.idle_lock.setSuffix(self.tr(" minutes"))
        self.idle_lock.setSpecialValueText(self.tr("Never"))
        self.backup_second = _line("backupSecondPath")
        self.backup_second.setPlaceholderText(self.tr("e.g. /media/usb/saoluu (optional)"))
        pc_box = QGroupBox(self.tr("This PC"))
        pc_form = QFormLayout(pc_box)
        pc_form.addRow(self.tr("Counter number"), self.counter)
        pc_form.addRow(self.tr("Slip paper size"), self.paper)
        pc_form.addRow(self.tr("Online lookup address"), self.lookup_url)
        pc_form.addRow(self.tr("Hotline"), self.hotline)
        pc_form.addRow(self.tr("Warn when due within"), self.due_soon)
        pc_form.addRow(self.tr("Default printer"), self.printer)
        pc_form.addRow(self.tr("Lock the screen after"), self.idle_lock)
        pc_form.addRow(self.tr("Second backup place"), self.backup_second)

        self.data_dir = QLineEdit(str(ctx.data_dir))
        self.data_dir.setObjectName("dataDir")
        self.data_dir.setReadOnly(True)
        self.open_dir_button = QPushButton(self.tr("Open folder"))
        dir_row = QHBoxLayout()
        dir_row.addWidget(self.data_dir, 1)
        dir_row.addWidget(self.open_dir_button)
        data_box = QGroupBox(self.tr("Data"))
        data_form = QFormLayout(data_box)
        data_form.addRow(self.tr("Data directory"), dir_row)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.forms_button = QPushButton(self.tr("Forms and signatures…"))
        self.forms_button.setObjectName("formsButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.forms_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(unit_box)
        layout.addWidget(pc_box)
        layout.addWidget(data_box)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        self.open_dir_button.clicked.connect(self.open_data_dir)
        self.forms_button.clicked.connect(self.open_forms)
        self._fields = {
            "unit_name": self.unit_name,
            "agency_code": self.agency_code,
            "province": self.province,
            "address": self.address,
            "phone": self.phone,
            "counter_number": self.counter,
            "paper_size": self.paper,
            "lookup_url": self.lookup_url,
            "hotline": self.hotline,
            "due_soon_working_days": self.due_soon,
            "idle_lock_minutes": self.idle_lock,
            "backup_second_path": self.backup_second,
        }
        self.setEnabled(False)
        self.reload()

    # -- optional page interface ------------------------------------------------------------------
    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        def load() -> SettingsForm:
            from desk_app.services.setup import settings as settings_service

            return settings_service.load(self.ctx.db)

        self.ctx.runner.run(load, on_success=self.show_form, parent=self)

    def show_form(self, form: SettingsForm) -> None:
        self.loaded = form
        self.error_label.clear()
        self.unit_name.setText(form.unit_name)
        self.agency_code.setText(form.agency_code)
        self.province.setText(form.province)
        self.address.setText(form.address)
        self.phone.setText(form.phone)
        self.counter.setValue(form.counter_number)
        self.paper.setCurrentIndex(max(0, self.paper.findData(form.paper_size)))
        self.lookup_url.setText(form.lookup_url)
        self.hotline.setText(form.hotline)
        self.due_soon.setValue(form.due_soon_working_days)
        self.idle_lock.setValue(form.idle_lock_minutes)
        self.backup_second.setText(form.backup_second_path)
        self.printer.setText(form.printer or self.tr("(none chosen yet: the print dialog remembers it)"))
        self.setEnabled(True)

    def form(self) -> SettingsForm:
        from desk_app.services.setup.settings import SettingsForm

        return SettingsForm(
            unit_name=self.unit_name.text(),
            agency_code=self.agency_code.text(),
            province=self.province.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            counter_number=self.counter.value(),
            paper_size=self.paper.currentData(),
            lookup_url=self.lookup_url.text(),
            hotline=self.hotline.text(),
            due_soon_working_days=self.due_soon.value(),
            printer=self.loaded.printer if self.loaded is not None else "",
            idle_lock_minutes=self.idle_lock.value(),
            backup_second_path=self.backup_second.text(),
        )

    def save(self) -> None:
        self.error_label.clear()
        self.save_button.setEnabled(False)
        self.ctx.runner.run(
            _save,
            self.ctx,
            self.form(),
            on_success=self._saved,
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, form: SettingsForm) -> None:
        self.save_button.setEnabled(True)
        self.show_form(form)
        window = self.ctx.window
        if window is not None and hasattr(window, "set_unit_name"):
            window.set_unit_name(form.unit_name)
        self.ctx.settingsChanged.emit()
        self.ctx.set_status(self.tr("Settings saved."))

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error_label.setText(exc.vi)
            widget = self._fields.get(getattr(exc, "field", None) or "")
            if widget is not None:
                widget.setFocus()
        else:
            self.ctx.show_error(exc, self)

    def open_forms(self) -> None:
        """The forms dialog (header, form sets, register, numbers, signers): desk_app.gui.form_settings."""
        from desk_app.gui.form_settings import FormSettingsDialog

        FormSettingsDialog(self.ctx, self).open()

    def open_data_dir(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir))):
            messages.info(self, self.tr("The data directory is: %1").replace("%1", str(self.ctx.data_dir)))


def _save(ctx: GuiContext, form: SettingsForm) -> SettingsForm:
    from desk_app.services.setup import settings as settings_service

    return settings_service.save(ctx.db, form, ctx.user or "gui")


def _line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    return edit


def page_spec() -> PageSpec:
    return PageSpec(
        key="settings",
        title=str(QT_TRANSLATE_NOOP("Pages", "Settings")),
        order=900,
        factory=SettingsPage,
        permission="settings",
        icon="settings.svg",
    )
