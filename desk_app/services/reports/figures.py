"""Counting the figures: one SQL definition per figure, used both for the counts and for the drill-down.

Every figure is a condition on a row of its population (FIGURES and POPULATION_PREDICATE below). The
counts scan a few disjoint row sources once each: every row becomes a bit mask of the figures whose
"population AND condition" holds, rows are counted by (breakdown key, mask), and Python adds the counts
up per figure. The drill-down selects the rows where the same SQL holds. So a figure and the dossiers
listed behind it cannot disagree.

Timeliness (Biểu II.06a cột 8–10, 12–13) follows ``domain.lateness``: SQL decides the rows that need no
working calendar (no supplement pause: a day/minute comparison of text times), and the few rows whose
due moment moves by supplement pauses are judged in Python by ``lateness.dossier_timeliness`` itself.

Times are stored as ``YYYY-MM-DDTHH:MM`` text, so comparisons of text are comparisons of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.indicators import CERTIFICATION_FIELDS
from desk_app.domain.lateness import dossier_timeliness, pause_minutes
from desk_app.domain.periods import Period
from desk_app.domain.states import OPEN_STATES

Breakdown = Literal["unit", "field", "procedure", "officer"]
BREAKDOWNS: tuple[Breakdown, ...] = ("unit", "field", "procedure", "officer")
Population = Literal["ii06a", "received", "finished", "returned", "supplemented"]

# The officer handling a dossier at the period's end: the last person it was handed to before then,
# else the clerk who received it.
_OFFICER = (
    "COALESCE(NULLIF((SELECT ev.to_whom FROM dossier_events ev WHERE ev.dossier_id = d.id "
    "AND ev.action = 'forward' AND ev.at < :c ORDER BY ev.id DESC LIMIT 1), ''), d.created_by, '')"
)
KEY_SQL: dict[str, str] = {
    "unit": "CAST(d.unit_id AS TEXT)",
    "field": "p.field",
    "procedure": "p.code",
    "officer": _OFFICER,
}

_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATES))
_CERT = ", ".join("'" + f.replace("'", "''") + "'" for f in CERTIFICATION_FIELDS)

# II.06a: the timeliness letter of a row. E/O/L resolved early/on time/late; I/V in progress in time/
# overdue at the cut-off moment :c; NULL when supplement pauses move the due moment (judged in Python).
# A pause only moves the due moment later, so a dossier finished on a day before the due day is early, and
# one open at a cut-off not after its due moment with at most one supplement request is in time, pause or not.
_T = """CASE
  WHEN d.finished_at IS NOT NULL AND d.finished_at < :e THEN CASE
    WHEN d.due_at IS NULL THEN 'O'
    WHEN d.supplement_count > 1 THEN 'L'
    WHEN substr(d.finished_at, 1, 10) < substr(d.due_at, 1, 10) THEN 'E'
    WHEN d.paused_minutes > 0 THEN NULL
    WHEN d.finished_at > d.due_at THEN 'L'
    WHEN substr(d.finished_at, 1, 10) = substr(d.due_at, 1, 10) THEN 'O'
    ELSE 'E' END
  ELSE CASE
    WHEN d.due_at IS NULL THEN 'I'
    WHEN d.supplement_count = 0 THEN CASE WHEN :c > d.due_at THEN 'V' ELSE 'I' END
    WHEN d.supplement_count = 1 AND :c <= d.due_at THEN 'I'
    ELSE NULL END
