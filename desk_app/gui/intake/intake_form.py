"""The inputs of the intake screen laid out in tab order, and the IntakeRequest they make.

:class:`IntakeForm` knows widgets and values only; saving, printing, keys and messages belong to
:class:`desk_app.gui.intake_page.IntakePage`.
"""

from __future__ import annotations

import itertools
from datetime import datetime, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import ValidationError
from desk_app.domain.postal import IncomingPost
from desk_app.gui.intake.applicant_form import PersonForm
from desk_app.gui.intake.documents_table import DocumentsTable
from desk_app.gui.intake.fee_box import FeeBox
from desk_app.gui.intake.procedure_picker import ProcedurePicker
from desk_app.services.intake.receive import IntakeRequest, ProcedurePreview

CHANNELS = (
    ("direct", QT_TRANSLATE_NOOP("IntakeForm", "Direct")),
    ("postal", QT_TRANSLATE_NOOP("IntakeForm", "Postal")),
    ("online", QT_TRANSLATE_NOOP("IntakeForm", "Online (assisted)")),
)
RETURN_VIA = (
    ("counter", QT_TRANSLATE_NOOP("IntakeForm", "At the one-stop counter")),
    ("postal", QT_TRANSLATE_NOOP("IntakeForm", "By post")),
    ("online", QT_TRANSLATE_NOOP("IntakeForm", "Online")),
)


# The appointment field's value while no procedure is picked: shown as the special text, never as a date.
NO_DUE = QDateTime(QDate(2000, 1, 1), QTime(0, 0))


