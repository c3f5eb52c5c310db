"""Starting the desktop app: QApplication, translations, the database, first-run setup, the main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from desk_app.gui.language import install_translators

log = logging.getLogger(__name__)

ORGANIZATION = "desk-app"
APPLICATION = "desk-app"
# Import the page modules other than the dossier list after the first paint (see MainWindow).
DEFER_PAGES = True


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("desk_app")
    return app


def run(data_dir: Path, exit_when_ready: bool = False, ready_at: str = "page") -> int:
    """Run the app on ``data_dir``; the exit code. ``exit_when_ready``: print start-up ms once data is painted
    (``ready_at="sign-in"``: once the sign-in form is, and exit there).

    Fast path: when the database is already at the current schema and has a unit, the window and the first
    page of dossiers come up over plain sqlite3 reads while SQLAlchemy (a large import) loads in the
    background after the first paint. Anything else (no file, an upgrade, no unit, an unreadable file) takes
    the full path: open_database (migrating, with clear errors), the setup dialog, then the window.
    """
    started = time.perf_counter()
    app = make_app()
    install_translators(app, "vi")
    data_dir = Path(data_dir)
    install_file_log(data_dir)

    from desk_app.services.setup import opening

    if not exit_when_ready and not _unlock(data_dir):
        return 1
    look = opening.quick_look(data_dir)
    db = None
    unit_name: str | None
    if look is not None:
        unit_name, language = look
    else:
        from desk_app.domain.errors import UserError

        try:
            db, unit_name, language = opening.full_open(data_dir)
        except UserError as exc:
            if exit_when_ready:  # a script: no one is there to close a message box
                print(f"desk-app: error: {exc.message}", file=sys.stderr)
            else:
                from desk_app.gui import messages

                messages.error(None, exc.vi)
            return 1
    notice = opening.recovery_notice(db) if db is not None else None
    if notice:  # an interrupted restore or encryption was finished just now: say so before anything else
        if exit_when_ready:
            print(f"desk-app: {notice}", file=sys.stderr)
        else:
            from desk_app.gui import messages

            messages.info(None, notice)
    try:
        if language != "vi":
            install_translators(app, language)
        from desk_app.gui import fontsize

        fontsize.apply(_int(opening.read_setting(data_dir, "font_percent", 100)), app)
        if unit_name is None:
            if exit_when_ready:
                print("desk-app: no unit is set up", file=sys.stderr)
                return 1
            from desk_app.gui.setup_dialog import SetupDialog

            assert db is not None
            dialog = SetupDialog(db)
            if dialog.exec() != SetupDialog.DialogCode.Accepted.value or dialog.unit is None:
                return 1
            unit_name = dialog.unit.name
        if exit_when_ready and ready_at == "sign-in":
            from desk_app.gui import login

            return login.time_sign_in_form(data_dir, _SharedDatabase(data_dir, db), unit_name, started)
        return _show(app, db, data_dir, unit_name, started, exit_when_ready)
    finally:
        if db is not None:
            db.close()


LOG_NAME = "desk_app.log"


def install_file_log(data_dir: Path) -> Path | None:
    """Log warnings and errors (with traces, ID numbers and phones masked) to the data directory, as the CLI
    does; an exception escaping a Qt slot goes there too and the clerk sees a plain message, never a trace.
    The log file, or None when the folder cannot be written (the app still runs).

    The file is rotated here, once per start (over 2 MB: kept as .1 … .3), with a plain FileHandler:
    logging.handlers (sockets, pickle) costs start-up time the first paint should not wait for."""
    from desk_app import paths
    from desk_app.logmask import MaskingFilter

    root = logging.getLogger()
    try:
        folder = paths.logs_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        logfile = folder / LOG_NAME
        if not any(getattr(h, "baseFilename", None) == str(logfile) for h in root.handlers):
            _rotate(logfile, max_bytes=2_000_000, keep=3)
            handler = logging.FileHandler(logfile, encoding="utf-8")
            handler.setLevel(logging.WARNING)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            handler.addFilter(MaskingFilter())
            root.addHandler(handler)
    except OSError as exc:
        log.warning("no log file in %s: %s", data_dir, exc)
        logfile = None
    sys.excepthook = _uncaught
    return logfile


def _rotate(logfile: Path, *, max_bytes: int, keep: int) -> None:
    """Move a log grown past ``max_bytes`` aside (.1 newest … .keep oldest, the oldest dropped)."""
    if not logfile.exists() or logfile.stat().st_size <= max_bytes:
        return
    for n in range(keep - 1, 0, -1):
        older = logfile.with_name(f"{logfile.name}.{n}")
        if older.exists():
            older.replace(logfile.with_name(f"{logfile.name}.{n + 1}"))
    logfile.replace(logfile.with_name(f"{logfile.name}.1"))


def _uncaught(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """A bug in a slot: logged (masked) to the data directory; the clerk gets one plain sentence."""
    log.error("unexpected error", exc_info=(kind, exc, tb))
    if issubclass(kind, KeyboardInterrupt):
        return
    from desk_app.gui import messages

    messages.error(
        None,
        QCoreApplication.translate(
            "App",
            "Something went wrong and the action was not completed. Please try again; if it happens again, "
            "tell your IT support (the details are in the log of the data folder).",
        ),
    )


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 100


def _unlock(data_dir: Path) -> bool:
    """An encrypted database (desk_app.store.crypto) needs its passphrase: ask for it once at start.

    The answer goes where every reader looks for it (the process environment), never to disk. False when
    the clerk cancels.
    """
    from desk_app.services.setup import opening

    if not opening.passphrase_needed(data_dir):
        return True
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        None,
        QCoreApplication.translate("Unlock", "Encrypted data"),
        QCoreApplication.translate("Unlock", "The data of this PC is encrypted. Enter the passphrase:"),
        QLineEdit.EchoMode.Password,
    )
    if not ok or not text:
        return False
    opening.give_passphrase(text)
    return True


class _SharedDatabase:
    """One Database for the whole app: the given one, or opened on first use (thread-safe)."""

    def __init__(self, data_dir: Path, db=None) -> None:
        import threading

        self.data_dir = data_dir
        self.db = db
        self.opened_here = False
        self._lock = threading.Lock()

    def __call__(self):
        with self._lock:
            if self.db is None:
                from desk_app.services.setup.opening import open_database

                self.db = open_database(self.data_dir)
                self.opened_here = True
            return self.db


def _sign_in(provide: _SharedDatabase, unit_name: str, exit_when_ready: bool):
    """The signed-in session (desk_app.gui.login), None when the user gave up; a stand-in without accounts code."""
    try:
        from desk_app.gui import login
    except ImportError:
        return _NoSession()
    return login.start_session(
        provide.data_dir, provide, exit_when_ready=exit_when_ready, unit_name=unit_name
    )


class _NoSession:
    """Used when the accounts module is absent: everyone may do everything, as "gui"."""

    username = ""

    def attach(self, ctx) -> None:
        pass

    def install(self, window) -> None:
        pass

    def finish(self, db) -> None:
        pass


def _show(
    app: QApplication, db, data_dir: Path, unit_name: str, started: float, exit_when_ready: bool
) -> int:
    from desk_app.gui.context import GuiContext
    from desk_app.gui.main_window import MainWindow

    provide = _SharedDatabase(data_dir, db)
    session = _sign_in(provide, unit_name, exit_when_ready)
    if session is None:
        return 1
    ctx = GuiContext(db, data_dir, user=session.username, opener=provide)
    session.attach(ctx)  # ctx.user and ctx.permission_check follow the signed-in account
    window = MainWindow(ctx, unit_name=unit_name, defer_pages=DEFER_PAGES)
    session.install(window)  # idle lock, clerk switch, daily backup
    # The first page (Today, else the dossier list) tells when its data is painted.
    page = window.page(window.first_key() or "dossiers")
    if exit_when_ready:

        def ready() -> None:
            print(int((time.perf_counter() - started) * 1000), flush=True)
            QTimer.singleShot(0, app.quit)

        page.ready.connect(ready)  # type: ignore[attr-defined]
        # Never hang a script: give up after a minute.
        QTimer.singleShot(60000, lambda: app.exit(3))
    else:
        page.ready.connect(window.continue_loading)  # type: ignore[attr-defined]
        page.ready.connect(ctx.open_db_in_background)  # type: ignore[attr-defined]
        # The always-on parts (barcode scanner anywhere, live queue counts, the due-soon warning) start
        # once the first page has painted, so they never delay the window.
        page.ready.connect(lambda: _install_lifecycle(ctx))  # type: ignore[attr-defined]
    window.showMaximized()  # the counter's PC: the whole screen, taskbar visible
    code = app.exec()
    # The on-exit backup needs the database; a script run (exit_when_ready) makes none.
    session.finish(None if exit_when_ready else ctx.db)
    ctx.close()
    if provide.opened_here and provide.db is not None:
        provide.db.close()
    return code


def _install_lifecycle(ctx: Any) -> None:
    from desk_app.gui.queues import install

    install(ctx)
