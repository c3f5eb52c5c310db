"""The Qt Designer forms in ui/: each loads, each screen is built from its form, compiled code is current,
every string is translated, and the forms fit the counters' small screens."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))

# The form-like screens of issue 9 and the form each is built from (ui/<stem>.ui, <class> = the class name).
SCREENS = {
    "desk_app.gui.login.LoginForm": "login_form",
    "desk_app.gui.login.LoginDialog": "login_dialog",
    "desk_app.gui.login.FirstAdminDialog": "first_admin_dialog",
    "desk_app.gui.login.LockPanel": "lock_panel",
    "desk_app.gui.setup_dialog.SetupDialog": "setup_dialog",
    "desk_app.gui.settings_page.SettingsPage": "settings_page",
    "desk_app.gui.move_dialog.MoveDialog": "move_dialog",
    "desk_app.gui.intake.applicant_form.PersonForm": "person_form",
    "desk_app.gui.intake.fee_box.FeeBox": "fee_box",
}


@pytest.fixture(scope="module")
def build_ui() -> Any:
    spec = importlib.util.spec_from_file_location("desk_build_ui", ROOT / "tools" / "build_ui.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["desk_build_ui"] = module
    spec.loader.exec_module(module)
    return module


def _form(path: Path) -> tuple[str, str, str]:
    """(class, top-level widget class, top-level objectName) of a .ui file."""
    root = ET.parse(path).getroot()
    widget = root.find("widget")
    assert widget is not None
    return root.findtext("class") or "", widget.get("class", ""), widget.get("name", "")


def _strings(path: Path) -> list[str]:
    """The translatable strings of a .ui file (``<string>`` not marked notr, not empty)."""
    root = ET.parse(path).getroot()
    return [s.text for s in root.iter("string") if s.get("notr") != "true" and (s.text or "").strip()]


def _make(qualname: str, ctx: Any) -> Any:
    from desk_app.domain.states import Action
    from desk_app.gui.runner import Runner

    module, _, name = qualname.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    runner = ctx.runner if ctx is not None else Runner()
    factories: dict[str, Callable[[], Any]] = {
        "LoginForm": lambda: cls(lambda: None, runner),
        "LoginDialog": lambda: cls(lambda: None, runner, "Ủy ban nhân dân xã Gio Sơn"),
        "FirstAdminDialog": lambda: cls(lambda: None, runner),
        "LockPanel": lambda: cls(importlib.import_module(module).LoginForm(lambda: None, runner)),
        "SetupDialog": lambda: cls(None),
        "SettingsPage": lambda: cls(ctx),
        "MoveDialog": lambda: cls(Action.RETURN, {"code": "X", "applicant": {"full_name": "An"}}),
        "PersonForm": lambda: cls("Người nộp", "applicant"),
        "FeeBox": lambda: cls(),
    }
    return factories[name]()


@pytest.mark.parametrize("path", UI_FILES, ids=[p.stem for p in UI_FILES])
def test_every_ui_file_loads_at_run_time(qapp: Any, path: Path) -> None:
    """QUiLoader (Qt's own reader) builds each .ui: the widget of the declared class and name."""
    from desk_app.gui import uiload

    _, top_class, name = _form(path)
    widget = uiload.load(path.stem)
    try:
        assert widget.metaObject().className() == top_class
        assert widget.objectName() == name
        assert widget.layout() is not None, "a form lays its widgets out (no fixed geometry)"
    finally:
        widget.deleteLater()


def test_uiload_names_a_missing_child(qapp: Any) -> None:
    from PySide6.QtWidgets import QLineEdit, QWidget

    from desk_app.gui import uiload
    from desk_app.gui.forms.ui_login_form import Ui_LoginForm

    host = QWidget()
    ui = uiload.setup(host, Ui_LoginForm)
    assert uiload.child(host, QLineEdit, "loginUser") is ui.loginUser
    with pytest.raises(LookupError, match="loginNothing"):
        uiload.child(host, QLineEdit, "loginNothing")
    with pytest.raises(FileNotFoundError):
        uiload.load("no_such_form")


def test_each_screen_has_its_form() -> None:
    """Every declared screen has its ui/<stem>.ui whose <class> is the screen's class (its i18n context)."""
    from desk_app.resources import ui_path

    for qualname, stem in SCREENS.items():
        path = ui_path(stem)
        assert path.is_file(), f"{qualname}: {path} is missing"
        assert _form(path)[0] == qualname.rpartition(".")[2], f"{path.name}: <class> is not the screen's name"
    assert {p.stem for p in UI_FILES} >= set(SCREENS.values())


def test_each_screen_is_built_from_its_form(qtbot: Any, gui_ctx: Any) -> None:
    """Each screen's widgets come from its compiled form (``screen.ui``), not from hand-written code."""
    for qualname, stem in SCREENS.items():
        screen = _make(qualname, gui_ctx)
        qtbot.addWidget(screen)
        form = importlib.import_module(f"desk_app.gui.forms.ui_{stem}")
        expected = f"Ui_{qualname.rpartition('.')[2]}"
        assert type(screen.ui).__name__ == expected and type(screen.ui).__module__ == form.__name__, qualname
    gui_ctx.runner.wait_idle(10000)


def test_compiled_forms_are_up_to_date(build_ui: Any) -> None:
    """desk_app/gui/forms matches ui/*.ui (after editing a form: python tools/build_ui.py)."""
    assert build_ui.problems() == []


def test_a_stale_form_is_detected(build_ui: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The staleness check really fails: an edited .ui, a missing module and an orphan are each reported."""
    ui_dir, out_dir = tmp_path / "ui", tmp_path / "forms"
    ui_dir.mkdir()
    out_dir.mkdir()
    source = (ROOT / "ui" / "fee_box.ui").read_text(encoding="utf-8")
    (ui_dir / "fee_box.ui").write_text(source, encoding="utf-8")
    monkeypatch.setattr(build_ui, "UI_DIR", ui_dir)
    monkeypatch.setattr(build_ui, "OUT_DIR", out_dir)
    monkeypatch.setattr(build_ui, "ROOT", tmp_path)
    assert build_ui.main([]) == 0 and build_ui.problems() == []
    generated = (out_dir / "ui_fee_box.py").read_text(encoding="utf-8")
    assert "from PySide6.QtGui import" not in generated  # uic's unused imports are pruned
    assert "def setupUi(self, feeBox: QGroupBox) -> None:" in generated
    (ui_dir / "fee_box.ui").write_text(source.replace("Pages per copy", "Pages"), encoding="utf-8")
    (out_dir / "ui_gone.py").write_text("", encoding="utf-8")
    (ui_dir / "new_form.ui").write_text(source.replace("<class>FeeBox", "<class>NewForm"), encoding="utf-8")
    found = build_ui.problems()
    assert sorted(f.split(":")[0] for f in found) == ["missing", "orphan", "stale"], found
    assert build_ui.main(["--check"]) == 1


def test_no_form_string_is_left_in_english(vietnamese: None) -> None:
    """With the shipped catalog every translatable string of every .ui has its Vietnamese, in its context."""
    from PySide6.QtCore import QCoreApplication

    untranslated = [
        f"{path.name}: [{_form(path)[0]}] {text!r}"
        for path in UI_FILES
        for text in _strings(path)
        if QCoreApplication.translate(_form(path)[0], text) == text
    ]
    assert not untranslated, "add to resources/translations/vi/*.json, run tools/i18n.py:\n" + "\n".join(
        untranslated
    )


def test_forms_show_vietnamese(qtbot: Any, vietnamese: None) -> None:
    """The compiled forms pass their strings through the translator (context: the form's class)."""
    from desk_app.domain.states import Action
    from desk_app.gui.move_dialog import MoveDialog
    from desk_app.gui.setup_dialog import SetupDialog

    dialog = SetupDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Khai báo quầy tiếp nhận"
    assert dialog.ok_button.text() != "Save and start"
    move = MoveDialog(Action.REFUSE, {"code": "X", "applicant": {"full_name": "A <b>"}})
    qtbot.addWidget(move)
    assert move.ui.reasonLabel.text().endswith(" *") and move.ui.reasonLabel.text() != "Reason *"
    assert "&lt;b&gt;" in move.ui.heading.text()  # the applicant's name is text, not markup


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_forms_fit_the_counter_screens(qtbot: Any, main_window: Any, size: tuple[int, int]) -> None:
    """In Vietnamese (longer labels) no form asks for more than the small screens of the counters.

    A page shares the window with the navigation list, the menu and the status bar; a dialog has the
    screen less the taskbar and its title bar (80 px).
    """
    width, height = size
    nav = main_window.nav.sizeHint().width()
    chrome = main_window.menuBar().sizeHint().height() + main_window.statusBar().sizeHint().height()
    for qualname in SCREENS:
        screen = _make(qualname, main_window.ctx)
        qtbot.addWidget(screen)
        hint = screen.minimumSizeHint().expandedTo(screen.minimumSize())
        room = (width - nav, height - 80 - chrome) if qualname.endswith("Page") else (width, height - 80)
        assert hint.width() <= room[0] and hint.height() <= room[1], f"{qualname}: {hint.toTuple()} > {room}"
    main_window.ctx.runner.wait_idle(10000)


def test_the_app_never_reads_ui_files_at_run_time() -> None:
    """The screens import compiled forms only: no QtUiTools, no .ui file needed (wheel, frozen bundle)."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import desk_app.resources as r\n"
        "r.UI_FORMS = r.UI_FORMS / 'absent'\n"
        "from desk_app.gui import login, settings_page, setup_dialog, move_dialog\n"
        "from desk_app.gui.intake import applicant_form, fee_box\n"
        "from desk_app.domain.states import Action\n"
        "login.FirstAdminDialog(lambda: None); move_dialog.MoveDialog(Action.RETURN, {})\n"
        "applicant_form.PersonForm('t', 'applicant'); fee_box.FeeBox(); setup_dialog.SetupDialog(None)\n"
        "print('QtUiTools' in ' '.join(sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "False"