END"""

# Which dossiers each population holds (a row predicate), and the index-friendly, disjoint row sources
# whose union holds every population: received in the period (received_at); received before it and
# finished since its start (finished_at, received_at); received before it and still open (state);
# finished before it but returned in it (returned_at). A dossier with a supplement request in the period
# was open then, so it lies in the first three. One scan of each source counts every figure.
POPULATION_PREDICATE: dict[str, str] = {
    # Biểu II.06a: received in the period, or received before it and still open at its start.
    "ii06a": "d.code IS NOT NULL AND d.received_at < :e AND (d.finished_at IS NULL OR d.finished_at >= :s)",
    "received": "d.received_at >= :s AND d.received_at < :e",
    "finished": "d.finished_at >= :s AND d.finished_at < :e",
    "returned": "d.returned_at >= :s AND d.returned_at < :e",
    "supplemented": (
        "d.code IS NOT NULL AND d.id IN (SELECT se.dossier_id FROM supplement_episodes se "
        "WHERE se.requested_at >= :s AND se.requested_at < :e)"
    ),
}
SOURCES: dict[str, str] = {
    "received_in": "d.received_at >= :s AND d.received_at < :e",
    # "+" keeps SQLite off the received_at index ("received before the start" is nearly every row, and
    # without statistics it took that index: 175 ms for a week against 1.4 ms through finished_at).
    "finished_since": "d.finished_at >= :s AND +d.received_at < :s",
    # "+" keeps SQLite off the finished_at index here (its NULLs are mostly guided visits): the state
    # index finds the few open dossiers at once.
    "open_before": f"+d.finished_at IS NULL AND d.state IN ({_OPEN}) AND d.received_at < :s",
    "returned_only": "d.returned_at >= :s AND d.returned_at < :e AND d.finished_at < :s AND d.received_at < :s",
}


def _sources(populations: Iterable[str]) -> list[str]:
    """The row sources the populations need (the last one only holds returns)."""
    names = ["received_in", "finished_since", "open_before"]
    if "returned" in populations:
        names.append("returned_only")
    return [SOURCES[n] for n in names]


_RECEIVED = "d.code IS NOT NULL"
_REUSED = (
    "EXISTS (SELECT 1 FROM dossier_documents dd WHERE dd.dossier_id = d.id "
    "AND dd.digitization IN ('reused_document', 'reused_result'))"
)
_WITHDRAWN = "EXISTS (SELECT 1 FROM dossier_events ev WHERE ev.dossier_id = d.id AND ev.action = 'withdraw')"
_RESULT = "d.state IN ('result_ready', 'returned')"


@dataclass(frozen=True)
class Figure:
    """A counted figure: the population it is drawn from and the row condition (SQL over d, p, t)."""

    code: str
    population: Population
    condition: str
    timeliness: str = ""  # II.06a letters the figure counts (judged in Python for paused rows)


FIGURES: tuple[Figure, ...] = (
    # Biểu II.06a (domain.md §5.1). "t" is the timeliness letter above.
    Figure("received.total", "ii06a", "1"),
    Figure("received.online", "ii06a", "d.received_at >= :s AND d.channel = 'online'"),
    Figure("received.direct_postal", "ii06a", "d.received_at >= :s AND d.channel <> 'online'"),
    Figure("received.carried_over", "ii06a", "d.received_at < :s"),
    Figure("resolved.total", "ii06a", "d.finished_at IS NOT NULL AND d.finished_at < :e"),
    Figure("resolved.early", "ii06a", "d.t = 'E'", "E"),
    Figure("resolved.on_time", "ii06a", "d.t = 'O'", "O"),
    Figure("resolved.late", "ii06a", "d.t = 'L'", "L"),
    Figure("in_progress.total", "ii06a", "(d.finished_at IS NULL OR d.finished_at >= :e)"),
    Figure("in_progress.on_time", "ii06a", "d.t = 'I'", "I"),
    Figure("in_progress.overdue", "ii06a", "d.t = 'V'", "V"),
    # The counter's own report: received in the period.
    Figure("received_total", "received", _RECEIVED),
    Figure("received_online", "received", f"{_RECEIVED} AND d.channel = 'online'"),
    Figure("received_direct", "received", f"{_RECEIVED} AND d.channel = 'direct'"),
    Figure("received_postal", "received", f"{_RECEIVED} AND d.channel = 'postal'"),
    Figure("guided", "received", "d.state = 'guided'"),
    Figure("digitized_intake", "received", f"{_RECEIVED} AND d.digitized"),
    Figure("full_online_eligible", "received", f"{_RECEIVED} AND p.online_level = 'full'"),
    Figure("full_online", "received", f"{_RECEIVED} AND p.online_level = 'full' AND d.channel = 'online'"),
    Figure("fee_bearing", "received", f"{_RECEIVED} AND d.fee_amount > 0"),
    Figure("paid_online", "received", f"{_RECEIVED} AND d.fee_amount > 0 AND d.paid_online"),
    Figure("certification_total", "received", f"{_RECEIVED} AND p.field IN ({_CERT})"),
    Figure(
        "certification_electronic", "received", f"{_RECEIVED} AND p.field IN ({_CERT}) AND d.result_digitized"
    ),
    Figure("reused", "received", f"{_RECEIVED} AND {_REUSED}"),
    # Finished in the period (result, stop, refusal; a refusal at the counter finishes at once).
    Figure("refused", "finished", "d.state = 'refused'"),
    Figure("withdrawn", "finished", f"d.state = 'stopped' AND {_WITHDRAWN}"),
    Figure("results_issued", "finished", _RESULT),
    Figure("digitized_result", "finished", f"{_RESULT} AND d.result_digitized"),
    Figure("fully_digitized", "finished", f"{_RESULT} AND d.result_digitized AND d.digitized"),
    # Returned in the period.
    Figure("returned_total", "returned", "1"),
    Figure("returned_online", "returned", "d.return_via = 'online'"),
    Figure("returned_postal", "returned", "d.return_via = 'postal'"),
    Figure("rated", "returned", "d.rating IS NOT NULL"),
    Figure("satisfied", "returned", "d.rating = 'satisfied'"),
    Figure("dissatisfied", "returned", "d.rating = 'dissatisfied'"),
    # At least one supplement request in the period.
    Figure("supplemented", "supplemented", "1"),
)
FIGURE: dict[str, Figure] = {f.code: f for f in FIGURES}
II06A_CODES: tuple[str, ...] = tuple(f.code for f in FIGURES if f.population == "ii06a")


@dataclass(frozen=True)
class Window:
    """The SQL bounds of a period: start, end (exclusive, the day after the period) and the cut-off moment."""

    s: str
    e: str
    c: str

    @classmethod
    def of(cls, period: Period, now: datetime) -> Window:
        start = datetime.combine(period.start, time(0, 0))
        end = datetime.combine(period.end + timedelta(days=1), time(0, 0))
        cut = min(now.replace(second=0, microsecond=0), end)
        fmt = "%Y-%m-%dT%H:%M"
        return cls(start.strftime(fmt), end.strftime(fmt), cut.strftime(fmt))

    @property
    def cut(self) -> datetime:
        return datetime.fromisoformat(self.c)

    def params(self) -> dict[str, str]:
        return {"s": self.s, "e": self.e, "c": self.c}


def _outer(condition: str) -> str:
    """A figure condition over the counting query's inner row (procedure columns carried as p_*)."""
    return condition.replace("p.field", "d.p_field").replace("p.online_level", "d.p_online_level")


