"""``desk-app init`` and ``desk-app demo``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from desk_app.cli.context import Context, add_json


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="set up the commune on this PC")
    p.add_argument("--agency-code", required=True, help="QCVN 102:2016 agency code, e.g. 001.05.12.H49")
    p.add_argument("--unit-name", required=True, help='e.g. "Ủy ban nhân dân xã Gio Sơn"')
    p.add_argument("--province", default="")
    p.add_argument("--address", default="")
    p.add_argument("--counter", type=int, default=1, help="this PC's counter number (1-9)")
    p.add_argument("--no-catalog", action="store_true", help="do not load the shipped procedure catalog")
    p.add_argument(
        "--admin-user",
        metavar="NAME",
        help="create the first admin account (password from DESK_APP_PASSWORD, else asked)",
    )
    add_json(p)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="fill an empty data directory with a demo commune and dossiers")
    p.add_argument("--dossiers", type=int, default=400)
    p.add_argument("--seed", type=int, default=7)
    add_json(p)
    p.set_defaults(handler=cmd_demo)


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.cli.trust import first_admin
    from desk_app.services.setup import catalog
    from desk_app.services.setup import unit as setup

    admin = first_admin(ctx, args.admin_user) if args.admin_user else None
    info = setup.init_unit(
        ctx.db,
        args.agency_code,
        args.unit_name,
        province=args.province,
        address=args.address,
        counter=args.counter,
        actor=admin.username if admin else ctx.require("settings"),
    )
    if admin is not None:
        admin.create()
    loaded = None
    if not args.no_catalog and not catalog.list_procedures(ctx.db):
        loaded = catalog.import_seed(ctx.db).added
    data = {**asdict(info), "catalog_loaded": loaded, "data_dir": str(ctx.data_dir)}
    ctx.out(data, f"Unit {info.name} ({info.agency_code}), counter {info.counter}, data in {ctx.data_dir}")
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.demo import commune as demo

    summary = demo.build_demo(ctx.db, dossiers=args.dossiers, seed=args.seed)
    ctx.out(summary, lambda: f"Demo commune ready in {ctx.data_dir}: {summary['dossiers']} dossiers")
    return 0
