"""The procedure catalog (danh mục TTHC): import a province's published list, list what is current.

Import columns (CSV header, first XLSX sheet's header row, or JSON object keys):

| column | required | meaning |
|---|---|---|
| code | yes | national TTHC code, e.g. 1.001193 |
| name | yes | procedure name |
| field | | lĩnh vực |
| processing_value, processing_unit | yes* | e.g. 5 + working_days / days / working_hours / same_day |
| processing_time | yes* | instead of the two above: JSON `{"value": 5, "unit": "working_days"}` or text such as "5 ngày làm việc", "trong ngày" |
| processing_text | | the time as published |
| cutoff_time | | HH:MM, default 15:00; empty string in JSON null = no cut-off |
| fee | | JSON fee rule (see domain/fees.py) or a whole number of đồng (fixed) or 0 (exempt) |
| fee_text | | the fee as published |
| documents | | JSON list of {name, kind, quantity}, or names separated by ";" |
| online_level | | "", partial, full |
| online_only | | true/1/x/có: received online only (a province pilot); at the counter intake becomes assisted online filing |
| agency, legal_basis, old_code, confidence, source_note | | free text |
| effective_from | | YYYY-MM-DD (default: today) |

A row whose content differs from the current version of its code closes that version (effective_to =
the new effective_from) and adds a new one; an identical row changes nothing. Bad rows are reported by
line and skipped; good rows still load.
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain import dates
from desk_app.domain.calendar import TimeUnit
from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.fees import check_fee_rule
from desk_app.domain.phrase import Phrase
from desk_app.domain.text import clean_line, fold
from desk_app.resources import resource_path
from desk_app.store import audit
from desk_app.store.db import Database
from desk_app.store.models import Procedure

CODE = re.compile(r"^\d\.\d{6}(?:\.[0-9A-Z.]+)?$")
DOC_KINDS = ("original", "copy", "certified_copy", "electronic")
VERSIONED = (
    "name",
    "field",
    "processing_value",
    "processing_unit",
    "processing_text",
    "cutoff_time",
    "fee_rule",
    "fee_text",
    "documents",
    "online_level",
    "online_only",
    "agency",
    "legal_basis",
    "old_code",
    "confidence",
    "source_note",
)


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    # (line, reason): the reason is a Phrase, the English (CLI) with its Vietnamese in ``.vi`` (the screen)
    errors: list[tuple[int, str]] = field(default_factory=list)


MAX_NAME = 500  # characters of a procedure or document name
MAX_TEXT = 2000  # characters of any other text column
MAX_FEE = 100_000_000  # đồng: a commune fee above this is a typo


# The import columns in a clerk's words (the Vietnamese reasons name the column so, then its header).
COLUMN_VI = {
    "code": "mã thủ tục",
    "name": "tên thủ tục",
    "field": "lĩnh vực",
    "processing_value": "thời hạn giải quyết",
    "processing_unit": "đơn vị thời hạn",
    "processing_time": "thời hạn giải quyết",
    "processing_text": "thời hạn như công bố",
    "cutoff_time": "giờ tiếp nhận cuối ngày",
    "fee": "phí, lệ phí",
    "fee_text": "phí, lệ phí như công bố",
    "documents": "thành phần hồ sơ",
    "online_level": "mức độ trực tuyến",
    "online_only": "chỉ tiếp nhận trực tuyến",
    "agency": "cơ quan giải quyết",
    "legal_basis": "căn cứ pháp lý",
    "old_code": "mã cũ",
    "confidence": "độ tin cậy",
    "source_note": "ghi chú nguồn",
    "effective_from": "ngày áp dụng",
}
FEE_KEY_VI = {
    "amount": "mức phí",
    "online_amount": "mức phí nộp trực tuyến",
    "first": "mức phí trang đầu",
    "rest": "mức phí trang tiếp theo",
    "max_per_copy": "mức phí tối đa một bản",
}
UNIT_VI = {
    "working_days": "ngày làm việc",
    "days": "ngày",
    "working_hours": "giờ làm việc",
    "same_day": "trong ngày",
}
DOC_KIND_VI = {
    "original": "bản chính",
    "copy": "bản sao",
    "certified_copy": "bản sao chứng thực",
    "electronic": "bản điện tử",
}
UNREADABLE_VI = "Dòng có giá trị không đọc được; hãy kiểm tra lại dòng này trong tệp."


def _column(key: str, first: bool = False) -> str:
    """mã thủ tục (cột “code”): how a Vietnamese reason names a column (``first``: opening a sentence)."""
    words = COLUMN_VI.get(key, key)
    return f"{words[:1].upper() + words[1:] if first else words} (cột “{key}”)"


def _shown(value: Any, limit: int = 40) -> str:
    return str(value)[:limit]


def _bad(en: str, vi: str, column: str | None = None) -> ValidationError:
    """A bad cell: the English reason (CLI) and the Vietnamese one (the Administration page)."""
    return ValidationError(en, vi, field=column)


def _number(value: Any, what: str) -> float:
    """A finite number from a cell; booleans and non-numbers refused (True is not 1 day)."""

    def refused(shown: str) -> ValidationError:
        return _bad(
            f"{what} must be a number, not {shown}",
            f"{_column(what, first=True)} phải là một số, không phải “{_shown(value)}”.",
            what,
        )

    if isinstance(value, bool):
        raise refused(repr(value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise refused(repr(str(value)[:40])) from None
    if not math.isfinite(number):
        raise refused(repr(value))
    return number


def _json(text: str, column: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise _bad(
            f"{column} is not valid JSON: {text[:40]!r}",
            f"{_column(column, first=True)} viết sai dạng JSON: “{_shown(text)}”.",
            column,
        ) from None


def _text(row: dict[str, Any], key: str, limit: int = MAX_TEXT) -> str:
    value = clean_line(str(row.get(key) or ""))
    if len(value) > limit:
        raise _bad(
            f"{key} is too long ({len(value)} characters, at most {limit})",
            f"{_column(key, first=True)} quá dài ({len(value)} ký tự, tối đa {limit}).",
            key,
        )
    return value


def _unit(value: Any) -> str:
    try:
        return TimeUnit(str(value)).value
    except ValueError:
        units = ", ".join(u.value for u in TimeUnit)
        units_vi = ", ".join(f"“{u.value}” ({UNIT_VI[u.value]})" for u in TimeUnit)
        raise _bad(
            f"processing_unit {_shown(value)!r} is not one of {units}",
            f"{_column('processing_unit', first=True)} “{_shown(value)}” không đúng; chỉ nhận: {units_vi}.",
            "processing_unit",
        ) from None


def _parse_time(value: Any) -> tuple[float, str]:
    if isinstance(value, dict):
        return _number(value.get("value", 0), "processing_value"), _unit(value.get("unit", ""))
    text = fold(str(value))
    if not text:
        raise _bad(
            "processing time is missing",
            "Thiếu thời hạn giải quyết (cột “processing_time”, hoặc hai cột "
            "“processing_value” và “processing_unit”).",
            "processing_time",
        )
    if "trong ngay" in text or "ngay khi" in text:
        return 0, TimeUnit.SAME_DAY.value
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*(ngay lam viec|ngay|gio lam viec|gio)", text)
    if not m:
        raise _bad(
            f"cannot read the processing time {value!r}",
            f"Không đọc được {_column('processing_time')} “{_shown(value)}” "
            "(ví dụ đúng: “5 ngày làm việc”, “trong ngày”).",
            "processing_time",
        )
    number = float(m.group(1).replace(",", "."))
    unit = {"ngay lam viec": TimeUnit.WORKING_DAYS, "ngay": TimeUnit.DAYS}.get(
        m.group(2), TimeUnit.WORKING_HOURS
    )
    return number, unit.value


def _fee_unreadable(value: Any) -> ValidationError:
    return _bad(
        f"cannot read the fee {_shown(value)!r}",
        f"Không đọc được {_column('fee')} “{_shown(value)}” (ghi số đồng, ví dụ 50.000, hoặc 0 nếu miễn phí).",
        "fee",
    )


def _parse_fee(value: Any) -> dict[str, Any]:
    if value in (None, ""):
        return {"kind": "exempt"}
    if isinstance(value, dict):
        return _fee_range(check_fee_rule(dict(value)))
    if isinstance(value, bool):
        raise _fee_unreadable(value)
    if isinstance(value, int | float):
        if not math.isfinite(value) or value != int(value) or value < 0:
            raise _bad(
                f"the fee {value!r} is not a whole, non-negative number of đồng",
                f"{_column('fee', first=True)} “{_shown(value)}” phải là số đồng nguyên, không âm.",
                "fee",
            )
        amount = int(value)
        return _fee_range({"kind": "fixed", "amount": amount}) if amount else {"kind": "exempt"}
    text = str(value).strip()
    if text.startswith("{"):
        rule = _json(text, "fee")
        if not isinstance(rule, dict):
            raise _fee_unreadable(text)
        return _fee_range(check_fee_rule(rule))
    digits = text.replace(".", "").replace(",", "")
    if digits.isdigit():
        amount = int(digits)
        return _fee_range({"kind": "fixed", "amount": amount}) if amount else {"kind": "exempt"}
    raise _fee_unreadable(text)


def _fee_range(rule: dict[str, Any]) -> dict[str, Any]:
    for key in ("amount", "online_amount", "first", "rest", "max_per_copy"):
        value = rule.get(key)
        if isinstance(value, bool) or (value is not None and value > MAX_FEE):
            limit_vi = f"{MAX_FEE:,}".replace(",", ".")
            raise _bad(
                f"fee {key} {value!r} is out of range (0 to {MAX_FEE:,} đồng)",
                f"{_column('fee', first=True)}: {FEE_KEY_VI.get(key, key)} “{_shown(value)}” vượt giới hạn "
                f"(từ 0 đến {limit_vi} đồng).",
                "fee",
            )
    return rule


def _parse_documents(value: Any) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        text = value.strip()
        value = (
            _json(text, "documents")
            if text.startswith("[")
            else [{"name": n} for n in text.split(";") if n.strip()]
        )
    if not isinstance(value, list | tuple):
        raise _bad(
            f"documents must be a list, not {_shown(value)!r}",
            f"{_column('documents', first=True)} phải là danh sách giấy tờ (các tên cách nhau bởi dấu “;”).",
            "documents",
        )
    docs = []
    for item in value:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise _bad(
                f"bad document {str(item)[:40]!r}",
                f"{_column('documents', first=True)}: giấy tờ “{_shown(item)}” không đọc được.",
                "documents",
            )
        name = clean_line(str(item.get("name", "")))
        kind = item.get("kind", "original")
        if not name or len(name) > MAX_NAME or kind not in DOC_KINDS:
            kinds_vi = ", ".join(f"“{k}” ({DOC_KIND_VI[k]})" for k in DOC_KINDS)
            raise _bad(
                f"bad document {name[:40]!r} (a name of 1–{MAX_NAME} characters; kind one of {', '.join(DOC_KINDS)})",
                f"{_column('documents', first=True)}: giấy tờ “{_shown(name)}” không hợp lệ "
                f"(tên từ 1 đến {MAX_NAME} ký tự; loại chỉ nhận: {kinds_vi}).",
                "documents",
            )
        quantity = item.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 99:
            raise _bad(
                f"document quantity {quantity!r} must be a whole number 1–99",
                f"{_column('documents', first=True)}: số lượng “{_shown(quantity)}” của giấy tờ “{_shown(name)}” "
                "phải là số nguyên từ 1 đến 99.",
                "documents",
            )
        docs.append({"name": name, "kind": kind, "quantity": quantity})
    return docs


_TRUE = {"1", "true", "yes", "x", "co", "có"}
_FALSE = {"", "0", "false", "no", "khong", "không"}


def _parse_flag(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | float):
        return bool(value)
    text = clean_line(str(value)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _bad(
        f"{name} must be true or false, not {value!r}",
        f"{_column(name, first=True)} “{_shown(value)}” không rõ; ghi “có” hoặc “không”.",
        name,
    )


def row_to_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Validate one import row; a ValidationError (English and Vietnamese reason) when it is bad."""
    code = clean_line(str(row.get("code") or ""))
    if not CODE.match(code):
        raise _bad(
            f"code {code!r} is not a TTHC code like 1.001193",
            f"{_column('code', first=True)} “{_shown(code)}” không đúng dạng mã thủ tục (ví dụ 1.001193)."
            if code
            else f"Thiếu {_column('code')}.",
            "code",
        )
    name = _text(row, "name", MAX_NAME)
    if not name:
        raise _bad("name is missing", f"Thiếu {_column('name')}.", "name")
    if row.get("processing_value") not in (None, "") and row.get("processing_unit"):
        value, unit = _parse_time({"value": row["processing_value"], "unit": row["processing_unit"]})
    else:
        raw = row.get("processing_time")
        if isinstance(raw, str) and raw.strip().startswith("{"):
            raw = _json(raw, "processing_time")
        value, unit = _parse_time(raw if raw is not None else "")
    limit = dates.MAX_WORKING_DAYS * (8 if unit == TimeUnit.WORKING_HOURS.value else 1)
    if not 0 <= value <= limit:
        raise _bad(
            f"processing time {value:g} is out of range (0 to {limit})",
            f"Thời hạn giải quyết {value:g} vượt giới hạn (từ 0 đến {limit}).",
            "processing_time",
        )
    cutoff_raw = row.get("cutoff_time", "15:00")
    try:
        cutoff = time.fromisoformat(str(cutoff_raw)) if cutoff_raw not in (None, "") else None
    except ValueError:
        raise _bad(
            f"cutoff_time {str(cutoff_raw)[:20]!r} is not a time HH:MM",
            f"{_column('cutoff_time', first=True)} “{_shown(cutoff_raw, 20)}” không phải giờ dạng giờ:phút (ví dụ 15:00).",
            "cutoff_time",
        ) from None
    eff = row.get("effective_from")
    try:
        effective = date.fromisoformat(str(eff).strip()[:10]) if eff else date.today()
    except ValueError:
        raise _bad(
            f"effective_from {str(eff)[:20]!r} is not a date YYYY-MM-DD",
            f"{_column('effective_from', first=True)} “{_shown(eff, 20)}” không phải ngày dạng năm-tháng-ngày "
            "(ví dụ 2026-07-01).",
            "effective_from",
        ) from None
    dates.check_day(effective, "effective_from")
    online = clean_line(str(row.get("online_level") or ""))
    if online not in ("", "partial", "full"):
        raise _bad(
            "online_level must be empty, partial or full",
            f"{_column('online_level', first=True)} “{_shown(online)}” không đúng; để trống, hoặc ghi “partial” (một phần) "
            "hoặc “full” (toàn trình).",
            "online_level",
        )
    return {
        "code": code,
        "name": name,
        "field": _text(row, "field"),
        "processing_value": value,
        "processing_unit": unit,
        "processing_text": _text(row, "processing_text"),
        "cutoff_time": cutoff,
        "fee_rule": _parse_fee(row.get("fee")),
        "fee_text": _text(row, "fee_text"),
        "documents": _parse_documents(row.get("documents")),
        "online_level": online,
        "online_only": _parse_flag(row.get("online_only"), "online_only"),
        "agency": _text(row, "agency"),
        "legal_basis": _text(row, "legal_basis"),
        "old_code": _text(row, "old_code"),
        "confidence": clean_line(str(row.get("confidence") or ""))[:2],
        "source_note": _text(row, "source_note"),
        "effective_from": effective,
    }


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs from a CSV, XLSX or JSON file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            if isinstance(data, dict):
                data = data.get("procedures", [data])
            return [(i + 1, r if isinstance(r, dict) else {"_bad": r}) for i, r in enumerate(data)]
        if suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as fh:
                return [(i + 2, dict(r)) for i, r in enumerate(csv.DictReader(fh))]
        if suffix in (".xlsx", ".xlsm"):
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            sheet = wb.worksheets[0]
            rows = sheet.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows)]
            out = []
            for i, values in enumerate(rows):
                if values is None or all(v is None for v in values):
                    continue
                out.append((i + 2, {h: v for h, v in zip(header, values, strict=False) if h}))
            wb.close()
            return out
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error, StopIteration) as exc:
        raise UserError(f"Cannot read {path.name}: {exc}", f"Không đọc được tệp {path.name}.") from exc
    except Exception as exc:  # openpyxl raises zipfile/KeyError kinds for a broken workbook
        raise UserError(f"Cannot read {path.name}: {exc}", f"Không đọc được tệp {path.name}.") from exc
    raise UserError(f"{path.name}: use a .csv, .xlsx or .json file.", "Chỉ nhận tệp .csv, .xlsx hoặc .json.")


