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
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


MAX_NAME = 500  # characters of a procedure or document name
MAX_TEXT = 2000  # characters of any other text column
MAX_FEE = 100_000_000  # đồng: a commune fee above this is a typo


def _number(value: Any, what: str) -> float:
    """A finite number from a cell; booleans and non-numbers refused (True is not 1 day)."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, not {value!r}")
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValueError(f"{what} must be a number, not {str(value)[:40]!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a number, not {value!r}")
    return number


def _text(row: dict[str, Any], key: str, limit: int = MAX_TEXT) -> str:
    value = clean_line(str(row.get(key) or ""))
    if len(value) > limit:
        raise ValueError(f"{key} is too long ({len(value)} characters, at most {limit})")
    return value


def _parse_time(value: Any) -> tuple[float, str]:
    if isinstance(value, dict):
        unit = str(value.get("unit", ""))
        return _number(value.get("value", 0), "processing_value"), TimeUnit(unit).value
    text = fold(str(value))
    if not text:
        raise ValueError("processing time is missing")
    if "trong ngay" in text or "ngay khi" in text:
        return 0, TimeUnit.SAME_DAY.value
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*(ngay lam viec|ngay|gio lam viec|gio)", text)
    if not m:
        raise ValueError(f"cannot read the processing time {value!r}")
    number = float(m.group(1).replace(",", "."))
    unit = {"ngay lam viec": TimeUnit.WORKING_DAYS, "ngay": TimeUnit.DAYS}.get(
        m.group(2), TimeUnit.WORKING_HOURS
    )
    return number, unit.value


def _parse_fee(value: Any) -> dict[str, Any]:
    if value in (None, ""):
        return {"kind": "exempt"}
    if isinstance(value, dict):
        return _fee_range(check_fee_rule(dict(value)))
    if isinstance(value, bool):
        raise ValueError(f"cannot read the fee {value!r}")
    if isinstance(value, int | float):
        if not math.isfinite(value) or value != int(value) or value < 0:
            raise ValueError(f"the fee {value!r} is not a whole, non-negative number of đồng")
        amount = int(value)
        return _fee_range({"kind": "fixed", "amount": amount}) if amount else {"kind": "exempt"}
    text = str(value).strip()
    if text.startswith("{"):
        rule = json.loads(text)
        if not isinstance(rule, dict):
            raise ValueError(f"cannot read the fee {text[:40]!r}")
        return _fee_range(check_fee_rule(rule))
    digits = text.replace(".", "").replace(",", "")
    if digits.isdigit():
        amount = int(digits)
        return _fee_range({"kind": "fixed", "amount": amount}) if amount else {"kind": "exempt"}
    raise ValueError(f"cannot read the fee {text[:40]!r}")


def _fee_range(rule: dict[str, Any]) -> dict[str, Any]:
    for key in ("amount", "online_amount", "first", "rest", "max_per_copy"):
        value = rule.get(key)
        if isinstance(value, bool) or (value is not None and value > MAX_FEE):
            raise ValueError(f"fee {key} {value!r} is out of range (0 to {MAX_FEE:,} đồng)")
    return rule


def _parse_documents(value: Any) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        text = value.strip()
        value = (
            json.loads(text) if text.startswith("[") else [{"name": n} for n in text.split(";") if n.strip()]
        )
    docs = []
    for item in value:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise ValueError(f"bad document {str(item)[:40]!r}")
        name = clean_line(str(item.get("name", "")))
        kind = item.get("kind", "original")
        if not name or len(name) > MAX_NAME or kind not in DOC_KINDS:
            raise ValueError(
                f"bad document {name[:40]!r} (a name of 1–{MAX_NAME} characters; kind one of {', '.join(DOC_KINDS)})"
            )
        quantity = item.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 99:
            raise ValueError(f"document quantity {quantity!r} must be a whole number 1–99")
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
    raise ValueError(f"{name} must be true or false, not {value!r}")


def row_to_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Validate one import row; ValueError/ValidationError with the reason when it is bad."""
    code = clean_line(str(row.get("code") or ""))
    if not CODE.match(code):
        raise ValueError(f"code {code!r} is not a TTHC code like 1.001193")
    name = _text(row, "name", MAX_NAME)
    if not name:
        raise ValueError("name is missing")
    if row.get("processing_value") not in (None, "") and row.get("processing_unit"):
        value, unit = _parse_time({"value": row["processing_value"], "unit": row["processing_unit"]})
    else:
        raw = row.get("processing_time")
        if isinstance(raw, str) and raw.strip().startswith("{"):
            raw = json.loads(raw)
        value, unit = _parse_time(raw if raw is not None else "")
    limit = dates.MAX_WORKING_DAYS * (8 if unit == TimeUnit.WORKING_HOURS.value else 1)
    if not 0 <= value <= limit:
        raise ValueError(f"processing time {value:g} is out of range (0 to {limit})")
    cutoff_raw = row.get("cutoff_time", "15:00")
    try:
        cutoff = time.fromisoformat(str(cutoff_raw)) if cutoff_raw not in (None, "") else None
    except ValueError:
        raise ValueError(f"cutoff_time {str(cutoff_raw)[:20]!r} is not a time HH:MM") from None
    eff = row.get("effective_from")
    try:
        effective = date.fromisoformat(str(eff).strip()[:10]) if eff else date.today()
    except ValueError:
        raise ValueError(f"effective_from {str(eff)[:20]!r} is not a date YYYY-MM-DD") from None
    dates.check_day(effective, "effective_from")
    online = clean_line(str(row.get("online_level") or ""))
    if online not in ("", "partial", "full"):
        raise ValueError("online_level must be empty, partial or full")
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
                raise ValueError("not an object")
            good.append(row_to_fields(row))
        except (ValueError, ValidationError, TypeError, json.JSONDecodeError) as exc:
            reason = exc.message if isinstance(exc, ValidationError) else str(exc)
            report.errors.append((line, reason))
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
