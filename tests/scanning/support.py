"""Helpers for the digitisation tests: the SANE test backend, dossiers, and real page files.

Plain functions (no fixtures) so that tests under tests/services, tests/cli and tests/gui can use them.

libsane reads SANE_CONFIG_DIR once per process, at its first init, and caches it: so importing this module
(which every digitisation test does, at collection time, before any test runs) points SANE_CONFIG_DIR at a
folder enabling the ``test`` backend for the whole pytest process (:data:`SANE_DIR`).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

SANE_TEST_CONF = Path("/etc/sane.d/test.conf")
RECEIVED = datetime(2025, 7, 7, 9, 0)
DOCUMENTS = ("Tờ khai đăng ký giám hộ", "Văn bản cử người giám hộ", "Giấy tờ tùy thân của người giám hộ")


def sane_config_dir(folder: Path, picture: str = "Color pattern") -> Path:
    """A SANE_CONFIG_DIR that enables only the ``test`` backend (Debian disables it), drawing ``picture``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n", encoding="utf-8")
    conf = SANE_TEST_CONF.read_text(encoding="utf-8") if SANE_TEST_CONF.is_file() else "number_of_devices 2\n"
    conf = re.sub(r"(?m)^test-picture .*$", f'test-picture "{picture}"', conf)
    if "test-picture" not in conf:
        conf += f'test-picture "{picture}"\n'
    (folder / "test.conf").write_text(conf, encoding="utf-8")
    return folder


SANE_DIR = sane_config_dir(Path(tempfile.gettempdir()) / f"desk-app-sane-test-{os.getuid()}")
os.environ["SANE_CONFIG_DIR"] = str(SANE_DIR)


def sane_works() -> bool:
    try:
        import sane  # noqa: F401
    except ImportError:
        return False
    return SANE_TEST_CONF.is_file() or Path("/usr/lib/x86_64-linux-gnu/sane/libsane-test.so.1").exists()


def reset_test_device() -> None:
    """The SANE test backend keeps option values for the whole process: put back the ones tests change."""
    import sane

    sane.init()
    for name in ("test:0", "test:1"):
        dev = sane.open(name)
        try:
            dev.read_return_value = "Default"
            dev.read_delay = False
        finally:
            dev.close()


def make_dossier(
    db: Any,
    *,
    documents: tuple[str, ...] = DOCUMENTS,
    received: tuple[bool, ...] | None = None,
    name: str = "Nguyễn Thị Hằng",
    id_number: str = "001190012345",
    received_at: datetime = RECEIVED,
) -> str:
    """Receive one dossier through services.intake and return its code."""
    from desk_app.services.intake import receive as intake
    from desk_app.services.intake.inputs import ApplicantInput, DocumentInput, IntakeRequest

    flags = received or tuple(True for _ in documents)
    result = intake.receive(
        db,
        IntakeRequest(
            procedure_code="1.004837",
            applicant=ApplicantInput(
                full_name=name, id_number=id_number, phone="0912345678", address="Thôn Đông, xã Gio Sơn"
            ),
            documents=[
                DocumentInput(d, received=r, required=r) for d, r in zip(documents, flags, strict=True)
            ],
            received_at=received_at,
        ),
        actor="clerk1",
    )
    assert result.code
    return result.code


def page_image(label: str, size: tuple[int, int] = (850, 1100), color: str = "white") -> Image.Image:
    """A page with some text-like strokes, so each label gives different bytes."""
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, size[0] - 40, 120), outline="black", width=3)
    draw.text((60, 60), label, fill="black")
    for i, ch in enumerate(label.encode()):
        draw.line((60, 160 + i * 14, 60 + (ch * 5) % (size[0] - 120), 160 + i * 14), fill="black", width=4)
    return image


def jpeg_bytes(label: str, dpi: int = 100) -> bytes:
    out = io.BytesIO()
    page_image(label).save(out, "JPEG", quality=80, dpi=(dpi, dpi))
    return out.getvalue()


def png_bytes(label: str, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    image = page_image(label)
    if mode == "RGBA":
        image = image.convert("RGBA")
    image.save(out, "PNG", dpi=(100, 100))
    return out.getvalue()


def tiff_bytes(labels: list[str]) -> bytes:
    """A multi-page bilevel TIFF (G4), as fax-like scanners write."""
    frames = [page_image(label).convert("1") for label in labels]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], compression="group4", dpi=(200, 200))
    return out.getvalue()


def pdf_bytes(labels: list[str]) -> bytes:
    """A scanned-looking PDF: one JPEG per page (what copiers write)."""
    import img2pdf

    return bytes(img2pdf.convert([jpeg_bytes(label) for label in labels]))


def slip_pdf(code: str) -> bytes:
    """The intake slip of ``code`` as desk_app.printing renders it (Code128 + QR)."""
    from desk_app.printing.data import DocumentLine, SlipData, UnitHeader
    from desk_app.printing.slip import render_slip

    data = SlipData(
        header=UnitHeader("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "Ủy ban nhân dân xã Gio Sơn", "Gio Sơn"),
        code=code,
        applicant_name="Nguyễn Thị Hằng",
        procedure_name="Đăng ký giám hộ",
        received_at=RECEIVED,
        due_at=RECEIVED,
        documents=[DocumentLine(DOCUMENTS[0])],
    )
    return bytes(render_slip(data, "A5"))


def scanned_slip_jpeg(code: str, dpi: int = 200) -> bytes:
    """The printed slip as a copier would scan it: rendered to a grey JPEG with pdftoppm (first copy)."""
    import tempfile

    tool = shutil.which("pdftoppm")
    assert tool, "poppler-utils (pdftoppm) is needed"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "slip.pdf"
        src.write_bytes(slip_pdf(code))
        subprocess.run(
            [
                tool,
                "-r",
                str(dpi),
                "-gray",
                "-jpeg",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(src),
                str(Path(tmp) / "scan"),
            ],
            capture_output=True,
            check=True,
        )
        return (Path(tmp) / "scan.jpg").read_bytes()


def decode_pdf_texts(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
