"""``desk-app report …`` (II.06a, the counter's report, quality indicators, the weekly one-pager) and
``desk-app targets set|list`` (the yearly targets)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="report figures for a period (JSON, XLSX or PDF)")
    p.add_argument("--kind", required=True, choices=["ii06a", "counter", "quality", "weekly"])
    p.add_argument(
        "--period",
        required=True,
        help="2026-W38, 2026-09, 2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-07-01..2026-09-30",
    )
    p.add_argument("--by", default="unit", choices=["unit", "field", "procedure", "officer"])
    p.add_argument(
        "--calendar-periods",
        action="store_true",
        default=None,
        help="calendar months/quarters/years instead of the 15th-to-14th reporting windows",
    )
    p.add_argument("--format", default="json", choices=["json", "xlsx", "pdf"])
    p.add_argument("--out", help="file to write (default: JSON to standard output)")
    p.add_argument("--prepared-by", default="", help="name printed under 'Người lập biểu'")
    add_json(p)
    p.set_defaults(handler=cmd_report)

    t = sub.add_parser("targets", help="yearly targets of the report ratios")
    tsub = t.add_subparsers(dest="targets_cmd", metavar="ACTION", required=True)
    s = tsub.add_parser(
        "set", help="set a target, e.g. --year 2026 --indicator full_online_share --value 60%%"
    )
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--indicator", required=True)
    s.add_argument("--value", required=True, help="60%%, 60 or 0.6")
    s.add_argument("--note", default="")
    add_json(s)
    s.set_defaults(handler=cmd_targets_set)
    ls = tsub.add_parser("list", help="list targets")
    ls.add_argument("--year", type=int, default=None)
    add_json(ls)
    ls.set_defaults(handler=cmd_targets_list)


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain.errors import UserError
    from desk_app.domain.periods import parse_period
    from desk_app.services.reports import export
    from desk_app.services.reports.report import build_report
    from desk_app.services.reports.settings import calendar_periods

    ctx.require("report")
    calendar = args.calendar_periods if args.calendar_periods is not None else calendar_periods(ctx.db)
    period = parse_period(args.period, calendar_periods=calendar)
    report = build_report(ctx.db, args.kind, period, args.by)
    if args.format != "json" and not args.out:
        raise UserError(
            f"--format {args.format} writes a file: give --out FILE.",
            "Cần chọn tệp để ghi báo cáo.",
        )
    if not args.out:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return 0
    path = export.write(report, Path(args.out), args.format, prepared_by=args.prepared_by)
    ctx.out({"written": str(path), "format": args.format}, f"Đã ghi {path}")
    return 0


def cmd_targets_set(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.reports.targets import parse_value, set_target

    actor = ctx.require("settings")
    target = set_target(ctx.db, args.year, args.indicator, parse_value(args.value), args.note, actor=actor)
    ctx.out(target.to_dict(), f"{target.year} {target.indicator} = {target.value:.0%}")
    return 0


def cmd_targets_list(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.reports.targets import list_targets

    ctx.require("report")
    targets = list_targets(ctx.db, args.year)
    ctx.out(
        [t.to_dict() for t in targets],
        lambda: (
            "\n".join(f"{t.year}  {t.indicator:<24} {t.value:>7.1%}  {t.label}" for t in targets)
            or "(no targets)"
        ),
    )
    return 0