class IntakeForm(QWidget):
    """Procedure, applicant, representative, documents, fee, channel, return, appointment, note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: ProcedurePreview | None = None
        self.picker = ProcedurePicker(self)
        self.procedure_info = QLabel(self)
        self.procedure_info.setObjectName("procedureInfo")
        self.procedure_info.setWordWrap(True)
        self.procedure_info.setTextFormat(Qt.TextFormat.PlainText)
        proc_box = QGroupBox(self.tr("Procedure"), self)
        lay = QVBoxLayout(proc_box)
        lay.addWidget(self.picker, 1)
        info_box = QGroupBox(self.tr("What the procedure needs"), self)
        QVBoxLayout(info_box).addWidget(self.procedure_info)

        self.applicant = PersonForm(self.tr("Applicant"), "applicant", self)
        self.representative = PersonForm(
            self.tr("Representative (filing on behalf)"), "representative", self, compact=True
        )
        self.representative.setCheckable(True)
        self.representative.setChecked(False)
        self.representative.body.hide()
        self.representative.toggled.connect(self.representative.body.setVisible)

        self.documents = DocumentsTable(self)
        self.add_doc_button = QPushButton(self.tr("Add document (Ins)"), self)
        self.add_doc_button.clicked.connect(lambda: self.documents.add_extra())
        docs_box = QGroupBox(self.tr("Documents received (Space: received or missing)"), self)
        lay = QVBoxLayout(docs_box)
        lay.addWidget(self.documents, 1)
        lay.addWidget(self.add_doc_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.fee = FeeBox(self)
        self.channel = QComboBox(self)
        self.channel.setObjectName("channel")
        for value, label in CHANNELS:
            self.channel.addItem(self.tr(str(label)), value)
        self.channel.currentIndexChanged.connect(lambda _i: self.fee.set_online(self.is_online()))
        # A dossier that came by post: its S10 item number and the day the post delivered it (issue 16).
        self.postal_item = QLineEdit(self)
        self.postal_item.setObjectName("postalItem")
        self.postal_item.setPlaceholderText("RR123456785VN")
        self.postal_delivered = QDateEdit(self)
        self.postal_delivered.setObjectName("postalDelivered")
        self.postal_delivered.setDisplayFormat("dd/MM/yyyy")
        self.postal_delivered.setCalendarPopup(True)
        self.postal_delivered.setDate(QDate.currentDate())
        self.postal_delivered.setMaximumDate(QDate.currentDate())
        self.return_via = QComboBox(self)
        self.return_via.setObjectName("returnVia")
        for value, label in RETURN_VIA:
            self.return_via.addItem(self.tr(str(label)), value)
        self.set_count = QSpinBox(self)
        self.set_count.setObjectName("setCount")
        self.set_count.setRange(1, 99)
        self.due_edit = QDateTimeEdit(self)
        self.due_edit.setObjectName("dueEdit")
        self.due_edit.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.due_edit.setCalendarPopup(True)
        self._no_due()
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        intake_box = QGroupBox(self.tr("Receiving"), self)
        form = QFormLayout(intake_box)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Postal item number"), self.postal_item)
        form.addRow(self.tr("Delivered by the post on"), self.postal_delivered)
        form.addRow(self.tr("Result returned"), self.return_via)
        self._receiving_form = form
        self.channel.currentIndexChanged.connect(lambda _i: self._show_postal())
        self._show_postal()
        form.addRow(self.tr("Number of sets"), self.set_count)
        form.addRow(self.tr("Appointment"), self.due_edit)
        form.addRow(self.tr("Note"), self.note)

        left, middle, right = QVBoxLayout(), QVBoxLayout(), QVBoxLayout()
        left.addWidget(proc_box, 1)
        left.addWidget(info_box)
        middle.addWidget(self.applicant)
        middle.addWidget(self.representative)
        middle.addStretch(1)
        right.addWidget(docs_box, 1)
        right.addWidget(self.fee)
        right.addWidget(intake_box)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 3)
        columns.addLayout(middle, 3)
        columns.addLayout(right, 4)
        self.setFocusProxy(self.picker.search)

    def _no_due(self) -> None:
        """No procedure yet: no appointment either (a blank, never a made-up date)."""
        self.due_edit.setMinimumDateTime(NO_DUE)
        self.due_edit.setDateTime(NO_DUE)
        self.due_edit.setSpecialValueText(self.tr("(pick a procedure first)"))
        self.due_edit.setEnabled(False)

    def tab_chain(self) -> list[QWidget]:
        """The inputs in the order Tab and Enter visit them."""
        return [
            self.picker.search,
            *self.applicant.inputs(),
            self.representative,
            *self.representative.inputs(),
            self.documents,
            self.add_doc_button,
            *self.fee.inputs(),
            self.channel,
            self.postal_item,
            self.postal_delivered,
            self.return_via,
            self.set_count,
            self.due_edit,
            self.note,
        ]

    @staticmethod
    def set_tab_order(chain: list[QWidget]) -> None:
        for first, then in itertools.pairwise(chain):
            QWidget.setTabOrder(first, then)

    def is_postal(self) -> bool:
        return self.channel.currentData() == "postal"

    def _show_postal(self) -> None:
        """The postal item's inputs appear only for the postal channel."""
        for widget in (self.postal_item, self.postal_delivered):
            self._receiving_form.setRowVisible(widget, self.is_postal())

    def is_online(self) -> bool:
        return self.channel.currentData() == "online"

    def show_preview(self, preview: ProcedurePreview) -> None:
        """Fill in what the procedure needs: documents, fee, and the appointment as the earliest date."""
        self.preview = preview
        row = self.picker.row(preview.code)
        due = preview.due_at.strftime("%H:%M %d/%m/%Y")
        self.procedure_info.setText(
            "\n".join(
                [
                    f"{preview.name} ({preview.code})",
                    self.tr("Processing time: %1").replace("%1", preview.processing_text),
                    self.tr("Fee: %1").replace("%1", preview.fee_text),
                    self.tr("Appointment if received now: %1").replace("%1", due),
                ]
            )
        )
        self.documents.set_required(preview.documents)
        self.fee.set_rule(row.fee_rule if row else {}, preview.fee_text)
        self.fee.set_online(self.is_online())
        rule_due = QDateTime(preview.due_at)
        self.due_edit.setSpecialValueText("")
        self.due_edit.setEnabled(True)
        self.due_edit.setMinimumDateTime(rule_due)  # the clerk may give later, never earlier
        self.due_edit.setDateTime(rule_due)

    def widget_for_field(self, field: str | None) -> QWidget | None:
        """The input of a service ValidationError's ``field`` ("applicant.phone", "documents[1].name", …)."""
        if not field:
            return None
        head, _, attr = field.partition(".")
        if head == "applicant":
            return self.applicant.widget_for(attr)
        if head == "representative":
            self.representative.setChecked(True)
            return self.representative.widget_for(attr)
        if head.startswith("documents"):
            return self.documents
        if head == "postal":
            return self.postal_delivered if attr == "delivered_at" else self.postal_item
        if head == "fee":
            fee = self.fee
            return {"method": fee.method, "pages": fee.pages, "copies": fee.copies}.get(attr, fee.amount)
        return {
            "procedure": self.picker.search,
            "channel": self.channel,
            "return_via": self.return_via,
            "due_at": self.due_edit,
            "set_count": self.set_count,
            "note": self.note,
        }.get(head)

    def build_request(self, client_token: str) -> IntakeRequest:
        """What is on the screen as an IntakeRequest; ValidationError for what the screen itself can tell."""
        if self.preview is None:
            raise ValidationError("Choose a procedure.", "Cần chọn thủ tục hành chính.", field="procedure")
        representative = self.representative.to_input() if self.representative.isChecked() else None
        due: datetime | None = None
        if self.due_edit.dateTime() > self.due_edit.minimumDateTime():
            chosen = self.due_edit.dateTime().toPython()  # a later appointment chosen by the clerk
            assert isinstance(chosen, datetime)
            due = chosen
        return IntakeRequest(
            procedure_code=self.preview.code,
            applicant=self.applicant.to_input(),
            documents=self.documents.documents(),
            channel=str(self.channel.currentData()),
            return_via=str(self.return_via.currentData()),
            representative=representative,
            fee=self.fee.to_input(),
            set_count=self.set_count.value(),
            note=self.note.text(),
            client_token=client_token,
            due_at=due,
            postal=self._incoming_post(),
        )

    def _incoming_post(self) -> IncomingPost | None:
        if not self.is_postal() or not self.postal_item.text().strip():
            return None
        day = self.postal_delivered.date().toPython()
        return IncomingPost(self.postal_item.text(), delivered_at=datetime.combine(day, time(0, 0)))  # type: ignore[arg-type]

    def clear(self) -> None:
        self.preview = None
        self.picker.clear()
        self.procedure_info.clear()
        self.applicant.clear()
        self.representative.clear()
        self.representative.setChecked(False)
        self.documents.clear_rows()
        self.fee.clear()
        self.channel.setCurrentIndex(0)
        self.postal_item.clear()
        self.postal_delivered.setDate(QDate.currentDate())
        self.return_via.setCurrentIndex(0)
        self.set_count.setValue(1)
        self._no_due()
        self.note.clear()
