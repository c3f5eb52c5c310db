"""A document's PDF from its pages, page images for thumbnails and barcodes.

Images go into the PDF through img2pdf, which embeds JPEG (and most PNG/TIFF data) as is: no re-encoding,
no quality lost. PDF pages are merged with pikepdf (installed with img2pdf). A PDF page's picture is its
largest embedded image (what a scanner or copier produces); a PDF drawn with vectors (e.g. a printed slip
saved as PDF) is rendered with poppler's ``pdftoppm`` when that is installed.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from desk_app.scanning.files import PDF

log = logging.getLogger(__name__)


def build_pdf(pages: Sequence[tuple[bytes, str]]) -> bytes:
    """One PDF of ``pages`` ((data, mime) in order), losslessly."""
    import img2pdf

    if not pages:
        raise ValueError("no pages")
    if all(mime != PDF for _, mime in pages):
        return bytes(img2pdf.convert([data for data, _ in pages], rotation=img2pdf.Rotation.ifvalid))
    import pikepdf

    out = pikepdf.Pdf.new()
    sources: list[pikepdf.Pdf] = []
    try:
        run: list[bytes] = []

        def flush() -> None:
            if run:
                src = pikepdf.open(io.BytesIO(img2pdf.convert(list(run), rotation=img2pdf.Rotation.ifvalid)))
                sources.append(src)
                out.pages.extend(src.pages)
                run.clear()

        for data, mime in pages:
            if mime == PDF:
                flush()
                src = pikepdf.open(io.BytesIO(data))
                sources.append(src)
                out.pages.extend(src.pages)
            else:
                run.append(data)
        flush()
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        for src in sources:
            src.close()
        out.close()


def _pdf_image(data: bytes) -> Image.Image | None:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[0]
            best: Image.Image | None = None
            for _, raw in page.get_images().items():
                try:
                    image = pikepdf.PdfImage(raw).as_pil_image()  # type: ignore[arg-type]
                except Exception:  # an image filter pikepdf cannot decode: try the next one
                    continue
                if best is None or image.width * image.height > best.width * best.height:
                    best = image
            if best is not None:
                return best
    except Exception:
        log.info("cannot read the PDF page", exc_info=True)
        return None
    return _render_pdf(data)


def _render_pdf(data: bytes, dpi: int = 200) -> Image.Image | None:
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.pdf"
        src.write_bytes(data)
        try:
            subprocess.run(
                [
                    tool,
                    "-r",
                    str(dpi),
                    "-gray",
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    str(src),
                    str(Path(tmp) / "out"),
                ],
                check=True,
                capture_output=True,
                timeout=60,
            )
        except (subprocess.SubprocessError, OSError):
            log.info("pdftoppm failed", exc_info=True)
            return None
        for png in sorted(Path(tmp).glob("out*.png")):
            with Image.open(png) as image:
                image.load()
                return image.copy()
    return None


def page_image(data: bytes, mime: str) -> Image.Image | None:
    """The picture of a stored page (first frame), or None when it cannot be made."""
    if mime == PDF:
        return _pdf_image(data)
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        return image
    except Exception:
        log.info("cannot open a stored page image", exc_info=True)
        return None


def thumbnail_png(data: bytes, mime: str, size: int = 256) -> bytes | None:
    """A PNG no larger than ``size`` pixels on its long side, or None."""
    image = page_image(data, mime)
    if image is None:
        return None
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    image.thumbnail((size, size))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
