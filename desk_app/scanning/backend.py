"""The scanner interface (giao diện máy quét): devices, options, progress, cancel, and its errors.

A backend lists devices and turns one request into pages, one at a time, so that the pages already
scanned survive a scanner that fails later in the batch. SANE (Linux, macOS) and WIA (Windows) implement the
same two methods; :func:`desk_app.scanning.backends.available_backends` lists those this PC has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from desk_app.domain.errors import UserError, ValidationError

if TYPE_CHECKING:
    from PIL.Image import Image

Mode = Literal["Color", "Gray"]
Source = Literal["auto", "flatbed", "feeder"]
MODES: tuple[str, ...] = ("Color", "Gray")
SOURCES: tuple[str, ...] = ("auto", "flatbed", "feeder")


@dataclass(frozen=True)
class DeviceInfo:
    """A scanner the backend can see (máy quét)."""

    name: str  # what ``ScanOptions.device`` takes, e.g. "test:0" or "epson2:net:192.0.2.7"
    vendor: str = ""
    model: str = ""
    type: str = ""
    backend: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class ScanOptions:
    """One scan request.

    ``source`` "auto" uses the document feeder when the device has one and more than one page is asked
    for (``pages`` None or > 1). ``pages`` None: until the feeder is empty (the flatbed gives one page).
    ``extra`` sets raw backend options by name after the standard ones (device-specific knobs).
    """

    device: str | None = None
    dpi: int = 300
    mode: Mode = "Color"
    source: Source = "auto"
    pages: int | None = None
    extra: Mapping[str, str | int | float] = field(default_factory=dict)

    def checked(self) -> ScanOptions:
        if self.mode not in MODES:
            raise ValidationError(
                f"mode must be one of {', '.join(MODES)}.",
                "Chế độ màu phải là Color (màu) hoặc Gray (xám).",
                field="mode",
            )
        if self.source not in SOURCES:
            raise ValidationError(
                f"source must be one of {', '.join(SOURCES)}.",
                "Nguồn giấy phải là auto, flatbed (mặt kính) hoặc feeder (khay nạp).",
                field="source",
            )
        if not 50 <= self.dpi <= 1200:
            raise ValidationError(
                "dpi must be between 50 and 1200.", "Độ phân giải phải từ 50 đến 1200 dpi.", field="dpi"
            )
        if self.pages is not None and not 1 <= self.pages <= 500:
            raise ValidationError(
                "pages must be between 1 and 500.", "Số trang phải từ 1 đến 500.", field="pages"
            )
        return self


@dataclass(frozen=True)
class ScanProgress:
    """Where a scan is: ``page`` (1-based) being read, ``fraction`` of it read, ``done`` pages finished."""

    page: int
    fraction: float
    done: int


@dataclass
class ScannedPage:
    """One page from a scanner: the image and the resolution it was scanned at."""

    image: Image
    dpi: int
    mode: str
    device: str


ProgressFn = Callable[[ScanProgress], None]
CancelFn = Callable[[], bool]


class ScannerError(UserError):
    """The scanner failed (disappeared, jammed, busy, cover open). ``done`` pages were read before."""

    def __init__(self, message: str, vi: str | None = None, *, done: int = 0) -> None:
        super().__init__(message, vi)
        self.done = done


class ScanCancelled(UserError):
    """The user cancelled the scan; nothing from this scan is kept."""

    def __init__(self, done: int = 0) -> None:
        super().__init__("The scan was cancelled; nothing was saved.", "Đã hủy quét; chưa lưu trang nào.")
        self.done = done


class NoScanner(UserError):
    """No scanner backend works on this computer, or no device was found."""


class ScannerBackend(Protocol):
    """What a scanner backend provides (SANE, WIA)."""

    name: str

    def list_devices(self) -> list[DeviceInfo]:
        """The devices that can scan now (may take seconds: never call it on the GUI thread)."""
        ...

    def scan(
        self, options: ScanOptions, progress: ProgressFn | None = None, cancel: CancelFn | None = None
    ) -> Iterator[ScannedPage]:
        """Yield pages as they are scanned.

        Raises ScannerError when the device fails (the pages yielded before stay valid), ScanCancelled
        when ``cancel()`` turns true, NoScanner when the device cannot be opened.
        """
        ...
