"""Checking imported files: real JPEG/PNG/TIFF/PDF files, and broken ones refused with a Vietnamese reason."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from desk_app.scanning.files import JPEG, PDF, PNG, TIFF, FileRejected, encode_scan, read_pages, sniff
from tests.scanning.support import jpeg_bytes, page_image, pdf_bytes, png_bytes, tiff_bytes

LIMIT = 5 * 1024 * 1024


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_sniff_goes_by_content_not_by_name() -> None:
    assert sniff(jpeg_bytes("a")) == JPEG
    assert sniff(png_bytes("a")) == PNG
    assert sniff(tiff_bytes(["a"])) == TIFF
    assert sniff(pdf_bytes(["a"])) == PDF
    assert sniff(b"PK\x03\x04 a docx") is None


@pytest.mark.parametrize(
    ("name", "maker", "mime", "pages"),
    [
        ("a.jpg", lambda: jpeg_bytes("a"), JPEG, 1),
        ("a.png", lambda: png_bytes("a"), PNG, 1),
        ("alpha.png", lambda: png_bytes("a", "RGBA"), PNG, 1),
        ("one.tif", lambda: tiff_bytes(["a"]), TIFF, 1),
        ("three.tif", lambda: tiff_bytes(["a", "b", "c"]), TIFF, 3),
        ("one.pdf", lambda: pdf_bytes(["a"]), PDF, 1),
        ("two.pdf", lambda: pdf_bytes(["a", "b"]), PDF, 2),
        ("named-wrong.txt", lambda: jpeg_bytes("a"), JPEG, 1),
    ],
)
def test_good_files_become_pages(tmp_path: Path, name: str, maker: object, mime: str, pages: int) -> None:
    data = maker()  # type: ignore[operator]
    out = read_pages(write(tmp_path, name, data), LIMIT)
    assert len(out) == pages
    assert {p.mime for p in out} == {mime}
    if pages == 1:
        assert out[0].data == data  # kept byte for byte


def test_a_multipage_pdf_is_split_into_one_page_pdfs(tmp_path: Path) -> None:
    out = read_pages(write(tmp_path, "scan.pdf", pdf_bytes(["p1", "p2", "p3"])), LIMIT)
    assert [p.source_name for p in out] == ["scan.pdf [1]", "scan.pdf [2]", "scan.pdf [3]"]
    for page in out:
        with pikepdf.open(io.BytesIO(page.data)) as pdf:
            assert len(pdf.pages) == 1


def test_multipage_tiff_frames_stay_lossless(tmp_path: Path) -> None:
    out = read_pages(write(tmp_path, "fax.tif", tiff_bytes(["x", "y"])), LIMIT)
    original = Image.open(io.BytesIO(tiff_bytes(["x", "y"])))
    for index, page in enumerate(out):
        original.seek(index)
        with Image.open(io.BytesIO(page.data)) as frame:
            assert frame.mode == "1"
            assert frame.tobytes() == original.copy().tobytes()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.jpg", b"", "rỗng"),
        ("cut.jpg", jpeg_bytes("a")[:400], "bị hỏng"),
        ("cut.png", png_bytes("a")[:300], "bị hỏng"),
        ("cut.tif", tiff_bytes(["a", "b"])[:200], "bị hỏng"),
        ("garbage.pdf", b"%PDF-1.7\n this is not a PDF at all", "bị hỏng"),
        ("half.pdf", pdf_bytes(["a", "b"])[:500], "bị hỏng"),
        ("letter.docx", b"PK\x03\x04" + b"\x00" * 100, "không phải PDF, JPEG, PNG hay TIFF"),
        ("notes.txt", "Tờ khai".encode(), "không phải PDF, JPEG, PNG hay TIFF"),
    ],
)
def test_bad_files_are_refused_in_vietnamese(tmp_path: Path, name: str, data: bytes, words: str) -> None:
    with pytest.raises(FileRejected) as info:
        read_pages(write(tmp_path, name, data), LIMIT)
    assert info.value.name == name
    assert words in info.value.vi
    assert info.value.vi.startswith(f"Tệp {name}")


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_bytes(["secret"]))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(FileRejected) as info:
        read_pages(write(tmp_path, "locked.pdf", out.getvalue()), LIMIT)
    assert "mật khẩu" in info.value.vi


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "big.jpg", jpeg_bytes("big") + b"\x00" * 2048)
    with pytest.raises(FileRejected) as info:
        read_pages(path, 1024)
    assert "quá lớn" in info.value.vi
    assert read_pages(path, LIMIT)  # the same file passes under a larger limit


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileRejected) as info:
        read_pages(tmp_path / "gone.pdf", LIMIT)
    assert "không tồn tại" in info.value.vi


def test_encode_scan_keeps_the_resolution() -> None:
    page = encode_scan(page_image("scan", (600, 800)), 300, 85)
    assert page.mime == JPEG
    with Image.open(io.BytesIO(page.data)) as image:
        assert image.info["dpi"] == (300, 300)
    lossless = encode_scan(page_image("scan", (600, 800)).convert("L"), 200, 0)
    assert lossless.mime == PNG
    with Image.open(io.BytesIO(lossless.data)) as image:
        assert image.mode == "L"
        assert round(image.info["dpi"][0]) == 200
