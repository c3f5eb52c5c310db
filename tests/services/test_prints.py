"""Print glue (services.prints): real PDFs read back with pdftotext, barcodes decoded with zbarimg,
every print and reprint audited."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.domain.errors import NotFound, UserError, ValidationError
from desk_app.services.intake.receive import (
    ApplicantInput,
    DocumentInput,
    FeeInput,
    IntakeRequest,
    guide,
    receive,
    refuse,
)
from desk_app.services.lifecycle import prints
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import AuditEvent

HANG = ApplicantInput(
    "Nguyễn Thị Hằng",
    "001190012345",
    birth_date=date(1990, 5, 2),
    gender="Nữ",
    address="Thôn Đông, xã Gio Sơn",
    phone="0912345678",
    email="hang@example.vn",
)


def pdf_text(pdf: bytes, tmp_path: Path, name: str = "doc.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return " ".join(unicodedata.normalize("NFC", out.decode("utf-8")).split())  # lines wrap anywhere


def decode_page(pdf: bytes, tmp_path: Path, page: int) -> list[str]:
    """Symbols zbarimg finds on ``page`` rendered at 150 dpi, as "TYPE:data" lines."""
    path = tmp_path / f"p{page}.pdf"
    path.write_bytes(pdf)
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    proc = subprocess.run(["zbarimg", "-q", str(prefix) + ".png"], capture_output=True, text=True)
    return [line for line in proc.stdout.splitlines() if line]


def page_size(pdf: bytes, tmp_path: Path) -> str:
    """ "A4" or "A5" from pdfinfo's page size in points (A5 = 419.5 × 595.3, A4 = 595.3 × 841.9)."""
    path = tmp_path / "size.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (round(float(x)) for x in line.split(":")[1].split("pts")[0].split("x"))
    return {(420, 595): "A5", (595, 842): "A4"}.get((width, height), line)


@pytest.fixture
def code(unit_db: Database) -> str:
    res = receive(
        unit_db,
        IntakeRequest(
            "1.001193",
            HANG,
            [DocumentInput("Tờ khai đăng ký khai sinh"), DocumentInput("Giấy chứng sinh", "copy")],
            received_at=datetime(2026, 2, 13, 9, 0),
            note="",
        ),
        actor="Phạm Thị Lan",
    )
    assert res.code
    return res.code


def print_events(db: Database) -> list[dict[str, object]]:
    with db.session() as s:
        return [
            e.detail or {}
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "print").order_by(AuditEvent.id))
        ]


