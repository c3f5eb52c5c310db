"""The GUI shell: main window, page registry, dossier list, runner, messages."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from desk_app.domain.errors import ValidationError
from desk_app.domain.states import STATE_LABEL_VI, State
from desk_app.gui.dossier_model import PLACEHOLDER
from tests.gui.conftest import DOSSIER_COUNT, add_dossiers, count_where


def _loaded(page: Any, row: int) -> bool:
    return page.model.row_at(row) is not None


class TestMainWindow:
    def test_navigation_lists_registered_pages_in_order(self, main_window: Any) -> None:
        """The nav shows the built-in pages, Today then dossiers first, in Vietnamese."""
        keys = [
            main_window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(main_window.nav.count())
        ]
        assert keys[:2] == ["today", "dossiers"]
        assert "settings" in keys
        assert main_window.nav.item(0).text() == "Hôm nay"
        assert main_window.nav.item(1).text() == "Hồ sơ"
        assert main_window.current_key() == "dossiers"  # the fixture shows the list

    def test_show_page_builds_it_and_passes_the_argument(self, main_window: Any, qtbot: Any) -> None:
        """show_page switches the stack, builds the page once, and calls activate(arg)."""
        page = main_window.show_page("settings")
        assert main_window.stack.currentWidget() is page
        assert main_window.current_key() == "settings"
        assert main_window.show_page("settings") is page
        with pytest.raises(KeyError):
            main_window.show_page("nope")

    def test_clicking_the_navigation_switches_pages(self, main_window: Any) -> None:
        """Selecting a nav row shows that page."""
        row = [
            main_window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(main_window.nav.count())
        ].index("settings")
        main_window.nav.setCurrentRow(row)
        assert main_window.stack.currentWidget() is main_window.page("settings")

    def test_a_broken_page_module_is_skipped(self, qtbot: Any, gui_ctx: Any) -> None:
        """A page module that fails to import does not keep the window from opening."""
        from desk_app.gui.main_window import MainWindow
        from desk_app.gui.pages import load_page_specs

        specs = load_page_specs(["desk_app.gui.no_such_page", "desk_app.gui.settings_page"])
        assert [s.key for s in specs] == ["settings"]
        window = MainWindow(gui_ctx, specs=specs)
        qtbot.addWidget(window)
        assert window.nav.count() == 1

    def test_pages_follow_the_permissions(self, main_window: Any) -> None:
        """A page whose permission the user lacks is not listed; apply_permissions re-reads after a switch."""
        ctx = main_window.ctx
        dossiers = main_window.page("dossiers")
        ctx.permission_check = lambda permission: permission != "settings"
        main_window.apply_permissions()
        keys = [s.key for s in main_window.specs]
        assert "settings" not in keys and "dossiers" in keys
        assert main_window.nav.count() == len(keys)
        with pytest.raises(KeyError):
            main_window.show_page("settings")
        ctx.permission_check = None
        main_window.apply_permissions()
        assert "settings" in [s.key for s in main_window.specs]
        assert main_window.page("dossiers") is dossiers  # built pages survive
        assert main_window.current_key() == "dossiers"

    def test_shortcuts(self, main_window: Any) -> None:
        """Ctrl+Q quits, F5 refreshes, Ctrl+F searches, F1 helps."""
        assert main_window.quit_action.shortcut().toString() == "Ctrl+Q"
        assert main_window.refresh_action.shortcut().toString() == "F5"
        assert main_window.search_action.shortcut().toString() == "Ctrl+F"
        assert main_window.help_action.shortcut().toString() == "F1"

    def test_f1_opens_the_user_guide(self, main_window: Any, qtbot: Any) -> None:
        """F1 opens the shipped Vietnamese guide (receive, scan, return, reprint, book, backup) with the version."""
        main_window.help_action.trigger()
        dialog = main_window.help_dialog
        qtbot.waitUntil(lambda: "Tiếp nhận hồ sơ" in dialog.browser.toPlainText(), timeout=5000)
        text = dialog.browser.toPlainText()
        for topic in ("Số hóa", "Trả kết quả", "In lại", "Sổ theo dõi", "Sao lưu", "Phím tắt"):
            assert topic in text
        assert "0.1" in dialog.about.text() and str(main_window.ctx.data_dir) in dialog.about.text()
        main_window.help_action.trigger()
        assert main_window.help_dialog is dialog  # one guide window, raised again

    def test_every_shortcut_in_the_guide_exists(self, main_window: Any, qtbot: Any) -> None:
        """The guide's shortcut table names only keys the app answers: window actions, page shortcuts, or the
        intake and preview keys handled in their pages (checked by their own tests)."""
        import re

        from PySide6.QtGui import QAction, QShortcut

        from desk_app.resources import resource_path

        html = resource_path("help", "huong-dan.html").read_text(encoding="utf-8")
        keys = re.findall(r'<td class="key">([^<]+)</td>', html)
        assert "F1" in keys and len(keys) >= 8
        main_window.load_all_pages()
        for key in [s.key for s in main_window.specs]:
            main_window.page(key)
        bound = {a.shortcut().toString() for a in main_window.findChildren(QAction)}
        bound |= {s.key().toString() for s in main_window.findChildren(QShortcut)}
        handled_in_pages = {
            "F9": "IntakePage.keyPressEvent (test_intake_gui)",
            "Ctrl+N": "IntakePage.keyPressEvent (test_intake_gui)",
            "Ctrl+L": "login.Session lock action, installed on the real window (test_login)",
            "Ctrl+P": "PdfPreview shortcut (test_pdf_preview)",
            "Ctrl+0": "PdfPreview shortcut (test_pdf_preview)",
        }
        missing = [k for k in keys if k not in bound and k not in handled_in_pages]
        assert missing == []

    def test_status_message(self, main_window: Any) -> None:
        """ctx.set_status shows in the status bar."""
        main_window.ctx.set_status("Xin chào")
        assert main_window.statusBar().currentMessage() == "Xin chào"


class TestDossierList:
    def test_shows_every_dossier_newest_first(self, main_window: Any, qtbot: Any) -> None:
        """The count and the first rows arrive from the background; newest received first."""
        page = main_window.page("dossiers")
        assert page.model.total == DOSSIER_COUNT
        first = page.model.row_at(0)
        last = page.model.row_at(DOSSIER_COUNT - 1)
        assert first is not None and last is not None
        assert first.received_at > last.received_at
        assert page.model.index(0, 1).data() == first.applicant
        assert page.count_label.text() == f"{DOSSIER_COUNT} hồ sơ"
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Mã hồ sơ"

    def test_sort_by_code_ascending(self, main_window: Any, qtbot: Any) -> None:
        """Clicking a column sorts by it (through the service query)."""
        page = main_window.page("dossiers")
        page.sort_by("code", descending=False)
        qtbot.waitUntil(lambda: _loaded(page, 0) and _loaded(page, DOSSIER_COUNT - 1), timeout=10000)
        codes = [page.model.row_at(r).code for r in range(DOSSIER_COUNT)]
        assert codes == sorted(codes, key=lambda c: (c is not None, c or ""))  # guided ones (no code) first
        page.sort_by("applicant", descending=True)
        qtbot.waitUntil(lambda: _loaded(page, 0) and _loaded(page, DOSSIER_COUNT - 1), timeout=10000)
        names = [page.model.row_at(r).applicant for r in range(DOSSIER_COUNT)]
        assert names == sorted(names, reverse=True)

    def test_state_filter(self, main_window: Any, qtbot: Any) -> None:
        """Choosing a state (Vietnamese label) shows only that state's dossiers."""
        page = main_window.page("dossiers")
        index = page.state_combo.findText(STATE_LABEL_VI[State.RETURNED])
        assert index > 0
        page.state_combo.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not page.model.loading and page.model.total > 0, timeout=10000)
        assert page.model.total == count_where(main_window.ctx.db, "state = 'returned'")
        qtbot.waitUntil(lambda: _loaded(page, page.model.total - 1), timeout=10000)
        assert {page.model.row_at(r).state for r in range(page.model.total)} == {"returned"}
        assert page.model.index(0, 5).data() == STATE_LABEL_VI[State.RETURNED]
        page.clear_filters()
        qtbot.waitUntil(lambda: page.model.total == DOSSIER_COUNT, timeout=10000)

    def test_double_click_opens_the_dossier(self, main_window: Any, qtbot: Any) -> None:
        """Double-clicking a row emits openDossierRequested(code); so does Enter."""
        page = main_window.page("dossiers")
        rows = [r for r in range(DOSSIER_COUNT) if page.model.code_at(r)]
        row, other = rows[1], rows[2]
        expected = page.model.code_at(row)
        rect = page.view.visualRect(page.model.index(row, 1))
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        with qtbot.waitSignal(main_window.ctx.openDossierRequested, timeout=5000) as blocker:
            qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert blocker.args == [expected]
        main_window.show_page("dossiers")  # the dossier page (when registered) took over
        page.view.setCurrentIndex(page.model.index(other, 0))
        # Straight to the view (app-wide key filters, e.g. the barcode wedge, are not under test here).
        enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        with qtbot.waitSignal(main_window.ctx.openDossierRequested, timeout=5000) as blocker:
            page.view.keyPressEvent(enter)
        assert blocker.args == [page.model.code_at(other)]

    def test_refresh_after_a_write_keeps_the_rows(self, main_window: Any, qtbot: Any) -> None:
        """dossiersChanged re-counts and re-reads; the new dossier appears, no reset in between."""
        page = main_window.page("dossiers")
        resets = []
        page.model.modelReset.connect(lambda: resets.append(1))
        codes = add_dossiers(main_window.ctx.db, 1, seed=9)
        main_window.ctx.dossiersChanged.emit()
        qtbot.waitUntil(lambda: page.model.total == DOSSIER_COUNT + 1, timeout=10000)
        qtbot.waitUntil(lambda: page.model.code_at(0) == codes[0], timeout=10000)
        assert resets == []

    def test_f5_refreshes_the_current_page(self, main_window: Any, qtbot: Any) -> None:
        """F5 (the refresh action) re-reads the list."""
        page = main_window.page("dossiers")
        add_dossiers(main_window.ctx.db, 2, seed=3)
        main_window.refresh_action.trigger()
        qtbot.waitUntil(lambda: page.model.total == DOSSIER_COUNT + 2, timeout=10000)


