"""Fixtures of the scanning tests: the SANE test backend (SANE_CONFIG_DIR set by tests.scanning.support)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.scanning.support import SANE_DIR, reset_test_device, sane_works


@pytest.fixture
def sane_dir() -> Iterator[Path]:
    """The SANE_CONFIG_DIR enabling the ``test`` backend; the device's options are put back afterwards."""
    if not sane_works():
        pytest.skip("python-sane or the SANE test backend is not installed")
    yield SANE_DIR
    reset_test_device()
