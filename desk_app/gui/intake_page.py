"""The counter-intake screen (tiếp nhận hồ sơ): keyboard first, a dossier in under a minute.

Order of work, in tab order: pick the procedure (type a few words without accents, Enter), the applicant
(or scan the chip ID card into any field), the documents brought (Space unticks one that is missing),
the fee, channel and return, the appointment (never earlier than the rule). Enter moves to the next input.
F9 or Ctrl+S saves and prints the slip (Mẫu 01); the form is then cleared for the next citizen with the
cursor back in the procedure search. "Supplement guidance (Form 02)" and "Refuse (Form 03)" record and print
those instead.

Each form session carries a ``client_token``: pressing F9 twice, or again after an error, never makes two
dossiers (the service returns the first one).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.identity import CardPayload
from desk_app.gui.intake.card_reader import CardScanner, KeyTreeFilter
from desk_app.gui.intake.documents_table import DocumentsTable
from desk_app.gui.intake.intake_form import IntakeForm
from desk_app.gui.intake.procedure_picker import CatalogRow, load_catalog
from desk_app.gui.intake.reason_dialog import ReasonDialog
from desk_app.gui.pages import PageSpec
from desk_app.gui.pdf_preview import PdfPreviewDialog
from desk_app.gui.print_records import job_recorder
from desk_app.services.intake import receive as intake
from desk_app.services.intake.applicants import NameChanged
from desk_app.services.intake.receive import IntakeRequest, IntakeResult, ProcedurePreview
from desk_app.services.lifecycle import print_jobs, slip_print

if TYPE_CHECKING:
    from desk_app.gui.context import GuiContext
    from desk_app.store.db import Database

log = logging.getLogger(__name__)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


# (what was saved, the PDF or None, why it could not be made): a save is never reported as "not done"
# because its slip failed afterwards.
Outcome = tuple[IntakeResult, bytes | None, str]


def _then_print(result: IntakeResult, render: Callable[[], bytes]) -> Outcome:
    try:
        return result, render(), ""
    except UserError as exc:
        log.warning("dossier %s saved, its form could not be made: %s", result.number, exc.message)
        return result, None, exc.vi
    except Exception as exc:  # the save stands; the clerk reprints from the dossier page
        log.exception("dossier %s saved, its form could not be made", result.number)
        return result, None, f"{type(exc).__name__}: {exc}"


def receive_and_print(db: Database, req: IntakeRequest, actor: str) -> Outcome:
    """Worker thread: receive the dossier (idempotent by client_token), then its slip's preview.

    The preview records nothing: the print is recorded when the clerk prints or saves it (print_jobs).
    """
    result = intake.receive(db, req, actor)
    code = result.code
    assert code is not None
    return _then_print(result, lambda: slip_print.slip_preview(db, code))


def guide_and_print(db: Database, req: IntakeRequest, missing: list[str], reason: str, actor: str) -> Outcome:
    """Worker thread: record the guidance, then the preview of its Mẫu 02 (its number is taken when printed)."""
    result = intake.guide(db, req, missing, reason, actor)
    return _then_print(result, lambda: print_jobs.preview(db, print_job(result)))


def refuse_and_print(db: Database, req: IntakeRequest, reason: str, basis: str, actor: str) -> Outcome:
    """Worker thread: record the refusal, then the preview of its Mẫu 03 (its number is taken when printed)."""
    result = intake.refuse(db, req, reason, basis, actor)
    return _then_print(result, lambda: print_jobs.preview(db, print_job(result)))


def print_job(result: IntakeResult) -> print_jobs.PrintJob:
    """The form a save prints: the slip of a received dossier, Mẫu 02 of a guided one, Mẫu 03 of a refused one."""
    if result.state == "received":
        assert result.code is not None
        return print_jobs.PrintJob("slip", result.code)
    if result.state == "guided":
        return print_jobs.PrintJob("guidance", result.dossier_id)
    return print_jobs.PrintJob("counter-refusal", result.dossier_id)


class IntakePage(QWidget):
    """The intake screen; see the module docstring. The inputs live in ``self.form`` (IntakeForm)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("intakePage")
        self.client_token = uuid.uuid4().hex
        self.busy = False
        self.preview_dialog: PdfPreviewDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.last_result: IntakeResult | None = None
        self._last_submit: tuple[Callable[..., Any], tuple[Any, ...]] | None = None
        self._accept_name_change = False
        self._build()
        self.scanner = CardScanner(self)
        self.scanner.cardScanned.connect(self.fill_from_card)
        self.scanner.cardRejected.connect(lambda text: self.show_message(text, "error"))
        self.keys = KeyTreeFilter(self, self._on_key)
        self.reload_catalog()

    def _build(self) -> None:
        self.message_bar = QLabel(self)
        self.message_bar.setObjectName("messageBar")
        self.message_bar.setWordWrap(True)
        self.message_bar.hide()
        self.form = IntakeForm()
        f = self.form
        # Short names for the parts (tests and the key handler use them).
        self.picker, self.applicant, self.representative = f.picker, f.applicant, f.representative
        self.documents, self.fee, self.due_edit = f.documents, f.fee, f.due_edit
        self.picker.procedureChosen.connect(self.choose_procedure)

        self.save_button = QPushButton(self.tr("Save and print (F9)"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("F9 or Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.guide_button = QPushButton(self.tr("Supplement guidance (Form 02)"), self)
        self.guide_button.setObjectName("guideButton")
        self.guide_button.clicked.connect(lambda: self.ask_reason("guide"))
        self.refuse_button = QPushButton(self.tr("Refuse (Form 03)"), self)
        self.refuse_button.setObjectName("refuseButton")
        self.refuse_button.clicked.connect(lambda: self.ask_reason("refuse"))
        self.new_button = QPushButton(self.tr("New form (Ctrl+N)"), self)
        self.new_button.clicked.connect(self.new_form)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        for button in (self.refuse_button, self.guide_button, self.save_button):
            buttons.addWidget(button)
        for button in (self.new_button, self.refuse_button, self.guide_button, self.save_button):
            button.setAutoDefault(True)  # Enter on a focused button presses it
        outer = QVBoxLayout(self)
        outer.addWidget(self.message_bar)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        self.form.set_tab_order(
            [*self.form.tab_chain(), self.save_button, self.guide_button, self.refuse_button, self.new_button]
        )
        self.setFocusProxy(self.picker.search)

    @property
    def preview(self) -> ProcedurePreview | None:
        return self.form.preview

    # -- page protocol (desk_app.gui.pages) -------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        if arg:
            self.picker.search.setText(arg)
        self.picker.search.setFocus()

    def refresh(self) -> None:
        self.reload_catalog()

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    # -- catalog and procedure --------------------------------------------------------------------
    def reload_catalog(self) -> None:
        self.ctx.runner.run(load_catalog, self.ctx.db, on_success=self._got_catalog, parent=self)

    def _got_catalog(self, rows: list[CatalogRow]) -> None:
        self.picker.set_catalog(rows)

    def choose_procedure(self, code: str) -> None:
        """Show what ``code`` needs: documents, fee, processing time and the appointment it gives now."""
        self.ctx.runner.run(
            intake.preview,
            self.ctx.db,
            code,
            on_success=self._show_preview,
            on_error=self._failed,
            parent=self,
        )

    def _show_preview(self, preview: ProcedurePreview) -> None:
        self.form.show_preview(preview)
        self.clear_message()
        if preview.online_only:  # a province pilot: no paper intake, the counter helps file it online
            self.show_message(
                self.tr("%1 is received online only: press F8 to help the citizen file it online.").replace(
                    "%1", preview.code
                )
            )
            window = self.ctx.window
            show_page = getattr(window, "show_page", None)
            if callable(show_page) and self.ctx.can("helplog"):
                with contextlib.suppress(KeyError):  # the citizen-help page is not installed
                    show_page("assist", f"file:{preview.code}")

    def fill_from_card(self, card: CardPayload) -> None:
        """A chip ID card was scanned: fill the applicant (or the representative, when the scan landed in
        the representative's inputs), keep everything else."""
        person = self.applicant
        landed = self.scanner.scan_widget
        if (
            landed is not None
            and self.representative.isChecked()
            and self.representative.isAncestorOf(landed)
        ):
            person = self.representative
        person.fill_from_card(card)
        self.show_message(self.tr("ID card read: %1").replace("%1", person.full_name.text()), "info")

    # -- keys -------------------------------------------------------------------------------------
    def _on_key(self, widget: QWidget, event: QKeyEvent) -> bool:
        if self.scanner.key_press(widget, event):
            return True
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_F9 or (ctrl and key == Qt.Key.Key_S):
            self.save()
            return True
        if ctrl and key == Qt.Key.Key_N:
            self.new_form()
            return True
        if widget is self.picker.search and self.picker.handle_key(event):
            if key in _ENTER:
                self.applicant.full_name.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        for person in (self.applicant, self.representative):
            if (
                widget is person.gender
                and not ctrl
                and key not in _ENTER
                and key != Qt.Key.Key_Tab
                and person.gender_key(event)
            ):
                return True
        if widget is self.documents and key == Qt.Key.Key_Insert:
            self.documents.add_extra()
            return True
        if widget is self.documents and key == Qt.Key.Key_Delete:
            return self.documents.remove_current_extra()
        if key in _ENTER and not ctrl and self._enter_moves_on(widget):
            self.focus_next(widget)
            return True
        return False

    def _enter_moves_on(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None and parent is not self:
            if isinstance(parent, QAbstractItemView):
                return False  # a table cell editor: Enter commits it
            parent = parent.parentWidget()
        return isinstance(widget, QLineEdit | QComboBox | QAbstractSpinBox | QGroupBox | DocumentsTable)

    def focus_next(self, widget: QWidget) -> QWidget | None:
        """Give the focus to the next input in tab order after ``widget`` (what Enter does)."""
        w = widget.nextInFocusChain()
        while w is not None and w is not widget:
            if (
                self.isAncestorOf(w)
                and w.isVisibleTo(self)
                and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                and w.focusProxy() is None
            ):
                w.setFocus(Qt.FocusReason.TabFocusReason)
                return w
            w = w.nextInFocusChain()
        return None

    # -- messages ---------------------------------------------------------------------------------
    def show_message(self, text: str, kind: str = "info") -> None:
        colours = {
            "error": "#fdecea; color: #8a1c1c",
            "info": "#e8f4fd; color: #0b4f79",
            "success": "#e9f7ef; color: #1d6b3a",
            "warning": "#fff4e5; color: #7a4b00",
        }
        self.message_bar.setStyleSheet(f"background: {colours.get(kind, colours['info'])}; padding: 6px;")
        self.message_bar.setProperty("kind", kind)
        self.message_bar.setText(text)
        self.message_bar.show()

    def clear_message(self) -> None:
        self.message_bar.clear()
        self.message_bar.setProperty("kind", "")
        self.message_bar.hide()

    def show_validation(self, exc: ValidationError) -> None:
        self.show_message(exc.vi, "error")
        if exc.field in ("missing", "reason") and self.reason_dialog is not None:
            self.reason_dialog.show_error(exc.vi)
            self.reason_dialog.open()
            return
        widget = self.form.widget_for_field(exc.field)
        if widget is self.documents and exc.field:
            self.documents.focus_field(exc.field)
        elif widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._set_enabled(True)
        if isinstance(exc, NameChanged) and self._last_submit is not None:
            self._confirm_name_change(exc)
        elif isinstance(exc, ValidationError):
            self.show_validation(exc)
        elif isinstance(exc, UserError):
            self.show_message(exc.vi, "error")
        else:
            self.ctx.show_error(exc, self)

    def _confirm_name_change(self, exc: NameChanged) -> None:
        """The ID number is stored under another name: show both; save again only when the clerk confirms."""
        answer = QMessageBox.question(self, self.tr("Name differs"), exc.vi)
        if answer == QMessageBox.StandardButton.Yes and self._last_submit is not None:
            fn, args = self._last_submit
            self._accept_name_change = True
            try:
                self._submit(fn, *args)
            finally:
                self._accept_name_change = False
        else:
            self.show_validation(exc)

    # -- saving ---------------------------------------------------------------------------------
    def _submit(self, fn: Callable[..., Any], *args: Any) -> bool:
        if self.busy:
            return False  # F9 pressed again while saving: the first press is still at work
        try:
            req = self.form.build_request(self.client_token)
        except ValidationError as exc:
            self.show_validation(exc)
            return False
        if self._accept_name_change:  # the clerk saw both names and confirmed (NameChanged below)
            req = dataclasses.replace(req, accept_name_change=True)
        self._last_submit = (fn, args)
        self.busy = True
        self._set_enabled(False)
        self.ctx.runner.run(
            fn,
            self.ctx.db,
            req,
            *args,
            self.ctx.user,
            on_success=self._done,
            on_error=self._failed,
            parent=self,
        )
        return True

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.save_button, self.guide_button, self.refuse_button):
            button.setEnabled(enabled)

    def save(self) -> bool:
        """F9: receive the dossier and print its slip. False when nothing was started."""
        return self._submit(receive_and_print)

    def ask_reason(self, mode: str) -> ReasonDialog:
        """Guide (Mẫu 02) or refuse (Mẫu 03): ask what is missing / why, then record and print."""
        dialog = ReasonDialog(mode, self.documents.missing(), self)
        dialog.accepted.connect(lambda: self._reason_given(dialog))
        self.reason_dialog = dialog
        dialog.open()
        return dialog

    def _reason_given(self, dialog: ReasonDialog) -> None:
        # An empty list or reason is refused by the service (fields "missing" / "reason"): the dialog reopens.
        if dialog.mode == "guide":
            self._submit(guide_and_print, dialog.items(), dialog.reason())
        else:
            self._submit(refuse_and_print, dialog.reason(), dialog.legal_basis())

    def _done(self, outcome: Outcome) -> None:
        result, pdf, print_error = outcome
        self.busy = False
        self._set_enabled(True)
        self.last_result = result
        self.ctx.dossiersChanged.emit()
        if result.state == "received":
            due = result.due_at.strftime("%H:%M %d/%m/%Y") if result.due_at else ""
            text = (
                self.tr("Dossier %1 received; appointment %2.")
                .replace("%1", result.code or "")
                .replace("%2", due)
            )
            title = self.tr("Slip %1").replace("%1", result.code or "")
        elif result.state == "guided":
            text = self.tr("Supplement guidance %1 recorded.").replace("%1", result.number)
            title = self.tr("Supplement guidance %1").replace("%1", result.number)
        else:
            text = self.tr("Refusal %1 recorded.").replace("%1", result.number)
            title = self.tr("Refusal %1").replace("%1", result.number)
        self.new_form()
        if pdf is None:
            text = (
                self.tr(
                    "Dossier %1 was saved; its form could not be printed: %2. "
                    "Open the dossier (Dossier page) to print it again."
                )
                .replace("%1", result.code or result.number)
                .replace("%2", print_error)
            )
            self.show_message(text, "warning")  # the save stands: a warning, not an error
            self.ctx.set_status(text)
            self.reload_catalog()
            return
        self.show_message(text, "success")
        self.ctx.set_status(text)
        dialog = PdfPreviewDialog(
            self.ctx,
            pdf,
            title,
            self,
            file_name=f"{result.number or 'phieu'}.pdf",
            recorder=job_recorder(self.ctx, print_job(result)),
        )
        self.preview_dialog = dialog
        dialog.finished.connect(self._back_to_search)
        dialog.open()
        self.reload_catalog()  # use counts changed: the most used come first

    def _back_to_search(self) -> None:
        self.activateWindow()
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_form(self) -> None:
        """Clear everything for the next citizen (a new client_token); the cursor goes to the search."""
        self.scanner.finish()
        self.client_token = uuid.uuid4().hex
        self.form.clear()
        self.clear_message()
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)


def page_spec() -> PageSpec:
    return PageSpec(
        key="intake",
        title=str(QT_TRANSLATE_NOOP("Pages", "Intake")),
        order=20,
        icon="intake.svg",
        factory=IntakePage,
        permission="intake",
    )
