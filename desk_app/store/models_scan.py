"""Models for digitisation (số hóa): stored files and scanned pages. Owned by the scanning work.

Files live content-addressed under ``<data_dir>/files/ab/cdef…`` (SHA-256). A ``StoredFile`` row is only
committed after its file is durable; pages, e-result files and watched-folder items point at it. Nothing
here is deleted: removing a page sets ``removed_at`` (who, why) so the audit trail and the file stay.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, JSONText, Stamp


class StoredFile(Base):
    """A file kept by the app (tệp lưu trữ): one page image, one PDF page, or one e-result file."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(40))  # image/jpeg, image/png, image/tiff, application/pdf
    created_at: Mapped[datetime] = mapped_column(Stamp())


class Page(Base):
    """A scanned or imported page of a document (trang số hóa của thành phần hồ sơ).

    ``position`` orders the pages of a document; removed pages keep theirs (the page number shown is the
    rank among pages not removed).
    """

    __tablename__ = "document_pages"
    __table_args__ = (Index("ix_document_pages_document", "document_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("dossier_documents.id"))
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(12))  # scanner / file / inbox / reuse
    source_name: Mapped[str] = mapped_column(String(300), default="")  # device, file name, reused from …
    created_at: Mapped[datetime] = mapped_column(Stamp())
    created_by: Mapped[str] = mapped_column(String(60), default="")
    removed_at: Mapped[datetime | None] = mapped_column(Stamp(), nullable=True)
    removed_by: Mapped[str] = mapped_column(String(60), default="")
    removed_reason: Mapped[str] = mapped_column(Text, default="")


class ResultFile(Base):
    """A page of the electronic result of a dossier (kết quả điện tử, QĐ 766 chỉ số 4.1)."""

    __tablename__ = "result_files"
    __table_args__ = (Index("ix_result_files_dossier", "dossier_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(12), default="file")
    source_name: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(Stamp())
    created_by: Mapped[str] = mapped_column(String(60), default="")
    removed_at: Mapped[datetime | None] = mapped_column(Stamp(), nullable=True)
    removed_by: Mapped[str] = mapped_column(String(60), default="")
    removed_reason: Mapped[str] = mapped_column(Text, default="")


class InboxItem(Base):
    """A file found in the watched scan-to-folder (hộp thư quét): waiting, routed, attached, rejected.

    ``pages`` lists the SHA-256 of its stored pages (a page carrying the dossier barcode is the batch's
    cover and is not kept). ``dossier_code`` is set when the batch was routed by its barcode.
    """

    __tablename__ = "inbox_items"
    __table_args__ = (
        UniqueConstraint("path", "size", "mtime_ns"),
        Index("ix_inbox_items_status", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(1000))
    name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    pages: Mapped[list[Any]] = mapped_column(JSONText(), default=list)
    status: Mapped[str] = mapped_column(String(12))  # waiting / routed / attached / rejected / dismissed
    dossier_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    document_position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    barcode: Mapped[str] = mapped_column(String(300), default="")
    batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # id of the batch's first item
    reason: Mapped[str] = mapped_column(Text, default="")
    seen_at: Mapped[datetime] = mapped_column(Stamp())
    updated_at: Mapped[datetime] = mapped_column(Stamp())
    updated_by: Mapped[str] = mapped_column(String(60), default="")
