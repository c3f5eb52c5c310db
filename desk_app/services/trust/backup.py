"""Backups and restore (sao lưu, khôi phục).

Format: a backup is a **folder** (not an archive), so that a USB stick formatted FAT32 takes backups larger
than 4 GB of scans and so that rotated automatic backups can share unchanged scans through hard links::

    <backup>/manifest.json      format, created_at, schema revision, app version, audit summary,
                                sha256 + size of every file below
    <backup>/desk_app.db        the database, copied with SQLite's online backup API (consistent while the
                                app writes), checked with PRAGMA integrity_check and the audit chain
    <backup>/files/...          the stored files (scans, e-results), same relative paths as <data_dir>/files

A backup is written under a hidden ``.<name>.partial-<pid>`` name, every file fsynced, then renamed: a folder
with the final name is always complete. The database is copied before the files; the digitization service
makes a file durable before committing its row, so every file the copied rows name is already on disk.

``restore`` copies the backup into ``<data_dir>/.restore-<stamp>/`` and verifies that copy completely (hashes
against the manifest, integrity_check, audit chain, known schema) before touching anything; only then does it
move the current database and files to ``<data_dir>/replaced-<stamp>/`` and rename the copy into place. A
damaged backup is refused and nothing changes. Close the desktop app before restoring from the CLI.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app import __version__, paths
from desk_app.domain.errors import UserError
from desk_app.domain.phrase import Phrase
from desk_app.services.trust.backup_check import (
    DB_FILE,
    FILES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupDamaged,
    check_backup,
    check_database,
    copy_hashed,
    fsync_dir,
    hash_file,
    read_manifest,
    stored_files,
)
from desk_app.store import audit, crypto, recovery, settings
from desk_app.store.db import Database, backup_file, open_database

log = logging.getLogger(__name__)

AUTO_PREFIX = "auto-"
DEFAULT_KEEP_DAYS = 14  # setting "backup_keep": the last backup of each of this many days is kept
KEEP_NEWEST = 3  # and always the newest few, whatever their day

__all__ = [
    "BackupDamaged",
    "BackupInfo",
    "auto_backup",
    "backup_due",
    "create_backup",
    "list_backups",
    "restore",
    "rotate",
    "verify_backup",
]


@dataclass(frozen=True)
class BackupInfo:
    """One finished backup folder."""

    path: Path
    created_at: str
    schema_revision: str | None
    files: int
    bytes: int
    audit_events: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created_at": self.created_at,
            "schema_revision": self.schema_revision,
            "files": self.files,
            "bytes": self.bytes,
            "audit_events": self.audit_events,
        }


@dataclass
class AutoResult:
    """What an automatic backup did: the primary copy, the second copy (or why not), what rotation removed."""

    primary: BackupInfo
    second: BackupInfo | None = None
    second_error: str = ""  # a Phrase when set: the English (CLI) with its Vietnamese (the screen)
    removed: list[Path] = field(default_factory=list)


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    entries = manifest.get("files", [])
    return BackupInfo(
        path,
        str(manifest.get("created_at", "")),
        manifest.get("schema_revision"),
        len(entries),
        int(manifest.get("db", {}).get("size", 0)) + sum(int(e["size"]) for e in entries),
        int(manifest.get("audit", {}).get("events", 0)),
    )


def _previous_entries(dest_parent: Path) -> tuple[Path | None, dict[str, tuple[str, int]]]:
    """The newest finished automatic backup beside ``dest_parent`` and its files, to hard-link unchanged scans."""
    for info in list_backups(dest_parent):
        if info.path.name.startswith(AUTO_PREFIX):
            try:
                manifest = read_manifest(info.path)
            except BackupDamaged:
                continue
            return info.path, {e["path"]: (e["sha256"], int(e["size"])) for e in manifest.get("files", [])}
    return None, {}


def _link_or_copy(
    src: Path, dst: Path, rel: str, prev_dir: Path | None, prev: dict[str, tuple[str, int]]
) -> tuple[str, int]:
    dst.parent.mkdir(parents=True, exist_ok=True)
    old = prev.get(rel)
    if prev_dir is not None and old is not None:
        # Stored files are content-addressed and never rewritten, so the same name and size is the same
        # content: share the previous backup's copy instead of reading the scan again (O(new files) per day).
        # A live file damaged since then is caught by `desk-app verify`; the backup keeps the good copy.
        candidate = prev_dir / FILES / rel
        try:
            if src.stat().st_size == old[1] and candidate.stat().st_size == old[1]:
                os.link(candidate, dst)
                return old
        except OSError:
            pass
    return copy_hashed(src, dst)


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    tmp = folder / (MANIFEST + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(folder / MANIFEST)


def _fresh_target(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UserError(
            f"{out} exists and is not a folder (a file, a device or a link): choose a new folder for the backup.",
            "Đích sao lưu đã tồn tại và không phải là thư mục: hãy chọn một thư mục mới.",
        )
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(
            f"{out} already exists: choose a new folder for the backup.",
            "Thư mục sao lưu đã tồn tại: hãy chọn một thư mục mới.",
        )


def create_backup(
    db: Database, out: Path, *, actor: str = "system", reason: str = "manual", link_previous: bool = False
) -> BackupInfo:
    """Write a complete, verified backup folder at ``out`` (which must not exist, or be empty)."""
    out = Path(out).expanduser().absolute()
    _fresh_target(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"Cannot create {out.parent}: {exc.strerror}.",
            "Không tạo được thư mục sao lưu (ổ đĩa USB đã cắm chưa?).",
        ) from exc
    partial = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        partial.mkdir(mode=0o700)
        backup_file(db.path, partial / DB_FILE)
        encrypted = crypto.read_marker(db.data_dir)
        if encrypted is not None:  # the copy stays encrypted with the same key: the marker goes with it
            crypto.write_marker(partial, encrypted)
        db_problems, db_info = check_database(partial / DB_FILE)
        if db_problems:
            raise UserError(
                "The database fails its checks, so no backup was written: " + "; ".join(db_problems),
                "Cơ sở dữ liệu đang bị lỗi nên không sao lưu được. Hãy khôi phục bản sao lưu gần nhất.",
            )
        db_sha, db_size = hash_file(partial / DB_FILE)
        prev_dir, prev = _previous_entries(out.parent) if link_previous else (None, {})
        entries = []
        for rel, src in stored_files(db.files_dir):
            digest, size = _link_or_copy(src, partial / FILES / rel, rel, prev_dir, prev)
            entries.append({"path": rel, "sha256": digest, "size": size})
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.now().strftime("%Y-%m-%dT%H:%M:%S"),
            "app_version": __version__,
            "reason": reason,
            "schema_revision": db_info["schema_revision"],
            "audit": {"events": db_info["audit_events"], "last_hash": db_info["audit_last_hash"]},
            "db": {"path": DB_FILE, "sha256": db_sha, "size": db_size},
            "files": entries,
        }
        if encrypted is not None:
            manifest["encrypted"] = True
        _write_manifest(partial, manifest)
        for folder in sorted(
            {p.parent for p in partial.rglob("*")}, key=lambda p: len(p.parts), reverse=True
        ):
            fsync_dir(folder)
        if out.exists():
            out.rmdir()
        partial.rename(out)
        fsync_dir(out.parent)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise UserError(
            f"The backup to {out} failed: {exc.strerror or exc}. Nothing was written.",
            "Sao lưu không thành công (ổ đĩa đầy hoặc đã bị rút ra?).",
        ) from exc
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    info = _info(out, manifest)
    with db.transaction() as session:
        audit.record(
            session,
            "backup.create",
            actor=actor,
            entity="backup",
            entity_id=out.name,
            detail={"path": str(out), "reason": reason, "files": info.files, "db_sha256": db_sha},
        )
    log.info("backup written to %s (%d files)", out, info.files)
    return info


def verify_backup(path: Path) -> BackupInfo:
    """Check a backup in place (read only); raise BackupDamaged naming every problem."""
    folder = _folder(path)
    manifest = check_backup(folder, immutable=True)
    return _info(folder, manifest)


def _folder(path: Path) -> Path:
    p = Path(path).expanduser().absolute()
    return p.parent if p.name == MANIFEST else p


def list_backups(folder: Path) -> list[BackupInfo]:
    """Finished backups directly under ``folder``, newest first (folders without a readable manifest skipped)."""
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for child in folder.iterdir():
        if child.is_dir() and not child.name.startswith(".") and (child / MANIFEST).is_file():
            try:
                found.append(_info(child, read_manifest(child)))
            except BackupDamaged:
                continue
    found.sort(key=lambda b: (b.created_at, b.path.name), reverse=True)
    return found


def rotate(folder: Path, keep_days: int, *, keep_newest: int = KEEP_NEWEST) -> list[Path]:
    """Remove old automatic backups: keep the newest ``keep_newest`` and the newest of each of the last
    ``keep_days`` days on which one was made. Manual and pre-upgrade backups are never removed."""
    autos = [b for b in list_backups(folder) if b.path.name.startswith(AUTO_PREFIX)]
    keep = {b.path for b in autos[:keep_newest]}
    days: list[str] = []
    for b in autos:
        day = b.created_at[:10]
        if day not in days:
            days.append(day)
            if len(days) <= keep_days:
                keep.add(b.path)
    removed = []
    for b in autos:
        if b.path not in keep:
            shutil.rmtree(b.path, ignore_errors=True)
            removed.append(b.path)
    for stale in folder.glob(f".{AUTO_PREFIX}*.partial-*"):  # left by a crash mid-backup
        shutil.rmtree(stale, ignore_errors=True)
    return removed


def _auto_name(folder: Path, now: datetime) -> Path:
    base = folder / f"{AUTO_PREFIX}{now:%Y%m%d-%H%M%S}"
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def backup_due(db: Database, now: datetime | None = None) -> bool:
    """True when no automatic backup was made today in ``<data_dir>/backups``."""
    today = (now or datetime.now()).strftime("%Y-%m-%d")
    autos = [b for b in list_backups(paths.backups_dir(db.data_dir)) if b.path.name.startswith(AUTO_PREFIX)]
    return not any(b.created_at.startswith(today) for b in autos)


def _copy_backup(src: Path, dest_parent: Path, name: str) -> BackupInfo:
    """Copy a finished backup folder to another disk, verifying every hash, then rename it into place."""
    manifest = read_manifest(src)
    out = dest_parent / name
    _fresh_target(out)
    dest_parent.mkdir(parents=True, exist_ok=True)
    partial = dest_parent / f".{name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        prev_dir, prev = _previous_entries(dest_parent)
        if copy_hashed(src / DB_FILE, partial / DB_FILE)[0] != manifest["db"]["sha256"]:
            raise BackupDamaged(
                [
                    Phrase(
                        f"{DB_FILE} changed while it was copied",
                        f"tệp {DB_FILE} bị thay đổi trong lúc sao chép",
                    )
                ]
            )
        if crypto.marker_path(src).is_file():
            copy_hashed(crypto.marker_path(src), crypto.marker_path(partial))
        for entry in manifest["files"]:
            rel = entry["path"]
            digest, _ = _link_or_copy(src / FILES / rel, partial / FILES / rel, rel, prev_dir, prev)
            if digest != entry["sha256"]:
                raise BackupDamaged(
                    [
                        Phrase(
                            f"{FILES}/{rel} does not match the manifest",
                            f"tệp {FILES}/{rel} không khớp (đã bị thay đổi hoặc hỏng)",
                        )
                    ]
                )
        _write_manifest(partial, manifest)
        fsync_dir(partial)
        partial.rename(out)
        fsync_dir(dest_parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return _info(out, manifest)


def auto_backup(
    db: Database, *, reason: str = "daily", actor: str = "system", now: datetime | None = None
) -> AutoResult:
    """The automatic backup (daily, on exit): into ``<data_dir>/backups``, then a copy to the setting
    ``backup_second_path`` when set (a USB stick or a network share), each rotated per ``backup_keep``.

    A second path that is missing or full is reported in ``second_error``; it never fails the primary backup.
    """
    moment = now or datetime.now()
    with db.session() as session:
        keep = int(settings.get(session, "backup_keep") or DEFAULT_KEEP_DAYS)
        second = str(settings.get(session, "backup_second_path") or "").strip()
    primary_dir = paths.backups_dir(db.data_dir)
    primary = create_backup(
        db, _auto_name(primary_dir, moment), actor=actor, reason=reason, link_previous=True
    )
    result = AutoResult(primary)
    result.removed += rotate(primary_dir, keep)
    if second:
        target = Path(second).expanduser()
        try:
            if not target.is_dir():
                raise UserError(
                    f"the second backup folder {target} is not available",
                    f"Không thấy thư mục sao lưu thứ hai {target} (ổ USB hoặc thư mục mạng đã cắm, "
                    "đã kết nối chưa?).",
                )
            result.second = _copy_backup(primary.path, target, primary.path.name)
            result.removed += rotate(target, keep)
        except UserError as exc:
            result.second_error = Phrase(exc.message, exc.vi)
            log.warning("second backup copy failed: %s", result.second_error)
        except OSError as exc:
            result.second_error = Phrase(
                str(exc),
                f"Không chép được bản sao lưu sang thư mục {target} (ổ đầy hoặc không được phép ghi).",
            )
            log.warning("second backup copy failed: %s", result.second_error)
    return result


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore: what came in, and where the data it replaced was kept."""

    restored_from: Path
    replaced_dir: Path | None
    backup: BackupInfo

    def as_dict(self) -> dict[str, Any]:
        return {
            "restored_from": str(self.restored_from),
            "replaced_dir": None if self.replaced_dir is None else str(self.replaced_dir),
            "backup": self.backup.as_dict(),
        }


