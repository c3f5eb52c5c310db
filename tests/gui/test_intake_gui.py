"""The counter-intake screen, driven from the keyboard like a clerk: type, scan a card, F9, slip preview."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import func, select

PAYLOAD = "001190012345|012345678|NGUYỄN THỊ HẰNG|02051990|Nữ|Thôn Đông, xã Gio Sơn, Quảng Trị|15042021"


def send_keys(widget, text: str) -> None:
    """Key press/release per character with its text (how a scanner or Unikey types; safe for non-ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch == "\r":
            key = int(Qt.Key.Key_Return)
        elif ch.isascii():
            key = ord(ch.upper())
        else:
            key = int(Qt.Key.Key_unknown)
        mods = Qt.KeyboardModifier.ShiftModifier if ch.isupper() else Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, mods, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, mods, ch))


def commit_text(widget, text: str) -> None:
    """What a Vietnamese input method (IBus, Unikey) sends: one committed string."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def focused():
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def press(qtbot, key_name: str, modifier=None) -> None:
    """A key press on whatever has the focus (as the clerk's keyboard does)."""
    from PySide6.QtCore import Qt

    key = getattr(Qt.Key, key_name)
    if modifier is None:
        qtbot.keyClick(focused(), key)
    else:
        qtbot.keyClick(focused(), key, modifier)


def dossiers(db, **where):
    from desk_app.store.models import Applicant, Dossier

    with db.session() as s:
        stmt = select(Dossier).join(Applicant)
        for attr, value in where.items():
            stmt = stmt.where(getattr(Applicant, attr) == value)
        rows = list(s.scalars(stmt))
        return [
            (
                d.code,
                d.state,
                d.procedure.code,
                d.applicant.full_name,
                d.applicant.phone,
                d.due_at,
                [(doc.name, doc.received) for doc in d.documents],
                d.client_token,
            )
            for d in rows
        ]


def dossier_count(db) -> int:
    from desk_app.store.models import Dossier

    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Dossier)) or 0)


@pytest.fixture
def page(qtbot, gui_ctx):
    from desk_app.gui.intake_page import IntakePage

    p = IntakePage(gui_ctx)
    qtbot.addWidget(p)
    p.resize(1400, 900)
    p.show()
    p.activateWindow()
    qtbot.waitActive(p)
    qtbot.waitUntil(lambda: bool(p.picker.rows), timeout=10000)
    p.picker.search.setFocus()
    return p


def pick(qtbot, page, query: str = "dang ky khai sinh") -> None:
    page.picker.search.setFocus()
    qtbot.keyClicks(page.picker.search, query)
    press(qtbot, "Key_Return")
    qtbot.waitUntil(lambda: page.preview is not None, timeout=10000)


def wait_result(qtbot, page, gui_ctx) -> None:
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20000)
    gui_ctx.runner.wait_idle()


class TestProcedurePicker:
    def test_search_without_accents_finds_the_procedure(self, page, qtbot):
        """ "dang ky khai sinh" finds "Đăng ký khai sinh", first."""
        qtbot.keyClicks(page.picker.search, "dang ky khai sinh")
        codes = page.picker.shown_codes()
        assert codes and codes[0] == "1.001193"
        assert page.picker.results.item(0).text().startswith("Đăng ký khai sinh")

    def test_d_with_stroke_folds_both_ways(self, page):
        from desk_app.gui.intake.procedure_picker import filter_rows

        assert [r.code for r in filter_rows(page.picker.rows, "ĐĂNG KÝ KHAI SINH")][:1] == ["1.001193"]
        assert filter_rows(page.picker.rows, "zzz khong co") == []

    def test_picking_shows_documents_fee_and_due_date(self, page, qtbot):
        pick(qtbot, page)
        assert page.documents.rowCount() == len(page.preview.documents) > 0
        assert "Đăng ký khai sinh" in page.form.procedure_info.text()
        assert page.due_edit.isEnabled()
        assert page.due_edit.dateTime().toPython() == page.preview.due_at
        assert page.applicant.full_name.hasFocus()  # Enter picked and moved on

    def test_arrows_move_in_the_results(self, page, qtbot):
        qtbot.keyClicks(page.picker.search, "khai sinh")
        assert page.picker.results.currentRow() == 0
        press(qtbot, "Key_Down")
        assert page.picker.results.currentRow() == 1
        assert page.picker.search.hasFocus()


