"""The administration page: the book, backups and restore, the catalog import, the calendar, the data check."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt


@pytest.fixture
def admin(qtbot: Any, gui_ctx: Any) -> Any:
    from desk_app.gui.admin_page import AdminPage

    page = AdminPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_tabs_follow_the_permissions(qtbot: Any, gui_ctx: Any) -> None:
    from desk_app.gui.admin_page import AdminPage

    titles = lambda p: [p.tabs.tabText(i) for i in range(p.tabs.count())]  # noqa: E731
    full = AdminPage(gui_ctx)
    qtbot.addWidget(full)
    assert titles(full) == [
        "Sổ theo dõi",
        "Sao lưu",
        "Danh mục thủ tục",
        "Lịch làm việc",
        "Kiểm tra dữ liệu",
        "Cán bộ, bộ phận",
    ]
    gui_ctx.permission_check = lambda perm: perm in {"view", "report"}  # a leader
    leader = AdminPage(gui_ctx)
    qtbot.addWidget(leader)
    assert titles(leader) == ["Sổ theo dõi"]


def test_the_book_is_previewed_for_a_date_range(admin: Any, qtbot: Any) -> None:
    admin.book_from.setDate(QDate(2025, 1, 1))
    admin.book_to.setDate(QDate(2026, 12, 31))
    with qtbot.waitSignal(admin.done, timeout=30000):
        qtbot.mouseClick(admin.book_button, Qt.MouseButton.LeftButton)
    dialog = admin.preview
    assert dialog is not None and dialog.page_count() >= 1
    assert dialog.windowTitle() == "Sổ theo dõi hồ sơ 01/01/2025 – 31/12/2026"
    dialog.reject()


def test_a_reversed_range_is_refused_in_vietnamese(admin: Any, qtbot: Any, shown_messages: Any) -> None:
    admin.book_from.setDate(QDate(2026, 3, 2))
    admin.book_to.setDate(QDate(2026, 3, 1))
    with qtbot.waitSignal(admin.done, timeout=20000):
        admin.preview_book()
    assert shown_messages.texts("error") == ["Ngày kết thúc trước ngày bắt đầu."]
    assert admin.book_button.isEnabled()


def test_back_up_now_lists_it_and_a_restore_brings_the_data_back(
    admin: Any, qtbot: Any, gui_ctx: Any, shown_messages: Any
) -> None:
    from desk_app.store.db import open_database
    from tests.gui.conftest import add_dossiers, count_where

    before = count_where(gui_ctx.db)
    with qtbot.waitSignal(admin.done, timeout=30000, check_params_cb=lambda t: t == "backups"):
        qtbot.mouseClick(admin.backup_now_button, Qt.MouseButton.LeftButton)
    assert admin.backup_table.rowCount() == 1
    assert admin.backup_status.text().startswith("Đã sao lưu lúc ")
    assert ":" in admin.backup_table.item(0, 0).text() and "/" in admin.backup_table.item(0, 0).text()
    add_dossiers(gui_ctx.db, 2, seed=3)
    assert count_where(gui_ctx.db) == before + 2
    admin.stay_open = True
    admin.backup_table.selectRow(0)
    with qtbot.waitSignal(admin.done, timeout=30000):
        qtbot.mouseClick(admin.restore_button, Qt.MouseButton.LeftButton)
    assert shown_messages[0][0] == "confirm"
    info = shown_messages.texts("info")
    assert info and info[0].startswith("Đã khôi phục dữ liệu") and "hãy mở lại" in info[0]
    db = open_database(Path(gui_ctx.data_dir))
    try:
        assert count_where(db) == before
    finally:
        db.close()


def test_restore_asks_first_and_does_nothing_when_refused(
    admin: Any, shown_messages: Any, tmp_path: Path
) -> None:
    shown_messages.answer = False
    admin.restore(tmp_path)
    assert [k for k, _ in shown_messages] == ["confirm"]


def test_catalog_import_reports_each_bad_line(admin: Any, qtbot: Any, tmp_path: Path) -> None:
    f = tmp_path / "tinh.csv"
    f.write_text(
        "code,name,field,processing_time,fee,documents\n"
        "9.999,Bad code,X,3 ngày làm việc,0,\n"
        "1.099999,Thủ tục mới,Hộ tịch,5 ngày làm việc,50.000,Đơn\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(admin.done, timeout=20000):
        admin.import_catalog(f)
    assert admin.catalog_summary.text() == "Thêm mới 1, cập nhật 0, không đổi 0, 1 dòng có lỗi."
    assert admin.catalog_errors.rowCount() == 1 and admin.catalog_errors.item(0, 0).text() == "2"


def test_calendar_keeps_make_up_days(admin: Any, qtbot: Any, shown_messages: Any) -> None:
    saturday = date(2026, 5, 9)
    admin.year.setValue(2026)
    with qtbot.waitSignal(admin.done, timeout=20000):
        admin.load_calendar()
    holidays = admin.calendar_table.rowCount()
    assert holidays > 0 and admin.calendar_table.item(0, 1).text() in ("Ngày nghỉ", "Ngày làm bù")
    admin.day_edit.setDate(QDate(saturday.year, saturday.month, saturday.day))
    admin.kind_combo.setCurrentIndex(admin.kind_combo.findData("workday"))
    admin.note_edit.setText("Làm bù cho ngày 30/4")
    with qtbot.waitSignal(admin.done, timeout=20000, check_params_cb=lambda t: t == "calendar"):
        qtbot.mouseClick(admin.add_day_button, Qt.MouseButton.LeftButton)
    days = [admin.calendar_table.item(r, 0).text() for r in range(admin.calendar_table.rowCount())]
    assert "09/05/2026" in days
    row = days.index("09/05/2026")
    assert admin.calendar_table.item(row, 1).text() == "Ngày làm bù"
    admin.calendar_table.selectRow(row)
    with qtbot.waitSignal(admin.done, timeout=20000, check_params_cb=lambda t: t == "calendar"):
        qtbot.mouseClick(admin.remove_day_button, Qt.MouseButton.LeftButton)
    assert admin.calendar_table.rowCount() == holidays
    admin.day_edit.setDate(QDate(2026, 5, 11))  # a Monday cannot be a make-up day
    admin.note_edit.setText("Sai")
    with qtbot.waitSignal(admin.done, timeout=20000):
        admin.save_override()
    assert shown_messages.texts("error") == ["Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."]


def test_verify_says_everything_is_in_order(admin: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(admin.done, timeout=30000):
        qtbot.mouseClick(admin.verify_button, Qt.MouseButton.LeftButton)
    assert admin.verify_summary.text() == "Mọi thứ đều tốt."
    parts = [admin.verify_table.item(r, 0).text() for r in range(admin.verify_table.rowCount())]
    assert "Nhật ký kiểm tra" in parts and "Cơ sở dữ liệu" in parts
    assert {admin.verify_table.item(r, 1).text() for r in range(admin.verify_table.rowCount())} == {"tốt"}


def test_the_admin_page_is_in_the_navigation(main_window: Any) -> None:
    assert "admin" in main_window.page_keys()
    page = main_window.show_page("admin")
    assert page.tabs.count() == 6
    main_window.ctx.runner.wait_idle(10000)


def test_officials_are_kept_by_the_admin(admin: Any, qtbot: Any, gui_ctx: Any) -> None:
    from desk_app.services.setup import settings as service

    admin.officials_edit.setPlainText(
        "Công chức Tư pháp – Hộ tịch\n\n  Công chức Địa chính  \nCông chức Tư pháp – Hộ tịch"
    )
    with qtbot.waitSignal(admin.done, timeout=20000, check_params_cb=lambda t: t == "officials"):
        qtbot.mouseClick(admin.officials_button, Qt.MouseButton.LeftButton)
    assert service.officials(gui_ctx.db) == ["Công chức Tư pháp – Hộ tịch", "Công chức Địa chính"]
    assert admin.officials_edit.toPlainText() == "Công chức Tư pháp – Hộ tịch\nCông chức Địa chính"
