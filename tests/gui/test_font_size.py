"""The text-size setting (cỡ chữ 100% / 115% / 130%): saved by the settings service and page, honoured by pages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from desk_app.domain.errors import ValidationError


def test_the_service_saves_and_checks_the_text_size(seeded_db: Any) -> None:
    from desk_app.services.setup import opening
    from desk_app.services.setup import settings as service

    form = service.load(seeded_db)
    assert form.font_percent == 100
    saved = service.save(seeded_db, replace(form, font_percent=130), "admin")
    assert saved.font_percent == 130 and service.load(seeded_db).font_percent == 130
    assert opening.read_setting(seeded_db.data_dir, "font_percent", 100) == 130  # what the start-up reads
    with pytest.raises(ValidationError) as err:
        service.save(seeded_db, replace(form, font_percent=150), "admin")
    assert err.value.field == "font_percent" and "Cỡ chữ" in err.value.vi


def test_the_settings_page_applies_the_text_size_to_every_page(qtbot: Any, main_window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from desk_app.gui import fontsize

    app = QApplication.instance()
    base = app.font().pointSizeF()
    try:
        dossiers = main_window.page("dossiers")
        row_before = dossiers.view.verticalHeader().defaultSectionSize()
        due_before = dossiers.view.horizontalHeader().sectionSize(4)
        page = main_window.show_page("settings")
        qtbot.waitUntil(page.isEnabled, timeout=10000)
        assert page.font_size.currentData() == 100
        assert [page.font_size.itemText(i) for i in range(3)] == [
            "Bình thường (100%)",
            "Lớn hơn (115%)",
            "Lớn nhất (130%)",
        ]
        page.font_size.setCurrentIndex(page.font_size.findData(130))
        page.save()
        qtbot.waitUntil(lambda: fontsize.current_percent() == 130, timeout=10000)
        assert app.font().pointSizeF() == pytest.approx(base * 1.3, abs=0.11)
        intake = main_window.page("intake")
        # a page built later too (Qt delivers the application font to a widget with its change event)
        qtbot.waitUntil(
            lambda: intake.font().pointSizeF() == pytest.approx(base * 1.3, abs=0.11), timeout=5000
        )
        assert intake.font().pointSizeF() == pytest.approx(base * 1.3, abs=0.11)
        assert dossiers.font().pointSizeF() == pytest.approx(base * 1.3, abs=0.11)
        qtbot.waitUntil(
            lambda: dossiers.view.verticalHeader().defaultSectionSize() > row_before, timeout=5000
        )
        assert dossiers.view.horizontalHeader().sectionSize(4) > due_before  # the due column grew with it
    finally:
        fontsize.apply(100, app)
    main_window.ctx.runner.wait_idle(10000)