def _sql(condition: str) -> str:
    """A figure condition as SQL over ``dossiers d JOIN procedures p`` (``d.t`` is the timeliness CASE)."""
    return condition.replace("d.t ", f"({_T}) ")


_PAUSED = ("d.finished_at", "d.due_at", "d.paused_minutes", "d.supplement_count")
# The dossier columns figure conditions read (the counting query carries only these).
_ROW_COLUMNS = (
    "id",
    "code",
    "channel",
    "return_via",
    "state",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "paused_minutes",
    "supplement_count",
    "fee_amount",
    "paid_online",
    "digitized",
    "result_digitized",
    "rating",
)


def _suffix(sql: str, tag: str) -> str:
    """``sql`` with its window parameters :s, :e, :c renamed :s<tag>, :e<tag>, :c<tag>."""
    return re.sub(r":([sec])\b", lambda m: f":{m.group(1)}{tag}", sql)


def count(
    session: Session,
    populations: Sequence[Population],
    by: Breakdown,
    window: Window,
    calendar: WorkingCalendar,
    codes: Iterable[str] | None = None,
) -> dict[str, dict[str, int]]:
    """{key: {figure code: count}} for every figure of ``populations`` (only ``codes`` when given)."""
    return count_many(session, populations, by, [window], calendar, codes)[0]