class TestWholeIntake:
    def test_keyboard_only_intake_then_f9(self, page, qtbot, gui_ctx, tmp_path):
        """A whole dossier typed from the keyboard; F9 saves, shows the slip and clears the form."""
        pick(qtbot, page)
        assert focused() is page.applicant.full_name
        send_keys(focused(), "Nguyễn Thị Hằng")
        press(qtbot, "Key_Return")
        assert focused() is page.applicant.id_number
        qtbot.keyClicks(focused(), "001190012345")
        press(qtbot, "Key_Return")
        assert focused() is page.applicant.old_id_number
        press(qtbot, "Key_Return")
        assert focused() is page.applicant.birth_date
        qtbot.keyClicks(focused(), "02051990")
        press(qtbot, "Key_Return")
        assert focused() is page.applicant.gender
        qtbot.keyClicks(focused(), "nu")
        assert page.applicant.gender.currentText() == "Nữ"
        press(qtbot, "Key_Return")
        assert focused() is page.applicant.address
        commit_text(focused(), "Thôn Đông, xã Gio Sơn")
        press(qtbot, "Key_Return")
        qtbot.keyClicks(focused(), "+84 912 345 678")
        press(qtbot, "Key_Return")
        assert page.applicant.phone.text() == "0912345678"  # normalised on leaving the field
        assert not page.applicant.id_message.isVisible()
        with qtbot.waitSignal(gui_ctx.dossiersChanged, timeout=20000):
            press(qtbot, "Key_F9")
        wait_result(qtbot, page, gui_ctx)

        rows = dossiers(gui_ctx.db, id_number="001190012345")
        assert len(rows) == 1
        code, state, proc, name, phone, *_ = rows[0]
        assert (state, proc, name, phone) == ("received", "1.001193", "Nguyễn Thị Hằng", "0912345678")
        dialog = page.preview_dialog
        assert dialog.page_count() >= 1
        pdf = tmp_path / "slip.pdf"
        pdf.write_bytes(dialog.pdf_bytes)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert code in text and "Nguyễn Thị Hằng" in text
        # Ready for the next citizen.
        assert page.applicant.full_name.text() == "" and page.documents.rowCount() == 0
        assert page.preview is None
        assert code in page.message_bar.text()
        dialog.close()
        qtbot.waitUntil(page.picker.search.hasFocus, timeout=3000)

    def test_double_f9_makes_one_dossier(self, page, qtbot, gui_ctx):
        pick(qtbot, page)
        send_keys(page.applicant.full_name, "Lê Văn Tám")
        before = dossier_count(gui_ctx.db)
        press(qtbot, "Key_F9")
        press(qtbot, "Key_F9")
        wait_result(qtbot, page, gui_ctx)
        assert dossier_count(gui_ctx.db) == before + 1

    def test_same_token_in_flight_twice_makes_one_dossier(self, page, qtbot, gui_ctx):
        """Even two submits racing with the form's token (a retry) store one dossier."""
        pick(qtbot, page)
        send_keys(page.applicant.full_name, "Lê Văn Tám")
        before = dossier_count(gui_ctx.db)
        assert page.save() is True
        page.busy = False  # as if the first answer were lost and the clerk retried
        assert page.save() is True
        wait_result(qtbot, page, gui_ctx)
        gui_ctx.runner.wait_idle()
        assert dossier_count(gui_ctx.db) == before + 1

    def test_ctrl_s_saves_too(self, page, qtbot, gui_ctx):
        from PySide6.QtCore import Qt

        pick(qtbot, page)
        send_keys(page.applicant.full_name, "Lê Văn Tám")
        press(qtbot, "Key_S", Qt.KeyboardModifier.ControlModifier)
        wait_result(qtbot, page, gui_ctx)
        assert len(dossiers(gui_ctx.db, full_name="Lê Văn Tám")) == 1

    def test_service_validation_focuses_the_field(self, page, qtbot, gui_ctx):
        pick(qtbot, page)
        send_keys(page.applicant.full_name, "Lê Văn Tám")
        page.applicant.phone.setText("12345")
        before = dossier_count(gui_ctx.db)
        press(qtbot, "Key_F9")
        gui_ctx.runner.wait_idle()
        assert dossier_count(gui_ctx.db) == before
        assert page.applicant.phone.hasFocus()
        assert "Số điện thoại" in page.message_bar.text()
        assert page.message_bar.property("kind") == "error"

    def test_no_procedure_focuses_the_search(self, page, qtbot, gui_ctx):
        page.applicant.full_name.setFocus()
        press(qtbot, "Key_F9")
        assert page.picker.search.hasFocus()
        assert "thủ tục" in page.message_bar.text()

    def test_live_id_check_under_the_field(self, page, qtbot):
        page.applicant.birth_date.setText("02/05/1990")
        page.applicant.gender.setCurrentText("Nam")
        page.applicant.id_number.setFocus()
        qtbot.keyClicks(page.applicant.id_number, "001190012345")  # digit 1: a woman
        assert page.applicant.id_message.isVisible()
        assert "giới tính" in page.applicant.id_message.text()
        page.applicant.gender.setCurrentText("Nữ")
        assert not page.applicant.id_message.isVisible()


