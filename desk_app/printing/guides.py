"""Printed help for citizens: guide sheets (one A4 page, large type, QR codes) and the public listing of
procedures (bảng niêm yết: posters A4/A3 one field per sheet, or a booklet with a table of contents),
the list of online-only procedures and the notice of how to send feedback.

Plain data in (the dataclasses below), PDF bytes out; the catalog date and version and the print date are on
every page of the listing, so a poster on the wall can be checked against the catalog the counter uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from .barcodes import QR_QUIET_MODULES, draw_qr, qr_matrix
from .document import PageDecor, build_flow_document
from .fonts import FontSet, register_fonts
from .layout import Margins, esc, para
from .vnformat import format_date

GUIDE_MARGINS = Margins(18 * mm, 15 * mm, 14 * mm, 14 * mm)
LISTING_MARGINS = Margins(10 * mm, 10 * mm, 10 * mm, 12 * mm)


@dataclass(frozen=True)
class QrLink:
    """A QR code with the address it opens and a caption under it."""

    url: str
    caption: str


@dataclass(frozen=True)
class GuideSheet:
    """One guide sheet (phiếu hướng dẫn): a title, a few steps, facts (label, value), QR links."""

    unit_name: str
    title: str
    intro: str = ""
    steps: Sequence[str] = ()
    facts: Sequence[tuple[str, str]] = ()
    documents: Sequence[str] = ()
    warning: str = ""
    links: Sequence[QrLink] = ()
    contact: str = ""  # "Quầy một cửa: … · Điện thoại: …"
    printed_at: datetime | None = None


@dataclass(frozen=True)
class ListingEntry:
    """One procedure of the public listing."""

    code: str
    name: str
    field: str
    documents: Sequence[str]
    time_text: str
    fee_text: str
    legal_basis: str
    where: str
    online_text: str  # "Toàn trình", "Một phần", "Không", "Chỉ trực tuyến"
    online_only: bool = False


@dataclass(frozen=True)
class FeedbackNotice:
    """How to send feedback on administrative rules (TT 02/2017/TT-VPCP: posted at the counter)."""

    receiver: str
    address: str = ""
    phone: str = ""
    email: str = ""
    portal: str = ""


@dataclass(frozen=True)
class Listing:
    """The public listing of procedures, generated from the current catalog."""

    unit_name: str
    catalog_date: date
    catalog_version: str
    entries: Sequence[ListingEntry]
    feedback: FeedbackNotice | None = None
    printed_at: datetime | None = None
    fields_order: Sequence[str] = field(default_factory=tuple)

    def fields(self) -> list[str]:
        seen: list[str] = list(self.fields_order)
        for entry in self.entries:
            if entry.field not in seen:
                seen.append(entry.field)
        return [f for f in seen if any(e.field == f for e in self.entries)]


class QrFlowable(Flowable):
    """A QR symbol (vector) with its quiet zone and a caption under it."""

    def __init__(self, link: QrLink, *, module: float, font: str, font_size: float = 10) -> None:
        super().__init__()
        self.link = link
        self.matrix = qr_matrix(link.url)
        self.module = module
        self.font = font
        self.font_size = font_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        side = (self.matrix.size + 2 * QR_QUIET_MODULES) * self.module
        self.width = max(side, 40 * mm)
        self.height = side + self.font_size * 2.6
        return self.width, self.height

    def draw(self) -> None:
        side = (self.matrix.size + 2 * QR_QUIET_MODULES) * self.module
        x = (self.width - side) / 2 + QR_QUIET_MODULES * self.module
        y = self.height - side + QR_QUIET_MODULES * self.module
        draw_qr(self.canv, x, y, self.matrix, self.module)
        self.canv.setFont(self.font, self.font_size)
        self.canv.drawCentredString(self.width / 2, self.font_size * 1.3, self.link.caption[:60])
        self.canv.setFont(self.font, self.font_size * 0.7)
        self.canv.drawCentredString(self.width / 2, 1, self.link.url[:90])


def _styles(fonts: FontSet, size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("g", fontName=fonts.regular, fontSize=size, leading=size * 1.3)
    return {
        "body": base,
        "unit": ParagraphStyle("gu", parent=base, fontName=fonts.bold, fontSize=size - 2, alignment=1),
        "title": ParagraphStyle(
            "gt", parent=base, fontName=fonts.bold, fontSize=size + 4, leading=(size + 4) * 1.25, alignment=1
        ),
        "step": ParagraphStyle("gs", parent=base, leftIndent=8 * mm, firstLineIndent=-8 * mm, spaceAfter=4),
        "warn": ParagraphStyle("gw", parent=base, fontName=fonts.bold_italic, spaceBefore=6),
        "small": ParagraphStyle("gsm", parent=base, fontSize=size - 3, leading=(size - 3) * 1.25),
        "cell": ParagraphStyle("gc", parent=base, fontSize=size - 4, leading=(size - 4) * 1.2),
        "head": ParagraphStyle(
            "gh", parent=base, fontName=fonts.bold, fontSize=size - 4, leading=(size - 4) * 1.2, alignment=1
        ),
    }


def render_guide(sheet: GuideSheet, *, font_size: float = 15) -> bytes:
    """One guide sheet on one A4 page (the type shrinks step by step until it fits one page)."""
    fonts = register_fonts()
    size = font_size
    while True:
        pdf, pages = _guide_pdf(sheet, fonts, size)
        if pages == 1 or size <= 10:
            return pdf
        size -= 1


def _guide_pdf(sheet: GuideSheet, fonts: FontSet, size: float) -> tuple[bytes, int]:
    st = _styles(fonts, size)
    story: list[Any] = [
        para(esc(sheet.unit_name.upper()), st["unit"]),
        Spacer(1, 3 * mm),
        para(esc(sheet.title), st["title"]),
        Spacer(1, 4 * mm),
    ]
    if sheet.intro:
        story += [para(esc(sheet.intro), st["body"]), Spacer(1, 3 * mm)]
    for label, value in sheet.facts:
        story.append(para(f"<b>{esc(label)}:</b> {esc(value)}", st["step"]))
    if sheet.documents:
        story.append(para("<b>Giấy tờ cần chuẩn bị:</b>", st["body"]))
        story += [para(f"–&nbsp;&nbsp;{esc(d)}", st["step"]) for d in sheet.documents]
    for i, step in enumerate(sheet.steps, start=1):
        story.append(para(f"<b>{i}.</b>&nbsp;&nbsp;{esc(step)}", st["step"]))
    if sheet.warning:
        story.append(para(esc(sheet.warning), st["warn"]))
    if sheet.links:
        qrs = [QrFlowable(link, module=1.1 * mm, font=fonts.regular) for link in sheet.links]
        story += [Spacer(1, 5 * mm), Table([qrs], hAlign="CENTER")]
    if sheet.contact:
        story += [Spacer(1, 3 * mm), para(esc(sheet.contact), st["small"])]
    decor = PageDecor(fonts=fonts, printed_at=sheet.printed_at or datetime.now(), footer_left=sheet.unit_name)
    pdf = build_flow_document(story, A4, GUIDE_MARGINS, decor, title=sheet.title)
    return pdf, _page_count(pdf)


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


# -- the public listing ----------------------------------------------------------------------------------

_COLUMNS = (
    ("STT", 0.035),
    ("Mã / Tên thủ tục", 0.19),
    ("Thành phần hồ sơ", 0.25),
    ("Thời hạn giải quyết", 0.10),
    ("Phí, lệ phí", 0.11),
    ("Căn cứ pháp lý", 0.13),
    ("Nơi nộp", 0.10),
    ("Trực tuyến", 0.085),
)


class _Mark(Flowable):
    """Records the page it lands on (the booklet's table of contents is built from a first pass)."""

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key = key
        self.pages = pages

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.setdefault(self.key, self.canv.getPageNumber())


def _table(
    entries: Sequence[ListingEntry], st: dict[str, ParagraphStyle], width: float, start: int = 1
) -> Table:
    head = [para(esc(name), st["head"]) for name, _w in _COLUMNS]
    rows: list[list[Any]] = [head]
    for i, e in enumerate(entries, start=start):
        docs = "<br/>".join(f"– {esc(d)}" for d in e.documents) or "–"
        rows.append(
            [
                para(str(i), st["cell"]),
                para(f"<b>{esc(e.code)}</b><br/>{esc(e.name)}", st["cell"]),
                para(docs, st["cell"]),
                para(esc(e.time_text), st["cell"]),
                para(esc(e.fee_text), st["cell"]),
                para(esc(e.legal_basis), st["cell"]),
                para(esc(e.where), st["cell"]),
                para(f"<b>{esc(e.online_text)}</b>" if e.online_only else esc(e.online_text), st["cell"]),
            ]
        )
    table = Table(rows, colWidths=[w * width for _n, w in _COLUMNS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
            ]
        )
    )
    return table


