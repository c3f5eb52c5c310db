"""Helpers shared by the lifecycle tests (services, CLI, GUI): dossiers received through the real intake."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.services.intake import receive as intake
from desk_app.services.intake.inputs import ApplicantInput, DocumentInput, IntakeRequest

MONDAY = datetime(2025, 7, 7, 9, 0)  # received Monday 07/7/2025 09:00; 3 working days → due Thu 10/7 09:00


def make_dossier(
    db: Any,
    *,
    received_at: datetime = MONDAY,
    procedure: str = "1.004837",
    name: str = "Nguyễn Thị Hằng",
    id_number: str = "001190012345",
    phone: str = "0912345678",
    address: str = "Thôn Đông, xã Gio Sơn",
) -> str:
    """Receive one dossier through services.intake and return its code."""
    result = intake.receive(
        db,
        IntakeRequest(
            procedure_code=procedure,
            applicant=ApplicantInput(full_name=name, id_number=id_number, phone=phone, address=address),
            documents=[
                DocumentInput("Tờ khai đăng ký giám hộ"),
                DocumentInput("Văn bản cử người giám hộ", "copy"),
            ],
            received_at=received_at,
        ),
        actor="clerk1",
    )
    assert result.code
    return result.code


def test_make_dossier_receives_a_dossier_due_three_working_days_later(unit_db: Any) -> None:
    """The helper's dossier is received with the due date the lifecycle tests assume."""
    from desk_app.services.lifecycle.dossier_view import show

    code = make_dossier(unit_db)
    data = show(unit_db, code)
    assert data["state"] == "received"
    assert data["due_at"] == "2025-07-10T09:00"
    assert data["deadline_at"] == "2025-07-10T09:00"  # filled by the insert trigger