class TestLazyPaging:
    def test_rows_load_page_by_page_and_the_last_row_is_reachable(self, qtbot: Any, gui_ctx: Any) -> None:
        """With several pages, far rows show a placeholder first, then their data; the end reads backwards."""
        from desk_app.gui.dossier_list import DossierListPage
        from desk_app.gui.dossier_model import PAGE_SIZE

        add_dossiers(gui_ctx.db, 2 * PAGE_SIZE + 50, seed=2)
        total = DOSSIER_COUNT + 2 * PAGE_SIZE + 50
        page = DossierListPage(gui_ctx)
        qtbot.addWidget(page)
        page.resize(900, 500)
        page.show()
        qtbot.waitUntil(lambda: page.model.total == total and page.painted_first, timeout=10000)
        last = page.model.index(total - 1, 0)
        assert last.data() == PLACEHOLDER
        page.view.scrollToBottom()
        qtbot.waitUntil(lambda: last.data() != PLACEHOLDER, timeout=10000)
        first = page.model.row_at(0)
        oldest = page.model.row_at(total - 1)
        assert first is not None and oldest is not None
        assert oldest.received_at < first.received_at
        from sqlalchemy import text

        with gui_ctx.db.session() as s:
            want = s.execute(text("SELECT id FROM dossiers ORDER BY received_at, id LIMIT 1")).scalar_one()
        assert oldest.id == want


