"""Does every page and dialog of desk_app fit a counter's screen? One screen size per process.

Usage, from the repository root (the data directory holds a database with a unit and some dossiers):

    PYTHONPATH=$PWD .venv/bin/python tools/screen_check.py 1366 768 DATA_DIR [--stretch 1.4] [--taskbar 40]

Qt's offscreen platform is given a screen of W x (H - taskbar) (the taskbar stays visible), the app's
Vietnamese catalog is installed (with ``--stretch``, every translated string is made that many times longer,
as Vorta's TRANS_SCALE does), then the main window is shown maximised and every registered page is opened in
turn, then every dialog. Problems found:

- a window whose minimum size is larger than the screen;
- a window that reaches past the screen;
- a visible button that lies outside the screen or outside its window (cut off by the layout), unless it
  sits in a scroll area (which can be scrolled to);
- a table whose key columns (state, due date) lie past the table's visible width.

Prints one JSON object: {"screen": [w, h], "checked": [names], "problems": [text]}; exit code 0 either way
(the test reads the JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def configure_screen(width: int, height: int) -> None:
    """Point QT_QPA_PLATFORM at an offscreen screen of width x height (before QApplication exists)."""
    cfg = Path(tempfile.mkdtemp(prefix="screen.")) / "screen.json"
    cfg.write_text(
        json.dumps(
            {
                "synchronizeWindowSystem": False,
                "windowFrameMargins": False,
                "screens": [
                    {
                        "name": "s",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={cfg}"


def install_stretch(app: Any, factor: float) -> Any:
    """Install a translator that returns every string of the app's catalog ``factor`` times longer."""
    from PySide6.QtCore import QTranslator

    from desk_app.resources import resource_path

    class Stretch(QTranslator):
        def __init__(self) -> None:
            super().__init__(app)
            self.inner = QTranslator(self)
            self.inner.load(str(resource_path("translations", "desk_app_vi.qm")))

        def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> str:
            text = self.inner.translate(context, source, disambiguation, n) or ""
            if not text or context.startswith("Q") or "<" in text:
                return text
            return stretched(text, factor)

        def isEmpty(self) -> bool:
            return False

    tr = Stretch()
    app.installTranslator(tr)
    return tr


def stretched(text: str, factor: float) -> str:
    """``text`` made about ``factor`` times longer, each line on its own, keeping placeholders and & marks."""
    out = []
    for line in text.split("\n"):
        extra = int(len(line) * (factor - 1))
        out.append(line + (" " + "ư" * max(0, extra - 1) if extra > 1 else ""))
    return "\n".join(out)


class Checker:
    def __init__(self, screen: Any) -> None:
        self.screen = screen  # QRect, the available geometry
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check_window(self, name: str, window: Any) -> None:
        from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QTableView

        self.checked.append(name)
        scr = self.screen
        hint = window.minimumSizeHint().expandedTo(window.minimumSize())
        if window.layout() is not None and window.layout().totalMinimumSize().isValid():
            hint = hint.expandedTo(window.layout().totalMinimumSize())
        if hint.width() > scr.width() or hint.height() > scr.height():
            self.problems.append(f"{name}: minimum size {hint.width()}x{hint.height()} > screen")
        geo = window.frameGeometry()
        if not scr.contains(geo):
            self.problems.append(
                f"{name}: window {geo.x()},{geo.y()} {geo.width()}x{geo.height()} reaches past the screen"
            )
        inner = window.rect()
        for button in window.findChildren(QAbstractButton):
            if not button.isVisible() or button.window() is not window:
                continue
            if _in_scroll_area(button, window, QAbstractScrollArea):
                continue
            top_left = button.mapTo(window, button.rect().topLeft())
            rect = button.rect().translated(top_left)
            label = button.text() or button.objectName() or type(button).__name__
            if not inner.contains(rect):
                self.problems.append(f"{name}: button {label!r} lies outside its window")
                continue
            on_screen = rect.translated(window.geometry().topLeft())
            if not scr.contains(on_screen):
                self.problems.append(f"{name}: button {label!r} lies outside the screen")
        for table in window.findChildren(QTableView):
            if not table.isVisible() or table.model() is None:
                continue
            model = table.model()
            width = table.viewport().width()
            titles = [str(model.headerData(c, _horizontal()) or "").lower() for c in range(model.columnCount())]
            if not any(t in ("mã hồ sơ", "code", "mã") for t in titles):
                continue  # key columns (state, due date) are those of dossier lists; a figures table scrolls
            for col in range(model.columnCount()):
                title = str(model.headerData(col, _horizontal()) or "")
                if not _is_key_column(title):
                    continue
                if table.isColumnHidden(col):
                    continue
                header = table.horizontalHeader()
                right = header.sectionViewportPosition(col) + min(header.sectionSize(col), 60)
                if right > width:
                    self.problems.append(f"{name}: column {title!r} of a table starts past its visible width")


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def _is_key_column(title: str) -> bool:
    low = title.lower()
    return any(word in low for word in ("trạng thái", "hạn", "hẹn", "state", "due"))


