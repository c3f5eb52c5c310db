"""Benchmark: a 20-page feeder batch at 300 dpi from the SANE test device to a stored document PDF.

    .venv/bin/python bench/bench_scan.py [--pages 20] [--dpi 300] [--runs 3] [--picture "Color pattern"]

For each run, in one process and on the same machine:
- ``pipeline``: ``services.digitization.scan_to_document`` (scanner -> JPEG -> durable page files -> one
  transaction) then ``document_pdf`` written durably: what a clerk waits for;
- ``scanner``: the same feeder batch read through ``SaneBackend`` only (the device's own time);
- ``encode``: Pillow JPEG encoding of those images (part of the pipeline);
- ``img2pdf``: img2pdf alone on the same stored JPEG files, written to one PDF (the raw baseline).
Prints medians per page and the ratios. The test device's feeder holds 10 sheets: a 20-page batch is two
feeder loads into the same document, as at the counter. Its pages are identical test patterns, so storage
per page is reported per page file (what a distinct page costs) and on disk (after deduplication).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sane_dir(picture: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-sane-"))
    (folder / "dll.conf").write_text("test\n")
    conf = Path("/etc/sane.d/test.conf").read_text() if Path("/etc/sane.d/test.conf").exists() else ""
    lines = [line for line in conf.splitlines() if not line.startswith("test-picture")]
    (folder / "test.conf").write_text("\n".join([*lines, f'test-picture "{picture}"']) + "\n")
    return folder


def db_bytes(path: Path) -> int:
    """The database file and its write-ahead log."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--picture", default="Color pattern")
    args = parser.parse_args()
    os.environ["SANE_CONFIG_DIR"] = str(sane_dir(args.picture))  # before libsane starts

    import img2pdf

    from desk_app.scanning.backend import ScanOptions
    from desk_app.scanning.files import encode_scan
    from desk_app.scanning.sane_backend import SaneBackend
    from desk_app.scanning.store import atomic_write
    from desk_app.services.digitization import pages as digitization
    from desk_app.services.intake.inputs import ApplicantInput, DocumentInput, IntakeRequest
    from desk_app.services.intake.receive import receive
    from desk_app.services.setup import catalog
    from desk_app.services.setup import unit as setup
    from desk_app.store.db import open_database

    loads = [min(10, args.pages - i) for i in range(0, args.pages, 10)]
    backend = SaneBackend()
    results: dict[str, list[float]] = {"pipeline": [], "scanner": [], "encode": [], "img2pdf": []}
    sizes: dict[str, float] = {}
    for _run in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="bench-scan-"))
        try:
            db = open_database(work / "data")
            setup.init_unit(db, "001.05.12.H49", "Ủy ban nhân dân xã Gio Sơn", province="Quảng Trị")
            catalog.import_seed(db)
            code = receive(
                db,
                IntakeRequest(
                    procedure_code="1.004837",
                    applicant=ApplicantInput(full_name="Nguyễn Văn Bench"),
                    documents=[DocumentInput("Tờ khai")],
                ),
            ).code
            assert code
            db_before = db_bytes(db.path)

            start = time.perf_counter()
            for n in loads:
                digitization.scan_to_document(
                    db, code, 1, ScanOptions(device="test:0", dpi=args.dpi, pages=n)
                )
            pdf = digitization.document_pdf(db, code, 1)
            atomic_write(work / "document.pdf", pdf)
            results["pipeline"].append(time.perf_counter() - start)

            start = time.perf_counter()
            images = [
                p.image
                for n in loads
                for p in backend.scan(ScanOptions(device="test:0", dpi=args.dpi, pages=n))
            ]
            results["scanner"].append(time.perf_counter() - start)

            start = time.perf_counter()
            for image in images:
                encode_scan(image, args.dpi, 85)
            results["encode"].append(time.perf_counter() - start)

            store = digitization.page_store(db)
            pages = digitization.list_pages(db, code, 1)
            blobs = [store.read(p.sha256) for p in pages]
            start = time.perf_counter()
            raw = img2pdf.convert(blobs)
            atomic_write(work / "img2pdf.pdf", raw)
            results["img2pdf"].append(time.perf_counter() - start)

            assert len(pages) == args.pages
            sizes = {
                "page_file": statistics.mean(len(b) for b in blobs),
                "on_disk": sum(p.stat().st_size for _, p in store.iter_files()) / args.pages,
                "pdf": len(pdf) / args.pages,
                "img2pdf_pdf": len(raw) / args.pages,
                "db": (db_bytes(db.path) - db_before) / args.pages,
                "raw_image": images[0].width * images[0].height * len(images[0].getbands()),
            }
            db.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)

    med = {k: statistics.median(v) / args.pages * 1000 for k, v in results.items()}
    print(f"{args.pages} pages at {args.dpi} dpi, test picture {args.picture!r}, {args.runs} runs (medians)")
    print(f"  scan to stored PDF (pipeline) : {med['pipeline']:8.1f} ms/page")
    print(f"    of which the scanner itself : {med['scanner']:8.1f} ms/page")
    print(f"    of which JPEG encoding      : {med['encode']:8.1f} ms/page")
    overhead = med["pipeline"] - med["scanner"] - med["encode"]
    print(f"    store + DB + PDF (the rest) : {overhead:8.1f} ms/page")
    print(f"  img2pdf alone, same images    : {med['img2pdf']:8.1f} ms/page")
    print(f"  ratio pipeline / img2pdf alone: {med['pipeline'] / med['img2pdf']:8.1f}x")
    print(f"  ratio (store+DB+PDF) / img2pdf: {overhead / med['img2pdf']:8.1f}x")
    print(
        f"  storage: page file {sizes['page_file'] / 1024:.0f} KiB/page (raw image {sizes['raw_image'] / 2**20:.1f} MiB), "
        f"on disk after dedup {sizes['on_disk'] / 1024:.1f} KiB/page, assembled PDF {sizes['pdf'] / 1024:.0f} KiB/page "
        f"(img2pdf alone {sizes['img2pdf_pdf'] / 1024:.0f} KiB/page), database {sizes['db'] / 1024:.1f} KiB/page"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
