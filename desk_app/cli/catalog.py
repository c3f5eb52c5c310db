"""``desk-app catalog import|list``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json


def register(sub: Any) -> None:
    p = sub.add_parser("catalog", help="the procedure catalog")
    csub = p.add_subparsers(dest="catalog_cmd", metavar="ACTION", required=True)
    imp = csub.add_parser("import", help="load a province's published list (CSV, XLSX or JSON)")
    imp.add_argument("file", type=Path)
    add_json(imp)
    imp.set_defaults(handler=cmd_import)
    lst = csub.add_parser("list", help="list current procedures")
    lst.add_argument("--all-versions", action="store_true")
    add_json(lst)
    lst.set_defaults(handler=cmd_list)


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain.errors import UserError
    from desk_app.services.setup import catalog

    try:
        exists = args.file.is_file()
    except OSError:  # e.g. a name longer than the file system allows
        exists = False
    if not exists:
        raise UserError(f"{args.file} does not exist.", "Không tìm thấy tệp danh mục.")
    report = catalog.import_file(ctx.db, args.file, actor=ctx.require("catalog"))
    data = {
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "errors": [{"line": line, "reason": reason} for line, reason in report.errors],
    }

    def text() -> str:
        lines = [
            f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
            f"rejected {len(report.errors)}"
        ]
        lines += [f"line {line}: {reason}" for line, reason in report.errors]
        return "\n".join(lines)

    ctx.out(data, text)
    return 1 if report.errors else 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.setup import catalog

    rows = catalog.list_procedures(ctx.db, include_old=args.all_versions)

    def text() -> str:
        return "\n".join(
            f"{r['code']:<12} {r['name'][:70]:<70} {r['processing_time']['value']:g} {r['processing_time']['unit']}"
            for r in rows
        )

    ctx.out(rows, text)
    return 0
