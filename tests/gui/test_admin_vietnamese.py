"""Every word the Administration page shows is Vietnamese, also when the services report problems: a check of
damaged data (a stored file removed and another altered, an audit row edited, audit rows removed, a role and a
state edited behind the app, a database that is not one) and a catalog import full of bad lines."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableWidget, QWidget

from tests.vietnamese import assert_vietnamese

TIMEOUT = 30000


@pytest.fixture
def admin(qtbot: Any, gui_ctx: Any) -> Any:
    from desk_app.gui.admin_page import AdminPage

    page = AdminPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def shown_texts(page: QWidget) -> list[str]:
    """Every text on the page: labels, buttons, tab titles, table headers and cells."""
    texts = [w.text() for w in page.findChildren(QLabel)]
    texts += [w.text() for w in page.findChildren(QAbstractButton)]
    texts += [page.tabs.tabText(i) for i in range(page.tabs.count())]
    for table in page.findChildren(QTableWidget):
        for c in range(table.columnCount()):
            header = table.horizontalHeaderItem(c)
            texts.append(header.text() if header is not None else "")
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                item = table.item(r, c)
                texts += [item.text(), item.toolTip()] if item is not None else []
    return texts


def rows(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def run_verify(admin: Any, qtbot: Any) -> dict[str, list[str]]:
    with qtbot.waitSignal(admin.done, timeout=TIMEOUT, check_params_cb=lambda t: t == "verify"):
        admin.verify()
    return {r[0]: r[1:] for r in rows(admin.verify_table)}


def sql(data_dir: Path, *statements: str) -> None:
    """Edit the database behind the app's back (what tampering or a broken disk does)."""
    conn = sqlite3.connect(data_dir / "desk_app.db")
    try:
        conn.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def attach_two_files(db: Any, tmp_path: Path) -> tuple[str, list[Path]]:
    """Two stored files on a new dossier; its code and the files' paths on disk."""
    from desk_app.services.digitization import pages as digitization
    from tests.scanning.support import jpeg_bytes, make_dossier

    code = make_dossier(db)
    sources = []
    for label in ("a", "b"):
        path = tmp_path / f"{label}.jpg"
        path.write_bytes(jpeg_bytes(label))
        sources.append(path)
    report = digitization.attach_files(db, code, 1, sources, actor="tester")
    assert report.ok
    store = digitization.page_store(db)
    return code, [path for _sha, path in store.iter_files()]


def test_a_check_of_damaged_data_speaks_vietnamese(
    admin: Any, qtbot: Any, gui_ctx: Any, tmp_path: Path
) -> None:
    code, stored = attach_two_files(gui_ctx.db, tmp_path)
    assert len(stored) == 2
    stored[0].unlink()  # a stored file lost
    stored[1].write_bytes(b"altered")  # another changed on disk
    data_dir = Path(gui_ctx.data_dir)
    sql(
        data_dir,
        "UPDATE audit_events SET actor = 'someone' WHERE id = 3",  # an audit row edited
        f"UPDATE dossiers SET state = 'returned' WHERE code = '{code}'",  # a state edited
    )
    result = run_verify(admin, qtbot)
    assert admin.verify_summary.text() == "Có lỗi: hãy báo cán bộ phụ trách công nghệ thông tin."
    assert result["Nhật ký kiểm tra"][0] == "CÓ LỖI"
    assert "mục nhật ký số 3 đã bị sửa sau khi ghi" in result["Nhật ký kiểm tra"][1]
    files = result["Tệp đã lưu"]
    assert files[0] == "CÓ LỖI"
    assert "mất tệp đã lưu: files/" in files[1] and "tệp đã lưu bị thay đổi hoặc hỏng: files/" in files[1]
    records = result["Tài khoản và trạng thái hồ sơ"]
    assert records[0] == "CÓ LỖI" and "đang ở trạng thái “Đã trả kết quả”, nhật ký ghi “" in records[1]
    assert_vietnamese(shown_texts(admin), "the data check")


def test_records_edited_behind_the_app_are_told_in_vietnamese(admin: Any, qtbot: Any, gui_ctx: Any) -> None:
    from desk_app.services.trust import auth

    auth.create_user(gui_ctx.db, "hung.nv", "Nguyễn Văn Hùng", "clerk", "mat-khau-dai-1", actor="tester")
    auth.create_user(gui_ctx.db, "lan.tt", "Trần Thị Lan", "clerk", "mat-khau-dai-2", actor="tester")
    sql(
        Path(gui_ctx.data_dir),
        "UPDATE users SET role = 'admin' WHERE username = 'hung.nv'",
        "UPDATE users SET username = 'ghost' WHERE username = 'lan.tt'",
    )
    result = run_verify(admin, qtbot)
    records = result["Tài khoản và trạng thái hồ sơ"]
    assert records[0] == "CÓ LỖI"
    assert "tài khoản hung.nv có vai trò “Quản trị”, nhật ký ghi “Cán bộ một cửa”" in records[1]
    assert "tài khoản ghost không có trong nhật ký" in records[1]
    assert_vietnamese(shown_texts(admin), "the records check")