def _current(session: Session, code: str) -> Procedure | None:
    return session.scalars(
        select(Procedure)
        .where(Procedure.code == code, Procedure.effective_to.is_(None))
        .order_by(Procedure.version.desc())
    ).first()


def upsert(session: Session, fields: dict[str, Any], report: ImportReport) -> None:
    cur = _current(session, fields["code"])
    folded = fold(f"{fields['code']} {fields['name']} {fields['field']}")
    if cur is not None and all(getattr(cur, k) == fields[k] for k in VERSIONED):
        report.unchanged += 1
        return
    version = 1
    if cur is not None:
        cur.effective_to = max(fields["effective_from"], cur.effective_from)
        version = cur.version + 1
        report.updated += 1
    else:
        report.added += 1
    session.add(Procedure(version=version, folded=folded, use_count=cur.use_count if cur else 0, **fields))
    session.flush()


def import_rows(
    db: Database, rows: list[tuple[int, dict[str, Any]]], actor: str = "", source: str = ""
) -> ImportReport:
    report = ImportReport()
    good: list[dict[str, Any]] = []
    for line, row in rows:
        try:
            if "_bad" in row:
                raise _bad(
                    "not an object",
                    "Mục này không phải một thủ tục (phải là một đối tượng JSON có các cột như “code”, “name”).",
                )
            good.append(row_to_fields(row))
        except ValidationError as exc:
            report.errors.append((line, Phrase(exc.message, exc.vi)))
        except (ValueError, TypeError) as exc:  # a cell no check above foresaw: still a line, not a crash
            report.errors.append((line, Phrase(str(exc), UNREADABLE_VI)))
    with db.transaction() as session:
        for fields in good:
            upsert(session, fields, report)
        audit.record(
            session,
            "catalog.import",
            actor=actor,
            entity="catalog",
            entity_id=source,
            detail={"added": report.added, "updated": report.updated, "errors": len(report.errors)},
        )
    return report


