"""One register and numbered letters (issue 15): numbers given once at intake / at the first print, the same on
every form that shows them, read back from real PDFs."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select

from desk_app.domain.errors import UserError, ValidationError
from desk_app.services.intake import receive as intake
from desk_app.services.intake.inputs import ApplicantInput, IntakeRequest
from desk_app.services.lifecycle import forms, prints
from desk_app.services.lifecycle.dossier_view import show
from desk_app.services.lifecycle.moves import act
from desk_app.services.setup import settings as settings_service
from desk_app.store import migrate, settings
from desk_app.store.db import open_database
from desk_app.store.models import AuditEvent, Dossier
from tests.services.test_lifecycle_support import make_dossier

HANG = ApplicantInput(full_name="Nguyễn Thị Hằng", id_number="001190012345", phone="0912345678")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def book_lines(pdf: bytes, tmp_path: Path) -> list[str]:
    """The tracking book's lines as laid out (one row of the table per line)."""
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return [" ".join(line.split()) for line in out.stdout.splitlines() if line.strip()]


def receive_at(db: Any, moment: datetime, **kwargs: Any) -> str:
    return make_dossier(db, received_at=moment, **kwargs)


def set_form_settings(db: Any, **values: Any) -> None:
    current = settings_service.load_forms(db)
    settings_service.save_forms(db, settings_service.forms_from(current, values), "admin")


class TestRegister:
    def test_numbers_agree_on_slip_book_control_sheet_and_view(self, unit_db: Any, tmp_path: Path) -> None:
        """A guided dossier takes no number; the book printed for one day shows the real number, not 1."""
        first = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
        intake.guide(
            unit_db, IntakeRequest("1.004873", HANG, received_at=datetime(2026, 3, 2, 9, 30)), ["X"], ""
        )
        second = receive_at(unit_db, datetime(2026, 3, 3, 9, 0))
        assert show(unit_db, first)["register"] == {"volume": "01/2026", "seq": 1}
        assert show(unit_db, second)["register"] == {"volume": "01/2026", "seq": 2}
        slip = pdf_text(prints.render_slip(unit_db, second), tmp_path)
        assert "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026 Số thứ tự: 2" in slip
        control = pdf_text(forms.form_pdf(unit_db, second, "control"), tmp_path)
        assert "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026 Số thứ tự: 2" in control
        lines = book_lines(forms.book_pdf(unit_db, date(2026, 3, 3), date(2026, 3, 3)), tmp_path)
        assert any("Quyển số: 01/2026" in line for line in lines)
        rows = [line for line in lines if second[:14] in line]
        assert len(rows) == 1 and rows[0].startswith("2 ")  # the only row carries its real number, not 1
        with unit_db.session() as s:
            detail = s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "print")).first()
        assert detail["book"] == ["01/2026", 2]

    def test_numbers_restart_each_year(self, unit_db: Any) -> None:
        receive_at(unit_db, datetime(2025, 12, 30, 9, 0))
        code = receive_at(unit_db, datetime(2026, 1, 5, 9, 0))
        assert show(unit_db, code)["register"] == {"volume": "01/2026", "seq": 1}

    def test_monthly_volumes_with_numbers_per_volume(self, unit_db: Any) -> None:
        set_form_settings(unit_db, register_volume="month", register_numbering="volume")
        a = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
        b = receive_at(unit_db, datetime(2026, 3, 3, 9, 0))
        c = receive_at(unit_db, datetime(2026, 4, 1, 9, 0))
        assert [show(unit_db, x)["register"] for x in (a, b, c)] == [
            {"volume": "03/2026", "seq": 1},
            {"volume": "03/2026", "seq": 2},
            {"volume": "04/2026", "seq": 1},
        ]

    def test_volumes_of_n_entries_keep_the_yearly_number(self, unit_db: Any, tmp_path: Path) -> None:
        set_form_settings(unit_db, register_volume="size:2")
        codes = [receive_at(unit_db, datetime(2026, 3, day, 9, 0)) for day in (2, 3, 4)]
        assert [show(unit_db, x)["register"] for x in codes] == [
            {"volume": "01/2026", "seq": 1},
            {"volume": "01/2026", "seq": 2},
            {"volume": "02/2026", "seq": 3},
        ]
        lines = book_lines(forms.book_pdf(unit_db, date(2026, 3, 1), date(2026, 3, 31)), tmp_path)

        def where(text: str) -> int:
            return next(i for i, line in enumerate(lines) if text in line)

        # Each volume under its own head, its rows with their yearly numbers.
        # (a code too wide for its column breaks after "-": its tail sits under the row's first line)
        assert where("Quyển số: 01/2026") < where(codes[1][14:]) < where("Quyển số: 02/2026")
        assert where("Quyển số: 02/2026") < where(codes[2][14:])
        assert lines[where(codes[2][14:]) - 1].startswith("3 ")

    def test_bad_register_settings_are_refused(self, unit_db: Any) -> None:
        with pytest.raises(ValidationError) as err:
            set_form_settings(unit_db, register_volume="weekly")
        assert err.value.field == "register_volume"
        with pytest.raises(ValidationError):
            set_form_settings(unit_db, register_numbering="day")

    def test_a_0001_database_upgrades_and_is_entered_in_the_register(self, data_dir: Path) -> None:
        """Dossiers received before the upgrade get volume 1 and running numbers in order of receipt, per year;
        intake after the upgrade continues the sequence."""
        from desk_app.services.setup import catalog
        from desk_app.services.setup import unit as setup

        db = open_database(data_dir)
        setup.init_unit(db, "001.05.12.H49", "Ủy ban nhân dân xã Gio Sơn", province="Quảng Trị")
        catalog.import_seed(db)
        codes = [receive_at(db, datetime(2026, 3, day, 9, 0)) for day in (3, 2)]
        command.downgrade(migrate.config(db.engine), "0001")  # drops the new tables and column
        db.close()
        con = sqlite3.connect(data_dir / "desk_app.db")
        con.execute("UPDATE dossiers SET book_number = NULL, book_seq = NULL")
        con.commit()
        assert "dossier_letters" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        con.close()
        db = open_database(data_dir)
        try:
            assert migrate.current_revision(db.engine) == migrate.head_revision()
            # Received 3/3 then 2/3: numbered in order of receipt.
            assert show(db, codes[1])["register"] == {"volume": "01/2026", "seq": 1}
            assert show(db, codes[0])["register"] == {"volume": "01/2026", "seq": 2}
            later = receive_at(db, datetime(2026, 3, 4, 9, 0))
            assert show(db, later)["register"]["seq"] == 3
        finally:
            db.close()


