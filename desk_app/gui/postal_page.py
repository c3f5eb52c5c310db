"""The postal page (bưu chính công ích): what to send today, what is out for delivery, what came back, what came in
by post, and the hand-over manifests.

Everything is read and written on the background runner (services.postal); the page refreshes after every change
to dossiers. The scan box takes an S10 item number, a manifest number (``BG-…``) or a dossier code: an item or a
manifest is shown in the table, a dossier code opens the dossier. Actions: send a ready result by post (the
number's check digit is verified as it is typed), confirm delivery, record an undeliverable item with its
reason, print the address label and the day's manifest (previewed before printing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import UserError
from desk_app.domain.postal import PAYER_LABEL_VI, looks_like_s10, parse_item_number
from desk_app.gui.context import GuiContext
from desk_app.gui.dossier_view import format_when
from desk_app.gui.pages import PageSpec
from desk_app.gui.screenfit import FlowLayout
from desk_app.services.lifecycle import prints
from desk_app.services.postal import documents, incoming, items, manifests

if TYPE_CHECKING:
    from desk_app.gui.pdf_preview import PrintRecorder

VIEWS = {
    "to_send": str(QT_TRANSLATE_NOOP("PostalPage", "To send")),
    "out": str(QT_TRANSLATE_NOOP("PostalPage", "Out for delivery")),
    "undeliverable": str(QT_TRANSLATE_NOOP("PostalPage", "Came back")),
    "received": str(QT_TRANSLATE_NOOP("PostalPage", "Received by post")),
    "delivered": str(QT_TRANSLATE_NOOP("PostalPage", "Delivered")),
    "manifests": str(QT_TRANSLATE_NOOP("PostalPage", "Manifests")),
}


def _snapshot(db: Any) -> dict[str, list[dict[str, Any]]]:
    """Every list of the page, read together off the GUI thread."""
    return {
        "to_send": items.to_send(db),
        "out": items.list_items(db, state="out"),
        "undeliverable": items.list_items(db, state="undeliverable"),
        "received": items.list_items(db, state="received"),
        "delivered": items.list_items(db, state="delivered"),
        "manifests": manifests.list_manifests(db),
    }


def _lookup(db: Any, text: str) -> tuple[str, Any]:
    """What a scan names: ("manifest", batch), ("item", item) or ("dossier", code)."""
    key = text.strip().upper()
    if key.startswith("BG-"):
        return "manifest", manifests.manifest_items(db, key)
    if looks_like_s10(key) or any(ch == "/" for ch in key):
        return "item", items.find_item(db, key)
    from desk_app.services.lifecycle.dossier_view import normalise_code

    return "dossier", normalise_code(key)


class SendDialog(QDialog):
    """Send a ready result by post: item number (checked as typed), fee, payer, label size."""

    def __init__(self, code: str, fee: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postalSendDialog")
        self.setWindowTitle(self.tr("Send the result by post"))
        self.code = code
        self.item_edit = QLineEdit()
        self.item_edit.setObjectName("itemEdit")
        self.item_edit.setPlaceholderText("RR123456785VN")
        self.free_box = QCheckBox(self.tr("No S10 number: free reference"))
        self.free_box.setObjectName("freeBox")
        self.fee_box = QSpinBox()
        self.fee_box.setObjectName("feeBox")
        self.fee_box.setRange(0, 10_000_000)
        self.fee_box.setSingleStep(1000)
        self.fee_box.setValue(fee)
        self.fee_box.setSuffix(" đ")
        self.payer_combo = QComboBox()
        self.payer_combo.setObjectName("payerCombo")
        self.payer_combo.addItem(self.tr("Citizen"), "citizen")
        self.payer_combo.addItem(self.tr("Commune"), "commune")
        self.size_combo = QComboBox()
        self.size_combo.setObjectName("labelCombo")
        for size in items.LABEL_SIZES:
            self.size_combo.addItem(size, size)
        self.problem = QLabel()
        self.problem.setObjectName("problemLabel")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #b02a37; }")
        form = QFormLayout()
        form.addRow(self.tr("Dossier"), QLabel(code))
        form.addRow(self.tr("Item number"), self.item_edit)
        form.addRow("", self.free_box)
        form.addRow(self.tr("Postal fee"), self.fee_box)
        form.addRow(self.tr("Paid by"), self.payer_combo)
        form.addRow(self.tr("Label"), self.size_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.item_edit.textChanged.connect(self._check)
        self.free_box.toggled.connect(self._check)
        self._check()

    def _check(self, *_args: Any) -> bool:
        """Validate the number as typed; OK is enabled only for a valid one."""
        text = self.item_edit.text()
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            parse_item_number(text, free=self.free_box.isChecked())
        except UserError as exc:
            self.problem.setText(exc.vi if text.strip() else "")
            ok_button.setEnabled(False)
            return False
        self.problem.setText("")
        ok_button.setEnabled(True)
        return True

    def _accept(self) -> None:
        if self._check():
            self.accept()

    def values(self) -> dict[str, Any]:
        return {
            "item": items.ItemRequest(self.item_edit.text(), self.free_box.isChecked()),
            "fee": self.fee_box.value(),
            "payer": self.payer_combo.currentData(),
            "label_size": self.size_combo.currentData(),
        }


class PostalPage(QWidget):
    """The postal page; ``loaded(dict)`` after each refresh (tests wait on it)."""

    loaded = Signal(dict)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("postalPage")
        self.data: dict[str, list[dict[str, Any]]] = {}
        self.rows: list[dict[str, Any]] = []
        self.shown_manifest: dict[str, Any] | None = None
        self.preview: QDialog | None = None
        self._generation = 0
        # Tests replace these two to answer without a modal dialog.
        self.ask_send: Callable[[str, int], dict[str, Any] | None] = self._ask_send
        self.ask_reason: Callable[[str], str | None] = self._ask_reason

        self.scan = QLineEdit()
        self.scan.setObjectName("postalScan")
        self.scan.setPlaceholderText(
            self.tr("Scan or type an item number, a manifest number or a dossier code")
        )
        self.scan.setClearButtonEnabled(True)
        self.views = QListWidget()
        self.views.setObjectName("postalViews")
        self.views.setFixedWidth(230)
        for key, title in VIEWS.items():
            entry = QListWidgetItem(self.tr(title))
            entry.setData(Qt.ItemDataRole.UserRole, key)
            self.views.addItem(entry)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("postalTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setObjectName("postalStatus")

        self.send_button = QPushButton(self.tr("Send by post…"))
        self.send_button.setObjectName("sendButton")
        self.delivered_button = QPushButton(self.tr("Delivered"))
        self.delivered_button.setObjectName("deliveredButton")
        self.undeliverable_button = QPushButton(self.tr("Undeliverable…"))
        self.undeliverable_button.setObjectName("undeliverableButton")
        self.label_button = QPushButton(self.tr("Print label"))
        self.label_button.setObjectName("labelButton")
        self.manifest_button = QPushButton(self.tr("Today's manifest"))
        self.manifest_button.setObjectName("manifestButton")
        self.open_button = QPushButton(self.tr("Open dossier"))
        self.open_button.setObjectName("openButton")
        buttons = FlowLayout()  # wraps on a narrow screen (1024 px)
        for button in (
            self.send_button,
            self.delivered_button,
            self.undeliverable_button,
            self.label_button,
            self.manifest_button,
            self.open_button,
        ):
            buttons.addWidget(button)

        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(self.table, 1)
        right.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(self.views)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan)
        layout.addLayout(body, 1)

        self.views.currentRowChanged.connect(lambda _row: self._show())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_dossier())
        self.scan.returnPressed.connect(self.look_up)
        self.send_button.clicked.connect(self.send_selected)
        self.delivered_button.clicked.connect(self.deliver_selected)
        self.undeliverable_button.clicked.connect(self.undeliverable_selected)
        self.label_button.clicked.connect(self.print_label)
        self.manifest_button.clicked.connect(lambda: self.print_manifest())
        self.open_button.clicked.connect(self.open_dossier)
        ctx.dossiersChanged.connect(self.refresh)
        self.views.setCurrentRow(0)
        self.refresh()

    # -- page interface --------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        if arg in VIEWS:
            self.show_view(arg)
        self.refresh()

    def focus_search(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def count(self) -> int | None:
        """The navigation badge: results waiting to be sent by post."""
        return len(self.data.get("to_send", [])) if self.data else None

    def current_view(self) -> str:
        entry = self.views.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else "to_send"

    def show_view(self, key: str) -> None:
        self.shown_manifest = None
        self.views.setCurrentRow(list(VIEWS).index(key))

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.ctx.runner.run(
            lambda: _snapshot(self.ctx.db), on_success=lambda data: self._got(generation, data), parent=self
        )

    def _got(self, generation: int, data: dict[str, list[dict[str, Any]]]) -> None:
        if generation != self._generation:
            return
        self.data = data
        for i in range(self.views.count()):
            entry = self.views.item(i)
            key = entry.data(Qt.ItemDataRole.UserRole)
            entry.setText(f"{self.tr(VIEWS[key])} ({len(data.get(key, []))})")
        self._show()
        update = getattr(self.ctx.window, "update_badges", None)
        if callable(update):
            update()
        self.loaded.emit(data)

    def _columns(self, view: str) -> list[str]:
        if view == "to_send":
            return [
                self.tr("Code"),
                self.tr("Applicant"),
                self.tr("Address"),
                self.tr("Phone"),
                self.tr("Result ready"),
            ]
        if view == "manifests":
            return [
                self.tr("Manifest"),
                self.tr("Date"),
                self.tr("Direction"),
                self.tr("Items"),
                self.tr("Fees"),
            ]
        return [
            self.tr("Item number"),
            self.tr("Code"),
            self.tr("Recipient / sender"),
            self.tr("Handed over"),
            self.tr("Fee"),
            self.tr("State"),
        ]

    def _cells(self, view: str, row: dict[str, Any]) -> list[str]:
        if view == "to_send":
            return [
                row["code"],
                row["applicant"],
                row["address"],
                row["phone"],
                format_when(row["finished_at"]),
            ]
        if view == "manifests":
            direction = (
                self.tr("Handed to the post") if row["direction"] == "out" else self.tr("Taken from the post")
            )
            return [
                row["number"],
                row["day"],
                direction,
                str(row["count"]),
                f"{row['fees']:,}".replace(",", "."),
            ]
        number = row["number"] + (" *" if row["number_kind"] == "free" else "")
        state = row["state_label"] + (f": {row['reason']}" if row.get("reason") else "")
        payer = PAYER_LABEL_VI.get(row["payer"], row["payer"])
        return [
            number,
            row["code"],
            row["recipient"] or row["applicant"],
            format_when(row["handed_at"]),
            f"{row['fee']:,}".replace(",", ".") + f" ({payer})",
            state,
        ]

    def _show(self) -> None:
        view = self.current_view()
        if self.shown_manifest is not None:
            rows, view = self.shown_manifest["items"], "out"
            self.status.setText(
                self.tr("Manifest %1: %n item(s)", "", len(rows)).replace("%1", self.shown_manifest["number"])
            )
        else:
            rows = self.data.get(view, [])
            self.status.setText(self.tr("%n line(s)", "", len(rows)))
        self.rows = rows
        self._view = view
        columns = self._columns(view)
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(self._cells(view, row)):
                self.table.setItem(r, c, QTableWidgetItem(value or ""))
        self._update_buttons()

    def selected(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        row = self.selected()
        view = getattr(self, "_view", "to_send")
        may = self.ctx.can("postal")
        out = row is not None and row.get("state") == "out"
        self.send_button.setEnabled(may and row is not None and view == "to_send")
        self.delivered_button.setEnabled(may and out)
        self.undeliverable_button.setEnabled(may and out and row is not None and row.get("kind") == "return")
        self.label_button.setEnabled(may and row is not None and view in ("to_send", "out"))
        self.manifest_button.setEnabled(may)
        self.open_button.setEnabled(row is not None and bool(row.get("code")))

    def select_code(self, code: str) -> bool:
        """Select the row of dossier ``code`` (or of item number ``code``) in the current table."""
        for r, row in enumerate(self.rows):
            if code in (row.get("code"), row.get("number")):
                self.table.selectRow(r)
                return True
        return False

    # -- scanning --------------------------------------------------------------------------------
    def look_up(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        self.ctx.runner.run(_lookup, self.ctx.db, text, on_success=self._found, parent=self)

    def _found(self, result: tuple[str, Any]) -> None:
        kind, value = result
        self.scan.clear()
        if kind == "manifest":
            self.shown_manifest = value
            self._show()
        elif kind == "item":
            view = {"out": "out", "undeliverable": "undeliverable", "received": "received"}.get(
                value["state"], "delivered"
            )
            self.show_view(view)
            self.select_code(value["number"])
        else:
            self.ctx.openDossierRequested.emit(value)

    # -- actions ---------------------------------------------------------------------------------
    def _ask_send(self, code: str, fee: int) -> dict[str, Any] | None:
        dialog = SendDialog(code, fee, self)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _ask_reason(self, number: str) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Undeliverable"),
            self.tr("Why could the post not deliver %1?").replace("%1", number),
        )
        return text if ok and text.strip() else None

    def _changed(self, message: str) -> None:
        self.ctx.set_status(message)
        self.ctx.dossiersChanged.emit()

    def send_selected(self) -> None:
        row = self.selected()
        if row is None or not self.ctx.can("postal"):
            return
        code = row["code"]
        self.ctx.runner.run(
            lambda: incoming.current_tariff(self.ctx.db),
            on_success=lambda fee: self._send_with(code, fee),
            parent=self,
        )

    def _send_with(self, code: str, fee: int) -> None:
        values = self.ask_send(code, fee)
        if values is None:
            return
        user = self.ctx.user
        self.ctx.runner.run(
            lambda: items.send(self.ctx.db, code, actor=user, **values),
            on_success=lambda r: self._changed(
                self.tr("%1 sent by post (%2)").replace("%1", code).replace("%2", r["number"])
            ),
            parent=self,
        )

    def deliver_selected(self) -> None:
        row = self.selected()
        if row is None or row.get("state") != "out":
            return
        number, user = row["number"], self.ctx.user
        self.ctx.runner.run(
            lambda: items.delivered(self.ctx.db, number, actor=user),
            on_success=lambda r: self._changed(self.tr("%1 delivered").replace("%1", number)),
            parent=self,
        )

    def undeliverable_selected(self) -> None:
        row = self.selected()
        if row is None or row.get("state") != "out":
            return
        number, user = row["number"], self.ctx.user
        reason = self.ask_reason(number)
        if not reason:
            return
        self.ctx.runner.run(
            lambda: items.undeliverable(self.ctx.db, number, reason=reason, actor=user),
            on_success=lambda r: self._changed(self.tr("%1 came back undeliverable").replace("%1", number)),
            parent=self,
        )

    def _preview(self, pdf: bytes, title: str, file_name: str, recorder: PrintRecorder | None = None) -> None:
        from desk_app.gui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(self.ctx, pdf, title, self, file_name=file_name, recorder=recorder)
        self.preview = dialog
        dialog.open()

    def print_label(self) -> None:
        row = self.selected()
        if row is None:
            return
        from desk_app.gui.pdf_preview import PrintRecorder

        code, user, db = row["code"], self.ctx.user, self.ctx.db
        # The preview records nothing; printing or saving the label records it (the recorded PDF is printed).
        recorder = PrintRecorder(
            record=lambda how: documents.record_label_print(db, code, actor=user, how=how),
            failed=lambda recorded, reason: prints.print_failed(db, recorded, user, reason),
        )
        self.ctx.runner.run(
            lambda: documents.label_preview(db, code),
            on_success=lambda pdf: self._preview(pdf, self.tr("Address label"), f"nhan-{code}.pdf", recorder),
            parent=self,
        )

    def print_manifest(self, day: date | None = None) -> None:
        """Preview the day's hand-over manifest: nothing is made until it is printed or saved as PDF."""
        user = self.ctx.user
        self.ctx.runner.run(
            lambda: documents.manifest_preview_pdf(self.ctx.db, day, actor=user),
            on_success=lambda result: self._manifest_ready(day, *result),
            parent=self,
        )

    def _manifest_ready(
        self, day: date | None, pdf: bytes, data: dict[str, Any], existing: str | None
    ) -> None:
        from desk_app.gui.pdf_preview import PrintRecorder

        db, user = self.ctx.db, self.ctx.user
        recorder = PrintRecorder(
            record=lambda how: documents.record_manifest_print(db, day, number=existing, actor=user, how=how),
            failed=lambda recorded, reason: prints.print_failed(db, recorded, user, reason),
            done=lambda _recorded: self.refresh(),
        )
        self._preview(pdf, self.tr("Hand-over manifest"), f"{data['number']}.pdf", recorder)

    def open_dossier(self) -> None:
        row = self.selected()
        if row is not None and row.get("code"):
            self.ctx.openDossierRequested.emit(row["code"])


def page_spec() -> PageSpec:
    return PageSpec(
        key="postal",
        title=str(QT_TRANSLATE_NOOP("Pages", "Postal")),
        order=40,
        factory=PostalPage,
        permission="postal",
        icon="postal.svg",
    )
