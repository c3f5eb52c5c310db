"""The SANE backend against the real ``test`` driver (SANE_CONFIG_DIR), including its simulated feeder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desk_app.scanning.backend import NoScanner, ScanCancelled, ScannerError, ScanOptions, ScanProgress
from desk_app.scanning.sane_backend import SaneBackend


def pages(options: ScanOptions, **kwargs: Any) -> list[Any]:
    return list(SaneBackend().scan(options, **kwargs))


def test_devices_include_the_test_scanner(sane_dir: Path) -> None:
    names = [d.name for d in SaneBackend().list_devices()]
    assert "test:0" in names
    assert all(d.backend == "sane" for d in SaneBackend().list_devices())


def test_a_flatbed_scan_gives_one_page_at_the_asked_resolution(sane_dir: Path) -> None:
    (page,) = pages(ScanOptions(device="test:0", dpi=100, mode="Gray", source="flatbed"))
    assert page.image.mode == "L"
    assert page.dpi == 100
    # the whole glass of the test device (200 mm x 200 mm) at 100 dpi
    assert page.image.size == (787, 787)


def test_the_feeder_gives_pages_until_it_is_empty(sane_dir: Path) -> None:
    seen: list[ScanProgress] = []
    out = pages(ScanOptions(device="test:0", dpi=75), progress=seen.append)
    assert len(out) == 10  # the test driver's feeder holds ten sheets
    assert all(p.image.mode == "RGB" for p in out)
    assert seen[-1] == ScanProgress(10, 1.0, 10)
    assert any(0 < s.fraction < 1 for s in seen)


def test_pages_limits_a_feeder_run(sane_dir: Path) -> None:
    assert len(pages(ScanOptions(device="test:0", dpi=75, pages=3))) == 3


def test_an_unknown_device_is_a_clear_error(sane_dir: Path) -> None:
    with pytest.raises(NoScanner) as info:
        pages(ScanOptions(device="test:9", dpi=75))
    assert "Không mở được máy quét test:9" in info.value.vi


def test_cancel_before_a_page_stops_the_scan(sane_dir: Path) -> None:
    with pytest.raises(ScanCancelled):
        pages(ScanOptions(device="test:0", dpi=75), cancel=lambda: True)


def test_cancel_during_a_page_stops_it_and_the_device_scans_again_later(sane_dir: Path) -> None:
    read: list[ScanProgress] = []
    options = ScanOptions(
        device="test:0", dpi=150, source="flatbed", extra={"read_delay": True, "read_delay_duration": 1000}
    )
    with pytest.raises(ScanCancelled) as stopped:
        pages(options, progress=read.append, cancel=lambda: bool(read))
    assert read and read[-1].fraction < 1  # no progress reported after the cancel
    assert stopped.value.done == 0  # the page being read is not delivered
    assert len(pages(ScanOptions(device="test:0", dpi=75, source="flatbed"))) == 1


def test_a_scanner_failing_mid_batch_keeps_the_pages_before(
    sane_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third sheet hits an I/O error (as when the USB cable is pulled): two pages came through."""
    import sane

    original = sane.SaneDev.start
    starts = {"n": 0}

    def start(self: Any) -> None:
        starts["n"] += 1
        if starts["n"] == 3:
            self.read_return_value = "SANE_STATUS_IO_ERROR"
        original(self)

    monkeypatch.setattr(sane.SaneDev, "start", start)
    got: list[Any] = []
    with pytest.raises(ScannerError) as info:
        for page in SaneBackend().scan(ScanOptions(device="test:0", dpi=75)):
            got.append(page)
    assert len(got) == 2
    assert info.value.done == 2
    assert "ngắt kết nối" in info.value.vi
    assert "2 trang" in info.value.vi


def test_bad_options_are_refused_before_scanning(sane_dir: Path) -> None:
    from desk_app.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        pages(ScanOptions(device="test:0", dpi=20))
