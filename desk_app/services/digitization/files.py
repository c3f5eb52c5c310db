"""Stored files of digitisation: the sweep (strays) and ``files verify`` (every file rehashed).

``sweep`` compares the folder with the ``stored_files`` rows: a file without a row is a stray (a crash
between the durable write and the commit; safe to delete once reported), a row without a file is a loss
(restore from a backup). ``verify_files`` also rehashes every file, so a file changed on disk is named.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.phrase import Phrase
from desk_app.scanning.store import PageStore, hash_path
from desk_app.store import audit
from desk_app.store.db import Database
from desk_app.store.models_scan import InboxItem, Page, ResultFile, StoredFile


def page_store(db: Database) -> PageStore:
    return PageStore(db.files_dir)


@dataclass
class SweepReport:
    """What ``sweep`` found; ``ok`` when no row lacks its file."""

    stray_files: list[str] = field(default_factory=list)  # sha256 of files without a row
    missing_files: list[str] = field(default_factory=list)  # sha256 of rows without a file
    unreferenced: list[str] = field(default_factory=list)  # rows no page, result or inbox item uses
    leftovers: list[str] = field(default_factory=list)  # temporary files of interrupted writes
    others: list[str] = field(default_factory=list)  # unknown files under files/

    @property
    def ok(self) -> bool:
        return not self.missing_files

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "stray_files": self.stray_files,
            "missing_files": self.missing_files,
            "unreferenced": self.unreferenced,
            "leftovers": self.leftovers,
            "others": self.others,
        }


def _referenced(session: Session) -> set[str]:
    used = set(session.scalars(select(Page.sha256)))
    used |= set(session.scalars(select(ResultFile.sha256)))
    for pages in session.scalars(select(InboxItem.pages)):
        used.update(pages or [])
    return used


def sweep(db: Database) -> SweepReport:
    """Report stray files, missing files, unreferenced rows and leftovers; change nothing."""
    store = page_store(db)
    with db.session() as session:
        rows = set(session.scalars(select(StoredFile.sha256)))
        used = _referenced(session)
    on_disk = {sha for sha, _ in store.iter_files()}
    return SweepReport(
        stray_files=sorted(on_disk - rows),
        missing_files=sorted(rows - on_disk),
        unreferenced=sorted(rows - used),
        leftovers=[str(p.relative_to(store.root)) for p in store.leftovers()],
        others=[str(p.relative_to(store.root)) for p in store.other_files()],
    )


STRAY_AGE = timedelta(minutes=10)  # younger strays may belong to an attach still at work in another window


def remove_strays(db: Database, *, older_than: timedelta = STRAY_AGE, actor: str = "") -> list[str]:
    """Delete the stray files (no row names them: an attach killed before its commit) older than
    ``older_than``; their sha256, audited. A file a row names is never touched."""
    store = page_store(db)
    with db.session() as session:
        rows = set(session.scalars(select(StoredFile.sha256)))
    limit = time.time() - older_than.total_seconds()
    removed = []
    for sha, path in store.iter_files():
        try:
            if sha not in rows and path.stat().st_mtime < limit:
                path.unlink()
                removed.append(sha)
        except OSError:
            continue
    if removed:
        with db.transaction() as session:
            audit.record(
                session,
                "files.sweep",
                actor=actor,
                entity="files",
                entity_id="strays",
                detail={"removed": len(removed)},
            )
    return removed


@dataclass
class VerifyReport:
    """``files verify``: ``ok`` when every stored file is present with its size and hash."""

    checked: int = 0
    missing: list[str] = field(default_factory=list)
    corrupt: list[str] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)  # reported, not a failure (see sweep)
    paths: dict[str, str] = field(default_factory=dict)  # sha256 -> relative path, for the bad ones

    @property
    def ok(self) -> bool:
        return not self.missing and not self.corrupt

    def lines(self) -> list[str]:
        """One Phrase per finding: the English (CLI) with its Vietnamese (the Administration page)."""
        out: list[str] = []
        for sha in self.missing:
            rel = f"files/{self.paths.get(sha, sha)}"
            out.append(Phrase(f"missing: {rel}", f"mất tệp đã lưu: {rel}"))
        for sha in self.corrupt:
            rel = f"files/{self.paths.get(sha, sha)}"
            out.append(Phrase(f"damaged (hash differs): {rel}", f"tệp đã lưu bị thay đổi hoặc hỏng: {rel}"))
        if self.strays:  # not damage, but never silent: an interrupted attach left them
            out.append(
                Phrase(
                    f"{len(self.strays)} stray files that no page names (an interrupted attach): "
                    "remove them with `desk-app files sweep --remove`",
                    f"{len(self.strays)} tệp thừa không thuộc trang nào (do lần đính kèm bị gián đoạn): "
                    "hãy nhờ cán bộ kỹ thuật dọn các tệp này",
                )
            )
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "missing": self.missing,
            "corrupt": self.corrupt,
            "strays": self.strays,
            "paths": self.paths,
        }


def verify_files(db: Database) -> VerifyReport:
    """Rehash every stored file against its row."""
    store = page_store(db)
    report = VerifyReport()
    with db.session() as session:
        rows = [(sha, size) for sha, size in session.execute(select(StoredFile.sha256, StoredFile.size))]
    for sha, size in rows:
        report.checked += 1
        path = store.path_for(sha)
        rel = path.relative_to(store.root).as_posix()
        try:
            ok = path.stat().st_size == size and hash_path(path) == sha
        except FileNotFoundError:
            report.missing.append(sha)
            report.paths[sha] = rel
            continue
        except OSError:
            ok = False
        if not ok:
            report.corrupt.append(sha)
            report.paths[sha] = rel
    known = {sha for sha, _ in rows}
    report.strays = sorted(sha for sha, _ in store.iter_files() if sha not in known)
    return report
