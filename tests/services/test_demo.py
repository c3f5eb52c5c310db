"""The demo commune: realistic, internally consistent dossiers in every state."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from desk_app.demo.commune import build_demo
from desk_app.domain.codes import DOSSIER_CODE, counter_range, parse_code
from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.identity import check_id_number, normalise_phone
from desk_app.domain.states import Action, State, next_state
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store import audit
from desk_app.store.db import Database, open_database
from desk_app.store.models import AuditEvent, Dossier, SupplementEpisode
from tests.conftest import cli_json, run_cli

# Four months before this day hold Tết 2026, Giỗ Tổ, 30/4 and 1/5: received times must avoid them all.
TODAY = date(2026, 5, 6)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, Any]]]:
    database = open_database(tmp_path_factory.mktemp("demo") / "data")
    summary = build_demo(database, dossiers=400, seed=7, today=TODAY)
    yield database, summary
    database.close()


def _dossiers(db: Database) -> list[Dossier]:
    """Every dossier with what the checks read loaded."""
    loads = [
        selectinload(getattr(Dossier, rel))
        for rel in ("applicant", "events", "supplements", "documents", "procedure")
    ]
    with db.session() as s:
        return list(s.scalars(select(Dossier).options(*loads).order_by(Dossier.id)))


def test_summary_and_every_state_present(demo: tuple[Database, dict[str, Any]]) -> None:
    """The summary counts every state, and every state of the model really occurs."""
    db, summary = demo
    assert summary["dossiers"] == 400
    assert summary["unit"] == "Ủy ban nhân dân xã Gio Sơn"
    assert set(summary["by_state"]) == {s.value for s in State}
    assert all(n > 0 for n in summary["by_state"].values()), summary["by_state"]
    stored = {d.state for d in _dossiers(db)}
    assert stored == {s.value for s in State}
    assert summary["by_state"]["returned"] > summary["by_state"]["in_progress"]


def test_received_at_working_times_and_due_after_received(demo: tuple[Database, dict[str, Any]]) -> None:
    db, _ = demo
    with db.session() as s:
        cal = calendar_from_session(s)
    start = datetime(2026, 1, 1)
    for d in _dossiers(db):
        assert cal.in_office_hours(d.received_at), (d.code, d.received_at)
        assert start < d.received_at < datetime.combine(TODAY, datetime.min.time())
        if d.state in (State.GUIDED, State.REFUSED) and d.code is None:
            assert d.due_at is None
            continue
        assert d.due_at is not None and d.due_at >= d.received_at
        proc = d.procedure
        assert d.due_at == cal.due_at(
            d.received_at, proc.processing_value, proc.processing_unit, proc.cutoff_time
        )
        if d.extended_due_at is not None:
            assert d.extended_due_at > d.due_at


def test_codes_unique_well_formed_and_numbered_per_day(demo: tuple[Database, dict[str, Any]]) -> None:
    db, summary = demo
    dossiers = _dossiers(db)
    codes = [d.code for d in dossiers if d.code]
    assert len(codes) == len(set(codes)) > 300
    first, last = counter_range(1)
    by_day: dict[date, list[int]] = {}
    for d in dossiers:
        if d.code is None:
            assert d.events[0].action in ("guide", "refuse")  # not received at the counter: no code
            continue
        assert DOSSIER_CODE.match(d.code)
        parsed = parse_code(d.code)
        assert parsed.agency == summary["agency_code"]
        assert parsed.day == d.received_at.date()
        assert first <= parsed.seq <= last
        by_day.setdefault(parsed.day, []).append(parsed.seq)
    for seqs in by_day.values():  # sequence of the day: 0001, 0002, … in the order received
        assert seqs == list(range(first, first + len(seqs)))


def test_applicants_are_valid_people(demo: tuple[Database, dict[str, Any]]) -> None:
    db, _ = demo
    families = set()
    for d in _dossiers(db):
        a = d.applicant
        assert a.birth_date is not None and a.gender in ("Nam", "Nữ")
        assert check_id_number(a.id_number, a.birth_date, a.gender) == a.id_number
        assert len(a.id_number) == 12
        if a.phone:
            assert normalise_phone(a.phone) == a.phone
        assert unicodedata.normalize("NFC", a.full_name) == a.full_name
        assert len(a.full_name.split()) >= 3
        assert a.address.endswith("tỉnh Quảng Trị")
        families.add(a.full_name.split()[0])
    assert {"Nguyễn", "Trần", "Lê"} <= families


def test_histories_follow_the_rules(demo: tuple[Database, dict[str, Any]]) -> None:
    """Each history replays through domain.states to the stored state, in time order, before today."""
    db, _ = demo
    with db.session() as s:
        cal = calendar_from_session(s)
    for d in _dossiers(db):
        state: State | None = None
        previous = None
        for e in d.events:
            assert e.state_before == (state.value if state else None)
            if state is None:
                assert e.action in ("receive", "guide", "refuse")
                state = State(e.state_after)
            else:
                state = next_state(state, Action(e.action))
            assert e.state_after == state.value
            assert previous is None or e.at >= previous
            assert e.at.date() < TODAY and cal.in_office_hours(e.at)
            previous = e.at
        assert state is not None and state.value == d.state
        if d.state == State.RETURNED:
            assert d.returned_at is not None and d.receiver and d.finished_at is not None
        if d.state in (State.RESULT_READY, State.RETURNED, State.STOPPED):
            assert d.finished_at is not None


def test_supplements_late_extended_digitised_and_rated(demo: tuple[Database, dict[str, Any]]) -> None:
    db, _ = demo
    dossiers = _dossiers(db)
    with db.session() as s:
        processing = s.scalar(
            select(func.count(SupplementEpisode.id)).where(SupplementEpisode.stage == "processing")
        )
    assert processing == sum(d.supplement_count for d in dossiers)
    assert any(d.supplement_count == 2 for d in dossiers)
    for d in dossiers:
        if d.state == State.GUIDED:  # guidance at the counter is kept as an intake-stage episode
            assert [e.stage for e in d.supplements] == ["intake"] and d.supplements[0].items
            continue
        open_episodes = [e for e in d.supplements if e.received_at is None]
        if d.state == State.SUPPLEMENT_REQUESTED:
            assert len(open_episodes) == 1
        elif d.state != State.STOPPED:
            assert not open_episodes
        if d.supplement_count and not open_episodes:
            assert d.paused_minutes > 0
        if d.due_at is None:
            assert d.deadline_at is None
        elif d.extended_due_at is not None:
            assert d.deadline_at is not None and d.deadline_at >= d.extended_due_at
        elif d.paused_minutes:
            assert d.deadline_at is not None and d.deadline_at > d.due_at
        else:
            assert d.deadline_at == d.due_at
    late = [d for d in dossiers if d.finished_at and d.due_at and d.finished_at > d.due_at]
    assert len(late) >= 5
    assert any(d.extended_due_at for d in dossiers)
    returned = [d for d in dossiers if d.state == State.RETURNED]
    assert sum(1 for d in returned if d.rating) > 0.8 * len(returned)
    for d in returned:
        assert (
            d.receiver is not None and d.receiver["relation"] in ("self", "authorised") and d.receiver["name"]
        )
    docs = [doc for d in dossiers for doc in d.documents]
    assert sum(doc.digitization != "none" for doc in docs) > 0.6 * len(docs)
    assert {"direct", "online", "postal"} <= {d.channel for d in dossiers}
    assert any(d.fee_amount > 0 for d in dossiers)


def test_lifecycle_moves_continue_from_the_demo(db: Database) -> None:
    """The demo's dossiers are what services.lifecycle expects: it can carry on moving them."""
    from desk_app.services.lifecycle import moves as lifecycle

    build_demo(db, dossiers=20, seed=5)
    by_state = {d.state: d for d in _dossiers(db)}
    moved = lifecycle.act(db, by_state[State.IN_PROGRESS].code, "result-ready", actor="test")
    assert moved["state"] == State.RESULT_READY
    waiting = by_state[State.SUPPLEMENT_REQUESTED]
    moved = lifecycle.act(db, waiting.code, "supplement-received", actor="test")
    assert moved["state"] == State.IN_PROGRESS and moved["paused_minutes"] > 0
    with db.session() as s:
        assert audit.verify(s).ok


