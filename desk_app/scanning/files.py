"""Page files: what a file holds (magic bytes), whether it opens, and how a scan is encoded.

Accepted: PDF, JPEG, PNG, TIFF. Every file is opened for real before anything is stored (Pillow decodes
images, img2pdf accepts them for the document PDF, pikepdf reads PDFs), so a zero-byte, truncated,
corrupt, encrypted or unsupported file is refused with a Vietnamese reason. A multi-page TIFF or PDF is
split into one stored file per page (losslessly: TIFF frames as TIFF G4 or PNG, PDF pages as one-page
PDFs) so each page can be removed on its own.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from desk_app.domain.errors import ValidationError

log = logging.getLogger(__name__)
logging.getLogger("img2pdf").setLevel(logging.ERROR)  # it logs a warning per PNG with transparency

JPEG, PNG, TIFF, PDF = "image/jpeg", "image/png", "image/tiff", "application/pdf"
MIMES = (JPEG, PNG, TIFF, PDF)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)
MB = 1024 * 1024


@dataclass(frozen=True)
class PageData:
    """One page ready to store: the file bytes and their type."""

    data: bytes
    mime: str
    source_name: str = ""


class FileRejected(ValidationError):
    """A file that cannot become pages; ``name`` is the file's name."""

    def __init__(self, name: str, message: str, vi: str) -> None:
        super().__init__(f"{name}: {message}", f"Tệp {name}: {vi}", field="file")
        self.name = name


def sniff(head: bytes) -> str | None:
    """The type by magic bytes (a PDF may start after a little junk, as readers allow)."""
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    if b"%PDF-" in head[:1024]:
        return PDF
    return None


def read_pages(path: Path, max_bytes: int) -> list[PageData]:
    """Check one file and split it into pages; FileRejected says why not."""
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileRejected(name, "is not a file", "không phải là tệp.")
    except FileNotFoundError:
        raise FileRejected(name, "does not exist", "không tồn tại.") from None
    except PermissionError:
        raise FileRejected(
            name, "cannot be read (permission denied)", "không đọc được (không có quyền)."
        ) from None
    if size == 0:
        raise FileRejected(
            name, "is empty (0 bytes)", "rỗng (0 byte), có thể quét hoặc sao chép bị lỗi. Hãy quét lại."
        )
    if size > max_bytes:
        raise FileRejected(
            name,
            f"is too large ({size / MB:.1f} MB, the limit is {max_bytes / MB:.0f} MB)",
            f"quá lớn ({size / MB:.1f} MB, tối đa {max_bytes / MB:.0f} MB). Hãy quét lại với độ phân giải "
            "thấp hơn hoặc chia nhỏ tệp.",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileRejected(name, f"cannot be read: {exc.strerror}", "không đọc được.") from exc
    return pages_from_bytes(data, name)


def pages_from_bytes(data: bytes, name: str) -> list[PageData]:
    if not data:
        raise FileRejected(name, "is empty (0 bytes)", "rỗng (0 byte).")
    mime = sniff(data[:1024])
    if mime is None:
        raise FileRejected(
            name,
            "is not a PDF, JPEG, PNG or TIFF file",
            "không phải PDF, JPEG, PNG hay TIFF nên không nhận được.",
        )
    if mime == PDF:
        return _pdf_pages(data, name)
    return _image_pages(data, mime, name)


def _corrupt(name: str, kind: str, exc: BaseException | None = None) -> FileRejected:
    if exc is not None:
        log.info("rejected %s: %s", name, exc)
    return FileRejected(
        name,
        f"is a damaged {kind} file",
        f"là tệp {kind} bị hỏng hoặc không đầy đủ. Hãy quét hoặc sao chép lại.",
    )


def _embeddable(data: bytes, name: str, kind: str) -> None:
    """img2pdf must accept the page, or the document PDF could not be assembled later."""
    import img2pdf

    try:
        img2pdf.convert(data, rotation=img2pdf.Rotation.ifvalid)
    except Exception as exc:
        raise _corrupt(name, kind, exc) from exc


def _image_pages(data: bytes, mime: str, name: str) -> list[PageData]:
    with warnings.catch_warnings():  # Pillow warns about damaged metadata; the checks below decide
        warnings.simplefilter("ignore")
        return _image_pages_checked(data, mime, name)


def _image_pages_checked(data: bytes, mime: str, name: str) -> list[PageData]:
    kind = mime.split("/")[1].upper()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        if frames == 1:
            image.load()
    except Image.DecompressionBombError as exc:
        raise FileRejected(
            name, "has too many pixels", "có kích thước ảnh quá lớn. Hãy quét lại với độ phân giải thấp hơn."
        ) from exc
    except Exception as exc:
        raise _corrupt(name, kind, exc) from exc
    if frames == 1:
        _embeddable(data, name, kind)
        return [PageData(data, mime, name)]
    pages: list[PageData] = []
    for index in range(frames):
        try:
            image.seek(index)
            frame = image.copy()
        except Exception as exc:
            raise _corrupt(name, kind, exc) from exc
        pages.append(_frame_page(frame, image.info, f"{name} [{index + 1}]"))
    return pages


def _frame_page(frame: Image.Image, info: dict[Any, Any], name: str) -> PageData:
    """One frame of a multi-page TIFF as its own lossless file."""
    out = io.BytesIO()
    dpi = info.get("dpi")
    extra: dict[str, Any] = {"dpi": tuple(round(float(v)) for v in dpi)} if dpi else {}
    if frame.mode == "1":
        frame.save(out, "TIFF", compression="group4", **extra)
        return PageData(out.getvalue(), TIFF, name)
    if frame.mode not in ("L", "RGB"):
        frame = frame.convert("RGB")
    frame.save(out, "PNG", **extra)
    return PageData(out.getvalue(), PNG, name)


def _pdf_pages(data: bytes, name: str) -> list[PageData]:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise FileRejected(
            name,
            "is protected by a password",
            "có mật khẩu nên không mở được. Hãy lưu lại bản không đặt mật khẩu.",
        ) from exc
    except Exception as exc:
        raise _corrupt(name, "PDF", exc) from exc
    with pdf:
        try:
            count = len(pdf.pages)
            if count == 0:
                raise FileRejected(name, "has no pages", "không có trang nào.")
            if count == 1:
                _ = pdf.pages[0].mediabox
                return [PageData(data, PDF, name)]
            pages = []
            for index in range(count):
                single = pikepdf.Pdf.new()
                single.pages.append(pdf.pages[index])
                out = io.BytesIO()
                single.save(out)
                pages.append(PageData(out.getvalue(), PDF, f"{name} [{index + 1}]"))
            return pages
        except FileRejected:
            raise
        except Exception as exc:
            raise _corrupt(name, "PDF", exc) from exc


def encode_scan(image: Image.Image, dpi: int, quality: int = 85, name: str = "") -> PageData:
    """A scanned page as stored: JPEG (quality 1–95) or, with quality 0, lossless PNG; the dpi is kept so
    the PDF page has the paper's size."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    out = io.BytesIO()
    if quality <= 0:
        image.save(out, "PNG", dpi=(dpi, dpi), compress_level=6)
        return PageData(out.getvalue(), PNG, name)
    image.save(out, "JPEG", quality=min(quality, 95), dpi=(dpi, dpi), optimize=False)
    return PageData(out.getvalue(), JPEG, name)
