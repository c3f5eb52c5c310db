"""The settings page and the first-run setup dialog."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desk_app.services.setup import settings as settings_service
from desk_app.store.models import AgencyCode, AuditEvent


def _settings_page(main_window: Any, qtbot: Any) -> Any:
    page = main_window.show_page("settings")
    qtbot.waitUntil(lambda: page.loaded is not None, timeout=10000)
    return page


class TestSettingsPage:
    def test_shows_the_saved_values(self, main_window: Any, qtbot: Any) -> None:
        """The page loads the unit and the settings in the background."""
        page = _settings_page(main_window, qtbot)
        assert page.unit_name.text() == "Ủy ban nhân dân xã Gio Sơn"
        assert page.agency_code.text() == "001.05.12.H49"
        assert page.counter.value() == 1
        assert page.paper.currentText() == "A5"
        assert page.data_dir.text() == str(main_window.ctx.data_dir)
        assert page.data_dir.isReadOnly()

    def test_save_round_trips_to_the_database(self, main_window: Any, qtbot: Any) -> None:
        """Saving writes unit fields and settings in one transaction, with an audit event."""
        page = _settings_page(main_window, qtbot)
        db = main_window.ctx.db
        page.address.setText("Thôn 1, xã Gio Sơn")
        page.agency_code.setText("001.05.12.H50")
        page.counter.setValue(3)
        page.paper.setCurrentIndex(page.paper.findData("A4"))
        page.hotline.setText("0233 3850 123")
        page.due_soon.setValue(4)
        page.save_button.click()
        qtbot.waitUntil(lambda: main_window.statusBar().currentMessage() == "Đã lưu cài đặt.", timeout=10000)
        form = settings_service.load(db)
        assert (form.address, form.agency_code, form.counter_number) == (
            "Thôn 1, xã Gio Sơn",
            "001.05.12.H50",
            3,
        )
        assert (form.paper_size, form.hotline, form.due_soon_working_days) == ("A4", "0233 3850 123", 4)
        with db.session() as s:
            event = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
            assert event.action == "settings.save"
            assert event.detail["changed"]["agency_code"] == "001.05.12.H50"
            periods = list(s.scalars(select(AgencyCode).order_by(AgencyCode.id)))
        assert [p.code for p in periods] == ["001.05.12.H49", "001.05.12.H50"]
        assert periods[0].valid_to is not None

    def test_bad_values_are_refused_in_vietnamese(self, main_window: Any, qtbot: Any) -> None:
        """A lookup address without {code} is refused, nothing saved, the field focused."""
        page = _settings_page(main_window, qtbot)
        page.lookup_url.setText("https://example.gov.vn/tra-cuu")
        page.unit_name.setText("Xã khác")
        page.save_button.click()
        qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=10000)
        assert "{code}" in page.error_label.text()
        assert "Địa chỉ tra cứu" in page.error_label.text()
        assert settings_service.load(main_window.ctx.db).unit_name == "Ủy ban nhân dân xã Gio Sơn"

    def test_bad_agency_code_is_refused(self, main_window: Any, qtbot: Any) -> None:
        page = _settings_page(main_window, qtbot)
        page.agency_code.setText("abc")
        page.save_button.click()
        qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=10000)
        assert "QCVN 102:2016" in page.error_label.text()


class TestSetupDialog:
    def test_bad_agency_code_then_a_good_one(self, qtbot: Any, db: Any, vietnamese: None) -> None:
        """On an empty database the dialog refuses a bad code in Vietnamese, then creates the unit."""
        from desk_app.gui.setup_dialog import SetupDialog
        from desk_app.services.setup import catalog
        from desk_app.services.setup import unit as setup

        dialog = SetupDialog(db)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "Khai báo quầy tiếp nhận"
        qtbot.keyClicks(dialog.agency_code, "12345")
        dialog.unit_name.setText("Ủy ban nhân dân xã Gio Sơn")
        qtbot.mouseClick(dialog.ok_button, _left())
        qtbot.waitUntil(lambda: "Mã cơ quan không đúng định dạng" in dialog.error_label.text(), timeout=10000)
        assert dialog.ok_button.isEnabled()
        assert dialog.result() != dialog.DialogCode.Accepted.value
        dialog.agency_code.clear()
        qtbot.keyClicks(dialog.agency_code, "001.05.12.H49")
        dialog.counter.setValue(2)
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            qtbot.mouseClick(dialog.ok_button, _left())
        unit = setup.get_unit(db)
        assert (unit.agency_code, unit.name, unit.counter) == (
            "001.05.12.H49",
            "Ủy ban nhân dân xã Gio Sơn",
            2,
        )
        assert catalog.list_procedures(db)

    def test_missing_unit_name(self, qtbot: Any, db: Any, vietnamese: None) -> None:
        from desk_app.gui.setup_dialog import SetupDialog

        dialog = SetupDialog(db)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.agency_code, "001.05.12.H49")
        assert dialog.submit() is False
        assert dialog.error_label.text() == "Cần nhập tên đơn vị."


def _left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
