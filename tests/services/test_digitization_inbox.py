"""The scan-to-folder inbox: a batch that starts with a rendered slip is routed to its dossier."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import img2pdf
import pytest

from desk_app.domain.errors import UserError, ValidationError
from desk_app.services.digitization import inbox
from desk_app.services.digitization import pages as digitization
from desk_app.store import settings
from tests.scanning.support import jpeg_bytes, make_dossier, pdf_bytes, scanned_slip_jpeg

NOW_NS = time.time_ns()


def drop(folder: Path, name: str, data: bytes, seconds_ago: float) -> Path:
    """A file as a copier leaves it, modified ``seconds_ago``."""
    path = folder / name
    path.write_bytes(data)
    stamp = NOW_NS - int(seconds_ago * 1e9)
    os.utime(path, ns=(stamp, stamp))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "scan-to-folder"
    path.mkdir()
    return path


def by_name(report: Any) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in report.items}


def test_a_batch_starting_with_the_slip_is_routed_to_its_dossier(unit_db: Any, folder: Path) -> None:
    code = make_dossier(unit_db)
    other = make_dossier(unit_db, name="Lê Văn Tám", id_number="001190054321")
    drop(folder, "loose.jpg", jpeg_bytes("loose page"), 900)
    drop(folder, "scan0001.jpg", scanned_slip_jpeg(code), 300)
    drop(folder, "scan0002.jpg", jpeg_bytes("to khai"), 290)
    drop(folder, "scan0003.pdf", pdf_bytes(["cccd mat truoc", "cccd mat sau"]), 280)
    drop(folder, "damaged.pdf", b"%PDF-1.4 truncated", 270)
    drop(folder, "job2.pdf", bytes(img2pdf.convert([scanned_slip_jpeg(other), jpeg_bytes("q")])), 100)
    report = inbox.process_inbox(unit_db, folder, settle_seconds=0, actor="clerk1")
    items = by_name(report)
    assert report.new == 6
    assert items["loose.jpg"]["status"] == "waiting"
    assert [items[n]["dossier_code"] for n in ("scan0001.jpg", "scan0002.jpg", "scan0003.pdf")] == [code] * 3
    assert [items[n]["pages"] for n in ("scan0001.jpg", "scan0002.jpg", "scan0003.pdf")] == [0, 1, 2]
    assert items["scan0001.jpg"]["barcode"] == code
    assert items["scan0002.jpg"]["batch"] == items["scan0001.jpg"]["id"]
    assert items["damaged.pdf"]["status"] == "rejected" and "bị hỏng" in items["damaged.pdf"]["reason"]
    assert (items["job2.pdf"]["status"], items["job2.pdf"]["dossier_code"], items["job2.pdf"]["pages"]) == (
        "routed",
        other,
        1,
    )
    assert (report.routed, report.waiting, report.rejected) == (4, 1, 1)

    ids = [items[n]["id"] for n in ("scan0001.jpg", "scan0002.jpg", "scan0003.pdf")]
    attached = inbox.attach_inbox(unit_db, ids, 1, actor="clerk1")
    assert attached.code == code and attached.pages == 3 and attached.digitization == "digitized"
    assert [p.source for p in digitization.list_pages(unit_db, code, 1)] == ["inbox"] * 3
    with pytest.raises(ValidationError):
        inbox.attach_inbox(unit_db, ids, 2)  # already attached
    statuses = {i["name"]: i["status"] for i in inbox.list_inbox(unit_db, include_done=True)}
    assert statuses["scan0002.jpg"] == "attached"
    assert digitization.sweep(unit_db).ok and digitization.sweep(unit_db).stray_files == []


def test_processing_twice_takes_each_file_once(unit_db: Any, folder: Path) -> None:
    drop(folder, "a.jpg", jpeg_bytes("a"), 60)
    assert inbox.process_inbox(unit_db, folder, settle_seconds=0).new == 1
    assert inbox.process_inbox(unit_db, folder, settle_seconds=0).new == 0
    drop(folder, "a.jpg", jpeg_bytes("a, scanned again"), 10)  # replaced by the copier: a new file
    assert inbox.process_inbox(unit_db, folder, settle_seconds=0).new == 1


def test_files_long_after_a_slip_are_not_swept_into_its_batch(unit_db: Any, folder: Path) -> None:
    code = make_dossier(unit_db)
    drop(folder, "s1.jpg", scanned_slip_jpeg(code), 3600)
    drop(folder, "s2.jpg", jpeg_bytes("page"), 3590)
    drop(folder, "later.jpg", jpeg_bytes("someone else's page"), 60)
    items = by_name(inbox.process_inbox(unit_db, folder, settle_seconds=0))
    assert items["s2.jpg"]["dossier_code"] == code
    assert items["later.jpg"]["status"] == "waiting"


def test_a_code_that_is_not_in_the_database_waits_with_a_reason(unit_db: Any, folder: Path) -> None:
    drop(folder, "x.jpg", scanned_slip_jpeg("001.05.12.H49-240101-0042"), 60)
    (item,) = inbox.process_inbox(unit_db, folder, settle_seconds=0).items
    assert item["status"] == "waiting" and "không có trong dữ liệu" in item["reason"]


def test_a_waiting_file_is_attached_to_a_chosen_dossier_or_dismissed(unit_db: Any, folder: Path) -> None:
    code = make_dossier(unit_db)
    drop(folder, "a.jpg", jpeg_bytes("a"), 60)
    drop(folder, "b.jpg", jpeg_bytes("b"), 50)
    a, b = inbox.process_inbox(unit_db, folder, settle_seconds=0).items
    with pytest.raises(ValidationError):
        inbox.attach_inbox(unit_db, [a["id"]], 1)  # which dossier?
    assert inbox.attach_inbox(unit_db, [a["id"]], 0, code=code).result_digitized
    assert inbox.dismiss_inbox(unit_db, [b["id"]], "Trang trắng", actor="clerk1") == 1
    assert inbox.list_inbox(unit_db) == []


def test_the_watch_folder_comes_from_the_settings(unit_db: Any, folder: Path) -> None:
    with pytest.raises(UserError) as info:
        inbox.process_inbox(unit_db)
    assert "Chưa cài đặt thư mục" in info.value.vi
    with unit_db.transaction() as s:
        settings.put(s, "watch_folder", str(folder / "missing"))
    with pytest.raises(UserError) as info:
        inbox.process_inbox(unit_db)
    assert "Không mở được thư mục" in info.value.vi
    with unit_db.transaction() as s:
        settings.put(s, "watch_folder", str(folder))
    assert inbox.process_inbox(unit_db, settle_seconds=0).new == 0
