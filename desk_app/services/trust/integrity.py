"""``desk-app verify``: is the data sound? (kiểm tra toàn vẹn dữ liệu)

Three checks, each reported with a reason: the database (PRAGMA integrity_check and foreign_key_check),
the audit chain (store.audit.verify: no event edited, removed or inserted), and the stored files (every
file present and matching its hash; no file the database does not know). The database is read through a
read-only connection first, so a damaged file is reported rather than opened for migration.
"""

from __future__ import annotations

import importlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app import paths
from desk_app.domain import dates, wording
from desk_app.domain.errors import UserError
from desk_app.domain.phrase import Phrase, join, vi_of
from desk_app.domain.roles import ROLE_LABEL_VI, Role
from desk_app.services.trust.backup_check import check_database
from desk_app.store import audit, crypto, recovery
from desk_app.store.db import Database, open_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    """One check's outcome: ``detail`` in English (CLI, logs, ``--json``), ``detail_vi`` for the screen."""

    name: str  # database / audit / records / files / leftovers
    ok: bool
    detail: str
    detail_vi: str

    @classmethod
    def said(cls, name: str, ok: bool, detail: str) -> Check:
        """A check whose detail is a Phrase (or a list of them joined): both languages from one text."""
        return cls(name, ok, str(detail), vi_of(detail))


@dataclass
class IntegrityReport:
    """The outcome of ``verify``: ok only when every check passed."""

    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def problems(self) -> list[str]:
        return [f"{c.name}: {c.detail}" for c in self.checks if not c.ok]

    def as_dict(self) -> dict[str, Any]:
        """The ``verify --json`` shape (English details, as scripts read them)."""
        return {
            "ok": self.ok,
            "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in self.checks],
        }


NOT_CHECKED = Phrase("not checked: the database is damaged", "chưa kiểm tra được vì cơ sở dữ liệu bị hỏng")


def verify(db: Database) -> IntegrityReport:
    """Check the database of an open Database, its audit chain and its stored files."""
    return verify_data_dir(db.data_dir, db=db)


def verify_data_dir(data_dir: Path, *, db: Database | None = None) -> IntegrityReport:
    """Check the data in ``data_dir`` without opening it for writing (works on a damaged database)."""
    report = IntegrityReport()
    db_file = paths.db_path(data_dir)
    if db is None and recovery.journal_path(data_dir).exists() and recovery.writable(data_dir):
        # an interrupted restore or encryption is finished (and audited) first
        open_database(data_dir).close()
    if not db_file.is_file():
        missing = Phrase(f"{db_file} does not exist", "không tìm thấy tệp cơ sở dữ liệu")
        report.checks.append(Check.said("database", False, missing))
        return report
    # On a read-only medium SQLite cannot make the WAL index: read the file as it is (nobody can write it).
    problems, info = check_database(db_file, immutable=not recovery.writable(data_dir))
    db_problems = [p for p in problems if not p.startswith("audit chain")]
    audit_problems = [p for p in problems if p.startswith("audit chain")]
    db_ok = Phrase(
        f"integrity_check ok (schema {info['schema_revision']})", "cơ sở dữ liệu nguyên vẹn, không có lỗi"
    )
    report.checks.append(Check.said("database", not db_problems, join(db_problems) if db_problems else db_ok))
    if db_problems:
        report.checks.append(Check.said("audit", False, NOT_CHECKED))
        report.checks.append(Check.said("files", False, NOT_CHECKED))
        return report
    immutable = not recovery.writable(data_dir)
    audit_problems += _backup_anchors(db_file, paths.backups_dir(data_dir), immutable)
    audit_ok = Phrase(
        f"{info['audit_events']} events, chain intact and anchored",
        f"{info['audit_events']} mục nhật ký, nguyên vẹn, không bị sửa hay xóa",
    )
    report.checks.append(
        Check.said("audit", not audit_problems, join(audit_problems) if audit_problems else audit_ok)
    )
    records = _record_problems(db_file, immutable)
    records_ok = Phrase(
        "accounts, roles and dossier states match the audit trail",
        "tài khoản, vai trò và trạng thái hồ sơ khớp với nhật ký",
    )
    report.checks.append(Check.said("records", not records, join(records[:10]) if records else records_ok))
    report.checks.append(_check_files(data_dir, db))
    if crypto.marker_path(
        data_dir
    ).is_file():  # an older version's interrupted encryption left the plain copy
        plain = [p.name for p in sorted(data_dir.glob(".pre-encrypt-*"))]
        if plain:
            names = ", ".join(plain)
            left = Phrase(
                f"a plain (unencrypted) copy of the database was left behind ({names}): "
                "check the encrypted database, then delete it",
                f"còn sót một bản chưa mã hóa của cơ sở dữ liệu ({names}): "
                "hãy kiểm tra cơ sở dữ liệu đã mã hóa rồi xóa bản này",
            )
            report.checks.append(Check.said("leftovers", False, left))
    return report


