"""``desk-app gui``: the only command that loads Qt."""

from __future__ import annotations

import argparse
from typing import Any

from desk_app.cli.context import Context


def register(sub: Any) -> None:
    p = sub.add_parser("gui", help="open the desktop app (the default)")
    p.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit once the main window has painted its first data; print the milliseconds",
    )
    p.add_argument(
        "--ready-at",
        choices=("page", "sign-in"),
        default="page",
        help="with --exit-when-ready: ready means the first page of data (the default) or the sign-in form "
        "painted (what a clerk sees first on a PC with accounts; nobody is signed in)",
    )
    p.set_defaults(handler=cmd_gui)


def cmd_gui(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.gui.app import run

    return run(ctx.data_dir, exit_when_ready=args.exit_when_ready, ready_at=args.ready_at)
