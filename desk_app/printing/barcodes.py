"""Code128 and QR symbols drawn as vector rectangles on a reportlab canvas.

The symbol matrices come from python-barcode (Code128) and qrcode (QR); drawing emits one
PDF path per symbol with integer module coordinates under a scaling transform, which is
both exact and much faster than reportlab's own barcode widgets.

Decoding notes (see platform notes): a Code128 module of 0.33 mm decodes from a 150 dpi
render; keep a quiet zone of 10 modules on each side of Code128 and 4 modules around a QR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import quote

import barcode
import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

#: Narrowest Code128 module this package prints (decodes from a 150 dpi render).
MIN_MODULE_WIDTH = 0.33 * mm
#: Quiet zone on each side of a Code128 symbol, in modules.
CODE128_QUIET_MODULES = 10
#: Quiet zone around a QR symbol, in modules (ISO/IEC 18004).
QR_QUIET_MODULES = 4

_QR_ERROR_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


@lru_cache(maxsize=256)
def code128_modules(code: str) -> str:
    """Module string ("1" = bar, "0" = space) of ``code`` as Code128, without quiet zones."""
    if not code or not code.isascii() or not code.isprintable():
        raise ValueError(f"cannot encode {code!r} as Code128 (printable ASCII only)")
    built: list[str] = barcode.Code128(code).build()
    return built[0]


@dataclass(frozen=True)
class QrMatrix:
    """Dark modules of a QR symbol, row by row from the top (no quiet zone)."""

    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Number of modules per side."""
        return len(self.rows)


@lru_cache(maxsize=256)
def qr_matrix(
    data: str, *, error_level: Literal["L", "M", "Q", "H"] = "M", mask_pattern: int | None = 0
) -> QrMatrix:
    """QR matrix of ``data`` (smallest fitting version; cached, so reprints skip the encoder).

    ``mask_pattern`` 0–7 fixes the data mask; None lets qrcode score all eight masks and keep
    the best, which is about 4x slower (~10 ms). Any mask is valid QR and decodes; scoring only
    lowers the odds of finder-like artefacts.
    """
    qr = qrcode.QRCode(
        version=None, error_correction=_QR_ERROR_LEVELS[error_level], border=0, mask_pattern=mask_pattern
    )
    qr.add_data(data)
    qr.make(fit=True)
    modules: list[list[bool | None]] = qr.modules
    return QrMatrix(tuple(tuple(bool(cell) for cell in row) for row in modules))


def lookup_url_for(template: str, code: str) -> str:
    """The QR payload: ``template`` with ``{code}`` replaced, or ``?ma=<code>`` appended."""
    quoted = quote(code, safe=".-_")
    if "{code}" in template:
        return template.replace("{code}", quoted)
    separator = "&" if "?" in template else "?"
    return f"{template}{separator}ma={quoted}"


def _runs(bits: Sequence[bool] | str) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules."""
    runs: list[tuple[int, int]] = []
    start = -1
    for index, bit in enumerate(bits):
        dark = bit == "1" if isinstance(bit, str) else bool(bit)
        if dark and start < 0:
            start = index
        elif not dark and start >= 0:
            runs.append((start, index - start))
            start = -1
    if start >= 0:
        runs.append((start, len(bits) - start))
    return runs


def draw_code128(
    canvas: Any, x: float, y: float, modules: str, module_width: float, bar_height: float
) -> None:
    """Draw the bars of ``modules`` with the lower-left corner of the first module at (x, y).

    Quiet zones are not drawn: keep ``CODE128_QUIET_MODULES * module_width`` clear each side.
    """
    ops = " ".join(f"{start} 0 {length} 1 re" for start, length in _runs(modules))
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x, y)
    canvas.scale(module_width, bar_height)
    canvas.addLiteral(ops + " f")
    canvas.restoreState()


def draw_qr(canvas: Any, x: float, y: float, matrix: QrMatrix, module_size: float) -> None:
    """Draw ``matrix`` with its lower-left corner (without quiet zone) at (x, y)."""
    size = matrix.size
    parts: list[str] = []
    for row_index, row in enumerate(matrix.rows):
        row_y = size - 1 - row_index
        parts.extend(f"{start} {row_y} {length} 1 re" for start, length in _runs(row))
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x, y)
    canvas.scale(module_size, module_size)
    canvas.addLiteral(" ".join(parts) + " f")
    canvas.restoreState()


class Code128Flowable(Flowable):
    """A Code128 symbol with its quiet zones and, optionally, the text under it."""

    def __init__(
        self,
        code: str,
        *,
        module_width: float = MIN_MODULE_WIDTH,
        bar_height: float = 8 * mm,
        font: str | None = None,
        font_size: float = 8.0,
    ) -> None:
        super().__init__()
        self.code = code
        self.modules = code128_modules(code)
        self.module_width = module_width
        self.bar_height = bar_height
        self.font = font
        self.font_size = font_size
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = (len(self.modules) + 2 * CODE128_QUIET_MODULES) * self.module_width
        self.height = self.bar_height + (self.font_size * 1.3 if self.font else 0.0)
        return self.width, self.height

    def draw(self) -> None:
        quiet = CODE128_QUIET_MODULES * self.module_width
        draw_code128(
            self.canv, quiet, self.height - self.bar_height, self.modules, self.module_width, self.bar_height
        )
        if self.font:
            self.canv.setFont(self.font, self.font_size)
            self.canv.drawCentredString(self.width / 2, 1.5, self.code)
