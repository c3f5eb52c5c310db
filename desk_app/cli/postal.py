"""``desk-app postal …``: dossiers received and results returned by post, labels, manifests, the statement.

Every write needs the ``postal`` permission (clerks, leaders, admins and post-office staff); the tariff is a
setting (``settings``).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json
from desk_app.domain.errors import ValidationError

LIST_STATES = ("to-send", "out", "delivered", "undeliverable", "received", "all")


def _moment(text: str | None, name: str = "at") -> datetime | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise ValidationError(
        f"--{name} {text!r} is not a time (YYYY-MM-DD [HH:MM]).",
        "Thời gian phải có dạng YYYY-MM-DD HH:MM.",
        field=name,
    )


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"--{name} {text!r} is not a date (YYYY-MM-DD).", "Ngày phải có dạng YYYY-MM-DD.", field=name
        ) from None


def _item_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--item", required=True, help="the UPU S10 item number, e.g. RR123456785VN")
    p.add_argument(
        "--free", action="store_true", help="the post gave no S10 number: record --item as a free reference"
    )


def register(sub: Any) -> None:
    p = sub.add_parser("postal", help="postal service (BCCI): receive, send, deliver, labels, manifests")
    psub = p.add_subparsers(dest="postal_cmd", metavar="ACTION", required=True)

    a = psub.add_parser("receive", help="a received dossier came by post: its item and delivery date")
    a.add_argument("code")
    _item_args(a)
    a.add_argument("--delivered-at", help="when the post delivered it to the counter (default: received)")
    a.add_argument("--sender-address", help="the sender's address as written (default: the applicant's)")
    a.add_argument("--fee", type=int, help="the post's charge in đồng (default: the tariff)")
    a.add_argument("--payer", choices=("citizen", "commune"))
    add_json(a)
    a.set_defaults(handler=cmd_receive)

    a = psub.add_parser("send", help="hand a ready result to the post")
    a.add_argument("code")
    _item_args(a)
    a.add_argument("--fee", type=int, help="the postal fee in đồng (default: the tariff)")
    a.add_argument("--payer", choices=("citizen", "commune"), default="citizen")
    a.add_argument("--at", help='when it was handed over, "YYYY-MM-DD HH:MM" (default: now)')
    a.add_argument("--label", choices=("A6", "DL", "C5"), default="A6", help="label size")
    a.add_argument("--address", help="deliver to this address instead of the applicant's")
    add_json(a)
    a.set_defaults(handler=cmd_send)

    a = psub.add_parser("transfer", help="a leg between the counter and the competent office by post")
    a.add_argument("code")
    _item_args(a)
    a.add_argument("--direction", choices=("to_office", "to_counter"), default="to_office")
    a.add_argument("--to", dest="to_whom", default="", help="the office it goes to")
    a.add_argument("--fee", type=int)
    a.add_argument("--at")
    add_json(a)
    a.set_defaults(handler=cmd_transfer)

    a = psub.add_parser("delivered", help="the post confirmed delivery: the dossier is returned")
    a.add_argument("item")
    a.add_argument("--at", help='when it was delivered, "YYYY-MM-DD HH:MM" (default: now)')
    add_json(a)
    a.set_defaults(handler=cmd_delivered)

    a = psub.add_parser("undeliverable", help="the item came back: the result is to be sent again")
    a.add_argument("item")
    a.add_argument("--reason", required=True)
    a.add_argument("--at")
    add_json(a)
    a.set_defaults(handler=cmd_undeliverable)

    a = psub.add_parser("label", help="print the address label of a dossier's result shipment")
    a.add_argument("code")
    a.add_argument("--out", required=True, type=Path)
    a.add_argument("--size", choices=("A6", "DL", "C5"), help="default: the shipment's, else A6")
    add_json(a)
    a.set_defaults(handler=cmd_label)

    a = psub.add_parser("manifest", help="print the hand-over manifest of a day")
    a.add_argument("--date", help="YYYY-MM-DD (default: today)")
    a.add_argument(
        "--direction", choices=("out", "in"), default="out", help="handed to / taken from the post"
    )
    a.add_argument("--number", help="reprint this manifest")
    a.add_argument("--out", required=True, type=Path)
    add_json(a)
    a.set_defaults(handler=cmd_manifest)

    a = psub.add_parser("statement", help="the monthly statement of postal services")
    a.add_argument("--period", required=True, help="the month, YYYY-MM")
    a.add_argument("--format", choices=("pdf", "xlsx"), default="pdf")
    a.add_argument("--out", required=True, type=Path)
    add_json(a)
    a.set_defaults(handler=cmd_statement)

    a = psub.add_parser("list", help="postal items, or the results waiting to be sent (--state to-send)")
    a.add_argument("--state", choices=LIST_STATES, default="all")
    a.add_argument("--code", help="the items of one dossier")
    add_json(a)
    a.set_defaults(handler=cmd_list)

    a = psub.add_parser("manifests", help="the recent hand-over manifests")
    add_json(a)
    a.set_defaults(handler=cmd_manifests)

    a = psub.add_parser("tariff", help="show or set the post's charge per item (📘 a province's scheme)")
    a.add_argument("--set", dest="amount", type=int, help="new charge in đồng")
    a.add_argument("--note", help="where the rate comes from")
    add_json(a)
    a.set_defaults(handler=cmd_tariff)


def _item_text(r: dict[str, Any]) -> str:
    free = " (tham chiếu tự do)" if r["number_kind"] == "free" else ""
    return f"{r['number']}{free}  {r['code']}  {r['kind']}  {r['state']}  {r['fee']} đ"


def cmd_receive(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import items

    actor = ctx.require("postal")
    result = items.receive_by_post(
        ctx.db,
        args.code,
        items.ItemRequest(args.item, args.free),
        delivered_at=_moment(args.delivered_at, "delivered-at"),
        address=args.sender_address,
        fee=args.fee,
        payer=args.payer,
        actor=actor,
    )
    ctx.out(result, lambda: _item_text(result))
    return 0


def cmd_send(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import items

    actor = ctx.require("postal")
    result = items.send(
        ctx.db,
        args.code,
        items.ItemRequest(args.item, args.free),
        fee=args.fee,
        payer=args.payer,
        at=_moment(args.at),
        label_size=args.label,
        address=args.address,
        actor=actor,
    )
    ctx.out(result, lambda: _item_text(result))
    return 0


def cmd_transfer(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import items

    actor = ctx.require("postal")
    result = items.transfer(
        ctx.db,
        args.code,
        items.ItemRequest(args.item, args.free),
        direction=args.direction,
        fee=args.fee,
        at=_moment(args.at),
        to_whom=args.to_whom,
        actor=actor,
    )
    ctx.out(result, lambda: _item_text(result))
    return 0


def cmd_delivered(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import items

    actor = ctx.require("postal")
    result = items.delivered(ctx.db, args.item, at=_moment(args.at), actor=actor)
    ctx.out(
        result, lambda: f"{result['number']}: delivered {result['delivered_at']}, {result['code']} returned"
    )
    return 0


def cmd_undeliverable(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import items

    actor = ctx.require("postal")
    result = items.undeliverable(ctx.db, args.item, reason=args.reason, at=_moment(args.at), actor=actor)
    ctx.out(result, lambda: f"{result['number']}: undeliverable; {result['code']} is ready to send again")
    return 0


def cmd_label(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.fsutil import write_atomic
    from desk_app.services.postal import documents

    actor = ctx.require("postal")
    body, detail = documents.label(ctx.db, args.code, size=args.size, actor=actor)
    write_atomic(args.out, body)
    ctx.out({**detail, "out": str(args.out), "bytes": len(body)}, str(args.out))
    return 0


def cmd_manifest(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.fsutil import write_atomic
    from desk_app.services.postal import documents

    actor = ctx.require("postal")
    body, data = documents.manifest_pdf(
        ctx.db, _day(args.date, "date"), direction=args.direction, number=args.number, actor=actor
    )
    write_atomic(args.out, body)
    ctx.out(
        {**data, "out": str(args.out), "bytes": len(body)},
        lambda: f"{data['number']}: {data['count']} item(s), {data['total_fee']} đ → {args.out}",
    )
    return 0


def cmd_statement(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain.postal import parse_month
    from desk_app.fsutil import write_atomic
    from desk_app.services.postal import documents

    actor = ctx.require("postal")
    body, data = documents.statement_file(ctx.db, parse_month(args.period), args.format, actor=actor)
    write_atomic(args.out, body)
    total = data["totals"]["total"]
    ctx.out(
        {**data, "out": str(args.out), "bytes": len(body)},
        lambda: f"{data['period']}: {total['count']} item(s), {total['fees']} đ → {args.out}",
    )
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import items

    ctx.require("view")
    if args.state == "to-send":
        rows = items.to_send(ctx.db)
        ctx.out(rows, lambda: "\n".join(f"{r['code']}  {r['applicant']}  {r['address']}" for r in rows))
        return 0
    state = None if args.state == "all" else args.state
    found = items.list_items(ctx.db, state=state, code=args.code)
    ctx.out(found, lambda: "\n".join(_item_text(r) for r in found) or "(none)")
    return 0


def cmd_manifests(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import manifests

    ctx.require("view")
    rows = manifests.list_manifests(ctx.db)
    ctx.out(
        rows,
        lambda: (
            "\n".join(
                f"{r['number']}  {r['day']}  {r['direction']}  {r['count']}  {r['fees']} đ" for r in rows
            )
            or "(none)"
        ),
    )
    return 0


def cmd_tariff(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.postal import manifests
    from desk_app.store import settings

    if args.amount is None:
        ctx.require("view")
        with ctx.db.session() as session:
            data = {
                "postal_fee_per_item": settings.get(session, "postal_fee_per_item"),
                "postal_tariff_note": settings.get(session, "postal_tariff_note"),
            }
    else:
        actor = ctx.require("settings")
        data = manifests.set_tariff(ctx.db, args.amount, args.note, actor=actor)
    ctx.out(data, lambda: f"{data['postal_fee_per_item']} đ/item  {data['postal_tariff_note']}")
    return 0
