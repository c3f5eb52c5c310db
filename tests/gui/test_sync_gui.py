"""The sync page and the status-bar label: settings for admins, sync now in the background, errors shown."""

from __future__ import annotations

from typing import Any

from tests.hub.conftest import HubServer, hub_json, sqlite_hub  # noqa: F401  (fixture)


def test_sync_page_configures_and_sends(main_window: Any, qtbot: Any, sqlite_hub: HubServer) -> None:  # noqa: F811
    """Save the hub settings, press "Đồng bộ ngay": the outbox shows sent periods and the status bar updates."""
    from desk_app.services.setup.unit import get_unit

    agency = get_unit(main_window.ctx.db).agency_code
    token = hub_json(sqlite_hub.db_url, "unit", "add", agency, "--name", "Xã thử")["token"]
    page = main_window.show_page("sync")
    assert page.settings_box.isVisible()
    assert main_window.sync_status.label.text() == ""  # not configured: nothing in the status bar
    page.hub_url.setText(sqlite_hub.url)
    page.token.setText(token)
    page.save_button.click()
    qtbot.waitUntil(lambda: "chờ gửi" in main_window.sync_status.label.text(), timeout=15000)
    assert "chưa lần nào" in main_window.sync_status.label.text()
    page.sync_button.click()
    qtbot.waitUntil(lambda: page.sync_button.isEnabled() and page.table.rowCount() > 0, timeout=60000)
    qtbot.waitUntil(lambda: page.table.item(0, 1).text() == "Đã gửi", timeout=15000)
    states = {page.table.item(r, 1).text() for r in range(page.table.rowCount())}
    assert states == {"Đã gửi"}
    qtbot.waitUntil(lambda: "chờ gửi: 0" in main_window.sync_status.label.text(), timeout=15000)


def test_sync_errors_are_shown_in_vietnamese(main_window: Any, qtbot: Any) -> None:
    """A hub that does not answer: each period shows the plain-Vietnamese reason; no dialog."""
    page = main_window.show_page("sync")
    page.hub_url.setText("http://127.0.0.1:9")
    page.token.setText("abc")
    page.save_button.click()
    qtbot.waitUntil(lambda: "chờ gửi" in main_window.sync_status.label.text(), timeout=15000)
    page.sync_button.click()
    qtbot.waitUntil(
        lambda: page.table.rowCount() > 0 and page.table.item(0, 1).text() == "Lỗi", timeout=60000
    )
    assert "Không kết nối được" in page.table.item(0, 5).text()


def test_a_month_closed_by_the_hub_is_shown_and_not_counted_as_waiting(
    main_window: Any,
    qtbot: Any,
    sqlite_hub: HubServer,  # noqa: F811
) -> None:
    """The hub closed a month the desk changed later: the page says so in Vietnamese, nothing waits."""
    from desk_app.domain.periods import parse_period
    from desk_app.services.setup.unit import get_unit
    from desk_app.services.sync.outbox import mark_periods
    from tests.hub.conftest import hub_cli

    db = main_window.ctx.db
    agency = get_unit(db).agency_code
    token = hub_json(sqlite_hub.db_url, "unit", "add", agency, "--name", "Xã thử")["token"]
    page = main_window.show_page("sync")
    page.hub_url.setText(sqlite_hub.url)
    page.token.setText(token)
    page.save_button.click()
    qtbot.waitUntil(lambda: "chờ gửi" in main_window.sync_status.label.text(), timeout=15000)
    page.sync_button.click()
    qtbot.waitUntil(lambda: "chờ gửi: 0" in main_window.sync_status.label.text(), timeout=60000)
    code = page.table.item(0, 0).text()  # the newest month sent
    assert hub_cli(sqlite_hub.db_url, "period", "close", code).returncode == 0
    with db.transaction() as s:
        mark_periods(s, [parse_period(code)])
    page.sync_button.click()
    qtbot.waitUntil(
        lambda: page.sync_button.isEnabled() and page.table.item(0, 1).text() == "Cấp trên đã khóa kỳ",
        timeout=60000,
    )
    assert "mở lại kỳ" in page.table.item(0, 5).text()
    qtbot.waitUntil(lambda: "chờ gửi: 0" in main_window.sync_status.label.text(), timeout=15000)
