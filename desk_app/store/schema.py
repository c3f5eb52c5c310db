"""Imports every model module so that ``Base.metadata`` knows all tables (create_all, Alembic)."""

from __future__ import annotations

from desk_app.store import (  # noqa: F401
    models,
    models_assist,
    models_auth,
    models_postal,
    models_registers,
    models_reports,
    models_scan,
    models_sync,
)
from desk_app.store.base import Base

metadata = Base.metadata