def _live_parts(data_dir: Path) -> list[Path]:
    db = paths.db_path(data_dir)
    parts = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), paths.files_dir(data_dir)]
    parts.append(crypto.marker_path(data_dir))
    return [p for p in parts if p.exists()]


_READ_ERRORS: tuple[type[Exception], ...] = (*crypto.ERRORS, UserError, OSError)


def _unit(db_file: Path) -> tuple[str, str] | None:
    """(agency code, name) of the unit in a database; None when it cannot be read or has none."""
    try:
        conn = crypto.connect(db_file, mode="ro")
        try:
            row = conn.execute("SELECT agency_code, name FROM units ORDER BY id LIMIT 1").fetchone()
        finally:
            conn.close()
    except _READ_ERRORS:
        return None
    return None if row is None else (str(row[0]), str(row[1]))


def _admins(db_file: Path) -> int:
    conn = crypto.connect(db_file, mode="ro")
    try:
        try:
            row = conn.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()
        except crypto.DB_ERRORS:
            return 0
        return int(row[0])
    finally:
        conn.close()


def _live_protected(live_db: Path) -> bool:
    """Whether the live data asks for a sign-in (it has an admin), or cannot be read to tell (then assume so)."""
    if not live_db.is_file() or live_db.stat().st_size == 0:
        return False
    try:
        return _admins(live_db) > 0
    except _READ_ERRORS:
        return True