class TestLetters:
    def extended(self, db: Any, moment: datetime) -> str:
        code = receive_at(db, moment)
        due = show(db, code)["due_at"]
        act(
            db,
            code,
            "extend",
            at=moment.replace(hour=10),
            new_due=date.fromisoformat(due[:10]) + timedelta(days=7),  # a weekday in every case used here
            reason="Cần xác minh",
            actor="leader1",
        )
        return code

    def test_numbers_are_unique_per_year_and_stable_across_reprints(
        self, unit_db: Any, tmp_path: Path
    ) -> None:
        a = self.extended(unit_db, datetime(2025, 10, 6, 9, 0))
        b = self.extended(unit_db, datetime(2025, 10, 7, 9, 0))
        assert "Số: 1/PXL" in pdf_text(forms.form_pdf(unit_db, a, "apology"), tmp_path)
        assert "Số: 2/PXL" in pdf_text(forms.form_pdf(unit_db, b, "apology"), tmp_path)
        again = pdf_text(forms.form_pdf(unit_db, a, "apology"), tmp_path)
        assert "Số: 1/PXL" in again and "BẢN IN LẠI (lần 1)" in again
        # A changed suffix applies to new letters only; a letter already issued keeps its number.
        set_form_settings(unit_db, number_suffixes={"apology": "XL-UBND"})
        assert "Số: 1/PXL" in pdf_text(forms.form_pdf(unit_db, a, "apology"), tmp_path)
        c = self.extended(unit_db, datetime(2026, 3, 2, 9, 0))
        assert "Số: 1/XL-UBND" in pdf_text(forms.form_pdf(unit_db, c, "apology"), tmp_path)
        assert [x["number"] for x in show(unit_db, a)["letters"]] == ["1/PXL"]
        with unit_db.session() as s:
            from desk_app.store.models_registers import DossierLetter

            rows = [(r.form, r.year, r.seq) for r in s.scalars(select(DossierLetter))]
        assert sorted(rows) == [("apology", 2025, 1), ("apology", 2025, 2), ("apology", 2026, 1)]

    def test_each_letter_has_its_own_sequence(self, unit_db: Any, tmp_path: Path) -> None:
        """Guidance at the counter and a supplement request during processing share the Mẫu 02 sequence;
        refusals and stop notices count on their own."""
        guided = intake.guide(
            unit_db, IntakeRequest("1.004873", HANG, received_at=datetime(2026, 3, 2, 9, 0)), ["X"], "Thiếu"
        )
        refused = intake.refuse(
            unit_db, IntakeRequest("1.004873", HANG, received_at=datetime(2026, 3, 2, 9, 5)), "Không thuộc"
        )
        code = receive_at(unit_db, datetime(2026, 3, 2, 9, 10))
        act(unit_db, code, "request-supplement", at=datetime(2026, 3, 2, 10, 0), items=["Y"], reason="Thiếu")
        stopped = receive_at(unit_db, datetime(2026, 3, 2, 9, 20))
        act(unit_db, stopped, "stop", at=datetime(2026, 3, 2, 11, 0), reason="Theo quyết định")
        assert "Số: 1/BS" in pdf_text(prints.render_guidance(unit_db, guided.dossier_id), tmp_path)
        assert "Số: 2/BS" in pdf_text(forms.form_pdf(unit_db, code, "supplement"), tmp_path)
        assert "Số: 1/TC" in pdf_text(prints.render_refusal(unit_db, refused.dossier_id), tmp_path)
        assert "Số: 1/TB" in pdf_text(forms.form_pdf(unit_db, stopped, "stop"), tmp_path)
        assert "Số: 1/BS" in pdf_text(prints.render_guidance(unit_db, guided.dossier_id), tmp_path)

    def test_a_failed_print_gives_no_number(self, unit_db: Any, tmp_path: Path) -> None:
        code = self.extended(unit_db, datetime(2026, 3, 2, 9, 0))
        bad = unit_db.data_dir / "forms"
        bad.mkdir()
        (bad / "v2025.json").write_text(json.dumps({"forms": {"apology": {"title": "{oops}"}}}), "utf-8")
        with pytest.raises(UserError) as err:
            forms.form_pdf(unit_db, code, "apology")
        assert "apology.title" in err.value.vi
        (bad / "v2025.json").unlink()
        assert "Số: 1/PXL" in pdf_text(forms.form_pdf(unit_db, code, "apology"), tmp_path)


