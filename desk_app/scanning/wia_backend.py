"""Scanners through WIA (Windows Image Acquisition, the scanner service of Windows 10 and 11).

Two layers, so that everything but the COM calls runs and is tested on any system:

- :class:`WiaBackend` implements the scanner interface (desk_app/scanning/backend.py): device choice, feeder
  or flatbed, resolution and colour, page loop, progress, cancel, and WIA's error codes turned into what a
  clerk can do. It talks only to the small :class:`WiaApi` seam below.
- :class:`ComWia` is that seam over the WIA Automation Layer (``WIA.DeviceManager``, wiaaut.dll, present on
  every Windows since Vista) through pywin32 (the ``wia`` extra). It is the only code here that needs Windows;
  tests replace it with a fake (tests/scanning/test_wia_backend.py), the Windows CI imports it.

WIA objects are apartment-threaded: each scan makes its own :class:`ComWia` on the thread that consumes the
pages (the GUI's worker), which initialises COM there. WIA cannot interrupt a page being transferred, so a
cancel during a page lets it finish and then drops it (as the SANE backend does).
"""

from __future__ import annotations

import importlib.util
import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from desk_app.scanning.backend import (
    CancelFn,
    DeviceInfo,
    NoScanner,
    ProgressFn,
    ScanCancelled,
    ScannedPage,
    ScannerError,
    ScanOptions,
    ScanProgress,
)

log = logging.getLogger(__name__)

# WIA property ids (wiadef.h) and values.
WIA_DIP_DEV_NAME = 7
WIA_DIP_VEND_DESC = 3
WIA_DIP_DEV_DESC = 4
WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES = 3086
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
FEED, FLAT = 0x1, 0x2  # capabilities and select bits
INTENT_COLOR, INTENT_GRAY = 0x1, 0x2
SCANNER_DEVICE_TYPE = 1
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"

# WIA HRESULTs (wiadef.h), unsigned.
WIA_ERROR_GENERAL_ERROR = 0x80210001
WIA_ERROR_PAPER_JAM = 0x80210002
WIA_ERROR_PAPER_EMPTY = 0x80210003
WIA_ERROR_PAPER_PROBLEM = 0x80210004
WIA_ERROR_OFFLINE = 0x80210005
WIA_ERROR_BUSY = 0x80210006
WIA_ERROR_WARMING_UP = 0x80210007
WIA_ERROR_USER_INTERVENTION = 0x80210008
WIA_ERROR_DEVICE_COMMUNICATION = 0x8021000A
WIA_ERROR_DEVICE_LOCKED = 0x8021000D
WIA_S_NO_DEVICE_AVAILABLE = 0x80210015
WIA_ERROR_COVER_OPEN = 0x80210016
WIA_ERROR_LAMP_OFF = 0x80210017

_ERROR_VI: dict[int, str] = {
    WIA_ERROR_PAPER_JAM: "Giấy bị kẹt trong khay nạp. Hãy gỡ giấy kẹt rồi quét lại các trang còn lại.",
    WIA_ERROR_PAPER_PROBLEM: "Giấy đặt chưa đúng. Hãy đặt lại giấy rồi quét lại.",
    WIA_ERROR_OFFLINE: "Máy quét đang tắt hoặc chưa nối với máy tính. Hãy bật máy quét, kiểm tra cáp rồi thử lại.",
    WIA_ERROR_BUSY: "Máy quét đang bận (có thể một chương trình khác đang dùng). Hãy thử lại sau giây lát.",
    WIA_ERROR_WARMING_UP: "Máy quét đang khởi động. Hãy chờ vài giây rồi quét lại.",
    WIA_ERROR_USER_INTERVENTION: "Máy quét cần thao tác trên máy (xem màn hình của máy quét) rồi quét lại.",
    WIA_ERROR_DEVICE_COMMUNICATION: "Máy quét bị ngắt kết nối khi đang quét. Hãy kiểm tra cáp, nguồn điện "
    "của máy quét rồi quét lại các trang còn lại.",
    WIA_ERROR_DEVICE_LOCKED: "Máy quét đang bị khóa (công tắc khóa đầu quét). Hãy mở khóa rồi thử lại.",
    WIA_ERROR_COVER_OPEN: "Nắp máy quét đang mở. Hãy đóng nắp rồi quét lại.",
    WIA_ERROR_LAMP_OFF: "Đèn của máy quét đang tắt. Hãy bật máy quét lại rồi thử lại.",
}


class WiaComError(Exception):
    """A WIA call failed with ``hresult`` (unsigned); the seam's only exception."""

    def __init__(self, hresult: int, text: str = "") -> None:
        super().__init__(f"WIA error 0x{hresult:08X}{': ' + text if text else ''}")
        self.hresult = hresult


@dataclass(frozen=True)
class WiaDeviceRecord:
    """A WIA scanner as the device manager lists it."""

    id: str
    name: str
    manufacturer: str = ""
    description: str = ""


