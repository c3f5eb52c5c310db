"""The ASGI entry for several worker processes (``desk-hub serve --workers N``) or any ASGI server:

    DESK_HUB_DB=postgresql://... uvicorn --factory desk_app.hub.asgi:app_factory --workers 4

Each worker is stateless: everything lives in the database.
"""

from __future__ import annotations

from typing import Any

from desk_app.hub.app import create_app
from desk_app.hub.config import load


def app_factory() -> Any:
    return create_app(load())
