"""Scanners through SANE (python-sane): Linux and macOS.

libsane reads its configuration from ``SANE_CONFIG_DIR`` when set (the user's choice is honoured; tests
point it at a folder that enables the ``test`` backend). One scan at a time per process: SANE handles are
not shared between threads. Cancel is checked between pages and while a page is read (``sane_cancel``
may be called during a read, SANE standard §4.3.9); the device is then closed so the next scan starts clean.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import threading
from collections.abc import Iterator
from typing import Any

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

_lock = threading.RLock()
_initialised = False

# sane_strstatus() texts -> what a clerk can do about it.
_STATUS_VI: dict[str, str] = {
    "document feeder jammed": "Giấy bị kẹt trong khay nạp. Hãy gỡ giấy kẹt rồi quét lại các trang còn lại.",
    "scanner cover is open": "Nắp máy quét đang mở. Hãy đóng nắp rồi quét lại.",
    "device busy": "Máy quét đang bận (có thể một chương trình khác đang dùng). Hãy thử lại sau giây lát.",
    "error during device i/o": "Máy quét bị ngắt kết nối hoặc lỗi khi đang quét. Hãy kiểm tra cáp, "
    "nguồn điện của máy quét rồi quét lại các trang còn lại.",
    "access to resource has been denied": "Không có quyền dùng máy quét này. Hãy nhờ quản trị cấp quyền.",
    "out of memory": "Máy tính thiếu bộ nhớ để quét. Hãy giảm độ phân giải rồi thử lại.",
}


def sane_available() -> bool:
    return importlib.util.find_spec("sane") is not None


def _sane() -> Any:
    """python-sane, initialised once per process (libsane reads SANE_CONFIG_DIR then, and caches it)."""
    global _initialised
    try:
        import sane
    except ImportError as exc:
        raise NoScanner("python-sane is not installed.", "Chưa cài python-sane nên chưa quét được.") from exc
    if not _initialised:
        sane.init()
        _initialised = True
    return sane


def _failure(exc: BaseException, device: str, done: int) -> ScannerError:
    text = str(exc)
    vi = _STATUS_VI.get(text.lower(), f"Máy quét báo lỗi: {text}. Hãy kiểm tra máy quét rồi thử lại.")
    if done:
        vi = f"{vi} Đã quét xong {done} trang trước khi lỗi."
    return ScannerError(f"scanner {device} failed after {done} page(s): {text}", vi, done=done)


def _pick(choices: list[Any], wanted: tuple[str, ...]) -> Any | None:
    for choice in choices:
        if isinstance(choice, str) and any(w in choice.lower() for w in wanted):
            return choice
    return None


class SaneBackend:
    """The SANE backend: ``list_devices`` and ``scan``."""

    name = "sane"

    def list_devices(self) -> list[DeviceInfo]:
        with _lock:
            sane = _sane()
            try:
                devices = sane.get_devices()
            except sane._sane.error as exc:
                raise ScannerError(f"cannot list scanners: {exc}", "Không liệt kê được máy quét.") from exc
        return [DeviceInfo(name=d[0], vendor=d[1], model=d[2], type=d[3], backend=self.name) for d in devices]

    def _open(self, sane: Any, options: ScanOptions) -> tuple[Any, str]:
        name = options.device
        if not name:
            devices = sane.get_devices()
            if not devices:
                raise NoScanner(
                    "No scanner found.",
                    "Không tìm thấy máy quét nào. Hãy bật máy quét, kiểm tra cáp rồi thử lại.",
                )
            name = devices[0][0]
        try:
            return sane.open(name), name
        except (sane._sane.error, RuntimeError) as exc:
            raise NoScanner(
                f"cannot open scanner {name}: {exc}",
                f"Không mở được máy quét {name}. Hãy kiểm tra máy quét đã bật và được nối "
                "với máy tính, rồi thử lại.",
            ) from exc

    def _configure(self, dev: Any, options: ScanOptions) -> tuple[bool, int]:
        """Set mode, resolution, source and the full scan area. Returns (feeder, actual dpi)."""
        opts = dev.opt
        if "mode" in opts and isinstance(opts["mode"].constraint, list):
            wanted = ("color", "colour") if options.mode == "Color" else ("gray", "grey")
            mode = _pick(opts["mode"].constraint, wanted)
            if mode is not None:
                dev.mode = mode
        if (
            "depth" in dev.opt
            and isinstance(dev.opt["depth"].constraint, list)
            and 8 in dev.opt["depth"].constraint
        ):
            dev.depth = 8
        feeder = False
        if "source" in dev.opt and isinstance(dev.opt["source"].constraint, list):
            choices = dev.opt["source"].constraint
            adf = _pick(choices, ("feeder", "adf", "automatic"))
            flat = _pick(choices, ("flatbed",))
            use_feeder = options.source == "feeder" or (
                options.source == "auto" and (options.pages is None or options.pages > 1)
            )
            if options.source == "feeder" and adf is None:
                raise ScannerError(
                    "this scanner has no document feeder",
                    "Máy quét này không có khay nạp giấy: hãy quét trên mặt kính.",
                )
            if use_feeder and adf is not None:
                dev.source, feeder = adf, True
            elif flat is not None:
                dev.source = flat
        elif options.source == "feeder":
            raise ScannerError(
                "this scanner has no document feeder",
                "Máy quét này không có khay nạp giấy: hãy quét trên mặt kính.",
            )
        dpi = options.dpi
        if "resolution" in dev.opt:
            constraint = dev.opt["resolution"].constraint
            if isinstance(constraint, tuple):
                dpi = int(min(max(dpi, constraint[0]), constraint[1]))
            elif isinstance(constraint, list) and constraint:
                dpi = int(min(constraint, key=lambda v: abs(v - dpi)))
            dev.resolution = dpi
            dpi = int(dev.resolution)
        for corner in ("br_x", "br_y"):  # the whole glass or sheet, not the backend's default window
            opt = dev.opt.get(corner)
            if opt is not None and isinstance(opt.constraint, tuple):
                with contextlib.suppress(AttributeError):
                    setattr(dev, corner, opt.constraint[1])
        for key, value in options.extra.items():
            setattr(dev, key, value)
        return feeder, dpi

    def scan(
        self, options: ScanOptions, progress: ProgressFn | None = None, cancel: CancelFn | None = None
    ) -> Iterator[ScannedPage]:
        options = options.checked()
        with _lock:
            sane = _sane()
            dev, name = self._open(sane, options)
            cancelled = False
            done = 0
            try:
                try:
                    feeder, dpi = self._configure(dev, options)
                except (sane._sane.error, AttributeError, TypeError) as exc:
                    raise ScannerError(
                        f"scanner {name} refused the settings: {exc}",
                        f"Máy quét {name} không nhận thiết lập: {exc}.",
                    ) from exc
                limit = options.pages if options.pages is not None else (None if feeder else 1)
                while limit is None or done < limit:
                    if cancel is not None and cancel():
                        raise ScanCancelled(done)

                    def on_lines(read: int, total: int, page: int = done) -> None:
                        # Cancel is only noted here: calling sane_cancel from inside python-sane's read loop
                        # deadlocked the SANE test driver now and then (and raising here crashes the
                        # interpreter), so the page in the scanner finishes and is then thrown away.
                        nonlocal cancelled
                        if cancel is not None and not cancelled and cancel():
                            cancelled = True
                        if progress is not None and total > 0 and not cancelled:
                            progress(ScanProgress(page + 1, min(read / total, 1.0), page))

                    try:
                        dev.start()
                        image = dev.snap(no_cancel=feeder, progress=on_lines)
                    except (sane._sane.error, RuntimeError) as exc:
                        if cancelled:
                            raise ScanCancelled(done) from exc
                        if feeder and "out of documents" in str(exc).lower():
                            if done == 0:
                                raise ScannerError(
                                    "the document feeder is empty",
                                    "Khay nạp giấy trống. Hãy đặt giấy vào khay rồi quét lại.",
                                ) from exc
                            break
                        raise _failure(exc, name, done) from exc
                    if cancelled:
                        raise ScanCancelled(done)  # the page being read when the clerk cancelled is dropped
                    done += 1
                    if progress is not None:
                        progress(ScanProgress(done, 1.0, done))
                    yield ScannedPage(image=image, dpi=dpi, mode=options.mode, device=name)
            finally:
                with contextlib.suppress(Exception):  # the device may be gone already
                    dev.cancel()
                try:
                    dev.close()
                except Exception:
                    log.debug("closing %s failed", name, exc_info=True)
