"""Postal items of a dossier: received by post, result sent back by post, delivery and non-delivery, transfers.

Each use case is one transaction that writes the item, a DossierEvent in the dossier's history and an audit
event ``dossier.postal-*`` (a confirmed delivery is the lifecycle's own ``return`` move, made through
:func:`desk_app.services.lifecycle.moves.apply_move` in the same transaction).

The dossier's ``channel`` / ``return_via`` fields stay the source of truth for reports: receiving an item sets
``channel = "postal"``, sending the result sets ``return_via = "postal"``. While a result is out with the post,
the dossier stays "result ready" (it is not returned until the post confirms delivery); an undeliverable item
closes the shipment with its reason and the dossier is listed again among those to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from desk_app.domain.errors import NotFound, UserError, ValidationError
from desk_app.domain.postal import (
    KIND_LABEL_VI,
    PAYER_LABEL_VI,
    STATE_LABEL_VI,
    TRANSFER_DIRECTIONS,
    ItemKind,
    ItemNumber,
    ItemState,
    check_fee,
    parse_item_number,
    parse_payer,
)
from desk_app.domain.states import Action, State
from desk_app.domain.text import clean_line
from desk_app.services.lifecycle.dossier_view import fmt, get_dossier, last_move_at
from desk_app.services.lifecycle.moves import apply_move
from desk_app.services.postal.incoming import now, number_free, postal_event, record_incoming, tariff
from desk_app.store.db import Database
from desk_app.store.models import Dossier
from desk_app.store.models_postal import PostalItem

LABEL_SIZES = ("A6", "DL", "C5")


def item_dict(item: PostalItem) -> dict[str, Any]:
    """An item as the CLI's JSON and the postal page show it."""
    dossier = item.dossier
    return {
        "id": item.id,
        "number": item.number,
        "number_kind": item.number_kind,
        "kind": item.kind,
        "kind_label": KIND_LABEL_VI.get(item.kind, item.kind),
        "direction": item.direction,
        "state": item.state,
        "state_label": STATE_LABEL_VI.get(item.state, item.state),
        "code": dossier.code,
        "dossier_state": dossier.state,
        "applicant": dossier.applicant.full_name,
        "recipient": item.recipient,
        "address": item.address,
        "handed_at": fmt(item.handed_at),
        "delivered_at": fmt(item.delivered_at),
        "fee": item.fee,
        "payer": item.payer,
        "payer_label": PAYER_LABEL_VI.get(item.payer, item.payer),
        "label_size": item.label_size,
        "reason": item.reason,
        "manifest": item.manifest.number if item.manifest is not None else None,
        "created_by": item.created_by,
    }


def _items_query() -> Any:
    return select(PostalItem).options(
        joinedload(PostalItem.dossier).joinedload(Dossier.applicant), joinedload(PostalItem.manifest)
    )


def _moment(at: datetime | None, dossier: Dossier, session: Session) -> datetime:
    """``at`` (default now) to the minute, never before the dossier's latest recorded event."""
    moment = (at or datetime.now()).replace(second=0, microsecond=0)
    last = last_move_at(session, dossier)
    floor = max(dossier.received_at, last) if last else dossier.received_at
    if moment < floor:
        raise ValidationError(
            f"The time cannot be before the dossier's previous event ({fmt(floor)}).",
            f"Thời điểm không được trước sự kiện trước đó của hồ sơ ({floor:%H:%M %d/%m/%Y}).",
            field="at",
        )
    return moment


@dataclass(frozen=True)
class ItemRequest:
    """The item number as typed or scanned, and whether it is a free reference (no S10 number)."""

    number: str
    free: bool = False

    def parse(self) -> ItemNumber:
        return parse_item_number(self.number, free=self.free)


def receive_by_post(
    db: Database,
    code: str,
    item: ItemRequest,
    *,
    delivered_at: date | datetime | None = None,
    address: str | None = None,
    fee: int | None = None,
    payer: str | None = None,
    actor: str = "",
) -> dict[str, Any]:
    """Record that dossier ``code`` came by post: its item, when the post delivered it, the sender's address.

    The dossier's received moment (and so its due date) stays when the counter received it; the delivery
    cannot be later than that.
    """
    number = item.parse()
    with db.transaction() as session:
        dossier = get_dossier(session, code)
        if dossier.state in (State.GUIDED, State.REFUSED):
            raise UserError(
                f"{dossier.code} was not received: nothing to record.",
                "Hồ sơ chưa được tiếp nhận nên không ghi nhận bưu gửi đến.",
            )
        row = record_incoming(
            session,
            dossier,
            number,
            delivered_at=delivered_at,
            address=address,
            fee=fee,
            payer=payer,
            actor=actor,
        )
        dossier.updated_at = now()
        session.flush()
        return item_dict(row)


