"""The assistance screen (sổ hỗ trợ dịch vụ công trực tuyến): record a help in a few keystrokes.

F8 opens it from anywhere (PageSpec.shortcut). The form is ``ui/assist_help.ui`` (compiled by tools/build_ui.py);
the behaviour is here. Keyboard: the kind has the focus (arrows or the first letters), Tab moves on, F9 (or
Ctrl+Enter) saves in one transaction on a worker thread, F6 opens the guide sheet of the procedure (or of
the kind of help) in the print preview. Picking an online-only procedure at intake lands here, set to
online filing with that procedure.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import UserError, ValidationError
from desk_app.gui import uiload
from desk_app.gui.context import GuiContext
from desk_app.gui.forms.ui_assist_help import Ui_AssistHelpForm
from desk_app.gui.pages import PageSpec

KINDS: list[tuple[str, str]] = [
    ("vneid_activation", str(QT_TRANSLATE_NOOP("AssistPage", "VNeID install / level-2 activation"))),
    ("portal_login", str(QT_TRANSLATE_NOOP("AssistPage", "Portal login with VNeID"))),
    ("online_filing", str(QT_TRANSLATE_NOOP("AssistPage", "Filing a dossier online"))),
    ("online_payment", str(QT_TRANSLATE_NOOP("AssistPage", "Paying online"))),
    ("lookup", str(QT_TRANSLATE_NOOP("AssistPage", "Looking up a dossier"))),
    ("other", str(QT_TRANSLATE_NOOP("AssistPage", "Other help"))),
]
OUTCOMES: list[tuple[str, str]] = [
    ("done", str(QT_TRANSLATE_NOOP("AssistPage", "Done"))),
    ("not_done", str(QT_TRANSLATE_NOOP("AssistPage", "Not done"))),
]
REASONS: list[tuple[str, str]] = [
    ("no_level2", str(QT_TRANSLATE_NOOP("AssistPage", "No level-2 account yet"))),
    ("no_smartphone", str(QT_TRANSLATE_NOOP("AssistPage", "No smartphone"))),
    ("forgot_password", str(QT_TRANSLATE_NOOP("AssistPage", "Forgot the password"))),
    ("phone_not_own", str(QT_TRANSLATE_NOOP("AssistPage", "Phone number not in own name"))),
    ("portal_down", str(QT_TRANSLATE_NOOP("AssistPage", "Portal down"))),
    ("missing_papers", str(QT_TRANSLATE_NOOP("AssistPage", "Papers missing"))),
    ("declined", str(QT_TRANSLATE_NOOP("AssistPage", "Citizen did not want to go on"))),
    ("other", str(QT_TRANSLATE_NOOP("AssistPage", "Other reason (write it in the note)"))),
]
GUIDE_FOR_KIND = {
    "vneid_activation": "vneid",
    "portal_login": "portal",
    "online_filing": "portal",
    "online_payment": "payment",
    "lookup": "lookup",
    "other": "portal",
}
FIELD_WIDGETS = {
    "kind": "kindCombo",
    "outcome": "outcomeCombo",
    "reason": "reasonCombo",
    "citizen.full_name": "nameEdit",
    "citizen.id_number": "idEdit",
    "citizen.phone": "phoneEdit",
    "procedure": "procedureEdit",
    "dossier_code": "dossierEdit",
    "minutes": "minutesSpin",
    "note": "noteEdit",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("AssistPage", text)


def _log(db: Any, inp: Any, actor: str) -> Any:
    from desk_app.services.assist.helps import log_help

    return log_help(db, inp, actor=actor)


def _today(db: Any) -> list[dict[str, Any]]:
    from desk_app.services.assist.helps import list_helps

    return list_helps(db, date.today(), date.today())


def _guide_pdf(db: Any, kind: str, procedure: str | None) -> bytes:
    from desk_app.printing.guides import render_guide
    from desk_app.services.assist.guides import guide_sheet

    return render_guide(guide_sheet(db, kind, procedure))


class AssistPage(QWidget):
    """Record helps given to citizens; today's helps underneath."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("assistPage")
        self.form = QWidget(self)
        self.form_ui = uiload.setup(self.form, Ui_AssistHelpForm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.form)
        self.kind = self._child(QComboBox, "kindCombo")
        self.outcome = self._child(QComboBox, "outcomeCombo")
        self.reason = self._child(QComboBox, "reasonCombo")
        self.name = self._child(QLineEdit, "nameEdit")
        self.id_number = self._child(QLineEdit, "idEdit")
        self.phone = self._child(QLineEdit, "phoneEdit")
        self.procedure = self._child(QLineEdit, "procedureEdit")
        self.dossier = self._child(QLineEdit, "dossierEdit")
        self.minutes = self._child(QSpinBox, "minutesSpin")
        self.note = self._child(QLineEdit, "noteEdit")
        self.level2 = self._child(QCheckBox, "level2Check")
        self.consent = self._child(QCheckBox, "consentCheck")
        self.error = self._child(QLabel, "errorLabel")
        self.today_label = self._child(QLabel, "todayLabel")
        self.table = self._child(QTableWidget, "todayTable")
        self.save_button = self._child(QPushButton, "saveButton")
        self.guide_button = self._child(QPushButton, "guideButton")
        for combo, values in ((self.kind, KINDS), (self.outcome, OUTCOMES), (self.reason, REASONS)):
            for value, label in values:
                combo.addItem(_t(label), value)
        self.table.setColumnCount(5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Kind"), self.tr("Outcome"), self.tr("Citizen"), self.tr("ID")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.save_button.clicked.connect(self.save)
        self.guide_button.clicked.connect(self.open_guide)
        for keys, slot in (("F9", self.save), ("Ctrl+Return", self.save), ("F6", self.open_guide)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.busy = False
        self.last_result: Any = None
        self.preview_dialog: Any = None
        self.rows: list[dict[str, Any]] = []
        self._token = uuid.uuid4().hex
        self._outcome_changed()
        self.refresh()

    def _child(self, kind: type[Any], name: str) -> Any:
        found = self.form.findChild(kind, name)
        if found is None:
            raise LookupError(f"assist_help.ui has no {kind.__name__} named {name!r}")
        return found

    # -- page API --------------------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        """Shown: focus the kind. ``file:CODE`` (from intake, an online-only procedure) presets online filing."""
        if arg and arg.startswith("file:"):
            self.kind.setCurrentIndex(self.kind.findData("online_filing"))
            self.procedure.setText(arg[5:])
            self.outcome.setCurrentIndex(0)
            self.name.setFocus()
            self.show_error(
                self.tr("This procedure is received online only: help the citizen file it online.")
            )
            return
        self.kind.setFocus()

    def refresh(self) -> None:
        self.ctx.runner.run(lambda: _today(self.ctx.db), on_success=self._show_today, parent=self)

    # -- behaviour -------------------------------------------------------------------------------------
    def _outcome_changed(self) -> None:
        self.reason.setEnabled(self.outcome.currentData() == "not_done")

    def request(self) -> Any:
        from desk_app.services.assist.helps import HelpInput

        not_done = self.outcome.currentData() == "not_done"
        reason = ""
        if not_done:
            reason = str(self.reason.currentData())
            if reason == "other" and self.note.text().strip():
                reason = self.note.text().strip()
        return HelpInput(
            kind=str(self.kind.currentData()),
            outcome=str(self.outcome.currentData()),
            full_name=self.name.text(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            had_level2=self.level2.isChecked(),
            procedure_code=self.procedure.text(),
            dossier_code=self.dossier.text(),
            consent=self.consent.isChecked(),
            reason=reason,
            minutes=self.minutes.value() or None,
            note=self.note.text(),
            client_token=self._token,
        )

    def save(self) -> None:
        """Record the help on a worker thread (one transaction); a second press while saving does nothing."""
        if self.busy:
            return
        try:
            inp = self.request()
        except UserError as exc:
            self._failed(exc)
            return
        self.busy = True
        self.save_button.setEnabled(False)
        self.ctx.runner.run(
            _log, self.ctx.db, inp, self.ctx.user, on_success=self._saved, on_error=self._failed, parent=self
        )

    def _saved(self, result: Any) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.last_result = result
        self._token = uuid.uuid4().hex
        kind_index = self.kind.currentIndex()
        for edit in (self.name, self.id_number, self.phone, self.procedure, self.dossier, self.note):
            edit.clear()
        self.minutes.setValue(0)
        self.level2.setChecked(False)
        self.consent.setChecked(False)
        self.outcome.setCurrentIndex(0)
        self.kind.setCurrentIndex(kind_index)  # the next citizen often needs the same help
        self.error.clear()
        text = self.tr("Help recorded.")
        if result.dossier_code:
            text = self.tr("Help recorded; online dossier %1.").replace("%1", result.dossier_code)
            self.ctx.dossiersChanged.emit()
        self.ctx.set_status(text)
        self.kind.setFocus()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_error(exc.vi if self._vietnamese() else exc.message)
            widget = self.form.findChild(QWidget, FIELD_WIDGETS.get(exc.field or "", ""))
            if widget is not None:
                widget.setFocus()
            return
        if isinstance(exc, UserError):
            self.show_error(exc.vi if self._vietnamese() else exc.message)
            return
        self.ctx.show_error(exc, self)

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def _vietnamese(self) -> bool:
        from desk_app.gui.language import current_language

        return current_language() != "en"

    def _show_today(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.today_label.setText(self.tr("Helps today: %1").replace("%1", str(len(rows))))
        self.table.setRowCount(len(rows))
        kinds = dict(KINDS)
        outcomes = dict(OUTCOMES)
        for i, r in enumerate(reversed(rows)):
            values = [
                r["at"][11:16],
                _t(kinds.get(r["kind"], r["kind"])),
                _t(outcomes.get(r["outcome"], r["outcome"])),
                r["full_name"],
                r["id_number"],
            ]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))

    def open_guide(self) -> None:
        """The guide sheet of the procedure typed (or of the kind of help) in the print preview."""
        code = self.procedure.text().strip()
        kind = "procedure" if code else GUIDE_FOR_KIND.get(str(self.kind.currentData()), "portal")
        self.ctx.runner.run(
            _guide_pdf,
            self.ctx.db,
            kind,
            code or None,
            on_success=self._show_guide,
            on_error=self._failed,
            parent=self,
        )

    def _show_guide(self, pdf: bytes) -> None:
        from desk_app.gui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(self.ctx, pdf, self.tr("Guide sheet"), self, file_name="huong-dan.pdf")
        self.preview_dialog = dialog
        dialog.open()


def page_spec() -> PageSpec:
    return PageSpec(
        key="assist",
        title=str(QT_TRANSLATE_NOOP("Pages", "Citizen help")),
        order=25,
        factory=AssistPage,
        permission="helplog",
        icon="assist.svg",
        shortcut="F8",
    )
