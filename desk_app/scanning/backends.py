"""Which scanner backends this PC has (a registry above the interface and its implementations).

``backend.py`` is the interface every backend implements and imports none of them; each implementation
(``sane_backend.py`` on Linux and macOS, ``wia_backend.py`` on Windows) imports the interface; this module
knows them all.
"""

from __future__ import annotations

import sys

from desk_app.scanning.backend import NoScanner, ScannerBackend


def available_backends() -> list[ScannerBackend]:
    """The backends usable on this system, best first."""
    backends: list[ScannerBackend] = []
    if sys.platform == "win32":
        from desk_app.scanning.wia_backend import WiaBackend, wia_available

        if wia_available():
            backends.append(WiaBackend())
    else:
        from desk_app.scanning.sane_backend import SaneBackend, sane_available

        if sane_available():
            backends.append(SaneBackend())
    return backends


def default_backend() -> ScannerBackend:
    """The first usable backend, or NoScanner saying what this system supports."""
    backends = available_backends()
    if backends:
        return backends[0]
    if sys.platform == "win32":
        raise NoScanner(
            "WIA scanning needs pywin32 (the wia extra; the bundle carries it): use scan-to-folder or import files.",
            "Máy này chưa quét trực tiếp qua WIA được: hãy quét vào thư mục hoặc nhập tệp.",
        )
    raise NoScanner(
        "SANE is not available: install libsane and python-sane, or use scan-to-folder or import files.",
        "Chưa cài SANE (libsane, python-sane) nên chưa quét trực tiếp được: hãy quét vào thư mục "
        "hoặc nhập tệp.",
    )
