"""Checking backups and databases without trusting them: manifests, hashes, integrity_check, the audit chain.

Used by services.backup (before writing and before restoring) and services.integrity (``desk-app verify``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desk_app import paths
from desk_app.domain.errors import StorageError, UserError
from desk_app.domain.phrase import Phrase, vi_of
from desk_app.fsutil import fsync_dir  # noqa: F401  (used here and re-exported)
from desk_app.store import audit, crypto, migrate

FORMAT = "desk-app-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_FILE = paths.DB_NAME
FILES = "files"
_CHUNK = 1 << 20


class BackupDamaged(UserError):
    """The backup is incomplete, altered or damaged; nothing was changed."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems  # Phrases: the English, with the Vietnamese in .vi
        more = len(problems) - 5
        shown = "; ".join(problems[:5]) + (f" (and {more} more)" if more > 0 else "")
        shown_vi = "; ".join(vi_of(p, "") for p in problems[:5] if vi_of(p, "")) + (
            f" (và {more} lỗi khác)" if more > 0 else ""
        )
        super().__init__(
            f"the backup is damaged and was not used: {shown}",
            "Bản sao lưu bị hỏng hoặc không đầy đủ nên không được dùng"
            + (f": {shown_vi}" if shown_vi else "")
            + ". Dữ liệu hiện tại không thay đổi.",
        )


