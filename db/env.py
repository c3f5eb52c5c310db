"""Alembic environment: uses the engine desk_app hands over (render_as_batch for SQLite)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import TypeDecorator, create_engine

from desk_app.store import schema  # noqa: F401  (registers every table)
from desk_app.store.base import Base
from desk_app.store.migrate import include_name

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # the alembic command line: `alembic -x url=sqlite:///path upgrade head`
    engine = create_engine(context.get_x_argument(as_dictionary=True).get("url", "sqlite:///desk_app.db"))



def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Write our TypeDecorators as their plain SQL types, so migrations do not import app code."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl_instance!r}"
    return False


with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=False,
        render_item=render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
