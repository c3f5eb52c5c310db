"""Hand-over manifests (phiếu bàn giao bưu gửi) and the monthly statement of postal services (bảng kê).

A manifest gathers the items of one day and one direction that are not on a manifest yet: ``out`` (results and
transfers handed to the postman), ``in`` (dossiers taken from the postman). Asking again for a day whose items
are all on manifests reprints the latest one, marked as a reprint. Every print is audited (``postal.manifest``,
``postal.statement``). The window's preview (:func:`manifest_preview`) writes nothing: no manifest is made, no
item put on it, no number taken; the manifest is made when the clerk prints or saves it (:func:`record_manifest`,
one transaction). If the printer then fails the manifest stays made (it is the record of the hand-over and
its number); the print is cancelled with ``print-failed`` and asking again reprints the same manifest.

The statement lists every item handed over in a month with its fee (📘 the tariff is the setting
``postal_fee_per_item``), totals by kind and payer, and the share of dossiers received and returned by post
(counted from the dossiers' own ``channel`` / ``return_via`` fields).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from desk_app.domain.errors import NotFound, UserError
from desk_app.domain.postal import (
    KIND_LABEL_VI,
    PAYER_LABEL_VI,
    STATE_LABEL_VI,
    ItemKind,
    Period,
    check_fee,
    statement_totals,
)
from desk_app.domain.text import clean_line
from desk_app.printing.postal import ManifestData, ManifestLine, StatementData, StatementLine
from desk_app.services.lifecycle.prints import unit_header
from desk_app.services.postal.items import item_dict
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import AuditEvent, Dossier
from desk_app.store.models_postal import PostalItem, PostalManifest

DIRECTIONS = ("out", "in")


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0, 0))
    return start, start + timedelta(days=1)


def _day_items(session: Session, day: date, direction: str, *, unassigned: bool) -> list[PostalItem]:
    start, end = _day_bounds(day)
    if direction == "out":
        which = (PostalItem.kind == ItemKind.RETURN.value) | (
            (PostalItem.kind == ItemKind.TRANSFER.value) & (PostalItem.direction == "to_office")
        )
    else:
        which = (PostalItem.kind == ItemKind.RECEIVE.value) | (
            (PostalItem.kind == ItemKind.TRANSFER.value) & (PostalItem.direction == "to_counter")
        )
    query = (
        select(PostalItem)
        .options(joinedload(PostalItem.dossier).joinedload(Dossier.applicant))
        .where(which, PostalItem.handed_at >= start, PostalItem.handed_at < end)
        .order_by(PostalItem.handed_at, PostalItem.id)
    )
    if unassigned:
        query = query.where(PostalItem.manifest_id.is_(None))
    return list(session.scalars(query).unique())


def _next_number(session: Session, day: date) -> str:
    prefix = f"BG-{day:%y%m%d}-"
    used = session.scalar(select(func.count()).where(PostalManifest.number.like(prefix + "%"))) or 0
    return f"{prefix}{used + 1:02d}"


def _prints_so_far(session: Session, entity: str, key: str) -> int:
    """Prints of (``entity``, ``key``) so far, less those that did not come out (``print-failed`` naming them)."""
    rows = session.execute(
        select(AuditEvent.id, AuditEvent.action, AuditEvent.detail).where(
            AuditEvent.entity == entity, AuditEvent.entity_id == key
        )
    ).all()
    failed = {(d or {}).get("print") for _id, action, d in rows if action == "print-failed"}
    return sum(1 for id_, action, _d in rows if action != "print-failed" and id_ not in failed)


def _line(item: PostalItem) -> ManifestLine:
    d = item_dict(item)
    return ManifestLine(
        code=d["code"] or "",
        number=item.number,
        free=item.number_kind == "free",
        kind_label=d["kind_label"],
        party=item.recipient or d["applicant"],
        address=item.address,
        fee=item.fee,
    )


def manifest(
    db: Database,
    day: date | None = None,
    *,
    direction: str = "out",
    number: str | None = None,
    actor: str = "",
) -> ManifestData:
    """The manifest of ``day`` (default today) and ``direction``: a new one for the items not yet handed over
    on a manifest, else the latest of the day again (a reprint); ``number`` reprints that manifest."""
    return record_manifest(db, day, direction=direction, number=number, actor=actor)[0]


def record_manifest(
    db: Database,
    day: date | None = None,
    *,
    direction: str = "out",
    number: str | None = None,
    actor: str = "",
    how: str | None = None,
) -> tuple[ManifestData, int]:
    """:func:`manifest` and the id of its ``postal.manifest`` audit event, in one transaction (the print)."""
    with db.transaction() as session:
        data, _row = _manifest(session, day, direction, number, actor, preview=False)
        detail: dict[str, Any] = {
            "day": data.day.isoformat(),
            "direction": data.direction,
            "items": len(data.lines),
            "count": data.reprint_count,
        }
        if how:
            detail["output"] = how
        event = audit.record(
            session,
            "postal.manifest",
            actor=actor,
            entity="postal_manifest",
            entity_id=data.number,
            detail=detail,
        )
        return data, event.id


def manifest_preview(
    db: Database,
    day: date | None = None,
    *,
    direction: str = "out",
    number: str | None = None,
    actor: str = "",
) -> tuple[ManifestData, str | None]:
    """The manifest :func:`manifest` would print now, without writing anything (a preview is not a hand-over):
    a new manifest shows the number it WILL get. The second value is the number of the existing manifest shown
    (a reprint), which the real print must then reprint; None for a new one."""
    with db.session() as session:
        try:
            data, row = _manifest(session, day, direction, number, actor, preview=True)
            return data, (row.number if row is not None else None)
        finally:
            session.rollback()


def _manifest(
    session: Session, day: date | None, direction: str, number: str | None, actor: str, *, preview: bool
) -> tuple[ManifestData, PostalManifest | None]:
    """The manifest's data; the existing manifest printed (None for a new one not written: a preview)."""
    if direction not in DIRECTIONS:
        raise UserError("The direction must be out or in.", "Chiều bàn giao phải là giao đi hoặc nhận về.")
    row: PostalManifest | None
    fresh: list[PostalItem] = []
    if number:
        row = session.scalars(
            select(PostalManifest).where(PostalManifest.number == number.strip().upper())
        ).first()
        if row is None:
            raise NotFound(f"No manifest {number}.", f"Không tìm thấy phiếu bàn giao {number}.")
    else:
        the_day = day or date.today()
        fresh = _day_items(session, the_day, direction, unassigned=True)
        if fresh and preview:
            lines = [_line(i) for i in fresh]
            return ManifestData(
                header=unit_header(session),
                number=_next_number(session, the_day),
                day=the_day,
                direction=direction,
                lines=lines,
                total_fee=sum(ln.fee for ln in lines),
                reprint_count=0,
                clerk=actor if actor not in ("", "setup", "cli") else "",
            ), None
        if fresh:
            row = PostalManifest(
                number=_next_number(session, the_day),
                day=the_day,
                direction=direction,
                created_at=datetime.now().replace(microsecond=0),
                created_by=actor,
            )
            session.add(row)
            session.flush()
            for item in fresh:
                item.manifest_id = row.id
            session.flush()
            session.refresh(row)
        else:
            row = session.scalars(
                select(PostalManifest)
                .where(PostalManifest.day == the_day, PostalManifest.direction == direction)
                .order_by(PostalManifest.id.desc())
            ).first()
            if row is None:
                raise UserError(
                    f"No postal items {'handed to' if direction == 'out' else 'taken from'} the post on "
                    f"{the_day:%d/%m/%Y}.",
                    f"Không có bưu gửi nào {'giao cho' if direction == 'out' else 'nhận từ'} bưu chính "
                    f"ngày {the_day:%d/%m/%Y}.",
                )
    items = list(
        session.scalars(
            select(PostalItem)
            .options(joinedload(PostalItem.dossier).joinedload(Dossier.applicant))
            .where(PostalItem.manifest_id == row.id)
            .order_by(PostalItem.handed_at, PostalItem.id)
        ).unique()
    )
    count = _prints_so_far(session, "postal_manifest", row.number)
    lines = [_line(i) for i in items]
    return ManifestData(
        header=unit_header(session),
        number=row.number,
        day=row.day,
        direction=row.direction,
        lines=lines,
        total_fee=sum(ln.fee for ln in lines),
        reprint_count=count,
        clerk=actor if actor not in ("", "setup", "cli") else "",
    ), (None if fresh else row)


