"""Scanning onto a document through the real SANE test driver (feeder, failure mid-batch, cancel)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pikepdf
import pytest
from sqlalchemy import func, select

from desk_app.scanning.backend import ScanCancelled, ScannerError, ScanOptions
from desk_app.services.digitization import pages as digitization
from desk_app.store.models_scan import StoredFile
from tests.scanning.support import make_dossier, reset_test_device, sane_works


@pytest.fixture
def sane_env() -> Iterator[None]:
    if not sane_works():
        pytest.skip("python-sane or the SANE test backend is not installed")
    yield
    reset_test_device()


def rows(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(StoredFile)) or 0)


def test_a_feeder_run_becomes_the_pages_of_one_document(unit_db: Any, sane_env: None) -> None:
    code = make_dossier(unit_db)
    report = digitization.scan_to_document(
        unit_db, code, 2, ScanOptions(device="test:0", dpi=100), actor="clerk1"
    )
    assert report.ok and report.pages == 10 and report.digitization == "digitized"
    assert {p.source for p in report.added} == {"scanner"}
    assert rows(unit_db) == 1  # ten identical test-pattern sheets: one file, ten pages
    with pikepdf.open(io.BytesIO(digitization.document_pdf(unit_db, code, 2))) as pdf:
        assert len(pdf.pages) == 10
        box = pdf.pages[0].mediabox
        assert round(float(box[2]) / 72 * 25.4) == 200  # 200 mm glass: the dpi is carried into the PDF


def test_a_scanner_failing_mid_batch_saves_the_pages_before(
    unit_db: Any, sane_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sane

    original = sane.SaneDev.start
    starts = {"n": 0}

    def start(self: Any) -> None:
        starts["n"] += 1
        if starts["n"] == 4:
            self.read_return_value = "SANE_STATUS_IO_ERROR"
        original(self)

    monkeypatch.setattr(sane.SaneDev, "start", start)
    code = make_dossier(unit_db)
    report = digitization.scan_to_document(unit_db, code, 1, ScanOptions(device="test:0", dpi=75))
    assert not report.ok
    assert report.pages == 3
    assert isinstance(report.interrupted, ScannerError)
    assert "3 trang quét được trước đó đã được lưu vào thành phần 1" in report.interrupted.vi
    assert digitization.verify_files(unit_db).ok


def test_a_scanner_failing_on_the_first_page_stores_nothing(
    unit_db: Any, sane_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sane

    original = sane.SaneDev.start

    def start(self: Any) -> None:
        self.read_return_value = "SANE_STATUS_JAMMED"
        original(self)

    monkeypatch.setattr(sane.SaneDev, "start", start)
    code = make_dossier(unit_db)
    with pytest.raises(ScannerError) as info:
        digitization.scan_to_document(unit_db, code, 1, ScanOptions(device="test:0", dpi=75))
    assert "kẹt" in info.value.vi
    assert rows(unit_db) == 0


def test_cancel_stores_nothing(unit_db: Any, sane_env: None) -> None:
    code = make_dossier(unit_db)
    seen: list[Any] = []
    with pytest.raises(ScanCancelled):
        digitization.scan_to_document(
            unit_db,
            code,
            1,
            ScanOptions(device="test:0", dpi=75),
            progress=seen.append,
            cancel=lambda: len(seen) > 0 and seen[-1].done >= 2,
        )
    assert rows(unit_db) == 0
    assert list(digitization.page_store(unit_db).iter_files()) == []


def test_scan_jpeg_quality_zero_stores_lossless_png(unit_db: Any, sane_env: None) -> None:
    from desk_app.store import settings

    with unit_db.transaction() as s:
        settings.put(s, "scan_jpeg_quality", 0)
    code = make_dossier(unit_db)
    report = digitization.scan_to_document(
        unit_db, code, 1, ScanOptions(device="test:0", dpi=75, source="flatbed")
    )
    assert [p.mime for p in report.added] == ["image/png"]
