"""Trust, round two (issue 10): integrity. Implausible dates, a bad stored row, the anchored audit chain,
security-relevant rows checked against the audit trail, name changes, digits of any script, catalog columns."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.trust.conftest import PASSWORDS, Staff, sample_request, snapshot
from tests.trust.helpers import receive_some

ADMIN = {"DESK_APP_USER": "admin", "DESK_APP_PASSWORD": PASSWORDS["admin"]}


def _sql(db_file: Path, *statements: str) -> None:
    conn = sqlite3.connect(db_file)
    try:
        for stmt in statements:
            conn.execute(stmt)
        conn.commit()
    finally:
        conn.close()


def _receive_json(staff: Staff, tmp_path: Path, **over: Any) -> Any:
    obj = {
        "procedure": "1.001193",
        "received_at": "2026-02-13T09:00",
        "applicant": {"full_name": "Trần Văn Bình", "id_number": "001090012345"},
        "documents": [{"name": "Tờ khai"}],
        **over,
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return staff.cli("clerk", "receive", str(path), "--json")


# -- dates -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "over",
    [
        {"received_at": "0001-01-01T00:00"},
        {"received_at": "1900-01-01T00:00"},
        {"due_at": "9999-01-01T00:00"},
    ],
)
def test_implausible_dates_are_refused_and_nothing_changes(staff: Staff, tmp_path: Path, over: Any) -> None:
    staff.db.close()
    unchanged = snapshot(staff.data_dir / "desk_app.db")
    proc = _receive_json(staff, tmp_path, **over)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    unchanged()


@pytest.mark.parametrize(
    "args",
    [
        ["calendar", "list", "--year", "0"],
        ["privacy", "retention", "--years", "100000"],
        ["due-date", "--working-days", "-5"],
        ["calendar", "add-off", "0001-01-01", "--note", "x"],
    ],
)
def test_out_of_range_numbers_get_one_line(staff: Staff, args: list[str]) -> None:
    staff.db.close()
    unchanged = snapshot(staff.data_dir / "desk_app.db")
    proc = staff.cli("admin", *args)
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr.count("\n") == 1 and "internal error" not in proc.stderr, proc.stderr
    unchanged()


def test_a_move_in_the_far_future_is_refused(staff: Staff) -> None:
    from datetime import datetime

    from desk_app.domain.errors import ValidationError
    from desk_app.services.lifecycle import moves

    code = receive_some(staff.db, 1)[0]
    with pytest.raises(ValidationError):
        moves.act(staff.db, code, "forward", to_whom="Tư pháp", actor="clerk", at=datetime(9999, 1, 1, 9, 0))


def test_readers_survive_a_bad_stored_date(staff: Staff, tmp_path: Path) -> None:
    """A row an older version stored with year 1 ("1-01-01T00:00"): every reader shows it, none fails."""
    codes = receive_some(staff.db, 2)
    staff.db.close()
    _sql(
        staff.data_dir / "desk_app.db",
        f"UPDATE dossiers SET received_at = '1-01-01T00:00', due_at = '1-01-06T17:00', deadline_at = '1-01-06T00:00' "
        f"WHERE code = '{codes[0]}'",
    )
    for args in (
        ["find", "Hằng"],
        ["queues"],
        ["show", codes[0], "--json"],
        ["slip", codes[0], "--out", str(tmp_path / "slip.pdf")],
        ["privacy", "export", "--id-number", "001190012345", "--out", str(tmp_path / "p.json")],
    ):
        proc = staff.cli("admin", *args)
        assert proc.returncode == 0, (args, proc.stderr)
    from desk_app.services.lifecycle.dossier_query import SORTS, DossierFilter, page
    from desk_app.store.db import open_database

    db = open_database(staff.data_dir)  # the GUI's dossier list reads through this page query
    try:
        for order in SORTS:
            rows = page(db, DossierFilter(), order, True, 0, 50)
            assert {r.code for r in rows} >= set(codes)
    finally:
        db.close()
    # An admin corrects it (plausible values only, audited with the old text); a clerk may not.
    assert (
        staff.cli(
            "clerk", "repair-date", codes[0], "--field", "received_at", "--value", "2026-02-13 09:00"
        ).returncode
        == 1
    )
    bad = staff.cli("admin", "repair-date", codes[0], "--field", "due_at", "--value", "9999-01-01 09:00")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
    for field, value in (
        ("received_at", "2026-02-13 09:00"),
        ("due_at", "2026-02-20 09:00"),
        ("deadline_at", "2026-02-20 09:00"),
    ):
        done = staff.cli("admin", "repair-date", codes[0], "--field", field, "--value", value, "--json")
        assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["from"] == "1-01-06T00:00"
    assert staff.cli(None, "verify").returncode == 0


def test_dates_are_stored_with_four_digit_years() -> None:
    from datetime import datetime

    from desk_app.store.base import Minute, Stamp

    assert Minute().process_bind_param(datetime(1, 1, 1, 0, 0), None) == "0001-01-01T00:00"
    assert Stamp().process_bind_param(datetime(999, 2, 3, 4, 5, 6), None) == "0999-02-03T04:05:06"
    assert Minute().process_result_value("1-01-01T00:00", None) == datetime(1, 1, 1)
    assert Minute().process_result_value("not a date", None) is None


# -- the audit chain and the rows it protects --------------------------------------------------------------------


def _verify(staff: Staff) -> tuple[int, str]:
    proc = staff.cli(None, "verify")
    return proc.returncode, proc.stdout + proc.stderr


def test_truncating_the_audit_trail_is_noticed(staff: Staff) -> None:
    receive_some(staff.db, 3)
    staff.db.close()
    assert _verify(staff)[0] == 0
    db_file = staff.data_dir / "desk_app.db"
    _sql(
        db_file,
        "DROP TRIGGER IF EXISTS audit_events_no_delete",
        "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)",
    )
    code, text = _verify(staff)
    assert code == 1 and "events were removed" in text
    _sql(db_file, "DELETE FROM audit_events")
    code, text = _verify(staff)
    assert code == 1 and "audit trail is empty" in text


def test_backups_anchor_the_chain_too(staff: Staff, tmp_path: Path) -> None:
    """Truncating the trail *and* rewriting the anchor setting is caught by the backups' manifests."""
    receive_some(staff.db, 3)
    staff.db.close()
    assert staff.cli("admin", "backup").returncode == 0
    db_file = staff.data_dir / "desk_app.db"
    conn = sqlite3.connect(db_file)
    keep = conn.execute("SELECT id, hash FROM audit_events ORDER BY id LIMIT 1 OFFSET 2").fetchone()
    conn.close()
    anchor = json.dumps({"hash": keep[1], "id": keep[0]})
    _sql(
        db_file,
        "DROP TRIGGER IF EXISTS audit_events_no_delete",
        f"DELETE FROM audit_events WHERE id > {keep[0]}",
        f"UPDATE settings SET value = '{anchor}' WHERE key = 'audit_anchor'",
    )
    code, text = _verify(staff)
    assert code == 1 and "no longer holds" in text, text


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE users SET role = 'admin' WHERE username = 'clerk'", "has role admin"),
        ("UPDATE users SET active = 0 WHERE username = 'leader'", "disabled against the trail"),
        ("UPDATE dossiers SET state = 'returned'", "the audit trail says received"),
        (
            "INSERT INTO users (username, full_name, role, password_hash, failed_attempts, active, created_at) "
            "VALUES ('mallory', 'M', 'admin', 'x', 0, 1, '2026-01-01T00:00:00')",
            "mallory has no record",
        ),
    ],
)
def test_direct_edits_of_security_rows_are_noticed(staff: Staff, statement: str, words: str) -> None:
    receive_some(staff.db, 1)
    staff.db.close()
    assert _verify(staff)[0] == 0
    _sql(staff.data_dir / "desk_app.db", statement)
    code, text = _verify(staff)
    assert code == 1 and words in text, text


