"""Mẫu 02–05: supplement request, refusal, apology (2025 / 2018 wording), stop notice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from desk_app.printing import (
    ApologyData,
    RefusalData,
    Signature,
    StopNoticeData,
    SupplementData,
    UnitHeader,
    render_apology,
    render_refusal,
    render_stop_notice,
    render_supplement,
)

ISSUED = datetime(2026, 3, 5, 9, 15)
RECEIVED = datetime(2026, 2, 13, 8, 37)


def supplement(header: UnitHeader, **overrides: Any) -> SupplementData:
    values: dict[str, Any] = {
        "header": header,
        "applicant_name": "Nguyễn Thị Hằng",
        "procedure_name": "Đăng ký khai sinh",
        "items": ["Bổ sung bản chính Giấy chứng sinh", "Tờ khai ghi thiếu nơi sinh của trẻ"],
        "issued_at": ISSUED,
        "number": "03/PYCBS",
        "address": "Thôn An Nhơn, xã Gio Sơn",
        "phone": "0912 345 678",
        "reason": "Hồ sơ chưa đầy đủ thành phần theo quy định",
        "contact_name": "Lê Văn Tâm",
        "contact_phone": "0233 3861 234",
        "guide_name": "Lê Văn Tâm",
    }
    values.update(overrides)
    return SupplementData(**values)


def apology(header: UnitHeader, **overrides: Any) -> ApologyData:
    values: dict[str, Any] = {
        "header": header,
        "applicant_name": "Nguyễn Thị Hằng",
        "procedure_name": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "code": "001.05.12.H49-260213-0007",
        "received_at": RECEIVED,
        "original_due_at": datetime(2026, 2, 18, 16, 30),
        "new_due_at": datetime(2026, 2, 24, 10, 0),
        "reason": "Cần xác minh tại nơi cư trú trước đây",
        "issued_at": ISSUED,
        "number": "02/PXL",
        "signer": Signature("CHỦ TỊCH", "Trần Văn Bình", "TM. ỦY BAN NHÂN DÂN"),
    }
    values.update(overrides)
    return ApologyData(**values)


def test_supplement_request(header: UnitHeader, pdf_tools: Any) -> None:
    text = " ".join(pdf_tools.text(render_supplement(supplement(header))).split())
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Số: 03/PYCBS",
        "Gio Sơn, ngày 05 tháng 3 năm 2026",
        "Hồ sơ của: Nguyễn Thị Hằng",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "1. Bổ sung bản chính Giấy chứng sinh",
        "2. Tờ khai ghi thiếu nơi sinh của trẻ",
        "Lý do: Hồ sơ chưa đầy đủ thành phần theo quy định",
        "liên hệ với Lê Văn Tâm số điện thoại 0233 3861 234",
        "NGƯỜI HƯỚNG DẪN",
        "(Ký và ghi rõ họ tên)",
    ):
        assert expected in text, f"{expected!r} missing:\n{text}"
    assert "Mã hồ sơ" not in text  # not received: no code
    assert "BẢN IN LẠI" not in text


def test_supplement_with_code_and_reprint(header: UnitHeader, pdf_tools: Any) -> None:
    pdf = render_supplement(
        supplement(header, code="001.05.12.H49-260213-0007", reprint=True, reprint_count=1)
    )
    text = pdf_tools.text(pdf)
    assert "Mã hồ sơ: 001.05.12.H49-260213-0007" in text
    assert "BẢN IN LẠI (lần 1)" in text


def test_refusal(header: UnitHeader, pdf_tools: Any) -> None:
    data = RefusalData(
        header=header,
        applicant_name="Nguyễn Thị Hằng",
        procedure_name="Đăng ký khai sinh",
        legal_basis="Luật Hộ tịch năm 2014",
        reason="Việc khai sinh đã được đăng ký tại xã khác.",
        issued_at=ISSUED,
        number="01/PTC",
        officer_name="Lê Văn Tâm",
        reprint=True,
        reprint_count=2,
    )
    text = pdf_tools.text(render_refusal(data))
    for expected in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Số: 01/PTC",
        "Bộ phận tiếp nhận và trả kết quả: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ GIO SƠN",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hằng",
        "Căn cứ quy định tại Luật Hộ tịch năm 2014.",
        "Qua xem xét, TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ GIO SƠN thông báo không tiếp nhận, giải quyết hồ sơ"
        " này với lý do cụ thể như sau: Việc khai sinh đã được đăng ký tại xã khác.",
        "Xin thông báo để ông/bà được biết và thực hiện./.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "BẢN IN LẠI (lần 2)",
    ):
        assert expected in " ".join(text.split()), f"{expected!r} missing:\n{text}"
    assert "khác.." not in text


@pytest.mark.parametrize(
    ("form_set", "title", "absent"),
    [
        ("v2025", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "PHIẾU XIN LỖI"),
        ("v2018", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "ĐỀ NGHỊ GIA HẠN"),
    ],
)
def test_apology_titles_per_form_set(
    form_set: str, title: str, absent: str, header: UnitHeader, pdf_tools: Any
) -> None:
    text = pdf_tools.text(render_apology(apology(header, form_set=form_set)))
    flat = " ".join(text.split())
    assert title in text
    assert absent not in text
    for expected in (
        "Số: 02/PXL",
        "Kính gửi: Nguyễn Thị Hằng",
        "Ngày 13/02/2026",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "001.05.12.H49-260213-0007",
        "16 giờ 30 phút, ngày 18 tháng 02 năm 2026",
        "10 giờ 00 phút, ngày 24 tháng 02 năm 2026",
        "Lý do: Cần xác minh tại nơi cư trú trước đây.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Văn Bình",
        "Nơi nhận:",
    ):
        assert expected in flat, f"{expected!r} missing:\n{text}"
    assert "THỦ TRƯỞNG CƠ QUAN" not in flat
    # The unit issues the letter: the province above the commune's People's Committee.
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" in flat


def test_stop_notice(header: UnitHeader, pdf_tools: Any) -> None:
    data = StopNoticeData(
        header=header,
        applicant_name="Nguyễn Thị Hằng",
        procedure_name="Đăng ký thường trú",
        code="001.05.12.H49-260213-0007",
        received_at=RECEIVED,
        request_text="đơn đề nghị rút hồ sơ của ông/bà ngày 04/3/2026",
        reason="Theo đề nghị của người nộp hồ sơ.",
        issued_at=ISSUED,
        stage="Đang thẩm định",
        financial_text="Lệ phí đã nộp 20.000 đồng không được hoàn trả",
        signer=Signature("PHÓ CHỦ TỊCH", "Trần Văn Bình", "KT. CHỦ TỊCH"),
        number="05/TB",
    )
    flat = " ".join(pdf_tools.text(render_stop_notice(data)).split())
    for expected in (
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Số: 05/TB",
        "Kính gửi: Nguyễn Thị Hằng",
        "Đăng ký thường trú",
        "Căn cứ đơn đề nghị rút hồ sơ của ông/bà ngày 04/3/2026",
        "thông báo dừng giải quyết hồ sơ nêu trên",
        "Giai đoạn giải quyết tại thời điểm dừng: Đang thẩm định.",
        "Lý do dừng giải quyết: Theo đề nghị của người nộp hồ sơ.",
        "Lệ phí đã nộp 20.000 đồng không được hoàn trả",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ):
        assert expected in flat, f"{expected!r} missing:\n{flat}"
    assert "BẢN IN LẠI" not in flat


def test_nd30_dates_pad_only_days_below_10_and_january_february(header: UnitHeader, pdf_tools: Any) -> None:
    """NĐ 30/2020 Phụ lục I: "ngày 05 tháng 8 năm 2026", "ngày 15 tháng 02 năm 2026" (the default)."""
    august = pdf_tools.text(render_supplement(supplement(header, issued_at=datetime(2026, 8, 5, 9, 0))))
    assert "Gio Sơn, ngày 05 tháng 8 năm 2026" in august and "tháng 08" not in august
    february = pdf_tools.text(render_supplement(supplement(header, issued_at=datetime(2026, 2, 15, 9, 0))))
    assert "Gio Sơn, ngày 15 tháng 02 năm 2026" in february


def test_the_signer_placeholder_never_prints(header: UnitHeader, pdf_tools: Any) -> None:
    data = apology(header, signer=Signature("THỦ TRƯỞNG CƠ QUAN", "", "TM. ỦY BAN NHÂN DÂN"))
    flat = " ".join(pdf_tools.text(render_apology(data)).split())
    assert "THỦ TRƯỞNG CƠ QUAN" not in flat and "TM. ỦY BAN NHÂN DÂN" in flat


def test_notices_are_a4_portrait_with_embedded_fonts(header: UnitHeader, pdf_tools: Any) -> None:
    pdf = render_apology(apology(header))
    width, height = pdf_tools.page_size(pdf)
    assert (round(width), round(height)) == (595, 842)
    fonts = pdf_tools.fonts(pdf)
    assert "LiberationSerif" in fonts
    assert all(
        "yes yes" in " ".join(line.split()) for line in fonts.splitlines() if "LiberationSerif" in line
    )