class TestDueDate:
    def test_due_edit_refuses_an_earlier_date(self, page, qtbot):
        pick(qtbot, page)
        rule = page.preview.due_at
        page.due_edit.setDateTime(rule - timedelta(days=3))
        assert page.due_edit.dateTime().toPython() == rule

    def test_a_later_appointment_is_kept(self, page, qtbot, gui_ctx):
        pick(qtbot, page, "1.001193")
        later = page.preview.due_at + timedelta(days=7)
        page.due_edit.setDateTime(later)
        send_keys(page.applicant.full_name, "Hoàng Văn Muộn")
        page.save()
        wait_result(qtbot, page, gui_ctx)
        (row,) = dossiers(gui_ctx.db, full_name="Hoàng Văn Muộn")
        assert row[5] == later


class TestCardScan:
    def test_payload_into_the_phone_field_fills_the_applicant(self, page, qtbot):
        """A chip-ID payload typed into the phone field fills the applicant and keeps the typed phone."""
        page.applicant.phone.setFocus()
        qtbot.keyClicks(page.applicant.phone, "0912345678")
        page.applicant.email.setText("hang@example.vn")
        send_keys(page.applicant.phone, PAYLOAD + "\r")
        a = page.applicant
        assert a.phone.text() == "0912345678"
        assert a.email.text() == "hang@example.vn"
        assert a.full_name.text() == "Nguyễn Thị Hằng"
        assert a.id_number.text() == "001190012345"
        assert a.old_id_number.text() == "012345678"
        assert a.birth_date.text() == "02/05/1990"
        assert a.gender.currentText() == "Nữ"
        assert a.address.text() == "Thôn Đông, xã Gio Sơn, Quảng Trị"
        assert not a.id_message.isVisible()
        assert page.message_bar.property("kind") == "info"

    def test_payload_into_the_documents_table_changes_nothing_there(self, page, qtbot):
        pick(qtbot, page)
        before = page.documents.documents()
        send_keys(page.documents, PAYLOAD)
        qtbot.waitUntil(lambda: page.applicant.full_name.text() == "Nguyễn Thị Hằng", timeout=3000)
        assert page.documents.documents() == before

    @pytest.mark.parametrize(
        "garbage",
        [
            "001190012345|012345678|NGUYEN VAN A|31021990|Nam|X|15042021",
            "001190012345|NGUYEN VAN A",
            "001190012345|012345678|NGUYEN VAN A|02051990|Nam|X|15042021",  # ID says woman, card says man
            "001190012345|012345678||02051990|Nữ|X|15042021",  # no name
            "ABC|DEF|GHI|JKL|MNO|PQR",
        ],
    )
    def test_garbage_payload_shows_a_message_and_overwrites_nothing(self, page, qtbot, garbage):
        a = page.applicant
        a.full_name.setText("Trần Văn Bình")
        a.id_number.setText("001090123456")
        a.phone.setText("0987654321")
        send_keys(a.phone, garbage + "\r")
        assert (a.full_name.text(), a.id_number.text(), a.phone.text()) == (
            "Trần Văn Bình",
            "001090123456",
            "0987654321",
        )
        assert a.birth_date.text() in ("", "//")
        assert page.message_bar.isVisible() and page.message_bar.property("kind") == "error"
        assert "căn cước" in page.message_bar.text() or "mã QR" in page.message_bar.text()


