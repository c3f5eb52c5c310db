"""The postal page in the window: results to send, sending with a checked S10 number, delivery, non-delivery,
the manifest opened by scanning its number, and who sees the page."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from desk_app.domain.roles import can
from desk_app.services.lifecycle.dossier_view import show
from desk_app.services.postal import items
from desk_app.store.models import Dossier

TIMEOUT = 15000
ITEM, AGAIN = "RR123456785VN", "EE876543216CA"


@pytest.fixture
def ready_code(gui_ctx: Any) -> str:
    """A demo dossier with its result ready, to be returned by post (and no other result waiting by post)."""
    with gui_ctx.db.transaction() as s:
        for d in s.scalars(select(Dossier).where(Dossier.return_via == "postal")):
            d.return_via = "counter"
        dossier = s.scalars(
            select(Dossier).where(Dossier.state == "result_ready").order_by(Dossier.id)
        ).first()
        assert dossier is not None
        dossier.return_via = "postal"
        return str(dossier.code)


@pytest.fixture
def page(main_window: Any, ready_code: str, qtbot: Any) -> Any:
    main_window.show_page("postal")
    page = main_window.page("postal")
    qtbot.waitUntil(lambda: bool(page.data), timeout=TIMEOUT)
    return page


def _wait_for(qtbot: Any, page: Any, test: Any) -> None:
    """Refresh until ``test(page.data)`` holds (the page re-reads after every change)."""
    qtbot.waitUntil(lambda: bool(page.data) and test(page.data), timeout=TIMEOUT)


def test_send_deliver_through_the_page(page: Any, ready_code: str, qtbot: Any) -> None:
    """A ready result is listed to send; sending moves it out; delivery returns the dossier by post."""
    assert [r["code"] for r in page.data["to_send"]] == [ready_code]
    assert page.count() == 1
    assert page.select_code(ready_code)
    assert page.send_button.isEnabled()
    page.ask_send = lambda code, fee: {
        "item": items.ItemRequest(ITEM),
        "fee": fee,
        "payer": "commune",
        "label_size": "DL",
    }
    page.send_button.click()
    _wait_for(qtbot, page, lambda d: [r["number"] for r in d["out"]] == [ITEM] and not d["to_send"])
    sent = page.data["out"][0]
    assert (sent["code"], sent["fee"], sent["payer"], sent["created_by"]) == (
        ready_code,
        26000,
        "commune",
        "tester",
    )

    page.show_view("out")
    assert page.select_code(ITEM)
    assert page.delivered_button.isEnabled() and page.undeliverable_button.isEnabled()
    page.delivered_button.click()
    _wait_for(qtbot, page, lambda d: [r["number"] for r in d["delivered"]] == [ITEM])
    data = show(page.ctx.db, ready_code)
    assert (data["state"], data["return_via"]) == ("returned", "postal")


def test_undeliverable_comes_back_to_send(page: Any, ready_code: str, qtbot: Any) -> None:
    items.send(page.ctx.db, ready_code, items.ItemRequest(ITEM), actor="tester")
    page.refresh()
    _wait_for(qtbot, page, lambda d: len(d["out"]) == 1)
    page.show_view("out")
    page.select_code(ITEM)
    page.ask_reason = lambda number: "Người nhận đi vắng"
    page.undeliverable_button.click()
    _wait_for(qtbot, page, lambda d: len(d["undeliverable"]) == 1 and len(d["to_send"]) == 1)
    assert page.data["undeliverable"][0]["reason"] == "Người nhận đi vắng"
    assert show(page.ctx.db, ready_code)["state"] == "result_ready"


def test_the_send_dialog_checks_the_number_as_typed(qtbot: Any, gui_ctx: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from desk_app.gui.postal_page import SendDialog

    dialog = SendDialog("001.05.12.H49-260302-0001", 26000)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.item_edit, "RR123456784VN")
    assert not ok.isEnabled()
    assert "chữ số kiểm tra" in dialog.problem.text()
    dialog.item_edit.clear()
    qtbot.keyClicks(dialog.item_edit, "rr123456785vn")
    assert ok.isEnabled() and dialog.problem.text() == ""
    dialog.item_edit.setText("BD-GS/0042")
    assert not ok.isEnabled()
    dialog.free_box.setChecked(True)
    assert ok.isEnabled()
    assert dialog.values()["item"] == items.ItemRequest("BD-GS/0042", True)


def test_manifest_prints_and_its_number_scanned_opens_the_batch(
    page: Any, ready_code: str, qtbot: Any, tmp_path: Any
) -> None:
    from desk_app.services.postal import manifests

    items.send(page.ctx.db, ready_code, items.ItemRequest(ITEM), actor="tester")
    page.print_manifest()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=TIMEOUT)
    assert page.preview.pdf_bytes.startswith(b"%PDF")
    page.ctx.runner.wait_idle(TIMEOUT)
    assert manifests.list_manifests(page.ctx.db) == []  # a preview is not a hand-over: nothing made yet
    with qtbot.waitSignal(page.preview.saved, timeout=TIMEOUT):
        page.preview.save_to(tmp_path / "manifest.pdf")
    _wait_for(qtbot, page, lambda d: len(d["manifests"]) == 1)
    number = page.data["manifests"][0]["number"]
    page.preview.close()
    page.scan.setText(number)
    page.look_up()
    qtbot.waitUntil(lambda: page.shown_manifest is not None, timeout=TIMEOUT)
    assert [r["number"] for r in page.rows] == [ITEM]
    page.scan.setText(ITEM)
    page.look_up()
    qtbot.waitUntil(lambda: page.current_view() == "out" and page.selected() is not None, timeout=TIMEOUT)
    assert page.selected()["code"] == ready_code
    opened: list[str] = []
    page.ctx.openDossierRequested.connect(opened.append)
    page.open_button.click()
    assert opened == [ready_code]


def test_postal_staff_see_the_postal_page_but_not_accounts_or_settings(main_window: Any) -> None:
    ctx = main_window.ctx
    ctx.permission_check = lambda permission: can("postal", permission)
    main_window.apply_permissions()
    keys = [s.key for s in main_window.specs]
    assert "postal" in keys and "dossiers" in keys
    assert "settings" not in keys and "users" not in keys
    page = main_window.page("postal")
    ctx.permission_check = lambda permission: can("postal", permission) and permission != "postal"
    main_window.apply_permissions()
    assert "postal" not in [s.key for s in main_window.specs]
    assert not page.send_button.isEnabled()
    ctx.permission_check = None
    main_window.apply_permissions()


def test_the_dossier_view_shows_its_postal_items(main_window: Any, ready_code: str, qtbot: Any) -> None:
    items.send(main_window.ctx.db, ready_code, items.ItemRequest(ITEM), actor="tester")
    main_window.ctx.openDossierRequested.emit(ready_code)
    page = main_window.page("dossier")
    qtbot.waitUntil(lambda: ITEM in page.fee_label.text(), timeout=TIMEOUT)
    assert "Bưu gửi RR123456785VN (Trả kết quả qua bưu chính): Đang chuyển phát" in page.fee_label.text()


@pytest.fixture
def intake(qtbot: Any, gui_ctx: Any) -> Any:
    from desk_app.gui.intake_page import IntakePage

    p = IntakePage(gui_ctx)
    qtbot.addWidget(p)
    p.resize(1400, 900)
    p.show()
    qtbot.waitUntil(lambda: bool(p.picker.rows), timeout=TIMEOUT)
    return p


def test_intake_by_post_asks_for_the_item_and_checks_it(intake: Any, qtbot: Any, gui_ctx: Any) -> None:
    """Choosing the postal channel shows the item number and delivery date; a wrong check digit saves nothing
    and focuses the number; a right one saves the dossier with its item."""
    from datetime import date

    from tests.gui.test_intake_gui import commit_text

    form = intake.form
    qtbot.keyClicks(intake.picker.search, "1.001193")
    from PySide6.QtCore import Qt

    qtbot.keyClick(intake.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.preview is not None, timeout=TIMEOUT)
    assert not form.postal_item.isVisible()
    form.channel.setCurrentIndex(form.channel.findData("postal"))
    assert form.postal_item.isVisible() and form.postal_delivered.isVisible()
    commit_text(intake.applicant.full_name, "Phan Thị Bưu")
    form.postal_item.setText("RR123456784VN")
    with gui_ctx.db.session() as s:
        before = s.scalar(select(func.count()).select_from(Dossier))
    intake.save()
    gui_ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: "chữ số kiểm tra" in intake.message_bar.text(), timeout=TIMEOUT)
    assert form.postal_item.hasFocus()
    with gui_ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == before
    form.postal_item.setText("RR123456785VN")
    intake.save()
    qtbot.waitUntil(lambda: intake.preview_dialog is not None, timeout=20000)
    gui_ctx.runner.wait_idle()
    (got,) = items.list_items(gui_ctx.db, state="received")
    assert got["number"] == "RR123456785VN" and got["applicant"] == "Phan Thị Bưu"
    assert got["handed_at"] == f"{date.today().isoformat()}T00:00"
    assert show(gui_ctx.db, got["code"])["channel"] == "postal"
