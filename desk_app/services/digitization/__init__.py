"""Digitization (số hóa): scanned pages recorded against each document of a dossier, and the e-result.

Face: :mod:`.pages` (attach, scan, remove, reuse, list). Parts: :mod:`.core` (durable page files and rows in one
transaction), :mod:`.view` (pages, summaries, document PDFs, thumbnails), :mod:`.inbox` (the scan-to-folder
inbox routed by barcode), :mod:`.files` (``files verify`` and ``files sweep``).
"""
