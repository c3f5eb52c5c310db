"""The GUI asks for the passphrase of an encrypted database before opening it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def test_passphrase_is_asked_once_and_kept_in_the_process(
    qapp: Any, vietnamese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a marker and no passphrase in the environment, the dialog's answer unlocks the database."""
    from PySide6.QtWidgets import QInputDialog

    from desk_app.gui.app import _unlock
    from desk_app.store import crypto

    monkeypatch.setenv(crypto.ENV_VAR, "")  # records the variable, so teardown removes what _unlock sets
    monkeypatch.delenv(crypto.ENV_VAR)
    asked: list[str] = []

    def fake_get_text(*args: Any, **kwargs: Any) -> tuple[str, bool]:
        asked.append(args[2])
        return "cum-mat-khau-1", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(fake_get_text))
    assert _unlock(tmp_path) and asked == []  # not encrypted: nothing asked
    crypto.marker_path(tmp_path).write_text("{}", encoding="utf-8")
    assert _unlock(tmp_path)
    assert len(asked) == 1 and "mã hóa" in asked[0]
    import os

    assert os.environ[crypto.ENV_VAR] == "cum-mat-khau-1"


def test_cancel_keeps_the_app_closed(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desk_app.gui.app import _unlock
    from desk_app.store import crypto

    monkeypatch.setenv(crypto.ENV_VAR, "")  # records the variable, so teardown removes what _unlock sets
    monkeypatch.delenv(crypto.ENV_VAR)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    crypto.marker_path(tmp_path).write_text("{}", encoding="utf-8")
    assert not _unlock(tmp_path)
