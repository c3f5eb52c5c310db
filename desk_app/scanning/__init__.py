"""Scanning and page storage (số hóa): scanner backends, scan-to-folder, file import, the page store.

- :mod:`~desk_app.scanning.backend`: the small ``ScannerBackend`` interface (``list_devices``, ``scan``).
- :mod:`~desk_app.scanning.sane_backend`: SANE through python-sane (Linux, macOS).
- :mod:`~desk_app.scanning.watcher`: ``FolderWatcher`` polling a scan-to-folder directory.
- :mod:`~desk_app.scanning.files`: checking PDF/JPEG/PNG/TIFF files and splitting them into pages.
- :mod:`~desk_app.scanning.barcode`: the dossier code read from a page (batch routing).
- :mod:`~desk_app.scanning.assemble`: a document's PDF (img2pdf, lossless) and thumbnails.
- :mod:`~desk_app.scanning.store`: ``PageStore``, content-addressed durable files.

No Qt and no database here: services.digitization puts these together in transactions.
"""
