"""The hub installs and starts without Qt."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from tests.hub.conftest import ROOT

BLOCK_QT = """
import sys
class _NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('PySide6 is not installed on this server')
sys.meta_path.insert(0, _NoQt())
from desk_app.hub.cli import main
sys.argv = ['desk-hub'] + sys.argv[1:]
code = main()
from desk_app.hub.app import create_app
from desk_app.hub.config import load
create_app(load(sys.argv[2]))
assert not any(m.startswith(('PySide6', 'desk_app.gui', 'desk_app.store', 'desk_app.services')) for m in sys.modules)
raise SystemExit(code)
"""


def test_pyside_is_only_in_the_gui_extra() -> None:
    """`pip install desk-app[hub]` cannot pull PySide6: Qt is only in the `gui` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not [d for d in project["dependencies"] if d.lower().startswith("pyside6")]
    extras = project["optional-dependencies"]
    assert any(d.startswith("pyside6") for d in extras["gui"])
    assert not [d for d in extras["hub"] if "pyside" in d.lower()]
    assert project["scripts"]["desk-hub"] == "desk_app.hub.cli:main"


def test_hub_runs_with_qt_missing(tmp_path: object) -> None:
    """With PySide6 unimportable the hub creates its database and its app; it never loads the desk's store."""
    url = f"sqlite:///{tmp_path}/h.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, "--db", url, "init"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr


def test_head_constant_matches_the_migrations() -> None:
    """db.HEAD (read on every CLI call without Alembic) is the newest migration script."""
    from desk_app.hub.db import HEAD, head_revision

    assert head_revision() == HEAD


def test_migrations_match_the_models(tmp_path: object) -> None:
    """The hub's Alembic migrations build exactly the tables the models declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from desk_app.hub.db import HubDatabase, upgrade
    from desk_app.hub.models import HubBase

    db = HubDatabase(f"sqlite:///{tmp_path}/m.sqlite3")
    upgrade(db.engine)
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), HubBase.metadata) == []
    db.close()
