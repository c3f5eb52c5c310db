"""``desk-app forms …``: what the printed forms take from the unit's set-up (issue 15).

- ``forms show`` — header lines, form sets in force, register rule, letter number suffixes, signers;
- ``forms set`` — header lines, register rule, suffixes, QR caption;
- ``forms set-in-force SET --from DATE`` — the form set in force from a date (dossiers received from then on
  print with it);
- ``forms signer FORM --title T [--capacity C] [--name N]`` — the signature block of a letter;
- ``forms export-texts SET`` — copy a set's wording file to ``<data dir>/forms/SET.json`` for an admin to
  edit (that copy wins over the shipped text, no new release needed).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from desk_app.cli.context import Context, add_json

_SIGNED = ("refusal", "apology", "stop")
_SETS = ("v2018", "v2025")


def register(sub: Any) -> None:
    p = sub.add_parser("forms", help="printed forms: header, form sets, register, numbers, signers")
    fsub = p.add_subparsers(dest="forms_cmd", metavar="ACTION", required=True)
    a = fsub.add_parser("show", help="the form settings")
    add_json(a)
    a.set_defaults(handler=cmd_show)
    a = fsub.add_parser(
        "set", help="change header lines, the register rule, number suffixes or the QR caption"
    )
    a.add_argument(
        "--governing-body", help="upper line of the unit's letters, e.g. ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"
    )
    a.add_argument("--office-name", help="the one-stop office by its current name (Trung tâm Phục vụ …)")
    a.add_argument("--place-name", help="the place on the date line, e.g. Gio Sơn")
    a.add_argument("--register-volume", help="a new volume each year|quarter|month, or size:N entries")
    a.add_argument(
        "--register-numbering", choices=("year", "volume"), help="running numbers per year or volume"
    )
    a.add_argument(
        "--suffix", action="append", default=[], metavar="FORM=SUFFIX", help="e.g. apology=PXL (repeatable)"
    )
    a.add_argument("--lookup-caption", help="what the slip's QR caption says (empty: derived)")
    add_json(a)
    a.set_defaults(handler=cmd_set)
    a = fsub.add_parser("set-in-force", help="the form set in force from a date")
    a.add_argument("set", choices=_SETS)
    a.add_argument("--from", dest="date_from", required=True, type=_day, help="YYYY-MM-DD")
    add_json(a)
    a.set_defaults(handler=cmd_in_force)
    a = fsub.add_parser("signer", help="the signature block of a letter")
    a.add_argument("form", choices=_SIGNED)
    a.add_argument("--title", required=True, help="e.g. CHỦ TỊCH or PHÓ CHỦ TỊCH")
    a.add_argument("--capacity", default="", help='e.g. "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH"')
    a.add_argument("--name", default="", help="the signer's full name (empty: written by hand)")
    add_json(a)
    a.set_defaults(handler=cmd_signer)
    a = fsub.add_parser("export-texts", help="copy a form set's wording to <data dir>/forms/ for editing")
    a.add_argument("set", choices=_SETS)
    add_json(a)
    a.set_defaults(handler=cmd_export)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _text(data: dict[str, Any]) -> str:
    lines = [
        f"governing body   {data['governing_body']}",
        f"office           {data['office_name']}",
        f"place            {data['place_name']}",
        "form sets        " + ", ".join(f"{e['set']} from {e['from']}" for e in data["form_sets"]),
        f"register         new volume: {data['register_volume']}; numbering per {data['register_numbering']}",
        "number suffixes  " + ", ".join(f"{k}={v}" for k, v in data["number_suffixes"].items()),
    ]
    for form, signer in data["form_signers"].items():
        parts = [signer.get("capacity", ""), signer.get("title", ""), signer.get("name", "")]
        lines.append(f"signer {form:<9} " + " / ".join(x for x in parts if x))
    lines.append(f"QR caption       {data['lookup_caption'] or '(derived from the address)'}")
    return "\n".join(lines)


def _save(ctx: Context, values: dict[str, Any]) -> int:
    from desk_app.services.setup import settings as settings_service

    actor = ctx.require("settings")
    current = settings_service.load_forms(ctx.db)
    saved = settings_service.save_forms(ctx.db, settings_service.forms_from(current, values), actor)
    data = saved.to_dict()
    ctx.out(data, lambda: _text(data))
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.setup import settings as settings_service

    ctx.require("view")
    data = settings_service.load_forms(ctx.db).to_dict()
    ctx.out(data, lambda: _text(data))
    return 0


def cmd_set(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.domain.errors import ValidationError
    from desk_app.services.setup import settings as settings_service

    values: dict[str, Any] = {}
    for name in (
        "governing_body",
        "office_name",
        "place_name",
        "register_volume",
        "register_numbering",
        "lookup_caption",
    ):
        if getattr(args, name) is not None:
            values[name] = getattr(args, name)
    if args.suffix:
        suffixes = dict(settings_service.load_forms(ctx.db).number_suffixes)
        for item in args.suffix:
            form, sep, suffix = item.partition("=")
            if not sep or form not in suffixes:
                raise ValidationError(
                    f"--suffix takes FORM=SUFFIX with FORM one of {', '.join(suffixes)}.",
                    "Ký hiệu số văn bản phải có dạng MẪU=KÝ_HIỆU.",
                    field="number_suffixes",
                )
            suffixes[form] = suffix
        values["number_suffixes"] = suffixes
    return _save(ctx, values)


def cmd_in_force(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.setup import settings as settings_service

    current = settings_service.load_forms(ctx.db).form_sets
    schedule = [e for e in current if e.get("from") != args.date_from.isoformat()]
    schedule.append({"set": args.set, "from": args.date_from.isoformat()})
    return _save(ctx, {"form_sets": schedule})


def cmd_signer(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.setup import settings as settings_service

    signers = dict(settings_service.load_forms(ctx.db).form_signers)
    signers[args.form] = {"capacity": args.capacity, "title": args.title, "name": args.name}
    return _save(ctx, {"form_signers": signers})


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.fsutil import write_atomic
    from desk_app.printing.templates import OVERRIDE_FOLDER, shipped_form_set

    ctx.require("settings")
    target = ctx.db.data_dir / OVERRIDE_FOLDER / f"{args.set}.json"
    if target.exists():
        ctx.out({"set": args.set, "out": str(target), "existing": True}, f"{target} already exists: edit it")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(shipped_form_set(args.set), ensure_ascii=False, indent=2) + "\n"
    write_atomic(target, text.encode("utf-8"))
    ctx.out({"set": args.set, "out": str(target), "existing": False}, f"wrote {target}: edit it, then print")
    return 0
