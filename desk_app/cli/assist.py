"""Citizen help commands: ``assist`` (the help log), ``guide`` and ``listing`` (printed help), ``feedback``.

``desk-app assist add FILE.json`` takes one object or a list (see README "Helping citizens online"); each entry
is its own transaction, bad entries are reported and the rest go in. ``assist list`` never prints a full ID.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json, load_json_entries
from desk_app.domain.errors import UserError


def register(sub: Any) -> None:
    p = sub.add_parser("assist", help="the log of help given to citizens (VNeID, portal, online filing)")
    asub = p.add_subparsers(dest="assist_command", metavar="SUBCOMMAND", required=True)
    a = asub.add_parser("add", help="record helps from a JSON file (one object or a list)")
    a.add_argument("file", type=Path)
    add_json(a)
    a.set_defaults(handler=cmd_add)
    lst = asub.add_parser("list", help="the helps of a period (masked ID numbers only)")
    lst.add_argument("--period", required=True, help="2026-03, 2026-Q1, 2026, 2026-03-02, FROM..TO or today")
    lst.add_argument("--kind", help="only this kind of help")
    add_json(lst)
    lst.set_defaults(handler=cmd_list)
    c = asub.add_parser("counts", help="helps of a period by kind, outcome and officer; feedback counts")
    c.add_argument("--period", required=True)
    add_json(c)
    c.set_defaults(handler=cmd_counts)
    u = asub.add_parser("urls", help="show or set the QR addresses of the guide sheets (per province)")
    u.add_argument("--set", action="append", default=[], metavar="KEY=URL", help="vneid, portal, payment, …")
    add_json(u)
    u.set_defaults(handler=cmd_urls)

    g = sub.add_parser("guide", help="print a guide sheet for citizens to a PDF file")
    g.add_argument("--kind", required=True, choices=("vneid", "portal", "payment", "lookup", "procedure"))
    g.add_argument("--procedure", help="the procedure code (with --kind procedure)")
    g.add_argument("--out", type=Path, required=True)
    add_json(g)
    g.set_defaults(handler=cmd_guide)

    li = sub.add_parser(
        "listing", help="print the public listing of procedures (bảng niêm yết) to a PDF file"
    )
    li.add_argument("--out", type=Path, required=True)
    li.add_argument("--size", choices=("A4", "A3"), default="A4", help="poster size (landscape)")
    li.add_argument("--booklet", action="store_true", help="an A4 booklet with a table of contents")
    li.add_argument("--online-only", action="store_true", help="only the list of online-only procedures")
    add_json(li)
    li.set_defaults(handler=cmd_listing)

    f = sub.add_parser("feedback", help="feedback on administrative rules (phản ánh, kiến nghị)")
    fsub = f.add_subparsers(dest="feedback_command", metavar="SUBCOMMAND", required=True)
    fa = fsub.add_parser("add", help="record feedback from a JSON file (one object or a list)")
    fa.add_argument("file", type=Path)
    add_json(fa)
    fa.set_defaults(handler=cmd_feedback_add)
    fl = fsub.add_parser("list", help="list feedback, newest first")
    fl.add_argument("--open", action="store_true", help="only feedback not answered yet")
    fl.add_argument("--overdue", action="store_true", help="only open feedback past its time limit")
    add_json(fl)
    fl.set_defaults(handler=cmd_feedback_list)
    ff = fsub.add_parser("forward", help="classify and forward a feedback")
    ff.add_argument("id", type=int)
    ff.add_argument("--to", required=True, help="the office that handles it")
    ff.add_argument("--category", help="rule_content, implementation, proposal, other")
    add_json(ff)
    ff.set_defaults(handler=cmd_feedback_forward)
    fw = fsub.add_parser("answer", help="record the answer given to a feedback")
    fw.add_argument("id", type=int)
    fw.add_argument("--text", required=True)
    fw.add_argument("--at", help="when it was answered (YYYY-MM-DDTHH:MM; default now)")
    add_json(fw)
    fw.set_defaults(handler=cmd_feedback_answer)


def _load(path: Path) -> list[Any]:
    return load_json_entries(path, item="help")


def _period(text: str) -> tuple[Any, Any]:
    from desk_app.domain.assist import parse_period

    try:
        return parse_period(text)
    except ValueError as exc:
        raise UserError(str(exc), "Kỳ không hợp lệ (ví dụ 2026-03, 2026-Q1, 2026).") from None


def _error_item(exc: UserError) -> dict[str, Any]:
    item: dict[str, Any] = {"error": exc.message}
    field = getattr(exc, "field", None)
    if field:
        item["field"] = field
    return item


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.assist.helps import input_from_json, log_help

    actor = ctx.require("helplog")
    results: list[dict[str, Any]] = []
    for entry in _load(args.file):
        try:
            res = log_help(ctx.db, input_from_json(entry), actor=actor)
        except UserError as exc:
            results.append(_error_item(exc))
            continue
        results.append(
            {
                "id": res.id,
                "at": res.at.strftime("%Y-%m-%dT%H:%M"),
                "kind": res.kind,
                "outcome": res.outcome,
                "id_number": res.id_masked,
                "dossier_code": res.dossier_code or None,
                "repeat_visits": res.repeat_visits,
                "created": res.created,
            }
        )

    def text() -> str:
        lines = []
        for i, r in enumerate(results, start=1):
            if "error" in r:
                lines.append(f"#{i}: error: {r['error']}")
            else:
                extra = f"  dossier {r['dossier_code']}" if r["dossier_code"] else ""
                lines.append(
                    f"help #{r['id']}  {r['at'].replace('T', ' ')}  {r['kind']}  {r['outcome']}{extra}"
                )
        return "\n".join(lines)

    ctx.out(results, text)
    return 1 if any("error" in r for r in results) else 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.assist.helps import list_helps

    ctx.require("view")
    start, end = _period(args.period)
    rows = list_helps(ctx.db, start, end, kind=args.kind)

    def text() -> str:
        if not rows:
            return "no help recorded in this period"
        return "\n".join(
            f"{r['at'].replace('T', ' ')}  {r['kind']:<16} {r['outcome']:<8} {r['id_number'] or '-':<12} "
            f"{r['full_name']}  {r['staff']}"
            for r in rows
        )

    ctx.out(rows, text)
    return 0


def cmd_counts(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.assist.counts import feedback_counts, help_counts

    ctx.require("view")
    start, end = _period(args.period)
    with ctx.db.session() as s:
        data = help_counts(s, start, end).as_dict()
        data["feedback"] = feedback_counts(s, start, end)

    def text() -> str:
        lines = [f"{start:%d/%m/%Y} – {end:%d/%m/%Y}: {data['total']} helps, {data['people']} people"]
        for key in ("by_kind", "by_outcome", "by_staff", "by_reason"):
            if data[key]:
                lines.append(f"  {key[3:]}: " + ", ".join(f"{k} {n}" for k, n in sorted(data[key].items())))
        lines.append(f"  online dossiers filed with help: {data['online_dossiers']}")
        fb = data["feedback"]
        lines.append(
            f"  feedback: {fb['received']} received, {fb['answered']} answered, {fb['overdue']} overdue"
        )
        return "\n".join(lines)

    ctx.out(data, text)
    return 0


def cmd_urls(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.assist.guides import guide_urls, set_guide_urls

    if args.set:
        actor = ctx.require("settings")
        changes = {}
        for item in args.set:
            key, sep, url = item.partition("=")
            if not sep:
                raise UserError(f"--set {item!r}: use KEY=URL", "Cú pháp: TÊN=ĐỊA_CHỈ.")
            changes[key.strip()] = url.strip()
        urls = set_guide_urls(ctx.db, changes, actor=actor)
    else:
        ctx.require("view")
        with ctx.db.session() as s:
            urls = guide_urls(s)
    ctx.out(urls, lambda: "\n".join(f"{k:<10} {v}" for k, v in urls.items()))
    return 0


def cmd_guide(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.fsutil import write_atomic
    from desk_app.printing.guides import render_guide
    from desk_app.services.assist.guides import guide_sheet

    ctx.require("view")
    if args.kind == "procedure" and not args.procedure:
        raise UserError("--kind procedure needs --procedure CODE", "Cần chọn thủ tục.")
    pdf = render_guide(guide_sheet(ctx.db, args.kind, args.procedure))
    write_atomic(args.out, pdf)
    ctx.out(
        {"kind": args.kind, "procedure": args.procedure, "out": str(args.out), "bytes": len(pdf)},
        str(args.out),
    )
    return 0


def cmd_listing(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.fsutil import write_atomic
    from desk_app.printing.guides import render_listing
    from desk_app.services.assist.guides import listing

    ctx.require("view")
    data = listing(ctx.db)
    pdf = render_listing(data, size=args.size, booklet=args.booklet, online_only=args.online_only)
    write_atomic(args.out, pdf)
    ctx.out(
        {
            "out": str(args.out),
            "bytes": len(pdf),
            "procedures": len(data.entries),
            "online_only": sum(1 for e in data.entries if e.online_only),
            "catalog_version": data.catalog_version,
        },
        str(args.out),
    )
    return 0


def cmd_feedback_add(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.assist.feedback import add_feedback, input_from_json

    actor = ctx.require("helplog")
    results: list[dict[str, Any]] = []
    for entry in _load(args.file):
        try:
            results.append(add_feedback(ctx.db, input_from_json(entry), actor=actor))
        except UserError as exc:
            results.append(_error_item(exc))

    def text() -> str:
        return "\n".join(
            f"#{i}: error: {r['error']}" if "error" in r else f"feedback {r['id']}  answer due {r['due_on']}"
            for i, r in enumerate(results, start=1)
        )

    ctx.out(results, text)
    return 1 if any("error" in r for r in results) else 0


def _feedback_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no feedback"
    return "\n".join(
        f"{r['id']:>4}  {r['received_at'].replace('T', ' ')}  {r['status']:<9} due {r['due_on']}"
        f"{'  OVERDUE' if r['overdue'] else ''}  {r['sender_name']}: {r['content'][:60]}"
        for r in rows
    )


def cmd_feedback_list(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.assist.feedback import list_feedback

    ctx.require("view")
    rows = list_feedback(ctx.db, open_only=args.open, overdue_only=args.overdue)
    ctx.out(rows, lambda: _feedback_text(rows))
    return 0


def cmd_feedback_forward(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.assist.feedback import forward_feedback

    actor = ctx.require("helplog")
    row = forward_feedback(ctx.db, args.id, args.to, category=args.category or "", actor=actor)
    ctx.out(row, lambda: _feedback_text([row]))
    return 0


def cmd_feedback_answer(args: argparse.Namespace, ctx: Context) -> int:
    from datetime import datetime

    from desk_app.services.assist.feedback import answer_feedback

    actor = ctx.require("helplog")
    try:
        at = datetime.fromisoformat(args.at) if args.at else None
    except ValueError:
        raise UserError(f"--at {args.at!r} is not YYYY-MM-DDTHH:MM", "Thời gian không hợp lệ.") from None
    row = answer_feedback(ctx.db, args.id, args.text, at=at, actor=actor)
    ctx.out(row, lambda: _feedback_text([row]))
    return 0
