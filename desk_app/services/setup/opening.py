"""Opening the data at start: a quick look at the database over plain sqlite3, or the full open with SQLAlchemy.

The quick look decides whether the window may come up before SQLAlchemy is imported (about half of the
start-up time): the file exists, its schema is the newest migration (so nothing needs upgrading), a unit is
set up. It never writes. Any doubt returns None and the app takes the full path. No Qt here: the GUI calls
these before its window exists (desk_app.gui.app).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app import paths
from desk_app.domain.errors import StorageError
from desk_app.resources import MIGRATIONS
from desk_app.store import crypto, recovery

if TYPE_CHECKING:
    from desk_app.store.db import Database

log = logging.getLogger(__name__)

_REVISION = re.compile(r"^revision\s*(?::\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(.+)$", re.M)


def head_revision(versions: Path | None = None) -> str | None:
    """The single head of the migration scripts, read from their text (no Alembic import); None if unsure."""
    folder = versions or MIGRATIONS / "versions"
    revisions: set[str] = set()
    downs: set[str] = set()
    try:
        for script in folder.glob("*.py"):
            text = script.read_text(encoding="utf-8")
            rev = _REVISION.search(text)
            down = _DOWN.search(text)
            if rev is None or down is None:
                return None
            revisions.add(rev.group(1))
            downs.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    except OSError:
        return None
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


_QUICK_LOOK_ERRORS: tuple[type[Exception], ...] = (*crypto.ERRORS, ValueError)


def quick_look(data_dir: Path) -> tuple[str, str] | None:
    """(unit name, language) when the database can be shown as it is; None when the full open is needed."""
    db_file = paths.db_path(data_dir)
    if not db_file.is_file() or recovery.journal_path(data_dir).exists():
        return None  # no database, or an interrupted restore/encryption to finish: the full open does it
    head = head_revision()
    if head is None:
        return None
    try:
        con = crypto.connect(db_file, mode="ro")
        try:
            con.execute("PRAGMA busy_timeout=2000")
            versions = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
            if versions != [head]:
                return None
            unit = con.execute("SELECT name FROM units ORDER BY id LIMIT 1").fetchone()
            if unit is None:
                return None
            row = con.execute("SELECT value FROM settings WHERE key = 'language'").fetchone()
            language = json.loads(row[0]) if row else "vi"
        finally:
            con.close()
    except _QUICK_LOOK_ERRORS as exc:
        log.info("quick look at %s failed (%s): full open", db_file, exc)
        return None
    except StorageError as exc:  # encrypted and locked: the full open reports it
        log.info("quick look at %s: %s", db_file, exc)
        return None
    return str(unit[0]), str(language or "vi")


_SETTING_ERRORS: tuple[type[Exception], ...] = (*_QUICK_LOOK_ERRORS, StorageError)


def stored_settings(con: Any, keys: Iterable[str]) -> dict[str, object]:
    """The values of ``keys`` found in the settings table of an open DB-API connection (plain sqlite3 or
    SQLCipher: no SQLAlchemy), decoded as the store writes them (JSON); a value that is not JSON as its text."""
    wanted = list(keys)
    marks = ", ".join("?" for _ in wanted)
    out: dict[str, object] = {}
    for key, raw in con.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", wanted):
        try:
            out[key] = json.loads(raw) if raw is not None else None
        except (TypeError, ValueError):
            out[key] = raw
    return out


def read_setting(data_dir: Path, key: str, default: object = None) -> object:
    """One setting's value read over plain sqlite3 (no SQLAlchemy); ``default`` when absent or unreadable."""
    db_file = paths.db_path(data_dir)
    if not db_file.is_file():
        return default
    try:
        con = crypto.connect(db_file, mode="ro")
        try:
            con.execute("PRAGMA busy_timeout=2000")
            values = stored_settings(con, [key])
        finally:
            con.close()
    except _SETTING_ERRORS as exc:
        log.info("reading setting %s from %s failed (%s)", key, db_file, exc)
        return default
    return values.get(key, default)


def open_database(data_dir: Path) -> Database:
    from desk_app.store.db import open_database as _open

    return _open(data_dir)


def recovery_notice(db: Database) -> str | None:
    """The clerk's sentence when opening ``db`` finished an interrupted restore or encryption, else None."""
    return db.recovered.message_vi if db.recovered is not None else None


def full_open(data_dir: Path) -> tuple[Database, str | None, str]:
    """Open (creating or migrating) the database; (db, unit name or None, language). Raises StorageError."""
    from sqlalchemy import select

    from desk_app.store import settings
    from desk_app.store.models import Unit

    db = open_database(data_dir)
    try:
        with db.session() as s:
            language = settings.get(s, "language") or "vi"
            unit_name = s.scalars(select(Unit.name).limit(1)).first()
    except Exception:
        db.close()
        raise
    return db, unit_name, str(language)


def passphrase_needed(data_dir: Path) -> bool:
    """True when the database is encrypted (desk_app.store.crypto) and no passphrase was given yet."""
    return not os.environ.get(crypto.ENV_VAR) and crypto.marker_path(data_dir).is_file()


def give_passphrase(text: str) -> None:
    """Hand the passphrase to every reader (the process environment), never to disk."""
    os.environ[crypto.ENV_VAR] = text
