"""The digitisation screen: scanning with progress and cancel, dropped files, the scan-folder inbox."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desk_app.services.digitization import pages as digitization
from tests.scanning.support import (
    jpeg_bytes,
    make_dossier,
    pdf_bytes,
    reset_test_device,
    sane_works,
    scanned_slip_jpeg,
)

WAIT = 20000


@pytest.fixture
def sane_env() -> Iterator[None]:
    if not sane_works():
        pytest.skip("python-sane or the SANE test backend is not installed")
    yield
    reset_test_device()


@pytest.fixture
def page(qtbot: Any, gui_ctx: Any) -> Any:
    from desk_app.gui.scan_page import ScanPage

    widget = ScanPage(gui_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_dossier(qtbot: Any, page: Any, code: str) -> None:
    page.activate(code)
    qtbot.waitUntil(lambda: page.code == code and page.doc_list.count() == 4, timeout=WAIT)


def pages_of(db: Any, code: str, document: int) -> int:
    return len(digitization.list_pages(db, code, document))


def test_the_page_is_in_the_navigation() -> None:
    from desk_app.gui.pages import load_page_specs

    spec = next(s for s in load_page_specs() if s.key == "scan")
    assert spec.translated_title() == "Số hóa" or spec.title == "Digitization"
    assert spec.permission == "scan"


def test_documents_are_listed_in_vietnamese_with_the_e_result_last(
    qtbot: Any, page: Any, gui_ctx: Any
) -> None:
    code = make_dossier(gui_ctx.db)
    open_dossier(qtbot, page, code)
    assert page.doc_list.item(0).text() == "1. Tờ khai đăng ký giám hộ — 0 trang, chưa số hóa"
    assert page.doc_list.item(3).text() == "Kết quả điện tử — 0 trang"


def test_scanning_a_feeder_batch_shows_progress_and_stores_the_pages(
    qtbot: Any, page: Any, gui_ctx: Any, sane_env: None
) -> None:
    code = make_dossier(gui_ctx.db)
    open_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.device.findData("test:0") >= 0, timeout=WAIT)
    page.device.setCurrentIndex(page.device.findData("test:0"))
    page.dpi.setValue(75)
    page.doc_list.setCurrentRow(1)
    assert page.scan_button.isEnabled()
    qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    assert page.scanning and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not page.scanning, timeout=WAIT)
    assert page.progress.value() == 100
    assert page.progress_label.text() == "Đã lưu 10 trang."
    assert pages_of(gui_ctx.db, code, 2) == 10
    qtbot.waitUntil(lambda: "10 trang, đã số hóa" in page.doc_list.item(1).text(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.page_list.count() == 10, timeout=WAIT)


def test_cancel_during_a_scan_stores_nothing(qtbot: Any, page: Any, gui_ctx: Any, sane_env: None) -> None:
    code = make_dossier(gui_ctx.db)
    open_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.device.findData("test:0") >= 0, timeout=WAIT)
    page.device.setCurrentIndex(page.device.findData("test:0"))
    page.dpi.setValue(150)
    page.extra_options = {"read_delay": True, "read_delay_duration": 20000}  # a slow scanner
    qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.progress_label.text().startswith("Trang 1"), timeout=WAIT)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.scanning, timeout=WAIT)
    assert page.progress_label.text() == "Đã hủy: chưa lưu trang nào."
    assert pages_of(gui_ctx.db, code, 1) == 0


def drop_on_row(widget: Any, row: int, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    rect = widget.visualItemRect(widget.item(row))
    event = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def test_files_dropped_on_a_document_are_attached_and_bad_ones_reported(
    qtbot: Any, page: Any, gui_ctx: Any, tmp_path: Path, shown_messages: Any
) -> None:
    code = make_dossier(gui_ctx.db)
    open_dossier(qtbot, page, code)
    good, bad = tmp_path / "cccd.pdf", tmp_path / "hong.jpg"
    good.write_bytes(pdf_bytes(["mat truoc", "mat sau"]))
    bad.write_bytes(b"")
    drop_on_row(page.doc_list, 2, [good, bad])
    qtbot.waitUntil(lambda: pages_of(gui_ctx.db, code, 3) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(shown_messages.texts("warning")), timeout=WAIT)
    assert "Tệp hong.jpg: rỗng" in shown_messages.texts("warning")[0]
    qtbot.waitUntil(lambda: page.page_list.count() == 2 and page.doc_list.currentRow() == 2, timeout=WAIT)
    page.remove_page(1, "Trang mờ")
    qtbot.waitUntil(lambda: pages_of(gui_ctx.db, code, 3) == 1, timeout=WAIT)


def test_the_inbox_routes_a_slip_batch_and_attaches_it(
    qtbot: Any, page: Any, gui_ctx: Any, tmp_path: Path
) -> None:
    code = make_dossier(gui_ctx.db)
    folder = tmp_path / "copier"
    folder.mkdir()
    stamp = time.time_ns() - 120 * 10**9
    for name, data in (
        ("scan1.jpg", scanned_slip_jpeg(code)),
        ("scan2.jpg", jpeg_bytes("to khai")),
        ("scan3.jpg", jpeg_bytes("giay to")),
    ):
        (folder / name).write_bytes(data)
        os.utime(folder / name, ns=(stamp, stamp))
        stamp += 10**9
    panel = page.inbox
    panel.timer.setInterval(200)
    panel.set_folder(str(folder))
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3, timeout=WAIT)
    assert {panel.table.item(r, 2).text() for r in range(3)} == {code}
    assert panel.table.item(0, 1).text() == "Đã nhận theo mã vạch"
    panel._open_routed(0, 0)
    qtbot.waitUntil(lambda: page.code == code and page.doc_list.count() == 4, timeout=WAIT)
    page.doc_list.setCurrentRow(0)
    panel.table.selectAll()
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pages_of(gui_ctx.db, code, 1) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=WAIT)
    panel.timer.stop()
