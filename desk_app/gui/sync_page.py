"""The sync page (đồng bộ lên cấp trên): the outbox with each item's state and error, "sync now", and the hub
settings for admins. Also the status-bar label (last success, what waits) and the background worker timer.

Everything that touches the database or the network runs through ``ctx.runner``: the window never waits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec

STATE_TITLES = {
    "to_send": QT_TRANSLATE_NOOP("SyncPage", "To send"),
    "sending": QT_TRANSLATE_NOOP("SyncPage", "Sending"),
    "sent": QT_TRANSLATE_NOOP("SyncPage", "Sent"),
    "error": QT_TRANSLATE_NOOP("SyncPage", "Error"),
    "closed": QT_TRANSLATE_NOOP("SyncPage", "Closed by the upper level"),
}
WORKER_INTERVAL_MS = 5 * 60 * 1000  # the background worker looks at the outbox every five minutes


def _dmy(text: str | None) -> str:
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return text


def read_summary(ctx: GuiContext) -> tuple[str | None, int, bool]:
    """Worker: (last success, items waiting, configured)."""
    from desk_app.services.sync.status import quick_summary

    return quick_summary(ctx.data_dir)


class SyncStatus(QObject):
    """The status-bar label and the periodic background sync of one main window."""

    def __init__(self, ctx: GuiContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(WORKER_INTERVAL_MS)
        self.timer.timeout.connect(self.sync_in_background)
        self.timer.start()
        self._running = False
        ctx.dossiersChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        last, pending, configured = read_summary(self.ctx)
        if not configured:
            self.label.setText("")
            return
        when = _dmy(last) if last else self.tr("never")
        self.label.setText(
            self.tr("Last sync: %1 · waiting: %2").replace("%1", when).replace("%2", str(pending))
        )

    def sync_in_background(self, force: bool = False) -> None:
        _last, _pending, configured = read_summary(self.ctx)
        if self._running or not configured:
            return
        self._running = True

        def work() -> dict[str, Any]:
            from desk_app.services.sync.worker import sync_now

            return sync_now(self.ctx.db, tries=2, force=force)

        self.ctx.runner.run(work, on_success=self._done, on_error=self._failed, parent=self)

    def _done(self, _result: Any) -> None:
        self._running = False
        self.refresh()

    def _failed(
        self, _exc: BaseException
    ) -> None:  # errors are on the outbox page; never a dialog from a timer
        self._running = False
        self.refresh()


def install_status(ctx: GuiContext, window: QMainWindow) -> SyncStatus:
    status = SyncStatus(ctx, window)
    window.setProperty("syncStatus", status)
    return status


class SyncPage(QWidget):
    """The outbox and the hub settings."""

    def __init__(self, ctx: GuiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("syncPage")
        self.summary = QLabel()
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.sync_button)

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("outbox")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Period"),
                self.tr("State"),
                self.tr("Changed"),
                self.tr("Sent"),
                self.tr("Attempts"),
                self.tr("Error"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        self.settings_box = QGroupBox(self.tr("Upper-level hub"))
        self.settings_box.setObjectName("hubSettings")
        form = QFormLayout(self.settings_box)
        self.hub_url = QLineEdit()
        self.hub_url.setObjectName("hubUrl")
        self.hub_url.setPlaceholderText("https://...")
        self.token = QLineEdit()
        self.token.setObjectName("hubToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("hubCaFile")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        self.save_button = QPushButton(self.tr("Save hub settings"))
        self.save_button.setObjectName("saveHub")
        self.save_button.clicked.connect(self.save_settings)
        form.addRow(self.tr("Hub address"), self.hub_url)
        form.addRow(self.tr("Token"), self.token)
        form.addRow(self.tr("CA file (optional)"), ca_row)
        form.addRow("", self.save_button)
        self.settings_box.setVisible(ctx.can("settings"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.settings_box)
        self.refresh()

    # -- page protocol ------------------------------------------------------------------------------------
    def activate(self, _arg: str | None = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        def work() -> tuple[dict[str, Any], dict[str, Any]]:
            from desk_app.services.sync.worker import config, status

            return status(self.ctx.db), config(self.ctx.db)

        self.ctx.runner.run(work, on_success=self._show, parent=self)

    def count(self) -> int | None:
        return None

    # -- actions ----------------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.sync_button.setEnabled(False)
        self.summary.setText(self.tr("Sending…"))

        def work() -> dict[str, Any]:
            from desk_app.services.sync.worker import sync_now

            return sync_now(self.ctx.db, tries=2, force=True)

        def done(result: dict[str, Any]) -> None:
            self.sync_button.setEnabled(True)
            if result["errors"]:
                self.ctx.set_status(self.tr("Sync finished with errors: see the outbox"))
            else:
                self.ctx.set_status(self.tr("Sync finished"))
            self.refresh()
            self._refresh_status_bar()

        def failed(exc: BaseException) -> None:
            self.sync_button.setEnabled(True)
            self.ctx.show_error(exc, self)
            self.refresh()

        self.ctx.runner.run(work, on_success=done, on_error=failed, parent=self)

    def save_settings(self) -> None:
        hub, token, ca = self.hub_url.text(), self.token.text(), self.ca_file.text().strip() or None

        def work() -> int:
            from desk_app.services.sync.worker import configure

            return configure(self.ctx.db, hub, token, ca)

        def done(marked: int) -> None:
            self.ctx.set_status(
                self.tr("Hub settings saved; %1 periods will be sent").replace("%1", str(marked))
                if marked
                else self.tr("Hub settings saved")
            )
            self.refresh()
            self._refresh_status_bar()

        self.ctx.runner.run(work, on_success=done, parent=self)

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", "PEM (*.pem *.crt *.cer);;*"
        )
        if path:
            self.ca_file.setText(path)

    def _refresh_status_bar(self) -> None:
        window = self.ctx.window
        status = window.property("syncStatus") if window is not None else None
        if isinstance(status, SyncStatus):
            status.refresh()

    def _show(self, data: tuple[dict[str, Any], dict[str, Any]]) -> None:
        from PySide6.QtCore import QCoreApplication

        state, cfg = data
        if not self.hub_url.hasFocus() and not self.hub_url.text():
            self.hub_url.setText(cfg["hub"])
            self.token.setText(cfg["token"])
            self.ca_file.setText(cfg["ca_file"])
        last = _dmy(state["last_success"]) if state["last_success"] else self.tr("never")
        self.summary.setText(
            self.tr("Hub: %1 · last successful sync: %2 · periods waiting: %3")
            .replace("%1", state["hub"] or self.tr("not set"))
            .replace("%2", last)
            .replace("%3", str(state["pending"]))
        )
        items = state["items"]
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = [
                item["period"],
                QCoreApplication.translate("SyncPage", str(STATE_TITLES.get(item["state"], item["state"]))),
                _dmy(item["changed_at"]),
                _dmy(item["sent_at"]),
                str(item["attempts"]),
                item["error"],
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))


def page_spec() -> PageSpec:
    return PageSpec(
        key="sync",
        title=str(QT_TRANSLATE_NOOP("Pages", "Sync")),
        order=850,
        factory=SyncPage,
        icon="sync.svg",
    )
