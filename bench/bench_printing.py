"""Benchmark: one intake slip (2 pages) vs a bare reportlab page with one Code128.

Run by hand, not in CI:

    .venv/bin/python bench/bench_printing.py [--runs 30] [--page-size A5]

Prints the median of each and the ratio. Each slip uses a new dossier code so that no
per-code cache can flatter the figure. Font registration happens once, before timing.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.printing import DocumentLine, SlipData, UnitHeader, register_fonts, render_slip

CODE = "001.05.12.H49-260213-{:04d}"


def bare_page(number: int) -> bytes:
    """A5 canvas page with reportlab's own Code128 widget, saved to memory."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5)
    Code128(CODE.format(number), barWidth=0.33 * mm, barHeight=10 * mm).drawOn(canvas, 15 * mm, 150 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def ttf_floor_page(number: int) -> bytes:
    """The bare page plus one Vietnamese line in each of the three embedded faces the slip uses.

    Not a target, a floor: what embedding three TrueType subsets costs before any layout.
    """
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, initialFontName=fonts.regular)
    Code128(CODE.format(number), barWidth=0.33 * mm, barHeight=10 * mm).drawOn(canvas, 15 * mm, 150 * mm)
    for index, face in enumerate((fonts.regular, fonts.bold, fonts.italic)):
        canvas.setFont(face, 11)
        canvas.drawString(
            15 * mm, (100 - 8 * index) * mm, "Giấy tiếp nhận hồ sơ của Nguyễn Thị Hằng, Đăng ký khai sinh"
        )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sample_slip(number: int) -> SlipData:
    """A realistic slip: 3 documents, QR lookup URL, hotline."""
    header = UnitHeader(
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "ỦY BAN NHÂN DÂN XÃ GIO SƠN", "Gio Sơn", hotline="0233 3861 234"
    )
    return SlipData(
        header=header,
        code=CODE.format(number),
        applicant_name="Nguyễn Thị Hằng",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        received_at=datetime(2026, 2, 13, 8, 37),
        due_at=datetime(2026, 2, 13, 16, 30),
        applicant_id_number="045190001234",
        address="Thôn An Nhơn, xã Gio Sơn, tỉnh Quảng Trị",
        phone="0912 345 678",
        email="hang.nt@example.vn",
        documents=[
            DocumentLine("Tờ khai đăng ký khai sinh", "original", 1),
            DocumentLine("Giấy chứng sinh", "original", 1),
            DocumentLine("Căn cước của người đi khai sinh", "copy", 1),
        ],
        processing_time_text="Trong ngày làm việc",
        fee_text="Miễn phí",
        book_number="01/2026",
        book_seq=number,
        receiver_name="Lê Văn Tâm",
        lookup_url="https://dichvucong.quangtri.gov.vn/tra-cuu?ma={code}",
    )


def median_ms(action: Callable[[int], bytes], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU (process) time of ``action`` in ms; CPU time is the steadier
    figure on a shared, busy machine."""
    action(0)  # warm-up
    wall: list[float] = []
    cpu: list[float] = []
    for number in range(1, runs + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        action(number)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--page-size", choices=("A4", "A5"), default="A5")
    args = parser.parse_args()
    start = time.perf_counter()
    register_fonts()
    print(f"font registration (once per process): {(time.perf_counter() - start) * 1000:.1f} ms")
    slips = [sample_slip(number) for number in range(args.runs + 1)]
    bare = median_ms(bare_page, args.runs)
    floor = median_ms(ttf_floor_page, args.runs)
    slip = median_ms(lambda n: render_slip(slips[n], args.page_size), args.runs)
    size = len(render_slip(slips[0], args.page_size))
    print(f"medians over {args.runs} runs (wall / CPU):")
    print(f"  bare reportlab page + Code128:                 {bare[0]:7.2f} / {bare[1]:7.2f} ms")
    print(f"  same + 3 embedded Liberation Serif subsets:    {floor[0]:7.2f} / {floor[1]:7.2f} ms (floor)")
    print(f"  slip {args.page_size} (2 pages, Code128 + QR, {size} B): {slip[0]:7.2f} / {slip[1]:7.2f} ms")
    print(
        f"ratio slip / bare: {slip[0] / bare[0]:.1f}x wall, {slip[1] / bare[1]:.1f}x CPU"
        f"   (slip / floor: {slip[1] / floor[1]:.1f}x CPU)"
    )


if __name__ == "__main__":
    main()
