"""The Reports page driven offscreen: computed off the GUI thread, table, charts, drill-down, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desk_app.gui.pages import load_page_specs
from desk_app.gui.report_table import format_value
from desk_app.gui.reports_page import ReportsPage
from desk_app.services.reports.report import build_report
from tests.gui.conftest import DEMO_TODAY

WAIT = 20000


@pytest.fixture
def page(qtbot: Any, gui_ctx: Any) -> ReportsPage:
    widget = ReportsPage(gui_ctx, today=DEMO_TODAY)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    with qtbot.waitSignal(widget.reportShown, timeout=WAIT):
        widget.activate(None)
    return widget


def _column(page: ReportsPage, code: str) -> int:
    assert page.report is not None
    return 1 + page.report.columns.index(code)


def test_registered_for_the_report_permission() -> None:
    spec = next(s for s in load_page_specs() if s.key == "reports")
    assert spec.permission == "report" and spec.translated_title()


def test_opens_on_the_current_reporting_month(page: ReportsPage, gui_ctx: Any) -> None:
    """02/03/2026 lies in the reporting month 03/2026: 15/02/2026 – 14/03/2026; the table is the service's."""
    assert page.period_code.text() == "2026-03"
    assert "15/02/2026" in page.dates_label.text() and "14/03/2026" in page.dates_label.text()
    report = page.report
    assert report is not None and report.kind == "ii06a"
    same = build_report(gui_ctx.db, "ii06a", report.period, now=report.generated_at)
    assert same.total.values == report.total.values
    last = page.table.rowCount() - 1
    col = _column(page, "received.total")
    assert page.table.item(last, col).text() == format_value(
        report.total.values["received.total"], "dossiers"
    )
    assert " ".join(page.table.horizontalHeaderItem(col).text().split()) == "Tiếp nhận: Tổng số"  # wrapped
    assert "Cột 3" in page.table.horizontalHeaderItem(col).toolTip()
    assert page.note_label.text() == report.as_of_note_vi


def test_kind_breakdown_and_period_steps(qtbot: Any, page: ReportsPage) -> None:
    with qtbot.waitSignal(page.reportShown, timeout=WAIT) as got:
        page.kind.setCurrentIndex(page.kind.findData("counter"))
    assert got.args[0].kind == "counter"
    with qtbot.waitSignal(page.reportShown, timeout=WAIT) as got:
        page.by.setCurrentIndex(page.by.findData("field"))
    assert got.args[0].by == "field" and page.table.rowCount() == len(got.args[0].rows) + 1
    with qtbot.waitSignal(page.reportShown, timeout=WAIT) as got:
        page.prev_button.click()
    assert page.period_code.text() == "2026-02" and got.args[0].period.start.isoformat() == "2026-01-15"
    with qtbot.waitSignal(page.reportShown, timeout=WAIT) as got:
        page.calendar_box.setChecked(True)
    assert got.args[0].period.start.isoformat() == "2026-03-01"


def test_drill_down_lists_and_opens_dossiers(qtbot: Any, page: ReportsPage, gui_ctx: Any) -> None:
    # the whole January..March quarter holds enough dossiers to list
    page.period_kind.setCurrentIndex(page.period_kind.findData("quarter"))
    qtbot.waitUntil(lambda: page.report is not None and page.report.period.kind == "quarter", timeout=WAIT)
    report = page.report
    assert report is not None
    last = page.table.rowCount() - 1
    col = _column(page, "received.total")
    expected = report.total.values["received.total"]
    assert expected and expected > 0
    with qtbot.waitSignal(page.drillShown, timeout=WAIT) as got:
        page.table.cellClicked.emit(last, col)
    assert got.args[0] == expected == page.drill_table.rowCount()
    code = page.drill_table.item(0, 0).text()
    with qtbot.waitSignal(gui_ctx.openDossierRequested, timeout=WAIT) as opened:
        page.drill_table.cellDoubleClicked.emit(0, 0)
    assert opened.args == [code]


def test_charts_get_a_twelve_period_trend(qtbot: Any, page: ReportsPage) -> None:
    qtbot.waitUntil(lambda: len(page.charts.data.trend) == 12, timeout=WAIT)
    assert page.charts.data.channels
    image = page.charts.grab().toImage()
    assert image.width() > 100 and not image.isNull()


def test_export_pdf_and_xlsx(qtbot: Any, page: ReportsPage, tmp_path: Path) -> None:
    for fmt in ("pdf", "xlsx"):
        target = tmp_path / f"r.{fmt}"
        with qtbot.waitSignal(page.exported, timeout=WAIT):
            page.export_to(target, fmt)
        assert target.stat().st_size > 500
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_bad_period_text_is_said_not_computed(qtbot: Any, page: ReportsPage) -> None:
    page.period_code.setText("2026-13")
    page.compute()
    assert "Kỳ báo cáo không hợp lệ" in page.note_label.text()
    assert page.table.item(0, 0).flags() & Qt.ItemFlag.ItemIsEnabled


def test_targets_dialog_sets_a_target_and_the_report_marks_the_miss(
    qtbot: Any, page: ReportsPage, gui_ctx: Any
) -> None:
    from desk_app.services.reports.targets import list_targets

    with qtbot.waitSignal(page.reportShown, timeout=WAIT):
        page.kind.setCurrentIndex(page.kind.findData("quality"))
    dialog = page.targets_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.original is not None and dialog.year.value() == 2026, timeout=WAIT)
    dialog.spins["on_time_rate"].setValue(100.0)  # nobody reaches 100%: a miss
    with qtbot.waitSignal(page.reportShown, timeout=WAIT) as got:
        dialog.save()
    assert [(t.indicator, t.value) for t in list_targets(gui_ctx.db, 2026)] == [("on_time_rate", 1.0)]
    ratio = next(r for r in got.args[0].ratios if r.code == "on_time_rate")
    assert ratio.target == 1.0 and ratio.missed is True
    last = page.table.rowCount() - 1
    cell = page.table.item(last, _column(page, "on_time_rate"))
    assert cell.foreground().color().name() == "#c8362e"


def test_weekly_shows_the_previous_week_and_what_is_overdue_now(
    qtbot: Any, page: ReportsPage, gui_ctx: Any
) -> None:
    page.period_kind.setCurrentIndex(page.period_kind.findData("week"))
    with qtbot.waitSignal(page.reportShown, timeout=WAIT) as got:
        page.kind.setCurrentIndex(page.kind.findData("weekly"))
    report = got.args[0]
    assert report.kind == "weekly" and report.previous is not None
    labels = [page.table.item(i, 0).text() for i in range(page.table.rowCount())]
    assert labels[-2:] == ["Kỳ trước", "Thay đổi"]
    assert page.drill_table.rowCount() == len(report.overdue_now)
    assert page.drill_label.text().startswith("Hồ sơ đang quá hạn hiện nay")
    if report.overdue_now:
        with qtbot.waitSignal(gui_ctx.openDossierRequested, timeout=WAIT) as opened:
            page.drill_table.cellDoubleClicked.emit(0, 0)
        assert opened.args == [report.overdue_now[0]["code"]]