class TestRunner:
    def test_result_arrives_on_the_gui_thread(self, qtbot: Any, gui_ctx: Any) -> None:
        """run() calls on_success with fn's result, on the GUI thread."""
        import threading

        got = []
        gui_ctx.runner.run(
            lambda a, b: (a + b, threading.current_thread().name),
            2,
            3,
            on_success=lambda r: got.append((r, threading.current_thread() is threading.main_thread())),
        )
        assert gui_ctx.runner.wait_idle(5000)
        assert got[0][0][0] == 5
        assert got[0][1] is True
        assert got[0][0][1] != threading.main_thread().name

    def test_user_error_is_shown_in_vietnamese(self, qtbot: Any, gui_ctx: Any, shown_messages: Any) -> None:
        """A UserError from the background goes to ctx.show_error: its Vietnamese text."""

        def fail() -> None:
            raise ValidationError("Bad.", "Dữ liệu không hợp lệ.")

        gui_ctx.runner.run(fail)
        assert gui_ctx.runner.wait_idle(5000)
        assert shown_messages == [("error", "Dữ liệu không hợp lệ.")]

    def test_a_bug_shows_a_generic_message_and_logs(
        self, qtbot: Any, gui_ctx: Any, shown_messages: Any, caplog: Any
    ) -> None:
        """Any other exception: a plain Vietnamese message, the trace in the log."""

        def bug() -> None:
            raise ZeroDivisionError("boom")

        gui_ctx.runner.run(bug)
        assert gui_ctx.runner.wait_idle(5000)
        assert shown_messages[0][0] == "error"
        assert "Đã xảy ra lỗi" in shown_messages[0][1]
        assert "boom" in caplog.text

    def test_no_callback_after_the_parent_is_deleted(self, qtbot: Any, gui_ctx: Any) -> None:
        """A widget deleted while its job runs gets no callback (and nothing crashes)."""
        import threading

        gate = threading.Event()
        got = []
        widget = QWidget()
        gui_ctx.runner.run(gate.wait, 5, on_success=got.append, parent=widget)
        widget.deleteLater()
        qtbot.waitUntil(lambda: not _valid(widget), timeout=5000)
        gate.set()
        assert gui_ctx.runner.wait_idle(5000)
        assert got == []


