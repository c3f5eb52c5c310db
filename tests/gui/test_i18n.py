"""Every GUI string has a Vietnamese translation, and the app really shows Vietnamese."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def i18n() -> Any:
    spec = importlib.util.spec_from_file_location("desk_i18n", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["desk_i18n"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extracted(i18n: Any) -> list[Any]:
    return i18n.extract()


def test_every_source_string_has_a_vietnamese_translation(i18n: Any, extracted: list[Any]) -> None:
    """A new tr() string without an entry in resources/translations/vi/*.json fails here."""
    catalog, problems = i18n.load_catalog()
    assert problems == []
    _, missing = i18n.render_ts(extracted, catalog)
    listing = "\n".join(f"[{m.context}] {m.key!r}" for m in missing)
    assert not missing, (
        f"add these to resources/translations/vi/<area>.json, then run tools/i18n.py:\n{listing}"
    )


def test_compiled_catalog_is_up_to_date(i18n: Any, extracted: list[Any]) -> None:
    """desk_app_vi.ts/.qm match the sources and the JSON (run tools/i18n.py after changing either)."""
    catalog, _ = i18n.load_catalog()
    ts_text, _ = i18n.render_ts(extracted, catalog)
    assert i18n.TS_FILE.read_text(encoding="utf-8") == ts_text, (
        "stale desk_app_vi.ts: run python tools/i18n.py"
    )
    assert i18n.QM_FILE.read_bytes() == i18n.compile_qm(ts_text), (
        "stale desk_app_vi.qm: run python tools/i18n.py"
    )


def test_extraction_sees_the_shell_strings(extracted: list[Any]) -> None:
    """The extractor finds tr(), translate() and QT_TRANSLATE_NOOP strings of the shell."""
    keys = {(m.context, m.source) for m in extracted}
    assert ("Pages", "Dossiers") in keys
    assert ("Messages", "Error") in keys
    assert ("SetupDialog", "Save and start") in keys


def test_render_flags_a_missing_translation(i18n: Any, tmp_path: Path) -> None:
    """The check really fails on an untranslated string, and merges JSON files from several areas."""
    (tmp_path / "a.json").write_text(json.dumps({"Ctx": {"Hello": "Xin chào"}}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"Ctx": {"%n item(s)": "%n mục"}}), encoding="utf-8")
    catalog, problems = i18n.load_catalog(tmp_path)
    assert problems == []
    msgs = [
        i18n.Message("Ctx", "Hello", "", False),
        i18n.Message("Ctx", "%n item(s)", "", True),
        i18n.Message("Ctx", "Bye", "", False),
    ]
    ts_text, missing = i18n.render_ts(msgs, catalog)
    assert [m.source for m in missing] == ["Bye"]
    assert "<numerusform>%n mục</numerusform>" in ts_text
    assert "Xin chào" in ts_text


def test_conflicting_translations_are_reported(i18n: Any, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"Ctx": {"Save": "Lưu"}}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"Ctx": {"Save": "Ghi"}}), encoding="utf-8")
    _, problems = i18n.load_catalog(tmp_path)
    assert len(problems) == 1 and "Save" in problems[0]


def test_the_app_shows_vietnamese(main_window: Any) -> None:
    """With the shipped .qm the navigation, menus and headers are Vietnamese."""
    assert main_window.nav.item(0).text() == "Hôm nay"
    assert main_window.nav.item(1).text() == "Hồ sơ"
    assert main_window.menuBar().actions()[0].text() == "&Tệp"
    page = main_window.page("dossiers")
    from PySide6.QtCore import Qt

    assert page.model.headerData(5, Qt.Orientation.Horizontal) == "Trạng thái"


def test_english_when_the_language_setting_says_so(qapp: Any, gui_ctx: Any, qtbot: Any) -> None:
    """language=en removes the translator: the English sources show."""
    from desk_app.gui import app
    from desk_app.gui.main_window import MainWindow

    app.install_translators(qapp, "en")
    try:
        window = MainWindow(gui_ctx)
        qtbot.addWidget(window)
        assert window.nav.item(0).text() == "Today"
        assert window.nav.item(1).text() == "Dossiers"
    finally:
        app.install_translators(qapp, "vi")


def test_qt_own_texts_are_vietnamese(qapp: Any, qtbot: Any) -> None:
    """Qt's own widgets speak Vietnamese too: a text field's context menu and standard dialog buttons."""
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert "Sao chép" in " ".join(texts) and "Dán" in " ".join(texts), texts
    assert not any(t in ("Copy", "Paste", "Undo", "Select All") for t in texts)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    message = QMessageBox(QMessageBox.Icon.Warning, "x", "y", QMessageBox.StandardButton.Yes)
    qtbot.addWidget(message)
    assert message.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Có"


def test_qt_catalog_is_built_and_fresh() -> None:
    """The shipped Qt catalog is the compiled JSON (tools/i18n.py --check also compares it byte for byte)."""
    from desk_app.resources import resource_path

    assert resource_path("translations", "qtbase_vi.qm").stat().st_size > 1000
