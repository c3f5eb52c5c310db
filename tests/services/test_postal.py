"""The postal path (services.postal): received by post, returned by post to delivery, undeliverable and re-sent,
transfers, manifests, the monthly statement, labels read back with pdftotext and zbarimg, the migration."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.postal import parse_month
from desk_app.services.lifecycle.dossier_view import show
from desk_app.services.lifecycle.moves import act
from desk_app.services.postal import documents, items, manifests
from desk_app.services.postal.items import ItemRequest
from desk_app.store import audit
from desk_app.store.models import AuditEvent
from desk_app.store.models_postal import PostalItem
from tests.services.test_lifecycle_support import make_dossier

FIRST, SECOND, INCOMING = "EE876543216CA", "CP000000120VN", "RR123456785VN"


def pdf_text(pdf: bytes, tmp_path: Path, name: str = "doc.pdf", *, layout: bool = True) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    cmd = ["pdftotext", "-layout"] if layout else ["pdftotext"]
    out = subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFC", out.stdout)


def symbols(pdf: bytes, tmp_path: Path, name: str = "sym", dpi: int = 300) -> set[str]:
    """Every barcode zbarimg decodes on the PDF's pages rendered at ``dpi``, as raw data."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    prefix = tmp_path / name
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    found: set[str] = set()
    for image in sorted(tmp_path.glob(f"{name}-*.png")):
        out = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True)
        found |= {line.strip() for line in out.stdout.splitlines() if line.strip()}
    return found


def item_count(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(PostalItem)) or 0)


@pytest.fixture
def code(unit_db: Any) -> str:
    """A dossier received Monday 07/7/2025 09:00 with its result ready the next day."""
    code = make_dossier(unit_db)
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 8, 10, 0), actor="clerk1")
    return code


def test_received_by_post_keeps_the_counters_received_moment_and_marks_the_channel(unit_db: Any) -> None:
    """The item and delivery date are recorded; the due date still counts from the counter's receipt."""
    code = make_dossier(unit_db)
    before = show(unit_db, code)
    with pytest.raises(ValidationError) as err:  # the post cannot deliver after the counter received it
        items.receive_by_post(unit_db, code, ItemRequest(INCOMING), delivered_at=date(2025, 7, 8))
    assert err.value.field == "delivered_at"
    got = items.receive_by_post(
        unit_db, code, ItemRequest(INCOMING), delivered_at=date(2025, 7, 5), address="Thôn Tây", actor="bd1"
    )
    assert (got["kind"], got["state"], got["handed_at"], got["address"]) == (
        "receive",
        "received",
        "2025-07-05T00:00",
        "Thôn Tây",
    )
    assert got["fee"] == 26000  # the tariff setting
    after = show(unit_db, code)
    assert after["channel"] == "postal"
    assert (after["received_at"], after["due_at"]) == (before["received_at"], before["due_at"])
    assert after["history"][-1]["label"] == "Nhận hồ sơ qua bưu chính"
    with pytest.raises(ValidationError):  # one incoming item per dossier
        items.receive_by_post(unit_db, code, ItemRequest(SECOND))


def test_returned_by_post_through_to_delivery(unit_db: Any, code: str) -> None:
    """send → out, still result-ready; delivered → the lifecycle's return move, channel postal, audited."""
    sent = items.send(
        unit_db, code, ItemRequest(FIRST), fee=31000, payer="commune", at=datetime(2025, 7, 8, 14, 0)
    )
    assert (sent["state"], sent["fee"], sent["payer"]) == ("out", 31000, "commune")
    assert show(unit_db, code)["state"] == "result_ready"
    assert items.to_send(unit_db) == []
    with pytest.raises(UserError):  # one shipment on its way at a time
        items.send(unit_db, code, ItemRequest(SECOND))
    with pytest.raises(ValidationError):  # delivered before it was handed over
        items.delivered(unit_db, FIRST, at=datetime(2025, 7, 8, 13, 0))
    done = items.delivered(unit_db, FIRST, at=datetime(2025, 7, 9, 16, 30), actor="bd1")
    assert done["state"] == "delivered" and done["move"]["state"] == "returned"
    data = show(unit_db, code)
    assert (data["state"], data["returned_at"], data["return_via"]) == (
        "returned",
        "2025-07-09T16:30",
        "postal",
    )
    assert [h["action"] for h in data["history"]][-2:] == ["postal-send", "return"]
    assert data["history"][-1]["data"]["item"] == FIRST
    with unit_db.session() as s:
        assert audit.verify(s).ok
        actions = list(s.scalars(select(AuditEvent.action)))
    assert "dossier.postal-send" in actions and "dossier.return" in actions
    with pytest.raises(UserError):  # already delivered
        items.delivered(unit_db, FIRST)