class TestGuideAndRefuse:
    def test_guidance_lists_the_unticked_documents(self, page, qtbot, gui_ctx):
        from desk_app.store.models import Dossier

        pick(qtbot, page)
        send_keys(page.applicant.full_name, "Phạm Thị Thiếu")
        page.documents.set_received(1, False)
        missing_name = page.documents.documents()[1].name
        dialog = page.ask_reason("guide")
        assert missing_name in dialog.items_edit.toPlainText()
        dialog.reason_edit.setText("Thiếu giấy chứng sinh")
        dialog.accept()
        wait_result(qtbot, page, gui_ctx)
        with gui_ctx.db.session() as s:
            d = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
            assert d.state == "guided" and d.code is None
            assert any(missing_name in item for item in d.supplements[0].items)
        assert page.preview_dialog.page_count() >= 1

    def test_refusal_needs_a_reason_and_is_printed(self, page, qtbot, gui_ctx):
        from desk_app.store.models import Dossier

        pick(qtbot, page)
        send_keys(page.applicant.full_name, "Võ Văn Từ")
        dialog = page.ask_reason("refuse")
        dialog.accept()  # no reason: the service refuses, the dialog comes back with the message
        gui_ctx.runner.wait_idle()
        assert page.preview_dialog is None and "lý do" in page.message_bar.text().lower()
        assert dialog.isVisible() and "lý do" in dialog.error_label.text().lower()
        dialog.reason_edit.setText("Không thuộc thẩm quyền của UBND xã")
        dialog.accept()
        wait_result(qtbot, page, gui_ctx)
        with gui_ctx.db.session() as s:
            d = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
            assert d.state == "refused" and d.applicant.full_name == "Võ Văn Từ"
        assert page.preview_dialog.page_count() >= 1


def test_page_is_registered():
    from desk_app.gui import pages

    specs = {s.key: s for s in pages.load_page_specs(["desk_app.gui.intake_page"])}
    assert specs["intake"].permission == "intake"


class TestFee:
    def test_per_page_fee_follows_pages_and_copies(self, page, qtbot, gui_ctx):
        """Certified copies (TT 226/2016): 2.000 đ for each of the first 2 pages, then 1.000 đ a page."""
        from desk_app.store.models import Dossier

        pick(qtbot, page, "2.000815")
        fee = page.fee
        assert fee.pages.isVisibleTo(page) and fee.copies.isVisibleTo(page)
        assert fee.amount.value() == 2000
        fee.pages.setValue(5)
        assert fee.amount.value() == 7000
        fee.copies.setValue(2)
        assert fee.amount.value() == 14000
        assert fee.method.currentData() == "cash"
        send_keys(page.applicant.full_name, "Đỗ Văn Sao")
        page.save()
        wait_result(qtbot, page, gui_ctx)
        with gui_ctx.db.session() as s:
            d = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
            assert (d.fee_amount, d.fee_method) == (14000, "cash")

    def test_exempt_procedure_shows_no_count_inputs(self, page, qtbot):
        pick(qtbot, page)
        assert not page.fee.pages.isVisibleTo(page)
        assert page.fee.method.currentData() == "exempt"

    def test_council_fee_must_be_typed(self, page, qtbot, gui_ctx):
        """A fee set by the provincial council has no amount in the catalog: the clerk is sent to type it."""
        pick(qtbot, page, "1.004873")
        send_keys(page.applicant.full_name, "Bùi Thị Hôn")
        page.save()
        gui_ctx.runner.wait_idle()
        assert page.fee.amount.hasFocus()
        assert "HĐND" in page.message_bar.text()
        page.fee.amount.setValue(15000)
        page.save()
        wait_result(qtbot, page, gui_ctx)
        assert page.last_result is not None and page.last_result.state == "received"


