"""Sending the outbox to the hub: what is due, with retries and exponential backoff; the status; the settings.

Each outbox period is sent as a complete value set (its II.06a total and its rows by field), under a fresh
batch id; a retry of the same request reuses the batch id, so a hub that already applied it answers with the
stored summary. An edit made while a period is "sending" bumps its generation, and the period goes back to
"to send" once the upload ends. The hub keys values naturally, so even a resend never duplicates anything.
"""

from __future__ import annotations

import hashlib
import logging
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.periods import parse_period, period_containing
from desk_app.domain.states import STATE_LABEL_VI, State
from desk_app.services.sync import client
from desk_app.services.sync.outbox import mark_everything, mark_periods
from desk_app.services.sync.status import CLOSED, CLOSED_VI, SETTLED
from desk_app.store import settings
from desk_app.store.db import Database
from desk_app.store.models import Dossier, Procedure, Unit
from desk_app.store.models_sync import SyncDirtyDossier, SyncOutboxItem

log = logging.getLogger(__name__)

K_URL, K_TOKEN, K_CA, K_UNIT = "sync_hub_url", "sync_token", "sync_ca_file", "sync_unit_code"
K_HUB_KEY, K_LAST_OK, K_SEQ = "sync_hub_key", "sync_last_success", "sync_offline_seq"
BACKOFF_BASE_S, BACKOFF_MAX_S = 30.0, 3600.0
DOSSIER_CHUNK = 500


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... up to 1 h, with ±20% jitter so that 3,321 communes do not retry in step."""
    seconds = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1))
    return timedelta(seconds=seconds * random.uniform(0.8, 1.2))


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _hub_key(url: str, token: str) -> str:
    return hashlib.sha256(f"{url.rstrip('/')}\n{token}".encode()).hexdigest()


def config(db: Database) -> dict[str, Any]:
    with db.session() as s:
        values = {k: settings.get(s, k) for k in (K_URL, K_TOKEN, K_CA, K_UNIT)}
        unit = s.scalars(select(Unit).limit(1)).first()
    return {
        "hub": values[K_URL] or "",
        "token": values[K_TOKEN] or "",
        "ca_file": values[K_CA] or "",
        "unit": values[K_UNIT] or (unit.agency_code if unit else ""),
    }


def configure(
    db: Database, hub: str, token: str, ca_file: str | None = None, unit_code: str | None = None
) -> int:
    """Save the hub settings; on a new hub (or token) mark every month that holds data. Returns periods marked."""
    hub = hub.strip()
    if not (hub.startswith("http://") or hub.startswith("https://")):
        raise ValidationError(
            "The hub address must start with http:// or https://",
            "Địa chỉ máy chủ cấp trên phải bắt đầu bằng http:// hoặc https://",
            field="hub",
        )
    token = token.strip()
    if not token:
        raise ValidationError("The token is empty", "Chưa nhập mã truy cập (token)", field="token")
    if ca_file:
        path = Path(ca_file).expanduser()
        if not path.is_file():
            raise ValidationError(
                f"CA file not found: {ca_file}", f"Không thấy tệp CA: {ca_file}", field="ca"
            )
        ca_file = str(path.resolve())
    key = _hub_key(hub, token)
    with db.transaction() as s:
        settings.put(s, K_URL, hub)
        settings.put(s, K_TOKEN, token)
        settings.put(s, K_CA, ca_file or "")
        if unit_code is not None:
            settings.put(s, K_UNIT, unit_code.strip())
        marked = 0
        if settings.get(s, K_HUB_KEY) != key:  # the first sync to this hub sends everything
            settings.put(s, K_HUB_KEY, key)
            settings.put(s, K_LAST_OK, "")
            marked = mark_everything(s)
        return marked


def _require_config(db: Database) -> dict[str, Any]:
    cfg = config(db)
    if not cfg["hub"] or not cfg["token"]:
        raise UserError(
            "Sync is not configured: run `desk-app sync configure --hub URL --token TOKEN`",
            "Chưa cài đặt máy chủ cấp trên (địa chỉ và mã truy cập).",
        )
    if not cfg["unit"]:
        raise UserError("No unit is set up yet", "Chưa khai báo đơn vị.")
    return cfg


@contextmanager
def _worker_lock(db: Database) -> Iterator[bool]:
    """One sync worker per data directory (GUI timer, CLI). True when this process holds the lock: then any
    row still "sending" was left by a process that died mid-upload."""
    path = Path(db.data_dir) / "sync.lock"
    with open(path, "a+b") as fh:
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UserError(
                "Another sync is running for this data directory; try again in a moment",
                "Đang có một lần đồng bộ khác chạy; hãy thử lại sau giây lát.",
            ) from None
        yield True  # the lock is released when the file is closed


def _refresh(db: Database, now: datetime) -> None:
    """Recover rows left "sending" by a killed process; queue each ended month once more after its end.

    Called with the worker lock held, so no other worker is uploading: every "sending" row is an orphan."""
    with db.transaction() as s:
        for row in s.scalars(select(SyncOutboxItem).where(SyncOutboxItem.state == "sending")):
            row.state = "to_send"
        for row in s.scalars(select(SyncOutboxItem).where(SyncOutboxItem.state == "sent")):
            end = parse_period(row.period).end
            if now.date() > end and (row.sent_at is None or row.sent_at.date() <= end):
                row.state, row.attempts, row.next_try_at = "to_send", 0, None  # the final figures
        last_month = period_containing("month", now.date()).previous()
        has_data = s.scalar(select(func.count(Dossier.id)).where(Dossier.code.is_not(None))) or 0
        if has_data and s.get(SyncOutboxItem, last_month.code) is None:
            mark_periods(s, [last_month], now)


def value_set(db: Database, period_code: str, unit_code: str) -> dict[str, Any]:
    """The period's figures as the hub's value set: II.06a total ("") and rows by field ("field:<name>")."""
    from desk_app.services.reports.report import build_report

    report = build_report(db, "ii06a", parse_period(period_code), by="field")
    values: list[dict[str, Any]] = []
    for breakdown, row in [("", report.total)] + [(f"field:{r.key}", r) for r in report.rows]:
        for code, value in row.values.items():
            if "." in code and isinstance(value, int):
                values.append(
                    {"period": period_code, "indicator": code, "breakdown": breakdown[:120], "value": value}
                )
    return {"unit": unit_code, "complete_periods": [period_code], "data_values": values}


def _dossier_records(db: Database, ids: list[int]) -> list[dict[str, Any]]:
    out = []
    with db.session() as s:
        unit = s.scalars(select(Unit).limit(1)).first()
        collect = ", ".join(x for x in ((unit.office_name if unit else ""), (unit.name if unit else "")) if x)
        rows = s.execute(
            select(Dossier, Procedure.code, Procedure.name, Procedure.field)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.id.in_(ids), Dossier.code.is_not(None))
        )
        for d, pcode, pname, pfield in rows:
            try:
                label = STATE_LABEL_VI[State(d.state)]
            except (ValueError, KeyError):
                label = d.state
            due = d.extended_due_at or d.due_at
            timeliness = ""
            if d.finished_at is not None and due is not None:
                timeliness = "late" if d.finished_at > due else "on_time"
            out.append(
                {  # no names, no ID numbers, no phones: the hub's DossierIn refuses any other field
                    "code": d.code,
                    "procedure_code": pcode or "",
                    "procedure_name": (pname or "")[:500],
                    "field": (pfield or "")[:300],
                    "received_at": d.received_at.isoformat() if d.received_at else None,
                    "due_at": due.isoformat() if due else None,
                    "finished_at": d.finished_at.isoformat() if d.finished_at else None,
                    "state": d.state,
                    "state_label": label[:200],
                    "channel": d.channel,
                    "timeliness": timeliness,
                    "collect_at": collect[:300],
                }
            )
    return out


def _post(
    cfg: dict[str, Any], body: dict[str, Any], tries: int, sleep: Callable[[float], None]
) -> dict[str, Any]:
    """POST one batch; retriable failures are retried with the SAME batch id (0.5 s, 1 s, 2 s, ...)."""
    body = {"batch_id": uuid.uuid4().hex, **body}
    for attempt in range(tries):
        try:
            return client.request(
                cfg["hub"], "POST", "/api/v1/dataValueSets", cfg["token"], body, cfg["ca_file"]
            ).body
        except client.SyncFailure as failure:
            if not failure.retriable or attempt == tries - 1:
                raise
            sleep(min(8.0, 0.5 * 2**attempt))
    raise AssertionError("unreachable")


def sync_now(
    db: Database,
    *,
    tries: int = 4,
    sleep: Callable[[float], None] = time.sleep,
    force: bool = False,
) -> dict[str, Any]:
    """Send everything due; return {"sent": [...], "errors": [...], "pending": N, "last_success": ...}.

    ``force`` ignores the backoff (the "sync now" button). Never raises for a hub's refusal: it is recorded
    on the item and returned in "errors".
    """
    cfg = _require_config(db)
    with _worker_lock(db):
        return _sync_locked(db, cfg, tries, sleep, force)


def _sync_locked(
    db: Database, cfg: dict[str, Any], tries: int, sleep: Callable[[float], None], force: bool
) -> dict[str, Any]:
    now = _now()
    _refresh(db, now)
    sent: list[str] = []
    errors: list[dict[str, Any]] = []
    closed: list[dict[str, Any]] = []
    # A month the hub has closed is tried again only when asked ("sync now": the hub may have reopened it)
    # or when its figures change again.
    states = ("to_send", "error", CLOSED) if force else ("to_send", "error")
    with db.session() as s:
        due = [
            (r.period, r.generation)
            for r in s.scalars(
                select(SyncOutboxItem).where(SyncOutboxItem.state.in_(states)).order_by(SyncOutboxItem.period)
            )
            if force or r.next_try_at is None or r.next_try_at <= now
        ]
    fatal: client.SyncFailure | None = None
    for period, _gen in due:
        with db.transaction() as s:
            row = s.get(SyncOutboxItem, period)
            if row is None or row.state not in states:
                continue
            row.state, row.last_attempt_at = "sending", _now()
            generation = row.generation
        try:
            if fatal is not None:
                raise fatal
            _post(cfg, value_set(db, period, cfg["unit"]), tries, sleep)
        except client.SyncFailure as failure:
            if (not failure.retriable and failure.status in (401, 403)) or (
                failure.status is None and not failure.retriable
            ):
                fatal = failure  # a wrong token or certificate fails every item: do not hammer the hub
            shut = failure.status == 409  # the upper level closed this month: it keeps what it had
            with db.transaction() as s:
                row = s.get(SyncOutboxItem, period)
                assert row is not None
                row.attempts += 1
                if shut:
                    row.state, row.error, row.next_try_at = CLOSED, CLOSED_VI, None
                else:
                    row.state, row.error = "error", failure.vi
                    # A refusal (wrong token, bad data) will not heal by itself: the background worker leaves
                    # it for a day, until the period changes again, or until "sync now" / new settings.
                    wait = backoff(row.attempts) if failure.retriable else timedelta(days=1)
                    row.next_try_at = _now() + wait
            report = {"period": period, "error": CLOSED_VI if shut else failure.vi, "reason": failure.reason}
            (closed if shut else errors).append(report)
            continue
        with db.transaction() as s:
            row = s.get(SyncOutboxItem, period)
            assert row is not None
            row.sent_at = _now()
            row.sent_generation = generation
            row.attempts, row.error, row.next_try_at = 0, "", None
            row.state = "sent" if row.generation == generation else "to_send"  # edited while uploading
        sent.append(period)
    if fatal is None:
        errors += _send_dossiers(db, cfg, tries, sleep)
    if not errors:
        with db.transaction() as s:
            settings.put(s, K_LAST_OK, _now().isoformat(timespec="seconds"))
    return {**status(db), "sent": sent, "errors": errors, "closed_now": closed}


def _send_dossiers(
    db: Database, cfg: dict[str, Any], tries: int, sleep: Callable[[float], None]
) -> list[dict[str, Any]]:
    while True:
        with db.session() as s:
            batch = s.execute(
                select(SyncDirtyDossier.dossier_id, SyncDirtyDossier.generation)
                .order_by(SyncDirtyDossier.dossier_id)
                .limit(DOSSIER_CHUNK)
            ).all()
        if not batch:
            return []
        records = _dossier_records(db, [b.dossier_id for b in batch])
        try:
            if records:
                _post(cfg, {"unit": cfg["unit"], "dossiers": records}, tries, sleep)
        except client.SyncFailure as failure:
            return [{"period": "dossiers", "error": failure.vi, "reason": failure.reason}]
        with db.transaction() as s:
            for b in batch:  # a dossier changed again meanwhile keeps its mark
                s.execute(
                    delete(SyncDirtyDossier).where(
                        SyncDirtyDossier.dossier_id == b.dossier_id,
                        SyncDirtyDossier.generation == b.generation,
                    )
                )


def status(db: Database) -> dict[str, Any]:
    with db.session() as s:
        rows = s.scalars(select(SyncOutboxItem).order_by(SyncOutboxItem.period.desc())).all()
        last = settings.get(s, K_LAST_OK)
        dirty = s.scalar(select(func.count()).select_from(SyncDirtyDossier)) or 0
        hub = settings.get(s, K_URL) or ""
    items = [
        {
            "period": r.period,
            "state": r.state,
            "changed_at": r.changed_at.isoformat(timespec="seconds"),
            "sent_at": r.sent_at.isoformat(timespec="seconds") if r.sent_at else None,
            "attempts": r.attempts,
            "next_try_at": r.next_try_at.isoformat(timespec="seconds") if r.next_try_at else None,
            "error": r.error,
        }
        for r in rows
    ]
    return {
        "hub": hub,
        "last_success": last or None,
        "pending": sum(1 for i in items if i["state"] not in SETTLED),
        "closed": [i["period"] for i in items if i["state"] == CLOSED],
        "dossiers_pending": int(dirty),
        "errors": [{"period": i["period"], "error": i["error"]} for i in items if i["state"] == "error"],
        "items": items,
    }
