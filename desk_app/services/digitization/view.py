"""Reading digitised dossiers: pages as listed, per-document summaries, the document PDF, thumbnails.

The PDF of a document is assembled when asked (img2pdf embeds the stored JPEG/PNG data as is, pikepdf
merges PDF pages), so it always matches the pages and costs no second copy on disk. Thumbnails are cached
under ``files/thumbs/``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.codes import recover_scanned_code
from desk_app.domain.errors import NotFound
from desk_app.scanning.assemble import build_pdf, thumbnail_png
from desk_app.services.digitization.files import page_store
from desk_app.store.db import Database
from desk_app.store.models import Dossier, DossierDocument
from desk_app.store.models_scan import Page, ResultFile, StoredFile

RESULT = 0  # the "document number" of the e-result


@dataclass(frozen=True)
class PageInfo:
    """A stored page as listed: ``number`` is its rank among the pages not removed (0 when removed)."""

    number: int
    id: int
    sha256: str
    mime: str
    size: int
    source: str
    source_name: str
    created_at: str
    created_by: str
    removed_at: str | None = None
    removed_by: str = ""
    removed_reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_dossier(session: Session, code: str) -> Dossier:
    """The dossier with ``code`` (typed or scanned through a Vietnamese input method), or NotFound."""
    key = recover_scanned_code(code) or code.strip().upper()
    dossier = session.scalars(select(Dossier).where(Dossier.code == key)).first()
    if dossier is None:
        raise NotFound(f"No dossier {key}.", f"Không tìm thấy hồ sơ {key}.")
    return dossier


def document_at(dossier: Dossier, number: int) -> DossierDocument:
    """Document ``number`` (1-based, in the dossier's list order), or NotFound."""
    docs = list(dossier.documents)
    if not 1 <= number <= len(docs):
        raise NotFound(
            f"Dossier {dossier.code} has no document {number} (it has {len(docs)}).",
            f"Hồ sơ {dossier.code} không có thành phần số {number} (có {len(docs)} thành phần).",
        )
    return docs[number - 1]


def active_pages(session: Session, document_id: int) -> list[Page]:
    return list(
        session.scalars(
            select(Page)
            .where(Page.document_id == document_id, Page.removed_at.is_(None))
            .order_by(Page.position, Page.id)
        )
    )


def active_results(session: Session, dossier_id: int) -> list[ResultFile]:
    return list(
        session.scalars(
            select(ResultFile)
            .where(ResultFile.dossier_id == dossier_id, ResultFile.removed_at.is_(None))
            .order_by(ResultFile.position, ResultFile.id)
        )
    )


def page_info(session: Session, row: Page | ResultFile, number: int) -> PageInfo:
    stored = session.get(StoredFile, row.sha256)
    return PageInfo(
        number,
        row.id,
        row.sha256,
        stored.mime if stored else "",
        stored.size if stored else 0,
        row.source,
        row.source_name,
        row.created_at.isoformat(),
        row.created_by,
        row.removed_at.isoformat() if row.removed_at else None,
        row.removed_by,
        row.removed_reason,
    )


def _rows(session: Session, dossier: Dossier, document: int) -> list[Page] | list[ResultFile]:
    if document == RESULT:
        return list(
            session.scalars(
                select(ResultFile)
                .where(ResultFile.dossier_id == dossier.id)
                .order_by(ResultFile.position, ResultFile.id)
            )
        )
    doc = document_at(dossier, document)
    return list(
        session.scalars(select(Page).where(Page.document_id == doc.id).order_by(Page.position, Page.id))
    )


def list_pages(db: Database, code: str, document: int, *, include_removed: bool = False) -> list[PageInfo]:
    """The pages of a document (0 = the e-result) in order; removed ones (number 0) when asked."""
    with db.session() as session:
        out: list[PageInfo] = []
        number = 0
        for row in _rows(session, find_dossier(session, code), document):
            if row.removed_at is None:
                number += 1
                out.append(page_info(session, row, number))
            elif include_removed:
                out.append(page_info(session, row, 0))
        return out


def document_summaries(session: Session, dossier_id: int) -> list[dict[str, Any]]:
    """Per document, in list order: ``position``, ``name``, ``pages`` (count) and ``digitization``.

    For ``desk-app show CODE --json`` (services.dossier_view) and the dossier screen.
    """
    counts = dict(
        session.execute(
            select(Page.document_id, func.count(Page.id))
            .join(DossierDocument, DossierDocument.id == Page.document_id)
            .where(DossierDocument.dossier_id == dossier_id, Page.removed_at.is_(None))
            .group_by(Page.document_id)
        ).all()
    )
    docs = session.scalars(
        select(DossierDocument)
        .where(DossierDocument.dossier_id == dossier_id)
        .order_by(DossierDocument.position)
    )
    return [
        {
            "position": d.position,
            "name": d.name,
            "pages": int(counts.get(d.id, 0)),
            "digitization": d.digitization,
        }
        for d in docs
    ]


def result_summary(session: Session, dossier_id: int) -> dict[str, Any]:
    """The e-result: ``pages`` (count) and ``digitized``."""
    n = len(active_results(session, dossier_id))
    return {"pages": n, "digitized": n > 0}


def document_pdf(db: Database, code: str, document: int) -> bytes:
    """One PDF of the pages of a document (0 = the e-result), assembled losslessly."""
    pages = list_pages(db, code, document)
    if not pages:
        raise NotFound(
            f"Document {document} of {code} has no pages.",
            "Thành phần này chưa có trang số hóa nào." if document else "Hồ sơ chưa có kết quả điện tử.",
        )
    store = page_store(db)
    return build_pdf([(store.read(p.sha256), p.mime) for p in pages])


def page_thumbnail(db: Database, sha256: str, mime: str, size: int = 256) -> Path | None:
    """A cached PNG thumbnail of a stored page, or None when its picture cannot be made."""
    store = page_store(db)
    path = store.thumb_path(sha256, size)
    if path.is_file():
        return path
    png = thumbnail_png(store.read(sha256), mime, size)
    return None if png is None else store.put_thumb(sha256, size, png)


def dossier_overview(db: Database, code: str) -> dict[str, Any]:
    """A dossier as the digitisation page shows it: code, applicant, documents with page counts, e-result."""
    with db.session() as session:
        dossier = find_dossier(session, code)
        return {
            "code": dossier.code,
            "applicant": dossier.applicant.full_name,
            "documents": document_summaries(session, dossier.id),
            "result": result_summary(session, dossier.id),
        }
