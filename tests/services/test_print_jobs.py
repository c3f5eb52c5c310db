"""A preview is not a print, for every form (issue 13): previews write nothing, a real print records once in one
transaction and its PDF carries exactly what was recorded; a print that did not come out is not counted and its
letter keeps its number. Real SQLite, real PDFs read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from desk_app.services.intake import receive as intake
from desk_app.services.intake.inputs import ApplicantInput, IntakeRequest
from desk_app.services.lifecycle import forms, print_jobs, prints
from desk_app.services.lifecycle.dossier_view import show
from desk_app.services.lifecycle.moves import act
from desk_app.services.lifecycle.print_jobs import PrintJob
from desk_app.store.models import AuditEvent
from tests.services.test_lifecycle_support import make_dossier

HANG = ApplicantInput(full_name="Nguyễn Thị Hằng", id_number="001190012345", phone="0912345678")
DAY = datetime(2026, 3, 2, 9, 0)  # a Monday


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def snapshot(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: a preview must leave all of them as they were."""
    with db.session() as s:
        tables = [
            r[0]
            for r in s.execute(text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")).all()
        ]
        return {t: [tuple(r) for r in s.execute(text(f'SELECT * FROM "{t}"')).all()] for t in tables}


def prints_of(db: Any) -> list[AuditEvent]:
    with db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(("print", prints.PRINT_FAILED)))
                .order_by(AuditEvent.id)
            )
        )


def extended(db: Any, moment: datetime = DAY) -> str:
    code = make_dossier(db, received_at=moment)
    due = show(db, code)["due_at"]
    act(
        db,
        code,
        "extend",
        at=moment.replace(hour=10),
        new_due=date.fromisoformat(due[:10]) + timedelta(days=7),
        reason="Cần xác minh",
        actor="leader1",
    )
    return code


@pytest.fixture
def jobs(unit_db: Any) -> dict[str, PrintJob]:
    """One printable job of every form the window previews."""
    supplement = make_dossier(unit_db, received_at=DAY)
    act(unit_db, supplement, "request-supplement", at=DAY.replace(hour=10), items=["Y"], reason="Thiếu")
    stopped = make_dossier(unit_db, received_at=DAY)
    act(unit_db, stopped, "stop", at=DAY.replace(hour=11), reason="Theo quyết định")
    refused = make_dossier(unit_db, received_at=DAY)
    act(unit_db, refused, "refuse", at=DAY.replace(hour=11), reason="Không đủ điều kiện")
    guided = intake.guide(unit_db, IntakeRequest("1.004873", HANG, received_at=DAY), ["X"], "Thiếu")
    counter = intake.refuse(unit_db, IntakeRequest("1.004873", HANG, received_at=DAY), "Không thuộc")
    return {
        "slip": PrintJob("slip", supplement),
        "supplement": PrintJob("supplement", supplement),
        "apology": PrintJob("apology", extended(unit_db)),
        "stop": PrintJob("stop", stopped),
        "refusal": PrintJob("refusal", refused),
        "control": PrintJob("control", stopped),
        "guidance": PrintJob("guidance", guided.dossier_id),
        "counter-refusal": PrintJob("counter-refusal", counter.dossier_id),
        "book": PrintJob("book", "", DAY.date(), DAY.date()),
    }


ALL = ["slip", "supplement", "apology", "stop", "refusal", "control", "guidance", "counter-refusal", "book"]
NUMBERED = {"supplement": "BS", "apology": "PXL", "stop": "TB", "refusal": "TC", "guidance": "BS"}


