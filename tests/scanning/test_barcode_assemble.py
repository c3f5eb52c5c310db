"""The dossier code read back from a scanned slip; the document PDF is lossless; thumbnails."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
from PIL import Image

from desk_app.scanning.assemble import build_pdf, page_image, thumbnail_png
from desk_app.scanning.barcode import dossier_codes
from desk_app.scanning.files import JPEG, PDF, PNG
from tests.scanning.support import jpeg_bytes, pdf_bytes, png_bytes, scanned_slip_jpeg, slip_pdf
from tests.scanning.support import page_image as blank_page

CODE = "001.05.12.H49-250707-0012"


def test_the_code_is_read_from_a_scanned_slip() -> None:
    image = Image.open(io.BytesIO(scanned_slip_jpeg(CODE)))
    assert dossier_codes(image) == [CODE]


def test_the_code_is_read_from_a_slip_scanned_upside_down_at_150_dpi() -> None:
    image = Image.open(io.BytesIO(scanned_slip_jpeg(CODE, dpi=150))).rotate(180)
    assert dossier_codes(image) == [CODE]


def test_a_page_without_a_barcode_has_no_code() -> None:
    assert dossier_codes(blank_page("Tờ khai")) == []


def test_the_code_is_found_in_a_vector_slip_pdf() -> None:
    image = page_image(slip_pdf(CODE), PDF)  # no embedded picture: rendered with pdftoppm
    assert image is not None
    assert dossier_codes(image) == [CODE]


def test_jpeg_pages_are_embedded_byte_for_byte(tmp_path: Path) -> None:
    pages = [jpeg_bytes("one"), jpeg_bytes("two")]
    pdf = build_pdf([(p, JPEG) for p in pages])
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 2
        for page, original in zip(doc.pages, pages, strict=True):
            (raw,) = page.get_images().values()
            assert raw.read_raw_bytes() == original  # DCTDecode stream = the stored JPEG: nothing re-encoded


def test_images_and_pdf_pages_are_merged_in_order(tmp_path: Path) -> None:
    pdf = build_pdf([(jpeg_bytes("a"), JPEG), (pdf_bytes(["b"]), PDF), (png_bytes("c"), PNG)])
    out = tmp_path / "doc.pdf"
    out.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+3$", info, re.M)


def test_thumbnails_are_small_pngs() -> None:
    for data, mime in ((jpeg_bytes("a"), JPEG), (pdf_bytes(["b"]), PDF)):
        png = thumbnail_png(data, mime, 128)
        assert png is not None
        with Image.open(io.BytesIO(png)) as thumb:
            assert thumb.format == "PNG"
            assert max(thumb.size) == 128