def list_manifests(db: Database, *, limit: int = 100) -> list[dict[str, Any]]:
    """Recent manifests, newest first, with their item counts."""
    with db.session() as session:
        counts = (
            select(PostalItem.manifest_id, func.count().label("n"), func.sum(PostalItem.fee).label("fees"))
            .group_by(PostalItem.manifest_id)
            .subquery()
        )
        rows = session.execute(
            select(PostalManifest, counts.c.n, counts.c.fees)
            .outerjoin(counts, counts.c.manifest_id == PostalManifest.id)
            .order_by(PostalManifest.day.desc(), PostalManifest.id.desc())
            .limit(limit)
        )
        return [
            {
                "number": m.number,
                "day": m.day.isoformat(),
                "direction": m.direction,
                "count": int(n or 0),
                "fees": int(fees or 0),
                "created_by": m.created_by,
            }
            for m, n, fees in rows
        ]


def manifest_items(db: Database, number: str) -> dict[str, Any]:
    """One manifest and its items (scanning a manifest's barcode opens the batch)."""
    key = number.strip().upper()
    with db.session() as session:
        row = session.scalars(select(PostalManifest).where(PostalManifest.number == key)).first()
        if row is None:
            raise NotFound(f"No manifest {key}.", f"Không tìm thấy phiếu bàn giao {key}.")
        items = session.scalars(
            select(PostalItem)
            .options(
                joinedload(PostalItem.dossier).joinedload(Dossier.applicant), joinedload(PostalItem.manifest)
            )
            .where(PostalItem.manifest_id == row.id)
            .order_by(PostalItem.id)
        ).unique()
        return {
            "number": row.number,
            "day": row.day.isoformat(),
            "direction": row.direction,
            "items": [item_dict(i) for i in items],
        }


