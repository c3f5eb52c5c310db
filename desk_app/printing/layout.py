"""Shared layout of the forms: page sizes and margins, paragraph styles, the NĐ 30 two-column
header and the signature blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from .data import Issuer, UnitHeader
from .fonts import FontSet
from .vnformat import nfc

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký và ghi rõ họ tên)"
SIGN_SEAL_HINT = "(Ký, ghi rõ họ tên và đóng dấu)"

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "A5": A5}


@dataclass(frozen=True)
class Margins:
    """Page margins in points."""

    left: float
    right: float
    top: float
    bottom: float


#: NĐ 30/2020 margins (left 30–35 mm, right 15–20 mm, top/bottom 20–25 mm), slightly tightened.
A4_MARGINS = Margins(25 * mm, 15 * mm, 15 * mm, 15 * mm)
A5_MARGINS = Margins(12 * mm, 10 * mm, 9 * mm, 8 * mm)
LANDSCAPE_MARGINS = Margins(12 * mm, 10 * mm, 12 * mm, 12 * mm)


def esc(text: str) -> str:
    """NFC-normalise user text and escape it for Paragraph markup."""
    return escape(nfc(text))


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one base font size."""

    fonts: FontSet
    size: float
    body: ParagraphStyle
    body_justify: ParagraphStyle
    center: ParagraphStyle
    title: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle


@lru_cache(maxsize=64)
def make_styles(fonts: FontSet, size: float) -> Styles:
    """Styles for ``size`` pt body text (cached: styles are read-only)."""
    leading = round(size * 1.22, 2)
    base = ParagraphStyle(
        f"body{size}", fontName=fonts.regular, fontSize=size, leading=leading, alignment=TA_LEFT, spaceAfter=0
    )
    cell_size = max(size - 1, 7.5)
    cell = ParagraphStyle(f"cell{size}", parent=base, fontSize=cell_size, leading=round(cell_size * 1.18, 2))
    return Styles(
        fonts=fonts,
        size=size,
        body=base,
        body_justify=ParagraphStyle(f"bodyj{size}", parent=base, alignment=TA_JUSTIFY),
        center=ParagraphStyle(f"center{size}", parent=base, alignment=TA_CENTER),
        title=ParagraphStyle(
            f"title{size}",
            parent=base,
            fontName=fonts.bold,
            fontSize=size + 1,
            leading=round((size + 1) * 1.2, 2),
            alignment=TA_CENTER,
        ),
        note=ParagraphStyle(
            f"note{size}",
            parent=base,
            fontName=fonts.italic,
            fontSize=size - 1,
            leading=round((size - 1) * 1.2, 2),
        ),
        cell=cell,
        cell_center=ParagraphStyle(f"cellc{size}", parent=cell, alignment=TA_CENTER),
        cell_head=ParagraphStyle(f"cellh{size}", parent=cell, fontName=fonts.bold, alignment=TA_CENTER),
    )


