"""The GUI logs to the data directory like the CLI, masked; a clerk never sees a trace."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def file_log(data_dir: Path) -> Iterator[Path]:
    from desk_app.gui.app import install_file_log

    before = list(logging.getLogger().handlers)
    hook = sys.excepthook
    path = install_file_log(data_dir)
    assert path is not None
    yield path
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()
    sys.excepthook = hook


def test_a_bug_is_logged_masked_and_shown_without_a_trace(
    file_log: Path, gui_ctx: Any, monkeypatch: Any
) -> None:
    from desk_app.gui import messages

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "error", lambda parent, text, detail="": shown.append((text, detail)))
    try:
        raise RuntimeError("lookup failed for 001190012345 / 0912345678")
    except RuntimeError as exc:
        gui_ctx.show_error(exc)
    text, detail = shown[0]
    assert detail == "" and "Traceback" not in text and "RuntimeError" not in text
    assert text.startswith("Đã xảy ra lỗi")
    logged = file_log.read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "Traceback" in logged
    assert "001190012345" not in logged and "0912345678" not in logged


def test_an_exception_escaping_a_slot_goes_to_the_log(file_log: Path, qapp: Any, monkeypatch: Any) -> None:
    from desk_app.gui import messages

    shown: list[str] = []
    monkeypatch.setattr(messages, "error", lambda parent, text, detail="": shown.append(text))
    try:
        raise ValueError("bad 044190001234")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert shown and "nhật ký" in shown[0] and "ValueError" not in shown[0]
    logged = file_log.read_text(encoding="utf-8")
    assert "ValueError" in logged and "044190001234" not in logged
    assert file_log.parent.name == "logs"


def test_a_grown_log_is_moved_aside_at_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Over the limit, the log becomes .1 (and .1 becomes .2, …); the oldest beyond the kept ones goes."""
    from desk_app.gui.app import _rotate

    log = tmp_path / "desk_app.log"
    for name, text in (("desk_app.log", "new"), ("desk_app.log.1", "one"), ("desk_app.log.2", "two")):
        (tmp_path / name).write_text(text * 10)
    _rotate(log, max_bytes=5, keep=2)
    assert not log.exists()
    assert (tmp_path / "desk_app.log.1").read_text().startswith("new")
    assert (tmp_path / "desk_app.log.2").read_text().startswith("one")
    assert not (tmp_path / "desk_app.log.3").exists()
    log.write_text("small")
    _rotate(log, max_bytes=100, keep=2)
    assert log.read_text() == "small"
