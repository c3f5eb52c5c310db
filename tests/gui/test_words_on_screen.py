"""The dossier page speaks a clerk's words: audit rows as sentences, fee/channel/rating in Vietnamese, HH:mm."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from desk_app.services.lifecycle.moves import act
from tests.gui.test_lifecycle_gui import TIMEOUT, wait_dossier
from tests.services.test_lifecycle_support import make_dossier

ISO = re.compile(r"\d{4}-\d{2}-\d{2}|T\d{2}:|\d{2}:\d{2}:\d{2}")
CODES = ("cash", "direct", "counter", "satisfied", "dossier.", "=", "{")


def test_the_dossier_page_shows_sentences_and_words(qtbot: Any, main_window: Any, gui_ctx: Any) -> None:
    from desk_app.services.trust import auth

    auth.create_user(gui_ctx.db, "hung.nv", "Nguyễn Văn Hùng", "clerk", "mat-khau-dai-1", actor="tester")
    code = make_dossier(gui_ctx.db, name="Nguyễn Thị Hằng", received_at=datetime(2025, 7, 7, 9, 0))
    act(
        gui_ctx.db,
        code,
        "forward",
        at=datetime(2025, 7, 7, 9, 23),
        to_whom="Công chức Tư pháp",
        actor="hung.nv",
    )
    act(gui_ctx.db, code, "result-ready", at=datetime(2025, 7, 8, 9, 0), actor="hung.nv")
    act(gui_ctx.db, code, "return", at=datetime(2025, 7, 9, 10, 0), rating="satisfied", actor="hung.nv")
    gui_ctx.openDossierRequested.emit(code)
    page = wait_dossier(qtbot, main_window, code)
    audit = [page.audit.item(r, 1).text() for r in range(page.audit.rowCount())]
    assert "Nguyễn Văn Hùng chuyển xử lý hồ sơ cho Công chức Tư pháp lúc 09:23 07/07/2025" in audit
    whens = [page.audit.item(r, 0).text() for r in range(page.audit.rowCount())]
    moves_by = {page.moves.item(r, 3).text() for r in range(page.moves.rowCount())}
    assert "Nguyễn Văn Hùng" in moves_by
    fee = page.fee_label.text()
    assert "Trực tiếp" in fee and "Tại Bộ phận Một cửa" in fee and "Hài lòng" in fee
    for text in [*audit, *whens, fee]:
        assert not ISO.search(text), text
        assert not any(c in text for c in CODES), text
    gui_ctx.runner.wait_idle(TIMEOUT)
