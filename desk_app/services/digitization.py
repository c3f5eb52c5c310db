"""Digitisation of dossiers (số hóa hồ sơ): pages on documents, the e-result, reuse, removal.

Every change follows the same order: the page files are made durable first (``PageStore.put``: temp name,
fsync, rename), then ONE transaction adds the rows, updates the document's status (none / digitized /
reused_document / reused_result, domain.md §4 TrangThaiSoHoa), the dossier's ``digitized`` (every received
document digitised) and ``result_digitized`` (an e-result attached, QĐ 766 chỉ số 4.1–4.2), and appends an
audit event. If the transaction fails, the files it wrote are removed again; a crash in between leaves only
stray files that ``sweep`` reports. Removing a page is recorded (who, when, why), never a silent delete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.errors import NotFound, UserError, ValidationError
from desk_app.domain.text import clean_line
from desk_app.scanning.backend import CancelFn, ProgressFn, ScannerBackend, ScannerError, ScanOptions
from desk_app.scanning.files import MB, FileRejected, PageData, encode_scan, read_pages
from desk_app.services.digitization_files import SweepReport, VerifyReport, page_store, sweep, verify_files
from desk_app.services.digitization_view import (
    RESULT,
    PageInfo,
    active_pages,
    active_results,
    document_at,
    document_pdf,
    document_summaries,
    find_dossier,
    list_pages,
    page_info,
    result_summary,
)
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import Dossier
from desk_app.store.models_scan import Page, ResultFile, StoredFile

__all__ = [
    "STATUSES", "AttachReport", "PageInfo", "Rejected", "SweepReport", "VerifyReport", "attach_files",
    "attach_pages", "attach_result", "document_pdf", "document_summaries", "find_dossier", "list_pages",
    "max_file_bytes",
    "remove_page", "result_summary", "scan_to_document", "set_reuse", "sweep", "verify_files",
]

STATUSES = ("none", "digitized", "reused_document", "reused_result")
DIGITIZED = frozenset(STATUSES[1:])


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
            "code": self.code, "document": self.document, "added": [p.as_dict() for p in self.added],
            "duplicates": self.duplicates, "rejected": [asdict(r) for r in self.rejected],
            "digitization": self.digitization, "pages": self.pages, "dossier_digitized": self.dossier_digitized,
            "result_digitized": self.result_digitized,
            "interrupted": None if self.interrupted is None else self.interrupted.message,
        }


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def max_file_bytes(db: Database) -> int:
    with db.session() as session:
        return int(float(settings.get(session, "max_file_mb") or 50) * MB)


def _refresh(session: Session, dossier: Dossier, now: datetime) -> None:
    session.flush()
    received = [d for d in dossier.documents if d.received]
    dossier.digitized = bool(received) and all(d.digitization in DIGITIZED for d in received)
    dossier.result_digitized = bool(active_results(session, dossier.id))
    dossier.updated_at = now


def _report(session: Session, dossier: Dossier, number: int) -> AttachReport:
    assert dossier.code is not None
    if number == RESULT:
        count, status = len(active_results(session, dossier.id)), "digitized" if dossier.result_digitized else "none"
    else:
        doc = document_at(dossier, number)
        count, status = len(active_pages(session, doc.id)), doc.digitization
    return AttachReport(dossier.code, number, digitization=status, pages=count,
                        dossier_digitized=dossier.digitized, result_digitized=dossier.result_digitized)


def _check_target(db: Database, code: str, number: int) -> None:
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


def add_rows(session: Session, code: str, document: int, stored: Sequence[Stored], *, source: str,
             actor: str = "", skip_duplicates: bool = True) -> AttachReport:
    """Inside the caller's transaction: page rows for durable files, the statuses, one audit event."""
    now = _now()
    dossier = find_dossier(session, code)
    if document == RESULT:
        existing: list[Page] | list[ResultFile] = active_results(session, dossier.id)
        position = session.scalar(select(func.max(ResultFile.position))
                                  .where(ResultFile.dossier_id == dossier.id)) or 0
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
        common: dict[str, Any] = {"sha256": item.sha256, "position": position, "source": source,
                                  "source_name": clean_line(item.source_name)[:300], "created_at": now,
                                  "created_by": actor}
        rows.append(ResultFile(dossier_id=dossier.id, **common) if document == RESULT
                    else Page(document_id=doc.id, **common))
    ensure_stored_rows(session, fresh, now)
    session.add_all(rows)
    if rows and document != RESULT and doc.digitization == "none":
        doc.digitization = "digitized"
    if rows:
        _refresh(session, dossier, now)
        audit.record(session, "result.attach" if document == RESULT else "page.attach", actor=actor,
                     entity="dossier", entity_id=dossier.id,
                     detail={"code": dossier.code, "document": document, "source": source,
                             "pages": [r.sha256 for r in rows]})
    report = _report(session, dossier, document)
    first = len(existing) + 1
    report.added = [page_info(session, r, first + i) for i, r in enumerate(rows)]
    report.duplicates = duplicates
    return report