def send(
    db: Database,
    code: str,
    item: ItemRequest,
    *,
    fee: int | None = None,
    payer: str | None = None,
    at: datetime | None = None,
    label_size: str = "A6",
    address: str | None = None,
    actor: str = "",
) -> dict[str, Any]:
    """Hand the result of dossier ``code`` to the post: a return item with its fee and payer.

    The number is checked first (a wrong S10 check digit is refused and nothing is stored); the dossier must
    have its result ready and no other shipment on its way.
    """
    number = item.parse()
    the_payer = parse_payer(payer, "citizen")
    size = (label_size or "A6").strip().upper()
    if size not in LABEL_SIZES:
        raise ValidationError(
            f"Label size must be one of {', '.join(LABEL_SIZES)}.",
            "Khổ nhãn phải là A6, DL hoặc C5.",
            "label",
        )
    with db.transaction() as session:
        dossier = get_dossier(session, code)
        if dossier.state != State.RESULT_READY:
            raise UserError(
                f"{dossier.code} has no result ready to send (state {dossier.state}).",
                "Hồ sơ chưa có kết quả chờ trả nên chưa thể gửi qua bưu chính.",
            )
        out = session.scalars(
            select(PostalItem.number).where(
                PostalItem.dossier_id == dossier.id,
                PostalItem.kind == ItemKind.RETURN.value,
                PostalItem.state == ItemState.OUT.value,
            )
        ).first()
        if out is not None:
            raise UserError(
                f"The result of {dossier.code} is already with the post (item {out}).",
                f"Kết quả của hồ sơ đang được bưu chính chuyển phát (bưu gửi {out}).",
            )
        number_free(session, number)
        moment = _moment(at, dossier, session)
        applicant = dossier.applicant
        row = PostalItem(
            dossier=dossier,
            kind=ItemKind.RETURN.value,
            number=number.value,
            number_kind=number.kind,
            state=ItemState.OUT.value,
            handed_at=moment,
            address=clean_line(address) if address else applicant.address,
            recipient=applicant.full_name,
            fee=check_fee(fee, tariff(session)),
            payer=the_payer,
            label_size=size,
            created_by=actor,
            created_at=now(),
        )
        session.add(row)
        dossier.return_via = "postal"
        dossier.updated_at = now()
        postal_event(
            session,
            dossier,
            "postal-send",
            moment,
            actor,
            {"item": number.value, "number_kind": number.kind, "fee": row.fee, "payer": the_payer},
            to_whom="Bưu chính",
        )
        session.flush()
        return item_dict(row)


def transfer(
    db: Database,
    code: str,
    item: ItemRequest,
    *,
    direction: str = "to_office",
    fee: int | None = None,
    at: datetime | None = None,
    to_whom: str = "",
    actor: str = "",
) -> dict[str, Any]:
    """One leg of a dossier between the counter and the competent office by post (luân chuyển hồ sơ)."""
    number = item.parse()
    if direction not in TRANSFER_DIRECTIONS:
        raise ValidationError(
            "The direction must be to_office or to_counter.", "Chiều luân chuyển không hợp lệ.", "direction"
        )
    with db.transaction() as session:
        dossier = get_dossier(session, code)
        if dossier.state in (State.GUIDED, State.REFUSED, State.RETURNED, State.STOPPED):
            raise UserError(
                f"{dossier.code} is not being processed: nothing to transfer.",
                "Hồ sơ không còn trong quá trình giải quyết nên không thể luân chuyển.",
            )
        number_free(session, number)
        moment = _moment(at, dossier, session)
        row = PostalItem(
            dossier=dossier,
            kind=ItemKind.TRANSFER.value,
            direction=direction,
            number=number.value,
            number_kind=number.kind,
            state=ItemState.OUT.value,
            handed_at=moment,
            recipient=clean_line(to_whom),
            fee=check_fee(fee, tariff(session)),
            payer="commune",
            created_by=actor,
            created_at=now(),
        )
        session.add(row)
        postal_event(
            session,
            dossier,
            "postal-transfer",
            moment,
            actor,
            {"item": number.value, "direction": direction, "fee": row.fee},
            to_whom=clean_line(to_whom),
        )
        session.flush()
        return item_dict(row)


def _out_item(session: Session, number: str) -> PostalItem:
    key = number.strip().replace(" ", "").upper()
    row = session.scalars(
        _items_query()
        .where(PostalItem.number == key, PostalItem.state == ItemState.OUT.value)
        .order_by(PostalItem.id.desc())
    ).first()
    if row is None:
        known = session.scalars(
            _items_query().where(PostalItem.number == key).order_by(PostalItem.id.desc())
        ).first()
        if known is None:
            raise NotFound(f"No postal item {key}.", f"Không tìm thấy bưu gửi {key}.")
        raise UserError(
            f"Item {key} is not on its way (state {known.state}).",
            f"Bưu gửi {key} không ở trạng thái đang chuyển phát "
            f"({STATE_LABEL_VI.get(known.state, known.state)}).",
        )
    return row


