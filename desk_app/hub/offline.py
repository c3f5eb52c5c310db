"""Signed, sequence-numbered offline files (``desk-app sync export`` -> USB stick -> ``desk-hub import``).

The format lives in desk_app.domain.syncfile (shared with the desk). A file is
applied only when its sequence number is the unit's last one plus one, so a replayed file, a file out of
order and an altered file are all refused with the reason; the number advances in the import's transaction.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain import syncfile
from desk_app.hub import security
from desk_app.hub.db import HubDatabase
from desk_app.hub.errors import HubError
from desk_app.hub.ingest import import_value_set
from desk_app.hub.models import Unit
from desk_app.hub.schemas import OfflineFile


def unpack(raw: bytes) -> tuple[str, bytes, OfflineFile]:
    parts = syncfile.split(raw)
    if parts is None:
        raise HubError(400, "not a desk-app sync file")
    signature, body = parts
    try:
        data = OfflineFile.model_validate_json(body)
    except PydanticError:
        raise HubError(400, "the file is damaged or altered (its content is not readable)") from None
    if data.format != syncfile.FORMAT:
        raise HubError(400, f"unsupported file format {data.format[:40]!r}")
    return signature, body, data


def import_file(db: HubDatabase, raw: bytes) -> dict[str, Any]:
    if len(raw) > 64 * 1024 * 1024:
        raise HubError(413, "file larger than 64 MB")
    signature, body, data = unpack(raw)
    with db.session() as session:
        unit = session.scalar(select(Unit).where(Unit.code == data.unit))
        if unit is None:
            raise HubError(403, f"unit {data.unit[:64]!r} is not registered at this hub")
        if unit.revoked_at is not None:
            raise HubError(401, f"unit {unit.code}'s token was revoked; files signed with it are refused")
        if not security.signature_ok(unit.offline_key, body, signature):
            raise HubError(
                400, "the file was altered or signed with another token: its signature does not match"
            )
        unit_id = unit.id

    def check_sequence(session: Session, locked: Unit) -> None:
        expected = locked.last_offline_seq + 1
        if data.sequence < expected:
            raise HubError(
                409, f"file #{data.sequence} of unit {locked.code} was already imported (replayed file)"
            )
        if data.sequence > expected:
            raise HubError(
                409,
                f"file #{data.sequence} is out of order: file #{expected} of unit {locked.code} must come first",
            )
        locked.last_offline_seq = data.sequence

    summary = import_value_set(db.transaction, unit_id, data.value_set, source="file", check=check_sequence)
    return {**summary, "unit": data.unit, "sequence": data.sequence}
