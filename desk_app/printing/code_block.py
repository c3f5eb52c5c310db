"""The slip's code block: title, copy label, "Mã hồ sơ", the Code128 (with its text) and the QR with its
caption, as one flowable (used by :mod:`.slip`)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Paragraph

from .barcodes import (
    CODE128_QUIET_MODULES,
    MIN_MODULE_WIDTH,
    QR_QUIET_MODULES,
    QrMatrix,
    draw_code128,
    draw_qr,
)
from .layout import Styles, esc
from .vnformat import nfc

SLIP_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"


class CodeBlock(Flowable):
    """Title, copy label, "Mã hồ sơ", the Code128 (with its text) and the QR, as one flowable.

    The barcode sits under the title, beside the QR; if the code is too long for that it
    spans the full width below. ``copy_label`` may be changed between two draws.
    """

    def __init__(
        self,
        styles: Styles,
        code: str,
        modules: str,
        qr: QrMatrix | None,
        *,
        bar_height: float,
        qr_size: float,
        max_module: float,
        title: str = SLIP_TITLE,
        code_markup: str = "",
        caption: str = "",
    ) -> None:
        super().__init__()
        self.styles = styles
        self.code = nfc(code)
        self.modules = modules
        self.qr = qr
        self.bar_height = bar_height
        self.qr_size = qr_size if qr is not None else 0.0
        self.caption_h = 0.0
        self.max_module = max_module
        self.copy_label = ""
        self.origin = (0.0, 0.0)
        self.spaceAfter = 2.0
        self.title = Paragraph(esc(title), styles.title)
        self.code_line = Paragraph(code_markup or f"Mã hồ sơ: <b>{esc(code)}</b>", styles.center)
        self.caption = nfc(caption)
        self.caption_lines: list[str] = []
        self.text_size = max(styles.size - 1.5, 8.0)
        self.label_size = max(styles.size - 1.5, 7.5)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        total_modules = len(self.modules) + 2 * CODE128_QUIET_MODULES
        qr_area = 0.0
        if self.qr is not None:
            qr_area = self.qr_size * (1 + QR_QUIET_MODULES / self.qr.size)
        self.left_w = avail_width - qr_area
        self.side = self.left_w / total_modules >= MIN_MODULE_WIDTH
        bar_room = self.left_w if self.side else avail_width
        self.module = max(MIN_MODULE_WIDTH, min(self.max_module, bar_room / total_modules))
        self.width = avail_width
        if self.qr is not None and self.caption:
            room = max(qr_area, 30.0)
            self.caption_lines = simpleSplit(self.caption, self.styles.fonts.italic, 6.5, room)[:4]
            self.caption_h = 7.2 * len(self.caption_lines) + 1.0
        self.title_h = self.title.wrap(self.left_w, 1e6)[1]
        self.code_h = self.code_line.wrap(self.left_w, 1e6)[1]
        self.label_h = self.label_size * 1.3
        self.text_block_h = self.title_h + self.label_h + self.code_h
        self.bar_block_h = 3 + self.bar_height + self.text_size * 1.25
        qr_total = self.qr_size + self.caption_h
        if self.side:
            self.height = max(self.text_block_h + self.bar_block_h, qr_total)
        else:
            self.height = max(self.text_block_h, qr_total) + self.bar_block_h
        return avail_width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self.origin = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw_copy_label(self, canvas: Any, label: str) -> None:
        """Draw "(Liên …)" under the title, in page coordinates (after the block was drawn)."""
        x, y = self.origin
        canvas.setFont(self.styles.fonts.italic, self.label_size)
        canvas.drawCentredString(
            x + self.left_w / 2, y + self.height - self.title_h - self.label_size, f"({label})"
        )

    def draw(self) -> None:
        canvas, fonts = self.canv, self.styles.fonts
        top = self.height
        cx = self.left_w / 2
        self.title.drawOn(canvas, 0, top - self.title_h)
        cursor = top - self.title_h
        if self.copy_label:
            canvas.setFont(fonts.italic, self.label_size)
            canvas.drawCentredString(cx, cursor - self.label_size, f"({self.copy_label})")
        cursor -= self.label_h
        self.code_line.drawOn(canvas, 0, cursor - self.code_h)
        cursor -= self.code_h
        if not self.side:
            cursor = top - max(self.text_block_h, self.qr_size + self.caption_h)
            cx = self.width / 2
        cursor -= 3
        bar_w = len(self.modules) * self.module
        draw_code128(
            canvas, cx - bar_w / 2, cursor - self.bar_height, self.modules, self.module, self.bar_height
        )
        cursor -= self.bar_height + self.text_size
        canvas.setFont(fonts.regular, self.text_size)
        canvas.drawCentredString(cx, cursor, self.code)
        if self.qr is not None:
            qx = self.width - self.qr_size
            block_h = self.height if self.side else self.height - self.bar_block_h
            qy = top - (block_h - self.qr_size - self.caption_h) / 2 - self.qr_size
            draw_qr(canvas, qx, qy, self.qr, self.qr_size / self.qr.size)
            canvas.setFont(fonts.italic, 6.5)
            for index, line in enumerate(self.caption_lines):
                canvas.drawCentredString(qx + self.qr_size / 2, qy - 7 - index * 7.2, line)
