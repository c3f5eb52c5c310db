"""Receiving dossiers (services.intake.receive): one transaction, codes, due dates, idempotency, validation."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desk_app.domain.calendar import OverrideKind
from desk_app.domain.errors import UserError, ValidationError
from desk_app.services.intake.receive import (
    ApplicantInput,
    DocumentInput,
    FeeInput,
    IntakeRequest,
    preview,
    receive,
    result_for,
)
from desk_app.services.setup import calendar as cal_service
from desk_app.services.setup import catalog
from desk_app.services.setup import unit as setup
from desk_app.store import audit
from desk_app.store.db import Database, open_database
from desk_app.store.models import (
    Applicant,
    AuditEvent,
    CodeSequence,
    Dossier,
    DossierDocument,
    DossierEvent,
    Procedure,
)

AGENCY = "001.05.12.H49"
HANG = ApplicantInput(
    "Nguyễn Thị Hằng",
    "001190012345",
    birth_date=date(1990, 5, 2),
    gender="Nữ",
    address="Thôn Đông, xã Gio Sơn",
    phone="0912345678",
)


def req(received: str = "2026-02-13 09:00", procedure: str = "1.001193", **kw: Any) -> IntakeRequest:
    base: dict[str, Any] = {
        "applicant": HANG,
        "documents": [
            DocumentInput("Tờ khai đăng ký khai sinh"),
            DocumentInput("Giấy chứng sinh", "copy", 2),
        ],
        "received_at": datetime.strptime(received, "%Y-%m-%d %H:%M"),
    }
    base.update(kw)
    return IntakeRequest(procedure, **base)


def count(db: Database, model: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


class TestReceive:
    def test_one_transaction_writes_everything(self, unit_db: Database) -> None:
        res = receive(unit_db, req(), actor="hang.nt")
        assert res.created and res.state == "received"
        assert res.code == f"{AGENCY}-260213-0001"
        assert res.due_at == datetime(2026, 2, 13, 17, 0)  # same-day procedure
        with unit_db.session() as s:
            d = s.get(Dossier, res.dossier_id)
            assert d is not None
            assert (d.code, d.state, d.channel, d.return_via, d.created_by) == (
                res.code,
                "received",
                "direct",
                "counter",
                "hang.nt",
            )
            assert d.applicant.full_name == "Nguyễn Thị Hằng" and d.applicant.phone == "0912345678"
            assert [(x.position, x.name, x.kind, x.quantity) for x in d.documents] == [
                (1, "Tờ khai đăng ký khai sinh", "original", 1),
                (2, "Giấy chứng sinh", "copy", 2),
            ]
            events = list(s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)))
            assert [(e.action, e.state_after, e.at) for e in events] == [
                ("receive", "received", d.received_at)
            ]
            assert d.procedure.use_count == 1
            assert d.fee_amount == 0 and d.fee_method == "exempt"
            seq = s.get(CodeSequence, (AGENCY, date(2026, 2, 13), 1))
            assert seq is not None and seq.last == 1
            actions = [a.action for a in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
            assert actions[-1] == "dossier.receive"
            assert audit.verify(s).ok

    def test_sequence_counts_up_within_the_day_and_restarts_next_day(self, unit_db: Database) -> None:
        codes = [receive(unit_db, req()).code for _ in range(3)]
        assert codes == [f"{AGENCY}-260213-{n:04d}" for n in (1, 2, 3)]
        assert receive(unit_db, req("2026-02-23 08:00")).code == f"{AGENCY}-260223-0001"

    def test_text_is_stored_nfc(self, unit_db: Database) -> None:
        nfd = unicodedata.normalize("NFD", "  Trần   Thị Ánh  ")
        res = receive(
            unit_db,
            req(
                applicant=ApplicantInput(nfd, address=unicodedata.normalize("NFD", "Xã Gio Sơn")),
                documents=[DocumentInput(unicodedata.normalize("NFD", "Tờ khai"))],
            ),
        )
        with unit_db.session() as s:
            d = s.get(Dossier, res.dossier_id)
            assert d is not None
            assert d.applicant.full_name == "Trần Thị Ánh"
            assert unicodedata.is_normalized("NFC", d.applicant.address)
            assert d.documents[0].name == unicodedata.normalize("NFC", "Tờ khai")
            assert d.applicant.folded_name == "tran thi anh"

    def test_applicant_reused_by_id_number_and_updated(self, unit_db: Database) -> None:
        receive(unit_db, req())
        receive(unit_db, req(applicant=replace(HANG, phone="+84 868 123 456", address="")))
        with unit_db.session() as s:
            rows = list(s.scalars(select(Applicant)))
            assert len(rows) == 1
            assert rows[0].phone == "0868123456"
            assert rows[0].address == "Thôn Đông, xã Gio Sơn"  # an empty input keeps what was stored

    def test_representative_is_stored(self, unit_db: Database) -> None:
        rep = ApplicantInput("Lê Văn Cường", "045087001234", gender="Nam", birth_date=date(1987, 1, 1))
        res = receive(unit_db, req(representative=rep))
        with unit_db.session() as s:
            d = s.get(Dossier, res.dossier_id)
            assert d is not None and d.representative is not None
            assert d.representative["full_name"] == "Lê Văn Cường"

    def test_preview_matches_receive(self, unit_db: Database) -> None:
        p = preview(unit_db, "1.004194", datetime(2026, 2, 12, 9, 0))
        assert p.name == "Đăng ký tạm trú" and p.processing_unit == "working_days"
        assert p.due_at == datetime(2026, 2, 24, 9, 0)  # across Tết
        assert p.fee_amount == 15000 and p.documents
        assert preview(unit_db, "1.004194", online=True).fee_amount == 7000
        res = receive(unit_db, req("2026-02-12 09:00", "1.004194"))
        assert res.due_at == p.due_at

    def test_preview_unknown_procedure(self, unit_db: Database) -> None:
        with pytest.raises(ValidationError) as err:
            preview(unit_db, "9.999999")
        assert err.value.field == "procedure"


class TestDueDates:
    def test_cutoff_1459_vs_1500(self, unit_db: Database) -> None:
        assert receive(unit_db, req("2026-03-02 14:59")).due_at == datetime(2026, 3, 2, 17, 0)
        assert receive(unit_db, req("2026-03-02 15:00")).due_at == datetime(2026, 3, 3, 17, 0)
        assert receive(unit_db, req("2026-03-02 14:59", "1.004194")).due_at == datetime(2026, 3, 5, 14, 59)
        assert receive(unit_db, req("2026-03-02 15:00", "1.004194")).due_at == datetime(2026, 3, 6, 7, 30)

    def test_tet_and_weekend(self, unit_db: Database) -> None:
        """Fri 13/02/2026 at 15:00, 3 working days: counting starts Mon 23/02 after Tết."""
        assert receive(unit_db, req("2026-02-13 15:00", "1.004194")).due_at == datetime(2026, 2, 26, 7, 30)

    def test_package_makeup_saturday(self, unit_db: Database) -> None:
        """Sat 22/8/2026 is worked (the 31/8 swap): Fri 21/8 + 3 working days = Sat 22, Mon 24, Tue 25."""
        assert receive(unit_db, req("2026-08-21 09:00", "1.004194")).due_at == datetime(2026, 8, 25, 9, 0)

    def test_override_makeup_saturday(self, unit_db: Database) -> None:
        cal_service.set_override(
            unit_db, date(2026, 3, 14), OverrideKind.WORKDAY, "Làm bù cho ngày 30/3", "CV số 1"
        )
        assert receive(unit_db, req("2026-03-13 09:00", "1.004194")).due_at == datetime(2026, 3, 17, 9, 0)
        cal_service.set_override(unit_db, date(2026, 3, 16), OverrideKind.OFF, "Nghỉ bù")
        assert receive(unit_db, req("2026-03-13 09:00", "1.004194")).due_at == datetime(2026, 3, 18, 9, 0)

    def test_van_hoa_day(self, unit_db: Database) -> None:
        assert receive(unit_db, req("2026-11-23 09:00", "1.004194")).due_at == datetime(2026, 11, 27, 9, 0)

    def test_clerk_may_set_a_later_date_not_an_earlier_one(self, unit_db: Database) -> None:
        later = datetime(2026, 2, 27, 10, 0)
        assert receive(unit_db, req("2026-02-13 15:00", "1.004194", due_at=later)).due_at == later
        with pytest.raises(ValidationError) as err:
            receive(unit_db, req("2026-02-13 15:00", "1.004194", due_at=datetime(2026, 2, 25, 10, 0)))
        assert err.value.field == "due_at" and "26/02/2026" in err.value.vi
        assert count(unit_db, Dossier) == 1

    def test_received_at_in_the_future_is_refused(self, unit_db: Database) -> None:
        with pytest.raises(ValidationError) as err:
            receive(unit_db, replace(req(), received_at=datetime.now() + timedelta(days=2)))
        assert err.value.field == "received_at"

    def test_default_received_at_is_now(self, unit_db: Database) -> None:
        res = receive(unit_db, replace(req(), received_at=None))
        assert res.received_at is not None
        assert abs(res.received_at - datetime.now()) < timedelta(minutes=2)


class TestIdempotency:
    def test_same_token_makes_one_dossier(self, unit_db: Database) -> None:
        first = receive(unit_db, req(client_token="form-42"))
        audits = count(unit_db, AuditEvent)
        again = receive(unit_db, req(client_token="form-42"))
        assert (again.dossier_id, again.code, again.created) == (first.dossier_id, first.code, False)
        assert count(unit_db, Dossier) == 1
        assert count(unit_db, AuditEvent) == audits
        assert result_for(unit_db, "form-42") == again
        assert result_for(unit_db, "nope") is None

    def test_without_token_each_save_is_new(self, unit_db: Database) -> None:
        assert receive(unit_db, req()).code != receive(unit_db, req()).code


class TestValidation:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"applicant": ApplicantInput("  ")}, "applicant.full_name"),
            ({"applicant": replace(HANG, id_number="00119001234")}, "applicant.id_number"),  # 11 digits
            ({"applicant": replace(HANG, gender="Nam")}, "applicant.id_number"),  # gender digit 1 = Nữ
            (
                {"applicant": replace(HANG, birth_date=date(1991, 5, 2))},
                "applicant.id_number",
            ),  # ID says 1990
            ({"applicant": replace(HANG, phone="091234")}, "applicant.phone"),
            ({"applicant": replace(HANG, email="hang@")}, "applicant.email"),
            ({"applicant": replace(HANG, gender="X")}, "applicant.gender"),
            ({"applicant": replace(HANG, old_id_number="1234")}, "applicant.old_id_number"),
            ({"representative": ApplicantInput("Lê Văn C", phone="12")}, "representative.phone"),
            ({"documents": []}, "documents"),
            ({"documents": [DocumentInput("Tờ khai", received=False)]}, "documents"),
            ({"documents": [DocumentInput("")]}, "documents[0].name"),
            ({"documents": [DocumentInput("Tờ khai", kind="photo")]}, "documents[0].kind"),
            ({"documents": [DocumentInput("Tờ khai", quantity=0)]}, "documents[0].quantity"),
            ({"channel": "fax"}, "channel"),
            ({"return_via": "pigeon"}, "return_via"),
            ({"set_count": 0}, "set_count"),
            ({"fee": FeeInput(method="bitcoin")}, "fee.method"),
            ({"fee": FeeInput(amount=-5)}, "fee.amount"),
            ({"client_token": "bad token!"}, "client_token"),
        ],
    )
    def test_refused_with_field_and_nothing_written(
        self, unit_db: Database, change: dict[str, Any], field: str
    ) -> None:
        audits = count(unit_db, AuditEvent)
        with pytest.raises(ValidationError) as err:
            receive(unit_db, req(**change))
        assert err.value.field == field
        assert err.value.vi and err.value.vi != err.value.message  # a Vietnamese message for the clerk
        assert count(unit_db, Dossier) == 0 and count(unit_db, Applicant) == 0
        assert count(unit_db, AuditEvent) == audits

    def test_unknown_procedure_rolls_back(self, unit_db: Database) -> None:
        with pytest.raises(ValidationError) as err:
            receive(unit_db, req(procedure="9.999999"))
        assert err.value.field == "procedure"
        assert count(unit_db, Dossier) == 0 and count(unit_db, Applicant) == 0

    def test_old_procedure_code_is_found(self, unit_db: Database) -> None:
        """1.001640 was re-published as 1.001193."""
        res = receive(unit_db, req(procedure="1.001640"))
        with unit_db.session() as s:
            d = s.get(Dossier, res.dossier_id)
            assert d is not None and d.procedure.code == "1.001193"

    def test_no_unit(self, db: Database) -> None:
        catalog.import_seed(db)
        with pytest.raises(UserError):
            receive(db, req())


class TestFees:
    def test_per_page_rule(self, unit_db: Database) -> None:
        """Chứng thực bản sao: 2.000 đ/page for 2 pages, then 1.000 đ; 5 pages × 2 copies = 14.000 đ."""
        res = receive(unit_db, req(procedure="2.000815", fee=FeeInput(pages=5, copies=2)))
        with unit_db.session() as s:
            d = s.get(Dossier, res.dossier_id)
            assert d is not None and (d.fee_amount, d.fee_method, d.paid_online) == (14000, "cash", False)

    def test_online_payment_and_online_amount(self, unit_db: Database) -> None:
        res = receive(unit_db, req(procedure="1.004222", channel="online", fee=FeeInput(method="online")))
        with unit_db.session() as s:
            d = s.get(Dossier, res.dossier_id)
            assert d is not None and (d.fee_amount, d.paid_online) == (10000, True)

    def test_council_fee_needs_an_amount_when_collected(self, unit_db: Database) -> None:
        with pytest.raises(ValidationError) as err:
            receive(unit_db, req(procedure="1.004873", fee=FeeInput(method="cash")))
        assert err.value.field == "fee.amount"
        res = receive(unit_db, req(procedure="1.004873", fee=FeeInput(amount=5000, method="cash")))
        without = receive(unit_db, req(procedure="1.004873"))
        with unit_db.session() as s:
            assert s.get(Dossier, res.dossier_id).fee_amount == 5000  # type: ignore[union-attr]
            d = s.get(Dossier, without.dossier_id)
            assert d is not None and (d.fee_amount, d.fee_method) == (0, "unpaid")

    def test_exempt_method_zeroes_the_fee(self, unit_db: Database) -> None:
        res = receive(unit_db, req(procedure="1.004194", fee=FeeInput(method="exempt")))
        with unit_db.session() as s:
            assert s.get(Dossier, res.dossier_id).fee_amount == 0  # type: ignore[union-attr]


def _unit(data_dir: Path, counter: int) -> Database:
    db = open_database(data_dir)
    setup.init_unit(db, AGENCY, "Ủy ban nhân dân xã Gio Sơn", counter=counter)
    catalog.import_seed(db)
    return db


class TestCounters:
    def test_two_counters_never_collide(self, tmp_path: Path) -> None:
        """Two PCs (data dirs) with counters 1 and 2, offline, the same day."""
        one, two = _unit(tmp_path / "pc1", 1), _unit(tmp_path / "pc2", 2)
        try:
            codes1 = [receive(one, req()).code for _ in range(5)]
            codes2 = [receive(two, req()).code for _ in range(5)]
        finally:
            one.close()
            two.close()
        assert not set(codes1) & set(codes2)
        assert codes1[0] == f"{AGENCY}-260213-0001" and codes2[0] == f"{AGENCY}-260213-1001"
        assert codes2[-1] == f"{AGENCY}-260213-1005"

    def test_exhausted_block_is_a_clear_error(self, unit_db: Database) -> None:
        with unit_db.transaction() as s:
            s.add(CodeSequence(agency_code=AGENCY, day=date(2026, 2, 13), counter=1, last=999))
        with pytest.raises(UserError) as err:
            receive(unit_db, req())
        assert "999" in err.value.message and "Quầy 1" in err.value.vi
        assert count(unit_db, Dossier) == 0

    def test_agency_code_of_the_period(self, unit_db: Database) -> None:
        """After a change of agency code, a backlog dossier keeps the code valid on its date."""
        setup.init_unit(unit_db, "002.01.01.H49", "Ủy ban nhân dân xã Gio Sơn")
        old = receive(unit_db, replace(req(), received_at=datetime.now() - timedelta(days=3)))
        new = receive(unit_db, replace(req(), received_at=None))
        assert old.code is not None and old.code.startswith(AGENCY + "-")
        assert new.code is not None and new.code.startswith("002.01.01.H49-")


class TestBacklog:
    def test_existing_code_is_kept_and_sequence_moves_above_it(self, unit_db: Database) -> None:
        res = receive(unit_db, req(existing_code=f"{AGENCY.lower()}-260213-0007"))
        assert res.code == f"{AGENCY}-260213-0007"
        assert receive(unit_db, req()).code == f"{AGENCY}-260213-0008"

    def test_code_of_another_counter_does_not_move_ours(self, unit_db: Database) -> None:
        receive(unit_db, req(existing_code=f"{AGENCY}-260213-1003"))
        assert receive(unit_db, req()).code == f"{AGENCY}-260213-0001"

    def test_issued_codes_skip_a_code_already_stored(self, unit_db: Database) -> None:
        receive(unit_db, req(existing_code=f"{AGENCY}-260213-0002"))
        with unit_db.transaction() as s:  # e.g. a database restored from an older backup
            s.get(CodeSequence, (AGENCY, date(2026, 2, 13), 1)).last = 1  # type: ignore[union-attr]
        assert receive(unit_db, req()).code == f"{AGENCY}-260213-0003"

    @pytest.mark.parametrize(
        ("code", "words"),
        [
            (f"{AGENCY}-260213-0007", "already"),
            (f"{AGENCY}-260214-0009", "dated"),
            ("001.05.12.H49-260213-7", "not a dossier code"),
            ("H49-260213-0009", "agency"),
            (f"{AGENCY}-260213-0000", "0001"),
        ],
    )
    def test_bad_or_duplicate_code(self, unit_db: Database, code: str, words: str) -> None:
        receive(unit_db, req(existing_code=f"{AGENCY}-260213-0007"))
        with pytest.raises(ValidationError) as err:
            receive(unit_db, req(existing_code=code))
        assert err.value.field == "code"
        assert words in err.value.message
        assert count(unit_db, Dossier) == 1

    def test_backlog_of_an_older_procedure_version(self, unit_db: Database) -> None:
        """A dossier keeps the procedure version in force on its date."""
        with unit_db.transaction() as s:
            cur = catalog.find_procedure(s, "1.004194")
            cur.effective_from = date(2026, 6, 1)
            s.add(
                Procedure(
                    code="1.004194",
                    version=0,
                    name="Đăng ký tạm trú (cũ)",
                    processing_value=5,
                    processing_unit="working_days",
                    effective_from=date(2025, 1, 1),
                    effective_to=date(2026, 6, 1),
                    fee_rule={"kind": "exempt"},
                    documents=[],
                )
            )
        res = receive(unit_db, req("2026-03-02 09:00", "1.004194"))
        with unit_db.session() as s:
            d = s.get(Dossier, res.dossier_id)
            assert d is not None and d.procedure.name == "Đăng ký tạm trú (cũ)"
        assert res.due_at == datetime(2026, 3, 9, 9, 0)  # 5 working days under the old version
        assert count(unit_db, DossierDocument) == 2
