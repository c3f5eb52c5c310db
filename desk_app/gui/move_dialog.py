"""The dialog of one move on a dossier (thao tác xử lý hồ sơ): the fields that move needs, nothing else.

The widgets come from ui/move_dialog.ui (every field any move needs); the dialog keeps the rows of its move.
The dialog does not write anything itself: ``submitted(values)`` carries the keyword arguments of
``services.lifecycle.act``; the dossier page runs the move in the background and closes the dialog when it
succeeded (``done_ok``) or shows the error and keeps it open.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desk_app.domain.states import Action
from desk_app.domain.text import fold
from desk_app.gui import uiload
from desk_app.gui.forms.ui_move_dialog import Ui_MoveDialog

# The values behind the items of ui/move_dialog.ui's combos, in their order (services.lifecycle.act's words).
RELATIONS = ("self", "authorised")
RETURN_CHANNELS = ("counter", "postal", "online")
RATINGS = (None, "satisfied", "neutral", "dissatisfied")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(_qdate(moment.date()), QTime(moment.hour, moment.minute))


class MoveDialog(QDialog):
    """Asks what one move needs: when, to whom, why, what is missing, the new date, who took the result."""

    submitted = Signal(dict)

    def __init__(
        self,
        action: Action,
        dossier: dict[str, Any],
        parent: QWidget | None = None,
        now: datetime | None = None,
        officials: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.dossier = dossier
        self.ui = ui = uiload.setup(self, Ui_MoveDialog)
        self.setWindowTitle(self._title(action))
        now = (now or datetime.now()).replace(second=0, microsecond=0)
        applicant = dossier.get("applicant") or {}
        ui.heading.setText(
            f"<b>{escape(dossier.get('code') or '')}</b> — {escape(applicant.get('full_name', ''))}"
        )
        self.at_edit = ui.atEdit
        self.at_edit.setDateTime(_qdatetime(now))
        a = Action
        # The form holds every field a move may need; each move keeps the rows it asks for.
        self.to_edit: QLineEdit | None = ui.toEdit
        if action == a.RESULT_READY:
            ui.toLabel.setText(self.tr("Result handed to (optional)"))
        self.items_edit: QPlainTextEdit | None = ui.itemsEdit
        self.new_due_edit: QDateEdit | None = ui.newDueEdit
        if action == a.EXTEND:
            deadline = dossier.get("deadline_at") or dossier.get("due_at")
            base = datetime.strptime(deadline, "%Y-%m-%dT%H:%M").date() if deadline else now.date()
            ui.newDueEdit.setDate(_qdate(base).addDays(1))
        self.reason_edit: QLineEdit | None = ui.reasonEdit
        if action in (a.REFUSE, a.WITHDRAW, a.STOP, a.EXTEND):
            ui.reasonLabel.setText(ui.reasonLabel.text() + " *")
        self.receiver_name: QLineEdit | None = ui.receiverNameEdit
        self.receiver_id: QLineEdit | None = ui.receiverIdEdit
        self.relation_combo: QComboBox | None = ui.relationCombo
        self.channel_combo: QComboBox | None = ui.channelCombo
        self.rating_combo: QComboBox | None = ui.ratingCombo
        uiload.set_item_data(ui.relationCombo, RELATIONS)
        uiload.set_item_data(ui.channelCombo, RETURN_CHANNELS)
        uiload.set_item_data(ui.ratingCombo, RATINGS)
        if action == a.RETURN:
            ui.receiverNameEdit.setText(applicant.get("full_name", ""))
            ui.receiverIdEdit.setText(applicant.get("id_number", ""))
            via = dossier.get("return_via") or "counter"
            ui.channelCombo.setCurrentIndex(max(0, ui.channelCombo.findData(via)))
            ui.receiverNameEdit.textEdited.connect(self._receiver_changed)
        self.e_result_check: QCheckBox | None = ui.eResultCheck
        ui.eResultCheck.setChecked(bool(dossier.get("result_digitized")))

        keep = {
            "to_edit": action in (a.FORWARD, a.RESULT_READY),
            "items_edit": action == a.REQUEST_SUPPLEMENT,
            "new_due_edit": action == a.EXTEND,
            "reason_edit": action not in (a.SUPPLEMENT_RECEIVED, a.PAYMENT_RECEIVED, a.RESULT_READY),
            "receiver_name": action == a.RETURN,
            "receiver_id": action == a.RETURN,
            "relation_combo": action == a.RETURN,
            "channel_combo": action == a.RETURN,
            "rating_combo": action == a.RETURN,
            "e_result_check": action in (a.RESULT_READY, a.RETURN),
        }
        for name, kept in keep.items():
            if not kept:
                ui.form.removeRow(getattr(self, name))  # deletes the field and its label
                setattr(self, name, None)

        # Tab leaves the time field (Qt's date-time field would walk its own sections with Tab).
        self.at_edit.installEventFilter(self)
        if self.to_edit is not None and officials:
            # The officials and departments the admin keeps; anything else may still be typed.
            completer = QCompleter(officials, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.to_edit.setCompleter(completer)
            self.to_edit.setPlaceholderText(self.tr("Pick from the list (↓) or type a name"))
            self.officials_completer = completer
            self.to_edit.installEventFilter(self)
        self.ok_button = ui.okButton
        self.cancel_button = ui.cancelButton
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)

    def _title(self, action: Action) -> str:
        titles = {
            Action.FORWARD: self.tr("Forward the dossier"),
            Action.REQUEST_SUPPLEMENT: self.tr("Request a supplement"),
            Action.SUPPLEMENT_RECEIVED: self.tr("Supplement received"),
            Action.REQUEST_PAYMENT: self.tr("Request payment"),
            Action.PAYMENT_RECEIVED: self.tr("Payment received"),
            Action.EXTEND: self.tr("Apologise and set a new date"),
            Action.REFUSE: self.tr("Refuse the dossier"),
            Action.WITHDRAW: self.tr("Withdrawal requested"),
            Action.STOP: self.tr("Stop processing"),
            Action.RESULT_READY: self.tr("Result ready"),
            Action.RETURN: self.tr("Return the result"),
        }
        return titles[action]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.at_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
                )
                self.focusNextPrevChild(forward)
                return True
        if (
            watched is self.to_edit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down  # type: ignore[attr-defined]
            and getattr(self, "officials_completer", None) is not None
        ):
            self.officials_completer.setCompletionPrefix(self.to_edit.text() if self.to_edit else "")
            self.officials_completer.complete()
            return True
        return super().eventFilter(watched, event)

    def _receiver_changed(self, text: str) -> None:
        """Someone other than the applicant collects: an authorised person, whose own ID is needed."""
        applicant = self.dossier.get("applicant") or {}
        own = fold(text) == fold(applicant.get("full_name", ""))
        if self.relation_combo is not None:
            self.relation_combo.setCurrentIndex(self.relation_combo.findData("self" if own else "authorised"))
        if self.receiver_id is not None and not own and self.receiver_id.text() == applicant.get("id_number"):
            self.receiver_id.clear()

    def values(self) -> dict[str, Any]:
        """The keyword arguments of ``services.lifecycle.act`` for what was typed."""
        at = self.at_edit.dateTime()
        d, t = at.date(), at.time()
        out: dict[str, Any] = {"at": datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())}
        if self.to_edit is not None:
            out["to_whom"] = self.to_edit.text()
        if self.reason_edit is not None:
            out["reason"] = self.reason_edit.text()
        if self.items_edit is not None:
            out["items"] = [line for line in self.items_edit.toPlainText().splitlines() if line.strip()]
        if self.new_due_edit is not None:
            nd = self.new_due_edit.date()
            out["new_due"] = date(nd.year(), nd.month(), nd.day())
        if self.receiver_name is not None and self.receiver_id is not None:
            out["receiver"] = {
                "name": self.receiver_name.text(),
                "id_number": self.receiver_id.text(),
                "relation": self.relation_combo.currentData() if self.relation_combo else "",
            }
        if self.channel_combo is not None:
            out["channel"] = self.channel_combo.currentData()
        if self.rating_combo is not None:
            out["rating"] = self.rating_combo.currentData()
        if self.e_result_check is not None:
            out["e_result"] = self.e_result_check.isChecked()
        return out

    def _submit(self) -> None:
        self.ok_button.setEnabled(False)
        self.submitted.emit(self.values())

    def failed(self) -> None:
        """The move was refused: let the clerk correct and try again."""
        self.ok_button.setEnabled(True)
