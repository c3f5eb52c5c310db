"""The WIA backend's logic against a fake of its COM seam (WiaApi); the registry picks WIA on Windows.

The fake behaves as WIA does: a flatbed gives one page per transfer, a feeder gives pages until it returns
WIA_ERROR_PAPER_EMPTY, a jam is WIA_ERROR_PAPER_JAM, pages come back as PNG files. What runs where: this file
everywhere (and natively on the Windows CI), the real COM layer (ComWia) only on a Windows PC with a scanner.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field

import pytest
from PIL import Image

from desk_app.scanning import backends
from desk_app.scanning import wia_backend as wia
from desk_app.scanning.backend import NoScanner, ScanCancelled, ScannerError, ScanOptions, ScanProgress


def png(mode: str, size: tuple[int, int] = (40, 60)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, "PNG")
    return out.getvalue()


@dataclass
class FakeDevice:
    feeder: bool = True
    flatbed: bool = True
    sheets: int = 3
    jam_after: int | None = None
    resolutions: tuple[int, ...] = (100, 150, 200, 300, 600)
    on_acquire: object = None
    selected: list[bool] = field(default_factory=list)
    configured: list[tuple[int, bool]] = field(default_factory=list)
    transfers: int = 0
    closed: bool = False
    color: bool = True
    use_feeder: bool = False

    def capabilities(self) -> tuple[bool, bool]:
        return self.feeder, self.flatbed

    def select(self, feeder: bool) -> None:
        self.selected.append(feeder)
        self.use_feeder = feeder

    def configure(self, dpi: int, color: bool) -> int:
        self.configured.append((dpi, color))
        self.color = color
        return min(self.resolutions, key=lambda v: abs(v - dpi))

    def acquire(self) -> bytes:
        if callable(self.on_acquire):
            self.on_acquire()
        if self.jam_after is not None and self.transfers >= self.jam_after:
            raise wia.WiaComError(wia.WIA_ERROR_PAPER_JAM)
        if self.use_feeder and self.transfers >= self.sheets:
            raise wia.WiaComError(wia.WIA_ERROR_PAPER_EMPTY)
        self.transfers += 1
        return png("RGB" if self.color else "L")

    def close(self) -> None:
        self.closed = True


class FakeWia:
    def __init__(self, *devices: tuple[str, FakeDevice]) -> None:
        self.by_id = dict(devices)

    def devices(self) -> list[wia.WiaDeviceRecord]:
        return [wia.WiaDeviceRecord(id=i, name=f"Scanner {i}", manufacturer="Canon") for i in self.by_id]

    def connect(self, device_id: str) -> FakeDevice:
        if device_id not in self.by_id:
            raise wia.WiaComError(wia.WIA_S_NO_DEVICE_AVAILABLE, device_id)
        return self.by_id[device_id]


DEV = "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001"


def backend(device: FakeDevice) -> wia.WiaBackend:
    return wia.WiaBackend(api_factory=lambda: FakeWia((DEV, device)))


def test_devices_are_listed_with_their_wia_id() -> None:
    (info,) = backend(FakeDevice()).list_devices()
    assert info.name == DEV and info.vendor == "Canon" and info.backend == "wia"


def test_flatbed_gives_one_gray_page_at_the_nearest_resolution() -> None:
    device = FakeDevice()
    (page,) = list(backend(device).scan(ScanOptions(dpi=250, mode="Gray", source="flatbed")))
    assert device.selected == [False] and device.configured == [(250, False)]
    assert page.dpi == 200 and page.image.mode == "L" and page.device == DEV
    assert device.closed


def test_the_feeder_gives_pages_until_it_is_empty() -> None:
    seen: list[ScanProgress] = []
    device = FakeDevice(sheets=4)
    out = list(backend(device).scan(ScanOptions(device=DEV, dpi=300), progress=seen.append))
    assert len(out) == 4 and device.selected == [True]
    assert all(p.image.mode == "RGB" for p in out)
    assert seen[-1] == ScanProgress(4, 1.0, 4)


def test_pages_limits_a_feeder_run() -> None:
    assert len(list(backend(FakeDevice(sheets=9)).scan(ScanOptions(pages=2)))) == 2


def test_a_feeder_only_scanner_is_used_for_one_page_too() -> None:
    device = FakeDevice(flatbed=False)
    assert len(list(backend(device).scan(ScanOptions(pages=1)))) == 1 and device.selected == [True]


def test_an_empty_feeder_is_a_clear_error() -> None:
    with pytest.raises(ScannerError) as caught:
        list(backend(FakeDevice(sheets=0)).scan(ScanOptions(source="feeder")))
    assert "Khay nạp giấy trống" in (caught.value.vi or "")


def test_asking_for_a_feeder_the_scanner_lacks() -> None:
    with pytest.raises(ScannerError) as caught:
        list(backend(FakeDevice(feeder=False)).scan(ScanOptions(source="feeder")))
    assert "không có khay nạp" in (caught.value.vi or "")


def test_a_jam_keeps_the_pages_already_scanned() -> None:
    device = FakeDevice(sheets=5, jam_after=2)
    got = []
    with pytest.raises(ScannerError) as caught:
        for page in backend(device).scan(ScanOptions()):
            got.append(page)
    assert len(got) == 2 and caught.value.done == 2
    assert "kẹt" in (caught.value.vi or "") and "Đã quét xong 2 trang" in (caught.value.vi or "")
    assert device.closed


def test_cancel_before_and_during_a_page() -> None:
    with pytest.raises(ScanCancelled):
        list(backend(FakeDevice()).scan(ScanOptions(), cancel=lambda: True))
    flag = {"cancel": False}
    device = FakeDevice(sheets=5, on_acquire=lambda: flag.update(cancel=True))
    with pytest.raises(ScanCancelled) as caught:
        list(backend(device).scan(ScanOptions(), cancel=lambda: flag["cancel"]))
    assert caught.value.done == 0 and device.transfers == 1 and device.closed


def test_no_scanner_and_an_unreachable_one() -> None:
    with pytest.raises(NoScanner) as caught:
        list(wia.WiaBackend(api_factory=FakeWia).scan(ScanOptions()))
    assert "Không tìm thấy máy quét" in (caught.value.vi or "")
    with pytest.raises(NoScanner) as caught:
        list(backend(FakeDevice()).scan(ScanOptions(device="gone")))
    assert "Không mở được máy quét gone" in (caught.value.vi or "")


def test_wia_missing_is_no_scanner() -> None:
    def broken() -> wia.WiaApi:
        raise ImportError("No module named 'win32com'")

    with pytest.raises(NoScanner):
        wia.WiaBackend(api_factory=broken).list_devices()


def test_unknown_wia_codes_name_the_code() -> None:
    device = FakeDevice()
    device.on_acquire = lambda: (_ for _ in ()).throw(wia.WiaComError(0x80210064))
    with pytest.raises(ScannerError) as caught:
        list(backend(device).scan(ScanOptions(source="flatbed")))
    assert "0x80210064" in (caught.value.vi or "")


def test_hresult_of_a_pywin32_com_error() -> None:
    class ComError(Exception):  # shaped like pywintypes.com_error
        def __init__(self, hresult: int, text: str, excepinfo: tuple | None) -> None:
            super().__init__(hresult, text, excepinfo, None)
            self.hresult, self.excepinfo = hresult, excepinfo

    # DISP_E_EXCEPTION carrying the WIA code in excepinfo[5], signed as pywin32 gives it
    wrapped = ComError(-2147352567, "Exception occurred.", (0, None, None, None, 0, -2145320957))
    assert wia.hresult_of(wrapped) == wia.WIA_ERROR_PAPER_EMPTY
    assert wia.hresult_of(ComError(-2145320954, "busy", None)) == wia.WIA_ERROR_BUSY


def test_the_registry_offers_wia_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(wia, "wia_available", lambda: True)
    (found,) = backends.available_backends()
    assert isinstance(found, wia.WiaBackend) and found.name == "wia"
    monkeypatch.setattr(wia, "wia_available", lambda: False)
    assert backends.available_backends() == []
    with pytest.raises(NoScanner) as caught:
        backends.default_backend()
    assert "quét vào thư mục" in (caught.value.vi or "")
