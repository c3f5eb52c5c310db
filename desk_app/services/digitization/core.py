"""The shared part of digitisation: reports, durable page files, and page rows in one transaction.

Used by :mod:`desk_app.services.digitization.pages` (the public API) and :mod:`desk_app.services.digitization.inbox`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.errors import UserError
from desk_app.domain.text import clean_line
from desk_app.scanning.files import MB, PageData
from desk_app.services.digitization.files import page_store
from desk_app.services.digitization.view import (
    RESULT,
    PageInfo,
    active_pages,
    active_results,
    document_at,
    find_dossier,
    page_info,
)
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import Dossier
from desk_app.store.models_scan import Page, ResultFile, StoredFile

DIGITIZED = frozenset(("digitized", "reused_document", "reused_result"))


@dataclass(frozen=True)
class Rejected:
    """A file that was refused, with the reason in English and Vietnamese."""

    name: str
    message: str
    vi: str


@dataclass
class AttachReport:
    """What an attach did. ``document`` 0 is the e-result. ``interrupted``: the scanner failed after the
    pages in ``added`` (they are saved)."""

    code: str
    document: int
    added: list[PageInfo] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    digitization: str = "none"
    pages: int = 0
    dossier_digitized: bool = False
    result_digitized: bool = False
    interrupted: UserError | None = None

    @property
    def ok(self) -> bool:
        return not self.rejected and self.interrupted is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "document": self.document,
            "added": [p.as_dict() for p in self.added],
            "duplicates": self.duplicates,
            "rejected": [asdict(r) for r in self.rejected],
            "digitization": self.digitization,
            "pages": self.pages,
            "dossier_digitized": self.dossier_digitized,
            "result_digitized": self.result_digitized,
            "interrupted": None if self.interrupted is None else self.interrupted.message,
        }


def current_time() -> datetime:
    return datetime.now().replace(microsecond=0)


def max_file_bytes(db: Database) -> int:
    with db.session() as session:
        return int(float(settings.get(session, "max_file_mb") or 50) * MB)


def refresh_flags(session: Session, dossier: Dossier, now: datetime) -> None:
    session.flush()
    received = [d for d in dossier.documents if d.received]
    dossier.digitized = bool(received) and all(d.digitization in DIGITIZED for d in received)
    dossier.result_digitized = bool(active_results(session, dossier.id))
    dossier.updated_at = now


def status_report(session: Session, dossier: Dossier, number: int) -> AttachReport:
    assert dossier.code is not None
    if number == RESULT:
        count, status = (
            len(active_results(session, dossier.id)),
            "digitized" if dossier.result_digitized else "none",
        )
    else:
        doc = document_at(dossier, number)
        count, status = len(active_pages(session, doc.id)), doc.digitization
    return AttachReport(
        dossier.code,
        number,
        digitization=status,
        pages=count,
        dossier_digitized=dossier.digitized,
        result_digitized=dossier.result_digitized,
    )


def check_target(db: Database, code: str, number: int) -> None:
    with db.session() as session:
        dossier = find_dossier(session, code)
        if number != RESULT:
            document_at(dossier, number)


@dataclass(frozen=True)
class Stored:
    """A page file made durable by this operation (``created``: written now, not found already stored)."""

    sha256: str
    created: bool
    mime: str
    size: int
    source_name: str = ""


def store_pages(db: Database, pages: Sequence[PageData]) -> list[Stored]:
    """Write page files durably (before any row); on failure the ones written are removed again."""
    store = page_store(db)
    stored: list[Stored] = []
    try:
        for page in pages:
            sha, created = store.put(page.data)
            stored.append(Stored(sha, created, page.mime, len(page.data), page.source_name))
    except BaseException:
        discard_new(db, stored)
        raise
    return stored


def discard_new(db: Database, stored: Sequence[Stored]) -> None:
    """Remove files written by a failed operation, unless a row (another operation) now needs them."""
    new = [s.sha256 for s in stored if s.created]
    if not new:
        return
    with db.session() as session:
        kept = set(session.scalars(select(StoredFile.sha256).where(StoredFile.sha256.in_(new))))
    store = page_store(db)
    for sha in new:
        if sha not in kept:
            store.discard(sha)


def ensure_stored_rows(session: Session, stored: Sequence[Stored], now: datetime) -> None:
    for item in stored:
        if session.get(StoredFile, item.sha256) is None:
            session.add(StoredFile(sha256=item.sha256, size=item.size, mime=item.mime, created_at=now))
    session.flush()


def add_rows(
    session: Session,
    code: str,
    document: int,
    stored: Sequence[Stored],
    *,
    source: str,
    actor: str = "",
    skip_duplicates: bool = True,
) -> AttachReport:
    """Inside the caller's transaction: page rows for durable files, the statuses, one audit event."""
    now = current_time()
    dossier = find_dossier(session, code)
    if document == RESULT:
        existing: list[Page] | list[ResultFile] = active_results(session, dossier.id)
        position = (
            session.scalar(select(func.max(ResultFile.position)).where(ResultFile.dossier_id == dossier.id))
            or 0
        )
    else:
        doc = document_at(dossier, document)
        existing = active_pages(session, doc.id)
        position = session.scalar(select(func.max(Page.position)).where(Page.document_id == doc.id)) or 0
    seen = {row.sha256 for row in existing}
    rows: list[Page | ResultFile] = []
    duplicates: list[str] = []
    fresh: list[Stored] = []
    for item in stored:
        if skip_duplicates and item.sha256 in seen:
            duplicates.append(item.source_name or item.sha256)
            continue
        seen.add(item.sha256)
        fresh.append(item)
        position += 1
        common: dict[str, Any] = {
            "sha256": item.sha256,
            "position": position,
            "source": source,
            "source_name": clean_line(item.source_name)[:300],
            "created_at": now,
            "created_by": actor,
        }
        rows.append(
            ResultFile(dossier_id=dossier.id, **common)
            if document == RESULT
            else Page(document_id=doc.id, **common)
        )
    ensure_stored_rows(session, fresh, now)
    session.add_all(rows)
    if rows and document != RESULT and doc.digitization == "none":
        doc.digitization = "digitized"
    if rows:
        refresh_flags(session, dossier, now)
        audit.record(
            session,
            "result.attach" if document == RESULT else "page.attach",
            actor=actor,
            entity="dossier",
            entity_id=dossier.id,
            detail={
                "code": dossier.code,
                "document": document,
                "source": source,
                "pages": [r.sha256 for r in rows],
            },
        )
    report = status_report(session, dossier, document)
    first = len(existing) + 1
    report.added = [page_info(session, r, first + i) for i, r in enumerate(rows)]
    report.duplicates = duplicates
    return report