def _in_scroll_area(widget: Any, top: Any, scroll_type: Any) -> bool:
    w = widget.parentWidget()
    while w is not None and w is not top:
        if isinstance(w, scroll_type) and not type(w).__name__.endswith(("View", "Widget")):
            return True
        w = w.parentWidget()
    return False


def settle(app: Any, ctx: Any = None, rounds: int = 6) -> None:
    from PySide6.QtCore import QEventLoop, QThread

    for _ in range(rounds):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if ctx is not None:
            ctx.runner.wait_idle(5000)
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(10)


def run(width: int, height: int, data_dir: Path, stretch: float, taskbar: int) -> dict[str, Any]:
    configure_screen(width, height - taskbar)
    from PySide6.QtWidgets import QApplication, QDialog

    import desk_app.gui  # noqa: F401  (PySide6 work-arounds)
    from desk_app.gui import messages
    from desk_app.gui.app import make_app
    from desk_app.gui.language import install_translators

    messages.HOOK = lambda kind, text, parent: True  # never block on a message box
    app = make_app(["screen_check"])
    install_translators(app, "vi")
    if stretch > 1:
        install_stretch(app, stretch)
    from desk_app.gui.context import GuiContext
    from desk_app.gui.main_window import MainWindow
    from desk_app.store.db import open_database

    db = open_database(data_dir)
    ctx = GuiContext(db, data_dir, user="admin")
    screen = QApplication.primaryScreen().availableGeometry()
    checker = Checker(screen)
    window = MainWindow(ctx, unit_name="Ủy ban nhân dân xã Gio Sơn")
    window.load_all_pages()
    window.showMaximized()
    settle(app, ctx)
    from desk_app.services.lifecycle import dossier_query

    codes = [r.code for r in dossier_query.page(db, limit=5) if r.code]
    for spec in list(window.specs):
        arg = codes[0] if spec.key == "dossier" and codes else None
        window.show_page(spec.key, arg)
        settle(app, ctx)
        checker.check_window(f"page {spec.key}", window)
    for name, make in dialogs(ctx, db, codes, window):
        try:
            dialog = make()
        except Exception as exc:  # a dialog that cannot be built is a problem of its own
            checker.problems.append(f"dialog {name}: could not be built ({exc!r})")
            continue
        dialog.show()
        settle(app, ctx, 3)
        checker.check_window(f"dialog {name}", dialog)
        if isinstance(dialog, QDialog):
            dialog.reject()
        dialog.close()
        dialog.deleteLater()
        settle(app, ctx, 1)
    ctx.runner.wait_idle(10000)
    window.close()
    ctx.close()
    db.close()
    return {
        "screen": [screen.width(), screen.height()],
        "checked": checker.checked,
        "problems": checker.problems,
    }


def dialogs(ctx: Any, db: Any, codes: list[str], window: Any) -> list[tuple[str, Any]]:
    """(name, factory) of every dialog of the app, built with plausible data."""
    from desk_app.domain.states import Action
    from desk_app.gui.help_dialog import HelpDialog
    from desk_app.gui.intake.reason_dialog import ReasonDialog
    from desk_app.gui.login import FirstAdminDialog, LoginDialog
    from desk_app.gui.move_dialog import MoveDialog
    from desk_app.gui.pdf_preview import PdfPreviewDialog
    from desk_app.gui.setup_dialog import SetupDialog
    from desk_app.gui.users_page import UserDialog

    dossier = {
        "code": codes[0] if codes else "X",
        "applicant": {"full_name": "Nguyễn Thị Phương Thảo", "id_number": "044190001234"},
        "due_at": "2026-03-10T17:00",
    }
    out: list[tuple[str, Any]] = []
    for action in Action:
        out.append((f"move {action.value}", lambda a=action: MoveDialog(a, dossier, window)))
    out.append(("help", lambda: HelpDialog(ctx, "desk_app", window)))
    out.append(
        ("reason refuse", lambda: ReasonDialog("refuse", ["Tờ khai", "Bản sao giấy khai sinh"], window))
    )
    out.append(("reason guide", lambda: ReasonDialog("guide", ["Tờ khai"], window)))
    out.append(("login", lambda: LoginDialog(lambda: db, ctx.runner, "Ủy ban nhân dân xã Gio Sơn", window)))
    out.append(("first admin", lambda: FirstAdminDialog(lambda: db, ctx.runner, window)))
    out.append(("setup", lambda: SetupDialog(db, window)))
    out.append(("user", lambda: UserDialog(window)))
    pdf = _book_pdf(db)
    out.append(("pdf preview", lambda: PdfPreviewDialog(ctx, pdf, "Sổ theo dõi", window)))
    return out


def _book_pdf(db: Any) -> bytes:
    from datetime import date

    from desk_app.services.lifecycle import forms

    return forms.book_pdf(db, date(2026, 1, 1), date(2026, 3, 31))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("width", type=int)
    parser.add_argument("height", type=int)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--stretch", type=float, default=1.0)
    parser.add_argument("--taskbar", type=int, default=40)
    args = parser.parse_args()
    result = run(args.width, args.height, args.data_dir, args.stretch, args.taskbar)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