# -- people ----------------------------------------------------------------------------------------------------


def test_a_name_change_keeps_earlier_dossiers_and_is_audited(staff: Staff) -> None:
    from dataclasses import replace

    from desk_app.services.intake.applicants import ApplicantInput, NameChanged
    from desk_app.services.intake.receive import receive

    first = receive(staff.db, sample_request(1), actor="clerk").code
    renamed = ApplicantInput(full_name="Nguyễn Thị Hồng", id_number="001190012345")
    with pytest.raises(NameChanged) as shown:
        receive(staff.db, sample_request(2, applicant=renamed), actor="clerk")
    assert "Nguyễn Thị Hằng" in shown.value.vi and "Nguyễn Thị Hồng" in shown.value.vi
    second = receive(
        staff.db, replace(sample_request(2, applicant=renamed), accept_name_change=True), actor="clerk"
    )
    conn = sqlite3.connect(staff.data_dir / "desk_app.db")
    name_of = dict(
        conn.execute("SELECT d.code, a.full_name FROM dossiers d JOIN applicants a ON a.id = d.applicant_id")
    )
    assert (name_of[first], name_of[second.code]) == ("Nguyễn Thị Hằng", "Nguyễn Thị Hồng")
    actions = [
        r[0] for r in conn.execute("SELECT action FROM audit_events WHERE action = 'applicant.name_change'")
    ]
    conn.close()
    assert actions == ["applicant.name_change"]


