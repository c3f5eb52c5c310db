"""The watched scan folder inside the digitisation screen (hộp thư quét).

A timer looks at the folder every ``POLL_MS`` on the runner (never on the GUI thread); a file is taken once
it stopped changing between two looks. Batches whose first page shows a dossier's barcode arrive already
routed. The clerk attaches selected items to the document chosen above, or sets them aside with a reason.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.gui import messages
from desk_app.gui.context import GuiContext
from desk_app.scanning.watcher import FolderWatcher
from desk_app.services.digitization import inbox

if TYPE_CHECKING:
    from desk_app.gui.scan_page import ScanPage

POLL_MS = 5000
STATUS = {
    "waiting": QT_TRANSLATE_NOOP("ScanInboxPanel", "Waiting"),
    "routed": QT_TRANSLATE_NOOP("ScanInboxPanel", "Routed by barcode"),
    "rejected": QT_TRANSLATE_NOOP("ScanInboxPanel", "Rejected"),
    "attached": QT_TRANSLATE_NOOP("ScanInboxPanel", "Attached"),
    "dismissed": QT_TRANSLATE_NOOP("ScanInboxPanel", "Set aside"),
}


def poll_once(db: Any, watcher: FolderWatcher, actor: str) -> list[dict[str, Any]]:
    """Worker: take the files that became stable since the last look; return the open items."""
    files = watcher.poll()
    if files:
        inbox.process_inbox(db, watcher.folder, files=files, actor=actor)
    return inbox.list_inbox(db)


class ScanInboxPanel(QGroupBox):
    """The inbox table with its buttons; ``page`` is the ScanPage (the open dossier and document)."""

    def __init__(self, ctx: GuiContext, page: ScanPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Scan folder"))
        self.ctx = ctx
        self.page = page
        self.items: list[dict[str, Any]] = []
        self.watcher: FolderWatcher | None = None
        self._busy = False
        self.folder_label = QLabel()
        self.folder_label.setObjectName("inboxFolder")
        self.choose_button = QPushButton(self.tr("Choose folder…"))
        self.choose_button.clicked.connect(self._ask_folder)
        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.setObjectName("inboxCheck")
        self.check_button.clicked.connect(self.check_now)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("inboxTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Status"), self.tr("Dossier"), self.tr("Pages"), self.tr("Note")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open_routed)
        self.attach_button = QPushButton(self.tr("Attach to the chosen document"))
        self.attach_button.setObjectName("inboxAttach")
        self.attach_button.clicked.connect(self.attach_selected)
        self.dismiss_button = QPushButton(self.tr("Set aside…"))
        self.dismiss_button.clicked.connect(self._ask_dismiss)
        head = QHBoxLayout()
        head.addWidget(self.folder_label, 1)
        head.addWidget(self.choose_button)
        head.addWidget(self.check_button)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.attach_button)
        foot.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._tick)

    def activate(self) -> None:
        self.ctx.runner.run(inbox.configured_folder, self.ctx.db, parent=self, on_success=self._set_folder)

    def open_count(self) -> int:
        return sum(1 for i in self.items if i["status"] in ("waiting", "routed"))

    def _set_folder(self, folder: str) -> None:
        self.folder_label.setText(folder or self.tr("No scan folder chosen."))
        if folder:
            if self.watcher is None or str(self.watcher.folder) != folder:
                self.watcher = FolderWatcher(Path(folder))
            self.timer.start()
            self._tick()
        else:
            self.watcher = None
            self.timer.stop()
            self.ctx.runner.run(inbox.list_inbox, self.ctx.db, parent=self, on_success=self._show)

    def _tick(self) -> None:
        if self._busy or self.watcher is None:
            return
        self._busy = True
        self.ctx.runner.run(
            poll_once,
            self.ctx.db,
            self.watcher,
            self.ctx.user,
            parent=self,
            on_success=self._show,
            on_error=self._poll_failed,
        )

    def _poll_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.timer.stop()  # do not repeat the same message every few seconds
        self.ctx.show_error(exc, self)

    def check_now(self) -> None:
        """Look at the folder now, waiting for files still being written to settle."""
        if self._busy or self.watcher is None:
            return
        self._busy = True
        folder = self.watcher.folder
        job = partial(
            inbox.process_inbox,
            self.ctx.db,
            folder,
            settle_seconds=self.watcher.settle_seconds,
            actor=self.ctx.user,
        )
        self.ctx.runner.run(
            job, parent=self, on_success=lambda report: self._show(report.items), on_error=self._poll_failed
        )

    def _show(self, items: list[dict[str, Any]]) -> None:
        self._busy = False
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            values = [
                item["name"],
                self.tr(str(STATUS.get(item["status"], item["status"]))),
                item["dossier_code"] or "",
                str(item["pages"]),
                item["reason"],
            ]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        window = self.ctx.window
        update = getattr(window, "update_badges", None)
        if callable(update):
            update()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.items[r]["id"] for r in rows if r < len(self.items)]

    def _open_routed(self, row: int, _col: int) -> None:
        code = self.items[row]["dossier_code"] if row < len(self.items) else None
        if code:
            self.page.open_dossier(code)

    def attach_selected(self) -> None:
        ids = self.selected_ids()
        document = self.page.current_document()
        if not ids:
            return
        if document is None or self.page.code is None:
            messages.info(self, self.tr("Open the dossier and choose the document first."))
            return
        routed = {
            self.items[r]["dossier_code"]
            for r in range(len(self.items))
            if self.items[r]["id"] in ids and self.items[r]["dossier_code"]
        }
        if routed - {self.page.code} and not messages.confirm(
            self,
            self.tr("These files were routed to another dossier. Attach them to %1 anyway?").replace(
                "%1", self.page.code
            ),
        ):
            return
        job = partial(
            inbox.attach_inbox, self.ctx.db, ids, document, code=self.page.code, actor=self.ctx.user
        )
        self.ctx.runner.run(job, parent=self, on_success=self._attached)

    def _attached(self, report: Any) -> None:
        self.ctx.set_status(self.tr("%1 page(s) added.").replace("%1", str(len(report.added))))
        self.page._reload()
        self.ctx.runner.run(inbox.list_inbox, self.ctx.db, parent=self, on_success=self._show)

    def dismiss(self, ids: list[int], reason: str) -> None:
        job = partial(inbox.dismiss_inbox, self.ctx.db, ids, reason, actor=self.ctx.user)
        self.ctx.runner.run(
            job,
            parent=self,
            on_success=lambda _n: self.ctx.runner.run(
                inbox.list_inbox, self.ctx.db, parent=self, on_success=self._show
            ),
        )

    def _ask_dismiss(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Set aside"), self.tr("Why are these files set aside?")
        )
        if ok:
            self.dismiss(ids, reason)

    def set_folder(self, folder: str) -> None:
        job = partial(inbox.set_watch_folder, self.ctx.db, folder, actor=self.ctx.user)
        self.ctx.runner.run(job, parent=self, on_success=self._set_folder)

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder where the copier saves scans"))
        if folder:
            self.set_folder(folder)