def import_file(db: Database, path: Path, actor: str = "") -> ImportReport:
    return import_rows(db, read_rows(path), actor=actor, source=path.name)


def import_seed(db: Database) -> ImportReport:
    return import_file(db, resource_path("catalog", "procedures.json"), actor="system")


def procedure_dict(p: Procedure) -> dict[str, Any]:
    """The ``catalog list --json`` shape."""
    return {
        "code": p.code,
        "version": p.version,
        "name": p.name,
        "field": p.field,
        "processing_time": {"value": p.processing_value, "unit": p.processing_unit},
        "processing_text": p.processing_text,
        "cutoff_time": p.cutoff_time.strftime("%H:%M") if p.cutoff_time else None,
        "fee": p.fee_rule,
        "fee_text": p.fee_text,
        "documents": p.documents,
        "online_level": p.online_level,
        "online_only": p.online_only,
        "agency": p.agency,
        "legal_basis": p.legal_basis,
        "old_code": p.old_code,
        "confidence": p.confidence,
        "source_note": p.source_note,
        "effective_from": p.effective_from.isoformat(),
        "effective_to": p.effective_to.isoformat() if p.effective_to else None,
    }


def current_procedures(session: Session) -> list[Procedure]:
    return list(
        session.scalars(
            select(Procedure)
            .where(Procedure.effective_to.is_(None))
            .order_by(Procedure.field, Procedure.code)
        )
    )