@pytest.mark.parametrize("name", ALL)
def test_a_preview_writes_nothing_and_a_print_records_once(
    unit_db: Any, jobs: dict[str, PrintJob], name: str, tmp_path: Path
) -> None:
    job = jobs[name]
    before = snapshot(unit_db)
    preview = print_jobs.preview(unit_db, job)
    print_jobs.preview(unit_db, job)
    assert snapshot(unit_db) == before  # no audit row, no number taken, no letter kept, nothing
    assert "BẢN IN LẠI" not in pdf_text(preview, tmp_path)

    recorded = print_jobs.record(unit_db, job, "clerk1", "printer")
    events = prints_of(unit_db)
    assert len(events) == 1 and events[0].id == recorded.audit_id
    assert events[0].detail["form"] == ("refusal" if name == "counter-refusal" else name)
    assert events[0].detail["output"] == "printer" and events[0].detail["count"] == 0
    printed = pdf_text(recorded.pdf, tmp_path)
    # The paper carries the audit row's time ("In lúc 09:23 ngày 02/03/2026"), to the minute.
    at = events[0].at
    assert f"In lúc {at:%H:%M} ngày {at:%d/%m/%Y}" in printed
    if name in NUMBERED:
        assert recorded.number == events[0].detail["number"]
        assert f"Số: {recorded.number}" in printed and recorded.number.endswith(NUMBERED[name])
        assert f"Số: {recorded.number}" in pdf_text(
            preview, tmp_path
        )  # the preview showed the number to come
    # A second real print is a reprint; previews never are counted.
    again = print_jobs.record(unit_db, job, "clerk1", "pdf")
    assert again.count == 1 and "BẢN IN LẠI (lần 1)" in pdf_text(again.pdf, tmp_path)
    assert again.number == recorded.number
    assert len(prints_of(unit_db)) == 2


def test_two_clerks_previewing_at_once_never_print_the_same_number(unit_db: Any, tmp_path: Path) -> None:
    a, b = extended(unit_db), extended(unit_db, DAY.replace(hour=9, minute=30))
    seen_a = pdf_text(print_jobs.preview(unit_db, PrintJob("apology", a)), tmp_path)
    seen_b = pdf_text(print_jobs.preview(unit_db, PrintJob("apology", b)), tmp_path)
    assert "Số: 1/PXL" in seen_a and "Số: 1/PXL" in seen_b  # both see the number to come
    first = print_jobs.record(unit_db, PrintJob("apology", b), "clerk2")
    second = print_jobs.record(unit_db, PrintJob("apology", a), "clerk1")
    assert (first.number, second.number) == ("1/PXL", "2/PXL")
    assert "Số: 2/PXL" in pdf_text(second.pdf, tmp_path)
    # The next preview of b shows its kept number, of a its own.
    assert "Số: 1/PXL" in pdf_text(print_jobs.preview(unit_db, PrintJob("apology", b)), tmp_path)
    assert [x["number"] for x in show(unit_db, a)["letters"]] == ["2/PXL"]


def test_a_print_that_did_not_come_out_is_not_counted_and_keeps_its_number(
    unit_db: Any, tmp_path: Path
) -> None:
    code = extended(unit_db)
    job = PrintJob("apology", code)
    recorded = print_jobs.record(unit_db, job, "clerk1")
    print_jobs.failed(unit_db, recorded, "clerk1", "printer")
    events = prints_of(unit_db)
    assert [e.action for e in events] == ["print", "print-failed"]
    assert events[1].detail == {
        "print": recorded.audit_id,
        "form": "apology",
        "number": "1/PXL",
        "reason": "printer",
    }
    with unit_db.session() as s:
        assert prints.print_count(s, prints.find_dossier(s, code), "apology") == 0
    view = show(unit_db, code)
    assert view["prints"] == []  # the dossier page lists no print that did not come out
    assert any("in không thành công" in t["sentence"] for t in view["audit"])
    # The preview and the reprint: same number, not stamped as a reprint (the first never came out).
    assert "BẢN IN LẠI" not in pdf_text(print_jobs.preview(unit_db, job), tmp_path)
    again = print_jobs.record(unit_db, job, "clerk1")
    assert again.number == "1/PXL" and again.count == 0
    assert "BẢN IN LẠI" not in pdf_text(again.pdf, tmp_path)
    assert [x["number"] for x in show(unit_db, code)["letters"]] == ["1/PXL"]
    assert [p["count"] for p in show(unit_db, code)["prints"]] == [0]


def test_a_failed_book_print_is_not_counted(unit_db: Any, tmp_path: Path) -> None:
    make_dossier(unit_db, received_at=DAY)
    job = PrintJob("book", "", DAY.date(), DAY.date())
    print_jobs.failed(unit_db, print_jobs.record(unit_db, job, "admin"), "admin", "printer")
    assert "BẢN IN LẠI" not in pdf_text(print_jobs.record(unit_db, job, "admin").pdf, tmp_path)
    assert "BẢN IN LẠI (lần 1)" in pdf_text(print_jobs.preview(unit_db, job), tmp_path)


