"""Finding dossiers while the clerk types: name, personal ID, phone, dossier code or procedure.

The SQLite FTS5 table ``dossier_fts`` (store/ddl.py) indexes folded text (domain.text.fold: no tones,
đ→d, lower case), kept in step by triggers. A query is folded the same way and split into tokens, AND-ed.
The word being typed (the last one) matches as a prefix ("nguyen thi h" finds "Nguyễn Thị Hằng" and
"Nguyễn Thị Hoa"), and so do short words ("ng th h" too: prefixes of 1–3 letters have their own index);
a finished longer word matches whole, because a long prefix makes FTS5 merge every matching term's list
first (about 20 ms for "nguyen"* over a million dossiers, against 0.3 ms for "nguyen"). Words without digits must all be in the applicant's name (listed first), or all in the
procedure (listed next): "nguyen t ho" does not find Nguyễn Thị Hằng through "Hộ tịch", and "h" does not
match the "H49" of every dossier code. Tokens with digits look everywhere (code parts, ID numbers,
phones, procedure codes). Results come newest first, which lets FTS5 stop after ``limit`` matches on a big file.
"""

from __future__ import annotations

import re

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from desk_app.domain.codes import recover_scanned_code
from desk_app.domain.text import ascii_digits, fold
from desk_app.store import audit
from desk_app.store.db import Database
from desk_app.store.ddl import SEARCH_DDL
from desk_app.store.models import Applicant, Dossier, Procedure

DEFAULT_LIMIT = 50
_TOKEN = re.compile(r"[0-9a-z]+")
_PREFIX_MAX = 3  # the index keeps prefixes of 1–3 characters (store/ddl.py): those are cheap
_DIGIT_GROUPS = re.compile(r"[0-9]+(?:[ .\-][0-9]+)+")
_TRIGGERS = re.findall(r"CREATE TRIGGER IF NOT EXISTS (\w+)", " ".join(SEARCH_DDL))


def match_expressions(query: str) -> list[str]:
    """The FTS5 MATCH expressions for what was typed, best first (names, then procedures); [] for nothing."""
    folded = fold(ascii_digits(query))  # full-width or other scripts' digits find the ASCII ones stored
    if _DIGIT_GROUPS.fullmatch(folded):  # a phone or ID typed in groups: "0912 345 678", "0912.345.678"
        joined = re.sub(r"[ .\-]", "", folded)
        # Spaces always; dots or dashes only for what starts like a phone or an ID (not 1.004837, 250707-0004)
        if " " in folded or (9 <= len(joined) <= 12 and joined.startswith(("0", "84"))):
            folded = joined
    tokens = _TOKEN.findall(folded)[:12]
    typing = not query[-1:].isspace()  # the last word may still be growing
    terms = [
        (t, f'"{t}"*' if len(t) <= _PREFIX_MAX or (typing and i == len(tokens) - 1) else f'"{t}"')
        for i, t in enumerate(tokens)
    ]
    words = " AND ".join(term for t, term in terms if not any(ch.isdigit() for ch in t))
    numbers = " AND ".join(term for t, term in terms if any(ch.isdigit() for ch in t))
    if not words:
        return [numbers] if numbers else []
    tail = f" AND {numbers}" if numbers else ""
    return [f"who : ({words}){tail}", f"proc : ({words}){tail}"]


def search_ids(session: Session, query: str, *, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Ids of the dossiers matching ``query``: an exact dossier code first, then name matches, then
    procedure matches, each newest first."""
    ids: list[int] = []
    code = recover_scanned_code(query)
    if code:
        exact = session.scalar(select(Dossier.id).where(Dossier.code == code))
        if exact is not None:
            ids.append(exact)
    for expression in match_expressions(query):
        if len(ids) >= limit:
            break
        rows = session.execute(
            text("SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :q ORDER BY rowid DESC LIMIT :n"),
            {"q": expression, "n": limit},
        )
        seen = set(ids)
        ids += [r[0] for r in rows if r[0] not in seen]
    return ids[:limit]


def rebuild_index(db: Database, *, actor: str = "") -> int:
    """Create the search table if missing, fill folded columns left empty, rebuild and optimise the index.

    For databases filled by hand or before the index existed. Returns the number of dossiers indexed.
    """
    with db.transaction() as session:
        # The triggers delete what they believe is indexed; on a damaged or missing index that fails, so
        # they are off while the folded columns are fixed (DDL is transactional in SQLite).
        for name in _TRIGGERS:
            session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        for stmt in SEARCH_DDL:
            if not stmt.lstrip().startswith("CREATE TRIGGER"):
                session.execute(text(stmt))
        empty = session.execute(
            select(Applicant.id, Applicant.full_name).where(Applicant.folded_name == "")
        ).all()
        if empty:
            session.execute(update(Applicant), [{"id": i, "folded_name": fold(name)} for i, name in empty])
        procs = session.execute(
            select(Procedure.id, Procedure.code, Procedure.name, Procedure.field).where(
                Procedure.folded == ""
            )
        ).all()
        if procs:
            session.execute(
                update(Procedure), [{"id": i, "folded": fold(f"{c} {n} {f}")} for i, c, n, f in procs]
            )
        for stmt in SEARCH_DDL:
            if stmt.lstrip().startswith("CREATE TRIGGER"):
                session.execute(text(stmt))
        session.execute(text("INSERT INTO dossier_fts(dossier_fts) VALUES('rebuild')"))
        session.execute(text("INSERT INTO dossier_fts(dossier_fts) VALUES('optimize')"))
        count = int(session.scalar(text("SELECT count(*) FROM dossiers")) or 0)
        audit.record(
            session,
            "search.rebuild",
            actor=actor,
            entity="search",
            detail={
                "dossiers": count,
                "applicants_folded": len(empty),
                "procedures_folded": len(procs),
            },
        )
        return count


def check_index(db: Database) -> bool:
    """True when the index agrees with the rows it was built from (FTS5 integrity-check against content)."""
    with db.session() as session:
        try:
            session.execute(text("INSERT INTO dossier_fts(dossier_fts, rank) VALUES('integrity-check', 1)"))
        except Exception:  # SQLITE_CORRUPT_VTAB: the index and the rows disagree
            return False
        finally:
            session.rollback()
    return True