class TestFormSets:
    def test_each_dossier_prints_with_the_set_in_force_when_received(
        self, unit_db: Any, tmp_path: Path
    ) -> None:
        old = TestLetters().extended(unit_db, datetime(2025, 6, 30, 9, 0))
        new = TestLetters().extended(unit_db, datetime(2025, 7, 1, 9, 0))
        assert show(unit_db, old)["form_set"] == "v2018" and show(unit_db, new)["form_set"] == "v2025"
        assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in pdf_text(
            forms.form_pdf(unit_db, old, "apology"), tmp_path
        )
        text = pdf_text(forms.form_pdf(unit_db, new, "apology"), tmp_path)
        assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
        # The 2018 slip lists the documents as the form does and has no fee item; 2025 has a table and fees.
        old_slip = pdf_text(prints.render_slip(unit_db, old), tmp_path)
        assert "1. Thành phần hồ sơ nộp gồm: (1) Tờ khai đăng ký giám hộ (Bản chính: 01)" in old_slip
        assert "Phí, lệ phí" not in old_slip
        assert "6. Phí, lệ phí (nếu có)" in pdf_text(prints.render_slip(unit_db, new), tmp_path)

    def test_a_later_effective_date_applies_to_dossiers_received_from_then(self, unit_db: Any) -> None:
        before = receive_at(unit_db, datetime(2025, 7, 7, 9, 0))
        set_form_settings(
            unit_db,
            form_sets=[{"set": "v2018", "from": "2019-01-06"}, {"set": "v2025", "from": "2025-08-01"}],
        )
        july = receive_at(unit_db, datetime(2025, 7, 8, 9, 0))
        august = receive_at(unit_db, datetime(2025, 8, 1, 9, 0))
        assert show(unit_db, before)["form_set"] == "v2025"  # kept from its intake
        assert show(unit_db, july)["form_set"] == "v2018"
        assert show(unit_db, august)["form_set"] == "v2025"
        with pytest.raises(ValidationError):
            set_form_settings(unit_db, form_sets=[{"set": "v2030", "from": "2030-01-01"}])

    def test_an_admins_copy_of_the_texts_wins(self, unit_db: Any, tmp_path: Path) -> None:
        code = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
        folder = unit_db.data_dir / "forms"
        folder.mkdir()
        edited = {"forms": {"slip": {"title": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (MẪU TỈNH)"}}}
        (folder / "v2025.json").write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
        text = pdf_text(prints.render_slip(unit_db, code), tmp_path)
        assert "HẸN TRẢ KẾT QUẢ (MẪU TỈNH)" in text and "Thủ tục hành chính cần giải quyết" in text


class TestSignersAndPeople:
    def test_officers_print_as_their_account_name(self, unit_db: Any, tmp_path: Path) -> None:
        from desk_app.services.trust.auth import create_user

        create_user(unit_db, "clerk1", "Phạm Thị Lan", "clerk", "mat-khau-du-dai-123")
        code = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
        assert "Phạm Thị Lan" in pdf_text(prints.render_slip(unit_db, code), tmp_path)
        with unit_db.session() as s:
            assert (
                prints.person_name(s, "Công chức Tư pháp - Hộ tịch, UBND xã Gio Sơn, Lê Văn Tâm")
                == "Lê Văn Tâm"
            )
            assert prints.person_name(s, "cli") == ""

    def test_control_sheet_names_the_agency_and_the_last_rows_people(
        self, unit_db: Any, tmp_path: Path
    ) -> None:
        code = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
        act(unit_db, code, "forward", at=datetime(2026, 3, 2, 10, 0), to_whom="Công chức Tư pháp - Hộ tịch")
        act(unit_db, code, "result-ready", at=datetime(2026, 3, 3, 9, 0))
        act(
            unit_db,
            code,
            "return",
            at=datetime(2026, 3, 3, 10, 0),
            actor="Lê Văn Tâm",
            receiver={"name": "Trần Văn Nam", "id_number": "001090012399", "relation": "authorised"},
        )
        text = pdf_text(forms.form_pdf(unit_db, code, "control"), tmp_path)
        assert "Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân xã Gio Sơn" in text
        assert "cấp xã" not in text
        last = text[text.rindex("1. Giao") :]
        assert "Người giao Người nhận Lê Văn Tâm Trần Văn Nam" in last

    def test_signers_come_from_the_settings(self, unit_db: Any, tmp_path: Path) -> None:
        signers = settings_service.load_forms(unit_db).form_signers
        signers["apology"] = {"capacity": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Văn Bình"}
        set_form_settings(unit_db, form_signers=signers)
        code = TestLetters().extended(unit_db, datetime(2026, 3, 2, 9, 0))
        text = pdf_text(forms.form_pdf(unit_db, code, "apology"), tmp_path)
        assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Trần Văn Bình" in text
        assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" in text  # the unit's letter: its governing body above it
        signers["stop"] = {"capacity": "", "title": "THỦ TRƯỞNG CƠ QUAN", "name": ""}
        with pytest.raises(ValidationError):
            set_form_settings(unit_db, form_signers=signers)

    def test_header_uses_the_office_name_as_set_up(self, unit_db: Any, tmp_path: Path) -> None:
        set_form_settings(unit_db, office_name="Trung tâm Phục vụ hành chính công xã Gio Sơn mới")
        code = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
        text = pdf_text(prints.render_slip(unit_db, code), tmp_path)
        assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ GIO SƠN MỚI" in text
        assert "Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Gio Sơn mới" in text


class TestQr:
    def decode(self, pdf: bytes, tmp_path: Path) -> list[str]:
        path = tmp_path / "q.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "q")],
            check=True,
        )
        image = next(tmp_path.glob("q-*.png"))
        out = subprocess.run(["zbarimg", "-q", str(image)], capture_output=True, text=True)
        return out.stdout.split()

    def test_the_hub_page_wins_and_the_caption_says_what_opens(self, unit_db: Any, tmp_path: Path) -> None:
        code = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
        with unit_db.transaction() as s:
            settings.put(s, "lookup_url", "https://dichvucong.gov.vn/tra-cuu?ma={code}")
        text = pdf_text(prints.render_slip(unit_db, code), tmp_path)
        assert "chỉ tra được hồ sơ nộp trực tuyến" in text
        with unit_db.transaction() as s:
            settings.put(s, "hub_lookup_url", "https://hub.quangtri.example/tra-cuu/{code}")
        pdf = prints.render_slip(unit_db, code)
        assert f"QR-Code:https://hub.quangtri.example/tra-cuu/{code}" in self.decode(pdf, tmp_path)
        assert f"CODE-128:{code}" in self.decode(pdf, tmp_path)
        assert "xem tình trạng, ngày hẹn trả hồ sơ này" in pdf_text(pdf, tmp_path)


def test_the_slip_copy_of_the_form_data_is_plain(unit_db: Any) -> None:
    """slip_data returns printing data only (no database objects): replace() works on it."""
    code = receive_at(unit_db, datetime(2026, 3, 2, 9, 0))
    with unit_db.session() as s:
        dossier = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        data = prints.slip_data(s, dossier)
    assert replace(data, reprint=True).book_seq == 1
