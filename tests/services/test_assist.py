"""The assistance log, its counts, feedback, the online-only flag and the retention rule over the log."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desk_app.domain.assist import parse_period
from desk_app.domain.errors import ValidationError
from desk_app.services.assist import counts, feedback, helps
from desk_app.services.assist.helps import HelpInput, log_help
from desk_app.store.models import Dossier
from desk_app.store.models_assist import HelpEntry

KNOWN_ID = "045089001234"


def _help(**kw: Any) -> HelpInput:
    values: dict[str, Any] = {
        "kind": "vneid_activation",
        "outcome": "done",
        "at": datetime(2026, 3, 2, 9, 0),
        "full_name": "Nguyễn Văn An",
        "id_number": KNOWN_ID,
        "phone": "0987654321",
        "had_level2": False,
        "consent": True,
    }
    values.update(kw)
    return HelpInput(**values)


def test_help_round_trips_with_masked_id_only(unit_db: Any) -> None:
    """A help comes back from the list as typed, with the ID masked and no hash shown."""
    res = log_help(unit_db, _help(procedure_code="1.001193", minutes=7, note="đã cài app"), actor="clerk1")
    assert res.created and res.id_masked == "045******234"
    rows = helps.list_helps(unit_db, date(2026, 3, 2), date(2026, 3, 2))
    assert len(rows) == 1
    row = rows[0]
    assert row["kind"] == "vneid_activation" and row["outcome"] == "done"
    assert row["at"] == "2026-03-02T09:00"
    assert row["full_name"] == "Nguyễn Văn An" and row["phone"] == "0987654321"
    assert row["id_number"] == "045******234"
    assert row["procedure"] == "1.001193" and row["minutes"] == 7 and row["staff"] == "clerk1"
    assert row["had_level2"] is False and row["consent"] is True
    assert KNOWN_ID not in str(row)


def test_same_token_records_once_and_repeat_visits_are_counted(unit_db: Any) -> None:
    """A double submit saves once; a second visit by the same person is recognised by the keyed hash."""
    first = log_help(unit_db, _help(client_token="t1"))
    again = log_help(unit_db, _help(client_token="t1"))
    assert again.created is False and again.id == first.id
    second = log_help(unit_db, _help(at=datetime(2026, 3, 5, 8, 0), kind="portal_login"))
    assert second.repeat_visits == 1
    with unit_db.session() as s:
        c = counts.help_counts(s, date(2026, 3, 1), date(2026, 3, 31))
    assert c.total == 2 and c.people == 1 and c.repeat_people == 1


def test_hash_is_keyed_per_installation(unit_db: Any, tmp_path: Path) -> None:
    """The stored hash is not a plain SHA-256 of the number, and the key lives outside the database."""
    import hashlib

    log_help(unit_db, _help())
    with unit_db.session() as s:
        stored = s.scalars(select(HelpEntry.id_hash)).one()
    assert stored and stored != hashlib.sha256(KNOWN_ID.encode()).hexdigest()
    key = Path(unit_db.data_dir) / "assist-secret.key"
    assert key.is_file() and (key.stat().st_mode & 0o077) == 0
    assert key.read_bytes() not in Path(unit_db.path).read_bytes()


def test_no_consent_keeps_no_personal_data(unit_db: Any) -> None:
    """Without consent the help still counts but holds no name, phone, masked ID or hash."""
    log_help(unit_db, _help(consent=False))
    with unit_db.session() as s:
        entry = s.scalars(select(HelpEntry)).one()
        assert (entry.full_name, entry.phone, entry.id_masked, entry.id_hash) == ("", "", "", "")
        assert counts.help_given(s, date(2026, 3, 2), date(2026, 3, 2)) == 1


def test_not_done_needs_a_reason_and_bad_input_names_the_field(unit_db: Any) -> None:
    with pytest.raises(ValidationError) as err:
        log_help(unit_db, _help(outcome="not_done"))
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        log_help(unit_db, _help(kind="password_reset"))
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:
        log_help(unit_db, _help(id_number="12345"))
    assert err.value.field == "citizen.id_number"
    res = log_help(unit_db, _help(outcome="not_done", reason="no_smartphone"))
    assert res.outcome == "not_done"
    free = log_help(unit_db, _help(outcome="not_done", reason="Mất sóng, số 045089001234 chưa xong"))
    with unit_db.session() as s:
        entry = s.get(HelpEntry, free.id)
        assert entry is not None and entry.reason == "other"
        assert KNOWN_ID not in entry.reason_text and "045******234" in entry.reason_text


def test_no_full_id_number_anywhere_in_the_database_file(unit_db: Any) -> None:
    """After helps for a known ID (consent, notes naming it, spaced), the raw file bytes hold no full number."""
    log_help(unit_db, _help(note=f"CCCD {KNOWN_ID}; gõ lại 045 089 001 234; 045.089.001.234"))
    log_help(unit_db, _help(kind="lookup", at=datetime(2026, 3, 3, 9, 0)))
    log_help(unit_db, _help(kind="online_filing", procedure_code="1.004222", at=datetime(2026, 3, 3, 10, 0)))
    unit_db.close()
    path = Path(unit_db.path)
    con = sqlite3.connect(path)  # fold the WAL into the file so that every byte is in one place
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    blobs = [path.read_bytes()] + [p.read_bytes() for p in path.parent.glob("desk_app.db-*")]
    for variant in (KNOWN_ID, "045 089 001 234", "045.089.001.234"):
        for raw in blobs:
            assert variant.encode() not in raw
            assert variant.encode("utf-16-le") not in raw
    for log in (path.parent / "logs").glob("*"):
        assert KNOWN_ID not in log.read_text(encoding="utf-8", errors="replace")


def test_online_filing_is_an_online_dossier_linked_to_the_help(unit_db: Any) -> None:
    """A successful assisted online filing records an online dossier (VNeID login) linked to the help."""
    res = log_help(
        unit_db,
        _help(
            kind="online_filing",
            procedure_code="1.004222",
            dossier_code="",
            paid_online=True,
            had_level2=True,
        ),
    )
    assert res.dossier_code
    with unit_db.session() as s:
        entry = s.get(HelpEntry, res.id)
        assert entry is not None and entry.dossier_id is not None
        dossier = s.get(Dossier, entry.dossier_id)
        assert dossier is not None
        assert dossier.channel == "online" and dossier.vneid_verified and dossier.paid_online
        assert dossier.code == res.dossier_code and dossier.state == "received"
        assert dossier.applicant.id_number == ""  # the portal holds the dossier; no ID copied here
        c = counts.help_counts(s, date(2026, 3, 2), date(2026, 3, 2))
        assert c.online_dossiers == 1 and c.by_kind == {"online_filing": 1}
        from desk_app.store import audit
        from desk_app.store.models import AuditEvent

        assert audit.verify(s).ok
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions[-2:] == ["dossier.receive", "assist.help"]


def test_online_filing_keeps_the_portal_code_and_refuses_a_duplicate(unit_db: Any) -> None:
    code = "H49.05-260302-0042"
    res = log_help(unit_db, _help(kind="online_filing", procedure_code="1.004222", dossier_code=code))
    assert res.dossier_code == code
    with pytest.raises(ValidationError) as err:
        log_help(unit_db, _help(kind="online_filing", procedure_code="1.004222", dossier_code=code))
    assert err.value.field == "dossier_code"
    with unit_db.session() as s:  # the failed second help left nothing behind (one transaction)
        assert len(s.scalars(select(HelpEntry)).all()) == 1


def test_help_given_counts_inclusive_days_by_the_moment_of_help(unit_db: Any) -> None:
    """Period boundaries: 23:59 of the last day counts, 00:00 of the next does not."""
    for moment in (
        datetime(2026, 2, 28, 23, 59),
        datetime(2026, 3, 1, 0, 0),
        datetime(2026, 3, 31, 23, 59),
        datetime(2026, 4, 1, 0, 0),
    ):
        log_help(unit_db, _help(at=moment, consent=False))
    with unit_db.session() as s:
        assert counts.help_given(s, date(2026, 3, 1), date(2026, 3, 31)) == 2
        assert counts.help_given(s, date(2026, 2, 28), date(2026, 2, 28)) == 1
        assert counts.help_given(s, date(2026, 4, 1), date(2026, 4, 1)) == 1
        assert counts.help_given(s, date(2026, 1, 1), date(2026, 12, 31)) == 4
        assert counts.help_given(s, date(2026, 5, 1), date(2026, 5, 31)) == 0


def test_counts_by_kind_outcome_and_officer(unit_db: Any) -> None:
    log_help(unit_db, _help(), actor="lan")
    log_help(unit_db, _help(kind="lookup", consent=False), actor="lan")
    log_help(
        unit_db, _help(kind="lookup", outcome="not_done", reason="portal_down", consent=False), actor="minh"
    )
    with unit_db.session() as s:
        c = counts.help_counts(s, date(2026, 3, 2), date(2026, 3, 2))
    assert c.by_kind == {"vneid_activation": 1, "lookup": 2}
    assert c.by_outcome == {"done": 2, "not_done": 1}
    assert c.by_staff == {"lan": 2, "minh": 1}
    assert c.by_reason == {"portal_down": 1}


def test_parse_period() -> None:
    assert parse_period("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert parse_period("2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert parse_period("2026") == (date(2026, 1, 1), date(2026, 12, 31))
    assert parse_period("2026-03-01..2026-03-15") == (date(2026, 3, 1), date(2026, 3, 15))
    with pytest.raises(ValueError):
        parse_period("March")


def test_online_only_procedure_is_refused_at_paper_intake(unit_db: Any) -> None:
    """A catalog row flagged online_only loads, and paper intake of it is refused (assisted filing instead)."""
    from desk_app.services.intake.receive import ApplicantInput, DocumentInput, IntakeRequest, receive
    from desk_app.services.setup import catalog

    rows = [p for p in catalog.list_procedures(unit_db) if p["code"] == "1.004194"]
    row = {**rows[0], "online_only": "x", "fee": rows[0]["fee"], "effective_from": "2026-01-01"}
    report = catalog.import_rows(unit_db, [(1, row)])
    assert report.updated == 1, report.errors
    assert [p["online_only"] for p in catalog.list_procedures(unit_db) if p["code"] == "1.004194"] == [True]
    req = IntakeRequest(
        procedure_code="1.004194",
        applicant=ApplicantInput(full_name="Trần Bình"),
        documents=[DocumentInput(name="Tờ khai CT01")],
    )
    with pytest.raises(ValidationError) as err:
        receive(unit_db, req)
    assert err.value.field == "procedure" and "trực tuyến" in err.value.vi
    res = log_help(
        unit_db, _help(kind="online_filing", procedure_code="1.004194", at=datetime(2026, 3, 2, 9))
    )
    assert res.dossier_code


def test_feedback_queue_answer_and_counts(unit_db: Any) -> None:
    """Feedback gets a time limit; past it, unanswered feedback is in the overdue queue until answered."""
    inp = feedback.FeedbackInput(
        sender_name="Công ty TNHH Gio Sơn",
        sender_kind="business",
        content="Đề nghị bỏ yêu cầu nộp bản sao giấy tờ đã có trong CSDL dân cư.",
        procedure_code="1.001612",
        category="proposal",
        contact_consent=False,
        phone="0987654321",
        received_at=datetime(2026, 3, 2, 9, 0),
    )
    row = feedback.add_feedback(unit_db, inp, actor="lan")
    assert row["due_on"] == "2026-03-12" and row["phone"] == ""  # no consent: no contact kept
    assert feedback.list_feedback(unit_db, overdue_only=True, today=date(2026, 3, 12)) == []
    late = feedback.list_feedback(unit_db, overdue_only=True, today=date(2026, 3, 13))
    assert [r["id"] for r in late] == [row["id"]] and late[0]["overdue"]
    feedback.forward_feedback(unit_db, row["id"], "Phòng Tư pháp", actor="lan")
    done = feedback.answer_feedback(
        unit_db, row["id"], "Đã chuyển kiến nghị lên UBND tỉnh.", at=datetime(2026, 3, 14, 8)
    )
    assert done["status"] == "answered"
    assert feedback.list_feedback(unit_db, open_only=True) == []
    with unit_db.session() as s:
        c = counts.feedback_counts(s, date(2026, 3, 1), date(2026, 3, 31), today=date(2026, 3, 20))
    assert c == {"received": 1, "answered": 1, "open": 0, "overdue": 0}


def test_retention_rule_covers_the_help_log(unit_db: Any) -> None:
    """Old helps lose their personal data (still counted); recent ones keep it; the run is audited."""
    from desk_app.services.trust import privacy

    old = log_help(unit_db, _help(at=datetime(2020, 5, 4, 9, 0)))
    new = log_help(unit_db, _help(at=datetime(2026, 3, 2, 9, 0)))
    dry = privacy.retention(unit_db, years=3, actor="admin", today=date(2026, 3, 10))
    assert dry.helps == 1 and not dry.applied
    done = privacy.retention(unit_db, apply=True, years=3, actor="admin", today=date(2026, 3, 10))
    assert done.applied and done.as_dict()["helps"] == 1
    with unit_db.session() as s:
        gone = s.get(HelpEntry, old.id)
        kept = s.get(HelpEntry, new.id)
        assert gone is not None and kept is not None
        assert (gone.full_name, gone.phone, gone.id_masked, gone.id_hash) == ("", "", "", "")
        assert gone.anonymised and gone.kind == "vneid_activation"
        assert kept.full_name == "Nguyễn Văn An" and kept.id_hash
        assert counts.help_given(s, date(2020, 1, 1), date(2020, 12, 31)) == 1


def test_person_export_finds_the_help_log_by_hash(unit_db: Any, tmp_path: Path) -> None:
    import json

    from desk_app.services.trust import privacy

    log_help(unit_db, _help())
    out = tmp_path / "person.json"
    privacy.export_person(unit_db, KNOWN_ID, out, actor="admin")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [h["kind"] for h in data["help_log"]] == ["vneid_activation"]
