"""The Today page's figures: the queue counts in plain sqlite3, and what this clerk received today."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from desk_app import paths
from desk_app.services.lifecycle import queues, today
from desk_app.services.lifecycle.dossier_query import Reader
from tests.services.test_queues import NOW, board  # noqa: F401  (the fixture)


def test_counts_agree_with_the_queues(unit_db: Any, board: dict[str, str]) -> None:  # noqa: F811
    reader = Reader(paths.db_path(unit_db.data_dir))
    try:
        got = today.counts(reader, "clerk1", NOW)
    finally:
        reader.close()
    expected = queues.counts(unit_db, NOW)
    assert got.due_today == expected["due_today"] == 1
    assert got.overdue == expected["overdue"] == 1
    assert got.waiting_supplement == expected["waiting_supplement"] == 1
    assert got.result_ready == expected["result_ready"] == 1
    # "later" was received on NOW's day by clerk1 (the helper's actor); nobody else received anything.
    assert (got.received_by_me, got.received_today) == (1, 1)


def test_received_today_counts_only_this_clerk(unit_db: Any, board: dict[str, str]) -> None:  # noqa: F811
    reader = Reader(paths.db_path(unit_db.data_dir))
    try:
        other = today.counts(reader, "clerk2", NOW)
    finally:
        reader.close()
    assert (other.received_by_me, other.received_today) == (0, 1)


def test_counts_need_no_sqlalchemy() -> None:
    """The first page paints before SQLAlchemy loads: the module must not import it."""
    import subprocess

    code = (
        "import sys, desk_app.services.lifecycle.today as t, desk_app.gui.today_page\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": root, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"


def _unreadable(*args: Any, **kwargs: Any) -> Any:
    raise OSError("disk I/O error")


def test_extras_that_cannot_be_read_are_no_data(unit_db: Any, monkeypatch: Any) -> None:
    """Help given and waiting to sync are None (no data yet) when they cannot be read now; never a crash."""
    from desk_app.services.assist import counts
    from desk_app.services.sync import worker

    monkeypatch.setattr(counts, "help_given", _unreadable)
    monkeypatch.setattr(worker, "status", _unreadable)
    assert today.extras(unit_db) == {"help_given": None, "waiting_sync": None}
