"""The dossier list's search box: Ctrl+F focuses it; typed words filter the list as the queues' search does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desk_app.services.lifecycle import dossier_query
from desk_app.services.lifecycle.dossier_query import DossierFilter


def test_ctrl_f_focuses_the_search_box_and_typing_filters(main_window: Any, qtbot: Any) -> None:
    page = main_window.page("dossiers")
    db = main_window.ctx.db
    first = dossier_query.page(db, limit=1)[0]
    surname = first.applicant.split()[-1]
    expected = dossier_query.count(db, DossierFilter(text=surname))
    assert 0 < expected < dossier_query.count(db)
    main_window.search_action.trigger()  # Ctrl+F
    assert page.search_edit.hasFocus() or main_window.focusWidget() is page.search_edit
    qtbot.keyClicks(page.search_edit, surname)
    qtbot.waitUntil(lambda: page.model.rowCount() == expected, timeout=10000)
    assert page.count_label.text() == f"{expected} hồ sơ"
    page.clear_filters()
    assert page.search_edit.text() == ""
    qtbot.waitUntil(lambda: page.model.rowCount() == dossier_query.count(db), timeout=10000)


def test_text_filter_finds_a_code_and_nothing_for_nonsense(seeded_db: Any) -> None:
    row = dossier_query.page(seeded_db, limit=1)[0]
    assert row.code
    assert [r.code for r in dossier_query.page(seeded_db, DossierFilter(text=row.code))] == [row.code]
    assert dossier_query.count(seeded_db, DossierFilter(text="zzzqqq")) == 0
    assert dossier_query.count(seeded_db, DossierFilter(text="  ")) == dossier_query.count(seeded_db)


def test_the_search_box_is_first_in_the_filters(main_window: Any) -> None:
    page = main_window.page("dossiers")
    assert page.search_edit.placeholderText().startswith("Tìm (Ctrl+F)")
    assert page.search_edit.isVisible()
    assert Qt.FocusPolicy.StrongFocus & page.search_edit.focusPolicy()