def test_audit_chain_holds_with_one_event_per_dossier(demo: tuple[Database, dict[str, Any]]) -> None:
    db, _ = demo
    with db.session() as s:
        report = audit.verify(s)
        assert report.ok, report.problem
        n = s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.entity == "dossier"))
    assert n == 400


def test_second_build_refused_and_changes_nothing(demo: tuple[Database, dict[str, Any]]) -> None:
    db, _ = demo
    with pytest.raises(UserError, match="empty data directory"):
        build_demo(db, dossiers=10, seed=1, today=TODAY)
    with db.session() as s:
        assert s.scalar(select(func.count(Dossier.id))) == 400
        assert audit.verify(s).ok


def test_same_seed_and_day_give_the_same_demo(tmp_path: Path) -> None:
    def snapshot(name: str) -> list[tuple[Any, ...]]:
        database = open_database(tmp_path / name)
        try:
            build_demo(database, dossiers=60, seed=3, today=TODAY)
            return [
                (
                    d.code,
                    d.state,
                    d.received_at,
                    d.due_at,
                    d.applicant.full_name,
                    d.applicant.id_number,
                    [(e.action, e.at) for e in d.events],
                )
                for d in _dossiers(database)
            ]
        finally:
            database.close()

    first = snapshot("a")
    assert first == snapshot("b")
    assert len(first) == 60