def _valid(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


class TestDeferredStart:
    def test_deferred_pages_join_the_navigation_in_order(self, qtbot: Any, gui_ctx: Any) -> None:
        """With defer_pages only the first page (Today) is imported first; the rest arrive in their order."""
        from desk_app.gui.main_window import MainWindow
        from desk_app.gui.pages import PAGE_MODULES

        window = MainWindow(gui_ctx, defer_pages=True)
        qtbot.addWidget(window)
        assert [s.key for s in window.specs] == ["today"]
        assert window.pages_pending == (len(PAGE_MODULES) > 1)
        with qtbot.waitSignal(window.pagesLoaded, timeout=20000):
            window.continue_loading()
        orders = [(s.order, s.key) for s in window.specs]
        assert orders == sorted(orders)
        assert "settings" in window._rows
        nav_keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
        assert nav_keys == [s.key for s in window.specs]
        assert window.current_key() == "today"
        assert window.stack.currentWidget() is window.page("today")

    def test_show_page_loads_a_deferred_page_at_once(self, qtbot: Any, gui_ctx: Any) -> None:
        """Asking for a page that has not been imported yet imports the rest first."""
        from desk_app.gui.main_window import MainWindow

        window = MainWindow(gui_ctx, defer_pages=True)
        qtbot.addWidget(window)
        page = window.show_page("settings")
        assert window.stack.currentWidget() is page
        assert not window.pages_pending

    def test_context_opens_the_database_lazily(self, qtbot: Any, seeded_db: Any) -> None:
        """A context made with an opener reads through sqlite3 first and opens the Database on first use."""
        from desk_app.gui.context import GuiContext

        opened = []

        def opener() -> Any:
            opened.append(1)
            return seeded_db

        ctx = GuiContext(None, seeded_db.data_dir, opener=opener)
        try:
            assert ctx.reader.count() == DOSSIER_COUNT
            assert opened == []
            ctx.open_db_in_background()
            assert ctx.runner.wait_idle(10000)
            assert opened == [1] and ctx.db is seeded_db
            assert opened == [1]
        finally:
            ctx.close()


class TestStartup:
    def test_quick_look_accepts_a_current_database(self, seeded_db: Any) -> None:
        """A database at the newest schema with a unit can be shown before SQLAlchemy loads."""
        from desk_app.services.setup import opening

        assert opening.head_revision() is not None
        look = opening.quick_look(seeded_db.data_dir)
        assert look is not None and look[1] == "vi" and look[0]

    def test_quick_look_refuses_what_needs_the_full_open(self, db: Any, tmp_path: Any) -> None:
        """No file, no unit or an old schema: the full open (with migrations and the setup dialog)."""
        from sqlalchemy import text

        from desk_app.services.setup import opening

        assert opening.quick_look(tmp_path / "nothing") is None
        assert opening.quick_look(db.data_dir) is None  # no unit yet
        with db.transaction() as s:
            s.execute(text("UPDATE alembic_version SET version_num = 'old'"))
        assert opening.quick_look(db.data_dir) is None


def test_many_emits_and_empty_cells_do_not_abort() -> None:
    """PySide6 6.12 on 3.11 loses a reference to True per emit and to None per empty cell: must not abort."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import desk_app.gui\n"
        "from PySide6.QtCore import QObject, Signal, QAbstractListModel, QModelIndex\n"
        "class P(QObject):\n    s = Signal(object)\n"
        "class M(QAbstractListModel):\n"
        "    def rowCount(self, parent=QModelIndex()): return 1\n"
        "    def data(self, index, role=0): return None\n"
        "p, m = P(), M()\nidx = m.index(0, 0)\n"
        "for _ in range(200000):\n    p.s.emit(None)\n    idx.data(0)\n"
        "print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "ok"
