"""The Today page: first after sign-in, its figures agree with the queues, each a click or a key away, F2."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from desk_app.services.lifecycle import queues


def _today(main_window: Any, qtbot: Any) -> Any:
    page = main_window.show_page("today")
    qtbot.waitUntil(lambda: page.painted_first and "help_given" in page.figures, timeout=10000)
    return page


def test_today_is_the_first_page(qtbot: Any, gui_ctx: Any) -> None:
    from desk_app.gui.main_window import MainWindow

    window = MainWindow(gui_ctx, defer_pages=True)  # as the app builds it: Today's module alone at first
    qtbot.addWidget(window)
    window.show()
    assert window.first_key() == "today" and window.current_key() == "today"
    assert window.nav.item(0).text() == "Hôm nay"
    assert window.pages_pending  # the other pages load after the first paint
    page = window.page("today")
    qtbot.waitUntil(lambda: page.painted_first, timeout=10000)
    window.load_all_pages()
    assert window.page_keys()[:2] == ["today", "dossiers"]
    gui_ctx.runner.wait_idle(10000)


def test_figures_agree_with_the_queues(main_window: Any, qtbot: Any) -> None:
    page = _today(main_window, qtbot)
    expected = queues.counts(main_window.ctx.db)
    for key in ("overdue", "due_today", "waiting_supplement", "result_ready"):
        assert page.figures[key] == expected[key]
        assert page.tiles[key].text().startswith(f"{expected[key]}\n")
    assert "Quá hạn" in page.tiles["overdue"].text()
    assert page.heading.text().startswith("Hôm nay, Thứ ")
    assert date.today().strftime("%d/%m/%Y") in page.heading.text()


def test_missing_figures_say_no_data_yet(main_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    from desk_app.services.assist import counts
    from desk_app.services.sync import worker

    def unreadable(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk I/O error")

    monkeypatch.setattr(counts, "help_given", unreadable)
    monkeypatch.setattr(worker, "status", unreadable)
    page = main_window.show_page("today")
    qtbot.waitUntil(lambda: page.figures.get("waiting_sync", 0) is None, timeout=10000)
    qtbot.waitUntil(lambda: "chưa có dữ liệu" in page.tiles["waiting_sync"].text(), timeout=10000)
    assert "chưa có dữ liệu" in page.tiles["help_given"].text()
    qtbot.mouseClick(page.tiles["waiting_sync"], Qt.MouseButton.LeftButton)  # the outbox page shows why
    assert main_window.current_key() == "sync"


def test_a_click_or_a_digit_opens_the_list(main_window: Any, qtbot: Any) -> None:
    page = _today(main_window, qtbot)
    qtbot.mouseClick(page.tiles["waiting_supplement"], Qt.MouseButton.LeftButton)
    assert main_window.current_key() == "queues"
    assert main_window.page("queues").current_queue() == "waiting_supplement"
    main_window.show_page("today")
    qtbot.keyClick(page.intake_button, Qt.Key.Key_1)  # 1: overdue
    assert main_window.current_key() == "queues"
    assert main_window.page("queues").current_queue() == "overdue"
    main_window.show_page("today")
    qtbot.keyClick(page.intake_button, Qt.Key.Key_5)  # 5: received today
    assert main_window.current_key() == "dossiers"
    dossiers = main_window.page("dossiers")
    flt = dossiers.current_filter()
    assert flt.received_from == flt.received_to == date.today()
    main_window.ctx.runner.wait_idle(10000)


def test_f2_starts_an_intake_from_anywhere(main_window: Any, qtbot: Any) -> None:
    assert main_window.intake_action.shortcut().toString() == "F2"
    main_window.show_page("queues")
    main_window.intake_action.trigger()
    assert main_window.current_key() == "intake"
    page = main_window.page("today")
    main_window.show_page("today")
    qtbot.mouseClick(page.intake_button, Qt.MouseButton.LeftButton)
    assert main_window.current_key() == "intake"
    main_window.ctx.runner.wait_idle(10000)


def test_a_new_dossier_updates_the_figures(main_window: Any, qtbot: Any) -> None:
    from datetime import datetime, timedelta

    from tests.gui.conftest import add_dossiers, count_where

    page = _today(main_window, qtbot)
    before = page.figures["received_today"]
    already = count_where(main_window.ctx.db)  # add_dossiers receives the n-th dossier 3n hours after start
    midnight = datetime.combine(date.today(), datetime.min.time())
    add_dossiers(
        main_window.ctx.db, 1, seed=7, start=midnight + timedelta(minutes=5) - timedelta(hours=3 * already)
    )
    main_window.ctx.dossiersChanged.emit()
    qtbot.waitUntil(lambda: page.figures["received_today"] == before + 1, timeout=10000)
