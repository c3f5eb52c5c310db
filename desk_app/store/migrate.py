"""Alembic, configured in code (the ``db/`` folder holds env.py and the versions)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from desk_app.resources import MIGRATIONS


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate ignores the tables SQLite's FTS5 makes for store/ddl.py (they are not models)."""
    return not (type_ == "table" and name is not None and name.startswith("dossier_fts"))


def config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head_revision() -> str:
    head = script().get_current_head()
    assert head is not None
    return head


def is_known(revision: str | None) -> bool:
    if revision is None:
        return True
    try:
        return script().get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    command.upgrade(config(engine), target)


def stamp_head(engine: Engine) -> None:
    command.stamp(config(engine), "head")
