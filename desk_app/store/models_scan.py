"""Models for digitisation (số hóa): stored files and scanned pages. Owned by the scanning work."""

from __future__ import annotations