class TestSlip:
    def test_text_reads_back_with_diacritics(self, unit_db: Database, code: str, tmp_path: Path) -> None:
        text = pdf_text(prints.render_slip(unit_db, code, actor="Phạm Thị Lan"), tmp_path)
        for words in (
            "Nguyễn Thị Hằng",
            "Đăng ký khai sinh",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            code,
            "Tờ khai đăng ký khai sinh",
            "Thôn Đông, xã Gio Sơn",
            "0912345678",
            "Phạm Thị Lan",
            "17 giờ 00 phút",
            "Miễn phí",
            "Liên 1",
            "Liên 2",
        ):
            assert words in text, words
        assert "BẢN IN LẠI" not in text

    def test_barcode_decodes_to_the_code_on_both_copies(
        self, unit_db: Database, code: str, tmp_path: Path
    ) -> None:
        with unit_db.transaction() as s:
            settings.put(s, "lookup_url", "https://dvc.quangtri.gov.vn/tra-cuu?ma={code}")
        pdf = prints.render_slip(unit_db, code)
        for page in (1, 2):
            symbols = decode_page(pdf, tmp_path, page)
            assert f"CODE-128:{code}" in symbols, symbols
            qr = [s for s in symbols if s.startswith("QR-Code:")]
            assert qr and qr[0].endswith(code)

    def test_no_lookup_address_no_qr(self, unit_db: Database, code: str, tmp_path: Path) -> None:
        """The national portal does not know dossiers received offline: no QR unless an address is set."""
        pdf = prints.render_slip(unit_db, code)
        symbols = decode_page(pdf, tmp_path, 1)
        assert symbols == [f"CODE-128:{code}"]
        assert "Quét mã" not in pdf_text(pdf, tmp_path)

    def test_lookup_url_setting_goes_into_the_qr(self, unit_db: Database, code: str, tmp_path: Path) -> None:
        with unit_db.transaction() as s:
            settings.put(s, "lookup_url", "https://dvc.quangtri.gov.vn/tra-cuu?ma={code}")
        symbols = decode_page(prints.render_slip(unit_db, code), tmp_path, 1)
        assert f"QR-Code:https://dvc.quangtri.gov.vn/tra-cuu?ma={code}" in symbols

    def test_second_print_is_a_reprint_and_both_are_audited(
        self, unit_db: Database, code: str, tmp_path: Path
    ) -> None:
        prints.render_slip(unit_db, code, actor="lan")
        text = pdf_text(prints.render_slip(unit_db, code, actor="lan"), tmp_path)
        assert "BẢN IN LẠI (lần 1)" in text
        text = pdf_text(prints.render_slip(unit_db, code.lower(), actor="lan"), tmp_path)
        assert "BẢN IN LẠI (lần 2)" in text
        events = print_events(unit_db)
        assert [(e["form"], e["reprint"], e["count"], e["code"]) for e in events] == [
            ("slip", False, 0, code),
            ("slip", True, 1, code),
            ("slip", True, 2, code),
        ]
        with unit_db.session() as s:
            assert audit.verify(s).ok

    def test_forced_reprint_on_first_print(self, unit_db: Database, code: str, tmp_path: Path) -> None:
        assert "BẢN IN LẠI (lần 1)" in pdf_text(prints.render_slip(unit_db, code, reprint=True), tmp_path)
        assert print_events(unit_db)[0]["reprint"] is True

    def test_paper_setting_and_override(self, unit_db: Database, code: str, tmp_path: Path) -> None:
        assert page_size(prints.render_slip(unit_db, code), tmp_path) == "A5"
        with unit_db.transaction() as s:
            settings.put(s, "paper_size", "A4")
        assert page_size(prints.render_slip(unit_db, code), tmp_path) == "A4"
        assert page_size(prints.render_slip(unit_db, code, paper="a5"), tmp_path) == "A5"
        with pytest.raises(ValidationError):
            prints.render_slip(unit_db, code, paper="Letter")
        assert [e["paper"] for e in print_events(unit_db)] == ["A5", "A4", "A5"]

    def test_fee_and_representative_lines(self, unit_db: Database, tmp_path: Path) -> None:
        res = receive(
            unit_db,
            IntakeRequest(
                "2.000815",
                HANG,
                [DocumentInput("Bản chính giấy khai sinh")],
                received_at=datetime(2026, 3, 2, 9, 0),
                fee=FeeInput(pages=3, copies=2),
                return_via="postal",
                representative=ApplicantInput("Lê Văn Cường", "045087001234", gender="Nam"),
            ),
        )
        assert res.code
        text = pdf_text(prints.render_slip(unit_db, res.code), tmp_path)
        assert "10.000 đồng (đã nộp tiền mặt)" in text
        assert "Lê Văn Cường" in text and "bưu chính" in text

    def test_unknown_code(self, unit_db: Database) -> None:
        with pytest.raises(NotFound):
            prints.render_slip(unit_db, "001.05.12.H49-260213-0999")


