"""``desk-app sync configure|now|status|export``: summaries to the upper level's hub."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json
from desk_app.domain.errors import UserError


def cmd_configure(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.sync.worker import configure

    ctx.require("settings")
    marked = configure(ctx.db, args.hub, args.token, args.ca, args.unit)
    ctx.out(
        {"hub": args.hub, "ca_file": args.ca, "marked": marked},
        f"hub set to {args.hub}" + (f"; {marked} periods queued for the first sync" if marked else ""),
    )
    return 0


def cmd_now(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.sync.worker import sync_now

    ctx.require("view")
    result = sync_now(ctx.db, force=True)
    if result["errors"] and not ctx.json:  # one clear line
        first = result["errors"][0]
        raise UserError(f"sync failed for {first['period']}: {first['reason']}", first["error"])
    closed = ", ".join(c["period"] for c in result["closed_now"])
    ctx.out(
        result,
        lambda: (
            f"sent {len(result['sent'])} period(s); {result['pending']} pending"
            + (f"; closed by the hub, not taken: {closed}" if closed else "")
        ),
    )
    return 1 if result["errors"] else 0


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.sync.worker import status

    ctx.require("view")
    data = status(ctx.db)

    def text() -> str:
        lines = [
            f"hub: {data['hub'] or '(not configured)'}",
            f"last success: {data['last_success'] or 'never'}",
            f"pending: {data['pending']} period(s), {data['dossiers_pending']} dossier record(s)",
        ]
        lines += [
            f"  {i['period']}\t{i['state']}\t{i['error']}" for i in data["items"] if i["state"] != "sent"
        ]
        return "\n".join(lines)

    ctx.out(data, text)
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.sync.offline import export_file

    ctx.require("view")
    result = export_file(ctx.db, args.out, everything=args.all)
    ctx.out(
        result, f"wrote {result['file']} (file #{result['sequence']}, {len(result['periods'])} period(s))"
    )
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="send summaries to the upper level's hub")
    s = p.add_subparsers(dest="sync_cmd", metavar="ACTION", required=True)
    c = s.add_parser("configure", help="set the hub's address and this unit's token (admin)")
    c.add_argument("--hub", required=True, help="e.g. https://hub.example.gov.vn")
    c.add_argument("--token", required=True, help="the token printed by `desk-hub unit add`")
    c.add_argument("--ca", help="a CA certificate file (PEM) for a province's own certificate")
    c.add_argument("--unit", help="this unit's code at the hub (default: the agency code)")
    add_json(c)
    c.set_defaults(handler=cmd_configure)
    n = s.add_parser("now", help="send what is waiting now")
    add_json(n)
    n.set_defaults(handler=cmd_now)
    st = s.add_parser("status", help="last success, what is waiting, errors")
    add_json(st)
    st.set_defaults(handler=cmd_status)
    e = s.add_parser("export", help="write a signed file for a USB stick (for `desk-hub import`)")
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--all", action="store_true", help="every period holding data, not only what is waiting")
    add_json(e)
    e.set_defaults(handler=cmd_export)