class WiaDevice(Protocol):
    """One connected WIA scanner (its root item and its first scan item)."""

    def capabilities(self) -> tuple[bool, bool]:
        """(has a document feeder, has a flatbed)."""
        ...

    def select(self, feeder: bool) -> None:
        """Take pages from the feeder (one page per transfer) or from the glass."""
        ...

    def configure(self, dpi: int, color: bool) -> int:
        """Set resolution and colour intent; return the resolution the device took."""
        ...

    def acquire(self) -> bytes:
        """Scan one page and return it as an image file (PNG). Raises WiaComError."""
        ...

    def close(self) -> None: ...


class WiaApi(Protocol):
    """The COM boundary: the device manager."""

    def devices(self) -> list[WiaDeviceRecord]: ...

    def connect(self, device_id: str) -> WiaDevice:
        """Raises WiaComError when the device cannot be reached."""
        ...


def hresult_of(exc: BaseException) -> int:
    """The unsigned HRESULT of a pywin32 ``com_error``: the WIA code in ``excepinfo`` when there is one."""
    info = getattr(exc, "excepinfo", None)
    code = info[5] if isinstance(info, tuple) and len(info) > 5 and info[5] else None
    if code is None:
        code = getattr(exc, "hresult", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    return int(code or WIA_ERROR_GENERAL_ERROR) & 0xFFFFFFFF


def _com_call(fn: Callable[[], Any]) -> Any:  # pragma: no cover - Windows only
    import pywintypes  # type: ignore[import-not-found,unused-ignore]

    try:
        return fn()
    except pywintypes.com_error as exc:
        raise WiaComError(hresult_of(exc), str(exc)) from exc


def _find(props: Any, pid: int) -> Any | None:  # pragma: no cover - Windows only
    for prop in props:
        if prop.PropertyID == pid:
            return prop
    return None


def _set_value(prop: Any, value: int) -> None:  # pragma: no cover - Windows only
    _com_call(lambda: setattr(prop, "Value", value))


class _ComDevice:  # pragma: no cover - Windows only
    def __init__(self, device: Any) -> None:
        self._device = device
        self._item = device.Items[1]

    def capabilities(self) -> tuple[bool, bool]:
        prop = _find(self._device.Properties, WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES)
        caps = int(prop.Value) if prop is not None else FLAT
        return bool(caps & FEED), bool(caps & FLAT) or not caps & FEED

    def select(self, feeder: bool) -> None:
        prop = _find(self._device.Properties, WIA_DPS_DOCUMENT_HANDLING_SELECT)
        if prop is not None:
            _com_call(lambda: setattr(prop, "Value", FEED if feeder else FLAT))
        pages = _find(self._device.Properties, WIA_DPS_PAGES)
        if pages is not None:
            _com_call(lambda: setattr(pages, "Value", 1))

    def configure(self, dpi: int, color: bool) -> int:
        props = self._item.Properties
        intent = _find(props, WIA_IPS_CUR_INTENT)
        if intent is not None:
            _com_call(lambda: setattr(intent, "Value", INTENT_COLOR if color else INTENT_GRAY))
        taken = dpi
        for pid in (WIA_IPS_XRES, WIA_IPS_YRES):
            prop = _find(props, pid)
            if prop is None:
                continue
            if prop.SubType == 2:  # a list of allowed values (WIA ListSubType)
                allowed = [int(v) for v in prop.SubTypeValues]
                taken = min(allowed, key=lambda v: abs(v - dpi)) if allowed else dpi
            elif prop.SubType == 1:  # a range
                taken = int(min(max(dpi, prop.SubTypeMin), prop.SubTypeMax))
            _set_value(prop, taken)
        return taken

    def acquire(self) -> bytes:
        image = _com_call(lambda: self._item.Transfer(WIA_FORMAT_PNG))
        return bytes(image.FileData.BinaryData)

    def close(self) -> None:
        self._item = self._device = None


class ComWia:  # pragma: no cover - Windows only
    """The real seam: WIA Automation through pywin32, on the calling thread's COM apartment."""

    def __init__(self) -> None:
        import pythoncom  # type: ignore[import-not-found,unused-ignore]
        import win32com.client  # type: ignore[import-not-found,unused-ignore]

        pythoncom.CoInitialize()
        self._manager = _com_call(lambda: win32com.client.Dispatch("WIA.DeviceManager"))

    def _infos(self) -> list[Any]:
        return [info for info in self._manager.DeviceInfos if info.Type == SCANNER_DEVICE_TYPE]

    def devices(self) -> list[WiaDeviceRecord]:
        out = []
        for info in _com_call(self._infos):
            props = {p.PropertyID: p.Value for p in info.Properties}
            out.append(
                WiaDeviceRecord(
                    id=str(info.DeviceID),
                    name=str(props.get(WIA_DIP_DEV_NAME, "")),
                    manufacturer=str(props.get(WIA_DIP_VEND_DESC, "")),
                    description=str(props.get(WIA_DIP_DEV_DESC, "")),
                )
            )
        return out

    def connect(self, device_id: str) -> WiaDevice:
        for info in _com_call(self._infos):
            if str(info.DeviceID) == device_id:
                return _ComDevice(_com_call(info.Connect))
        raise WiaComError(WIA_S_NO_DEVICE_AVAILABLE, device_id)


def wia_available() -> bool:
    """pywin32 is installed (WIA itself is part of every Windows 10/11)."""
    return importlib.util.find_spec("win32com") is not None


def _failure(exc: WiaComError, device: str, done: int) -> ScannerError:
    vi = _ERROR_VI.get(
        exc.hresult, f"Máy quét báo lỗi (mã 0x{exc.hresult:08X}). Hãy kiểm tra máy quét rồi thử lại."
    )
    if done:
        vi = f"{vi} Đã quét xong {done} trang trước khi lỗi."
    return ScannerError(f"scanner {device} failed after {done} page(s): {exc}", vi, done=done)


class WiaBackend:
    """The WIA backend: ``list_devices`` and ``scan`` over a :class:`WiaApi` (COM by default)."""

    name = "wia"

    def __init__(self, api_factory: Callable[[], WiaApi] | None = None) -> None:
        self._api_factory: Callable[[], WiaApi] = api_factory or ComWia

    def _api(self) -> WiaApi:
        try:
            return self._api_factory()
        except (WiaComError, ImportError, OSError) as exc:
            raise NoScanner(
                f"WIA is not available: {exc}",
                "Không dùng được dịch vụ máy quét của Windows (WIA): hãy quét vào thư mục hoặc nhập tệp.",
            ) from exc

    def list_devices(self) -> list[DeviceInfo]:
        api = self._api()
        try:
            records = api.devices()
        except WiaComError as exc:
            raise ScannerError(f"cannot list scanners: {exc}", "Không liệt kê được máy quét.") from exc
        return [
            DeviceInfo(name=r.id, vendor=r.manufacturer, model=r.name, type="scanner", backend=self.name)
            for r in records
        ]

    def _open(self, api: WiaApi, options: ScanOptions) -> tuple[WiaDevice, str]:
        name = options.device
        if not name:
            records = api.devices()
            if not records:
                raise NoScanner(
                    "No scanner found.",
                    "Không tìm thấy máy quét nào. Hãy bật máy quét, kiểm tra cáp rồi thử lại.",
                )
            name = records[0].id
        try:
            return api.connect(name), name
        except WiaComError as exc:
            raise NoScanner(
                f"cannot open scanner {name}: {exc}",
                f"Không mở được máy quét {name}. Hãy kiểm tra máy quét đã bật và được nối "
                "với máy tính, rồi thử lại.",
            ) from exc

    def _choose_source(self, device: WiaDevice, options: ScanOptions) -> bool:
        has_feeder, has_flatbed = device.capabilities()
        if options.source == "feeder" and not has_feeder:
            raise ScannerError(
                "this scanner has no document feeder",
                "Máy quét này không có khay nạp giấy: hãy quét trên mặt kính.",
            )
        wants_feeder = options.source == "feeder" or (
            options.source == "auto" and (options.pages is None or options.pages > 1)
        )
        return has_feeder and (wants_feeder or not has_flatbed)

    def scan(
        self, options: ScanOptions, progress: ProgressFn | None = None, cancel: CancelFn | None = None
    ) -> Iterator[ScannedPage]:
        from PIL import Image

        options = options.checked()
        api = self._api()
        device, name = self._open(api, options)
        done = 0
        try:
            try:
                feeder = self._choose_source(device, options)
                device.select(feeder)
                dpi = device.configure(options.dpi, options.mode == "Color")
            except WiaComError as exc:
                raise ScannerError(
                    f"scanner {name} refused the settings: {exc}",
                    f"Máy quét {name} không nhận thiết lập (độ phân giải, màu, nguồn giấy).",
                ) from exc
            limit = options.pages if options.pages is not None else (None if feeder else 1)
            while limit is None or done < limit:
                if cancel is not None and cancel():
                    raise ScanCancelled(done)
                try:
                    data = device.acquire()  # WIA reports no progress within a page through this layer
                except WiaComError as exc:
                    if feeder and exc.hresult == WIA_ERROR_PAPER_EMPTY:
                        if done == 0:
                            raise ScannerError(
                                "the document feeder is empty",
                                "Khay nạp giấy trống. Hãy đặt giấy vào khay rồi quét lại.",
                            ) from exc
                        break
                    raise _failure(exc, name, done) from exc
                if cancel is not None and cancel():
                    raise ScanCancelled(done)  # the page transferred while the clerk cancelled is dropped
                try:
                    image: Image.Image = Image.open(io.BytesIO(data))
                    image.load()
                except (OSError, ValueError) as exc:
                    raise ScannerError(
                        f"scanner {name} sent an unreadable page: {exc}",
                        f"Máy quét gửi về một trang không đọc được. Hãy quét lại. Đã quét xong {done} trang.",
                        done=done,
                    ) from exc
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB" if options.mode == "Color" else "L")
                done += 1
                if progress is not None:
                    progress(ScanProgress(done, 1.0, done))
                yield ScannedPage(image=image, dpi=dpi, mode=options.mode, device=name)
        finally:
            try:
                device.close()
            except Exception:
                log.debug("closing %s failed", name, exc_info=True)
