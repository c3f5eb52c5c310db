"""The dossier page (hồ sơ): one dossier with its documents, fee, moves, prints and audit history.

Opened by ``ctx.openDossierRequested(code)`` (the dossier list, the queues, a search result, or a barcode
scanned anywhere: desk_app.gui.barcode_wedge). The buttons are the moves the dossier's state allows and the
user may make; each opens a :class:`~desk_app.gui.move_dialog.MoveDialog`. Loading, moving and printing run
on the background runner; the page never waits on the disk.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import wording
from desk_app.domain.fees import format_vnd
from desk_app.domain.states import ACTION_PERMISSION, Action, action_label, state_label
from desk_app.gui import barcode_wedge
from desk_app.gui.context import GuiContext
from desk_app.gui.move_dialog import MoveDialog
from desk_app.gui.pages import PageSpec
from desk_app.gui.screenfit import FlowLayout
from desk_app.services.lifecycle import dossier_view, forms, print_jobs
from desk_app.services.lifecycle import moves as lifecycle

_KIND = {
    "original": str(QT_TRANSLATE_NOOP("DossierPage", "Original")),
    "copy": str(QT_TRANSLATE_NOOP("DossierPage", "Copy")),
    "certified_copy": str(QT_TRANSLATE_NOOP("DossierPage", "Certified copy")),
    "electronic": str(QT_TRANSLATE_NOOP("DossierPage", "Electronic")),
}
_TIMELINESS = {
    "early": str(QT_TRANSLATE_NOOP("DossierPage", "early")),
    "on_time": str(QT_TRANSLATE_NOOP("DossierPage", "on time")),
    "late": str(QT_TRANSLATE_NOOP("DossierPage", "late")),
}


def format_when(text: str | None) -> str:
    """``2025-07-10T09:00`` → ``09:00 10/07/2025`` (the way slips write it); shared with the queues page."""
    if not text:
        return ""
    day, _, clock = text.partition("T")
    y, m, d = day.split("-")
    return f"{clock[:5]} {d}/{m}/{y}".strip()  # HH:mm, never the seconds


def _language() -> str:
    from desk_app.gui.language import current_language

    return current_language()


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()


class DossierPage(QWidget):
    """One dossier, its history and the moves that can be made on it now.

    ``loaded(code)`` fires when a dossier's data is on screen; ``moved(action)`` after a move succeeded.
    """

    loaded = Signal(str)
    moved = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dossierPage")
        self.data: dict[str, Any] | None = None
        self.dialog: MoveDialog | None = None
        self.preview: QWidget | None = None
        self.action_buttons: dict[str, QPushButton] = {}  # the visible ones, by action
        self.print_buttons: dict[str, QPushButton] = {}
        self._all_actions: dict[str, QPushButton] = {}
        self._all_prints: dict[str, QPushButton] = {}

        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setPlaceholderText(self.tr("Dossier code (or scan the slip's barcode)"))
        open_button = QPushButton(self.tr("Open"))
        top = QHBoxLayout()
        top.addWidget(self.code_edit, 1)
        top.addWidget(open_button)
        self.title_label = QLabel()
        self.title_label.setObjectName("titleLabel")
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.info_label = QLabel()
        self.info_label.setObjectName("infoLabel")
        self.info_label.setWordWrap(True)
        self.actions_row = FlowLayout()  # wraps on a narrow screen
        self.prints_row = FlowLayout()

        self.documents = _table(
            "documentsTable",
            [self.tr("No."), self.tr("Document"), self.tr("Kind"), self.tr("Quantity"), self.tr("Received")],
        )
        self.moves = _table(
            "movesTable",
            [
                self.tr("When"),
                self.tr("Move"),
                self.tr("State after"),
                self.tr("By"),
                self.tr("To whom"),
                self.tr("Reason"),
            ],
        )
        self.prints = _table(
            "printsTable", [self.tr("When"), self.tr("Form"), self.tr("By"), self.tr("Reprint")]
        )
        self.audit = _table("auditTable", [self.tr("When"), self.tr("What happened")])
        self.fee_label = QLabel()
        self.fee_label.setObjectName("feeLabel")
        self.fee_label.setWordWrap(True)
        self.fee_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        prints_tab = QWidget()
        prints_layout = QVBoxLayout(prints_tab)
        prints_layout.addLayout(self.prints_row)
        prints_layout.addWidget(self.prints)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.addTab(self.fee_label, self.tr("Fee and return"))
        self.tabs.addTab(self.moves, self.tr("Moves"))
        self.tabs.addTab(prints_tab, self.tr("Prints"))
        self.tabs.addTab(self.audit, self.tr("Audit history"))

        self._make_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(self.info_label)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.tabs, 1)

        self.officials: list[str] = []
        self._moving = False  # a move just went through: its button waits for the refreshed dossier
        ctx.settingsChanged.connect(self.load_officials)
        self.load_officials()
        open_button.clicked.connect(lambda: self.open(self.code_edit.text()))
        self.code_edit.returnPressed.connect(lambda: self.open(self.code_edit.text()))
        ctx.dossiersChanged.connect(self.refresh)
        barcode_wedge.install(ctx)

    # -- page interface --------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        if arg:
            self.open(arg)
        else:
            self.code_edit.setFocus()

    def refresh(self) -> None:
        if self.data and self.data.get("code"):
            self.open(self.data["code"])

    def focus_search(self) -> None:
        self.code_edit.setFocus()
        self.code_edit.selectAll()

    # -- loading ---------------------------------------------------------------------------------
    def open(self, code: str) -> None:
        """Load the dossier ``code`` in the background and show it."""
        code = code.strip()
        if not code:
            return
        self.ctx.runner.run(dossier_view.show, self.ctx.db, code, on_success=self._show, parent=self)

    def _show(self, data: dict[str, Any]) -> None:
        self.data = data
        lang = _language()
        self.code_edit.setText(data["code"] or "")
        self.title_label.setText(f"<b>{data['code']}</b> — {state_label(data['state'], lang)}")
        a, p = data["applicant"], data["procedure"]
        parts = [
            f"{a['full_name']} · {a['id_number']} · {a['phone']}",
            f"{p['code']} {p['name']}",
            self.tr("Received %1, due %2")
            .replace("%1", format_when(data["received_at"]))
            .replace("%2", format_when(data["due_at"])),
        ]
        if data["extended_due_at"]:
            parts.append(self.tr("Extended to %1").replace("%1", format_when(data["extended_due_at"])))
        if data["deadline_at"] and data["deadline_at"] not in (data["due_at"], data["extended_due_at"]):
            parts.append(
                self.tr("Due after supplement pauses: %1").replace("%1", format_when(data["deadline_at"]))
            )
        if data.get("register"):
            parts.append(
                self.tr("Tracking book: volume %1, number %2")
                .replace("%1", data["register"]["volume"])
                .replace("%2", str(data["register"]["seq"]))
            )
        if data.get("letters"):
            parts.append(
                self.tr("Letters: %1").replace("%1", ", ".join(x["number"] for x in data["letters"]))
            )
        if data["timeliness"]:
            parts.append(self.tr("Timeliness: %1").replace("%1", self.tr(_TIMELINESS[data["timeliness"]])))
        self.info_label.setText("\n".join(parts))
        self._fill_tabs(data)
        self._moving = False
        self._build_buttons(data)
        self.loaded.emit(data["code"] or "")

    def _fill_tabs(self, data: dict[str, Any]) -> None:
        yes, no = self.tr("yes"), self.tr("no")
        _fill(
            self.documents,
            [
                [
                    str(d["position"]),
                    d["name"],
                    self.tr(_KIND.get(d["kind"], d["kind"])),
                    str(d["quantity"]),
                    yes if d["received"] else no,
                ]
                for d in data["documents"]
            ],
        )
        _fill(
            self.moves,
            [
                [
                    format_when(h["at"]),
                    h["label"],
                    state_label(h["state_after"], _language()),
                    h.get("actor_name") or h["actor"],
                    h["to_whom"],
                    h["reason"],
                ]
                for h in data["history"]
            ],
        )
        _fill(
            self.prints,
            [
                [
                    format_when(p["at"]),
                    forms.FORM_LABEL_VI.get(p["form"] or "") or wording.label("form", p["form"]),
                    p.get("actor_name") or p["actor"],
                    str(p["count"]) if p["reprint"] else "",
                ]
                for p in data["prints"]
            ],
        )
        _fill(
            self.audit,
            [[format_when(t["at"]), t.get("sentence") or t["action"]] for t in data["audit"]],
        )
        fee = data["fee"]
        lines = [
            self.tr("Fee: %1 (%2)")
            .replace("%1", format_vnd(fee["amount"]))
            .replace("%2", wording.label("payment", fee["method"])),
            self.tr("Channel: %1, result returned: %2")
            .replace("%1", wording.label("channel", data["channel"]))
            .replace("%2", wording.label("return_via", data["return_via"])),
        ]
        if data["receiver"]:
            r = data["receiver"]
            lines.append(
                self.tr("Received by %1 (%2)")
                .replace("%1", r.get("name", ""))
                .replace("%2", r.get("id_number", ""))
            )
        if data["rating"]:
            lines.append(self.tr("Rating: %1").replace("%1", wording.label("rating", data["rating"])))
        for item in data.get("postal", []):
            lines.append(
                self.tr("Postal item %1 (%2): %3")
                .replace("%1", item["number"])
                .replace("%2", item["kind_label"])
                .replace("%3", item["state_label"] + (f": {item['reason']}" if item["reason"] else ""))
            )
        for s in data["supplements"]:
            lines.append(
                self.tr("Supplement requested %1: %2")
                .replace("%1", format_when(s["requested_at"]))
                .replace("%2", "; ".join(s["items"]))
            )
        self.fee_label.setText("\n".join(lines))

    def _make_buttons(self) -> None:
        """Every move's and every form's button, made once; each dossier shows the ones that apply."""
        for action in Action:
            button = QPushButton(action_label(action, _language()))
            button.setObjectName(f"action-{action.value}")
            button.clicked.connect(lambda checked=False, a=action: self.start_move(a))
            button.hide()
            self.actions_row.addWidget(button)
            self._all_actions[action.value] = button
        self.actions_row.addStretch(1)
        self.slip_button = QPushButton(self.tr("Intake slip (Form 01)"))
        self.slip_button.setObjectName("print-slip")
        self.slip_button.clicked.connect(self.print_slip)
        self.slip_button.hide()
        self.prints_row.addWidget(self.slip_button)
        for form in forms.FORMS:
            button = QPushButton(forms.FORM_LABEL_VI[form])
            button.setObjectName(f"print-{form}")
            button.clicked.connect(lambda checked=False, f=form: self.print_form(f))
            button.hide()
            self.prints_row.addWidget(button)
            self._all_prints[form] = button
        self.prints_row.addStretch(1)

    def _build_buttons(self, data: dict[str, Any]) -> None:
        allowed = [a for a in data["allowed_actions"] if self.ctx.can(ACTION_PERMISSION[Action(a)])]
        self.action_buttons = {name: self._all_actions[name] for name in allowed}
        for name, button in self._all_actions.items():
            button.setVisible(name in self.action_buttons)
            button.setEnabled(True)
        available = {"control"}
        if any(s["stage"] == "processing" for s in data["supplements"]):
            available.add("supplement")
        if data["extended_due_at"]:
            available.add("apology")
        if data["state"] == "stopped":
            available.add("stop")
        if data["state"] == "refused" and data["code"]:
            available.add("refusal")
        self.print_buttons = {form: b for form, b in self._all_prints.items() if form in available}
        for form, button in self._all_prints.items():
            button.setVisible(form in available)
        self.slip_button.setVisible(bool(data.get("code")))  # a guided dossier has no slip

    # -- moves -------------------------------------------------------------------------------------
    def load_officials(self) -> None:
        """The admin's list of officials and departments, for the move dialogs (read in the background)."""
        from desk_app.services.setup import settings as settings_service

        self.ctx.runner.run(
            lambda: settings_service.officials(self.ctx.db),
            on_success=lambda names: setattr(self, "officials", list(names)),
            parent=self,
        )

    def start_move(self, action: Action) -> MoveDialog | None:
        """Open the dialog of ``action`` (non-blocking); the move runs when the clerk confirms.

        Nothing opens while a move's result is being reloaded, or when the dossier's state no longer allows
        ``action`` (Space or Enter on a button that was just used never reopens it).
        """
        if self.data is None or self._moving:
            return None
        if action.value not in (self.data.get("allowed_actions") or []):
            return None
        if self.dialog is not None and self.dialog.isVisible():
            return None
        dialog = MoveDialog(action, self.data, self, officials=self.officials)
        dialog.submitted.connect(lambda values, d=dialog: self._run_move(d, values))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _run_move(self, dialog: MoveDialog, values: dict[str, Any]) -> None:
        assert self.data is not None
        code, action = self.data["code"], dialog.action

        def done(result: dict[str, Any]) -> None:
            self._moving = True
            for button in self.action_buttons.values():
                button.setEnabled(False)
            dialog.accept()
            self.ctx.set_status(
                self.tr("%1: %2").replace("%1", code).replace("%2", action_label(action, _language()))
            )
            self.moved.emit(action.value)
            self.ctx.dossiersChanged.emit()

        def failed(exc: BaseException) -> None:
            dialog.failed()
            self.ctx.show_error(exc, dialog)

        self.ctx.runner.run(
            _act,
            self.ctx.db,
            code,
            action,
            {"actor": self.ctx.user, **values},
            on_success=done,
            on_error=failed,
            parent=self,
        )

    # -- prints ------------------------------------------------------------------------------------
    def print_slip(self) -> None:
        """Preview the intake slip; it is recorded (and later stamped as a reprint) only when really printed."""
        if self.data is None or not self.data.get("code"):
            return
        code = self.data["code"]
        title = self.tr("Slip %1").replace("%1", code)
        self._preview(print_jobs.PrintJob("slip", code), title, f"phieu-{code}.pdf")

    def print_form(self, form: str) -> None:
        """Preview ``form`` (nothing recorded, a letter shows the number it will get); printing it or saving
        it as PDF records it (services.lifecycle.print_jobs)."""
        if self.data is None:
            return
        code = self.data["code"]
        self._preview(print_jobs.PrintJob(form, code), forms.FORM_LABEL_VI[form], f"{form}-{code}.pdf")

    def _preview(self, job: print_jobs.PrintJob, title: str, file_name: str) -> None:
        from desk_app.gui.print_records import preview_job

        def shown(dialog: QWidget) -> None:
            self.preview = dialog

        preview_job(self.ctx, self, job, title, file_name, shown, done=lambda _r: self.refresh())


def _act(db: Any, code: str, action: Action, kwargs: dict[str, Any]) -> dict[str, Any]:
    return lifecycle.act(db, code, action, **kwargs)


def page_spec() -> PageSpec:
    return PageSpec(
        key="dossier",
        title=str(QT_TRANSLATE_NOOP("Pages", "Dossier")),
        order=12,
        factory=DossierPage,
        icon="dossier.svg",
    )
