"""The administration page (quản trị): what needed the command line, in the window.

Tabs, each shown to the accounts that hold its permission:

- Tracking book (sổ theo dõi hồ sơ) for a date range, previewed then printed or saved (``forms.book_pdf``);
- Backup: back up now, the last automatic backups, restore one (``services.trust.backup``: the backup is
  verified first, the current data is kept aside; the app then closes so that it reopens the restored data);
- Catalog: import the province's procedure list with the per-line report (``catalog.import_file``);
- Calendar: the year's days off, extra days off and make-up working days (``services.setup.calendar``);
- Check: the database, the audit trail and the stored files (``integrity.verify``).

Every use case runs on the background runner; the page never touches storage itself.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app import paths
from desk_app.domain.phrase import vi_of
from desk_app.gui import messages
from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec
from desk_app.gui.screenfit import FlowLayout

CHECK_NAMES = {
    "database": str(QT_TRANSLATE_NOOP("AdminPage", "Database")),
    "audit": str(QT_TRANSLATE_NOOP("AdminPage", "Audit trail")),
    "files": str(QT_TRANSLATE_NOOP("AdminPage", "Stored files")),
    "records": str(QT_TRANSLATE_NOOP("AdminPage", "Accounts and dossier states")),
    "leftovers": str(QT_TRANSLATE_NOOP("AdminPage", "Unencrypted copy left behind")),
}
KIND_NAMES = {
    "off": str(QT_TRANSLATE_NOOP("AdminPage", "Day off")),
    "workday": str(QT_TRANSLATE_NOOP("AdminPage", "Make-up working day")),
}


def said(text: str, vi: str | None = None) -> str:
    """What the screen shows of a service's text: its Vietnamese (``vi``, or a Phrase's ``.vi``), or the English
    when the app speaks English."""
    from desk_app.gui.language import current_language

    if current_language() == "en":
        return str(text)
    return vi if vi is not None else vi_of(text)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _date_edit(d: date) -> QDateEdit:
    edit = QDateEdit(_qdate(d))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


def format_moment(text: str) -> str:
    """An ISO moment as HH:mm dd/MM/yyyy (the app's way); the text itself when it is not one."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return moment.strftime("%H:%M %d/%m/%Y")


def format_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, n // 1024)} KB"


class AdminPage(QWidget):
    """Tabs for the book, backups, catalog, calendar and checks; ``done(tab)`` after each finished task."""

    done = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("adminPage")
        self.backups: list[Any] = []
        self.calendar_rows: list[tuple[date, str, str]] = []
        self.preview: QWidget | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self._build_book()
        if ctx.can("backup"):
            self._build_backup()
        if ctx.can("catalog"):
            self._build_catalog()
        if ctx.can("calendar"):
            self._build_calendar()
        if ctx.can("backup"):
            self._build_verify()
        if ctx.can("settings"):
            self._build_officials()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # -- page interface ------------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        if hasattr(self, "officials_edit"):
            self.load_officials()
        if hasattr(self, "backup_table"):
            self.load_backups()
        if hasattr(self, "calendar_table"):
            self.load_calendar()

    def _tab(self, title: str, name: str) -> QVBoxLayout:
        tab = QWidget()
        tab.setObjectName(name)
        self.tabs.addTab(tab, title)
        return QVBoxLayout(tab)

    def _run(self, fn: Any, *args: Any, on_success: Any) -> None:
        self.ctx.runner.run(fn, *args, on_success=on_success, on_error=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.ctx.show_error(exc, self)
        self.done.emit("error")

    # -- tracking book --------------------------------------------------------------------------------
    def _build_book(self) -> None:
        layout = self._tab(self.tr("Tracking book"), "bookTab")
        today = date.today()
        self.book_from = _date_edit(today.replace(day=1))
        self.book_from.setObjectName("bookFrom")
        self.book_to = _date_edit(today)
        self.book_to.setObjectName("bookTo")
        self.book_button = QPushButton(self.tr("Preview the book…"))
        self.book_button.setObjectName("bookButton")
        self.book_button.clicked.connect(self.preview_book)
        form = QFormLayout()
        form.addRow(self.tr("Dossiers received from"), self.book_from)
        form.addRow(self.tr("to"), self.book_to)
        layout.addWidget(
            _wrapped(
                self.tr("The tracking book (Sổ theo dõi hồ sơ) lists every dossier received in the range.")
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.book_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def preview_book(self) -> None:
        """Preview the book (nothing recorded); printing it or saving it as PDF records the print."""
        from desk_app.gui.print_records import preview_job
        from desk_app.services.lifecycle.print_jobs import PrintJob

        start, end = _pydate(self.book_from.date()), _pydate(self.book_to.date())
        self.book_button.setEnabled(False)
        title = self.tr("Tracking book %1 – %2").replace("%1", start.strftime("%d/%m/%Y"))
        title = title.replace("%2", end.strftime("%d/%m/%Y"))
        name = f"so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.pdf"

        def shown(dialog: QWidget) -> None:
            self.book_button.setEnabled(True)
            self.preview = dialog
            self.done.emit("book")

        def failed(exc: BaseException) -> None:
            self.book_button.setEnabled(True)
            self._failed(exc)

        preview_job(self.ctx, self, PrintJob("book", "", start, end), title, name, shown, on_error=failed)

    # -- backup and restore ---------------------------------------------------------------------------
    def _build_backup(self) -> None:
        layout = self._tab(self.tr("Backup"), "backupTab")
        self.backup_now_button = QPushButton(self.tr("Back up now"))
        self.backup_now_button.setObjectName("backupNow")
        self.restore_button = QPushButton(self.tr("Restore the chosen backup…"))
        self.restore_button.setObjectName("restoreChosen")
        self.restore_other_button = QPushButton(self.tr("Restore from another folder…"))
        self.restore_other_button.setObjectName("restoreOther")
        self.backup_status = _wrapped("")
        self.backup_status.setObjectName("backupStatus")
        self.backup_table = _table(
            "backupTable", [self.tr("Made at"), self.tr("Files"), self.tr("Size"), self.tr("Folder")]
        )
        row = FlowLayout()
        for w in (self.backup_now_button, self.restore_button, self.restore_other_button):
            row.addWidget(w)
        layout.addWidget(
            _wrapped(
                self.tr(
                    "The app backs up by itself every day and when it closes. A restore first checks the "
                    "backup, keeps the current data aside, then closes the app: open it again to work on "
                    "the restored data."
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.backup_table, 1)
        layout.addWidget(self.backup_status)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self._restore_chosen)
        self.restore_other_button.clicked.connect(self._restore_other)

    def load_backups(self) -> None:
        from desk_app.services.trust import backup

        folder = paths.backups_dir(self.ctx.data_dir)
        self._run(backup.list_backups, folder, on_success=self._show_backups)

    def _show_backups(self, infos: list[Any]) -> None:
        self.backups = sorted(infos, key=lambda i: i.created_at, reverse=True)
        _fill(
            self.backup_table,
            [
                [format_moment(i.created_at), str(i.files), format_size(i.bytes), str(i.path)]
                for i in self.backups
            ],
        )
        if self.backups:
            self.backup_table.selectRow(0)
        self.done.emit("backups")

    def backup_now(self) -> None:
        from desk_app.services.trust import backup

        self.backup_now_button.setEnabled(False)
        self.backup_status.setText(self.tr("Backing up…"))

        def work() -> Any:
            return backup.auto_backup(self.ctx.db, reason="manual", actor=self.ctx.user)

        def finished(result: Any) -> None:
            self.backup_now_button.setEnabled(True)
            text = self.tr("Backup made at %1 (%2).").replace("%1", format_moment(result.primary.created_at))
            text = text.replace("%2", str(result.primary.path))
            if result.second is not None:
                text += " " + self.tr("Copied to %1.").replace("%1", str(result.second.path))
            if result.second_error:
                text += " " + self.tr("The second copy failed: %1").replace("%1", said(result.second_error))
            self.backup_status.setText(text)
            self.load_backups()

        def failed(exc: BaseException) -> None:
            self.backup_now_button.setEnabled(True)
            self.backup_status.clear()
            self._failed(exc)

        self.ctx.runner.run(work, on_success=finished, on_error=failed, parent=self)

    def _restore_chosen(self) -> None:
        row = self.backup_table.currentRow()
        if 0 <= row < len(self.backups):
            self.restore(Path(self.backups[row].path))
        else:
            messages.info(self, self.tr("Choose a backup in the list first."))

    def _restore_other(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Choose the backup folder"),
            str(paths.backups_dir(self.ctx.data_dir)),
            QFileDialog.Option.DontUseNativeDialog,
        )
        if folder:
            self.restore(Path(folder))

    def restore(self, folder: Path) -> None:
        """Verify ``folder``, ask, then replace the data with it (current data kept aside) and close the app."""
        from desk_app.services.trust import backup

        question = self.tr(
            "Replace ALL the data of this PC with the backup in %1? The current data is kept aside in the "
            "data folder. The app will close; open it again afterwards."
        ).replace("%1", str(folder))
        if not messages.confirm(self, question):
            return
        ctx = self.ctx

        def work() -> Any:
            backup.verify_backup(folder)  # a damaged backup is refused before the live data is touched
            ctx.db.close()
            return backup.restore(ctx.data_dir, folder, actor=ctx.user or "gui")

        def finished(result: Any) -> None:
            text = self.tr("The data was restored from the backup of %1.").replace(
                "%1", format_moment(result.backup.created_at)
            )
            if result.replaced_dir:
                text += " " + self.tr("The previous data is in %1.").replace("%1", str(result.replaced_dir))
            text += " " + self.tr("The app closes now: open it again.")
            messages.info(self, text)
            self.done.emit("restore")
            self.restored = True
            window = ctx.window
            if window is not None:
                window.close()
            app = QApplication.instance()
            if app is not None and not getattr(self, "stay_open", False):
                app.quit()

        ctx.runner.run(work, on_success=finished, on_error=self._failed, parent=self)

    # -- catalog --------------------------------------------------------------------------------------
    def _build_catalog(self) -> None:
        layout = self._tab(self.tr("Procedure catalog"), "catalogTab")
        self.catalog_button = QPushButton(self.tr("Import the province's list…"))
        self.catalog_button.setObjectName("catalogImport")
        self.catalog_summary = _wrapped("")
        self.catalog_summary.setObjectName("catalogSummary")
        self.catalog_errors = _table("catalogErrors", [self.tr("Line"), self.tr("Why it was not imported")])
        layout.addWidget(
            _wrapped(
                self.tr(
                    "Import the procedure list from a CSV, Excel (.xlsx) or JSON file; lines with a mistake are "
                    "listed below and the others are imported."
                )
            )
        )
        layout.addWidget(self.catalog_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.catalog_summary)
        layout.addWidget(self.catalog_errors, 1)
        self.catalog_button.clicked.connect(self._choose_catalog)

    def _choose_catalog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the catalog file"),
            str(Path.home()),
            self.tr("Catalog files (*.csv *.xlsx *.json);;All files (*)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if path:
            self.import_catalog(Path(path))

    def import_catalog(self, path: Path) -> None:
        from desk_app.services.setup import catalog

        self.catalog_button.setEnabled(False)
        self._run(
            lambda: catalog.import_file(self.ctx.db, path, actor=self.ctx.user), on_success=self._catalog_done
        )

    def _catalog_done(self, report: Any) -> None:
        self.catalog_button.setEnabled(True)
        text = (
            self.tr("%1 added, %2 updated, %3 unchanged, %4 lines with a mistake.")
            .replace("%1", str(report.added))
            .replace("%2", str(report.updated))
            .replace("%3", str(report.unchanged))
            .replace("%4", str(len(report.errors)))
        )
        self.catalog_summary.setText(text)
        _fill(self.catalog_errors, [[str(line), said(reason)] for line, reason in report.errors])
        self.done.emit("catalog")

    # -- calendar -------------------------------------------------------------------------------------
    def _build_calendar(self) -> None:
        layout = self._tab(self.tr("Working calendar"), "calendarTab")
        self.year = QSpinBox()
        self.year.setObjectName("calendarYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.calendar_table = _table("calendarTable", [self.tr("Day"), self.tr("Kind"), self.tr("Note")])
        self.day_edit = _date_edit(date.today())
        self.day_edit.setObjectName("overrideDay")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("overrideKind")
        self.kind_combo.addItem(self.tr("Extra day off"), "off")
        self.kind_combo.addItem(self.tr("Make-up working day"), "workday")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("overrideNote")
        self.note_edit.setPlaceholderText(self.tr("Why (e.g. the decision swapping the days)"))
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("overrideBasis")
        self.add_day_button = QPushButton(self.tr("Save the day"))
        self.add_day_button.setObjectName("saveOverride")
        self.remove_day_button = QPushButton(self.tr("Remove the chosen day"))
        self.remove_day_button.setObjectName("removeOverride")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Day"), self.day_edit)
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Note"), self.note_edit)
        form.addRow(self.tr("Legal basis"), self.basis_edit)
        buttons = FlowLayout()
        buttons.addWidget(self.add_day_button)
        buttons.addWidget(self.remove_day_button)
        layout.addLayout(top)
        layout.addWidget(self.calendar_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.year.valueChanged.connect(lambda _v: self.load_calendar())
        self.add_day_button.clicked.connect(self.save_override)
        self.remove_day_button.clicked.connect(self.remove_override)

    def load_calendar(self) -> None:
        from desk_app.services.setup import calendar

        year = self.year.value()
        self._run(
            lambda: calendar.load_calendar(self.ctx.db).days_in_year(year), on_success=self._show_calendar
        )

    def _show_calendar(self, rows: list[tuple[date, str, str]]) -> None:
        self.calendar_rows = list(rows)
        _fill(
            self.calendar_table,
            [
                [d.strftime("%d/%m/%Y"), self.tr(KIND_NAMES.get(str(k), str(k))), n]
                for d, k, n in self.calendar_rows
            ],
        )
        self.done.emit("calendar")

    def save_override(self) -> None:
        from desk_app.domain.calendar import OverrideKind
        from desk_app.services.setup import calendar

        day = _pydate(self.day_edit.date())
        kind = OverrideKind(self.kind_combo.currentData())
        note, basis = self.note_edit.text(), self.basis_edit.text()

        def work() -> None:
            calendar.set_override(self.ctx.db, day, kind, note, basis, actor=self.ctx.user)

        def saved(_r: None) -> None:
            self.note_edit.clear()
            self.basis_edit.clear()
            self.ctx.set_status(self.tr("Saved: %1").replace("%1", day.strftime("%d/%m/%Y")))
            self.year.setValue(day.year)
            self.load_calendar()

        self._run(work, on_success=saved)

    def remove_override(self) -> None:
        from desk_app.services.setup import calendar

        row = self.calendar_table.currentRow()
        if not 0 <= row < len(self.calendar_rows):
            messages.info(self, self.tr("Choose a day in the list first."))
            return
        day = self.calendar_rows[row][0]

        def removed(found: bool) -> None:
            if not found:
                messages.info(self, self.tr("That day is a public holiday set by law: it cannot be removed."))
            self.load_calendar()

        self._run(lambda: calendar.remove_override(self.ctx.db, day, actor=self.ctx.user), on_success=removed)

    # -- checks ---------------------------------------------------------------------------------------
    def _build_verify(self) -> None:
        layout = self._tab(self.tr("Check the data"), "verifyTab")
        self.verify_button = QPushButton(self.tr("Check now"))
        self.verify_button.setObjectName("verifyNow")
        self.verify_summary = _wrapped("")
        self.verify_summary.setObjectName("verifySummary")
        self.verify_table = _table("verifyTable", [self.tr("Part"), self.tr("Result"), self.tr("Detail")])
        layout.addWidget(
            _wrapped(
                self.tr("Checks the database, that the audit trail was not altered, and every stored file.")
            )
        )
        layout.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.verify_summary)
        layout.addWidget(self.verify_table, 1)
        self.verify_button.clicked.connect(self.verify)

    def verify(self) -> None:
        from desk_app.services.trust import integrity

        self.verify_button.setEnabled(False)
        self.verify_summary.setText(self.tr("Checking…"))
        self._run(lambda: integrity.verify(self.ctx.db), on_success=self._verified)

    def _verified(self, report: Any) -> None:
        self.verify_button.setEnabled(True)
        self.verify_summary.setText(
            self.tr("Everything is in order.")
            if report.ok
            else self.tr("Problems were found: tell your IT support.")
        )
        ok, bad = self.tr("good"), self.tr("PROBLEM")
        _fill(
            self.verify_table,
            [
                [self.tr(CHECK_NAMES.get(c.name, c.name)), ok if c.ok else bad, said(c.detail, c.detail_vi)]
                for c in report.checks
            ],
        )
        self.done.emit("verify")

    # -- officials (the move dialogs' list) -----------------------------------------------------------
    def _build_officials(self) -> None:
        layout = self._tab(self.tr("Officials"), "officialsTab")
        self.officials_edit = QPlainTextEdit()
        self.officials_edit.setObjectName("officialsEdit")
        self.officials_edit.setPlaceholderText(self.tr("One per line, e.g. Công chức Tư pháp – Hộ tịch"))
        self.officials_button = QPushButton(self.tr("Save the list"))
        self.officials_button.setObjectName("saveOfficials")
        layout.addWidget(
            _wrapped(
                self.tr(
                    "The officials and departments dossiers are forwarded to: the clerks pick them in the "
                    "move dialogs (a name not in the list can still be typed)."
                )
            )
        )
        layout.addWidget(self.officials_edit, 1)
        layout.addWidget(self.officials_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.officials_button.clicked.connect(self.save_officials)

    def load_officials(self) -> None:
        from desk_app.services.setup import settings as settings_service

        self._run(lambda: settings_service.officials(self.ctx.db), on_success=self._show_officials)

    def _show_officials(self, names: list[str]) -> None:
        self.officials_edit.setPlainText("\n".join(names))
        self.done.emit("officials")

    def save_officials(self) -> None:
        from desk_app.services.setup import settings as settings_service

        lines = self.officials_edit.toPlainText().splitlines()

        def saved(names: list[str]) -> None:
            self._show_officials(names)
            self.ctx.settingsChanged.emit()  # open dossier pages reload their list
            self.ctx.set_status(self.tr("The list of officials was saved."))

        self._run(
            lambda: settings_service.save_officials(self.ctx.db, lines, self.ctx.user), on_success=saved
        )


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def page_spec() -> PageSpec:
    return PageSpec(
        key="admin",
        title=str(QT_TRANSLATE_NOOP("Pages", "Administration")),
        order=850,
        factory=AdminPage,
        permission="report",
        icon="admin.svg",
    )
