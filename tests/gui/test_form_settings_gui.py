"""The forms dialog, opened from the settings page: loads the form settings, saves them in one go, refuses
the signer placeholder in Vietnamese."""

from __future__ import annotations

from typing import Any

from desk_app.services.setup import settings as settings_service


def _dialog(main_window: Any, qtbot: Any) -> Any:
    page = main_window.show_page("settings")
    qtbot.waitUntil(lambda: page.loaded is not None, timeout=10000)
    page.forms_button.click()
    dialog = page.findChild(object, "formSettingsDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded is not None, timeout=10000)
    return dialog


def test_saves_signers_suffixes_register_and_form_sets(main_window: Any, qtbot: Any) -> None:
    dialog = _dialog(main_window, qtbot)
    assert dialog.signers["apology"][1].text() == "CHỦ TỊCH"
    assert dialog.form_sets.rowCount() == 2
    capacity, title, name = dialog.signers["apology"]
    capacity.setText("KT. CHỦ TỊCH")
    title.setText("PHÓ CHỦ TỊCH")
    name.setText("Trần Văn Bình")
    dialog.suffixes["apology"].setText("XL")
    dialog.volume_rule.setCurrentIndex(dialog.volume_rule.findData("size"))
    dialog.volume_size.setValue(300)
    dialog.form_sets.item(1, 1).setText("2025-08-01")
    dialog.office_name.setText("Trung tâm Phục vụ hành chính công xã Gio Sơn")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    saved = settings_service.load_forms(main_window.ctx.db)
    assert saved.form_signers["apology"] == {
        "capacity": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Trần Văn Bình",
    }
    assert saved.number_suffixes["apology"] == "XL" and saved.register_volume == "size:300"
    assert saved.form_sets[1] == {"set": "v2025", "from": "2025-08-01"}


def test_the_placeholder_title_is_refused_in_vietnamese(main_window: Any, qtbot: Any) -> None:
    dialog = _dialog(main_window, qtbot)
    dialog.signers["stop"][1].setText("THỦ TRƯỞNG CƠ QUAN")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=10000)
    assert "chức vụ thật" in dialog.error_label.text()
    assert settings_service.load_forms(main_window.ctx.db).form_signers["stop"]["title"] == "CHỦ TỊCH"


def test_the_dossier_page_shows_the_register_numbers(main_window: Any, qtbot: Any, vietnamese: None) -> None:
    """The dossier page shows the same volume and number as the slip and the book."""
    from datetime import datetime

    from desk_app.services.lifecycle.dossier_view import show
    from tests.services.test_lifecycle_support import make_dossier

    code = make_dossier(main_window.ctx.db, received_at=datetime(2026, 3, 2, 9, 0))
    register = show(main_window.ctx.db, code)["register"]
    main_window.ctx.openDossierRequested.emit(code)
    page = main_window.page("dossier")
    qtbot.waitUntil(lambda: page.data is not None and page.data["code"] == code, timeout=15000)
    expected = f"Sổ theo dõi: quyển số {register['volume']}, số thứ tự {register['seq']}"
    assert expected in page.info_label.text()