def delivered(db: Database, number: str, *, at: datetime | None = None, actor: str = "") -> dict[str, Any]:
    """The post confirmed delivery of item ``number``: a result shipment returns the dossier (channel postal)."""
    with db.transaction() as session:
        row = _out_item(session, number)
        dossier = row.dossier
        moment = (at or datetime.now()).replace(second=0, microsecond=0)
        if moment < row.handed_at:
            raise ValidationError(
                "Delivery cannot be before the item was handed to the post.",
                f"Ngày phát không được trước lúc giao cho bưu chính ({row.handed_at:%H:%M %d/%m/%Y}).",
                field="at",
            )
        row.state, row.delivered_at = ItemState.DELIVERED.value, moment
        move: dict[str, Any] | None = None
        if row.kind == ItemKind.RETURN:
            move = apply_move(
                session,
                dossier,
                Action.RETURN,
                at=moment,
                channel="postal",
                actor=actor,
                extra={"item": row.number, "delivered_at": fmt(moment)},
            )
        else:
            postal_event(
                session, dossier, "postal-transfer", moment, actor, {"item": row.number, "delivered": True}
            )
        session.flush()
        result = item_dict(row)
        result["move"] = move
        return result


def undeliverable(
    db: Database, number: str, *, reason: str, at: datetime | None = None, actor: str = ""
) -> dict[str, Any]:
    """Item ``number`` came back undeliverable: the shipment closes with the reason; the result is to send again."""
    why = clean_line(reason)
    if not why:
        raise ValidationError(
            "Give the reason the post could not deliver.",
            "Cần ghi lý do bưu chính không phát được.",
            field="reason",
        )
    with db.transaction() as session:
        row = _out_item(session, number)
        if row.kind != ItemKind.RETURN:
            raise UserError(
                "Only a result shipment can come back undeliverable.",
                "Chỉ bưu gửi trả kết quả mới ghi nhận không phát được.",
            )
        dossier = row.dossier
        moment = _moment(at, dossier, session)
        row.state, row.reason, row.delivered_at = ItemState.UNDELIVERABLE.value, why, moment
        dossier.updated_at = now()
        postal_event(
            session, dossier, "postal-undeliverable", moment, actor, {"item": row.number}, reason=why
        )
        session.flush()
        return item_dict(row)


def list_items(
    db: Database, *, state: str | None = None, kind: str | None = None, code: str | None = None
) -> list[dict[str, Any]]:
    """Postal items, newest first, filtered by state, kind or dossier code."""
    with db.session() as session:
        query = _items_query().order_by(PostalItem.handed_at.desc(), PostalItem.id.desc())
        if state:
            query = query.where(PostalItem.state == state)
        if kind:
            query = query.where(PostalItem.kind == kind)
        if code:
            query = query.where(PostalItem.dossier_id == get_dossier(session, code).id)
        return [item_dict(r) for r in session.scalars(query).unique()]


def to_send(db: Database) -> list[dict[str, Any]]:
    """Results ready to go back by post (return_via postal, or came back undeliverable) with none on its way."""
    with db.session() as session:
        out = select(PostalItem.dossier_id).where(
            PostalItem.kind == ItemKind.RETURN.value, PostalItem.state == ItemState.OUT.value
        )
        came_back = select(PostalItem.dossier_id).where(PostalItem.state == ItemState.UNDELIVERABLE.value)
        rows = session.scalars(
            select(Dossier)
            .options(joinedload(Dossier.applicant))
            .where(
                Dossier.state == State.RESULT_READY.value,
                (Dossier.return_via == "postal") | Dossier.id.in_(came_back),
                Dossier.id.not_in(out),
            )
            .order_by(Dossier.finished_at, Dossier.id)
        )
        return [
            {
                "code": d.code,
                "applicant": d.applicant.full_name,
                "address": d.applicant.address,
                "phone": d.applicant.phone,
                "finished_at": fmt(d.finished_at),
                "due_at": fmt(d.deadline_at or d.due_at),
            }
            for d in rows
        ]


def find_item(db: Database, number: str) -> dict[str, Any]:
    """The latest item with ``number`` (typed or scanned), or NotFound."""
    key = number.strip().replace(" ", "").upper()
    with db.session() as session:
        row = session.scalars(
            _items_query().where(PostalItem.number == key).order_by(PostalItem.id.desc())
        ).first()
        if row is None:
            raise NotFound(f"No postal item {key}.", f"Không tìm thấy bưu gửi {key}.")
        return item_dict(row)