def _feedback_story(notice: FeedbackNotice, st: dict[str, ParagraphStyle]) -> list[Any]:
    lines = [
        para("THÔNG BÁO<br/>VỀ VIỆC TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ VỀ QUY ĐỊNH HÀNH CHÍNH", st["title"]),
        Spacer(1, 5 * mm),
        para(
            esc(
                "Cá nhân, tổ chức có phản ánh, kiến nghị về quy định hành chính, về việc thực hiện thủ tục "
                "hành chính tại cơ quan, đơn vị xin gửi về:"
            ),
            st["body"],
        ),
        Spacer(1, 3 * mm),
        para(f"<b>{esc(notice.receiver)}</b>", st["body"]),
    ]
    for label, value in (
        ("Địa chỉ", notice.address),
        ("Điện thoại", notice.phone),
        ("Thư điện tử", notice.email),
        ("Cổng Dịch vụ công", notice.portal),
    ):
        if value:
            lines.append(para(f"{esc(label)}: {esc(value)}", st["step"]))
    lines += [
        Spacer(1, 3 * mm),
        para(
            esc(
                "Phản ánh, kiến nghị dùng ngôn ngữ tiếng Việt, ghi rõ nội dung, họ tên, địa chỉ, số điện thoại "
                "hoặc địa chỉ thư tín của người gửi. Không tiếp nhận theo quy định này khiếu nại, tố cáo."
            ),
            st["body"],
        ),
    ]
    if notice.portal:
        lines += [
            Spacer(1, 4 * mm),
            QrFlowable(
                QrLink(notice.portal, "Gửi phản ánh trực tuyến"), module=1.0 * mm, font=st["body"].fontName
            ),
        ]
    return lines


