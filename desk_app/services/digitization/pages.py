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
from pathlib import Path

from sqlalchemy import func, select

from desk_app.domain.errors import NotFound, ValidationError
from desk_app.domain.text import clean_line
from desk_app.scanning.backend import CancelFn, ProgressFn, ScannerBackend, ScannerError, ScanOptions
from desk_app.scanning.files import FileRejected, PageData, encode_scan, read_pages
from desk_app.services.digitization.core import (
    AttachReport,
    Rejected,
    add_rows,
    check_target,
    current_time,
    discard_new,
    max_file_bytes,
    refresh_flags,
    status_report,
    store_pages,
)
from desk_app.services.digitization.files import SweepReport, VerifyReport, page_store, sweep, verify_files
from desk_app.services.digitization.view import (
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
from desk_app.store.models_scan import Page, ResultFile

__all__ = [
    "STATUSES",
    "AttachReport",
    "PageInfo",
    "Rejected",
    "SweepReport",
    "VerifyReport",
    "attach_files",
    "attach_pages",
    "attach_result",
    "document_pdf",
    "document_summaries",
    "find_dossier",
    "list_pages",
    "max_file_bytes",
    "page_store",
    "remove_page",
    "result_summary",
    "scan_to_document",
    "set_reuse",
    "sweep",
    "verify_files",
]

STATUSES = ("none", "digitized", "reused_document", "reused_result")
JPEG_QUALITY = 85  # scans: JPEG at this quality unless the setting scan_jpeg_quality says otherwise


def attach_pages(
    db: Database,
    code: str,
    document: int,
    pages: Sequence[PageData],
    *,
    source: str = "file",
    actor: str = "",
    skip_duplicates: bool = True,
) -> AttachReport:
    """Add ``pages`` at the end of document ``document`` (1-based; 0 = the e-result).

    ``skip_duplicates``: a page whose content is already on the document is not added twice (retrying an
    import is safe); scanner pages are always added (two blank pages are two pages).
    """
    check_target(db, code, document)
    stored = store_pages(db, pages)
    try:
        with db.transaction() as session:
            return add_rows(
                session, code, document, stored, source=source, actor=actor, skip_duplicates=skip_duplicates
            )
    except BaseException:
        discard_new(db, stored)
        raise


def attach_files(
    db: Database, code: str, document: int, paths: Sequence[Path], *, actor: str = ""
) -> AttachReport:
    """Import files (PDF, JPEG, PNG, TIFF) onto a document (0 = the e-result).

    Each file is checked on its own: a refused file stores nothing and is listed in ``rejected`` with the
    reason; the good files are attached.
    """
    check_target(db, code, document)
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
            report = status_report(session, find_dossier(session, code), document)
    report.rejected = rejected
    return report


def attach_result(db: Database, code: str, paths: Sequence[Path], *, actor: str = "") -> AttachReport:
    """Attach the e-result files of a dossier (kết quả điện tử): ``Dossier.result_digitized``."""
    return attach_files(db, code, RESULT, paths, actor=actor)


def scan_to_document(
    db: Database,
    code: str,
    document: int,
    options: ScanOptions,
    *,
    backend: ScannerBackend | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    actor: str = "",
) -> AttachReport:
    """Scan pages onto a document. A feeder run becomes pages of this one document.

    Cancel stores nothing (ScanCancelled). A scanner failing mid-batch keeps the pages read before it:
    they are attached and ``interrupted`` says what happened and how many were saved.
    """
    from desk_app.scanning.backends import default_backend

    options = options.checked()
    check_target(db, code, document)
    with db.session() as session:
        stored_quality = settings.get(session, "scan_jpeg_quality")  # 0: lossless PNG
        quality = JPEG_QUALITY if stored_quality is None else int(stored_quality)
    backend = backend or default_backend()
    encoded: list[PageData] = []
    failure: ScannerError | None = None
    try:
        for page in backend.scan(options, progress, cancel):
            encoded.append(
                encode_scan(page.image, page.dpi, quality, name=f"{page.device} #{len(encoded) + 1}")
            )
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
            "hãy quét tiếp các trang còn lại.",
            done=n,
        )
    return report


def _reason(reason: str) -> str:
    text = clean_line(reason)
    if not text:
        raise ValidationError(
            "A reason is required to remove a page.", "Cần ghi lý do gỡ trang.", field="reason"
        )
    return text


