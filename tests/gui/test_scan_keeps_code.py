"""The digitisation page keeps a scanned dossier code; a document with no page is never shown digitised."""

from __future__ import annotations

from typing import Any

from tests.services.test_lifecycle_support import make_dossier

WAIT = 10000


def test_a_code_scanned_on_the_digitisation_page_stays_there(
    qtbot: Any, main_window: Any, gui_ctx: Any
) -> None:
    code = make_dossier(gui_ctx.db)
    page = main_window.show_page("scan")
    gui_ctx.openDossierRequested.emit(code)  # what the barcode wedge emits
    assert main_window.current_key() == "scan"
    qtbot.waitUntil(lambda: page.code == code, timeout=WAIT)
    main_window.show_page("queues")
    gui_ctx.openDossierRequested.emit(code)  # elsewhere the dossier page opens, as before
    assert main_window.current_key() == "dossier"
    gui_ctx.runner.wait_idle(WAIT)


def test_a_document_without_pages_is_not_shown_digitised(
    qtbot: Any, gui_ctx: Any, shown_messages: Any
) -> None:
    from sqlalchemy import update

    from desk_app.gui.scan_page import ScanPage
    from desk_app.store.models import Dossier, DossierDocument

    code = make_dossier(gui_ctx.db)
    with gui_ctx.db.transaction() as s:
        dossier_id = s.query(Dossier.id).filter(Dossier.code == code).scalar()
        s.execute(
            update(DossierDocument)
            .where(DossierDocument.dossier_id == dossier_id, DossierDocument.position == 1)
            .values(digitization="digitized")
        )
    page = ScanPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate(code)
    qtbot.waitUntil(
        lambda: page.code == code and page.doc_list.count() == 3, timeout=WAIT
    )  # 2 documents, result
    assert not shown_messages
    assert page.doc_list.item(0).text().endswith("0 trang, chưa số hóa")
    gui_ctx.runner.wait_idle(WAIT)
