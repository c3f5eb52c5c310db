"""``desk-app scan | attach | pages | reuse | inbox | files``: digitisation (số hóa) from the command line.

- ``scan devices [--json]``: the scanners (objects with at least ``name``);
- ``scan CODE --document N [--device NAME] [--pages K] [--dpi D] [--mode Color|Gray] [--source …]``;
- ``attach CODE (--document N | --result) FILE...``: exit 1 when a file was refused (it stored nothing);
- ``pages CODE (--document N | --result) [--pdf OUT] [--remove P --reason TEXT]``;
- ``reuse CODE --document N --kind document|result|none [--from CODE2 [--from-document M]] [--note TEXT]``;
- ``inbox [--json]``: take new files from the watched folder, route batches by barcode, list the inbox;
  ``inbox attach ID... --document N [--code CODE]``, ``inbox dismiss ID... --reason TEXT``;
- ``files verify``: exit 0 when every stored file is present and matches its hash; ``files sweep``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json


def register(sub: Any) -> None:
    p = sub.add_parser("scan", help="scan pages onto a dossier document, or list scanners")
    p.add_argument("target", metavar="CODE|devices", help="a dossier code, or 'devices' to list scanners")
    p.add_argument("--document", type=int, help="document number (1 = first in the dossier's list)")
    p.add_argument("--device", help="scanner name from `scan devices` (default: the first one)")
    p.add_argument("--pages", type=int, help="at most this many pages (default: until the feeder is empty)")
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--mode", choices=["Color", "Gray"], default="Color")
    p.add_argument("--source", choices=["auto", "flatbed", "feeder"], default="auto")
    add_json(p)
    p.set_defaults(handler=cmd_scan)

    a = sub.add_parser("attach", help="attach PDF/JPEG/PNG/TIFF files to a document or as the e-result")
    a.add_argument("code")
    where = a.add_mutually_exclusive_group(required=True)
    where.add_argument("--document", type=int)
    where.add_argument("--result", action="store_true", help="the files are the dossier's e-result")
    a.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_json(a)
    a.set_defaults(handler=cmd_attach)

    g = sub.add_parser("pages", help="list, export or remove the pages of a document")
    g.add_argument("code")
    where = g.add_mutually_exclusive_group(required=True)
    where.add_argument("--document", type=int)
    where.add_argument("--result", action="store_true")
    g.add_argument("--removed", action="store_true", help="also list removed pages")
    g.add_argument("--pdf", type=Path, metavar="OUT", help="write the document's PDF")
    g.add_argument("--remove", type=int, metavar="PAGE", help="remove this page (as numbered in the list)")
    g.add_argument("--reason", default="")
    add_json(g)
    g.set_defaults(handler=cmd_pages)

    r = sub.add_parser("reuse", help="mark a document as reused from another dossier or an earlier result")
    r.add_argument("code")
    r.add_argument("--document", type=int, required=True)
    r.add_argument("--kind", choices=["document", "result", "none"], required=True)
    r.add_argument("--from", dest="from_code", metavar="CODE")
    r.add_argument("--from-document", type=int)
    r.add_argument("--note", default="")
    add_json(r)
    r.set_defaults(handler=cmd_reuse)

    i = sub.add_parser("inbox", help="the watched scan folder: take new files, route them, list them")
    i.add_argument("action", nargs="?", choices=["list", "attach", "dismiss"], default="list")
    i.add_argument("ids", nargs="*", type=int, metavar="ID")
    i.add_argument("--folder", type=Path, help="process this folder instead of the watch_folder setting")
    i.add_argument("--settle", type=float, default=2.0, help="seconds a file must stay unchanged (default 2)")
    i.add_argument("--no-process", action="store_true", help="only list, do not look at the folder")
    i.add_argument("--all", action="store_true", help="also list attached and dismissed items")
    i.add_argument("--document", type=int)
    i.add_argument("--code")
    i.add_argument("--reason", default="")
    add_json(i)
    i.set_defaults(handler=cmd_inbox)

    f = sub.add_parser("files", help="check the stored files")
    fsub = f.add_subparsers(dest="files_cmd", metavar="ACTION", required=True)
    v = fsub.add_parser("verify", help="rehash every stored file")
    add_json(v)
    v.set_defaults(handler=cmd_files_verify)
    s = fsub.add_parser("sweep", help="report stray files and rows without files")
    s.add_argument(
        "--remove",
        action="store_true",
        help="delete stray files older than 10 minutes (an interrupted attach)",
    )
    add_json(s)
    s.set_defaults(handler=cmd_files_sweep)


def _need_document(args: argparse.Namespace) -> int:
    from desk_app.domain.errors import ValidationError

    if getattr(args, "result", False):
        return 0
    if args.document is None:
        raise ValidationError("--document N is required.", "Cần chọn thành phần hồ sơ (--document N).")
    return int(args.document)


def _report_text(report: Any) -> str:
    label = "e-result" if report.document == 0 else f"document {report.document}"
    lines = [
        f"{report.code} {label}: +{len(report.added)} page(s), {report.pages} in all, "
        f"status {report.digitization}; dossier digitized: {'yes' if report.dossier_digitized else 'no'}"
    ]
    lines += [f"already attached, skipped: {name}" for name in report.duplicates]
    return "\n".join(lines)


def _warn_problems(report: Any) -> int:
    for rej in report.rejected:
        print(f"desk-app: rejected {rej.message}\n  {rej.vi}", file=sys.stderr)
    if report.interrupted is not None:
        print(f"desk-app: {report.interrupted.message}\n  {report.interrupted.vi}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_scan(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.scanning.backend import ScanOptions
    from desk_app.scanning.backends import default_backend
    from desk_app.services.digitization import pages as digitization

    if args.target == "devices":
        devices = default_backend().list_devices()
        rows = [d.as_dict() for d in devices]
        ctx.out(
            rows,
            lambda: (
                "\n".join(f"{d.name}\t{d.vendor} {d.model} ({d.type})" for d in devices) or "no scanner found"
            ),
        )
        return 0
    actor = ctx.require("scan")
    options = ScanOptions(
        device=args.device, dpi=args.dpi, mode=args.mode, source=args.source, pages=args.pages
    )
    report = digitization.scan_to_document(ctx.db, args.target, _need_document(args), options, actor=actor)
    ctx.out(report.as_dict(), lambda: _report_text(report))
    return _warn_problems(report)


def cmd_attach(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.digitization import pages as digitization

    actor = ctx.require("scan")
    report = digitization.attach_files(ctx.db, args.code, _need_document(args), args.files, actor=actor)
    ctx.out(report.as_dict(), lambda: _report_text(report))
    return _warn_problems(report)


def cmd_pages(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.digitization import pages as digitization

    document = _need_document(args)
    if args.remove is not None:
        actor = ctx.require("scan")
        info = digitization.remove_page(ctx.db, args.code, document, args.remove, args.reason, actor=actor)
        ctx.out(info.as_dict(), f"removed page {args.remove} ({info.sha256[:12]}): {info.removed_reason}")
        return 0
    if args.pdf is not None:
        from desk_app.scanning.store import atomic_write

        data = digitization.document_pdf(ctx.db, args.code, document)
        atomic_write(args.pdf, data)
        ctx.out({"pdf": str(args.pdf), "bytes": len(data)}, f"wrote {args.pdf} ({len(data)} bytes)")
        return 0
    pages = digitization.list_pages(ctx.db, args.code, document, include_removed=args.removed)
    ctx.out(
        [p.as_dict() for p in pages],
        lambda: (
            "\n".join(
                f"{p.number or '-':>3} {p.mime:<16} {p.size:>9} {p.source:<8} {p.source_name}"
                + (
                    f"  [removed {p.removed_at} by {p.removed_by}: {p.removed_reason}]"
                    if p.removed_at
                    else ""
                )
                for p in pages
            )
            or "no pages"
        ),
    )
    return 0


def cmd_reuse(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.digitization import pages as digitization

    actor = ctx.require("scan")
    report = digitization.set_reuse(
        ctx.db,
        args.code,
        args.document,
        args.kind,
        from_code=args.from_code,
        from_document=args.from_document,
        note=args.note,
        actor=actor,
    )
    ctx.out(report.as_dict(), lambda: _report_text(report))
    return 0


def _inbox_text(items: list[dict[str, Any]], header: str = "") -> str:
    lines = [header] if header else []
    for it in items:
        where = f" -> {it['dossier_code']}" if it["dossier_code"] else ""
        lines.append(
            f"{it['id']:>5} {it['status']:<9} {it['pages']:>3} p  {it['name']}{where}"
            + (f"  ({it['reason']})" if it["reason"] else "")
        )
    return "\n".join(lines) if lines else "the inbox is empty"


def cmd_inbox(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain.errors import ValidationError
    from desk_app.services.digitization import inbox

    if args.action == "attach":
        if args.document is None:
            raise ValidationError("--document N is required.", "Cần chọn thành phần hồ sơ (--document N).")
        report = inbox.attach_inbox(
            ctx.db, args.ids, args.document, code=args.code, actor=ctx.require("scan")
        )
        ctx.out(report.as_dict(), lambda: _report_text(report))
        return 0
    if args.action == "dismiss":
        n = inbox.dismiss_inbox(ctx.db, args.ids, args.reason, actor=ctx.require("scan"))
        ctx.out({"dismissed": n}, f"dismissed {n} item(s)")
        return 0
    if args.no_process:
        items = inbox.list_inbox(ctx.db, include_done=args.all)
        ctx.out({"items": items}, lambda: _inbox_text(items))
        return 0
    result = inbox.process_inbox(ctx.db, args.folder, settle_seconds=args.settle, actor=ctx.require("scan"))
    if args.all:
        result.items = inbox.list_inbox(ctx.db, include_done=True)
    ctx.out(
        result.as_dict(),
        lambda: _inbox_text(
            result.items,
            f"{result.folder}: {result.new} new file(s); {result.routed} routed, "
            f"{result.waiting} waiting, {result.rejected} rejected",
        ),
    )
    return 0


def cmd_files_verify(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.digitization import pages as digitization

    report = digitization.verify_files(ctx.db)
    ctx.out(
        report.as_dict(),
        lambda: "\n".join(
            [
                *report.lines(),
                f"{report.checked} stored file(s) checked: "
                + (
                    "all present and matching"
                    if report.ok
                    else f"{len(report.missing) + len(report.corrupt)} bad"
                ),
            ]
            + (
                [f"{len(report.strays)} stray file(s) without a row (see `desk-app files sweep`)"]
                if report.strays
                else []
            )
        ),
    )
    if not report.ok:
        for line in report.lines():
            print(f"desk-app: {line}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_files_sweep(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.digitization import pages as digitization

    if args.remove:
        from desk_app.services.digitization import files

        removed = files.remove_strays(ctx.db, actor=ctx.require("scan"))
        print(f"removed {len(removed)} stray files", file=sys.stderr)
    report = digitization.sweep(ctx.db)
    data = report.as_dict()
    ctx.out(
        data,
        lambda: "\n".join(
            f"{key}: {len(value)}" + "".join(f"\n  {v}" for v in value)
            for key, value in data.items()
            if key != "ok"
        ),
    )
    return 0 if report.ok else 1
