"""Listing dossiers page by page (danh sách hồ sơ): the count and the page queries of the dossier list.

Plain SQL over DB-API sqlite3 connections, no Qt and no SQLAlchemy import: the GUI's lazy table model, the
CLI and the benchmarks share it. ``count``/``page`` take an open ``Database``; a ``Reader`` keeps a few
read-only sqlite3 connections on a database file, so the GUI can show its first page before SQLAlchemy has
even been imported. Pages are cut with LIMIT/OFFSET over an index-only subquery of dossier ids; a page in
the second half of the list is read in the reversed order from the end, so jumping to the last row costs
no more than the first. Each sort follows an index (see SORTS).
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desk_app.domain import dates
from desk_app.domain.states import OPEN_STATES, State
from desk_app.store import crypto

if TYPE_CHECKING:
    from desk_app.store.db import Database


class Conn(Protocol):
    """A DB-API connection to the SQLite file (sqlite3, or SQLAlchemy's raw connection)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


PAGE_SIZE = 200

# sort key -> (ORDER BY terms ending in a unique one, join needed in the id subquery). Each list matches an
# index, so SQLite walks the index instead of sorting: received_at, code (unique), (state, deadline_at),
# applicants(full_name) then ix_dossiers_applicant, procedures(name) then ix_dossiers_procedure.
SORTS: dict[str, tuple[tuple[str, ...], str]] = {
    "received_at": (("d.received_at", "d.id"), ""),
    "due_at": (("d.deadline_at", "d.id"), ""),  # the due moment in force (extensions, supplement pauses)
    "code": (("d.code", "d.id"), ""),
    "applicant": (("a.full_name", "a.id", "d.id"), "JOIN applicants a ON a.id = d.applicant_id"),
    "procedure": (("p.name", "p.id", "d.id"), "JOIN procedures p ON p.id = d.procedure_id"),
    "state": (("d.state", "d.deadline_at", "d.id"), ""),
}

_MINUTE = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True)
class DossierFilter:
    """What the list shows: a state, a procedure code (any version), a received-date range (inclusive)."""

    state: str | None = None
    procedure_code: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    text: str = ""  # words of a name, ID, phone, code or procedure (the list's search box)


@dataclass(frozen=True)
class DossierRow:
    """One line of the list."""

    id: int
    code: str | None
    applicant: str
    procedure_code: str
    procedure: str
    received_at: datetime
    due_at: datetime | None  # the due moment in force (deadline_at: extended, moved by supplement pauses)
    state: str
    overdue: bool


def _where(flt: DossierFilter) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if flt.state:
        clauses.append("d.state = :state")
        params["state"] = flt.state
    if flt.procedure_code:
        clauses.append("d.procedure_id IN (SELECT id FROM procedures WHERE code = :proc)")
        params["proc"] = flt.procedure_code
    if flt.received_from:
        clauses.append("d.received_at >= :rfrom")
        params["rfrom"] = flt.received_from.strftime("%Y-%m-%dT00:00")
    if flt.received_to:
        clauses.append("d.received_at < :rto")
        params["rto"] = (flt.received_to + timedelta(days=1)).strftime("%Y-%m-%dT00:00")
    if flt.text.strip():
        clauses.append(_text_clause(flt.text, params))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _text_clause(query: str, params: dict[str, Any]) -> str:
    """Dossiers matching the search box: the exact code, or the full-text index as the queues' search does."""
    from desk_app.domain.codes import recover_scanned_code
    from desk_app.services.lifecycle.search import match_expressions  # SQLAlchemy is loaded by then

    arms = []
    code = recover_scanned_code(query)
    if code:
        params["tcode"] = code
        arms.append("SELECT id FROM dossiers WHERE code = :tcode")
    for i, expression in enumerate(match_expressions(query)):
        params[f"tq{i}"] = expression
        arms.append(f"SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :tq{i}")
    if not arms:
        return "0"
    return f"d.id IN ({' UNION '.join(arms)})"


def count_in(conn: Conn, flt: DossierFilter) -> int:
    where, params = _where(flt)
    return int(conn.execute(f"SELECT count(*) FROM dossiers d{where}", params).fetchone()[0])


