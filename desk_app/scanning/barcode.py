"""Reading the dossier code from a page image (zxing-cpp): the batch separator of scan-to-folder.

The intake slip prints the code as Code128 (TT 01/2018 Điều 19 k.2 allows a barcode beside the code) and
often a QR of a lookup URL containing it; either finds the dossier. zxing-cpp tries rotations and
downscaling itself, so a slip fed upside down or scanned at 600 dpi is still read.
"""

from __future__ import annotations

import logging

from PIL import Image

from desk_app.domain.codes import recover_scanned_code

log = logging.getLogger(__name__)


def read_texts(image: Image.Image) -> list[str]:
    """Every Code128 and QR text found on the image, in zxing's order."""
    import zxingcpp

    if image.mode not in ("L", "RGB"):
        image = image.convert("L")
    formats = (zxingcpp.BarcodeFormat.Code128, zxingcpp.BarcodeFormat.QRCode)
    try:
        results = zxingcpp.read_barcodes(image, formats=formats)  # type: ignore[arg-type]
    except Exception:  # a decoder failure must not lose the page: the batch just stays unrouted
        log.warning("barcode reading failed", exc_info=True)
        return []
    return [r.text for r in results if r.valid and r.text]


def dossier_codes(image: Image.Image) -> list[str]:
    """Dossier codes shown on the image (Code128 first), without duplicates."""
    texts = read_texts(image)
    texts.sort(key=lambda t: 0 if recover_scanned_code(t) == t.strip().upper() else 1)
    codes: list[str] = []
    for text in texts:
        code = recover_scanned_code(text)
        if code and code not in codes:
            codes.append(code)
    return codes
