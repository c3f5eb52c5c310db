"""The lifecycle's forms: real PDFs read back with pdftotext, prints audited and reprints marked."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.errors import UserError, ValidationError
from desk_app.services.lifecycle import forms
from desk_app.services.lifecycle.dossier_view import get_dossier, show
from desk_app.services.lifecycle.moves import act
from tests.services.test_lifecycle_support import make_dossier


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_size(pdf: bytes, tmp_path: Path) -> tuple[float, float]:
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("Page size:"))
    w, _, h = line.split(":", 1)[1].split()[:3]
    return float(w), float(h)


@pytest.fixture
def journey(unit_db: Any) -> str:
    """Received Mon 7/7 09:00 (due Thu 10/7 09:00) → specialist → supplement → leader → result → returned."""
    code = make_dossier(unit_db)
    act(unit_db, code, "forward", at=datetime(2025, 7, 7, 10, 0), to_whom="Công chức Tư pháp - Hộ tịch")
    act(
        unit_db,
        code,
        "request-supplement",
        at=datetime(2025, 7, 8, 10, 0),
        items=["Bản sao giấy khai sinh của người được giám hộ"],
        reason="Thiếu giấy tờ chứng minh",
    )
    act(unit_db, code, "supplement-received", at=datetime(2025, 7, 9, 10, 0))
    act(unit_db, code, "forward", at=datetime(2025, 7, 10, 8, 0), to_whom="Chủ tịch UBND xã")
    act(
        unit_db,
        code,
        "extend",
        at=datetime(2025, 7, 10, 9, 0),
        new_due=date(2025, 7, 16),
        reason="Chờ lãnh đạo ký duyệt",
        actor="leader1",
    )
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 15, 9, 0))
    act(unit_db, code, "return", at=datetime(2025, 7, 16, 8, 0), rating="satisfied")
    return code


def test_control_sheet_lists_each_hand_over_with_its_timeliness(
    unit_db: Any, journey: str, tmp_path: Path
) -> None:
    """Due Thu 10/7 09:00 + 450 paused minutes = Fri 11/7 09:00: the first forwards are early, the result
    on 15/7 is late (the extension does not count), the return later still."""
    with unit_db.session() as s:
        dossier = get_dossier(s, journey)
        steps = forms.control_steps(dossier, "Bộ phận một cửa", WorkingCalendar())
    assert [(st.from_party, st.to_party, st.result) for st in steps] == [
        ("Bộ phận một cửa", "Công chức Tư pháp - Hộ tịch", "early"),
        ("Công chức Tư pháp - Hộ tịch", "Chủ tịch UBND xã", "early"),
        ("Chủ tịch UBND xã", "Bộ phận một cửa", "late"),
        ("Bộ phận một cửa", "Nguyễn Thị Hằng (nhận kết quả)", "late"),
    ]
    assert "Yêu cầu bổ sung" in steps[0].note and "Nhận bổ sung" in steps[0].note
    assert "Gia hạn đến 09:00 16/07/2025" in steps[1].note

    text = " ".join(pdf_text(forms.form_pdf(unit_db, journey, "control", actor="clerk1"), tmp_path).split())
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    for word in ("Công chức Tư pháp - Hộ tịch", "Chủ tịch UBND xã", "Trước hạn", "Quá hạn", journey):
        assert word in text
    assert "BẢN IN LẠI" not in text
    again = pdf_text(forms.form_pdf(unit_db, journey, "control"), tmp_path)
    assert "BẢN IN LẠI" in again
    prints = show(unit_db, journey)["prints"]
    assert [(p["form"], p["reprint"], p["count"]) for p in prints] == [
        ("control", False, 0),
        ("control", True, 1),
    ]
    assert prints[0]["actor"] == "clerk1"


def test_supplement_and_apology_forms(unit_db: Any, journey: str, tmp_path: Path) -> None:
    text = " ".join(pdf_text(forms.form_pdf(unit_db, journey, "supplement"), tmp_path).split())
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Bản sao giấy khai sinh của người được giám hộ" in text
    assert "Thiếu giấy tờ chứng minh" in text and "Nguyễn Thị Hằng" in text
    text = " ".join(pdf_text(forms.form_pdf(unit_db, journey, "apology"), tmp_path).split())
    assert "XIN LỖI" in text and "Chờ lãnh đạo ký duyệt" in text
    assert "ngày 10 tháng 7 năm 2025" in text  # the original due date (NĐ 30: no zero before 7)
    assert "ngày 16 tháng 7 năm 2025" in text  # the new one
    assert "Số: 1/PXL" in text and "TM. ỦY BAN NHÂN DÂN" in text and "THỦ TRƯỞNG" not in text


def test_stop_notice_after_withdrawal(unit_db: Any, tmp_path: Path) -> None:
    code = make_dossier(unit_db)
    act(unit_db, code, "forward", at=datetime(2025, 7, 7, 10, 0), to_whom="Công chức")
    act(unit_db, code, "withdraw", at=datetime(2025, 7, 8, 9, 0), reason="Công dân không còn nhu cầu")
    act(unit_db, code, "stop", at=datetime(2025, 7, 8, 10, 0), reason="Theo đề nghị rút hồ sơ")
    text = " ".join(pdf_text(forms.form_pdf(unit_db, code, "stop"), tmp_path).split())
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "đơn đề nghị rút hồ sơ của ông/bà ngày 08/07/2025" in text
    assert "Đang xử lý" in text  # the stage when the request came
    assert "Theo đề nghị rút hồ sơ" in text


def test_refusal_during_processing(unit_db: Any, tmp_path: Path) -> None:
    code = make_dossier(unit_db)
    act(unit_db, code, "refuse", at=datetime(2025, 7, 7, 10, 0), reason="Không thuộc thẩm quyền của xã")
    text = " ".join(pdf_text(forms.form_pdf(unit_db, code, "refusal"), tmp_path).split())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Không thuộc thẩm quyền của xã" in text
    # Issued and signed for the unit, not under "NGƯỜI TIẾP NHẬN HỒ SƠ".
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" not in text and "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text


def test_a_form_without_its_move_is_refused_and_not_audited(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    for form in ("supplement", "apology", "stop", "refusal"):
        with pytest.raises(UserError):
            forms.form_pdf(unit_db, code, form)
    with pytest.raises(ValidationError):
        forms.form_pdf(unit_db, code, "receipt")
    assert show(unit_db, code)["prints"] == []


def test_tracking_book_is_landscape_with_the_dossiers_of_the_range(
    unit_db: Any, journey: str, tmp_path: Path
) -> None:
    other = make_dossier(
        unit_db, received_at=datetime(2025, 7, 9, 9, 0), name="Lê Văn Tám", id_number="001085054321"
    )
    outside = make_dossier(
        unit_db, received_at=datetime(2025, 7, 11, 9, 0), name="Hồ Thị Chín", id_number="001185054321"
    )
    pdf = forms.book_pdf(unit_db, date(2025, 7, 7), date(2025, 7, 10), actor="clerk1")
    width, height = page_size(pdf, tmp_path)
    assert width > height
    text = pdf_text(pdf, tmp_path)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    flat = text.replace("\n", "")
    assert journey.replace("-", "") in flat.replace("-", "") and other.replace("-", "") in flat.replace(
        "-", ""
    )
    assert outside.replace("-", "") not in flat.replace("-", "")
    assert "Lê Văn Tám" in text and "Gia hạn đến 16/07/2025" in " ".join(text.split())
    again = pdf_text(forms.book_pdf(unit_db, date(2025, 7, 7), date(2025, 7, 10)), tmp_path)
    assert "BẢN IN LẠI" in again
    with pytest.raises(ValidationError):
        forms.book_pdf(unit_db, date(2025, 7, 10), date(2025, 7, 7))


def test_write_atomic_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "form.pdf"
    forms.write_atomic(target, b"%PDF-one")
    forms.write_atomic(target, b"%PDF-two")
    assert target.read_bytes() == b"%PDF-two"
    assert [p.name for p in target.parent.iterdir()] == ["form.pdf"]