def remove_page(
    db: Database, code: str, document: int, number: int, reason: str, *, actor: str = ""
) -> PageInfo:
    """Remove page ``number`` (as listed) from a document (0 = the e-result): recorded and audited; the file
    stays stored."""
    why = _reason(reason)
    with db.transaction() as session:
        now = current_time()
        dossier = find_dossier(session, code)
        doc = None if document == RESULT else document_at(dossier, document)
        rows: list[Page] | list[ResultFile] = (
            active_results(session, dossier.id) if doc is None else active_pages(session, doc.id)
        )
        if not 1 <= number <= len(rows):
            raise NotFound(
                f"There is no page {number} (the document has {len(rows)}).",
                f"Không có trang số {number} (thành phần này có {len(rows)} trang).",
            )
        row = rows[number - 1]
        info = page_info(session, row, number)
        row.removed_at, row.removed_by, row.removed_reason = now, actor, why
        if doc is not None and len(rows) == 1 and doc.digitization == "digitized":
            doc.digitization = "none"
        refresh_flags(session, dossier, now)
        audit.record(
            session,
            "result.remove" if doc is None else "page.remove",
            actor=actor,
            entity="dossier",
            entity_id=dossier.id,
            detail={
                "code": dossier.code,
                "document": document,
                "page": number,
                "sha256": row.sha256,
                "reason": why,
            },
        )
        return PageInfo(
            **{**info.as_dict(), "removed_at": now.isoformat(), "removed_by": actor, "removed_reason": why}
        )


def set_reuse(
    db: Database,
    code: str,
    document: int,
    kind: str,
    *,
    from_code: str | None = None,
    from_document: int | None = None,
    note: str = "",
    actor: str = "",
) -> AttachReport:
    """Mark a document as reused (tái sử dụng, QĐ 766 chỉ số 4.3) or clear the mark (``kind`` "none").

    ``kind`` "document": reused from a document of another dossier (``from_code`` + ``from_document``: its
    pages are shared, no copy on disk) or from elsewhere (the citizen's data warehouse: ``note`` says
    where). ``kind`` "result": reused from an earlier dossier's e-result (``from_code``) or ``note``.
    """
    if kind not in ("document", "result", "none"):
        raise ValidationError(
            "kind must be document, result or none.",
            "Loại tái sử dụng phải là document, result hoặc none.",
            field="kind",
        )
    text = clean_line(note)
    if kind != "none" and not from_code and not text:
        raise ValidationError(
            "Say where the document is reused from (another dossier, or a note).",
            "Cần ghi rõ tái sử dụng từ hồ sơ nào hoặc từ nguồn nào.",
            field="from",
        )
    if kind == "document" and from_code and not from_document:
        raise ValidationError(
            "Give the document number of the other dossier.",
            "Cần chọn thành phần của hồ sơ được tái sử dụng.",
            field="from_document",
        )
    with db.transaction() as session:
        now = current_time()
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
                    raise ValidationError(
                        "A document cannot reuse itself.",
                        "Không thể tái sử dụng chính thành phần này.",
                        field="from_document",
                    )
                shared = [p.sha256 for p in active_pages(session, src.id)]
                source_name = f"{other.code} #{from_document}"
            else:
                shared = [r.sha256 for r in active_results(session, other.id)]
                source_name = f"{other.code} (kết quả)"
            if not shared:
                raise ValidationError(
                    f"{source_name} has no digitised pages to reuse.",
                    f"{source_name} chưa có trang số hóa nào để tái sử dụng.",
                    field="from",
                )
        position = session.scalar(select(func.max(Page.position)).where(Page.document_id == doc.id)) or 0
        present = {p.sha256 for p in active_pages(session, doc.id)}
        for sha in shared:
            if sha not in present:
                position += 1
                session.add(
                    Page(
                        document_id=doc.id,
                        sha256=sha,
                        position=position,
                        source="reuse",
                        source_name=source_name[:300],
                        created_at=now,
                        created_by=actor,
                    )
                )
        session.flush()
        before = doc.digitization
        if kind == "none":
            doc.digitization = "digitized" if active_pages(session, doc.id) else "none"
        else:
            doc.digitization = "reused_document" if kind == "document" else "reused_result"
        refresh_flags(session, dossier, now)
        audit.record(
            session,
            "document.reuse",
            actor=actor,
            entity="dossier",
            entity_id=dossier.id,
            detail={
                "code": dossier.code,
                "document": document,
                "kind": kind,
                "from": source_name,
                "before": before,
                "after": doc.digitization,
                "pages": shared,
            },
        )
        return status_report(session, dossier, document)
