"""The queues page opens on the first non-empty queue; search results show as search results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.gui import queues as queues_page
from desk_app.services.lifecycle import queues
from tests.gui.test_lifecycle_gui import TIMEOUT
from tests.services.test_lifecycle_support import make_dossier


def test_opens_on_the_first_non_empty_queue(qtbot: Any, main_window: Any, gui_ctx: Any) -> None:
    qpage = main_window.show_page("queues")
    qtbot.waitUntil(lambda: qpage.current_queue() is not None, timeout=TIMEOUT)
    counts = queues.counts(gui_ctx.db)
    first = next(k for k in queues.QUEUES if counts[k])
    assert qpage.current_queue() == first
    qtbot.waitUntil(lambda: qpage.table.rowCount() == min(counts[first], 200), timeout=TIMEOUT)


def test_search_results_are_not_shown_inside_a_queue(qtbot: Any, main_window: Any, gui_ctx: Any) -> None:
    code = make_dossier(gui_ctx.db, name="Nguyễn Thị Hằng", received_at=datetime(2025, 7, 7, 9, 0))
    queues_page.install(gui_ctx)
    qpage = main_window.show_page("queues")
    qtbot.waitUntil(lambda: qpage.current_queue() is not None, timeout=TIMEOUT)
    before = qpage.current_queue()
    with qtbot.waitSignal(
        qpage.rowsShown, timeout=TIMEOUT, check_params_cb=lambda n: any(r["code"] == code for r in qpage.rows)
    ):
        qtbot.keyClicks(qpage.search, "nguyen thi hang")
    assert qpage.current_queue() is None and not qpage.queue_list.selectedItems()
    assert "kết quả tìm kiếm cho “nguyen thi hang”" in qpage.status.text()
    qpage.search.clear()
    qtbot.waitUntil(lambda: qpage.current_queue() == before, timeout=TIMEOUT)
    gui_ctx.runner.wait_idle(TIMEOUT)
