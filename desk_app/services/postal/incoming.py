"""The writes shared by the postal use cases and intake: an incoming postal item and a postal history line.

Only domain and store imports here, so that intake (which records the item of a dossier received by post in its
own transaction) can use it without importing the lifecycle.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.postal import ItemKind, ItemNumber, ItemState, check_fee, parse_payer
from desk_app.domain.text import clean_line
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import Dossier, DossierEvent
from desk_app.store.models_postal import PostalItem


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def tariff(session: Session) -> int:
    """The post's charge per item (📘 a setting: ``postal_fee_per_item``)."""
    return int(settings.get(session, "postal_fee_per_item") or 0)


def current_tariff(db: Database) -> int:
    """The post's charge per item, read in its own session (for screens)."""
    with db.session() as session:
        return tariff(session)


def postal_event(
    session: Session,
    dossier: Dossier,
    action: str,
    at: datetime,
    actor: str,
    data: dict[str, Any],
    *,
    reason: str = "",
    to_whom: str = "",
) -> None:
    """A history line and an audit event ``dossier.<action>`` for a postal step that keeps the dossier's state."""
    session.add(
        DossierEvent(
            dossier_id=dossier.id,
            action=action,
            at=at,
            state_before=dossier.state,
            state_after=dossier.state,
            actor=actor,
            to_whom=to_whom,
            reason=reason,
            data=data,
        )
    )
    audit.record(
        session,
        f"dossier.{action}",
        actor=actor,
        entity="dossier",
        entity_id=dossier.id,
        detail={"code": dossier.code, "at": _fmt(at), "reason": reason, **data},
    )


def number_free(session: Session, number: ItemNumber) -> None:
    """An item number is used once, except that of an item that came back undeliverable."""
    taken = session.scalars(
        select(PostalItem.id).where(
            PostalItem.number == number.value, PostalItem.state != ItemState.UNDELIVERABLE.value
        )
    ).first()
    if taken is not None:
        raise ValidationError(
            f"Item number {number.value} is already recorded.",
            f"Số hiệu bưu gửi {number.value} đã được ghi nhận cho một bưu gửi khác.",
            field="item",
        )


def record_incoming(
    session: Session,
    dossier: Dossier,
    number: ItemNumber,
    *,
    delivered_at: date | datetime | None = None,
    address: str | None = None,
    fee: int | None = None,
    payer: str | None = None,
    actor: str = "",
) -> PostalItem:
    """The incoming item of a received dossier, in the caller's transaction; the dossier's channel becomes
    postal. The delivery (default: the received moment) cannot be after the counter received the dossier."""
    already = session.scalars(
        select(PostalItem.number).where(
            PostalItem.dossier_id == dossier.id, PostalItem.kind == ItemKind.RECEIVE.value
        )
    ).first()
    if already is not None:
        raise ValidationError(
            f"{dossier.code} is already recorded as received by post (item {already}).",
            f"Hồ sơ đã được ghi nhận nhận qua bưu chính (bưu gửi {already}).",
            field="item",
        )
    number_free(session, number)
    if delivered_at is None:
        moment = dossier.received_at
    elif isinstance(delivered_at, datetime):
        moment = delivered_at.replace(second=0, microsecond=0)
    else:
        moment = datetime.combine(delivered_at, time(0, 0))
    if moment > dossier.received_at:
        raise ValidationError(
            "The post cannot have delivered the dossier after the counter received it.",
            f"Ngày bưu chính giao hồ sơ không được sau lúc tiếp nhận ({dossier.received_at:%H:%M %d/%m/%Y}).",
            field="delivered_at",
        )
    row = PostalItem(
        dossier=dossier,
        kind=ItemKind.RECEIVE.value,
        number=number.value,
        number_kind=number.kind,
        state=ItemState.RECEIVED.value,
        handed_at=moment,
        address=clean_line(address) if address else dossier.applicant.address,
        recipient=dossier.applicant.full_name,
        fee=check_fee(fee, tariff(session)),
        payer=parse_payer(payer, "citizen"),
        created_by=actor,
        created_at=now(),
    )
    session.add(row)
    dossier.channel = "postal"
    postal_event(
        session,
        dossier,
        "postal-receive",
        dossier.received_at,
        actor,
        {
            "item": number.value,
            "number_kind": number.kind,
            "delivered_at": _fmt(moment),
            "address": row.address,
            "fee": row.fee,
        },
    )
    return row
