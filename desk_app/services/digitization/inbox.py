"""The scan-to-folder inbox (hộp thư quét): files a copier drops into the watched folder.

``process_inbox`` takes the new files that stopped changing, checks each one (a bad file is listed as
rejected with its reason and nothing of it is stored), stores the pages of the good ones and reads the
barcode on each file's first page. A file whose first page shows a known dossier code starts a batch
routed to that dossier (that cover page, usually the intake slip, is not kept); files without a code that
follow within ``inbox_batch_gap_seconds`` (default 120) join the batch. Other files wait for the clerk.
``attach_inbox`` puts items' pages on a document in one transaction; ``dismiss_inbox`` sets items aside.
Files are never moved or deleted from the watched folder: items are keyed by (path, size, mtime).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desk_app.domain.errors import NotFound, UserError, ValidationError
from desk_app.domain.text import clean_line
from desk_app.scanning.assemble import page_image
from desk_app.scanning.barcode import dossier_codes
from desk_app.scanning.files import FileRejected, PageData, read_pages
from desk_app.scanning.store import hash_path
from desk_app.scanning.watcher import FolderFile, FolderWatcher
from desk_app.services.digitization.core import (
    AttachReport,
    Stored,
    add_rows,
    discard_new,
    ensure_stored_rows,
    max_file_bytes,
    store_pages,
)
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import Dossier
from desk_app.store.models_scan import InboxItem, StoredFile

log = logging.getLogger(__name__)

OPEN = ("waiting", "routed")


@dataclass
class InboxReport:
    """One pass over the watched folder: how many new files, and every item still to handle."""

    folder: str
    new: int = 0
    routed: int = 0
    waiting: int = 0
    rejected: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "new": self.new,
            "routed": self.routed,
            "waiting": self.waiting,
            "rejected": self.rejected,
            "items": self.items,
        }


@dataclass
class _Plan:
    file: FolderFile
    status: str
    pages: list[PageData] = field(default_factory=list)
    file_sha: str = ""
    code: str | None = None
    barcode: str = ""
    reason: str = ""
    starts_batch: bool = False
    batch_id: int | None = None  # an earlier run's batch this file continues
    stored: list[Stored] = field(default_factory=list)


def configured_folder(db: Database) -> str:
    """The scan folder as the admin set it ("" when none is set)."""
    with db.session() as session:
        return str(settings.get(session, "watch_folder") or "").strip()


def watch_folder(db: Database) -> Path:
    """The scan folder to watch; a clear message when none is set."""
    value = configured_folder(db)
    if not value:
        raise UserError(
            "No scan folder is set (setting watch_folder).",
            "Chưa cài đặt thư mục nhận bản quét. Hãy chọn thư mục trong phần Cài đặt.",
        )
    return Path(value).expanduser()


def _item_dict(item: InboxItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "path": item.path,
        "status": item.status,
        "dossier_code": item.dossier_code,
        "document": item.document_position,
        "pages": len(item.pages or []),
        "barcode": item.barcode,
        "batch": item.batch_id,
        "reason": item.reason,
        "seen_at": item.seen_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
    }


def list_inbox(db: Database, *, include_done: bool = False, limit: int = 500) -> list[dict[str, Any]]:
    """Items waiting or routed (and rejected ones), oldest first; with ``include_done`` all of them."""
    wanted = None if include_done else (*OPEN, "rejected")
    with db.session() as session:
        query = select(InboxItem).order_by(InboxItem.id.desc()).limit(limit)
        if wanted is not None:
            query = query.where(InboxItem.status.in_(wanted))
        return [_item_dict(i) for i in reversed(list(session.scalars(query)))]


def _known_codes(db: Database, codes: list[str]) -> list[str]:
    if not codes:
        return []
    with db.session() as session:
        found = set(session.scalars(select(Dossier.code).where(Dossier.code.in_(codes))))
    return [c for c in codes if c in found]


def _plan(db: Database, files: Sequence[FolderFile], limit: int, gap_ns: int) -> list[_Plan]:
    with db.session() as session:
        last = session.scalars(
            select(InboxItem)
            .where(InboxItem.status != "rejected")
            .order_by(InboxItem.mtime_ns.desc(), InboxItem.id.desc())
            .limit(1)
        ).first()
        batch_code = last.dossier_code if last is not None and last.status in ("routed", "attached") else None
        batch_id = last.batch_id if batch_code and last is not None else None
        last_mtime = last.mtime_ns if last is not None else 0
    plans: list[_Plan] = []
    for f in files:
        try:
            pages = read_pages(f.path, limit)
            file_sha = hash_path(f.path)
        except FileRejected as exc:
            plans.append(_Plan(f, "rejected", reason=exc.vi))
            continue
        except OSError:  # locked by the copier or gone: try again next time
            log.info("inbox file %s not readable yet", f.path, exc_info=True)
            continue
        plan = _Plan(f, "waiting", pages=pages, file_sha=file_sha)
        image = page_image(pages[0].data, pages[0].mime)
        decoded = dossier_codes(image) if image is not None else []
        known = _known_codes(db, decoded)
        if known:
            plan.status, plan.code, plan.barcode, plan.starts_batch = "routed", known[0], known[0], True
            plan.pages = pages[1:]  # the cover page carrying the code (the slip) is not a document page
            batch_code, batch_id = known[0], None
        elif decoded:
            plan.barcode = decoded[0]
            plan.reason = f"Mã {decoded[0]} trên trang đầu không có trong dữ liệu."
            batch_code = None
        elif batch_code and f.mtime_ns - last_mtime <= gap_ns:
            plan.status, plan.code, plan.batch_id = "routed", batch_code, batch_id
        else:
            batch_code = None
        last_mtime = f.mtime_ns
        plans.append(plan)
    return plans


def process_inbox(
    db: Database,
    folder: Path | None = None,
    *,
    files: Sequence[FolderFile] | None = None,
    settle_seconds: float = 2.0,
    actor: str = "",
) -> InboxReport:
    """Take the new stable files of the watched folder into the inbox, routing batches by barcode."""
    folder = Path(folder) if folder is not None else watch_folder(db)
    if not folder.is_dir():
        raise UserError(
            f"The scan folder {folder} does not exist or cannot be opened.",
            f"Không mở được thư mục nhận bản quét {folder}. Hãy kiểm tra thư mục (hoặc ổ mạng) còn kết nối.",
        )
    if files is None:
        files = FolderWatcher(folder, settle_seconds).collect()
    with db.session() as session:
        gap = float(settings.get(session, "inbox_batch_gap_seconds") or 120)
        paths = [str(f.path) for f in files]
        known: set[tuple[str, int, int]] = set()
        if paths:
            rows = session.execute(
                select(InboxItem.path, InboxItem.size, InboxItem.mtime_ns).where(InboxItem.path.in_(paths))
            )
            known = {(path, size, mtime) for path, size, mtime in rows}
    new = [f for f in files if (str(f.path), f.size, f.mtime_ns) not in known]
    new.sort(key=lambda f: (f.mtime_ns, f.path.name))
    plans = _plan(db, new, max_file_bytes(db), int(gap * 1e9))
    all_stored: list[Stored] = []
    try:
        for plan in plans:
            plan.stored = store_pages(db, plan.pages)
            all_stored += plan.stored
        _commit(db, plans, actor)
    except IntegrityError as exc:
        discard_new(db, all_stored)
        raise UserError(
            "Another computer is taking the same files: try again.",
            "Một máy khác đang nhận cùng các tệp này. Hãy thử lại sau giây lát.",
        ) from exc
    except BaseException:
        discard_new(db, all_stored)
        raise
    report = InboxReport(str(folder), new=len(plans))
    report.items = list_inbox(db)
    for item in report.items:
        if item["status"] in ("routed", "waiting", "rejected"):
            setattr(report, item["status"], getattr(report, item["status"]) + 1)
    return report


def _commit(db: Database, plans: list[_Plan], actor: str) -> None:
    if not plans:
        return
    with db.transaction() as session:
        now = datetime.now().replace(microsecond=0)
        current_batch: int | None = None
        routed: dict[str, list[int]] = {}
        for plan in plans:
            ensure_stored_rows(session, plan.stored, now)
            item = InboxItem(
                path=str(plan.file.path),
                name=clean_line(plan.file.path.name)[:300],
                size=plan.file.size,
                mtime_ns=plan.file.mtime_ns,
                file_sha256=plan.file_sha,
                pages=[s.sha256 for s in plan.stored],
                status=plan.status,
                dossier_code=plan.code,
                barcode=plan.barcode[:300],
                reason=plan.reason,
                seen_at=now,
                updated_at=now,
                updated_by=actor,
            )
            session.add(item)
            session.flush()
            if plan.starts_batch:
                current_batch = item.id
            if plan.status == "routed":
                item.batch_id = plan.batch_id or (item.id if plan.starts_batch else current_batch)
                routed.setdefault(plan.code or "", []).append(item.id)
            elif plan.status != "rejected":
                current_batch = None
        for code, ids in routed.items():
            dossier = session.scalars(select(Dossier).where(Dossier.code == code)).first()
            if dossier is not None:
                audit.record(
                    session,
                    "inbox.route",
                    actor=actor,
                    entity="dossier",
                    entity_id=dossier.id,
                    detail={"code": code, "items": ids},
                )
        audit.record(
            session,
            "inbox.process",
            actor=actor,
            entity="inbox",
            detail={
                "new": len(plans),
                "routed": sum(len(v) for v in routed.values()),
                "rejected": sum(1 for p in plans if p.status == "rejected"),
            },
        )


def _open_items(session: Any, ids: Sequence[int]) -> list[InboxItem]:
    items = list(
        session.scalars(
            select(InboxItem).where(InboxItem.id.in_(list(ids))).order_by(InboxItem.mtime_ns, InboxItem.id)
        )
    )
    missing = sorted(set(ids) - {i.id for i in items})
    if missing:
        raise NotFound(f"No inbox item {missing[0]}.", f"Không có tệp số {missing[0]} trong hộp thư quét.")
    done = [i for i in items if i.status not in OPEN]
    if done:
        raise ValidationError(
            f"Inbox item {done[0].id} is already {done[0].status}.",
            f"Tệp {done[0].name} đã được xử lý ({done[0].status}).",
            field="items",
        )
    return items


def attach_inbox(
    db: Database, ids: Sequence[int], document: int, *, code: str | None = None, actor: str = ""
) -> AttachReport:
    """Put the pages of inbox items (in arrival order) on a document (0 = the e-result)."""
    if not ids:
        raise ValidationError("Choose at least one file.", "Hãy chọn ít nhất một tệp.", field="items")
    with db.transaction() as session:
        items = _open_items(session, ids)
        target = code or next((i.dossier_code for i in items if i.dossier_code), None)
        if not target:
            raise ValidationError(
                "Say which dossier these files belong to.", "Hãy chọn hồ sơ để gắn các tệp này.", field="code"
            )
        stored: list[Stored] = []
        for item in items:
            for sha in item.pages or []:
                row = session.get(StoredFile, sha)
                if row is None:
                    raise UserError(
                        f"A page of {item.name} is not stored any more.",
                        f"Một trang của tệp {item.name} không còn trong kho lưu trữ.",
                    )
                stored.append(Stored(sha, False, row.mime, row.size, item.name))
        report = add_rows(session, target, document, stored, source="inbox", actor=actor)
        now = datetime.now().replace(microsecond=0)
        for item in items:
            item.status, item.dossier_code, item.document_position = "attached", report.code, document
            item.updated_at, item.updated_by = now, actor
        return report


def dismiss_inbox(db: Database, ids: Sequence[int], reason: str, *, actor: str = "") -> int:
    """Set inbox items aside (not a dossier's pages): recorded with the reason."""
    why = clean_line(reason)
    if not why:
        raise ValidationError("A reason is required.", "Cần ghi lý do bỏ qua tệp.", field="reason")
    with db.transaction() as session:
        items = _open_items(session, ids)
        now = datetime.now().replace(microsecond=0)
        for item in items:
            item.status, item.reason, item.updated_at, item.updated_by = "dismissed", why, now, actor
        audit.record(
            session,
            "inbox.dismiss",
            actor=actor,
            entity="inbox",
            detail={"items": [i.id for i in items], "reason": why},
        )
        return len(items)


def set_watch_folder(db: Database, folder: str, *, actor: str = "") -> str:
    """Choose the scan-to-folder directory ("" turns watching off)."""
    value = str(folder).strip()
    if value and not Path(value).expanduser().is_dir():
        raise ValidationError(
            f"{value} is not a folder.", f"{value} không phải là thư mục.", field="watch_folder"
        )
    with db.transaction() as session:
        settings.put(session, "watch_folder", value)
        audit.record(
            session,
            "settings.save",
            actor=actor,
            entity="settings",
            entity_id="watch_folder",
            detail={"changed": {"watch_folder": value}},
        )
    return value
