"""Guidance (incomplete, Mẫu 02) and refusal (Mẫu 03) at the counter: services.intake.guide / refuse."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desk_app.domain.errors import ValidationError
from desk_app.services.intake.receive import (
    ApplicantInput,
    DocumentInput,
    IntakeRequest,
    guide,
    receive,
    refuse,
)
from desk_app.store.db import Database
from desk_app.store.models import AuditEvent, Dossier, DossierEvent, SupplementEpisode

BINH = ApplicantInput(
    "Trần Văn Bình", "045087001234", gender="Nam", birth_date=date(1987, 3, 4), phone="0868123456"
)


def req(**kw: object) -> IntakeRequest:
    base: dict[str, object] = {
        "applicant": BINH,
        "received_at": datetime(2026, 3, 2, 9, 30),
        "documents": [
            DocumentInput("Tờ khai", received=True),
            DocumentInput("Giấy xác nhận cư trú", received=False),
        ],
    }
    base.update(kw)
    return IntakeRequest("1.004873", **base)  # type: ignore[arg-type]


def test_guide_records_guidance_without_a_code(unit_db: Database) -> None:
    res = guide(
        unit_db,
        req(),
        ["Bản sao Giấy xác nhận cư trú", "  "],
        "Thiếu giấy tờ chứng minh nơi cư trú",
        actor="lan.pt",
    )
    assert (res.state, res.code, res.due_at, res.created) == ("guided", None, None, True)
    assert res.number == "HD-260302-0001"
    with unit_db.session() as s:
        d = s.get(Dossier, res.dossier_id)
        assert d is not None and d.code is None and d.state == "guided"
        ep = s.scalars(select(SupplementEpisode).where(SupplementEpisode.dossier_id == d.id)).one()
        assert (ep.stage, ep.items, ep.reason) == (
            "intake",
            ["Bản sao Giấy xác nhận cư trú"],
            "Thiếu giấy tờ chứng minh nơi cư trú",
        )
        ev = s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)).one()
        assert (ev.action, ev.state_after, ev.data["number"]) == ("guide", "guided", "HD-260302-0001")  # type: ignore[index]
        assert [x.received for x in d.documents] == [True, False]
        assert (
            s.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)).one()
            == "dossier.guide"
        )
    assert guide(unit_db, req(), ["X"], "").number == "HD-260302-0002"


def test_guide_needs_what_is_missing(unit_db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        guide(unit_db, req(), ["", " "], "Thiếu")
    assert err.value.field == "missing"


def test_guide_accepts_no_document_brought(unit_db: Database) -> None:
    res = guide(unit_db, req(documents=[]), ["Tờ khai"], "")
    assert res.state == "guided"


def test_guide_is_idempotent_and_does_not_use_a_code(unit_db: Database) -> None:
    first = guide(unit_db, req(client_token="t1"), ["Tờ khai"], "")
    again = guide(unit_db, req(client_token="t1"), ["Tờ khai"], "")
    assert (again.dossier_id, again.number, again.created) == (first.dossier_id, first.number, False)
    received = receive(
        unit_db,
        IntakeRequest("1.004194", BINH, [DocumentInput("CT01")], received_at=datetime(2026, 3, 2, 9, 30)),
    )
    assert received.code is not None and received.code.endswith("-260302-0001")


def test_refuse(unit_db: Database) -> None:
    res = refuse(
        unit_db,
        req(),
        "Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã",
        "NĐ 118/2025/NĐ-CP",
        actor="lan.pt",
    )
    assert (res.state, res.code, res.number) == ("refused", None, "TC-260302-0001")
    with unit_db.session() as s:
        d = s.get(Dossier, res.dossier_id)
        assert d is not None and d.finished_at == datetime(2026, 3, 2, 9, 30)
        ev = s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)).one()
        assert ev.action == "refuse" and ev.reason.startswith("Hồ sơ không thuộc")
        assert ev.data is not None and ev.data["legal_basis"] == "NĐ 118/2025/NĐ-CP"


def test_refuse_needs_a_reason(unit_db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        refuse(unit_db, req(), "   ")
    assert err.value.field == "reason"


def test_outcomes_validate_the_applicant_too(unit_db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        refuse(unit_db, req(applicant=ApplicantInput("Trần Văn Bình", phone="123")), "Lý do")
    assert err.value.field == "applicant.phone"