def count_many(
    session: Session,
    populations: Sequence[Population],
    by: Breakdown,
    windows: Sequence[Window],
    calendar: WorkingCalendar,
    codes: Iterable[str] | None = None,
) -> list[dict[str, dict[str, int]]]:
    """The counts of :func:`count` for several windows (e.g. a week and the week before) in one scan.

    The row sources cover the span from the earliest start to the latest end; the breakdown key is
    taken at the first window's cut-off. Each row gets, per window, its timeliness letter, its
    population flags and a bit mask of the figures it counts in (at most 60 figures a mask); rows are
    counted by (key, masks), so SQLite sorts a few small integers a row instead of every column. The
    II.06a rows whose timeliness needs the calendar come back one group each (by id), judged in Python.
    """
    wanted = None if codes is None else set(codes)
    figures = [f for f in FIGURES if f.population in populations and (wanted is None or f.code in wanted)]
    chunks = [figures[i : i + 60] for i in range(0, len(figures), 60)]
    ii06a = "ii06a" in populations
    tags = [str(i) for i in range(len(windows))]
    # The inner query computes the letters and flags once per row (LIMIT -1 keeps SQLite from
    # flattening it back into every mask term).
    inner_cols = [f"{_suffix(KEY_SQL[by], '0')} AS k"]
    mask_cols: list[str] = []
    cid_cols: list[str] = []
    for tag in tags:
        inner_cols.append(f"{_suffix(_T, tag)} AS t{tag}")
        inner_cols += [f"({_suffix(POPULATION_PREDICATE[pop], tag)}) AS f_{pop}_{tag}" for pop in populations]
        for n, chunk in enumerate(chunks):
            terms = " + ".join(
                f"(CASE WHEN d.f_{f.population}_{tag} AND "
                f"({_suffix(_outer(f.condition), tag).replace('d.t ', f'd.t{tag} ')}) THEN {1 << bit} ELSE 0 END)"
                for bit, f in enumerate(chunk)
            )
            mask_cols.append(f"{terms} AS m{tag}_{n}")
        cid = f"CASE WHEN d.f_ii06a_{tag} AND d.t{tag} IS NULL THEN d.id END" if ii06a else "NULL"
        cid_cols.append(f"{cid} AS cid{tag}")
    mask_names = [c.rsplit(" AS ", 1)[1] for c in mask_cols]
    cid_names = [c.rsplit(" AS ", 1)[1] for c in cid_cols]
    bare = [c.removeprefix("d.") for c in _PAUSED]
    carried = ", ".join(f"{c} AS {b}" for c, b in zip(_PAUSED, bare, strict=True))
    any_cid = f"COALESCE({', '.join(cid_names)}, NULL)"
    paused = ", ".join(f"MIN(CASE WHEN {any_cid} IS NOT NULL THEN {b} END)" for b in bare)
    group = ", ".join(["k", *cid_names, *mask_names])
    # The inner row carries only the columns the outer expressions read (each costs a little on every row),
    # and joins the procedure only when a figure or the breakdown reads it.
    read = set(re.findall(r"\bd\.(\w+)", " ".join([*mask_cols, *cid_cols, carried])))
    inner_cols += [f"d.{c}" for c in _ROW_COLUMNS if c in read]
    inner_cols += [f"p.{c[2:]} AS {c}" for c in ("p_field", "p_online_level") if c in read]
    join = any(c.startswith("p.") for c in inner_cols) or "p." in KEY_SQL[by]
    source_from = "dossiers d JOIN procedures p ON p.id = d.procedure_id" if join else "dossiers d"
    params: dict[str, str] = {}
    for tag, window in zip(tags, windows, strict=True):
        params.update({f"{k}{tag}": v for k, v in window.params().items()})
    params.update(sA=min(w.s for w in windows), eA=max(w.e for w in windows))
    outs: list[dict[str, dict[str, int]]] = [{} for _ in windows]
    judges: list[list[tuple[int, str, Any, Any, Any, Any]]] = [[] for _ in windows]
    for where in _sources(populations):
        inner = f"SELECT {', '.join(inner_cols)} FROM {source_from} WHERE {_suffix(where, 'A')} LIMIT -1"
        rows_sql = f"SELECT d.k AS k, {', '.join(cid_cols)}, {', '.join(mask_cols)}, {carried} FROM ({inner}) AS d LIMIT -1"
        sql = f"SELECT {group}, COUNT(*), {paused} FROM ({rows_sql}) GROUP BY {group}"
        for row in session.execute(text(sql), params):
            key = row[0] or ""
            cids = row[1 : 1 + len(tags)]
            masks = row[1 + len(tags) : 1 + len(tags) + len(mask_names)]
            n = int(row[1 + len(tags) + len(mask_names)])
            stored = row[2 + len(tags) + len(mask_names) :]
            for i in range(len(tags)):
                values = outs[i].setdefault(key, {f.code: 0 for f in figures})
                for chunk, mask in zip(chunks, masks[i * len(chunks) : (i + 1) * len(chunks)], strict=True):
                    bits = int(mask)
                    for bit, f in enumerate(chunk):
                        if bits >> bit & 1:
                            values[f.code] += n
                if cids[i] is not None:
                    judges[i].append((int(cids[i]), key, *stored))
    for i, window in enumerate(windows):
        for _, key, letter in _judge(session, judges[i], window, calendar):
            for f in figures:
                if letter in f.timeliness:
                    outs[i][key][f.code] += 1
    # keys whose every figure is 0 (rows of no population of a window) are dropped
    return [{k: v for k, v in out.items() if any(v.values())} for out in outs]