def _account_row(db_file: Path, username: str) -> dict[str, Any] | None:
    """The restoring admin's account in the live database (to carry it into a backup that has no admin)."""
    try:
        conn = crypto.connect(db_file, mode="ro")
        try:
            cur = conn.execute(
                "SELECT username, full_name, role, password_hash FROM users WHERE username = ? AND active = 1",
                (username,),
            )
            row = cur.fetchone()
        finally:
            conn.close()
    except _READ_ERRORS:
        return None
    if row is None:
        return None
    return {"username": row[0], "full_name": row[1], "role": row[2], "password_hash": row[3]}


def _carry_admin(staged_db: Path, account: dict[str, Any], actor: str) -> None:
    """Add the restoring admin's account to the staged copy, audited: a restore never ends without an admin."""
    from sqlalchemy.orm import Session

    from desk_app.store.db import make_engine
    from desk_app.store.models_auth import User

    engine = make_engine(staged_db)
    try:
        with Session(engine) as session, session.begin():
            existing = session.query(User).filter(User.username == account["username"]).first()
            if existing is not None:
                existing.role, existing.active = "admin", True
                existing.password_hash = account["password_hash"]
                existing.failed_attempts, existing.locked_until = 0, None
            else:
                session.add(
                    User(
                        username=account["username"],
                        full_name=account["full_name"],
                        role="admin",
                        password_hash=account["password_hash"],
                        failed_attempts=0,
                        active=True,
                        created_at=datetime.now().replace(microsecond=0),
                    )
                )
            session.flush()
            audit.record(
                session,
                "user.restore_admin",
                actor=actor,
                entity="user",
                entity_id=account["username"],
                detail={"reason": "the restored backup held no active admin account"},
            )
    finally:
        engine.dispose()