@pytest.mark.parametrize("number", ["００１１９００１２３４５", "٠٠١١٩٠٠١٢٣٤٥", "001 190 012 345"])
def test_id_numbers_in_any_digits_are_one_person(staff: Staff, number: str) -> None:
    from desk_app.services.intake.applicants import ApplicantInput
    from desk_app.services.intake.receive import receive
    from desk_app.services.lifecycle.search import search_ids

    receive(staff.db, sample_request(1), actor="clerk")
    person = ApplicantInput(full_name="Nguyễn Thị Hằng", id_number=number, phone="０９１２３４５６７８")
    receive(staff.db, sample_request(2, applicant=person), actor="clerk")
    conn = sqlite3.connect(staff.data_dir / "desk_app.db")
    stored = conn.execute("SELECT DISTINCT id_number, phone FROM applicants").fetchall()
    conn.close()
    assert stored == [("001190012345", "0912345678")]
    with staff.db.session() as session:
        assert len(search_ids(session, "００１１９００１２３４５")) == 2


def test_names_lose_invisible_characters_and_nul_separates_words() -> None:
    from desk_app.domain.text import clean_line

    assert clean_line("Nguy\u202eễn\u200b Thị\u2066 Hằng") == "Nguyễn Thị Hằng"
    assert clean_line("Văn\x00An") == "Văn An"


def test_yes_no_strings_are_read_as_written(staff: Staff, tmp_path: Path) -> None:
    staff.db.close()
    proc = _receive_json(
        staff,
        tmp_path,
        vneid_verified="no",
        documents=[{"name": "Tờ khai", "received": "false"}, {"name": "Giấy chứng sinh", "received": "yes"}],
    )
    assert proc.returncode == 0, proc.stderr
    conn = sqlite3.connect(staff.data_dir / "desk_app.db")
    verified = conn.execute("SELECT vneid_verified FROM dossiers").fetchone()[0]
    received = [r[0] for r in conn.execute("SELECT received FROM dossier_documents ORDER BY id")]
    conn.close()
    assert (verified, received) == (0, [0, 1])
    bad = _receive_json(staff, tmp_path, vneid_verified="maybe")
    assert bad.returncode == 1 and "true or false" in bad.stdout + bad.stderr


