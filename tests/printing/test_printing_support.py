"""Formatting helpers, font registration, barcode helpers and the library's import purity."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desk_app.printing import DEFAULT_FONT_DIR, FontError, UnitHeader, register_fonts
from desk_app.printing.barcodes import code128_modules, lookup_url_for, qr_matrix
from desk_app.printing.vnformat import (
    format_count,
    format_date,
    format_date_long,
    format_money,
    format_number,
    format_place_date,
    format_time_date,
    format_time_date_long,
)

ROOT = Path(__file__).resolve().parents[2]


def test_dates() -> None:
    # NĐ 30/2020 Phụ lục I: days below 10 and the months 1 and 2 take a leading zero, other months do not.
    assert format_date_long(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert format_date_long(date(2026, 8, 5)) == "ngày 05 tháng 8 năm 2026"
    assert format_date_long(date(2026, 2, 15)) == "ngày 15 tháng 02 năm 2026"
    assert format_date_long(date(2026, 1, 31)) == "ngày 31 tháng 01 năm 2026"
    assert format_date_long(date(2026, 12, 10)) == "ngày 10 tháng 12 năm 2026"
    assert format_date_long(date(2026, 3, 5), style="padded") == "ngày 05 tháng 03 năm 2026"
    assert format_date_long(None) == "ngày …… tháng …… năm ……"
    assert format_time_date(datetime(2019, 11, 20, 8, 37)) == "08 giờ 37 phút, ngày 20/11/2019"
    assert format_time_date_long(datetime(2019, 11, 20, 8, 37)) == "08 giờ 37 phút, ngày 20 tháng 11 năm 2019"
    assert format_date(date(2026, 1, 9)) == "09/01/2026"
    assert format_place_date("Gio Sơn", date(2026, 3, 5)) == "Gio Sơn, ngày 05 tháng 3 năm 2026"
    assert format_place_date("", date(2026, 3, 5)) == "Ngày 05 tháng 3 năm 2026"


def test_numbers_and_money() -> None:
    assert format_money(8000) == "8.000 đồng"
    assert format_money(0) == "0 đồng"
    assert format_number(1234567) == "1.234.567"
    assert format_number(-25000) == "-25.000"
    assert format_number(Decimal("1234.50")) == "1.234,5"
    assert format_number(Decimal("200000")) == "200.000"
    assert format_count(1) == "01" and format_count(12) == "12"


def test_office_name_default() -> None:
    assert UnitHeader("A", "ỦY BAN NHÂN DÂN XÃ GIO SƠN", "Gio Sơn").office == (
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ GIO SƠN"
    )
    assert UnitHeader("A", "BỘ PHẬN MỘT CỬA", "X").office == "Bộ phận tiếp nhận và trả kết quả"
    assert UnitHeader("A", "B", "X", office_name="Bộ phận Một cửa xã").office == "Bộ phận Một cửa xã"


def test_fonts_register_once_and_from_another_directory(tmp_path: Path) -> None:
    assert register_fonts() is register_fonts()
    assert register_fonts().regular == "LiberationSerif"
    assert register_fonts().directory == DEFAULT_FONT_DIR
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(DEFAULT_FONT_DIR / f"LiberationSerif-{face}.ttf", tmp_path)
    other = register_fonts(tmp_path)
    assert other is register_fonts(tmp_path)
    assert other.regular != register_fonts().regular
    with pytest.raises(FontError):
        register_fonts(tmp_path / "missing")


def test_font_files_and_license_are_shipped() -> None:
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert (DEFAULT_FONT_DIR / f"LiberationSerif-{face}.ttf").stat().st_size > 100_000
    license_text = (DEFAULT_FONT_DIR / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in license_text
    assert "Red Hat" in license_text


def test_barcode_helpers() -> None:
    modules = code128_modules("001.05.12.H49-260213-0007")
    assert set(modules) == {"0", "1"} and modules.startswith("11") and modules.endswith("11")
    assert lookup_url_for("https://x.vn/tra-cuu?ma={code}", "A-1") == "https://x.vn/tra-cuu?ma=A-1"
    assert lookup_url_for("https://x.vn/tra-cuu?lang=vi", "A-1") == "https://x.vn/tra-cuu?lang=vi&ma=A-1"
    matrix = qr_matrix("https://x.vn/tra-cuu?ma=001.05.12.H49-260213-0007")
    assert matrix.size >= 21 and all(len(row) == matrix.size for row in matrix.rows)
    with pytest.raises(ValueError):
        code128_modules("")


def test_printing_imports_no_gui_database_or_services() -> None:
    code = (
        "import sys, desk_app.printing\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy') "
        "or m.startswith(('desk_app.store', 'desk_app.services', 'desk_app.gui'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_printed_literals_are_nfc() -> None:
    for path in sorted((ROOT / "desk_app" / "printing").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert text == unicodedata.normalize("NFC", text), f"{path.name} has decomposed (NFD) text"
