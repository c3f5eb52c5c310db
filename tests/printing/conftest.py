"""Fixtures for the printing tests: sample form data and poppler/zbar helpers.

The PDF checks read the output back with the real tools (pdftotext, pdftoppm, zbarimg, pdffonts,
pdfinfo); a test is skipped only when its tool is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.printing import DocumentLine, SlipData, UnitHeader

CODE = "001.05.12.H49-260213-0007"
LOOKUP = "https://dichvucong.quangtri.gov.vn/tra-cuu?ma={code}"


def need(tool: str) -> str:
    """Path of ``tool``, or skip the test when it is not installed."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed")
    return path


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass
class PdfTools:
    """Run poppler/zbar on PDF bytes written under a temporary directory."""

    workdir: Path
    counter: int = 0

    def write(self, pdf: bytes, stem: str = "doc") -> Path:
        self.counter += 1
        path = self.workdir / f"{stem}-{self.counter}.pdf"
        path.write_bytes(pdf)
        return path

    def text(
        self, pdf: bytes, *, first: int | None = None, last: int | None = None, layout: bool = True
    ) -> str:
        """``pdftotext -layout`` output (reading order with ``layout=False``), NFC-normalised."""
        cmd = [need("pdftotext"), "-layout"] if layout else [need("pdftotext")]
        if first is not None:
            cmd += ["-f", str(first)]
        if last is not None:
            cmd += ["-l", str(last)]
        out = subprocess.run([*cmd, str(self.write(pdf)), "-"], capture_output=True, check=True, timeout=120)
        return nfc(out.stdout.decode("utf-8"))

    def page_texts(self, pdf: bytes) -> list[str]:
        """Text of each page (pdftotext separates pages with form feeds)."""
        pages = self.text(pdf).split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages

    def info(self, pdf: bytes) -> dict[str, str]:
        out = subprocess.run(
            [need("pdfinfo"), str(self.write(pdf))], capture_output=True, check=True, timeout=60
        )
        result: dict[str, str] = {}
        for line in out.stdout.decode("utf-8", "replace").splitlines():
            key, _, value = line.partition(":")
            result[key.strip()] = value.strip()
        return result

    def page_count(self, pdf: bytes) -> int:
        return int(self.info(pdf)["Pages"])

    def page_size(self, pdf: bytes) -> tuple[float, float]:
        match = re.match(r"([\d.]+) x ([\d.]+) pts", self.info(pdf)["Page size"])
        assert match, self.info(pdf)
        return float(match.group(1)), float(match.group(2))

    def fonts(self, pdf: bytes) -> str:
        out = subprocess.run(
            [need("pdffonts"), str(self.write(pdf))], capture_output=True, check=True, timeout=60
        )
        return out.stdout.decode("utf-8", "replace")

    def symbols_per_page(self, pdf: bytes, dpi: int = 150) -> list[list[str]]:
        """Rasterise every page at ``dpi`` and decode it with zbarimg: symbols found per page."""
        zbarimg = need("zbarimg")
        path = self.write(pdf, "scan")
        prefix = path.with_suffix("")
        subprocess.run(
            [need("pdftoppm"), "-r", str(dpi), "-png", str(path), str(prefix)], check=True, timeout=120
        )
        images = sorted(path.parent.glob(f"{prefix.name}-*.png"))
        assert images, "pdftoppm produced no page image"
        result: list[list[str]] = []
        for image in images:
            out = subprocess.run([zbarimg, "--raw", "-q", str(image)], capture_output=True, timeout=60)
            # zbarimg exits 4 when it finds nothing; its dbus noise goes to stderr.
            result.append([line for line in out.stdout.decode("utf-8").splitlines() if line])
        return result


@pytest.fixture
def pdf_tools(tmp_path: Path) -> PdfTools:
    return PdfTools(tmp_path)


@pytest.fixture
def code() -> str:
    """The sample dossier code (test modules must not import from conftest)."""
    return CODE


@pytest.fixture
def lookup_prefix() -> str:
    """What the QR of the sample slip starts with."""
    return LOOKUP.replace("{code}", "")


@pytest.fixture
def header() -> UnitHeader:
    return UnitHeader(
        governing_body="ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
        unit_name="ỦY BAN NHÂN DÂN XÃ GIO SƠN",
        place_name="Gio Sơn",
        hotline="0233 3861 234",
    )


@pytest.fixture
def make_slip(header: UnitHeader) -> Callable[..., SlipData]:
    """Build a realistic slip; keyword arguments override fields."""

    def build(**overrides: object) -> SlipData:
        values: dict[str, object] = {
            "header": header,
            "code": CODE,
            "applicant_name": "Nguyễn Thị Hằng",
            "procedure_name": "Đăng ký khai sinh",
            "procedure_code": "1.001193",
            "received_at": datetime(2026, 2, 13, 8, 37),
            "due_at": datetime(2026, 2, 13, 16, 30),
            "applicant_id_number": "045190001234",
            "address": "Thôn An Nhơn, xã Gio Sơn, tỉnh Quảng Trị",
            "phone": "0912 345 678",
            "email": "hang.nt@example.vn",
            "documents": [
                DocumentLine("Tờ khai đăng ký khai sinh", "original", 1),
                DocumentLine("Giấy chứng sinh", "original", 1),
                DocumentLine("Căn cước của người đi khai sinh", "certified_copy", 2),
            ],
            "processing_time_text": "Trong ngày làm việc",
            "fee_text": "8.000 đồng (đã nộp tiền mặt)",
            "book_number": "01/2026",
            "book_seq": 7,
            "receiver_name": "Lê Văn Tâm",
            "lookup_url": LOOKUP,
        }
        values.update(overrides)
        return SlipData(**values)  # type: ignore[arg-type]

    return build