def test_a_wrong_check_digit_stores_nothing(unit_db: Any, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        items.send(unit_db, code, ItemRequest("EE876543217CA"))
    assert "check digit" in err.value.message
    assert item_count(unit_db) == 0
    assert show(unit_db, code)["return_via"] == "counter"


def test_undeliverable_goes_back_to_the_results_to_send_and_is_sent_again(unit_db: Any, code: str) -> None:
    items.send(unit_db, code, ItemRequest(FIRST), at=datetime(2025, 7, 8, 14, 0))
    with pytest.raises(ValidationError):
        items.undeliverable(unit_db, FIRST, reason="  ")
    back = items.undeliverable(
        unit_db, FIRST, reason="Không có người nhận tại địa chỉ", at=datetime(2025, 7, 10, 9, 0), actor="bd1"
    )
    assert (back["state"], back["reason"]) == ("undeliverable", "Không có người nhận tại địa chỉ")
    data = show(unit_db, code)
    assert data["state"] == "result_ready"
    assert data["history"][-1]["action"] == "postal-undeliverable"
    assert data["history"][-1]["reason"] == "Không có người nhận tại địa chỉ"
    assert [r["code"] for r in items.to_send(unit_db)] == [code]
    with pytest.raises(UserError):
        items.delivered(unit_db, FIRST)
    items.send(unit_db, code, ItemRequest(SECOND), at=datetime(2025, 7, 10, 10, 0))
    assert items.to_send(unit_db) == []
    items.delivered(unit_db, SECOND, at=datetime(2025, 7, 11, 15, 0))
    assert show(unit_db, code)["state"] == "returned"
    states = {r["number"]: r["state"] for r in items.list_items(unit_db, code=code)}
    assert states == {FIRST: "undeliverable", SECOND: "delivered"}


def test_a_free_reference_is_kept_marked_free(unit_db: Any, code: str) -> None:
    got = items.send(unit_db, code, ItemRequest("BD-GS/0042", free=True), at=datetime(2025, 7, 8, 14, 0))
    assert (got["number"], got["number_kind"]) == ("BD-GS/0042", "free")


def test_transfer_legs_are_recorded_in_the_history(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    leg = items.transfer(
        unit_db, code, ItemRequest(FIRST), to_whom="Phòng Tư pháp", fee=26000, at=datetime(2025, 7, 7, 10, 0)
    )
    assert (leg["kind"], leg["direction"], leg["state"]) == ("transfer", "to_office", "out")
    items.delivered(unit_db, FIRST, at=datetime(2025, 7, 7, 15, 0))
    data = show(unit_db, code)
    assert data["state"] == "received"  # a transfer leg is not a return
    assert [h["action"] for h in data["history"]][-2:] == ["postal-transfer", "postal-transfer"]


def test_manifest_takes_the_days_items_once_and_reprints_after(
    unit_db: Any, code: str, tmp_path: Path
) -> None:
    items.send(unit_db, code, ItemRequest(FIRST), at=datetime(2025, 7, 8, 14, 0))
    with pytest.raises(UserError):
        manifests.manifest(unit_db, date(2025, 7, 9))
    first = manifests.manifest(unit_db, date(2025, 7, 8), actor="clerk1")
    assert first.number == "BG-250708-01" and [ln.number for ln in first.lines] == [FIRST]
    assert first.reprint_count == 0
    again = manifests.manifest(unit_db, date(2025, 7, 8))
    assert (again.number, again.reprint_count) == ("BG-250708-01", 1)
    listed = manifests.list_manifests(unit_db)
    assert listed[0]["number"] == "BG-250708-01" and listed[0]["count"] == 1
    batch = manifests.manifest_items(unit_db, "bg-250708-01")
    assert [i["code"] for i in batch["items"]] == [code]

    pdf, data = documents.manifest_pdf(unit_db, number="BG-250708-01")
    assert (data["number"], data["count"], data["reprint_count"]) == ("BG-250708-01", 1, 2)
    text = pdf_text(pdf, tmp_path)
    assert "PHIẾU BÀN GIAO BƯU GỬI" in text and code in text and FIRST in text
    assert "BẢN IN LẠI" in text and "BÊN GIAO" in text and "BÊN NHẬN" in text
    assert {FIRST, "BG-250708-01"} <= symbols(pdf, tmp_path, "manifest")


def test_label_prints_address_code_and_item_barcodes(unit_db: Any, code: str, tmp_path: Path) -> None:
    """A6, DL and C5 labels carry the recipient, the dossier code and the item number, both decodable."""
    items.send(unit_db, code, ItemRequest(FIRST), at=datetime(2025, 7, 8, 14, 0))
    for size in ("A6", "DL", "C5"):
        pdf, detail = documents.label(unit_db, code, size=size, actor="clerk1")
        text = pdf_text(pdf, tmp_path, f"label{size}.pdf")
        assert "Nguyễn Thị Hằng" in text and "Thôn Đông, xã Gio Sơn" in text and FIRST in text, size
        assert symbols(pdf, tmp_path, f"label{size}") == {code, FIRST}, size
    assert detail["reprint"] is True and detail["count"] == 2


def test_label_before_the_item_number_is_known_has_the_dossier_code_only(
    unit_db: Any, code: str, tmp_path: Path
) -> None:
    pdf, detail = documents.label(unit_db, code)
    assert detail["item"] is None and detail["reprint"] is False
    assert symbols(pdf, tmp_path, "bare") == {code}


def test_statement_totals_equal_the_sum_of_fees_in_pdf_and_xlsx(unit_db: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    one = make_dossier(unit_db)
    two = make_dossier(unit_db, id_number="001190054321", name="Trần Văn Bình")
    items.receive_by_post(unit_db, one, ItemRequest(INCOMING), delivered_at=date(2025, 7, 7), actor="bd1")
    for c in (one, two):
        act(unit_db, c, "result-ready", at=datetime(2025, 7, 8, 10, 0))
    items.send(unit_db, one, ItemRequest(FIRST), fee=31000, at=datetime(2025, 7, 8, 14, 0), actor="clerk1")
    items.send(
        unit_db, two, ItemRequest(SECOND), payer="commune", at=datetime(2025, 7, 8, 14, 0), actor="bd1"
    )
    items.delivered(unit_db, FIRST, at=datetime(2025, 7, 9, 9, 0))
    fees = [r["fee"] for r in items.list_items(unit_db)]
    assert sorted(fees) == [26000, 26000, 31000]

    data = manifests.statement(unit_db, parse_month("2025-07"))
    assert data.totals["total"] == {"count": 3, "fees": sum(fees)}
    assert data.totals["return"] == {"count": 2, "fees": 57000}
    assert data.by_payer == {"citizen": 57000, "commune": 26000}
    assert data.channels == {"received": 2, "received_by_post": 1, "returned": 1, "returned_by_post": 1}
    assert data.by_officer == {"bd1": {"count": 2, "fees": 52000}, "clerk1": {"count": 1, "fees": 31000}}

    pdf, _ = documents.statement_file(unit_db, parse_month("2025-07"), "pdf")
    text = pdf_text(pdf, tmp_path)
    assert "BẢNG KÊ DỊCH VỤ BƯU CHÍNH CÔNG ÍCH" in text and "tháng 07/2025" in text
    assert "83.000" in text and one in text and SECOND in text
    assert "bd1: 2 bưu gửi, 52.000 đồng" in " ".join(text.split())

    body, _ = documents.statement_file(unit_db, parse_month("2025-07"), "xlsx")
    book = load_workbook(io.BytesIO(body))
    rows = list(book["Bảng kê"].iter_rows(values_only=True))
    item_rows = [r for r in rows if isinstance(r[0], int)]
    assert len(item_rows) == 3 and all(isinstance(r[8], int) for r in item_rows)
    total_row = next(r for r in rows if r[2] == "Tổng cộng")
    assert total_row[8] == sum(r[8] for r in item_rows) == 83000
    assert manifests.statement(unit_db, parse_month("2025-08")).totals["total"] == {"count": 0, "fees": 0}


def test_tariff_is_data(unit_db: Any, code: str) -> None:
    manifests.set_tariff(unit_db, 30000, "Đơn giá mới", actor="admin")
    assert items.send(unit_db, code, ItemRequest(FIRST), at=datetime(2025, 7, 8, 14, 0))["fee"] == 30000
    with pytest.raises(ValidationError):
        manifests.set_tariff(unit_db, -1)


def test_a_0001_database_upgrades_to_the_postal_tables(data_dir: Path) -> None:
    from sqlalchemy import inspect

    from desk_app import paths
    from desk_app.store import migrate
    from desk_app.store.db import make_engine, open_database

    engine = make_engine(paths.db_path(data_dir))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    db = open_database(data_dir)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        assert {"postal_items", "postal_manifests"} <= tables
        assert any(p.name.startswith("pre-upgrade-0001") for p in paths.backups_dir(data_dir).iterdir())
    finally:
        db.close()


def _postal_request(**over: Any) -> Any:
    from desk_app.domain.postal import IncomingPost
    from desk_app.services.intake.inputs import ApplicantInput, DocumentInput, IntakeRequest

    fields: dict[str, Any] = dict(
        procedure_code="1.004837",
        applicant=ApplicantInput(full_name="Lê Văn Cường", id_number="001190099999", address="Thôn Bắc"),
        documents=[DocumentInput("Tờ khai đăng ký giám hộ")],
        received_at=datetime(2025, 7, 7, 9, 0),
        channel="postal",
        return_via="postal",
        postal=IncomingPost(INCOMING, delivered_at=datetime(2025, 7, 5, 0, 0), sender_address="Hộp thư 12"),
    )
    fields.update(over)
    return IntakeRequest(**fields)


def test_intake_by_post_records_the_item_in_the_same_transaction(unit_db: Any) -> None:
    """Choosing the postal channel at intake records the item and its delivery with the dossier, at once."""
    from desk_app.services.intake.receive import receive

    code = receive(unit_db, _postal_request(), actor="bd1").code
    assert code
    (got,) = items.list_items(unit_db, code=code)
    assert (got["number"], got["kind"], got["handed_at"], got["address"]) == (
        INCOMING,
        "receive",
        "2025-07-05T00:00",
        "Hộp thư 12",
    )
    data = show(unit_db, code)
    assert data["channel"] == "postal" and data["received_at"] == "2025-07-07T09:00"
    assert [h["action"] for h in data["history"]] == ["receive", "postal-receive"]


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"channel": "direct"}, "postal.item"),
        ({"postal": None, "channel": "postal"}, None),
    ],
)
def test_intake_postal_rules(unit_db: Any, over: dict[str, Any], field: str | None) -> None:
    from desk_app.services.intake.receive import receive

    if field is None:  # the postal channel without an item number is still fine (recorded later)
        assert receive(unit_db, _postal_request(**over)).code
        assert item_count(unit_db) == 0
        return
    with pytest.raises(ValidationError) as err:
        receive(unit_db, _postal_request(**over))
    assert err.value.field == field