def page_in(
    conn: Conn,
    flt: DossierFilter,
    sort: str = "received_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    total: int | None = None,
    now: datetime | None = None,
) -> list[DossierRow]:
    """Rows ``offset .. offset+limit`` of the list in the given order.

    With ``total`` given and ``offset`` past the middle, the page is read from the end in the reversed order.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort key {sort!r}")
    if limit <= 0 or offset < 0:
        return []
    terms, join = SORTS[sort]
    reverse = total is not None and offset > total // 2
    if reverse:
        assert total is not None
        end = min(offset + limit, total)
        offset, limit = total - end, end - offset
        if limit <= 0:
            return []
    desc = descending != reverse
    direction = "DESC" if desc else "ASC"
    where, params = _where(flt)
    params.update(limit=limit, offset=offset)
    if sort == "due_at" and not flt.state:
        sql = _merged_by_deadline(where, direction)
    else:
        order = ", ".join(f"{t} {direction}" for t in terms)
        sql = f"SELECT d.id FROM dossiers d {join}{where} ORDER BY {order} LIMIT :limit OFFSET :offset"
    ids = [r[0] for r in conn.execute(sql, params).fetchall()]
    if not ids:
        return []
    marks = ",".join(str(int(i)) for i in ids)
    rows = conn.execute(
        "SELECT d.id, d.code, a.full_name, p.code, p.name, d.received_at,"
        " coalesce(d.deadline_at, d.extended_due_at, d.due_at),"
        " d.state FROM dossiers d JOIN applicants a ON a.id = d.applicant_id"
        f" JOIN procedures p ON p.id = d.procedure_id WHERE d.id IN ({marks})"
    ).fetchall()
    by_id = {r[0]: r for r in rows}
    stamp = (now or datetime.now()).strftime(_MINUTE)
    open_states = {s.value for s in OPEN_STATES}
    out = []
    for i in reversed(ids) if reverse else ids:
        r = by_id[i]
        due = r[6]
        out.append(
            DossierRow(
                id=r[0],
                code=r[1],
                applicant=r[2],
                procedure_code=r[3],
                procedure=r[4],
                received_at=_stored(r[5]) or datetime.min,  # a bad stored date shows, never fails the list
                due_at=_stored(due) if due else None,
                state=r[7],
                overdue=bool(due) and due < stamp and r[7] in open_states,
            )
        )
    return out


def _stored(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None  # C-fast; strptime was 90% of a page
    except ValueError:
        return dates.parse_stored(text)


def _merged_by_deadline(where: str, direction: str) -> str:
    """Dossiers by deadline without a deadline index: one index-ordered arm per state, merged by SQLite.

    Each arm walks ix_dossiers_state_deadline (state = X, by deadline_at, id); a compound SELECT with ORDER BY
    is executed as a merge of already ordered arms, so no arm is sorted and LIMIT stops early.
    """
    cond = where.replace(" WHERE ", " AND ", 1) if where else ""
    arms = [
        f"SELECT d.id, d.deadline_at FROM dossiers d WHERE d.state = '{state.value}'{cond}" for state in State
    ]
    return f"{' UNION ALL '.join(arms)} ORDER BY 2 {direction}, 1 {direction} LIMIT :limit OFFSET :offset"


def procedure_choices_in(conn: Conn) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT code, name FROM procedures WHERE effective_to IS NULL ORDER BY use_count DESC, code"
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


@contextmanager
def _raw(db: Database) -> Iterator[Conn]:
    conn = db.read_engine.raw_connection()
    try:
        yield conn
    finally:
        conn.close()


def count(db: Database, flt: DossierFilter | None = None) -> int:
    """How many dossiers match ``flt``."""
    with _raw(db) as conn:
        return count_in(conn, flt or DossierFilter())


def page(
    db: Database,
    flt: DossierFilter | None = None,
    sort: str = "received_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    total: int | None = None,
) -> list[DossierRow]:
    """One page of the list (see ``page_in``)."""
    with _raw(db) as conn:
        return page_in(conn, flt or DossierFilter(), sort, descending, offset, limit, total)


def procedure_choices(db: Database) -> list[tuple[str, str]]:
    """(code, name) of the current procedures, for the list's procedure filter."""
    with _raw(db) as conn:
        return procedure_choices_in(conn)


class Reader:
    """A few read-only sqlite3 connections on one database file, shared by worker threads.

    Opening one costs about a millisecond and needs no SQLAlchemy. ``mode=ro``: this object can never write.
    """

    def __init__(self, db_file: Path | str, size: int = 3) -> None:
        self.db_file = Path(db_file)
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._all: list[sqlite3.Connection] = []
        self._size = size
        self._closed = False

    def _open(self) -> sqlite3.Connection:
        # crypto.connect: plain sqlite3, or SQLCipher (same DB-API) when the database is encrypted
        conn: sqlite3.Connection = crypto.connect(
            self.db_file, mode="ro", check_same_thread=False, isolation_level=None
        )
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("PRAGMA query_only=ON")
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for one unit of reading, inside one read transaction (a consistent snapshot)."""
        if self._closed:
            raise RuntimeError("reader closed")
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._open()
            self._all.append(conn)
        try:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")
        finally:
            if self._closed:
                conn.close()
            else:
                self._idle.put(conn)

    def count(self, flt: DossierFilter | None = None) -> int:
        with self.connection() as conn:
            return count_in(conn, flt or DossierFilter())

    def page(
        self,
        flt: DossierFilter | None = None,
        sort: str = "received_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = PAGE_SIZE,
        total: int | None = None,
    ) -> list[DossierRow]:
        with self.connection() as conn:
            return page_in(conn, flt or DossierFilter(), sort, descending, offset, limit, total)

    def procedure_choices(self) -> list[tuple[str, str]]:
        with self.connection() as conn:
            return procedure_choices_in(conn)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
