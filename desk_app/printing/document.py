"""Page decorations (reprint mark, print time, page numbers) and the two document builders:
a flowing multi-page document (:func:`build_flow_document`) and the fixed-page stacker used
by the slip (:func:`measure` + :func:`draw_stack`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .fonts import FontSet
from .layout import Margins
from .vnformat import format_date, format_time, nfc

# Binary (Flate only) streams instead of Flate + ASCII85: standard since PDF 1.2, a fifth
# smaller and measurably faster to write (reportlab's ASCII85 encoder is pure Python here).
rl_config.useA85 = 0


def reprint_label(reprint: bool, count: int) -> str | None:
    """The reprint mark text, or None for an original print."""
    if not reprint:
        return None
    return f"BẢN IN LẠI (lần {count})" if count > 0 else "BẢN IN LẠI"


@dataclass(frozen=True)
class PageDecor:
    """What every page carries besides the story: reprint mark, print time, page numbers."""

    fonts: FontSet
    printed_at: datetime
    reprint_text: str | None = None
    footer_left: str = ""
    page_numbers: bool = True

    def draw(self, canvas: Any, page: int, total: int) -> None:
        """Draw the decorations of page ``page`` of ``total``."""
        width, height = canvas._pagesize
        canvas.saveState()
        if self.reprint_text:
            canvas.setFont(self.fonts.bold, 10)
            text_w = stringWidth(self.reprint_text, self.fonts.bold, 10)
            box_x = width - 10 * mm - text_w - 8
            box_y = height - 7.5 * mm
            canvas.setLineWidth(1)
            canvas.rect(box_x, box_y - 3, text_w + 8, 14, stroke=1, fill=0)
            canvas.drawString(box_x + 4, box_y + 0.5, self.reprint_text)
        canvas.setFont(self.fonts.italic, 7)
        stamp = f"In lúc {format_time(self.printed_at)} ngày {format_date(self.printed_at)}"
        left = f"{self.footer_left} · {stamp}" if self.footer_left else stamp
        canvas.drawString(10 * mm, 4.5 * mm, nfc(left))
        if self.page_numbers and total > 1:
            canvas.drawRightString(width - 10 * mm, 4.5 * mm, f"Trang {page}/{total}")
        canvas.restoreState()


class _DeferredCanvas(Canvas):
    """Canvas that holds pages back until save() so each page can print "Trang n/N"."""

    def __init__(self, *args: Any, decor: PageDecor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decor = decor
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            self._decor.draw(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)


def build_flow_document(
    story: list[Any], pagesize: tuple[float, float], margins: Margins, decor: PageDecor, *, title: str = ""
) -> bytes:
    """Lay ``story`` out over as many pages as needed; returns the PDF bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        title=nfc(title),
        author="desk_app",
    )
    frame = Frame(
        margins.left,
        margins.bottom,
        pagesize[0] - margins.left - margins.right,
        pagesize[1] - margins.top - margins.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize)])
    maker = partial(_DeferredCanvas, decor=decor, initialFontName=decor.fonts.regular, initialFontSize=10)
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def measure(flowables: Sequence[Any], width: float) -> tuple[float, list[tuple[Any, float, float]]]:
    """Wrap each flowable to ``width``; total height (with spaces) and (flowable, w, h) list."""
    sized: list[tuple[Any, float, float]] = []
    total = 0.0
    for flowable in flowables:
        w, h = flowable.wrap(width, 1e6)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        sized.append((flowable, w, h))
    return total, sized


def draw_stack(
    canvas: Any, sized: Sequence[tuple[Any, float, float]], x: float, top: float, width: float
) -> None:
    """Draw measured flowables top-down from ``top`` (no page breaking)."""
    y = top
    for flowable, w, h in sized:
        y -= flowable.getSpaceBefore()
        align = getattr(flowable, "hAlign", "LEFT")
        offset = (
            (width - w) / 2 if align in ("CENTER", "CENTRE") else (width - w if align == "RIGHT" else 0.0)
        )
        flowable.drawOn(canvas, x + offset, y - h)
        y -= h + flowable.getSpaceAfter()
