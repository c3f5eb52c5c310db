"""Alembic environment of the hub: uses the engine desk_app.hub.db hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desk_app.hub.models import HubBase

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic -x url=... upgrade head` from a shell
    engine = create_engine(
        context.get_x_argument(as_dictionary=True).get("url", "sqlite:///desk_hub.sqlite3")
    )

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=HubBase.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