class TestKeyboard:
    def test_tab_goes_from_search_to_the_name(self, page, qtbot):
        press(qtbot, "Key_Tab")
        assert focused() is page.applicant.full_name

    def test_representative_is_saved(self, page, qtbot, gui_ctx):
        from desk_app.store.models import Dossier

        pick(qtbot, page)
        send_keys(page.applicant.full_name, "Ngô Văn Chủ")
        page.representative.setChecked(True)
        assert page.representative.full_name.isVisibleTo(page)
        send_keys(page.representative.full_name, "Ngô Thị Thay")
        page.save()
        wait_result(qtbot, page, gui_ctx)
        with gui_ctx.db.session() as s:
            d = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
            assert d.representative["full_name"] == "Ngô Thị Thay"

    def test_insert_adds_an_extra_document(self, page, qtbot, gui_ctx):
        pick(qtbot, page)
        rows = page.documents.rowCount()
        page.documents.setFocus()
        press(qtbot, "Key_Insert")
        assert page.documents.rowCount() == rows + 1
        editor = focused()
        send_keys(editor, "Giấy ủy quyền")
        press(qtbot, "Key_Return")  # commits the cell (queued by the delegate); Enter does not jump away
        qtbot.waitUntil(lambda: len(page.documents.documents()) == rows + 1, timeout=3000)
        extra = page.documents.documents()[-1]
        assert (extra.name, extra.required, extra.received) == ("Giấy ủy quyền", False, True)


def test_main_window_shows_the_intake_page(main_window):
    from desk_app.gui.intake_page import IntakePage

    page = main_window.show_page("intake")
    assert isinstance(page, IntakePage)


def test_card_scanned_into_the_representative_fills_the_representative(page, qtbot):
    page.applicant.full_name.setText("Trần Văn Bình")
    page.representative.setChecked(True)
    send_keys(page.representative.phone, PAYLOAD + "\r")
    assert page.representative.full_name.text() == "Nguyễn Thị Hằng"
    assert page.representative.id_number.text() == "001190012345"
    assert page.applicant.full_name.text() == "Trần Văn Bình"


def test_f9_in_the_reason_dialog_belongs_to_the_dialog(page, qtbot, gui_ctx):
    """Keys of a dialog opened by the page are the dialog's: F9 there accepts it (guide), not "save"."""
    from PySide6.QtCore import Qt

    from desk_app.store.models import Dossier

    pick(qtbot, page)
    send_keys(page.applicant.full_name, "Phan Văn Hỏi")
    page.documents.set_received(0, False)
    dialog = page.ask_reason("guide")
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_F9)
    wait_result(qtbot, page, gui_ctx)
    with gui_ctx.db.session() as s:
        d = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
        assert d.state == "guided" and d.applicant.full_name == "Phan Văn Hỏi"


def test_space_marks_a_document_missing(page, qtbot):
    pick(qtbot, page)
    page.documents.setFocus()
    page.documents.setCurrentCell(1, 0)
    press(qtbot, "Key_Space")
    assert [d.received for d in page.documents.documents()][:2] == [True, False]
    assert page.documents.missing() and page.documents.documents()[1].name in page.documents.missing()[0]