def test_audit_rows_removed_after_a_backup_are_told_in_vietnamese(
    admin: Any, qtbot: Any, gui_ctx: Any
) -> None:
    from desk_app.services.trust import backup

    backup.auto_backup(gui_ctx.db, reason="manual", actor="tester")
    sql(Path(gui_ctx.data_dir), "DELETE FROM audit_events WHERE id > (SELECT max(id) - 2 FROM audit_events)")
    audit = run_verify(admin, qtbot)["Nhật ký kiểm tra"]
    assert audit[0] == "CÓ LỖI"
    assert "các mục nhật ký đã bị xóa" in audit[1] and "bản sao lưu" in audit[1]
    assert_vietnamese(shown_texts(admin), "the audit check")


def test_a_database_that_is_not_one_is_told_in_vietnamese(admin: Any, tmp_path: Path) -> None:
    from desk_app.services.trust import integrity

    (tmp_path / "desk_app.db").write_bytes(b"this is not a database at all" * 200)
    admin._verified(integrity.verify_data_dir(tmp_path))
    result = {r[0]: r[1:] for r in rows(admin.verify_table)}
    assert result["Cơ sở dữ liệu"][0] == "CÓ LỖI"
    assert result["Nhật ký kiểm tra"][1] == "chưa kiểm tra được vì cơ sở dữ liệu bị hỏng"
    empty = tmp_path / "empty"
    empty.mkdir()
    admin._verified(integrity.verify_data_dir(empty))
    assert rows(admin.verify_table) == [["Cơ sở dữ liệu", "CÓ LỖI", "không tìm thấy tệp cơ sở dữ liệu"]]
    assert_vietnamese(shown_texts(admin), "a damaged database")


BAD_CSV_LINES = [
    # (what is wrong, the line's cells: code, name, processing_value, processing_unit, fee, documents, more)
    ("wrong type", "1.000001,Một,năm,working_days,0,Đơn,,"),
    ("out-of-range number", "1.000002,Hai,99999,working_days,0,Đơn,,"),
    ("unknown unit", "1.000003,Ba,5,weeks,0,Đơn,,"),
    ("broken JSON fee", '1.000004,Bốn,5,working_days,"{""kind"": ",Đơn,,'),
    ("broken JSON documents", "1.000005,Năm,5,working_days,0,[oops,,"),
    ("fee too high", "1.000006,Sáu,5,working_days,999999999999,Đơn,,"),
    ("bad cut-off", "1.000007,Bảy,5,working_days,0,Đơn,25:99,"),
    ("bad effective date", "1.000008,Tám,5,working_days,0,Đơn,,hôm qua"),
    ("bad code", "9.999,Chín,5,working_days,0,Đơn,,"),
    ("missing name", "1.000010,,5,working_days,0,Đơn,,"),
    ("fee text", "1.000011,Mười một,5,working_days,năm nghìn,Đơn,,"),
    ("no time", "1.000012,Mười hai,,,0,Đơn,,"),
]


def import_and_show(admin: Any, qtbot: Any, path: Path) -> list[list[str]]:
    with qtbot.waitSignal(admin.done, timeout=TIMEOUT, check_params_cb=lambda t: t == "catalog"):
        admin.import_catalog(path)
    return rows(admin.catalog_errors)


def test_a_catalog_with_bad_lines_is_reported_in_vietnamese(admin: Any, qtbot: Any, tmp_path: Path) -> None:
    f = tmp_path / "tinh.csv"
    header = "code,name,processing_value,processing_unit,fee,documents,cutoff_time,effective_from"
    good = "1.099999,Thủ tục mới,5,working_days,50.000,Đơn,,"
    f.write_text("\n".join([header, good, *(line for _why, line in BAD_CSV_LINES)]) + "\n", encoding="utf-8")
    errors = import_and_show(admin, qtbot, f)
    assert [int(line) for line, _reason in errors] == list(range(3, 3 + len(BAD_CSV_LINES)))
    reasons = dict(errors)
    assert reasons["3"] == "Thời hạn giải quyết (cột “processing_value”) phải là một số, không phải “năm”."
    assert reasons["4"].startswith("Thời hạn giải quyết 99999 vượt giới hạn")
    assert "“weeks” không đúng" in reasons["5"] and "ngày làm việc" in reasons["5"]
    assert "viết sai dạng JSON" in reasons["6"] and "viết sai dạng JSON" in reasons["7"]
    assert admin.catalog_summary.text().startswith("Thêm mới 1,")
    assert_vietnamese(shown_texts(admin), "the catalog import (CSV)")


