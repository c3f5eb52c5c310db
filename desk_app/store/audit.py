"""The append-only, hash-chained audit trail.

Each event's hash covers its own fields and the previous event's hash, so editing, removing or inserting
an event anywhere breaks the chain from that point (``verify`` names the first bad event).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.domain.phrase import Phrase
from desk_app.store.models import AuditEvent

GENESIS = "0" * 64


def _digest(
    event_id: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: str | None,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [event_id, at, actor, action, entity, entity_id, detail, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _canonical(detail: dict[str, Any] | None) -> str | None:
    return None if detail is None else json.dumps(detail, ensure_ascii=False, sort_keys=True)


def record(
    session: Session,
    action: str,
    *,
    actor: str = "",
    entity: str = "",
    entity_id: str | int = "",
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one audit event inside the caller's transaction."""
    last = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    prev_id, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    moment = (at or datetime.now()).replace(microsecond=0)
    event = AuditEvent(
        id=prev_id + 1,
        at=moment,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        detail=detail,
        prev_hash=prev_hash,
    )
    event.hash = _digest(
        event.id,
        moment.strftime("%Y-%m-%dT%H:%M:%S"),
        actor,
        action,
        entity,
        str(entity_id),
        _canonical(detail),
        prev_hash,
    )
    session.add(event)
    session.flush()
    _set_anchor(session, event.id, event.hash)
    return event


ANCHOR_KEY = "audit_anchor"


def _set_anchor(session: Session, event_id: int, digest: str) -> None:
    """The chain's anchor: the last event's id and hash, in the settings, in the same transaction.

    Removing events from the end (or all of them) leaves the chain itself valid; the anchor then names an
    event that is gone. Backups record the same pair in their manifests (services.trust.backup).
    """
    value = json.dumps({"id": event_id, "hash": digest}, sort_keys=True)
    session.execute(
        text(
            "INSERT INTO settings (key, value) VALUES (:k, :v) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ),
        {"k": ANCHOR_KEY, "v": value},
    )


def read_anchor(session: Session) -> tuple[int, str] | None:
    """The anchor (event id, hash) stored with the chain; None for a database from before anchors."""
    row = session.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": ANCHOR_KEY}).first()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
        return int(data["id"]), str(data["hash"])
    except (TypeError, ValueError, KeyError):
        return (-1, "")


def anchor_problem(session: Session) -> str | None:
    """A quick start-up check: does the last event still match the anchor? (``verify`` checks everything.)"""
    anchor = read_anchor(session)
    if anchor is None:
        return None
    last = session.execute(text("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1")).first()
    return _compare(anchor, (last[0], last[1]) if last else None, None)


def _compare(
    anchor: tuple[int, str], last: tuple[int, str] | None, hash_at_anchor: str | None
) -> Phrase | None:
    anchor_id, anchor_hash = anchor
    if anchor_id < 1:
        return Phrase(
            "the audit anchor in the settings was altered",
            "dấu mốc của nhật ký (trong phần cài đặt) đã bị sửa",
        )
    if last is None:
        return Phrase(
            f"the audit trail is empty but was anchored at event {anchor_id}: events were removed",
            f"nhật ký trống nhưng đã từng ghi đến mục số {anchor_id}: các mục nhật ký đã bị xóa",
        )
    if last[0] < anchor_id:
        return Phrase(
            f"the audit trail ends at event {last[0]} but was anchored at event {anchor_id}: events were removed",
            f"nhật ký chỉ còn đến mục số {last[0]} nhưng đã từng ghi đến mục số {anchor_id}: "
            "các mục nhật ký đã bị xóa",
        )
    if last[0] > anchor_id:
        return Phrase(
            f"events after {anchor_id} were added outside the app (the anchor is at {anchor_id})",
            f"có mục nhật ký được thêm sau mục số {anchor_id} mà không qua phần mềm",
        )
    if (hash_at_anchor if hash_at_anchor is not None else last[1]) != anchor_hash:
        return Phrase(
            f"event {anchor_id} does not match the audit anchor: the trail was rewritten",
            f"mục nhật ký số {anchor_id} không khớp dấu mốc: nhật ký đã bị ghi lại",
        )
    return None


def _changed(event_id: int) -> Phrase:
    return Phrase(
        f"event {event_id} was changed after it was written",
        f"mục nhật ký số {event_id} đã bị sửa sau khi ghi",
    )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def verify(session: Session) -> ChainReport:
    """Recompute the chain from the raw stored text (not through the ORM types, which could hide edits)."""
    prev_hash, expected_id, n = GENESIS, 1, 0
    rows = session.execute(
        text(
            "SELECT id, at, actor, action, entity, entity_id, detail, prev_hash, hash FROM audit_events ORDER BY id"
        )
    )
    for row in rows:
        n += 1
        event_id, at, actor, action, entity, entity_id, detail, stored_prev, stored_hash = row
        if event_id != expected_id:
            return ChainReport(
                False,
                n,
                event_id,
                Phrase(
                    f"event {expected_id} is missing before event {event_id}",
                    f"thiếu mục nhật ký số {expected_id} (trước mục số {event_id})",
                ),
            )
        if stored_prev != prev_hash:
            return ChainReport(
                False,
                n,
                event_id,
                Phrase(
                    f"event {event_id} does not follow the event before it",
                    f"mục nhật ký số {event_id} không nối tiếp mục trước nó",
                ),
            )
        try:
            canon = (
                None if detail is None else json.dumps(json.loads(detail), ensure_ascii=False, sort_keys=True)
            )
        except (TypeError, ValueError):  # detail no longer JSON: it was edited outside the app
            return ChainReport(False, n, event_id, _changed(event_id))
        if _digest(event_id, at, actor, action, entity, entity_id, canon, stored_prev) != stored_hash:
            return ChainReport(False, n, event_id, _changed(event_id))
        prev_hash, expected_id = stored_hash, expected_id + 1
    anchor = read_anchor(session)
    if anchor is not None:
        last = (expected_id - 1, prev_hash) if n else None
        problem = _compare(anchor, last, None)
        if problem:
            return ChainReport(False, n, anchor[0], problem)
    return ChainReport(True, n)
