"""Personal data: everything about one person exported; the retention rule anonymises old closed dossiers."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desk_app.domain.errors import UserError, ValidationError
from desk_app.services.intake.applicants import ApplicantInput
from desk_app.services.intake.receive import receive
from desk_app.services.lifecycle.search import search_ids
from desk_app.services.trust import privacy
from desk_app.store import settings
from tests.trust.conftest import sample_request

HANG = "001190012345"
BINH = "001085012346"


def _receive(db: Any, i: int, name: str, id_number: str, when: datetime, **over: Any) -> str:
    req = sample_request(
        i,
        applicant=ApplicantInput(
            full_name=name, id_number=id_number, phone="0912345678", address="Thôn Đông, xã Gio Sơn"
        ),
        received_at=when,
        **over,
    )
    code = receive(db, req, actor="clerk").code
    assert code is not None
    return code


def test_export_holds_everything_about_the_person_and_nothing_else(unit_db: Any, tmp_path: Path) -> None:
    mine = _receive(unit_db, 1, "Nguyễn Thị Hằng", HANG, datetime(2026, 3, 2, 9, 0))
    # Hằng also appears as the representative of someone else's dossier.
    other = _receive(
        unit_db,
        2,
        "Trần Văn Bình",
        BINH,
        datetime(2026, 3, 2, 10, 0),
        representative=ApplicantInput(full_name="Nguyễn Thị Hằng", id_number=HANG),
    )
    _receive(unit_db, 3, "Lê Văn Cường", "001085012347", datetime(2026, 3, 2, 11, 0))
    result = privacy.export_person(unit_db, HANG, tmp_path / "out" / "hang.json", actor="admin")
    data = json.loads((tmp_path / "out" / "hang.json").read_text(encoding="utf-8"))
    assert stat.S_IMODE((tmp_path / "out" / "hang.json").stat().st_mode) == 0o600
    assert [a["id_number"] for a in data["applicants"]] == [HANG]  # full value: the export is for her
    assert [d["code"] for d in data["dossiers"]] == [mine]
    assert "dossier_documents" in data["related"] and "dossier_events" in data["related"]
    assert [d["code"] for d in data["mentions"]["dossiers"]] == [other]
    assert any(e["action"] == "dossier.receive" for e in data["audit_events"])
    text = json.dumps(data, ensure_ascii=False)
    assert "Lê Văn Cường" not in text
    assert (result.applicants, result.dossiers, result.mentions) == (1, 1, 1)
    conn = sqlite3.connect(unit_db.path)
    actor, action, entity_id = conn.execute(
        "SELECT actor, action, entity_id FROM audit_events ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    assert (actor, action, entity_id) == ("admin", "privacy.export", "001******345")


def test_export_refuses_a_malformed_id(unit_db: Any, tmp_path: Path) -> None:
    for bad in ("", "12345", "'; DROP TABLE applicants; --", "0011900123456"):
        with pytest.raises(ValidationError):
            privacy.export_person(unit_db, bad, tmp_path / "x.json", actor="admin")
    assert not (tmp_path / "x.json").exists()


def test_retention_anonymises_only_fully_closed_old_applicants(unit_db: Any) -> None:
    from desk_app.services.lifecycle import moves as lifecycle

    old = _receive(unit_db, 1, "Nguyễn Thị Hằng", HANG, datetime(2026, 1, 5, 9, 0))
    lifecycle.act(unit_db, old, "result-ready", at=datetime(2026, 1, 8, 9, 0), actor="clerk")
    lifecycle.act(unit_db, old, "return", at=datetime(2026, 1, 9, 9, 0), actor="clerk")
    _receive(unit_db, 2, "Trần Văn Bình", BINH, datetime(2026, 1, 5, 10, 0))  # still open: kept
    with pytest.raises(UserError, match="retention"):
        privacy.retention(unit_db, actor="admin")
    with unit_db.transaction() as s:
        settings.put(s, "retention_years", 5)
    later = date(2031, 6, 1)
    dry = privacy.retention(unit_db, actor="admin", today=later)
    assert (dry.applicants, dry.dossiers, dry.applied) == (1, 1, False)
    with unit_db.session() as s:
        assert search_ids(s, "Nguyễn Thị Hằng")
    done = privacy.retention(unit_db, apply=True, actor="admin", today=later)
    assert (done.applicants, done.applied) == (1, True)
    conn = sqlite3.connect(unit_db.path)
    rows = dict(conn.execute("SELECT full_name, id_number FROM applicants").fetchall())
    last = conn.execute("SELECT actor, action FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert rows == {privacy.ANON_NAME: "", "Trần Văn Bình": BINH}
    assert last == ("admin", "privacy.retention")
    with unit_db.session() as s:
        assert not search_ids(s, "Nguyễn Thị Hằng")  # the search index forgot her too
        assert not search_ids(s, HANG)
    again = privacy.retention(unit_db, apply=True, actor="admin", today=later)
    assert again.applicants == 0
    # Four years later is not enough.
    assert privacy.retention(unit_db, actor="admin", years=10, today=later).applicants == 0


def test_logs_never_hold_an_id_number_or_a_phone_in_clear(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from desk_app.logmask import MaskingFilter, mask_text

    assert (
        mask_text(
            f"id {HANG}, old 123456789, phone 0912345678 / +84912345678, code 001.05.12.H49-260302-0001"
        )
        == "id 001******345, old 123***789, phone 091****678 / +84******678, code 001.05.12.H49-260302-0001"
    )
    log = logging.getLogger("desk_app.test_masking")
    caplog.handler.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO):
        log.info("received %s for %s", "0912345678", HANG)
        try:
            raise ValueError(f"bad applicant {HANG}")
        except ValueError:
            log.exception("failed")
    text = caplog.text
    assert HANG not in text and "0912345678" not in text
    assert "001******345" in text and "091****678" in text


def test_cli_bug_log_is_masked(unit_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even the trace of an unexpected error written by the CLI masks personal numbers."""
    from desk_app import cli

    def boom(args: Any, ctx: Any) -> int:
        raise RuntimeError(f"unexpected while handling {HANG} / 0912345678")

    monkeypatch.setattr("desk_app.cli.trust.cmd_verify", boom)
    unit_db.close()
    assert cli.main(["--data-dir", str(unit_db.data_dir), "verify"]) == 70
    log = (unit_db.data_dir / "logs" / "desk_app.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log and HANG not in log and "0912345678" not in log
