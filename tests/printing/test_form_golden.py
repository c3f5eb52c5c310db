"""Every form of both sets, read back with pdftotext and compared with a golden text (issue 15).

A wording change is a visible diff of ``tests/printing/golden/<set>/<form>.txt``: lines in pdftotext's
reading order, whitespace normalised, empty lines dropped. After a deliberate change, regenerate with
``DESK_APP_UPDATE_GOLDEN=1 pytest tests/printing/test_form_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desk_app.printing import (
    ApologyData,
    BookRow,
    ControlSheetData,
    ControlStep,
    DocumentLine,
    RefusalData,
    Signature,
    SlipData,
    StopNoticeData,
    SupplementData,
    TrackingBookData,
    UnitHeader,
    render_apology,
    render_control_sheet,
    render_refusal,
    render_slip,
    render_stop_notice,
    render_supplement,
    render_tracking_book,
)

GOLDEN = Path(__file__).parent / "golden"
PRINTED = datetime(2026, 8, 5, 8, 40)
RECEIVED = datetime(2026, 8, 3, 8, 37)
HEADER = UnitHeader(
    governing_body="ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
    unit_name="Ủy ban nhân dân xã Gio Sơn",
    place_name="Gio Sơn",
    office_name="Trung tâm Phục vụ hành chính công xã Gio Sơn",
    hotline="0233 3861 234",
)
CODE = "001.05.12.H49-260803-0007"
CHAIR = Signature("CHỦ TỊCH", "Trần Văn Bình", "TM. ỦY BAN NHÂN DÂN")


def slip(form_set: str) -> bytes:
    return render_slip(
        SlipData(
            header=HEADER,
            code=CODE,
            applicant_name="Nguyễn Thị Hằng",
            procedure_name="Đăng ký khai sinh",
            procedure_code="1.001193",
            received_at=RECEIVED,
            due_at=datetime(2026, 8, 5, 16, 30),
            applicant_id_number="045190001234",
            address="Thôn An Nhơn, xã Gio Sơn",
            phone="0912 345 678",
            documents=[
                DocumentLine("Tờ khai đăng ký khai sinh", "original", 1),
                DocumentLine("Giấy chứng sinh", "original", 1),
            ],
            processing_time_text="03 ngày làm việc",
            return_via_text="Trung tâm Phục vụ hành chính công xã Gio Sơn",
            fee_text="8.000 đồng (đã nộp tiền mặt)",
            book_number="01/2026",
            book_seq=270,
            receiver_name="Lê Văn Tâm",
            form_set=form_set,  # type: ignore[arg-type]
        ),
        "A4",
        printed_at=PRINTED,
    )


def supplement(form_set: str) -> bytes:
    return render_supplement(
        SupplementData(
            header=HEADER,
            applicant_name="Nguyễn Thị Hằng",
            procedure_name="Đăng ký khai sinh",
            items=["Bản chính Giấy chứng sinh"],
            issued_at=datetime(2026, 2, 15, 9, 0),
            number="3/BS",
            address="Thôn An Nhơn, xã Gio Sơn",
            phone="0912 345 678",
            reason="Hồ sơ chưa đủ thành phần",
            contact_name="Trung tâm Phục vụ hành chính công xã Gio Sơn",
            contact_phone="0233 3861 234",
            guide_name="Lê Văn Tâm",
            code=CODE,
            form_set=form_set,  # type: ignore[arg-type]
        ),
        printed_at=PRINTED,
    )


def refusal(form_set: str) -> bytes:
    return render_refusal(
        RefusalData(
            header=HEADER,
            applicant_name="Nguyễn Thị Hằng",
            procedure_name="Đăng ký khai sinh",
            legal_basis="Luật Hộ tịch 2014; NĐ 123/2015/NĐ-CP",
            reason="Việc khai sinh đã được đăng ký tại xã khác",
            issued_at=datetime(2026, 8, 5, 9, 0),
            number="12/TC",
            officer_name="Lê Văn Tâm",
            form_set=form_set,  # type: ignore[arg-type]
        ),
        printed_at=PRINTED,
    )


def apology(form_set: str) -> bytes:
    return render_apology(
        ApologyData(
            header=HEADER,
            applicant_name="Nguyễn Thị Hằng",
            procedure_name="Đăng ký khai sinh",
            code=CODE,
            received_at=RECEIVED,
            original_due_at=datetime(2026, 8, 5, 16, 30),
            new_due_at=datetime(2026, 8, 12, 16, 30),
            reason="Cần xác minh tại nơi cư trú trước đây",
            issued_at=datetime(2026, 8, 5, 10, 0),
            number="12/PXL",
            address="Thôn An Nhơn, xã Gio Sơn",
            phone="0912 345 678",
            agency_name="Ủy ban nhân dân xã Gio Sơn",
            signer=CHAIR,
            form_set=form_set,  # type: ignore[arg-type]
        ),
        printed_at=PRINTED,
    )


def stop(form_set: str) -> bytes:
    return render_stop_notice(
        StopNoticeData(
            header=HEADER,
            applicant_name="Nguyễn Thị Hằng",
            procedure_name="Đăng ký khai sinh",
            code=CODE,
            received_at=RECEIVED,
            request_text="đơn đề nghị rút hồ sơ của ông/bà ngày 04/8/2026",
            reason="Theo đề nghị của người nộp hồ sơ",
            issued_at=datetime(2026, 8, 5, 10, 0),
            number="2/TB",
            stage="Đang xử lý",
            financial_text="Miễn phí",
            agency_name="Ủy ban nhân dân xã Gio Sơn",
            signer=Signature("PHÓ CHỦ TỊCH", "Hoàng Văn Cường", "KT. CHỦ TỊCH"),
            form_set=form_set,  # type: ignore[arg-type]
        ),
        printed_at=PRINTED,
    )


def control(form_set: str) -> bytes:
    return render_control_sheet(
        ControlSheetData(
            header=HEADER,
            code=CODE,
            steps=[
                ControlStep(
                    HEADER.office,
                    "Công chức Tư pháp - Hộ tịch",
                    datetime(2026, 8, 3, 10, 0),
                    "early",
                    "",
                    "Lê Văn Tâm",
                ),
                ControlStep(
                    HEADER.office,
                    "Nguyễn Thị Hằng (nhận kết quả)",
                    datetime(2026, 8, 5, 15, 0),
                    "on_time",
                    "",
                    "Lê Văn Tâm",
                    "Nguyễn Thị Hằng",
                ),
            ],
            issued_at=PRINTED,
            slip_reference=CODE,
            processing_agency="Ủy ban nhân dân xã Gio Sơn",
            applicant_name="Nguyễn Thị Hằng",
            procedure_name="Đăng ký khai sinh",
            book_number="01/2026",
            book_seq=270,
            form_set=form_set,  # type: ignore[arg-type]
        ),
        printed_at=PRINTED,
    )


def book(form_set: str) -> bytes:
    rows = [
        BookRow(
            seq=270 + i,
            code=f"001.05.12.H49-260803-{7 + i:04d}",
            procedure_name="Đăng ký khai sinh",
            applicant_name=name,
            received_at=RECEIVED,
            address_phone="Thôn An Nhơn, 0912345678",
            processing_agency="Ủy ban nhân dân xã Gio Sơn",
            due_at=datetime(2026, 8, 5, 16, 30),
            volume="01/2026",
        )
        for i, name in enumerate(("Nguyễn Thị Hằng", "Lê Văn Tám"))
    ]
    return render_tracking_book(
        TrackingBookData(
            header=HEADER,
            date_from=date(2026, 8, 3),
            date_to=date(2026, 8, 3),
            rows=rows,
            issued_at=PRINTED,
            form_set=form_set,  # type: ignore[arg-type]
        ),
        printed_at=PRINTED,
    )


FORMS: dict[str, Callable[[str], bytes]] = {
    "slip": slip,
    "supplement": supplement,
    "refusal": refusal,
    "apology": apology,
    "stop": stop,
    "control": control,
    "book": book,
}


def read_back(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode(
        "utf-8"
    )
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", out).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("form_set", ["v2018", "v2025"])
def test_form_matches_its_golden_text(form_set: str, form: str, tmp_path: Path, pdf_tools: Any) -> None:
    """The printed text of ``form`` in ``form_set`` is exactly the reviewed golden text."""
    text = read_back(FORMS[form](form_set), tmp_path)
    golden = GOLDEN / form_set / f"{form}.txt"
    if os.environ.get("DESK_APP_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden text {golden}: run with DESK_APP_UPDATE_GOLDEN=1 and review it"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("form_set", ["v2018", "v2025"])
def test_every_form_of_a_set_prints_its_date_by_nd30_and_no_placeholder(
    form_set: str, tmp_path: Path
) -> None:
    """No form prints "tháng 08" or the signer placeholder; the August date reads "tháng 8"."""
    for form, render in FORMS.items():
        text = read_back(render(form_set), tmp_path)
        assert "tháng 08" not in text, form
        assert "THỦ TRƯỞNG CƠ QUAN" not in text, form
        assert "{" not in text and "}" not in text, form  # every placeholder filled


@pytest.mark.parametrize("form_set", ["v2018", "v2025"])
def test_barcodes_of_slip_and_control_sheet_decode(form_set: str, pdf_tools: Any) -> None:
    assert pdf_tools.symbols_per_page(slip(form_set), dpi=200) == [[CODE], [CODE]]  # one symbol per copy
    assert pdf_tools.symbols_per_page(control(form_set), dpi=200)[0] == [CODE]
