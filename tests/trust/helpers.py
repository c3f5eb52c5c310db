"""Helpers shared by the trust tests: fill a database through the real services, damage files."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sqlite3
from pathlib import Path
from typing import Any


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def receive_some(db: Any, n: int, *, start: int = 0, actor: str = "clerk") -> list[str]:
    """Receive ``n`` dossiers through services.intake; their codes."""
    from desk_app.services.intake.receive import receive
    from tests.trust.conftest import sample_request

    return [receive(db, sample_request(i), actor=actor).code for i in range(start, start + n)]


def png_bytes(label: bytes) -> bytes:
    """A small valid PNG, different for every ``label``."""
    import io

    from PIL import Image, PngImagePlugin

    digest = hashlib.sha256(label).digest()
    image = Image.new("RGB", (16, 16), tuple(digest[:3]))
    info = PngImagePlugin.PngInfo()
    info.add_text("label", label.hex())
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def store_file(db: Any, content: bytes, *, code: str | None = None, actor: str = "clerk") -> Path:
    """Store one scanned page: through the digitization service (attached to document 1 of ``code``) when it
    exists, else written content-addressed under <data_dir>/files. Returns the stored file's path."""
    if code is not None and has_module("desk_app.services.digitization.pages"):
        from desk_app.scanning.files import pages_from_bytes
        from desk_app.services.digitization import pages as digitization

        page = pages_from_bytes(png_bytes(content), "scan.png")
        report = digitization.attach_pages(db, code, 1, page, source="file", actor=actor)
        return Path(digitization.page_store(db).path_for(report.added[-1].sha256))
    digest = hashlib.sha256(content).hexdigest()
    path = db.files_dir / digest[:2] / f"{digest}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def damage_middle(path: Path, length: int = 4096, seed: int = 3) -> None:
    """Overwrite ``length`` bytes in the middle of a file (page-aligned for a database) with noise."""
    size = path.stat().st_size
    offset = (size // 2) // 4096 * 4096
    noise = hashlib.sha256(str(seed).encode()).digest() * (length // 32 + 1)
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(noise[:length])
        fh.flush()
        os.fsync(fh.fileno())


def tamper_audit(db_file: Path, event_id: int = 2) -> None:
    """Edit one audit event behind the triggers' back (what an attacker with the file could do)."""
    conn = sqlite3.connect(db_file)
    try:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("UPDATE audit_events SET actor = 'mallory' WHERE id = ?", (event_id,))
        conn.commit()
    finally:
        conn.close()


def reseal_manifest(backup: Path) -> None:
    """Make the manifest match the (tampered) files again, so only the deeper checks can catch it."""
    manifest = json.loads((backup / "manifest.json").read_text())
    data = (backup / "desk_app.db").read_bytes()
    manifest["db"]["sha256"] = hashlib.sha256(data).hexdigest()
    manifest["db"]["size"] = len(data)
    (backup / "manifest.json").write_text(json.dumps(manifest))


def listing(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder`` (backups and replaced-* excluded)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if (
            path.is_file()
            and not rel.startswith(("backups/", "replaced-"))
            and not rel.endswith(("-shm", "-wal"))
        ):
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
