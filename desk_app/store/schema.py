"""Imports every model module so that ``Base.metadata`` knows all tables (create_all, Alembic)."""

from __future__ import annotations

from desk_app.store import models, models_auth, models_reports, models_scan, models_sync  # noqa: F401
from desk_app.store.base import Base

metadata = Base.metadata
