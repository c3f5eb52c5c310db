"""``desk-app calendar …`` and ``desk-app due-date``."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from desk_app.cli.context import Context, add_json
from desk_app.domain.errors import UserError


def register(sub: Any) -> None:
    p = sub.add_parser("calendar", help="working days: holidays and make-up days")
    csub = p.add_subparsers(dest="calendar_cmd", metavar="ACTION", required=True)
    lst = csub.add_parser("list", help="days off on weekdays and working weekend days of a year")
    lst.add_argument("--year", type=int, default=date.today().year)
    add_json(lst)
    lst.set_defaults(handler=cmd_list)
    for name, kind, helptext in (
        ("add-off", "off", "add a day off"),
        ("add-workday", "workday", "add a make-up working day"),
    ):
        a = csub.add_parser(name, help=helptext)
        a.add_argument("day", type=_day)
        a.add_argument("--note", required=True)
        a.add_argument("--legal-basis", default="")
        add_json(a)
        a.set_defaults(handler=cmd_add, kind=kind)
    rm = csub.add_parser("remove", help="remove a local change")
    rm.add_argument("day", type=_day)
    add_json(rm)
    rm.set_defaults(handler=cmd_remove)

    d = sub.add_parser("due-date", help="compute a due date")
    g = d.add_mutually_exclusive_group(required=True)
    g.add_argument("--procedure", help="procedure code")
    g.add_argument("--working-days", type=float)
    d.add_argument("--received", type=_moment, default=None, help='"YYYY-MM-DD HH:MM" (default: now)')
    add_json(d)
    d.set_defaults(handler=cmd_due)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _moment(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} is not a moment YYYY-MM-DD HH:MM")


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain import dates
    from desk_app.services.setup.calendar import load_calendar

    dates.check_year(args.year)
    rows = [
        {"day": d.isoformat(), "kind": k, "note": n}
        for d, k, n in load_calendar(ctx.db).days_in_year(args.year)
    ]
    ctx.out(rows, lambda: "\n".join(f"{r['day']} {r['kind']:<8} {r['note']}" for r in rows))
    return 0


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain.calendar import OverrideKind
    from desk_app.services.setup.calendar import set_override

    set_override(
        ctx.db, args.day, OverrideKind(args.kind), args.note, args.legal_basis, actor=ctx.require("calendar")
    )
    ctx.out({"day": args.day.isoformat(), "kind": args.kind, "note": args.note}, f"{args.day}: {args.kind}")
    return 0


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.setup.calendar import remove_override

    if not remove_override(ctx.db, args.day, actor=ctx.require("calendar")):
        raise UserError(
            f"No local change on {args.day}.",
            f"Ngày {args.day:%d/%m/%Y} không có thay đổi riêng của xã nên không có gì để xóa.",
        )
    ctx.out({"day": args.day.isoformat(), "removed": True}, f"{args.day}: removed")
    return 0


def cmd_due(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain import dates
    from desk_app.domain.calendar import DEFAULT_CUTOFF, TimeUnit
    from desk_app.services.setup import catalog
    from desk_app.services.setup.calendar import calendar_from_session

    received = args.received or datetime.now().replace(second=0, microsecond=0)
    dates.check_day(received.date(), "received")
    if not args.procedure:
        dates.check_working_days(args.working_days)
    with ctx.db.session() as session:
        cal = calendar_from_session(session)
        if args.procedure:
            proc = catalog.find_procedure(session, args.procedure)
            due = cal.due_at(received, proc.processing_value, proc.processing_unit, proc.cutoff_time)
        else:
            due = cal.due_at(received, args.working_days, TimeUnit.WORKING_DAYS, DEFAULT_CUTOFF)
    ctx.out(
        {"due_at": due.strftime("%Y-%m-%dT%H:%M"), "received_at": received.strftime("%Y-%m-%dT%H:%M")},
        due.strftime("%Y-%m-%d %H:%M"),
    )
    return 0