def attach_pages(db: Database, code: str, document: int, pages: Sequence[PageData], *, source: str = "file",
                 actor: str = "", skip_duplicates: bool = True) -> AttachReport:
    """Add ``pages`` at the end of document ``document`` (1-based; 0 = the e-result).

    ``skip_duplicates``: a page whose content is already on the document is not added twice (retrying an
    import is safe); scanner pages are always added (two blank pages are two pages).
    """
    _check_target(db, code, document)
    stored = store_pages(db, pages)
    try:
        with db.transaction() as session:
            return add_rows(session, code, document, stored, source=source, actor=actor,
                            skip_duplicates=skip_duplicates)
    except BaseException:
        discard_new(db, stored)
        raise


def attach_files(db: Database, code: str, document: int, paths: Sequence[Path], *, actor: str = "") -> AttachReport:
    """Import files (PDF, JPEG, PNG, TIFF) onto a document (0 = the e-result).

    Each file is checked on its own: a refused file stores nothing and is listed in ``rejected`` with the
    reason; the good files are attached.
    """
    _check_target(db, code, document)
    limit = max_file_bytes(db)
    pages: list[PageData] = []
    rejected: list[Rejected] = []
    for path in paths:
        try:
            pages.extend(read_pages(Path(path), limit))
        except FileRejected as exc:
            rejected.append(Rejected(exc.name, exc.message, exc.vi))
    if pages:
        report = attach_pages(db, code, document, pages, source="file", actor=actor)
    else:
        with db.session() as session:
            report = _report(session, find_dossier(session, code), document)
    report.rejected = rejected
    return report


def attach_result(db: Database, code: str, paths: Sequence[Path], *, actor: str = "") -> AttachReport:
    """Attach the e-result files of a dossier (kết quả điện tử): ``Dossier.result_digitized``."""
    return attach_files(db, code, RESULT, paths, actor=actor)


def scan_to_document(db: Database, code: str, document: int, options: ScanOptions, *,
                     backend: ScannerBackend | None = None, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None, actor: str = "") -> AttachReport:
    """Scan pages onto a document. A feeder run becomes pages of this one document.

    Cancel stores nothing (ScanCancelled). A scanner failing mid-batch keeps the pages read before it:
    they are attached and ``interrupted`` says what happened and how many were saved.
    """
    from desk_app.scanning.backend import default_backend

    options = options.checked()
    _check_target(db, code, document)
    with db.session() as session:
        quality = int(settings.get(session, "scan_jpeg_quality") or 85)
    backend = backend or default_backend()
    encoded: list[PageData] = []
    failure: ScannerError | None = None
    try:
        for page in backend.scan(options, progress, cancel):
            encoded.append(encode_scan(page.image, page.dpi, quality, name=f"{page.device} #{len(encoded) + 1}"))
            page.image.close()
    except ScannerError as exc:
        if not encoded:
            raise
        failure = exc
    report = attach_pages(db, code, document, encoded, source="scanner", actor=actor, skip_duplicates=False)
    if failure is not None:
        n = len(encoded)
        report.interrupted = ScannerError(
            f"{failure.message}; the {n} page(s) scanned before were saved to document {document}",
            f"{failure.vi} {n} trang quét được trước đó đã được lưu vào thành phần {document}; "
            "hãy quét tiếp các trang còn lại.", done=n)
    return report


def _reason(reason: str) -> str:
    text = clean_line(reason)
    if not text:
        raise ValidationError("A reason is required to remove a page.", "Cần ghi lý do gỡ trang.", field="reason")
    return text