def list_procedures(db: Database, include_old: bool = False) -> list[dict[str, Any]]:
    with db.session() as session:
        if include_old:
            rows = list(session.scalars(select(Procedure).order_by(Procedure.code, Procedure.version)))
        else:
            rows = current_procedures(session)
        return [procedure_dict(p) for p in rows]


def find_procedure(session: Session, code: str) -> Procedure:
    """The current version of a procedure by its code (or its old code)."""
    proc = _current(session, code.strip())
    if proc is None:
        proc = session.scalars(
            select(Procedure).where(Procedure.old_code == code.strip(), Procedure.effective_to.is_(None))
        ).first()
    if proc is None:
        raise ValidationError(
            f"No procedure with code {code!r} in the catalog.",
            f"Không có thủ tục mã {code} trong danh mục.",
            field="procedure",
        )
    return proc


def search_procedures(session: Session, query: str, limit: int = 50) -> list[Procedure]:
    """Accent- and đ-insensitive search by name, code or field.

    The counter's most used first; among equals an exact or prefix name match, then the shorter name,
    so "dang ky khai sinh" puts "Đăng ký khai sinh" before "Đăng ký khai sinh kết hợp …".
    """
    q = fold(query)
    stmt = select(Procedure).where(Procedure.effective_to.is_(None))
    for w in q.split():
        stmt = stmt.where(Procedure.folded.contains(w))
    found = list(session.scalars(stmt))

    def rank(p: Procedure) -> tuple[int, bool, bool, int, str]:
        name = fold(p.name)
        return (-p.use_count, name != q, not (name.startswith(q) or p.code.startswith(q)), len(name), p.code)

    return sorted(found, key=rank)[:limit]


def picker_rows(db: Database) -> list[dict[str, Any]]:
    """Every current procedure as plain rows (code, name, field, folded, use_count, fee_rule, fee_text), most used
    first: what the intake screen's picker filters while the clerk types."""
    with db.session() as session:
        return [
            {
                "code": p.code,
                "name": p.name,
                "field": p.field,
                "folded": p.folded or fold(f"{p.code} {p.name} {p.field}"),
                "use_count": p.use_count or 0,
                "fee_rule": dict(p.fee_rule or {}),
                "fee_text": p.fee_text or "",
            }
            for p in search_procedures(session, "", limit=100000)
        ]