def para(markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of already-escaped markup (use :func:`esc` on user text)."""
    return Paragraph(markup, style)


def field(
    label: str, value: str, style: ParagraphStyle, *, bold: bool = False, dots: bool = True
) -> Paragraph:
    """A "Label: value" paragraph; an empty value prints dotted blanks to be completed by hand."""
    text = esc(value.strip())
    if not text and dots:
        text = "…………………………"
    elif bold:
        text = f"<b>{text}</b>"
    return Paragraph(f"{esc(label)}: {text}", style)


class HRule(Flowable):
    """A centred horizontal line of fixed width."""

    def __init__(self, width: float, thickness: float = 0.6, space: float = 2.0) -> None:
        super().__init__()
        self.rule_width = width
        self.thickness = thickness
        self.space = space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.space * 2

    def draw(self) -> None:
        x0 = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x0, self.space, x0 + self.rule_width, self.space)


def _fit_size(text: str, font: str, size: float, width: float) -> float:
    needed = stringWidth(text, font, size)
    return size if needed <= width else size * width / needed


def fit_lines(
    text: str, font: str, size: float, width: float, min_ratio: float = 0.8
) -> tuple[list[str], float]:
    """One line shrunk to fit when it takes at most 1/``min_ratio`` of the size, else wrapped lines."""
    if not text:
        return [], size
    fitted = _fit_size(text, font, size, width)
    if fitted >= size * min_ratio:
        return [text], fitted
    return simpleSplit(text, font, size, width), size


class HeaderBlock(Flowable):
    """The NĐ 30 header: issuer on the left, national name and motto on the right.

    Left (NĐ 30/2020 Phụ lục I mục II.2): the body above the issuer (regular), the issuer (bold, short rule
    under it), "Số: …"; ``issuer`` picks the two lines (:meth:`UnitHeader.lines`).
    Right: national name (bold), motto (bold, underlined), "<place>, ngày … tháng … năm …" (italic).
    The "Số" line and the date line share one baseline.
    """

    def __init__(
        self,
        fonts: FontSet,
        size: float,
        header: UnitHeader,
        number: str | None,
        date_line: str | None,
        *,
        issuer: Issuer = "office",
        left_fraction: float = 0.44,
    ) -> None:
        super().__init__()
        self.fonts = fonts
        self.size = size
        upper, lower = header.lines(issuer)
        self.gov = nfc(upper.strip()).upper()
        self.unit = nfc(lower.strip()).upper()
        self.number = None if number is None else nfc(number.strip())
        self.date_line = None if date_line is None else nfc(date_line)
        self.left_fraction = left_fraction

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        size, fonts = self.size, self.fonts
        self.width = avail_width
        self.left_w = avail_width * self.left_fraction
        self.right_w = avail_width - self.left_w
        pad = 8.0
        self.gov_lines, self.gov_size = fit_lines(self.gov, fonts.regular, size, self.left_w - pad)
        self.unit_lines, self.unit_size = fit_lines(self.unit, fonts.bold, size, self.left_w - pad)
        self.nat_size = _fit_size(NATIONAL_NAME, fonts.bold, size, self.right_w - pad)
        self.motto_size = _fit_size(NATIONAL_MOTTO, fonts.bold, size + 1, self.right_w - pad)
        self.leading = size * 1.2
        left_lines = len(self.gov_lines) + len(self.unit_lines)
        self.top_height = (
            max(left_lines * self.leading + size * 0.5, self.leading + (self.motto_size * 1.2)) + 6
        )
        has_bottom = self.number is not None or self.date_line is not None
        self.height = self.top_height + (self.leading + 4 if has_bottom else 0)
        return avail_width, self.height

    def draw(self) -> None:
        c, fonts, size, lead = self.canv, self.fonts, self.size, self.leading
        lx = self.left_w / 2
        rx = self.left_w + self.right_w / 2
        y = self.height - size
        c.setFont(fonts.regular, self.gov_size)
        for line in self.gov_lines:
            c.drawCentredString(lx, y, line)
            y -= lead
        c.setFont(fonts.bold, self.unit_size)
        widest = 0.0
        for line in self.unit_lines:
            c.drawCentredString(lx, y, line)
            widest = max(widest, stringWidth(line, fonts.bold, self.unit_size))
            y -= lead
        c.setLineWidth(0.6)
        if self.unit_lines:
            rule = max(widest / 3, 30.0)
            rule_y = y + lead - size * 0.45
            c.line(lx - rule / 2, rule_y, lx + rule / 2, rule_y)
        y = self.height - size
        c.setFont(fonts.bold, self.nat_size)
        c.drawCentredString(rx, y, NATIONAL_NAME)
        y -= self.nat_size * 0.2 + self.motto_size * 1.05
        c.setFont(fonts.bold, self.motto_size)
        c.drawCentredString(rx, y, NATIONAL_MOTTO)
        motto_w = stringWidth(NATIONAL_MOTTO, fonts.bold, self.motto_size)
        c.line(rx - motto_w / 2, y - 3, rx + motto_w / 2, y - 3)
        base = self.height - self.top_height - size - 2
        if self.number is not None:
            c.setFont(fonts.regular, size)
            c.drawCentredString(lx, base, f"Số: {self.number or '……/……'}")
        if self.date_line is not None:
            date_size = _fit_size(self.date_line, fonts.italic, size, self.right_w - 2)
            c.setFont(fonts.italic, date_size)
            c.drawCentredString(rx, base, self.date_line)


@dataclass(frozen=True)
class Signer:
    """One signature column: title (bold), hint (italic), printed name (bold)."""

    title: str
    name: str = ""
    hint: str = SIGN_HINT


class SignatureBlock(Flowable):
    """Signature columns side by side; a single signer sits in the right half.

    ``recipients`` ("Nơi nhận") are printed in the left half when given.
    """

    def __init__(
        self,
        fonts: FontSet,
        size: float,
        signers: Sequence[Signer],
        *,
        sign_space: float,
        recipients: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.fonts = fonts
        self.size = size
        self.signers = [Signer(nfc(s.title), nfc(s.name.strip()), nfc(s.hint)) for s in signers]
        self.sign_space = sign_space
        self.recipients = [nfc(r) for r in recipients]

    def _slots(self, width: float) -> list[tuple[float, float]]:
        count = len(self.signers)
        if count == 1:
            return [(width * 0.45, width * 0.55)]
        slot = width / count
        return [(i * slot, slot) for i in range(count)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.lead = self.size * 1.2
        self.layout = []
        tallest = 0.0
        for (x, w), signer in zip(self._slots(avail_width), self.signers, strict=True):
            title = simpleSplit(signer.title, self.fonts.bold, self.size, w - 4)
            hint = simpleSplit(signer.hint, self.fonts.italic, self.size - 1, w - 4) if signer.hint else []
            name = simpleSplit(signer.name, self.fonts.bold, self.size, w - 4) if signer.name else []
            height = (len(title) + len(hint)) * self.lead + self.sign_space + len(name) * self.lead
            self.layout.append((x + w / 2, title, hint, name))
            tallest = max(tallest, height)
        rec_height = (len(self.recipients) + 1) * (self.size - 2) * 1.2 if self.recipients else 0.0
        self.height = max(tallest, rec_height) + 2
        return avail_width, self.height

    def draw(self) -> None:
        c, fonts, size, lead = self.canv, self.fonts, self.size, self.lead
        for cx, title, hint, name in self.layout:
            y = self.height - size
            c.setFont(fonts.bold, size)
            for line in title:
                c.drawCentredString(cx, y, line)
                y -= lead
            c.setFont(fonts.italic, size - 1)
            for line in hint:
                c.drawCentredString(cx, y, line)
                y -= lead
            y -= self.sign_space
            c.setFont(fonts.bold, size)
            for line in name:
                c.drawCentredString(cx, y, line)
                y -= lead
        if self.recipients:
            small = size - 2
            y = self.height - size
            c.setFont(fonts.bold_italic, small + 1)
            c.drawString(0, y, "Nơi nhận:")
            c.setFont(fonts.regular, small)
            for index, item in enumerate(self.recipients):
                y -= small * 1.2
                end = "." if index == len(self.recipients) - 1 else ";"
                c.drawString(0, y, f"- {item}{end}")