def _read(db_file: Path, immutable: bool) -> Any:
    return crypto.connect(db_file, mode="immutable" if immutable else "ro")


def _backup_anchors(db_file: Path, backups: Path, immutable: bool) -> list[str]:
    """Every backup in ``backups/`` made since the last restore names the chain's last event then (its id and
    hash): the live chain must still hold that event, unchanged. Truncation below it cannot hide."""
    manifests = []
    if backups.is_dir():
        for child in backups.iterdir():
            try:
                data = json.loads((child / "manifest.json").read_text(encoding="utf-8"))
                n, last = int(data["audit"]["events"]), data["audit"]["last_hash"]
                manifests.append((str(data.get("created_at", "")), child.name, n, last))
            except (OSError, ValueError, KeyError, TypeError):
                continue
    if not manifests:
        return []
    conn = _read(db_file, immutable)
    try:
        row = conn.execute(
            "SELECT max(at) FROM audit_events WHERE action IN ('backup.restore', 'recovery.restore')"
        ).fetchone()
        since = (row[0] or "") if row else ""
        problems: list[str] = []
        for created, name, n, last in sorted(manifests, reverse=True)[:20]:
            if created <= since or not n or not last:
                continue
            found = conn.execute("SELECT hash FROM audit_events WHERE id = ?", (n,)).fetchone()
            if found is None or found[0] != last:
                problems.append(
                    Phrase(
                        f"audit chain: the backup {name} recorded event {n}, which the live trail "
                        + ("no longer holds: events were removed" if found is None else "holds changed"),
                        f"bản sao lưu {name} đã ghi nhận mục nhật ký số {n}, nay mục này "
                        + ("không còn: các mục nhật ký đã bị xóa" if found is None else "đã bị sửa"),
                    )
                )
        return problems
    finally:
        conn.close()


def _role_vi(role: Any) -> str:
    try:
        return ROLE_LABEL_VI[Role(role)]
    except ValueError:
        return str(role)


def _record_problems(db_file: Path, immutable: bool) -> list[str]:
    """Security-relevant rows replayed from the audit trail: each account's role and active flag (user.create,
    user.role, user.enable/disable, user.restore_admin) and each dossier's state (the last dossier.* event's
    state). A direct edit of the tables (a clerk made admin, a state changed) shows up here."""
    conn = _read(db_file, immutable)
    problems: list[str] = []
    try:
        users: dict[str, tuple[str | None, bool]] = {}
        states: dict[str, str] = {}
        demo: set[str] = set()
        for entity, entity_id, action, detail in conn.execute(
            "SELECT entity, entity_id, action, detail FROM audit_events "
            "WHERE entity IN ('user', 'dossier') ORDER BY id"
        ):
            try:
                data = json.loads(detail) if detail else {}
            except ValueError:
                data = {}
            if not isinstance(data, dict):
                data = {}
            if entity == "user":
                role, active = users.get(entity_id, (None, True))
                if action == "user.create":
                    role, active = data.get("role"), True
                elif action == "user.role":
                    role = data.get("to", role)
                elif action in ("user.enable", "user.disable"):
                    active = action == "user.enable"
                elif action == "user.restore_admin":
                    role, active = "admin", True
                users[entity_id] = (role, active)
            elif data.get("demo"):  # the demo generator writes a dossier's later history as rows
                demo.add(entity_id)
            else:
                state = data.get("state_after") or data.get("state")
                if isinstance(state, str):
                    states[entity_id] = state
        try:
            rows = conn.execute("SELECT username, role, active FROM users").fetchall()
        except crypto.DB_ERRORS:
            rows = []
        for username, role, active in rows:
            if username not in users:
                problems.append(
                    Phrase(
                        f"account {username} has no record in the audit trail",
                        f"tài khoản {username} không có trong nhật ký",
                    )
                )
                continue
            want_role, want_active = users[username]
            if want_role is not None and role != want_role:
                problems.append(
                    Phrase(
                        f"account {username} has role {role}, the audit trail says {want_role}",
                        f"tài khoản {username} có vai trò “{_role_vi(role)}”, "
                        f"nhật ký ghi “{_role_vi(want_role)}”",
                    )
                )
            if bool(active) != want_active:
                problems.append(
                    Phrase(
                        f"account {username} is {'active' if active else 'disabled'} against the trail",
                        f"tài khoản {username} {'đang dùng được' if active else 'bị khóa'}, khác với nhật ký",
                    )
                )
        for dossier_id, state in conn.execute("SELECT id, state FROM dossiers"):
            want = states.get(str(dossier_id))
            if want is not None and state != want and str(dossier_id) not in demo:
                problems.append(
                    Phrase(
                        f"dossier {dossier_id} is in state {state}, the audit trail says {want}",
                        f"hồ sơ số {dossier_id} đang ở trạng thái “{wording.state_vi(state)}”, "
                        f"nhật ký ghi “{wording.state_vi(want)}”",
                    )
                )
    finally:
        conn.close()
    return problems