def test_the_cli_path_still_records_each_print(unit_db: Any, tmp_path: Path) -> None:
    """``desk-app form`` prints: forms.form_pdf keeps recording (and numbering) as before."""
    code = extended(unit_db)
    assert "Số: 1/PXL" in pdf_text(forms.form_pdf(unit_db, code, "apology", actor="cli"), tmp_path)
    assert [e.detail["number"] for e in prints_of(unit_db)] == ["1/PXL"]
    assert re.search(r"BẢN IN LẠI \(lần 1\)", pdf_text(forms.form_pdf(unit_db, code, "apology"), tmp_path))


def test_the_postal_labels_preview_records_nothing(unit_db: Any, tmp_path: Path) -> None:
    from desk_app.services.postal import documents

    code = make_dossier(unit_db, received_at=DAY)
    before = snapshot(unit_db)
    assert code in pdf_text(documents.label_preview(unit_db, code), tmp_path)
    assert snapshot(unit_db) == before
    recorded = documents.record_label_print(unit_db, code, actor="clerk1", how="pdf")
    (event,) = prints_of(unit_db)
    assert event.id == recorded.audit_id and event.detail["form"] == "postal_label"
    print_jobs.failed(unit_db, recorded, "clerk1", "printer")
    assert documents.label(unit_db, code)[1]["reprint"] is False  # the failed print is not counted


def test_clerks_printing_at_the_same_moment_get_different_numbers(unit_db: Any, tmp_path: Path) -> None:
    """Two desks (two connections to the same file) preview the same number to come and print at once: each
    print takes its own number inside its own write transaction."""
    import threading

    from desk_app.store.db import open_database

    codes = [extended(unit_db, DAY.replace(minute=m)) for m in (0, 10, 20, 30)]
    shown = {pdf_text(print_jobs.preview(unit_db, PrintJob("apology", c)), tmp_path) for c in codes}
    assert all("Số: 1/PXL" in t for t in shown)
    barrier = threading.Barrier(len(codes))
    numbers: dict[str, str] = {}

    def desk(code: str) -> None:
        db = open_database(unit_db.data_dir)
        try:
            barrier.wait()
            numbers[code] = print_jobs.record(db, PrintJob("apology", code), "clerk").number or ""
        finally:
            db.close()

    threads = [threading.Thread(target=desk, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers.values()) == ["1/PXL", "2/PXL", "3/PXL", "4/PXL"]
    for code in codes:
        assert [x["number"] for x in show(unit_db, code)["letters"]] == [numbers[code]]


def test_the_manifests_preview_makes_no_manifest(unit_db: Any, tmp_path: Path) -> None:
    """The hand-over manifest: the preview shows the number to come and puts no item on it; the print makes
    it; a failed print keeps the manifest (the hand-over) and its reprint is not stamped as one."""
    from desk_app.services.postal import documents, items, manifests

    code = make_dossier(unit_db, received_at=DAY)
    act(unit_db, code, "result-ready", at=DAY.replace(hour=10), actor="clerk1")
    items.send(unit_db, code, items.ItemRequest("RR123456785VN"), at=DAY.replace(hour=14))
    before = snapshot(unit_db)
    pdf, data, existing = documents.manifest_preview_pdf(unit_db, DAY.date())
    assert existing is None and data["number"] == "BG-260302-01"
    assert "BG-260302-01" in pdf_text(pdf, tmp_path) and "BẢN IN LẠI" not in pdf_text(pdf, tmp_path)
    assert snapshot(unit_db) == before
    recorded = documents.record_manifest_print(unit_db, DAY.date(), actor="clerk1")
    assert recorded.number == "BG-260302-01" and len(manifests.list_manifests(unit_db)) == 1
    print_jobs.failed(unit_db, recorded, "clerk1", "printer")
    pdf, data, existing = documents.manifest_preview_pdf(unit_db, DAY.date())
    assert existing == "BG-260302-01" and "BẢN IN LẠI" not in pdf_text(pdf, tmp_path)
    again = documents.record_manifest_print(unit_db, DAY.date(), number=existing, actor="clerk1")
    assert again.number == "BG-260302-01" and again.count == 0
    assert len(manifests.list_manifests(unit_db)) == 1
