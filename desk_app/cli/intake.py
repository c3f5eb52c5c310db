"""``desk-app receive FILE.json`` and ``desk-app slip CODE --out FILE.pdf``.

``receive`` takes one object or a list of objects (the paper backlog, scripts, tests)::

    {"procedure": "1.001193", "received_at": "2026-02-13T09:00", "channel": "direct",
     "applicant": {"full_name": "Nguyễn Thị Hằng", "id_number": "001190012345", "birth_date": "1990-05-02",
                   "gender": "Nữ", "phone": "0912345678", "address": "Thôn Đông, xã Gio Sơn", "email": ""},
     "documents": [{"name": "Tờ khai đăng ký khai sinh", "kind": "original", "quantity": 1}],
     "return_via": "counter", "note": ""}

Optional keys: ``code`` (an existing backlog code, kept), ``representative`` (same shape as applicant),
``fee`` ({amount, method: cash|online|unpaid|exempt, pages, copies}), ``set_count``, ``client_token``,
``due_at`` (later than the rule only), ``vneid_verified``; documents may carry ``received`` and ``required``.
Each input is saved in its own transaction: a bad one is reported and the others still go in. With
``--json`` the output is a list, one object per input: ``{"code", "due_at"}`` or ``{"error"}``.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk_app.cli.context import Context, add_json, load_json_entries
from desk_app.domain.errors import UserError, ValidationError


def register(sub: Any) -> None:
    p = sub.add_parser("receive", help="receive dossiers from a JSON file (one object or a list)")
    p.add_argument("file", type=Path)
    add_json(p)
    p.set_defaults(handler=cmd_receive)

    s = sub.add_parser("slip", help="print the intake slip (Mẫu 01) of a dossier to a PDF file")
    s.add_argument("code")
    s.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    s.add_argument("--reprint", action="store_true", help="mark the page as a reprint")
    s.add_argument("--paper", choices=("A4", "A5"), default=None, help="paper size (default: the setting)")
    add_json(s)
    s.set_defaults(handler=cmd_slip)


def _bad(field: str, message: str) -> ValidationError:
    # the receive command's own file checks: the CLI speaks English, a screen never shows these
    return ValidationError(message, f"Tệp nhập hồ sơ có giá trị không hợp lệ ở mục {field}.", field=field)


def _text(obj: dict[str, Any], key: str, where: str = "") -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise _bad(f"{where}{key}", f"{where}{key} must be text.")
    return str(value)


def _moment(value: Any, field: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        for fmt in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
            try:
                return datetime.strptime(value.strip(), fmt)
            except ValueError:
                continue
    raise _bad(field, f"{field} must be a moment YYYY-MM-DDTHH:MM, not {value!r}.")


def _day(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d%m%Y"):
            try:
                return datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    raise _bad(field, f"{field} must be a date YYYY-MM-DD, not {value!r}.")


def _int(obj: dict[str, Any], key: str, default: int | None, where: str = "") -> int | None:
    value = obj.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"{where}{key}", f"{where}{key} must be a whole number, not {value!r}.")
    return value


def _person(obj: Any, where: str) -> Any:
    from desk_app.services.intake.receive import ApplicantInput

    if not isinstance(obj, dict):
        raise _bad(where, f"{where} must be an object with full_name, id_number, …")
    prefix = f"{where}."
    return ApplicantInput(
        full_name=_text(obj, "full_name", prefix),
        id_number=_text(obj, "id_number", prefix),
        old_id_number=_text(obj, "old_id_number", prefix),
        birth_date=_day(obj.get("birth_date"), f"{where}.birth_date"),
        gender=_text(obj, "gender", prefix),
        address=_text(obj, "address", prefix),
        phone=_text(obj, "phone", prefix),
        email=_text(obj, "email", prefix),
    )


def _postal(raw: Any) -> Any:
    """``"postal": {"item", "free", "delivered_at", "sender_address"}`` of a dossier that came by post."""
    from desk_app.domain.postal import IncomingPost

    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _bad("postal", "postal must be an object {item, free, delivered_at, sender_address}.")
    when = raw.get("delivered_at")
    if isinstance(when, str) and len(when.strip()) == 10:  # a date alone: the post's delivery day
        when = when.strip() + "T00:00"
    return IncomingPost(
        item=_text(raw, "item", "postal."),
        free=_flag(raw, "free", False, "postal."),
        delivered_at=_moment(when, "postal.delivered_at"),
        sender_address=_text(raw, "sender_address", "postal."),
    )


_TRUE = {"true", "yes", "y", "1", "có", "co", "x"}
_FALSE = {"false", "no", "n", "0", "không", "khong", ""}


def _flag(obj: dict[str, Any], key: str, default: bool, prefix: str = "") -> bool:
    """A yes/no field: JSON true/false, 1/0, or the words yes/no, true/false, có/không; anything else refused
    (``"no"`` and ``"false"`` are non-empty strings, which ``bool()`` would read as true)."""
    value = obj.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _bad(f"{prefix}{key}", f"{prefix}{key} must be true or false, not {str(value)[:20]!r}.")


def request_from_json(obj: Any) -> Any:
    """Build an IntakeRequest from one JSON object of the ``receive`` file; ValidationError when malformed."""
    from desk_app.services.intake.receive import DocumentInput, FeeInput, IntakeRequest

    if not isinstance(obj, dict):
        raise _bad("", "Each entry must be a JSON object.")
    procedure = _text(obj, "procedure") or _text(obj, "procedure_code")
    if not procedure:
        raise _bad("procedure", "procedure (the TTHC code, e.g. 1.001193) is missing.")
    applicant = _person(obj.get("applicant"), "applicant")
    rep = obj.get("representative")
    docs_raw = obj.get("documents", [])
    if not isinstance(docs_raw, list):
        raise _bad("documents", "documents must be a list.")
    docs = []
    for i, d in enumerate(docs_raw):
        if isinstance(d, str):
            d = {"name": d}
        if not isinstance(d, dict):
            raise _bad(f"documents[{i}]", f"documents[{i}] must be an object with a name.")
        where = f"documents[{i}]."
        docs.append(
            DocumentInput(
                name=_text(d, "name", where),
                kind=_text(d, "kind", where) or "original",
                quantity=_int(d, "quantity", 1, where) or 0,
                received=_flag(d, "received", True, where),
                required=_flag(d, "required", True, where),
            )
        )
    fee = None
    if obj.get("fee") is not None:
        f = obj["fee"]
        if not isinstance(f, dict):
            raise _bad("fee", "fee must be an object {amount, method, pages, copies}.")
        fee = FeeInput(
            amount=_int(f, "amount", None, "fee."),
            method=_text(f, "method", "fee.") or "cash",
            pages=_int(f, "pages", 1, "fee.") or 0,
            copies=_int(f, "copies", 1, "fee.") or 0,
        )
    email = _text(obj, "email")
    if email and not applicant.email:
        from dataclasses import replace

        applicant = replace(applicant, email=email)
    return IntakeRequest(
        procedure_code=procedure,
        applicant=applicant,
        documents=docs,
        received_at=_moment(obj.get("received_at"), "received_at"),
        channel=_text(obj, "channel") or "direct",
        return_via=_text(obj, "return_via") or "counter",
        representative=_person(rep, "representative") if rep is not None else None,
        fee=fee,
        set_count=_int(obj, "set_count", 1) or 0,
        note=_text(obj, "note"),
        client_token=_text(obj, "client_token") or None,
        existing_code=_text(obj, "code") or None,
        due_at=_moment(obj.get("due_at"), "due_at"),
        vneid_verified=_flag(obj, "vneid_verified", False),
        accept_name_change=_flag(obj, "accept_name_change", False),
        postal=_postal(obj.get("postal")),
    )


def _load(path: Path) -> list[Any]:
    return load_json_entries(path, item="dossier", shape_vi="Tệp phải chứa một hồ sơ hoặc danh sách hồ sơ.")


def cmd_receive(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.intake.receive import receive

    actor = ctx.require("intake")
    entries = _load(args.file)
    results: list[dict[str, Any]] = []
    for entry in entries:
        try:
            res = receive(ctx.db, request_from_json(entry), actor=actor)
        except UserError as exc:
            item: dict[str, Any] = {"error": exc.message}
            field = getattr(exc, "field", None)
            if field:
                item["field"] = field
            results.append(item)
            continue
        results.append(
            {
                "code": res.code,
                "due_at": res.due_at.strftime("%Y-%m-%dT%H:%M") if res.due_at else None,
                "received_at": res.received_at.strftime("%Y-%m-%dT%H:%M") if res.received_at else None,
                "dossier_id": res.dossier_id,
                "created": res.created,
            }
        )

    def text() -> str:
        lines = []
        for i, r in enumerate(results, start=1):
            if "error" in r:
                lines.append(f"#{i}: error: {r['error']}")
            else:
                due = r["due_at"].replace("T", " ") if r["due_at"] else ""
                lines.append(f"{r['code']}  due {due}" + ("" if r["created"] else "  (already saved)"))
        return "\n".join(lines)

    ctx.out(results, text)
    return 1 if any("error" in r for r in results) else 0


def cmd_slip(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.lifecycle.prints import render_slip

    actor = ctx.require("intake")
    pdf = render_slip(
        ctx.db, args.code, reprint=True if args.reprint else None, paper=args.paper, actor=actor
    )
    from desk_app.fsutil import write_atomic

    write_atomic(args.out, pdf)
    ctx.out({"code": args.code.strip().upper(), "out": str(args.out), "bytes": len(pdf)}, f"{args.out}")
    return 0