def channel_counts(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Dossiers received in [start, end) and of them by post; returned in it and of them by post."""
    received = select(func.count()).where(
        Dossier.code.is_not(None), Dossier.received_at >= start, Dossier.received_at < end
    )
    returned = select(func.count()).where(Dossier.returned_at >= start, Dossier.returned_at < end)
    return {
        "received": int(session.scalar(received) or 0),
        "received_by_post": int(session.scalar(received.where(Dossier.channel == "postal")) or 0),
        "returned": int(session.scalar(returned) or 0),
        "returned_by_post": int(session.scalar(returned.where(Dossier.return_via == "postal")) or 0),
    }


def statement(db: Database, period: Period, *, actor: str = "") -> StatementData:
    """Every item handed over in ``period`` with its fee; totals by kind and payer (audited as a print)."""
    start, end = datetime.combine(period.start, time(0)), datetime.combine(period.end, time(0))
    with db.transaction() as session:
        items = list(
            session.scalars(
                select(PostalItem)
                .options(joinedload(PostalItem.dossier))
                .where(PostalItem.handed_at >= start, PostalItem.handed_at < end)
                .order_by(PostalItem.handed_at, PostalItem.id)
            ).unique()
        )
        lines = [
            StatementLine(
                day=i.handed_at.date(),
                code=i.dossier.code or "",
                number=i.number,
                free=i.number_kind == "free",
                kind=i.kind,
                kind_label=KIND_LABEL_VI.get(i.kind, i.kind),
                payer_label=PAYER_LABEL_VI.get(i.payer, i.payer),
                state_label=STATE_LABEL_VI.get(i.state, i.state),
                fee=i.fee,
            )
            for i in items
        ]
        by_payer: dict[str, int] = {}
        by_officer: dict[str, dict[str, int]] = {}
        for i in items:
            by_payer[i.payer] = by_payer.get(i.payer, 0) + i.fee
            officer = by_officer.setdefault(i.created_by, {"count": 0, "fees": 0})
            officer["count"] += 1
            officer["fees"] += i.fee
        audit.record(
            session,
            "postal.statement",
            actor=actor,
            entity="postal_statement",
            entity_id=period.key,
            detail={"items": len(lines), "total": sum(i.fee for i in items)},
        )
        return StatementData(
            header=unit_header(session),
            period=period,
            lines=lines,
            totals=statement_totals([(i.kind, i.fee) for i in items]),
            by_payer=by_payer,
            rate=int(settings.get(session, "postal_fee_per_item") or 0),
            rate_note=str(settings.get(session, "postal_tariff_note") or ""),
            channels=channel_counts(session, start, end),
            by_officer=by_officer,
        )


def set_tariff(db: Database, amount: int, note: str | None = None, *, actor: str = "") -> dict[str, Any]:
    """Change the post's charge per item (a setting, audited); items already recorded keep their fee."""
    value = check_fee(amount, 0)
    with db.transaction() as session:
        before = settings.get(session, "postal_fee_per_item")
        settings.put(session, "postal_fee_per_item", value)
        if note is not None:
            settings.put(session, "postal_tariff_note", clean_line(note))
        audit.record(
            session,
            "settings.postal_tariff",
            actor=actor,
            entity="settings",
            entity_id="postal_fee_per_item",
            detail={"from": before, "to": value, "note": note},
        )
        return {
            "postal_fee_per_item": value,
            "postal_tariff_note": str(settings.get(session, "postal_tariff_note") or ""),
        }