class TestRenderAndRecord:
    def test_failed_render_records_nothing(self, unit_db: Database, code: str) -> None:
        def broken(session: object, dossier: object, mark: prints.PrintMark) -> bytes:
            raise RuntimeError("printer library bug")

        with pytest.raises(RuntimeError):
            prints.render_and_record(unit_db, code, "control_sheet", broken)
        assert print_events(unit_db) == []

    def test_custom_form_gets_its_own_count(self, unit_db: Database, code: str) -> None:
        marks: list[prints.PrintMark] = []

        def build(session: object, dossier: object, mark: prints.PrintMark) -> bytes:
            marks.append(mark)
            return b"%PDF-1.4 fake"

        prints.render_slip(unit_db, code)
        prints.render_and_record(unit_db, code, "control_sheet", build, actor="lan")
        prints.render_and_record(unit_db, code, "control_sheet", build, actor="lan")
        assert [(m.reprint, m.count) for m in marks] == [(False, 0), (True, 1)]
        assert [e["form"] for e in print_events(unit_db)] == ["slip", "control_sheet", "control_sheet"]


class TestOutcomeForms:
    def test_guidance_form(self, unit_db: Database, tmp_path: Path) -> None:
        res = guide(
            unit_db,
            IntakeRequest("1.004873", HANG, received_at=datetime(2026, 3, 2, 9, 30)),
            ["Bản sao Giấy xác nhận cư trú", "Tờ khai có chữ ký"],
            "Hồ sơ chưa đủ thành phần",
            actor="Phạm Thị Lan",
        )
        text = pdf_text(prints.render_guidance(unit_db, res.dossier_id, actor="lan"), tmp_path)
        for words in (
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Nguyễn Thị Hằng",
            "Số: 1/BS",
            "1. Bản sao Giấy xác nhận cư trú",
            "2. Tờ khai có chữ ký",
            "Hồ sơ chưa đủ thành phần",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            "Phạm Thị Lan",
        ):
            assert words in text, words
        assert print_events(unit_db)[0]["form"] == "guidance"
        with pytest.raises(UserError):
            prints.render_slip(unit_db, "HD-260302-0001")

    def test_guided_dossier_has_no_slip(self, unit_db: Database) -> None:
        res = guide(
            unit_db, IntakeRequest("1.004873", HANG, received_at=datetime(2026, 3, 2, 9, 30)), ["X"], ""
        )
        with pytest.raises(UserError):
            prints.render_and_record(unit_db, res.dossier_id, "slip", prints._build_slip)

    def test_refusal_form(self, unit_db: Database, tmp_path: Path) -> None:
        res = refuse(
            unit_db,
            IntakeRequest("1.004873", HANG, received_at=datetime(2026, 3, 2, 9, 30)),
            "Yêu cầu không thuộc thẩm quyền của UBND xã",
            "Nghị định số 118/2025/NĐ-CP",
        )
        text = pdf_text(prints.render_refusal(unit_db, res.dossier_id), tmp_path)
        for words in (
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "Số: 1/TC",
            "Nghị định số 118/2025/NĐ-CP",
            "Yêu cầu không thuộc thẩm quyền của UBND xã",
            "Nguyễn Thị Hằng",
        ):
            assert words in text, words
        text = pdf_text(prints.render_refusal(unit_db, res.dossier_id), tmp_path)
        assert "BẢN IN LẠI (lần 1)" in text and "Số: 1/TC" in text

    def test_refusal_form_of_a_guided_dossier_is_refused(self, unit_db: Database) -> None:
        res = guide(
            unit_db, IntakeRequest("1.004873", HANG, received_at=datetime(2026, 3, 2, 9, 30)), ["X"], ""
        )
        with pytest.raises(UserError):
            prints.render_refusal(unit_db, res.dossier_id)


def test_unit_header_uses_unit_and_hotline(unit_db: Database) -> None:
    with unit_db.transaction() as s:
        settings.put(s, "hotline", "0233 3851 234")
    with unit_db.session() as s:
        header = prints.unit_header(s)
    assert header.unit_name == "Ủy ban nhân dân xã Gio Sơn"
    assert header.hotline == "0233 3851 234"
    assert header.place_name == "Gio Sơn"
