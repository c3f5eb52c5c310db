"""Intake of a known ID number under another name (issue 10): the clerk is shown both names and must confirm;
earlier dossiers keep the name they were received with."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.gui.test_intake_gui import pick, send_keys, wait_result


@pytest.fixture
def page(qtbot: Any, gui_ctx: Any) -> Any:
    from desk_app.gui.intake_page import IntakePage

    p = IntakePage(gui_ctx)
    qtbot.addWidget(p)
    p.resize(1400, 900)
    p.show()
    p.activateWindow()
    qtbot.waitActive(p)
    qtbot.waitUntil(lambda: bool(p.picker.rows), timeout=10000)
    return p


def _names(db: Any) -> list[str]:
    from desk_app.store.models import Applicant, Dossier

    with db.session() as s:
        rows = s.execute(select(Dossier.id, Applicant.full_name).join(Applicant).order_by(Dossier.id))
        return [name for _, name in rows]


@pytest.mark.parametrize("confirm", [False, True])
def test_a_new_name_for_a_known_id_is_confirmed_first(
    page: Any, qtbot: Any, gui_ctx: Any, monkeypatch: pytest.MonkeyPatch, confirm: bool
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desk_app.services.intake.applicants import ApplicantInput
    from desk_app.services.intake.receive import DocumentInput, IntakeRequest, receive

    receive(
        gui_ctx.db,
        IntakeRequest(
            procedure_code="1.001193",
            applicant=ApplicantInput(full_name="Nguyễn Thị Hằng", id_number="001190012345"),
            documents=[DocumentInput(name="Tờ khai")],
        ),
        actor="tester",
    )
    shown: list[str] = []

    def answer(parent: Any, title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    pick(qtbot, page)
    send_keys(page.applicant.full_name, "Nguyễn Thị Hồng")
    page.applicant.id_number.setText("001190012345")
    assert page.save() is True
    if confirm:
        wait_result(qtbot, page, gui_ctx)
    gui_ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "Nguyễn Thị Hằng" in shown[0] and "Nguyễn Thị Hồng" in shown[0]
    gui_ctx.runner.wait_idle()
    expected = ["Nguyễn Thị Hằng", "Nguyễn Thị Hồng"] if confirm else ["Nguyễn Thị Hằng"]
    assert _names(gui_ctx.db)[-len(expected) :] == expected