def _judge(
    session: Session,
    rows: Sequence[tuple[int, str, Any, Any, Any, Any]],
    window: Window,
    calendar: WorkingCalendar,
) -> list[tuple[int, str, str]]:
    """(id, key, timeliness letter) of II.06a rows whose due moment moves by supplement pauses.

    ``rows`` are (id, key, finished_at, due_at, paused_minutes, supplement_count) as stored.
    """
    end, cut = datetime.fromisoformat(window.e), window.cut
    open_ids = [r[0] for r in rows if r[2] is None or datetime.fromisoformat(r[2]) >= end]
    episodes = _episodes_before(session, open_ids, window.c)
    out: list[tuple[int, str, str]] = []
    for dossier_id, k, finished, due, paused, supplements in rows:
        due_at = datetime.fromisoformat(due)
        finished_at = datetime.fromisoformat(finished) if finished else None
        if finished_at is not None and finished_at < end:
            verdict = dossier_timeliness(
                due_at=due_at,
                paused_minutes=paused,
                supplement_count=supplements,
                finished_at=finished_at,
                now=cut,
                calendar=calendar,
            )
            letter = {"early": "E", "on_time": "O", "late": "L"}[verdict or "on_time"]
        else:
            # Still open at the cut-off: count only the supplement requests and pauses before it.
            asked = episodes.get(dossier_id, [])
            closed = sum(pause_minutes(a, b, calendar) for a, b in asked if b is not None and b < cut)
            pending = next((a for a, b in asked if b is None or b >= cut), None)
            verdict = dossier_timeliness(
                due_at=due_at,
                paused_minutes=closed,
                supplement_count=len(asked),
                finished_at=None,
                now=cut,
                calendar=calendar,
                pending_pause_since=pending,
            )
            letter = "V" if verdict == "late" else "I"
        out.append((dossier_id, k, letter))
    return out


def _episodes_before(
    session: Session, ids: Sequence[int], cut: str
) -> dict[int, list[tuple[datetime, datetime | None]]]:
    """Supplement requests (requested, answered) made before ``cut``, per dossier."""
    out: dict[int, list[tuple[datetime, datetime | None]]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join(str(int(x)) for x in chunk)
        sql = (
            "SELECT dossier_id, requested_at, received_at FROM supplement_episodes "
            f"WHERE dossier_id IN ({marks}) AND requested_at < :c AND stage <> 'intake' ORDER BY id"
        )
        for did, req, rec in session.execute(text(sql), {"c": cut}):
            out.setdefault(did, []).append(
                (datetime.fromisoformat(req), datetime.fromisoformat(rec) if rec else None)
            )
    return out


def dossier_ids(
    session: Session,
    figure: str,
    by: Breakdown,
    window: Window,
    calendar: WorkingCalendar,
    key: str | None,
    limit: int = 5000,
) -> list[int]:
    """The ids of the dossiers behind ``figure`` in the row ``key`` (None: the whole unit)."""
    f = FIGURE[figure]
    params: dict[str, Any] = window.params()
    extra = ""
    if key is not None:
        extra = f" AND ({KEY_SQL[by]}) = :key"
        params["key"] = key
    pred = POPULATION_PREDICATE[f.population]
    base = "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE"
    found: list[tuple[str, int]] = []
    for where in _sources([f.population]):
        sql = f"SELECT d.received_at, d.id {base} ({where}) AND ({pred}) AND ({_sql(f.condition)}){extra}"
        found += [(r[0], int(r[1])) for r in session.execute(text(sql), params)]
    if f.timeliness:
        cols = f"d.id, {KEY_SQL[by]}, " + ", ".join(_PAUSED) + ", d.received_at"
        rows = []
        for where in _sources(["ii06a"]):
            sql = f"SELECT {cols} {base} ({where}) AND ({pred}) AND ({_T}) IS NULL{extra}"
            rows += list(session.execute(text(sql), params))
        received = {int(r[0]): r[-1] for r in rows}
        judged = _judge(session, [(int(r[0]), r[1] or "", *r[2:6]) for r in rows], window, calendar)
        found += [(received[i], i) for i, _, letter in judged if letter in f.timeliness]
    return [i for _, i in sorted(found)][:limit]


def officer_now(session: Session, ids: Iterable[int], at: str) -> dict[int, str]:
    """The officer holding each dossier at ``at`` (the same rule as the officer breakdown)."""
    id_list = [int(i) for i in ids]
    if not id_list:
        return {}
    marks = ", ".join(str(i) for i in id_list)
    sql = f"SELECT d.id, {_OFFICER} FROM dossiers d WHERE d.id IN ({marks})"
    return {int(i): o or "" for i, o in session.execute(text(sql), {"c": at})}
