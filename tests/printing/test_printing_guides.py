"""Guide sheets and the public listing read back with pdftotext, their QR codes decoded with zbarimg."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from desk_app.printing.guides import render_guide, render_listing
from desk_app.services.assist import guides
from desk_app.services.setup import catalog

PRINTED = datetime(2026, 3, 2, 9, 30)
PROVINCE_URLS = {
    "vneid": "https://vneid.gov.vn/huong-dan",
    "portal": "https://dichvucong.quangtri.gov.vn",
    "payment": "https://dichvucong.quangtri.gov.vn/thanh-toan",
    "lookup": "https://dichvucong.quangtri.gov.vn/tra-cuu",
    "procedure": "https://dichvucong.quangtri.gov.vn/thu-tuc?ma={code}",
    "feedback": "https://pakn.quangtri.gov.vn",
}


@pytest.fixture
def province_db(unit_db: Any) -> Any:
    guides.set_guide_urls(unit_db, PROVINCE_URLS, actor="admin")
    return unit_db


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("vneid", ["VNeID", "MỨC 2", "Công an xã", "mã OTP"]),
        ("portal", ["ĐĂNG NHẬP CỔNG DỊCH VỤ CÔNG QUỐC GIA", "định danh điện tử"]),
        ("payment", ["THANH TOÁN PHÍ, LỆ PHÍ TRỰC TUYẾN", "biên lai điện tử"]),
        ("lookup", ["TRA CỨU TÌNH TRẠNG HỒ SƠ", "Mã hồ sơ"]),
    ],
)
def test_general_guides_are_one_page_with_the_configured_qr(
    province_db: Any, pdf_tools: Any, kind: str, words: list[str]
) -> None:
    pdf = render_guide(guides.guide_sheet(province_db, kind, printed_at=PRINTED))
    assert pdf_tools.page_count(pdf) == 1
    text = " ".join(pdf_tools.text(pdf, layout=False).split())
    for word in [*words, "ỦY BAN NHÂN DÂN XÃ GIO SƠN"]:
        assert word in text, word
    assert pdf_tools.symbols_per_page(pdf) == [[PROVINCE_URLS[kind]]]


def test_procedure_guide_from_the_catalog(province_db: Any, pdf_tools: Any) -> None:
    """The sheet of 1.004222 shows its documents, time, fee and online fee, and QR codes to the portal."""
    pdf = render_guide(guides.guide_sheet(province_db, "procedure", "1.004222", printed_at=PRINTED))
    assert pdf_tools.page_count(pdf) == 1
    text = " ".join(pdf_tools.text(pdf, layout=False).split())
    for word in (
        "ĐĂNG KÝ THƯỜNG TRÚ",
        "1.004222",
        "07 ngày làm việc",
        "Tờ khai thay đổi thông tin cư trú",
        "Phí, lệ phí khi nộp trực tuyến: 10.000 đồng",
        "Cư trú",
    ):
        assert word in text, word
    found = sorted(pdf_tools.symbols_per_page(pdf)[0])
    assert found == sorted(
        ["https://dichvucong.quangtri.gov.vn/thu-tuc?ma=1.004222", PROVINCE_URLS["portal"]]
    )


@pytest.mark.parametrize(("size", "booklet"), [("A4", False), ("A3", False), ("A4", True)])
def test_listing_holds_every_catalog_procedure_and_the_catalog_stamp(
    province_db: Any, pdf_tools: Any, size: str, booklet: bool
) -> None:
    data = guides.listing(province_db, printed_at=PRINTED)
    pdf = render_listing(data, size=size, booklet=booklet)
    pages = pdf_tools.page_texts(pdf)
    whole = "\n".join(pages)
    flat = " ".join(pdf_tools.text(pdf, layout=False).split())
    for proc in catalog.list_procedures(province_db):
        assert proc["code"] in whole, proc["code"]
    stamp = f"phiên bản {data.catalog_version}"
    assert all(stamp in page and "02/03/2026" in page for page in pages)
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH CHỈ TIẾP NHẬN TRỰC TUYẾN" in flat
    assert "PHẢN ÁNH, KIẾN NGHỊ" in flat
    assert "LĨNH VỰC: HỘ TỊCH" in flat
    if booklet:
        assert "MỤC LỤC" in pages[1]
        toc_line = next(line for line in pages[1].splitlines() if "Hộ tịch" in line)
        page_no = int(toc_line.split()[-1])
        assert "LĨNH VỰC: HỘ TỊCH" in pages[page_no - 1]
    else:
        width, height = pdf_tools.page_size(pdf)
        assert width > height  # posters are landscape
        assert round(width) == (1191 if size == "A3" else 842)
    # One field per sheet: no page carries two field titles.
    assert all(page.count("LĨNH VỰC:") <= 1 for page in pages)
    if booklet:  # the feedback notice (last page) has a QR to the configured address
        last = render_listing(data, size=size, booklet=booklet)
        assert pdf_tools.symbols_per_page(last, dpi=100)[-1] == [PROVINCE_URLS["feedback"]]


def test_online_only_procedures_are_listed_separately(province_db: Any, pdf_tools: Any) -> None:
    rows = [p for p in catalog.list_procedures(province_db) if p["code"] == "1.004194"]
    catalog.import_rows(province_db, [(1, {**rows[0], "online_only": True, "effective_from": "2026-01-01"})])
    data = guides.listing(province_db, printed_at=PRINTED)
    pdf = render_listing(data, online_only=True)
    text = " ".join(pdf_tools.text(pdf, layout=False).split())
    assert "CHỈ TIẾP NHẬN TRỰC TUYẾN" in text and "1.004194" in text
    assert "1.001193" not in text
    sheet = render_guide(guides.guide_sheet(province_db, "procedure", "1.004194", printed_at=PRINTED))
    assert "CHỈ TIẾP NHẬN TRỰC TUYẾN" in " ".join(pdf_tools.text(sheet, layout=False).split())
