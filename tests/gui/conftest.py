"""GUI test fixtures: a GuiContext and MainWindow over a fresh database with a unit and some dossiers.

- Every test that uses ``qtbot``/``qapp`` (directly or through a fixture) is marked ``gui``.
- Message boxes never block: ``shown_messages`` (autouse) records every ``desk_app.gui.messages`` call as
  ``(kind, text)``; ``confirm`` answers ``shown_messages.answer`` (True by default).
- ``seeded_db``: a copy of a demo database (``services.demo.build_demo``, DOSSIER_COUNT dossiers, every state).
- ``gui_ctx`` / ``main_window``: the app's real context and window on ``seeded_db``.
"""

from __future__ import annotations

import random
import shutil
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import desk_app.gui  # noqa: F401  (applies the PySide6 reference work-around before any test emits)

DOSSIER_COUNT = 40
DEMO_TODAY = date(2026, 3, 2)  # demo dossiers are received before it; add_dossiers after it
STATES = ("received", "in_progress", "supplement_requested", "result_ready", "returned")
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đặng Thị Giang")

# The offscreen platform says this once per shown top-level window; it is not a problem of ours.
_QT_NOISE = ("propagateSizeHints",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = getattr(item, "fixturenames", ())
        if {"qtbot", "qapp", "gui_ctx", "main_window"} & set(names):
            item.add_marker(pytest.mark.gui)
            for noise in _QT_NOISE:
                item.add_marker(pytest.mark.qt_log_ignore(noise))


class ShownMessages(list[tuple[str, str]]):
    """The message boxes a test caused, as (kind, text); ``answer`` is what ``confirm`` returns."""

    answer: bool = True

    def texts(self, kind: str | None = None) -> list[str]:
        return [t for k, t in self if kind is None or k == kind]


@pytest.fixture(autouse=True)
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> ShownMessages:
    from desk_app.gui import messages

    seen = ShownMessages()

    def hook(kind: str, text: str, parent: Any) -> bool:
        seen.append((kind, text))
        return seen.answer

    monkeypatch.setattr(messages, "HOOK", hook)
    return seen


def add_dossiers(db: Any, n: int, *, seed: int = 1, start: datetime | None = None) -> list[str]:
    """Insert ``n`` dossiers straight through the models (codes in received order); their codes."""
    from sqlalchemy import func, select

    from desk_app.store.models import Applicant, Dossier, Procedure, Unit

    rnd = random.Random(seed)
    start = start or datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=8)
    codes = []
    with db.transaction() as s:
        unit = s.scalars(select(Unit)).one()
        procs = list(s.scalars(select(Procedure).where(Procedure.effective_to.is_(None)).limit(5)))
        already = s.scalar(select(func.count()).select_from(Dossier)) or 0
        for i in range(already, already + n):
            received = start + timedelta(hours=3 * i)
            applicant = Applicant(full_name=f"{NAMES[i % len(NAMES)]} {i:03d}")
            s.add(applicant)
            s.flush()
            code = f"{unit.agency_code}-{received:%y%m%d}-{i + 1:04d}"
            s.add(
                Dossier(
                    code=code,
                    client_token=uuid.uuid4().hex,
                    unit_id=unit.id,
                    procedure_id=rnd.choice(procs).id,
                    applicant_id=applicant.id,
                    state=STATES[i % len(STATES)],
                    received_at=received,
                    due_at=received + timedelta(days=5),
                    updated_at=received,
                )
            )
            codes.append(code)
    return codes


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the demo commune and DOSSIER_COUNT dossiers, built once per session.

    Uses ``services.demo.build_demo`` (every state represented); falls back to ``add_dossiers``.
    """
    from desk_app.store.db import open_database

    base = tmp_path_factory.mktemp("demo_template")
    db = open_database(base)
    try:
        try:
            from desk_app.demo.commune import build_demo
        except ImportError:
            from desk_app.services.setup import catalog
            from desk_app.services.setup import unit as setup

            setup.init_unit(db, "001.05.12.H49", "Ủy ban nhân dân xã Gio Sơn", province="Quảng Trị")
            catalog.import_seed(db)
            add_dossiers(db, DOSSIER_COUNT, start=datetime(2026, 1, 5, 8, 0))
        else:
            build_demo(db, dossiers=DOSSIER_COUNT, seed=1, today=DEMO_TODAY)
    finally:
        db.close()
    return base


@pytest.fixture
def seeded_db(data_dir: Path, demo_template: Path) -> Iterator[Any]:
    """A copy of the demo database (a unit, the catalog and DOSSIER_COUNT dossiers) in ``data_dir``."""
    from desk_app.store.db import open_database

    for f in demo_template.iterdir():
        if f.name.startswith("desk_app.db"):
            shutil.copy2(f, data_dir / f.name)
    db = open_database(data_dir)
    yield db
    db.close()


def count_where(db: Any, sql: str = "1=1", **params: Any) -> int:
    """Count dossiers straight in SQL (what the list must agree with)."""
    from sqlalchemy import text

    with db.session() as s:
        return int(s.execute(text(f"SELECT count(*) FROM dossiers WHERE {sql}"), params).scalar_one())


@pytest.fixture
def vietnamese(qapp: Any) -> Iterator[None]:
    from desk_app.gui import app

    app.install_translators(qapp, "vi")
    yield


@pytest.fixture
def gui_ctx(qapp: Any, seeded_db: Any, vietnamese: None) -> Iterator[Any]:
    from desk_app.gui.context import GuiContext

    ctx = GuiContext(seeded_db, seeded_db.data_dir, user="tester")
    yield ctx
    ctx.runner.wait_idle(10000)
    ctx.close()


@pytest.fixture
def main_window(qtbot: Any, gui_ctx: Any) -> Any:
    """The real main window, shown, on the dossier list (its first page loaded; the app opens on Today)."""
    from desk_app.gui.main_window import MainWindow

    window = MainWindow(gui_ctx, unit_name="Ủy ban nhân dân xã Gio Sơn")
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dossiers")
    qtbot.waitUntil(lambda: page.painted_first, timeout=10000)
    return window
