"""services.digitization: pages on documents, statuses, removal, reuse, the e-result, and crash safety."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import NotFound, StorageError, ValidationError
from desk_app.services.digitization import pages as digitization
from desk_app.store import audit
from desk_app.store.models import AuditEvent, Dossier
from desk_app.store.models_scan import Page, StoredFile
from tests.scanning.support import jpeg_bytes, make_dossier, pdf_bytes, png_bytes


@pytest.fixture
def code(unit_db: Any) -> str:
    return make_dossier(unit_db)


def files(tmp_path: Path, **named: bytes) -> list[Path]:
    out = []
    for name, data in named.items():
        path = tmp_path / name.replace("_", ".")
        path.write_bytes(data)
        out.append(path)
    return out


def dossier_flags(db: Any, code: str) -> tuple[bool, bool]:
    with db.session() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        return d.digitized, d.result_digitized


def stored_count(db: Any) -> tuple[int, int]:
    with db.session() as s:
        rows = s.scalar(select(func.count()).select_from(StoredFile))
    return int(rows or 0), len(list(digitization.page_store(db).iter_files()))


def test_attaching_files_digitizes_a_document(unit_db: Any, code: str, tmp_path: Path) -> None:
    report = digitization.attach_files(
        unit_db,
        code,
        1,
        files(tmp_path, a_jpg=jpeg_bytes("a"), b_pdf=pdf_bytes(["b1", "b2"])),
        actor="clerk1",
    )
    assert report.ok
    assert [p.number for p in report.added] == [1, 2, 3]
    assert report.digitization == "digitized"
    assert report.pages == 3
    assert report.dossier_digitized is False  # documents 2 and 3 are not digitised yet
    with unit_db.session() as s:
        dossier = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        summary = digitization.document_summaries(s, dossier.id)
    assert [(d["position"], d["pages"], d["digitization"]) for d in summary] == [
        (1, 3, "digitized"),
        (2, 0, "none"),
        (3, 0, "none"),
    ]


def test_the_dossier_is_digitized_when_every_received_document_is(unit_db: Any, tmp_path: Path) -> None:
    code = make_dossier(unit_db, received=(True, False, True))
    digitization.attach_files(unit_db, code, 1, files(tmp_path, a_jpg=jpeg_bytes("a")))
    assert dossier_flags(unit_db, code) == (False, False)
    report = digitization.attach_files(unit_db, code, 3, files(tmp_path, c_png=png_bytes("c")))
    assert report.dossier_digitized  # document 2 was not brought: it does not count
    assert dossier_flags(unit_db, code) == (True, False)


def test_a_refused_file_stores_nothing_and_the_good_ones_are_attached(
    unit_db: Any, code: str, tmp_path: Path
) -> None:
    report = digitization.attach_files(
        unit_db,
        code,
        1,
        files(tmp_path, good_jpg=jpeg_bytes("good"), empty_pdf=b"", broken_png=png_bytes("x")[:200]),
    )
    assert not report.ok
    assert [r.name for r in report.rejected] == ["empty.pdf", "broken.png"]
    assert all(r.vi.startswith("Tệp ") for r in report.rejected)
    assert report.pages == 1
    assert stored_count(unit_db) == (1, 1)


def test_only_refused_files_store_nothing_at_all(unit_db: Any, code: str, tmp_path: Path) -> None:
    report = digitization.attach_files(unit_db, code, 1, files(tmp_path, empty_jpg=b""))
    assert report.pages == 0 and report.digitization == "none"
    assert stored_count(unit_db) == (0, 0)


def test_a_wrong_target_is_refused_before_any_file_is_read(unit_db: Any, code: str, tmp_path: Path) -> None:
    paths = files(tmp_path, a_jpg=jpeg_bytes("a"))
    with pytest.raises(NotFound) as info:
        digitization.attach_files(unit_db, code, 7, paths)
    assert "không có thành phần số 7" in info.value.vi
    with pytest.raises(NotFound):
        digitization.attach_files(unit_db, "001.05.12.H49-250707-0999", 1, paths)
    assert stored_count(unit_db) == (0, 0)


def test_attaching_the_same_file_again_adds_nothing(unit_db: Any, code: str, tmp_path: Path) -> None:
    paths = files(tmp_path, a_jpg=jpeg_bytes("a"))
    digitization.attach_files(unit_db, code, 1, paths)
    again = digitization.attach_files(unit_db, code, 1, paths)
    assert again.added == [] and again.duplicates == ["a.jpg"] and again.pages == 1


def test_removing_a_page_is_recorded_and_audited(unit_db: Any, code: str, tmp_path: Path) -> None:
    digitization.attach_files(unit_db, code, 1, files(tmp_path, a_jpg=jpeg_bytes("a"), b_jpg=jpeg_bytes("b")))
    with pytest.raises(ValidationError):
        digitization.remove_page(unit_db, code, 1, 1, "  ", actor="clerk1")
    removed = digitization.remove_page(unit_db, code, 1, 1, "Trang mờ, quét lại", actor="clerk1")
    assert removed.removed_by == "clerk1"
    listed = digitization.list_pages(unit_db, code, 1, include_removed=True)
    assert [(p.number, p.source_name, p.removed_reason) for p in listed] == [
        (0, "a.jpg", "Trang mờ, quét lại"),
        (1, "b.jpg", ""),
    ]
    assert digitization.page_store(unit_db).has(removed.sha256)  # the file is kept
    digitization.remove_page(unit_db, code, 1, 1, "Nhầm hồ sơ", actor="clerk1")
    assert digitization.list_pages(unit_db, code, 1) == []
    with unit_db.session() as s:
        summary = digitization.document_summaries(s, 1)
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert audit.verify(s).ok
    assert summary[0]["digitization"] == "none"  # no page left
    assert actions[-3:] == ["page.attach", "page.remove", "page.remove"]


def test_the_e_result_sets_result_digitized(unit_db: Any, code: str, tmp_path: Path) -> None:
    report = digitization.attach_result(
        unit_db, code, files(tmp_path, result_pdf=pdf_bytes(["Giấy chứng nhận"]))
    )
    assert report.document == 0 and report.result_digitized
    assert dossier_flags(unit_db, code) == (False, True)
    digitization.remove_page(unit_db, code, 0, 1, "Sai kết quả")
    assert dossier_flags(unit_db, code) == (False, False)


def test_reuse_shares_the_pages_of_another_dossier(unit_db: Any, tmp_path: Path) -> None:
    earlier = make_dossier(unit_db, name="Trần Văn Bình", id_number="001190099999")
    digitization.attach_files(unit_db, earlier, 2, files(tmp_path, id_jpg=jpeg_bytes("CCCD")))
    code = make_dossier(unit_db)
    report = digitization.set_reuse(unit_db, code, 2, "document", from_code=earlier, from_document=2)
    assert report.digitization == "reused_document" and report.pages == 1
    assert stored_count(unit_db) == (1, 1)  # shared, not copied
    assert digitization.list_pages(unit_db, code, 2)[0].source == "reuse"
    digitization.attach_result(unit_db, earlier, files(tmp_path, kq_pdf=pdf_bytes(["kq"])))
    assert (
        digitization.set_reuse(unit_db, code, 3, "result", from_code=earlier).digitization == "reused_result"
    )
    noted = digitization.set_reuse(unit_db, code, 1, "document", note="Kho dữ liệu công dân trên DVCQG")
    assert noted.digitization == "reused_document" and noted.dossier_digitized
    assert digitization.set_reuse(unit_db, code, 1, "none").digitization == "none"
    with pytest.raises(ValidationError):
        digitization.set_reuse(unit_db, code, 1, "document")  # from where?


def test_a_failed_transaction_removes_the_files_it_wrote(
    unit_db: Any, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise StorageError("The disk is full.", "Ổ đĩa đã đầy.")

    monkeypatch.setattr(digitization.audit, "record", broken)
    with pytest.raises(StorageError):
        digitization.attach_files(unit_db, code, 1, files(tmp_path, a_jpg=jpeg_bytes("a")))
    monkeypatch.undo()
    assert stored_count(unit_db) == (0, 0)
    assert digitization.sweep(unit_db).as_dict()["stray_files"] == []


def test_sweep_and_verify_report_strays_missing_and_damaged_files(
    unit_db: Any, code: str, tmp_path: Path
) -> None:
    digitization.attach_files(unit_db, code, 1, files(tmp_path, a_jpg=jpeg_bytes("a"), b_jpg=jpeg_bytes("b")))
    assert digitization.verify_files(unit_db).ok
    store = digitization.page_store(unit_db)
    stray, _ = store.put(b"written, then the power went out before the commit")
    first, second = (p.sha256 for p in digitization.list_pages(unit_db, code, 1))
    store.path_for(first).write_bytes(b"changed on disk")
    store.path_for(second).unlink()
    swept = digitization.sweep(unit_db)
    assert swept.stray_files == [stray] and swept.missing_files == [second]
    report = digitization.verify_files(unit_db)
    assert not report.ok
    assert report.corrupt == [first] and report.missing == [second] and report.strays == [stray]
    assert any(first[2:] in line for line in report.lines())


def test_the_document_pdf_has_every_page_in_order(unit_db: Any, code: str, tmp_path: Path) -> None:
    import io

    import pikepdf

    digitization.attach_files(
        unit_db, code, 1, files(tmp_path, a_jpg=jpeg_bytes("a"), b_pdf=pdf_bytes(["b", "c"]))
    )
    digitization.remove_page(unit_db, code, 1, 2, "thừa")
    with pikepdf.open(io.BytesIO(digitization.document_pdf(unit_db, code, 1))) as pdf:
        assert len(pdf.pages) == 2
    with pytest.raises(NotFound):
        digitization.document_pdf(unit_db, code, 2)


def test_thumbnails_are_cached_under_files_thumbs(unit_db: Any, code: str, tmp_path: Path) -> None:
    from desk_app.services.digitization.view import page_thumbnail

    (page,) = digitization.attach_files(unit_db, code, 1, files(tmp_path, a_jpg=jpeg_bytes("a"))).added
    thumb = page_thumbnail(unit_db, page.sha256, page.mime, 96)
    assert thumb is not None and thumb.parent.parent.name == "thumbs"
    assert page_thumbnail(unit_db, page.sha256, page.mime, 96) == thumb
    assert digitization.sweep(unit_db).others == []  # thumbnails are not strays


def test_page_rows_point_at_stored_files(unit_db: Any, code: str, tmp_path: Path) -> None:
    digitization.attach_files(unit_db, code, 1, files(tmp_path, a_jpg=jpeg_bytes("a")))
    with unit_db.session() as s:
        (page,) = s.scalars(select(Page))
        stored = s.get(StoredFile, page.sha256)
        assert stored is not None and stored.mime == "image/jpeg"
