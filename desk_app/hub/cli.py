"""``desk-hub``: the hub's command line (no Qt, no desk store).

desk-hub [--db URL] init | serve [--host H] [--port P] [--certfile F --keyfile F]
         | unit add CODE --name NAME | unit list | unit revoke CODE | import FILE
         | report --period P [--json] | period close|open P | staff add USER
         | target set YEAR INDICATOR VALUE | target list [--year YEAR]
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from typing import Any

from desk_app import __version__
from desk_app.hub import config as hub_config
from desk_app.hub.db import HEAD, HubDatabase, current_revision, upgrade
from desk_app.hub.errors import HubError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        print(f"{self.prog}: error: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str) if args.json else text)


def _open(args: argparse.Namespace) -> HubDatabase:
    """The database, created or upgraded first when it is not at the newest revision."""
    db = HubDatabase(hub_config.db_url(args.db))
    if current_revision(db.engine) != HEAD:
        upgrade(db.engine)
    return db


def cmd_init(args: argparse.Namespace) -> int:
    db = _open(args)
    db.close()
    _out(args, {"db": db.engine.url.render_as_string(hide_password=True), "ok": True}, "hub database ready")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from desk_app.hub.app import create_app

    if bool(args.certfile) != bool(args.keyfile):
        raise HubError(400, "--certfile and --keyfile go together")
    db = _open(args)
    cfg = hub_config.load(args.db)
    if args.certfile:
        cfg = hub_config.HubConfig(**{**cfg.__dict__, "secure_cookies": True})
    common: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "ssl_certfile": args.certfile,
        "ssl_keyfile": args.keyfile,
        "proxy_headers": True,
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        "log_level": os.environ.get("DESK_HUB_LOG", "info").lower(),
    }
    if args.workers > 1:  # stateless worker processes sharing the database
        db.close()
        os.environ[hub_config.ENV_DB] = cfg.db_url
        if args.certfile:
            os.environ["DESK_HUB_SECURE_COOKIES"] = "1"
        uvicorn.run("desk_app.hub.asgi:app_factory", factory=True, workers=args.workers, **common)
    else:
        uvicorn.run(create_app(cfg, db), **common)
    return 0


def cmd_unit_add(args: argparse.Namespace) -> int:
    from desk_app.hub.units import add_unit

    db = _open(args)
    with db.transaction() as s:
        token = add_unit(s, args.code, args.name)
    _out(
        args, {"code": args.code, "token": token}, f"unit {args.code} registered; token (shown once): {token}"
    )
    return 0


def cmd_unit_list(args: argparse.Namespace) -> int:
    from desk_app.hub.units import list_units

    db = _open(args)
    with db.session() as s:
        units = list_units(s)
    _out(
        args,
        units,
        "\n".join(
            f"{u['code']}\t{u['name']}\t{'revoked' if u['revoked'] else 'active'}\t{u['last_sync'] or '-'}"
            for u in units
        )
        or "(no units)",
    )
    return 0


def cmd_unit_revoke(args: argparse.Namespace) -> int:
    from desk_app.hub.units import revoke_unit

    db = _open(args)
    with db.transaction() as s:
        revoke_unit(s, args.code)
    _out(args, {"code": args.code, "revoked": True}, f"unit {args.code}: token revoked")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desk_app.hub.offline import import_file

    db = _open(args)
    with open(args.file, "rb") as fh:
        raw = fh.read(64 * 1024 * 1024 + 1)
    summary = import_file(db, raw)
    _out(
        args,
        summary,
        f"imported {summary['imported']}, updated {summary['updated']}, ignored {summary['ignored']}, "
        f"deleted {summary['deleted']} (unit {summary['unit']}, file #{summary['sequence']})"
        + "".join(f"\n  not imported: {c['period']}: {c['reason']}" for c in summary["conflicts"]),
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from desk_app.hub.reporting import report

    db = _open(args)
    with db.session() as s:
        data = report(s, args.period)

    def text() -> str:
        lines = [f"Period {data['period']['code']}: {data['period']['from']} .. {data['period']['to']}"]
        for u in data["units"]:
            got = u["ii06a"]
            rec = got.get("received", {}).get("total", 0) if got else "-"
            lines.append(f"  {u['code']}\t{u['name']}\treceived {rec}\tlast sync {u['last_sync'] or '-'}")
        return "\n".join(lines)

    _out(args, data, text())
    return 0


def cmd_period_close(args: argparse.Namespace) -> int:
    from desk_app.hub.reporting import period_or_400
    from desk_app.hub.units import close_period

    code = period_or_400(args.period).code
    db = _open(args)
    with db.transaction() as s:
        fresh = close_period(s, code, by=os.environ.get("USER", "admin"))
    _out(args, {"period": code, "closed": True}, f"period {code} closed" + ("" if fresh else " (already)"))
    return 0


def cmd_period_open(args: argparse.Namespace) -> int:
    from desk_app.hub.reporting import period_or_400
    from desk_app.hub.units import open_period

    code = period_or_400(args.period).code
    db = _open(args)
    with db.transaction() as s:
        was_closed = open_period(s, code, by=os.environ.get("USER", "admin"))
    _out(
        args,
        {"period": code, "closed": False},
        f"period {code} reopened" if was_closed else f"period {code} was not closed",
    )
    return 0


def cmd_target_set(args: argparse.Namespace) -> int:
    from desk_app.hub import targets

    year = targets.check_year(args.year)
    indicator = targets.check_indicator(args.indicator)
    ratio = targets.parse_percent(args.value)
    db = _open(args)
    with db.transaction() as s:
        changed = targets.set_target(s, year, indicator, ratio, by=os.environ.get("USER", "admin"))
    shown = "no target" if ratio is None else f"{targets.percent_text(ratio)}%"
    _out(
        args,
        {"year": year, "indicator": indicator, "value": ratio, "changed": changed},
        f"{year} {indicator} = {shown}" + ("" if changed else " (unchanged)"),
    )
    return 0


def cmd_target_list(args: argparse.Namespace) -> int:
    from desk_app.hub import targets
    from desk_app.hub.units import now

    year = targets.check_year(args.year if args.year is not None else now().year)
    db = _open(args)
    with db.session() as s:
        rows = targets.year_targets(s, year)
    _out(
        args,
        [t.to_dict(year) for t in rows],
        "\n".join(
            f"{year}  {t.indicator:<24} "
            + (f"{targets.percent_text(t.ratio):>6}%" if t.ratio is not None else "   none")
            + f"  {t.source:<7}  {t.label}"
            for t in rows
        ),
    )
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    from desk_app.hub.units import add_staff

    password = os.environ.get("DESK_HUB_PASSWORD") or getpass.getpass("Password: ")
    db = _open(args)
    with db.transaction() as s:
        add_staff(s, args.username, password)
    _out(args, {"username": args.username}, f"staff account {args.username} saved")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="desk-hub", description="The upper level's hub for desk-app communes.")
    p.add_argument("--version", action="version", version=f"desk-hub {__version__}")
    p.add_argument("--db", help=f"database URL (default: ${hub_config.ENV_DB} or {hub_config.DEFAULT_DB})")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def cmd(parent: Any, name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        sp: argparse.ArgumentParser = parent.add_parser(name, help=help_text)
        sp.add_argument("--json", action="store_true", help="print JSON")
        sp.set_defaults(handler=handler)
        return sp

    cmd(sub, "init", cmd_init, "create or upgrade the database")
    s = cmd(sub, "serve", cmd_serve, "run the server")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument(
        "--certfile", help="TLS certificate (PEM); else serve plain HTTP behind a TLS reverse proxy"
    )
    s.add_argument("--keyfile", help="TLS private key (PEM)")
    s.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL; SQLite: keep 1)")
    unit = sub.add_parser("unit", help="register, list, revoke reporting units")
    usub = unit.add_subparsers(dest="unit_command", metavar="ACTION", required=True)
    a = cmd(usub, "add", cmd_unit_add, "register a unit and print its token once")
    a.add_argument("code")
    a.add_argument("--name", required=True)
    cmd(usub, "list", cmd_unit_list, "list units")
    r = cmd(usub, "revoke", cmd_unit_revoke, "revoke a unit's token")
    r.add_argument("code")
    i = cmd(sub, "import", cmd_import, "apply a signed offline file (desk-app sync export)")
    i.add_argument("file")
    rp = cmd(sub, "report", cmd_report, "the aggregated II.06a report of a period")
    rp.add_argument("--period", required=True)
    per = sub.add_parser("period", help="close or reopen a period")
    psub = per.add_subparsers(dest="period_command", metavar="ACTION", required=True)
    c = cmd(psub, "close", cmd_period_close, "close a period: later uploads for it answer 409")
    c.add_argument("period")
    o = cmd(psub, "open", cmd_period_open, "reopen a closed period: the units' corrections are taken again")
    o.add_argument("period")
    tg = sub.add_parser("target", help="yearly targets of the dashboard's ratios")
    tsub = tg.add_subparsers(dest="target_command", metavar="ACTION", required=True)
    ts = cmd(tsub, "set", cmd_target_set, "set a year's target, e.g. 2026 resolved.on_time_ratio 90")
    ts.add_argument("year", type=int)
    ts.add_argument("indicator", help="resolved.on_time_ratio | received.online_ratio")
    ts.add_argument("value", help='percent: 90, "60,5" or 60.5; "none" for no target')
    tl = cmd(tsub, "list", cmd_target_list, "the targets that apply in a year (default: this year)")
    tl.add_argument("--year", type=int, default=None)
    staff = sub.add_parser("staff", help="dashboard accounts")
    ssub = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    sa = cmd(
        ssub, "add", cmd_staff_add, "add a staff account or set its password ($DESK_HUB_PASSWORD or prompt)"
    )
    sa.add_argument("username")
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("DESK_HUB_LOG", "WARNING").upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        build_parser().print_help()
        return 2
    try:
        return int(handler(args))
    except HubError as exc:
        print(f"desk-hub: error: {exc.reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            print(f"desk-hub: error: database unavailable: {str(exc.orig).splitlines()[0]}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    raise SystemExit(main())
