"""The settings page (cài đặt): the unit, this PC's counter, printing and the data directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from desk_app.domain.codes import MAX_COUNTERS
from desk_app.domain.errors import UserError
from desk_app.gui import fontsize, messages, uiload
from desk_app.gui.context import GuiContext
from desk_app.gui.forms.ui_settings_page import Ui_SettingsPage
from desk_app.gui.pages import PageSpec

if TYPE_CHECKING:
    from desk_app.services.setup.settings import SettingsForm

# Mirrors settings_service.FONT_PERCENTS: the values of the text-size combo, in its order.
FONT_PERCENTS = fontsize.PERCENTS
# Mirrors settings_service.PAPER_SIZES; the service (and SQLAlchemy) is imported only when the page loads data.
# The values of ui/settings_page.ui's paper combo, in its order.
PAPER_SIZES = ("A4", "A5")


class SettingsPage(QWidget):
    """Edit and save the unit and this PC's settings (one service call, one transaction).

    The widgets come from ui/settings_page.ui.
    """

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: SettingsForm | None = None

        self.ui = uiload.setup(self, Ui_SettingsPage)
        ui = self.ui
        self.unit_name = ui.unitName
        self.agency_code = ui.agencyCode
        self.province = ui.province
        self.address = ui.address
        self.phone = ui.phone
        self.counter = ui.counterNumber
        self.counter.setMaximum(MAX_COUNTERS)
        self.paper = ui.paperSize
        uiload.set_item_data(self.paper, PAPER_SIZES)
        self.lookup_url = ui.lookupUrl
        self.hotline = ui.hotline
        self.due_soon = ui.dueSoonDays
        self.printer = ui.printer
        self.idle_lock = ui.idleLockMinutes
        self.backup_second = ui.backupSecondPath
        self.font_size = ui.fontSize
        uiload.set_item_data(self.font_size, FONT_PERCENTS)
        self.data_dir = ui.dataDir
        self.data_dir.setText(str(ctx.data_dir))
        self.open_dir_button = ui.openDirButton
        self.error_label = ui.errorLabel
        self.save_button = ui.saveButton
        self.revert_button = ui.revertButton
        self.forms_button = ui.formsButton

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
            "font_percent": self.font_size,
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
        self.font_size.setCurrentIndex(max(0, self.font_size.findData(form.font_percent)))
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
            font_percent=int(self.font_size.currentData() or 100),
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
        fontsize.apply(form.font_percent)  # every page follows the application font at once
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


def page_spec() -> PageSpec:
    return PageSpec(
        key="settings",
        title=str(QT_TRANSLATE_NOOP("Pages", "Settings")),
        order=900,
        factory=SettingsPage,
        permission="settings",
        icon="settings.svg",
    )