def render_listing(
    listing: Listing, *, size: str = "A4", booklet: bool = False, online_only: bool = False
) -> bytes:
    """The public listing: a poster per field (landscape A4/A3), or a booklet (A4 portrait, a table of
    contents); then the online-only procedures on their own sheet and the feedback notice.
    ``online_only`` prints only the online-only sheet."""
    fonts = register_fonts()
    if size not in ("A4", "A3"):
        raise ValueError("size must be A4 or A3")
    if booklet:
        pagesize = A4
        base = 14.0
    else:
        pagesize = landscape(A3 if size == "A3" else A4)
        base = 16.0 if size == "A3" else 13.0
    st = _styles(fonts, base)
    width = pagesize[0] - LISTING_MARGINS.left - LISTING_MARGINS.right
    stamp = (
        f"{listing.unit_name} · Danh mục TTHC ngày {format_date(listing.catalog_date)}, "
        f"phiên bản {listing.catalog_version}"
    )
    decor = PageDecor(fonts=fonts, printed_at=listing.printed_at or datetime.now(), footer_left=stamp)
    title = "BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH"

    def online_sheet() -> list[Any]:
        only = [e for e in listing.entries if e.online_only]
        story: list[Any] = [
            para(esc(listing.unit_name.upper()), st["unit"]),
            para("DANH MỤC THỦ TỤC HÀNH CHÍNH CHỈ TIẾP NHẬN TRỰC TUYẾN", st["title"]),
            Spacer(1, 4 * mm),
        ]
        if only:
            story.append(_table(only, st, width))
            story.append(Spacer(1, 3 * mm))
            story.append(
                para(
                    esc(
                        "Cán bộ một cửa hỗ trợ người dân, doanh nghiệp nộp hồ sơ trực tuyến các thủ tục trên."
                    ),
                    st["small"],
                )
            )
        else:
            story.append(para(esc("Hiện không có thủ tục nào chỉ tiếp nhận trực tuyến."), st["body"]))
        return story

    def build(toc_pages: dict[str, int] | None, marks: dict[str, int]) -> bytes:
        story: list[Any] = []
        if online_only:
            story += online_sheet()
            return build_flow_document(story, pagesize, LISTING_MARGINS, decor, title=title)
        fields = listing.fields()
        if booklet:
            story += [
                Spacer(1, 40 * mm),
                para(esc(listing.unit_name.upper()), st["unit"]),
                Spacer(1, 10 * mm),
                para(title, st["title"]),
                Spacer(1, 6 * mm),
                para(
                    esc(
                        f"Danh mục cập nhật ngày {format_date(listing.catalog_date)} · phiên bản {listing.catalog_version}"
                    ),
                    st["unit"],
                ),
                PageBreak(),
                para("MỤC LỤC", st["title"]),
                Spacer(1, 5 * mm),
            ]
            toc_rows = []
            for i, name in enumerate(
                [*fields, "Thủ tục chỉ tiếp nhận trực tuyến", "Phản ánh, kiến nghị"], start=1
            ):
                page = (toc_pages or {}).get(name)
                toc_rows.append(
                    [
                        para(f"{i}. {esc(name or 'Khác')}", st["body"]),
                        para(str(page) if page else "…", st["body"]),
                    ]
                )
            toc = Table(toc_rows, colWidths=[width - 25 * mm, 25 * mm])
            toc.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT")]))
            story += [toc, PageBreak()]
        number = 1
        for i, name in enumerate(fields):
            entries = [e for e in listing.entries if e.field == name]
            if i > 0:
                story.append(PageBreak())
            story += [
                _Mark(name, marks),
                para(esc(listing.unit_name.upper()), st["unit"]),
                para(f"{title}<br/>LĨNH VỰC: {esc((name or 'Khác').upper())}", st["title"]),
                Spacer(1, 4 * mm),
                _table(entries, st, width, start=number),
            ]
            number += len(entries)
        story += [PageBreak(), _Mark("Thủ tục chỉ tiếp nhận trực tuyến", marks), *online_sheet()]
        if listing.feedback is not None:
            story += [
                PageBreak(),
                _Mark("Phản ánh, kiến nghị", marks),
                *_feedback_story(listing.feedback, st),
            ]
        return build_flow_document(story, pagesize, LISTING_MARGINS, decor, title=title)

    first: dict[str, int] = {}
    pdf = build(None, first)
    if booklet and not online_only:
        pdf = build(first, {})
    return pdf


def render_feedback_notice(
    notice: FeedbackNotice, *, unit_name: str, printed_at: datetime | None = None
) -> bytes:
    """The notice of how to send feedback, alone on one A4 page."""
    fonts = register_fonts()
    st = _styles(fonts, 15)
    decor = PageDecor(fonts=fonts, printed_at=printed_at or datetime.now(), footer_left=unit_name)
    story = [para(esc(unit_name.upper()), st["unit"]), Spacer(1, 4 * mm), *_feedback_story(notice, st)]
    return build_flow_document(
        [KeepTogether(story), CondPageBreak(0)], A4, GUIDE_MARGINS, decor, title="Phản ánh, kiến nghị"
    )