def test_reserved_user_names_and_blank_passwords_are_refused(staff: Staff) -> None:
    for name, password in (("setup", "a good password"), ("system", "a good password"), ("newbie", " " * 8)):
        proc = staff.cli(
            "admin",
            "user",
            "add",
            name,
            "--full-name",
            "X",
            "--role",
            "clerk",
            env={"DESK_APP_NEW_PASSWORD": password},
        )
        assert proc.returncode == 1, proc.stdout
        assert "internal error" not in proc.stderr


def test_log_masking_covers_grouped_numbers() -> None:
    from desk_app.logmask import mask_text

    for text in ("0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678", "001 190 012 345"):
        masked = mask_text(f"called {text} today")
        assert "345" not in masked.split()[1:-1][0][3:-3] or "*" in masked, masked
        assert "*" in masked
    assert mask_text("at 2026-03-02 09:00") == "at 2026-03-02 09:00"


# -- catalog import --------------------------------------------------------------------------------------------


def test_catalog_import_checks_every_column(staff: Staff, tmp_path: Path) -> None:
    staff.db.close()
    good = {"processing_value": 5, "processing_unit": "working_days"}
    rows = [
        {"code": "1.000001", "name": "A", **good, "fee": -5000},
        {"code": "1.000002", "name": "B" * 100_000, **good},
        {"code": "1.000003", "name": "C", "processing_value": 10**12, "processing_unit": "working_days"},
        {"code": "1.000004", "name": "D", "processing_value": True, "processing_unit": "working_days"},
        {"code": "1.000005", "name": "E", **good, "fee": 1.5},
        {"code": "1.000006", "name": "F", **good, "fee": True},
        {"code": "1.000007", "name": "G", **good, "effective_from": "0001-01-01"},
        {"code": "1.000008", "name": "H", **good, "effective_from": "9999-01-01"},
    ]
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    conn = sqlite3.connect(staff.data_dir / "desk_app.db")
    before = conn.execute("SELECT count(*) FROM procedures").fetchone()
    proc = staff.cli("admin", "catalog", "import", str(path))
    assert proc.returncode == 1
    for line in range(1, len(rows) + 1):
        assert f"line {line}:" in proc.stdout + proc.stderr
    assert conn.execute("SELECT count(*) FROM procedures").fetchone() == before
    conn.close()


# -- stored pages ----------------------------------------------------------------------------------------------


def test_show_json_gives_each_document_its_page_count(staff: Staff) -> None:
    from tests.trust.helpers import store_file

    code = receive_some(staff.db, 1)[0]
    store_file(staff.db, b"page one", code=code)
    store_file(staff.db, b"page two", code=code)
    staff.db.close()
    proc = staff.cli("clerk", "show", code, "--json")
    assert proc.returncode == 0, proc.stderr
    documents = json.loads(proc.stdout)["documents"]
    assert [d["pages"] for d in documents] == [2] + [0] * (len(documents) - 1)
    assert all("digitization" in d for d in documents)


def test_stray_pages_of_an_interrupted_attach_are_reported_and_swept(staff: Staff) -> None:
    import hashlib
    import os

    staff.db.close()
    files = staff.data_dir / "files"
    strays = []
    for i in range(3):
        sha = hashlib.sha256(f"orphan {i}".encode()).hexdigest()
        path = files / sha[:2] / sha[2:]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"orphan {i}".encode())
        os.utime(path, (1_000_000_000, 1_000_000_000))  # written long ago: not an attach at work now
        strays.append(path)
    proc = staff.cli(None, "verify")
    assert "3 stray files" in proc.stdout, proc.stdout
    swept = staff.cli("clerk", "files", "sweep", "--remove")
    assert "removed 3 stray files" in swept.stderr, swept.stderr
    assert not any(p.exists() for p in strays)
    assert "stray" not in staff.cli(None, "verify").stdout
