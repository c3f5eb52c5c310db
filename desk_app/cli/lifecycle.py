"""``desk-app act|show|find|form|book|queues|reindex|audit verify``: a dossier's life from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json
from desk_app.domain.errors import ValidationError

RATINGS = ("satisfied", "neutral", "dissatisfied")


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise ValidationError(
        f"{text!r} is not a time (YYYY-MM-DD HH:MM).", "Thời gian phải có dạng YYYY-MM-DD HH:MM.", field="at"
    )


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"--{name} {text!r} is not a date (YYYY-MM-DD).", "Ngày phải có dạng YYYY-MM-DD.", field=name
        ) from None


def _new_due(text: str | None) -> date | datetime | None:
    if not text:
        return None
    moment = _moment(text)
    return moment.date() if moment and len(text.strip()) == 10 else moment


def register(sub: Any) -> None:
    p = sub.add_parser(
        "act", help="move a dossier: forward, request-supplement, extend, result-ready, return …"
    )
    p.add_argument("code")
    p.add_argument(
        "action",
        help="forward, request-supplement, supplement-received, request-payment, "
        "payment-received, extend, refuse, withdraw, stop, result-ready, return",
    )
    p.add_argument("--at", help='when it happened, "YYYY-MM-DD HH:MM" (default: now)')
    p.add_argument("--reason", default="")
    p.add_argument("--to", dest="to_whom", default="", help="who receives the dossier (forward)")
    p.add_argument("--item", action="append", default=[], help="what to supplement (repeatable)")
    p.add_argument("--new-due", help="the new due date of an extension (YYYY-MM-DD [HH:MM])")
    p.add_argument("--receiver", help="who collected the result (default: the applicant)")
    p.add_argument("--receiver-id", default="", help="the receiver's ID number")
    p.add_argument(
        "--relation", choices=("self", "authorised"), help="the receiver's relation to the applicant"
    )
    p.add_argument("--channel", choices=("counter", "postal", "online"), help="how the result was returned")
    p.add_argument("--rating", choices=RATINGS)
    p.add_argument(
        "--e-result", action=argparse.BooleanOptionalAction, default=None, help="an electronic result exists"
    )
    add_json(p)
    p.set_defaults(handler=cmd_act)

    p = sub.add_parser("show", help="one dossier with its state, due dates and history")
    p.add_argument("code")
    add_json(p)
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("find", help="search dossiers by name, ID, phone, code or procedure")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)
    add_json(p)
    p.set_defaults(handler=cmd_find)

    p = sub.add_parser("form", help="print a lifecycle form of a dossier to PDF")
    p.add_argument("code")
    p.add_argument("--form", required=True, choices=("supplement", "refusal", "apology", "stop", "control"))
    p.add_argument("--out", required=True, type=Path)
    p.add_argument(
        "--reprint", action="store_true", help="mark as a reprint even if this is the first print here"
    )
    add_json(p)
    p.set_defaults(handler=cmd_form)

    p = sub.add_parser("book", help="print the dossier tracking book (Sổ theo dõi hồ sơ) of a date range")
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("--out", required=True, type=Path)
    add_json(p)
    p.set_defaults(handler=cmd_book)

    p = sub.add_parser("queues", help="the work queues: due today, due soon, overdue, …")
    p.add_argument("--list", dest="queue", help="list the dossiers of one queue")
    p.add_argument("--at", help='cut the queues at this moment (default: now), "YYYY-MM-DD HH:MM"')
    p.add_argument("--warnings", action="store_true", help="dossiers due soon without a result")
    add_json(p)
    p.set_defaults(handler=cmd_queues)

    p = sub.add_parser("reindex", help="rebuild the search index")
    add_json(p)
    p.set_defaults(handler=cmd_reindex)

    p = sub.add_parser("audit", help="the tamper-evident audit trail")
    asub = p.add_subparsers(dest="audit_cmd", metavar="ACTION", required=True)
    v = asub.add_parser("verify", help="recompute the hash chain; name the first bad event")
    add_json(v)
    v.set_defaults(handler=cmd_audit_verify)


def cmd_act(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain.states import ACTION_PERMISSION, parse_action
    from desk_app.services.lifecycle.moves import act

    action = parse_action(args.action)
    actor = ctx.require(ACTION_PERMISSION[action])
    receiver = None
    if args.receiver or args.receiver_id or args.relation:
        receiver = {
            "name": args.receiver or "",
            "id_number": args.receiver_id,
            "relation": args.relation or "",
        }
    result = act(
        ctx.db,
        args.code,
        action,
        at=_moment(args.at),
        reason=args.reason,
        to_whom=args.to_whom,
        new_due=_new_due(args.new_due),
        receiver=receiver,
        rating=args.rating,
        e_result=args.e_result,
        channel=args.channel,
        items=args.item,
        actor=actor,
    )
    ctx.out(
        result, lambda: f"{result['code']}: {result['state_before']} → {result['state']} ({result['at']})"
    )
    return 0


def _show_text(d: dict[str, Any]) -> str:
    lines = [
        f"{d['code']}  {d['state_label']} ({d['state']})",
        f"{d['applicant']['full_name']} — {d['procedure']['name']}",
        f"received {d['received_at']}, due {d['due_at']}"
        + (f", extended to {d['extended_due_at']}" if d["extended_due_at"] else ""),
    ]
    if d.get("register"):
        lines.append(f"tracking book: volume {d['register']['volume']}, number {d['register']['seq']}")
    if d.get("letters"):
        lines.append("letters: " + ", ".join(f"{x['number']} ({x['form']})" for x in d["letters"]))
    lines += [
        f"  {h['at']}  {h['action']:<20} {h['state_after']:<22} {h['to_whom'] or h['reason']}"
        for h in d.get("history", [])
    ]
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.lifecycle.dossier_view import show

    ctx.require("view")
    data = show(ctx.db, args.code)
    ctx.out(data, lambda: _show_text(data))
    return 0


def cmd_find(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.lifecycle.dossier_view import find

    ctx.require("view")
    rows = find(ctx.db, args.text, limit=max(1, min(args.limit, 500)))
    ctx.out(
        rows,
        lambda: (
            "\n".join(
                f"{r['code'] or '-':<28} {r['state']:<22} {r['applicant']['full_name']:<28} {r['procedure']['name'][:50]}"
                for r in rows
            )
            or "(nothing found)"
        ),
    )
    return 0


def cmd_form(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.lifecycle import forms

    actor = ctx.require("view")
    pdf = forms.form_pdf(ctx.db, args.code, args.form, actor=actor, reprint=True if args.reprint else None)
    out = forms.write_atomic(args.out, pdf)
    ctx.out({"code": args.code, "form": args.form, "out": str(out), "bytes": len(pdf)}, f"wrote {out}")
    return 0


def cmd_book(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.lifecycle import forms

    actor = ctx.require("view")
    start, end = _day(args.date_from, "from"), _day(args.date_to, "to")
    pdf = forms.book_pdf(ctx.db, start, end, actor=actor)
    out = forms.write_atomic(args.out, pdf)
    ctx.out(
        {"from": start.isoformat(), "to": end.isoformat(), "out": str(out), "bytes": len(pdf)}, f"wrote {out}"
    )
    return 0


def cmd_queues(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.lifecycle import queues

    ctx.require("view")
    now = _moment(args.at)
    if args.warnings or args.queue:
        rows = queues.warnings(ctx.db, now) if args.warnings else queues.list_queue(ctx.db, args.queue, now)
        ctx.out(
            rows,
            lambda: (
                "\n".join(
                    f"{r['code']:<28} {r['deadline_at']}  {r['applicant']['full_name']:<28} {r['procedure']['name'][:40]}"
                    for r in rows
                )
                or "(empty)"
            ),
        )
        return 0
    counts = queues.counts(ctx.db, now)
    ctx.out(counts, lambda: "\n".join(f"{queues.QUEUE_LABEL_EN[k]:<26} {v}" for k, v in counts.items()))
    return 0


def cmd_reindex(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.lifecycle.search import rebuild_index

    actor = ctx.require("settings")
    n = rebuild_index(ctx.db, actor=actor)
    ctx.out({"dossiers": n}, f"search index rebuilt: {n} dossiers")
    return 0


def _unreadable_detail(session: Any) -> Any:
    import json

    from sqlalchemy import text

    from desk_app.store.audit import ChainReport

    rows = session.execute(text("SELECT id, detail FROM audit_events ORDER BY id"))
    for n, (event_id, detail) in enumerate(rows, start=1):
        try:
            if detail is not None:
                json.loads(detail)
        except ValueError:
            return ChainReport(False, n, event_id, f"event {event_id} was changed after it was written")
    raise RuntimeError("the audit chain could not be read")


def cmd_audit_verify(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.store import audit

    ctx.require("view")
    with ctx.db.session() as session:
        try:
            report = audit.verify(session)
        except ValueError:  # a detail edited into something that is not JSON: name that event
            report = _unreadable_detail(session)
    data = {
        "ok": report.ok,
        "checked": report.checked,
        "first_bad_id": report.first_bad_id,
        "problem": report.problem,
    }
    if report.ok:
        ctx.out(data, f"audit chain OK: {report.checked} events")
        return 0
    ctx.out(data, f"audit chain BROKEN at event {report.first_bad_id}: {report.problem}")
    print(
        f"desk-app: error: audit chain broken at event {report.first_bad_id}: {report.problem}",
        file=sys.stderr,
    )
    return 3