def hash_file(path: Path) -> tuple[str, int]:
    """(sha256 hex, size) of a file."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def copy_hashed(src: Path, dst: Path) -> tuple[str, int]:
    """Copy ``src`` to ``dst`` in one read, fsync it, and return the (sha256, size) of what was read."""
    digest, size = hashlib.sha256(), 0
    with src.open("rb") as fin, dst.open("wb") as fout:
        while chunk := fin.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest(), size


def _is_temporary(name: str) -> bool:
    # Files being written by the digitization service (temp name, then fsync + rename) are not stored yet.
    return name.startswith(".") or name.endswith((".tmp", ".part", ".partial"))


def stored_files(files_dir: Path) -> Iterator[tuple[str, Path]]:
    """(relative POSIX path, path) of every stored file, in a stable order; temporary files skipped."""
    if not files_dir.is_dir():
        return
    for root, dirs, names in os.walk(files_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not _is_temporary(name):
                full = Path(root) / name
                yield full.relative_to(files_dir).as_posix(), full


def _safe_rel(rel: Any) -> bool:
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        return False
    parts = PurePosixPath(rel).parts
    return not PurePosixPath(rel).is_absolute() and ".." not in parts and "." not in parts


def read_manifest(folder: Path) -> dict[str, Any]:
    """Parse and shape-check ``manifest.json``; BackupDamaged when it is missing or malformed."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupDamaged(
            [
                Phrase(
                    f"{folder} is not a desk-app backup (no {MANIFEST})",
                    f"thư mục {folder} không phải bản sao lưu của phần mềm (không có tệp {MANIFEST})",
                )
            ]
        ) from None
    except (OSError, UnicodeError, ValueError) as exc:
        raise BackupDamaged(
            [Phrase(f"{MANIFEST} cannot be read: {exc}", f"không đọc được tệp {MANIFEST} của bản sao lưu")]
        ) from None
    problems: list[str] = []
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupDamaged(
            [
                Phrase(
                    f"{MANIFEST} is not a desk-app backup manifest",
                    f"tệp {MANIFEST} không phải của một bản sao lưu",
                )
            ]
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        version = manifest.get("format_version")
        problems.append(
            Phrase(
                f"unsupported backup format version {version!r}",
                f"bản sao lưu có định dạng {version} mà phiên bản phần mềm này không đọc được",
            )
        )
    db = manifest.get("db")
    if (
        not isinstance(db, dict)
        or not isinstance(db.get("sha256"), str)
        or not isinstance(db.get("size"), int)
    ):
        problems.append(
            Phrase(
                f"{MANIFEST} does not describe the database", f"tệp {MANIFEST} thiếu thông tin cơ sở dữ liệu"
            )
        )
    files = manifest.get("files")
    if not isinstance(files, list):
        problems.append(Phrase(f"{MANIFEST} has no file list", f"tệp {MANIFEST} thiếu danh sách tệp"))
    else:
        for entry in files:
            if (
                not isinstance(entry, dict)
                or not _safe_rel(entry.get("path"))
                or not isinstance(entry.get("sha256"), str)
                or not isinstance(entry.get("size"), int)
            ):
                problems.append(
                    Phrase(
                        f"{MANIFEST} lists a malformed or unsafe file entry",
                        f"tệp {MANIFEST} có một mục tệp sai hoặc không an toàn",
                    )
                )
                break
    if problems:
        raise BackupDamaged(problems)
    return manifest


def _connect(db_file: Path, immutable: bool) -> Any:
    # crypto.connect: plain sqlite3, or SQLCipher when an encryption marker sits beside the file
    return crypto.connect(db_file, mode="immutable" if immutable else "ro")


def check_database(db_file: Path, *, immutable: bool = True) -> tuple[list[str], dict[str, Any]]:
    """Run PRAGMA integrity_check and foreign_key_check, read the schema revision and verify the audit chain.

    Returns (problems, info); ``immutable`` reads a file nobody writes (a backup) without locks or a -shm file.
    Each problem is a ``Phrase`` (English, with its Vietnamese in ``.vi``); an audit chain problem's English
    starts with "audit chain".
    """
    info: dict[str, Any] = {"schema_revision": None, "audit_events": 0, "audit_last_hash": None}
    if not db_file.is_file():
        return [
            Phrase(f"{db_file.name} is missing", f"không tìm thấy tệp cơ sở dữ liệu {db_file.name}")
        ], info
    problems: list[str] = []
    try:
        conn = _connect(db_file, immutable)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            if result != ["ok"]:
                damaged = "integrity_check: " + " | ".join(str(r) for r in result[:5])
                return [Phrase(damaged, "tệp cơ sở dữ liệu bị hỏng (kiểm tra toàn vẹn không đạt)")], info
            if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                problems.append(
                    Phrase(
                        "foreign_key_check: rows point at missing rows",
                        "có dòng dữ liệu trỏ tới dòng không còn tồn tại",
                    )
                )
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "audit_events"} <= tables:
                alien = Phrase(
                    f"{db_file.name} is not a desk_app database",
                    f"tệp {db_file.name} không phải cơ sở dữ liệu của phần mềm",
                )
                return [*problems, alien], info
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            info["schema_revision"] = row[0] if row else None
            last = conn.execute("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
            info["audit_last_hash"] = last[0] if last else None
        finally:
            conn.close()
    except crypto.DB_ERRORS as exc:
        unreadable = f"không đọc được tệp {db_file.name} (tệp bị hỏng hoặc không phải cơ sở dữ liệu)"
        return [Phrase(f"{db_file.name}: {exc}", unreadable)], info
    except StorageError as exc:  # encrypted: no or wrong passphrase, SQLCipher missing
        return [Phrase(exc.message, exc.vi)], info
    if not migrate.is_known(info["schema_revision"]):
        problems.append(
            Phrase(
                f"schema {info['schema_revision']} was written by a newer desk_app",
                "cơ sở dữ liệu do phiên bản mới hơn của phần mềm tạo ra",
            )
        )
    engine = create_engine("sqlite://", creator=lambda: _connect(db_file, immutable), poolclass=NullPool)
    try:
        with Session(engine) as session:
            report = audit.verify(session)
        info["audit_events"] = report.checked
        if not report.ok:
            problems.append(Phrase(f"audit chain: {report.problem}", vi_of(report.problem)))
    except Exception as exc:  # a damaged row can fail to decode: that is a finding, not a crash
        problems.append(
            Phrase(f"audit chain cannot be read: {exc}", "không đọc được nhật ký (có mục nhật ký bị hỏng)")
        )
    finally:
        engine.dispose()
    return problems, info


def check_backup(folder: Path, *, immutable: bool, source_extra: Path | None = None) -> dict[str, Any]:
    """Verify a whole backup folder against its manifest; return the manifest or raise BackupDamaged.

    ``source_extra``: also look for unlisted files in that folder (the original, when ``folder`` is a copy).
    """
    manifest = read_manifest(folder)
    problems: list[str] = []
    db_file = folder / DB_FILE
    if manifest.get("encrypted") and not crypto.marker_path(folder).is_file():
        problems.append(
            Phrase(
                f"the database is encrypted but {crypto.MARKER} is missing",
                f"cơ sở dữ liệu đã mã hóa nhưng thiếu tệp {crypto.MARKER}",
            )
        )
    elif crypto.marker_path(folder).is_file():
        crypto.key_for(db_file)  # no passphrase given: say so (StorageError), not "damaged"
    if not db_file.is_file():
        problems.append(Phrase(f"{DB_FILE} is missing", f"thiếu tệp cơ sở dữ liệu {DB_FILE}"))
    else:
        digest, size = hash_file(db_file)
        if (digest, size) != (manifest["db"]["sha256"], manifest["db"]["size"]):
            problems.append(
                Phrase(
                    f"{DB_FILE} does not match the manifest (changed or damaged)",
                    f"tệp {DB_FILE} không khớp với bản sao lưu (đã bị thay đổi hoặc hỏng)",
                )
            )
        else:
            db_problems, info = check_database(db_file, immutable=immutable)
            problems += db_problems
            if not db_problems and info["schema_revision"] != manifest.get("schema_revision"):
                problems.append(
                    Phrase(
                        "the database schema differs from the manifest",
                        f"cấu trúc cơ sở dữ liệu khác với ghi chép trong {MANIFEST}",
                    )
                )
    listed = set()
    for entry in manifest["files"]:
        rel = entry["path"]
        listed.add(rel)
        path = folder / FILES / rel
        if not path.is_file():
            problems.append(Phrase(f"{FILES}/{rel} is missing", f"thiếu tệp {FILES}/{rel}"))
        elif hash_file(path) != (entry["sha256"], entry["size"]):
            problems.append(
                Phrase(
                    f"{FILES}/{rel} does not match the manifest",
                    f"tệp {FILES}/{rel} không khớp (đã bị thay đổi hoặc hỏng)",
                )
            )
    for root in {folder, source_extra or folder}:
        for rel, _ in stored_files(root / FILES):
            if rel not in listed:
                problems.append(
                    Phrase(
                        f"{FILES}/{rel} is not in the manifest",
                        f"tệp {FILES}/{rel} không có trong danh sách của bản sao lưu",
                    )
                )
    if problems:
        raise BackupDamaged(problems)
    return manifest