def test_intake_refuses_a_wrong_check_digit_and_saves_no_dossier(unit_db: Any) -> None:
    from desk_app.domain.postal import IncomingPost
    from desk_app.services.intake.receive import receive
    from desk_app.store.models import Dossier

    with pytest.raises(ValidationError) as err:
        receive(unit_db, _postal_request(postal=IncomingPost("RR123456784VN")))
    assert err.value.field == "postal.item" and "chữ số kiểm tra" in err.value.vi
    with pytest.raises(ValidationError) as err:
        receive(
            unit_db, _postal_request(postal=IncomingPost(INCOMING, delivered_at=datetime(2025, 7, 8, 0, 0)))
        )
    assert err.value.field == "postal.delivered_at"
    with unit_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 0
    assert item_count(unit_db) == 0


def test_the_control_sheet_shows_the_postal_legs(unit_db: Any, tmp_path: Path) -> None:
    """Each postal leg (incoming item, transfer, shipment) is written on the control sheet with item and fee."""
    from desk_app.services.lifecycle import forms

    code = make_dossier(unit_db)
    items.receive_by_post(unit_db, code, ItemRequest(INCOMING), delivered_at=date(2025, 7, 5))
    act(unit_db, code, "forward", at=datetime(2025, 7, 7, 10, 0), to_whom="Phòng Tư pháp")
    items.transfer(unit_db, code, ItemRequest(SECOND), fee=15000, at=datetime(2025, 7, 7, 11, 0))
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 8, 10, 0))
    items.send(unit_db, code, ItemRequest(FIRST), at=datetime(2025, 7, 8, 14, 0))
    text = pdf_text(forms.form_pdf(unit_db, code, "control"), tmp_path, layout=False)
    flat = "".join(text.split())  # the notes column is narrow: item numbers wrap
    assert INCOMING in flat and "giaongày05/07/2025" in flat
    assert f"bưugửi{SECOND},cước15.000đồng" in flat
    assert f"bưugửi{FIRST},cước26.000đồng" in flat
