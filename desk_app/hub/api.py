"""API v1 (``/api/v1``): the units' uploads. Every request carries ``Authorization: Bearer TOKEN``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request

from desk_app.hub.db import HubDatabase
from desk_app.hub.errors import HubError
from desk_app.hub.ingest import import_value_set
from desk_app.hub.schemas import ImportSummary, UnitMe, ValueSetIn
from desk_app.hub.units import authenticate

router = APIRouter(prefix="/api/v1", tags=["v1"])

REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"description": "malformed body or unknown period (the reason is in `error`)"},
    401: {"description": "missing, unknown or revoked token"},
    403: {"description": "the body names another unit than the token's"},
    409: {"description": "a period in the body is closed by the hub's staff"},
    413: {"description": "the body is larger than the hub accepts"},
}


def _db(request: Request) -> HubDatabase:
    db: HubDatabase = request.app.state.db
    return db


def _bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def _unit_id(request: Request, authorization: str | None) -> int:
    with _db(request).session() as session:
        return authenticate(session, _bearer(authorization)).id


@router.get("/health", tags=["meta"])
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/me", response_model=UnitMe, responses=REFUSALS)
def me(request: Request, authorization: Annotated[str | None, Header()] = None) -> UnitMe:
    """The unit the token belongs to (the desk's "test connection")."""
    with _db(request).session() as session:
        unit = authenticate(session, _bearer(authorization))
        return UnitMe(code=unit.code, name=unit.name, last_sync=unit.last_sync)


@router.post("/dataValueSets", response_model=ImportSummary, responses=REFUSALS)
def post_value_set(
    request: Request,
    body: ValueSetIn,
    dry_run: Annotated[bool, Query(alias="dryRun")] = False,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Import a unit's value set: same key twice updates, never duplicates; the batch id makes retries safe."""
    unit_id = _unit_id(request, authorization)
    db = _db(request)
    return import_value_set(db.transaction, unit_id, body, dry_run=dry_run)


__all__ = ["HubError", "router"]