def test_refuses_silly_counts(db: Database) -> None:
    with pytest.raises(ValidationError):
        build_demo(db, dossiers=-1)


def test_demo_cli_then_catalog_list(data_dir: Path) -> None:
    """`desk-app demo --json` on an empty directory, then the catalog is there for scripts."""
    summary = cli_json("demo", "--dossiers", "40", data_dir=data_dir)
    assert isinstance(summary, dict)
    assert summary["dossiers"] == 40 and summary["agency_code"] and summary["unit"]
    assert sum(summary["by_state"].values()) == 40
    procedures = cli_json("catalog", "list", data_dir=data_dir)
    assert isinstance(procedures, list) and len(procedures) > 20
    for p in procedures:
        assert {"code", "name", "field", "processing_time", "fee"} <= set(p)
        assert p["processing_time"]["unit"] in ("working_days", "days", "working_hours", "same_day")
    assert any(p["code"] == "1.001193" for p in procedures)
    again = run_cli("demo", data_dir=data_dir)
    assert again.returncode != 0 and "empty data directory" in again.stderr


def test_the_demo_has_citizens_helped_on_working_days(demo: tuple[Database, dict[str, Any]]) -> None:
    """One help for eight dossiers, logged through the clerk's service: working days before today, office
    hours, ID numbers masked only, no personal data without consent, and counted by the reports."""
    from desk_app.services.assist.counts import help_given
    from desk_app.store.models_assist import HelpEntry

    db, summary = demo
    assert summary["helps"] == 50
    with db.session() as s:
        entries = list(s.scalars(select(HelpEntry)))
        cal = calendar_from_session(s)
        counted = help_given(s, date(2026, 1, 1), TODAY)
    assert len(entries) == 50 and counted == 50
    assert {e.outcome for e in entries} == {"done", "not_done"}
    for e in entries:
        assert cal.is_working_day(e.at.date()) and e.at.date() < TODAY, e.at
        assert 7 <= e.at.hour < 17
        assert e.kind != "online_filing" and e.dossier_id is None
        if e.consent:
            assert e.full_name and "*" in e.id_masked
        else:
            assert (e.full_name, e.phone, e.id_masked) == ("", "", "")
        assert e.outcome == "done" or e.reason
