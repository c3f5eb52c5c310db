"""Mẫu 01 — the intake slip: text, barcodes per page, fonts, reprint mark, page fitting."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from desk_app.printing import DocumentLine, SlipData, render_slip
from desk_app.printing.slip import COPY_LABELS, SLIP_TITLE

PRINTED_AT = datetime(2026, 2, 13, 8, 40)
MakeSlip = Callable[..., SlipData]


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_slip_text_has_the_vietnamese_fields(
    page_size: str, make_slip: MakeSlip, pdf_tools: Any, code: str
) -> None:
    pdf = render_slip(make_slip(), page_size, printed_at=PRINTED_AT)  # type: ignore[arg-type]
    pages = [" ".join(page.split()) for page in pdf_tools.page_texts(pdf)]
    assert len(pages) == 2
    for page, label in zip(pages, COPY_LABELS, strict=True):
        for expected in (
            SLIP_TITLE,
            f"Mã hồ sơ: {code}",
            label,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Gio Sơn, ngày 13 tháng 02 năm 2026",
            "ỦY BAN NHÂN DÂN XÃ GIO SƠN",
            "Nguyễn Thị Hằng",
            "Đăng ký khai sinh",
            "Số định danh cá nhân/CCCD/Mã số thuế: 045190001234",
            "Tờ khai đăng ký khai sinh",
            "Bản sao chứng thực",
            "2. Số lượng hồ sơ: 01 (bộ)",
            "3. Thời gian nhận hồ sơ: 08 giờ 37 phút, ngày 13 tháng 02 năm 2026",
            "4. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 13 tháng 02 năm 2026",
            "6. Phí, lệ phí (nếu có): 8.000 đồng (đã nộp tiền mặt)",
            "Quyển số: 01/2026",
            "Số thứ tự: 7",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "Lê Văn Tâm",
            "Đường dây nóng: 0233 3861 234",
            "In lúc 08:40 ngày 13/02/2026",
        ):
            assert expected in page, f"{expected!r} missing from {page_size} page:\n{page}"
    assert COPY_LABELS[1] not in pages[0] and COPY_LABELS[0] not in pages[1]


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_each_page_has_one_decodable_code128_and_the_qr(
    page_size: str, make_slip: MakeSlip, pdf_tools: Any, code: str, lookup_prefix: str
) -> None:
    pdf = render_slip(make_slip(), page_size)  # type: ignore[arg-type]
    pages = pdf_tools.symbols_per_page(pdf, dpi=150)
    assert len(pages) == 2
    for symbols in pages:
        assert sorted(symbols) == sorted([code, lookup_prefix + code]), symbols


def test_without_lookup_url_only_the_barcode_is_printed(
    make_slip: MakeSlip, pdf_tools: Any, code: str
) -> None:
    pages = pdf_tools.symbols_per_page(render_slip(make_slip(lookup_url=None), "A5"))
    assert pages == [[code], [code]]


def test_lookup_url_without_placeholder_gets_the_code_appended(
    make_slip: MakeSlip, pdf_tools: Any, code: str
) -> None:
    pdf = render_slip(make_slip(lookup_url="https://example.vn/hs"), "A5")
    assert f"https://example.vn/hs?ma={code}" in pdf_tools.symbols_per_page(pdf)[0]


@pytest.mark.parametrize("other", ["000.00.01.H29-260310-0420", "38.98.H29-210519-0013"])
def test_other_code_shapes_decode(other: str, make_slip: MakeSlip, pdf_tools: Any) -> None:
    pages = pdf_tools.symbols_per_page(render_slip(make_slip(code=other, lookup_url=None), "A5"))
    assert pages == [[other], [other]]


def test_liberation_serif_is_embedded_as_subsets(make_slip: MakeSlip, pdf_tools: Any) -> None:
    fonts = pdf_tools.fonts(render_slip(make_slip(), "A5"))
    rows = [line.split() for line in fonts.splitlines() if "LiberationSerif" in line]
    assert rows, fonts
    for row in rows:
        # name type encoding emb sub uni object ID
        assert "+" in row[0], f"not a subset: {row}"
        assert row[-5:-3] == ["yes", "yes"], f"not embedded as a subset: {row}"
    names = {row[0].split("+", 1)[1] for row in rows}
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"} <= names


def test_reprint_mark_only_on_reprints(make_slip: MakeSlip, pdf_tools: Any) -> None:
    original = pdf_tools.text(render_slip(make_slip(), "A5"))
    assert "BẢN IN LẠI" not in original
    reprinted = pdf_tools.page_texts(render_slip(make_slip(reprint=True, reprint_count=3), "A5"))
    assert len(reprinted) == 2
    assert all("BẢN IN LẠI (lần 3)" in page for page in reprinted)


def test_eight_documents_fit_one_a5_page_per_copy(
    make_slip: MakeSlip, pdf_tools: Any, code: str, lookup_prefix: str
) -> None:
    documents = [
        DocumentLine(f"Giấy tờ số {n}: bản kê khai chi tiết có tên dài để xuống dòng trong bảng", "copy", 1)
        for n in range(1, 9)
    ]
    pdf = render_slip(make_slip(documents=documents), "A5")
    pages = pdf_tools.symbols_per_page(pdf)
    assert len(pages) == 2
    for symbols in pages:
        assert sorted(symbols) == sorted([code, lookup_prefix + code])
    for text in pdf_tools.page_texts(pdf):
        assert "Giấy tờ số 8" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text


def test_very_long_slips_flow_with_the_barcode_on_each_copys_first_page(
    make_slip: MakeSlip, pdf_tools: Any, code: str
) -> None:
    documents = [DocumentLine(f"Giấy tờ kèm theo số {n} trong danh mục", "original", 1) for n in range(1, 41)]
    pdf = render_slip(make_slip(documents=documents, lookup_url=None), "A5")
    pages = pdf_tools.symbols_per_page(pdf)
    assert len(pages) >= 4
    with_code = [index for index, symbols in enumerate(pages) if symbols == [code]]
    assert len(with_code) == 2 and with_code[0] == 0, pages
    assert all(symbols == [] for index, symbols in enumerate(pages) if index not in with_code)
    texts = pdf_tools.page_texts(pdf)
    assert COPY_LABELS[0] in texts[0] and COPY_LABELS[1] in texts[with_code[1]]
    assert sum("Giấy tờ kèm theo số 40" in text for text in texts) == 2


def test_decomposed_input_prints_composed(make_slip: MakeSlip, pdf_tools: Any) -> None:
    nfd_name = unicodedata.normalize("NFD", "Trần Thị Ngọc Ánh")
    text = pdf_tools.text(render_slip(make_slip(applicant_name=nfd_name), "A5"))
    assert "Trần Thị Ngọc Ánh" in text


def test_only_received_documents_are_listed(make_slip: MakeSlip, pdf_tools: Any) -> None:
    documents = [
        DocumentLine("Giấy chứng sinh", "original", 1),
        DocumentLine("Sổ hộ khẩu cũ", "copy", 1, False),
    ]
    text = pdf_tools.text(render_slip(make_slip(documents=documents), "A5"))
    assert "Giấy chứng sinh" in text and "Sổ hộ khẩu cũ" not in text


def test_markup_characters_in_user_text_are_printed_verbatim(make_slip: MakeSlip, pdf_tools: Any) -> None:
    text = pdf_tools.text(render_slip(make_slip(address="Số 5 <Ngõ 3> & Ngách 7"), "A5"))
    assert "Số 5 <Ngõ 3> & Ngách 7" in text


def test_rejects_what_it_cannot_print(make_slip: MakeSlip) -> None:
    with pytest.raises(ValueError):
        render_slip(make_slip(code="MÃ-Ư"), "A5")
    with pytest.raises(ValueError):
        render_slip(make_slip(), "A3")  # type: ignore[arg-type]


def test_pages_are_the_requested_size(make_slip: MakeSlip, pdf_tools: Any) -> None:
    width, height = pdf_tools.page_size(render_slip(make_slip(), "A5"))
    assert (round(width), round(height)) == (420, 595)
    width, height = pdf_tools.page_size(render_slip(make_slip(), "A4"))
    assert (round(width), round(height)) == (595, 842)
