"""A dossier saved but not printed (a broken install: the print font missing) is reported as saved."""

from __future__ import annotations

import pytest

from tests.gui.test_intake_gui import dossiers, page, pick, send_keys  # noqa: F401 (page is a fixture)


@pytest.mark.parametrize("failure", ["font", "disk"])
def test_a_failed_slip_says_the_dossier_was_saved(page, qtbot, gui_ctx, monkeypatch, failure):  # noqa: F811
    from desk_app.domain.errors import StorageError
    from desk_app.gui import intake_page
    from desk_app.printing.fonts import FontError

    def broken(*args, **kwargs):
        if failure == "font":
            raise FontError("print font missing: /nowhere/LiberationSerif-Regular.ttf")
        raise StorageError("disk full", "Ổ đĩa đã đầy.")

    monkeypatch.setattr(intake_page.slip_print, "slip_preview", broken)
    pick(qtbot, page)
    send_keys(page.applicant.full_name, "Lê Văn Tám")
    token = page.client_token
    assert page.save() is True
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20000)
    gui_ctx.runner.wait_idle()

    (saved,) = dossiers(gui_ctx.db, full_name="Lê Văn Tám")
    assert saved[1] == "received" and saved[-1] == token
    text = page.message_bar.text()
    assert page.message_bar.property("kind") == "warning"
    assert saved[0] in text  # the code the citizen's dossier got
    assert "Đã lưu hồ sơ" in text and "in lại" in text
    assert ("FontError" in text) if failure == "font" else ("Ổ đĩa đã đầy" in text)
    assert page.preview_dialog is None
    assert page.client_token != token and page.applicant.full_name.text() == ""  # ready for the next citizen
