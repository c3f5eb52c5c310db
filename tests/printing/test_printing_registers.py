"""The control sheet and the Sổ theo dõi hồ sơ (2,000 rows, landscape, repeated header)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from desk_app.printing import (
    BookRow,
    ControlSheetData,
    ControlStep,
    TrackingBookData,
    UnitHeader,
    render_control_sheet,
    render_tracking_book,
)

CODE = "001.05.12.H49-260213-0007"


def test_control_sheet(header: UnitHeader, pdf_tools: Any) -> None:
    steps = [
        ControlStep(
            "Bộ phận TN&TKQ",
            "Công chức Tư pháp - Hộ tịch",
            datetime(2026, 2, 13, 9, 5),
            "on_time",
            from_person="Lê Văn Tâm",
            to_person="Phạm Thị Lan",
        ),
        ControlStep("Công chức Tư pháp - Hộ tịch", "Lãnh đạo UBND xã", datetime(2026, 2, 13, 14, 0), "early"),
        ControlStep(
            "Lãnh đạo UBND xã", "Bộ phận TN&TKQ", datetime(2026, 2, 16, 15, 0), "late", note="Ký duyệt chậm"
        ),
    ]
    data = ControlSheetData(
        header=header,
        code=CODE,
        steps=steps,
        issued_at=datetime(2026, 2, 13, 8, 40),
        slip_reference=CODE,
        processing_agency="Công chức Tư pháp - Hộ tịch",
        coordinating_agency="Không",
        applicant_name="Nguyễn Thị Hằng",
        procedure_name="Đăng ký khai sinh",
        blank_rows=1,
    )
    pdf = render_control_sheet(data)
    flat = " ".join(pdf_tools.text(pdf, layout=False).split())  # reading order keeps table cells whole
    for expected in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        f"Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: {CODE}",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch",
        "Cơ quan phối hợp giải quyết hồ sơ: Không",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "GHI CHÚ",
        "1. Giao: Bộ phận TN&TKQ",
        "2. Nhận: Công chức Tư pháp - Hộ tịch",
        "Giao: 09 giờ 05 phút, ngày 13 tháng 02 năm 2026",
        "Người giao",
        "Người nhận",
        "Phạm Thị Lan",
        "Đúng hạn",
        "Trước hạn",
        "Quá hạn",
        "Ký duyệt chậm",
        "Nguyễn Thị Hằng",
    ):
        assert expected in flat, f"{expected!r} missing:\n{flat}"
    assert "BẢN IN LẠI" not in flat
    symbols = pdf_tools.symbols_per_page(pdf, dpi=200)
    assert symbols[0] == [CODE]


def test_control_sheet_reprint(header: UnitHeader, pdf_tools: Any) -> None:
    data = ControlSheetData(
        header=header,
        code=CODE,
        steps=[],
        issued_at=datetime(2026, 2, 13),
        blank_rows=3,
        reprint=True,
        reprint_count=1,
    )
    assert "BẢN IN LẠI (lần 1)" in pdf_tools.text(render_control_sheet(data))


def book_rows(count: int) -> list[BookRow]:
    procedures = [
        "Đăng ký khai sinh",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
        "Đăng ký thường trú",
    ]
    names = ["Nguyễn Thị Hằng", "Trần Văn Bình", "Lê Thị Thu Hương"]
    start = datetime(2026, 1, 2, 7, 30)
    rows = []
    for index in range(count):
        received = start + timedelta(minutes=11 * index)
        rows.append(
            BookRow(
                seq=index + 1,
                code=f"001.05.12.H49-{received:%y%m%d}-{index % 10000:04d}",
                procedure_name=procedures[index % 3],
                applicant_name=names[index % 3],
                received_at=received,
                set_count=1 + index % 2,
                address_phone="Thôn An Nhơn, xã Gio Sơn; 0912 345 678",
                processing_agency="Công chức Tư pháp - Hộ tịch",
                due_at=received + timedelta(days=3),
                forwarded_at=received + timedelta(hours=1),
                result_received_at=None,
                returned_at=received + timedelta(days=2) if index % 4 == 0 else None,
                note="Trả qua bưu chính" if index % 50 == 0 else "",
            )
        )
    return rows


@pytest.mark.slow
def test_tracking_book_with_2000_rows(header: UnitHeader, pdf_tools: Any) -> None:
    rows = book_rows(2000)
    data = TrackingBookData(
        header=header,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 3, 31),
        rows=rows,
        issued_at=datetime(2026, 4, 1, 8, 0),
        book_number="01/2026",
    )
    pdf = render_tracking_book(data)
    width, height = pdf_tools.page_size(pdf)
    assert width > height, "the register must be landscape"
    assert (round(width), round(height)) == (842, 595)
    pages = pdf_tools.page_texts(pdf)
    assert len(pages) > 20
    first = " ".join(pages[0].split())
    assert "SỔ THEO DÕI HỒ SƠ" in first
    assert "Từ ngày 01/01/2026 đến ngày 31/03/2026" in first
    assert "Quyển số: 01/2026" in first
    last_code_head, last_code_tail = rows[-1].code.split("-", 1)
    flat_last = " ".join(pages[-1].split())
    assert last_code_head in flat_last and last_code_tail in flat_last
    assert f"Trang {len(pages)}/{len(pages)}" in flat_last
    for page in pages:  # the column header repeats on every page
        flat = " ".join(page.split())
        assert "Mã hồ sơ" in flat and "Ngày, tháng, năm" in flat and "(14)" in flat
    all_text = " ".join(" ".join(pages).split())
    assert all_text.count("Trả qua bưu chính") == 40
    # every row is printed exactly once: count the sequence numbers in column 1
    seq_hits = sum(1 for page in pages for line in page.splitlines() if line.strip()[:5].strip().isdigit())
    assert seq_hits >= 2000


def test_empty_tracking_book(header: UnitHeader, pdf_tools: Any) -> None:
    data = TrackingBookData(
        header=header,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 1, 31),
        rows=[],
        issued_at=datetime(2026, 2, 1),
        reprint=True,
        reprint_count=1,
    )
    text = pdf_tools.text(render_tracking_book(data))
    assert "(Không có hồ sơ trong kỳ)" in text
    assert "BẢN IN LẠI (lần 1)" in text
