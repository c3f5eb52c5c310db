"""The dialog of one move on a dossier (thao tác xử lý hồ sơ): the fields that move needs, nothing else.

The dialog does not write anything itself: ``submitted(values)`` carries the keyword arguments of
``services.lifecycle.act``; the dossier page runs the move in the background and closes the dialog when it
succeeded (``done_ok``) or shows the error and keeps it open.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.states import Action
from desk_app.domain.text import fold


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
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.dossier = dossier
        self.setObjectName("moveDialog")
        self.setWindowTitle(self._title(action))
        now = (now or datetime.now()).replace(second=0, microsecond=0)
        form = QFormLayout()
        self.at_edit = QDateTimeEdit(_qdatetime(now))
        self.at_edit.setObjectName("atEdit")
        self.at_edit.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.at_edit.setCalendarPopup(True)
        form.addRow(self.tr("When"), self.at_edit)
        self.to_edit = self.reason_edit = self.receiver_name = self.receiver_id = None
        self.items_edit: QPlainTextEdit | None = None
        self.new_due_edit: QDateEdit | None = None
        self.relation_combo = self.channel_combo = self.rating_combo = None
        self.e_result_check: QCheckBox | None = None
        a = Action
        if action in (a.FORWARD, a.RESULT_READY):
            self.to_edit = self._line("toEdit")
            label = self.tr("Hand over to") if action == a.FORWARD else self.tr("Result handed to (optional)")
            form.addRow(label, self.to_edit)
        if action == a.REQUEST_SUPPLEMENT:
            self.items_edit = QPlainTextEdit()
            self.items_edit.setObjectName("itemsEdit")
            self.items_edit.setPlaceholderText(self.tr("One missing item per line"))
            form.addRow(self.tr("What to supplement"), self.items_edit)
        if action == a.EXTEND:
            deadline = dossier.get("deadline_at") or dossier.get("due_at")
            base = datetime.strptime(deadline, "%Y-%m-%dT%H:%M").date() if deadline else now.date()
            self.new_due_edit = QDateEdit(_qdate(base).addDays(1))
            self.new_due_edit.setObjectName("newDueEdit")
            self.new_due_edit.setDisplayFormat("dd/MM/yyyy")
            self.new_due_edit.setCalendarPopup(True)
            form.addRow(self.tr("New due date"), self.new_due_edit)
        if action != a.SUPPLEMENT_RECEIVED and action != a.PAYMENT_RECEIVED and action != a.RESULT_READY:
            self.reason_edit = self._line("reasonEdit")
            required = action in (a.REFUSE, a.WITHDRAW, a.STOP, a.EXTEND)
            form.addRow(self.tr("Reason") + (" *" if required else ""), self.reason_edit)
        if action == a.RETURN:
            applicant = dossier.get("applicant") or {}
            self.receiver_name = self._line("receiverNameEdit", applicant.get("full_name", ""))
            self.receiver_id = self._line("receiverIdEdit", applicant.get("id_number", ""))
            self.relation_combo = self._combo(
                "relationCombo",
                [("self", self.tr("The applicant")), ("authorised", self.tr("An authorised person"))],
            )
            self.channel_combo = self._combo(
                "channelCombo",
                [
                    ("counter", self.tr("At the counter")),
                    ("postal", self.tr("By post")),
                    ("online", self.tr("Online")),
                ],
            )
            via = dossier.get("return_via") or "counter"
            self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(via)))
            self.rating_combo = self._combo(
                "ratingCombo",
                [
                    (None, self.tr("Not asked")),
                    ("satisfied", self.tr("Satisfied")),
                    ("neutral", self.tr("Neutral")),
                    ("dissatisfied", self.tr("Dissatisfied")),
                ],
            )
            self.receiver_name.textEdited.connect(self._receiver_changed)
            form.addRow(self.tr("Received by"), self.receiver_name)
            form.addRow(self.tr("ID number"), self.receiver_id)
            form.addRow(self.tr("Relation"), self.relation_combo)
            form.addRow(self.tr("Returned"), self.channel_combo)
            form.addRow(self.tr("Rating"), self.rating_combo)
        if action in (a.RESULT_READY, a.RETURN):
            self.e_result_check = QCheckBox(self.tr("An electronic result exists"))
            self.e_result_check.setObjectName("eResultCheck")
            self.e_result_check.setChecked(bool(dossier.get("result_digitized")))
            form.addRow("", self.e_result_check)

        self.ok_button = QPushButton(self.tr("Confirm"))
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<b>{dossier.get('code') or ''}</b> — {(dossier.get('applicant') or {}).get('full_name', '')}"
        )
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
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

    def _receiver_changed(self, text: str) -> None:
        """Someone other than the applicant collects: an authorised person, whose own ID is needed."""
        applicant = self.dossier.get("applicant") or {}
        own = fold(text) == fold(applicant.get("full_name", ""))
        if self.relation_combo is not None:
            self.relation_combo.setCurrentIndex(self.relation_combo.findData("self" if own else "authorised"))
        if self.receiver_id is not None and not own and self.receiver_id.text() == applicant.get("id_number"):
            self.receiver_id.clear()

    def _line(self, name: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        return edit

    def _combo(self, name: str, items: list[tuple[str | None, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for value, label in items:
            combo.addItem(label, value)
        return combo

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
