"""Fixtures of the scanning tests: the SANE test backend enabled through SANE_CONFIG_DIR."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.scanning.support import reset_test_device, sane_config_dir, sane_works


@pytest.fixture
def sane_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """SANE_CONFIG_DIR set to a folder enabling the ``test`` backend (colour pattern pages)."""
    if not sane_works():
        pytest.skip("python-sane or the SANE test backend is not installed")
    folder = sane_config_dir(tmp_path_factory.mktemp("sane"))
    monkeypatch.setenv("SANE_CONFIG_DIR", str(folder))
    yield folder
    reset_test_device()
