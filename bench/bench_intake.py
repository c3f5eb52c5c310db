"""Benchmark: save a dossier (services.intake.receive) plus its slip PDF (services.prints.render_slip).

Compared, in the same run, with a bare reportlab page holding one Code128
(reportlab.graphics.barcode.code128) written to memory: the raw floor of "make a PDF with a barcode".
Goals (issue #3): within 3x of the baseline, and an absolute median under 300 ms.

    .venv/bin/python bench/bench_intake.py [--runs 30] [--data-dir DIR] [--prefill 400]

Without --data-dir a temporary data directory is set up (unit, shipped catalog) and filled with
--prefill dossiers spread over the past days, so tables and the audit chain are not empty.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.printing.slip import render_slip as pdf_slip
from desk_app.services.intake.receive import ApplicantInput, DocumentInput, IntakeRequest, receive
from desk_app.services.lifecycle import prints
from desk_app.services.setup import catalog
from desk_app.services.setup import unit as setup
from desk_app.store import audit
from desk_app.store.db import Database, open_database
from desk_app.store.models import Dossier

APPLICANT = ApplicantInput(
    "Nguyễn Thị Hằng",
    "001190012345",
    birth_date=date(1990, 5, 2),
    gender="Nữ",
    address="Thôn Đông, xã Gio Sơn, tỉnh Quảng Trị",
    phone="0912345678",
)
DOCS = [
    DocumentInput("Tờ khai đăng ký khai sinh"),
    DocumentInput("Giấy chứng sinh (hoặc văn bản của người làm chứng/giấy cam đoan)"),
    DocumentInput("Giấy tờ tùy thân của người đi đăng ký", "copy"),
]


def bare_page(code: str) -> bytes:
    """The baseline: one A5 page with one reportlab Code128 and its text, to memory."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5)
    barcode = Code128(code, barWidth=0.33 * mm, barHeight=10 * mm)
    barcode.drawOn(canvas, 20 * mm, 150 * mm)
    canvas.drawString(20 * mm, 145 * mm, code)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def prepare(data_dir: Path | None, prefill: int) -> tuple[Database, tempfile.TemporaryDirectory[str] | None]:
    holder = None
    if data_dir is None:
        holder = tempfile.TemporaryDirectory(prefix="bench-intake-")
        data_dir = Path(holder.name)
    db = open_database(data_dir)
    try:
        setup.get_unit(db)
    except Exception:
        setup.init_unit(db, "001.05.12.H49", "Ủy ban nhân dân xã Gio Sơn", province="Quảng Trị")
    if not catalog.list_procedures(db):
        catalog.import_seed(db)
    start = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    for i in range(prefill):
        moment = start - timedelta(days=1 + i // 40, minutes=i % 40)
        receive(db, IntakeRequest("1.004194", APPLICANT, DOCS, received_at=moment), actor="bench")
    return db, holder


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--prefill", type=int, default=400)
    args = parser.parse_args()

    t0 = time.perf_counter()
    db, holder = prepare(args.data_dir, 0 if args.data_dir else args.prefill)
    print(f"data dir ready in {time.perf_counter() - t0:.1f} s")
    try:
        # Warm up: fonts registered, imports done, SQLite pages cached (as in a running app).
        code = receive(db, IntakeRequest("1.001193", APPLICANT, DOCS), actor="bench").code or ""
        prints.render_slip(db, code, actor="bench")
        bare_page(code)

        base, total, save, slip = [], [], [], []
        for _ in range(args.runs):
            base.append(timed(lambda: bare_page(code)))
            t_start = time.perf_counter()
            res = receive(db, IntakeRequest("1.001193", APPLICANT, DOCS), actor="bench")
            t_saved = time.perf_counter()
            pdf = prints.render_slip(db, res.code or "", actor="bench")
            t_end = time.perf_counter()
            assert pdf.startswith(b"%PDF")
            save.append((t_saved - t_start) * 1000)
            slip.append((t_end - t_saved) * 1000)
            total.append((t_end - t_start) * 1000)
        # Where the time goes: the PDF alone (printing library, no database), and one durable commit
        # (SQLite WAL, synchronous=FULL: an fsync) of the kind receive and the print audit each make.
        with db.session() as session:
            dossier = session.query(Dossier).filter(Dossier.code == code).one()
            data = prints.slip_data(session, dossier)
        render_only = [timed(lambda: pdf_slip(data, "A5")) for _ in range(args.runs)]

        def commit_one() -> None:
            with db.transaction() as session:
                audit.record(session, "bench.commit", actor="bench")

        commits = [timed(commit_one) for _ in range(args.runs)]
        med = statistics.median
        print(f"runs: {args.runs}")
        print(f"baseline  bare reportlab page + one Code128     median {med(base):7.1f} ms")
        print(f"receive   (one transaction, code, audit)        median {med(save):7.1f} ms")
        print(f"slip      (render_slip: 2 A5 pages, audited)    median {med(slip):7.1f} ms")
        print(f"total     receive + slip                        median {med(total):7.1f} ms")
        print(f"  of which: PDF render alone (printing.slip)   median {med(render_only):7.1f} ms")
        print(f"  of which: one durable commit (x2 per intake)  median {med(commits):7.1f} ms")
        ratio = med(total) / med(base)
        print(f"ratio     total / baseline                      {ratio:7.1f}x  (goal <= 3x)")
        print(f"absolute  goal < 300 ms: {'met' if med(total) < 300 else 'NOT met'}")
    finally:
        db.close()
        if holder is not None:
            holder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