def _check_files(data_dir: Path, db: Database | None) -> Check:
    """Delegate to the digitization service's own check when it exists (it knows which rows name files)."""
    try:
        digitization = importlib.import_module("desk_app.services.digitization.pages")
    except ImportError:
        digitization = None
    verify_files = getattr(digitization, "verify_files", None)
    if verify_files is None:
        files_dir = paths.files_dir(data_dir)
        count = sum(1 for p in files_dir.rglob("*") if p.is_file()) if files_dir.is_dir() else 0
        present = Phrase(
            f"{count} files present (no digitization service to check them against)",
            f"có {count} tệp đã lưu (chưa có phần số hóa để đối chiếu)",
        )
        return Check.said("files", True, present)
    own = db is None
    try:
        if own:
            db = open_database(data_dir, upgrade=False)
        return _as_check(verify_files(db))
    except Exception as exc:  # report, never crash: a UserError (e.g. schema upgrade needed) or a bug
        log.exception("stored-file check failed")
        why = f": {exc.vi}" if isinstance(exc, UserError) else ""
        failed = Phrase(
            f"cannot check the stored files: {getattr(exc, 'message', exc)}",
            f"không kiểm tra được các tệp đã lưu{why}",
        )
        return Check.said("files", False, failed)
    finally:
        if own and db is not None:
            db.close()


ALL_MATCH = Phrase("all stored files match", "mọi tệp đã lưu đều khớp")


def _as_check(result: Any) -> Check:
    """Accept what ``digitization.verify_files`` returns: a report with ok/problems, a list of problems, a bool.

    Problems that are Phrases keep their Vietnamese; others are shown as they are."""
    if isinstance(result, bool):
        bad = Phrase("stored files do not match", "có tệp đã lưu không khớp")
        return Check.said("files", result, ALL_MATCH if result else bad)
    if isinstance(result, list | tuple):
        items = [p if isinstance(p, str) else str(p) for p in result]
        return Check.said("files", not items, join(items[:10]) if items else ALL_MATCH)
    ok = bool(getattr(result, "ok", False))
    lines = getattr(result, "lines", None)
    checked = getattr(result, "checked", None)
    match = (
        Phrase(f"{checked} stored files match", f"{checked} tệp đã lưu đều khớp")
        if checked is not None
        else ALL_MATCH
    )
    if callable(lines):
        problems = [p if isinstance(p, str) else str(p) for p in lines()]
        return Check.said("files", ok, join(problems[:10]) if problems else match)
    found: list[str] = [str(v) for v in getattr(result, "problems", None) or ()]
    detail = join(found[:10]) if found else match
    return Check.said("files", ok, detail)


REPAIRABLE = ("received_at", "due_at", "deadline_at")


def repair_date(db: Database, code: str, field_name: str, value: datetime, *, actor: str) -> dict[str, Any]:
    """Correct one date of a dossier that was stored out of range (a year-1 receipt, a due date in 9999), the
    admin's repair: the new value must be plausible (domain.dates), the old stored text is kept in the audit
    trail (``dossier.date_repair``). Returns {code, field, from, to}."""
    from sqlalchemy import text

    from desk_app.domain.errors import ValidationError
    from desk_app.services.lifecycle.dossier_view import get_dossier

    if field_name not in REPAIRABLE:
        raise ValidationError(
            f"Only {', '.join(REPAIRABLE)} can be repaired.",
            "Chỉ sửa được ngày nhận, hạn trả.",
            field="field",
        )
    moment = value.replace(second=0, microsecond=0)
    now = datetime.now()
    with db.transaction() as session:
        dossier = get_dossier(session, code)
        raw = session.execute(
            text(f"SELECT {field_name}, received_at FROM dossiers WHERE id = :i"), {"i": dossier.id}
        ).one()
        if field_name == "received_at":
            dates.check_received(moment, now)
        else:
            received = dates.parse_stored(raw[1])
            if received is None or received.date() < dates.EARLIEST:
                raise ValidationError(
                    "Repair the receiving time first: the due date is checked against it.",
                    "Hãy sửa ngày nhận hồ sơ trước.",
                    field="received_at",
                )
            dates.check_due(moment, received, field=field_name)
        stored = dates.iso_minute(moment)
        session.execute(
            text(f"UPDATE dossiers SET {field_name} = :v WHERE id = :i"), {"v": stored, "i": dossier.id}
        )
        audit.record(
            session,
            "dossier.date_repair",
            actor=actor,
            entity="dossier",
            entity_id=dossier.id,
            detail={"code": dossier.code, "field": field_name, "from": raw[0], "to": stored},
        )
        return {"code": dossier.code, "field": field_name, "from": raw[0], "to": stored}