def test_json_entries_of_every_wrong_shape_are_reported_in_vietnamese(
    admin: Any, qtbot: Any, tmp_path: Path
) -> None:
    base = {"code": "1.000100", "name": "Thủ tục", "processing_time": "5 ngày làm việc"}
    entries: list[Any] = [
        "not an object",
        42,
        {**base, "code": "1.000101", "documents": 5},
        {**base, "code": "1.000102", "documents": [{"name": "Đơn", "quantity": 0}]},
        {**base, "code": "1.000103", "documents": [{"name": "Đơn", "kind": "photo"}]},
        {**base, "code": "1.000104", "documents": [["nested"]]},
        {**base, "code": "1.000105", "processing_time": {"value": True, "unit": "days"}},
        {**base, "code": "1.000106", "processing_time": "khi nào xong"},
        {**base, "code": "1.000107", "fee": -5},
        {**base, "code": "1.000108", "fee": {"kind": "gift"}},
        {**base, "code": "1.000109", "fee": {"kind": "fixed", "amount": "năm"}},
        {**base, "code": "1.000110", "online_only": "có lẽ"},
        {**base, "code": "1.000111", "online_level": "everything"},
        {**base, "code": "1.000112", "name": "x" * 600},
        {**base, "code": "1.000113", "effective_from": "1900-01-01"},
        {**base, "code": "1.000114", "processing_time": '{"value": 5'},
        {"name": "Không có mã", "processing_time": "5 ngày"},
        {**base, "code": "1.000115"},
    ]
    f = tmp_path / "tinh.json"
    f.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    errors = import_and_show(admin, qtbot, f)
    assert [line for line, _ in errors] == [str(i) for i in range(1, len(entries))]  # all but the last
    assert errors[0][1].startswith("Mục này không phải một thủ tục")
    assert errors[16][1] == "Thiếu mã thủ tục (cột “code”)."
    assert admin.catalog_summary.text().startswith("Thêm mới 1,")
    assert_vietnamese(shown_texts(admin), "the catalog import (JSON)")


def test_a_catalog_without_its_columns_is_reported_in_vietnamese(
    admin: Any, qtbot: Any, tmp_path: Path
) -> None:
    f = tmp_path / "thieu-cot.csv"
    f.write_text("code,field\n1.000200,Hộ tịch\n1.000201,Hộ tịch\n", encoding="utf-8")
    errors = import_and_show(admin, qtbot, f)
    assert errors == [["2", "Thiếu tên thủ tục (cột “name”)."], ["3", "Thiếu tên thủ tục (cột “name”)."]]
    f.write_text("code,name\n1.000200,Khai sinh\n", encoding="utf-8")
    errors = import_and_show(admin, qtbot, f)
    assert errors[0][1].startswith("Thiếu thời hạn giải quyết")
    assert_vietnamese(shown_texts(admin), "the catalog import (columns)")


def test_the_cli_keeps_its_english_reasons(gui_ctx: Any) -> None:
    from desk_app.services.setup import catalog

    report = catalog.import_rows(gui_ctx.db, [(1, {"_bad": 5}), (2, {"code": "1.000300", "name": ""})])
    assert report.errors == [(1, "not an object"), (2, "name is missing")]


def test_a_failed_second_copy_is_told_in_vietnamese(
    admin: Any, qtbot: Any, gui_ctx: Any, tmp_path: Path
) -> None:
    from dataclasses import replace

    from desk_app.services.setup import settings as settings_service

    form = replace(settings_service.load(gui_ctx.db), backup_second_path=str(tmp_path / "usb-chua-cam"))
    settings_service.save(gui_ctx.db, form, actor="tester")
    with qtbot.waitSignal(admin.done, timeout=TIMEOUT, check_params_cb=lambda t: t == "backups"):
        admin.backup_now()
    status = admin.backup_status.text()
    assert status.startswith("Đã sao lưu lúc ") and "Không thấy thư mục sao lưu thứ hai" in status
    assert_vietnamese(shown_texts(admin), "the backup tab")


def test_a_damaged_backup_is_refused_in_vietnamese(
    admin: Any, qtbot: Any, shown_messages: Any, tmp_path: Path
) -> None:
    admin.stay_open = True
    with qtbot.waitSignal(admin.done, timeout=TIMEOUT, check_params_cb=lambda t: t == "error"):
        admin.restore(tmp_path)  # a folder with no manifest: not a backup
    from desk_app.services.trust import backup

    made = backup.auto_backup(admin.ctx.db, reason="manual", actor="tester").primary.path
    with (made / "desk_app.db").open("ab") as fh:
        fh.write(b"altered")  # the backup's database changed after it was made
    with qtbot.waitSignal(admin.done, timeout=TIMEOUT, check_params_cb=lambda t: t == "error"):
        admin.restore(made)
    errors = shown_messages.texts("error")
    assert len(errors) == 2
    assert errors[0].startswith("Bản sao lưu bị hỏng hoặc không đầy đủ nên không được dùng: thư mục ")
    assert "không phải bản sao lưu của phần mềm" in errors[0]
    assert "tệp desk_app.db không khớp với bản sao lưu (đã bị thay đổi hoặc hỏng)" in errors[1]
    assert_vietnamese(errors, "the restore refusal")