def restore(
    data_dir: Path, path: Path, *, actor: str = "system", allow_other_unit: bool = False
) -> RestoreResult:
    """Replace the data in ``data_dir`` with the backup at ``path``, after verifying a staged copy of it.

    Raises BackupDamaged (nothing changed) when the backup is incomplete, altered or damaged, and UserError
    when the backup belongs to another unit (agency code) and ``allow_other_unit`` is not given. When the
    backup holds no active admin account, the restoring admin's account is carried into it (audited); with
    no such account to carry the restore is refused, so a restore never leaves the app open to anyone.

    The swap itself goes through the journal of store.recovery: killed at any step, the next start finishes it.
    """
    source = _folder(path)
    data_dir = Path(data_dir).absolute()
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    recovery.recover(data_dir)  # an earlier interrupted swap is finished before this one starts
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staging = data_dir / f".restore-{stamp}-{os.getpid()}"
    manifest = read_manifest(source)
    live_db = paths.db_path(data_dir)
    try:
        staging.mkdir(mode=0o700)
        shutil.copy2(source / MANIFEST, staging / MANIFEST)
        if crypto.marker_path(source).is_file():
            copy_hashed(crypto.marker_path(source), crypto.marker_path(staging))
        copy_hashed(source / DB_FILE, staging / DB_FILE)
        for entry in manifest.get("files", []):
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                rel = entry["path"]
                if (source / FILES / rel).is_file() and _inside(staging / FILES, rel):
                    (staging / FILES / rel).parent.mkdir(parents=True, exist_ok=True)
                    copy_hashed(source / FILES / rel, staging / FILES / rel)
        manifest = check_backup(staging, immutable=True, source_extra=source)
        live_unit = _unit(live_db) if live_db.is_file() else None
        backup_unit = _unit(staging / DB_FILE)
        if live_unit and backup_unit and live_unit[0] != backup_unit[0] and not allow_other_unit:
            raise UserError(
                f"The backup belongs to another unit: {backup_unit[1]} ({backup_unit[0]}), while this PC holds "
                f"{live_unit[1]} ({live_unit[0]}). Nothing was changed; to restore it anyway, run the command "
                "again with --other-unit.",
                f"Bản sao lưu thuộc đơn vị khác: {backup_unit[1]} ({backup_unit[0]}), máy này đang dùng cho "
                f"{live_unit[1]} ({live_unit[0]}). Chưa thay đổi gì; cần xác nhận để khôi phục.",
            )
        if _admins(staging / DB_FILE) == 0 and _live_protected(live_db):
            account = _account_row(live_db, actor)
            if account is None:
                raise UserError(
                    "The backup holds no active admin account and the restoring admin's account cannot be "
                    "carried into it: restoring it would leave the app open to anyone. Nothing was changed.",
                    "Bản sao lưu không có tài khoản quản trị: khôi phục sẽ để ứng dụng không cần đăng nhập. "
                    "Chưa thay đổi gì.",
                )
            _carry_admin(staging / DB_FILE, account, actor)
            (staging / DB_FILE).with_name(DB_FILE + "-wal").unlink(missing_ok=True)
            (staging / DB_FILE).with_name(DB_FILE + "-shm").unlink(missing_ok=True)
        fsync_dir(staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupDamaged(
            [Phrase(f"cannot read the backup: {exc.strerror or exc}", "không đọc được bản sao lưu")]
        ) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replaced = data_dir / f"replaced-{stamp}"
    n = 1
    while replaced.exists():
        n += 1
        replaced = data_dir / f"replaced-{stamp}-{n}"
    info = _info(source, manifest)
    live = _live_parts(data_dir)
    moves = [(part, replaced / part.name) for part in live]
    for staged, target in (
        (staging / DB_FILE, paths.db_path(data_dir)),
        (staging / FILES, paths.files_dir(data_dir)),
        (crypto.marker_path(staging), crypto.marker_path(data_dir)),
    ):
        if staged.exists():
            moves.append((staged, target))
    detail = {
        "from": str(source),
        "replaced": str(replaced) if live else None,
        "created_at": info.created_at,
    }
    try:
        if live:
            replaced.mkdir(mode=0o700)
        journal = recovery.begin(data_dir, "restore", moves, remove=[staging], detail=detail)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if live:
            shutil.rmtree(replaced, ignore_errors=True)
        raise UserError(
            f"The restore could not start: {exc.strerror or exc}. Nothing was changed.",
            "Không khôi phục được (ổ đĩa đầy hoặc không ghi được). Dữ liệu hiện tại không thay đổi.",
        ) from exc
    try:
        recovery.run(data_dir, journal)
    except OSError as exc:
        recovery.rollback(data_dir, journal)
        raise UserError(
            f"The restore could not swap the data in: {exc.strerror or exc}. Nothing was changed.",
            "Không khôi phục được (tệp đang được mở?). Dữ liệu hiện tại không thay đổi.",
        ) from exc
    db = open_database(data_dir)  # upgrades a backup from an older schema (copying it aside first)
    try:
        with db.transaction() as session:
            audit.record(
                session,
                "backup.restore",
                actor=actor,
                entity="backup",
                entity_id=source.name,
                detail=detail,
            )
    finally:
        db.close()
    log.info("restored %s into %s (previous data in %s)", source, data_dir, replaced if live else "-")
    return RestoreResult(source, replaced if live else None, info)


def _inside(root: Path, rel: str) -> bool:
    target = (root / rel).resolve()
    return target.is_relative_to(root.resolve()) and ".." not in Path(rel).parts