def remove_page(db: Database, code: str, document: int, number: int, reason: str, *, actor: str = "") -> PageInfo:
    """Remove page ``number`` (as listed) from a document (0 = the e-result): recorded and audited; the file
    stays stored."""
    why = _reason(reason)
    with db.transaction() as session:
        now = _now()
        dossier = find_dossier(session, code)
        doc = None if document == RESULT else document_at(dossier, document)
        rows: list[Page] | list[ResultFile] = (active_results(session, dossier.id) if doc is None
                                               else active_pages(session, doc.id))
        if not 1 <= number <= len(rows):
            raise NotFound(f"There is no page {number} (the document has {len(rows)}).",
                           f"Không có trang số {number} (thành phần này có {len(rows)} trang).")
        row = rows[number - 1]
        info = page_info(session, row, number)
        row.removed_at, row.removed_by, row.removed_reason = now, actor, why
        if doc is not None and len(rows) == 1 and doc.digitization == "digitized":
            doc.digitization = "none"
        _refresh(session, dossier, now)
        audit.record(session, "result.remove" if doc is None else "page.remove", actor=actor, entity="dossier",
                     entity_id=dossier.id, detail={"code": dossier.code, "document": document, "page": number,
                                                   "sha256": row.sha256, "reason": why})
        return PageInfo(**{**info.as_dict(), "removed_at": now.isoformat(), "removed_by": actor,
                           "removed_reason": why})


def set_reuse(db: Database, code: str, document: int, kind: str, *, from_code: str | None = None,
              from_document: int | None = None, note: str = "", actor: str = "") -> AttachReport:
    """Mark a document as reused (tái sử dụng, QĐ 766 chỉ số 4.3) or clear the mark (``kind`` "none").

    ``kind`` "document": reused from a document of another dossier (``from_code`` + ``from_document``: its
    pages are shared, no copy on disk) or from elsewhere (the citizen's data warehouse: ``note`` says
    where). ``kind`` "result": reused from an earlier dossier's e-result (``from_code``) or ``note``.
    """
    if kind not in ("document", "result", "none"):
        raise ValidationError("kind must be document, result or none.",
                              "Loại tái sử dụng phải là document, result hoặc none.", field="kind")
    text = clean_line(note)
    if kind != "none" and not from_code and not text:
        raise ValidationError("Say where the document is reused from (another dossier, or a note).",
                              "Cần ghi rõ tái sử dụng từ hồ sơ nào hoặc từ nguồn nào.", field="from")
    if kind == "document" and from_code and not from_document:
        raise ValidationError("Give the document number of the other dossier.",
                              "Cần chọn thành phần của hồ sơ được tái sử dụng.", field="from_document")
    with db.transaction() as session:
        now = _now()
        dossier = find_dossier(session, code)
        doc = document_at(dossier, document)
        shared: list[str] = []
        source_name = text
        if kind != "none" and from_code:
            other = find_dossier(session, from_code)
            if kind == "document":
                assert from_document is not None
                src = document_at(other, from_document)
                if src.id == doc.id:
                    raise ValidationError("A document cannot reuse itself.", "Không thể tái sử dụng chính "
                                          "thành phần này.", field="from_document")
                shared = [p.sha256 for p in active_pages(session, src.id)]
                source_name = f"{other.code} #{from_document}"
            else:
                shared = [r.sha256 for r in active_results(session, other.id)]
                source_name = f"{other.code} (kết quả)"
            if not shared:
                raise ValidationError(f"{source_name} has no digitised pages to reuse.",
                                      f"{source_name} chưa có trang số hóa nào để tái sử dụng.", field="from")
        position = session.scalar(select(func.max(Page.position)).where(Page.document_id == doc.id)) or 0
        present = {p.sha256 for p in active_pages(session, doc.id)}
        for sha in shared:
            if sha not in present:
                position += 1
                session.add(Page(document_id=doc.id, sha256=sha, position=position, source="reuse",
                                 source_name=source_name[:300], created_at=now, created_by=actor))
        session.flush()
        before = doc.digitization
        if kind == "none":
            doc.digitization = "digitized" if active_pages(session, doc.id) else "none"
        else:
            doc.digitization = "reused_document" if kind == "document" else "reused_result"
        _refresh(session, dossier, now)
        audit.record(session, "document.reuse", actor=actor, entity="dossier", entity_id=dossier.id,
                     detail={"code": dossier.code, "document": document, "kind": kind, "from": source_name,
                             "before": before, "after": doc.digitization, "pages": shared})
        return _report(session, dossier, document)


