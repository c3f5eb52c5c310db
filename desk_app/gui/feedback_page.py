"""Feedback on administrative rules (phản ánh, kiến nghị): receive it at the counter, forward, answer.

A dynamic view built in code: the list (all / awaiting an answer / past the time limit) on top, the form to
receive a new feedback below, and forward/answer for the selected one. The badge counts the overdue ones.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import UserError
from desk_app.gui.context import GuiContext
from desk_app.gui.pages import PageSpec

FILTERS: list[tuple[str, str]] = [
    ("open", str(QT_TRANSLATE_NOOP("FeedbackPage", "Awaiting an answer"))),
    ("overdue", str(QT_TRANSLATE_NOOP("FeedbackPage", "Past the time limit"))),
    ("all", str(QT_TRANSLATE_NOOP("FeedbackPage", "All"))),
]
SENDERS: list[tuple[str, str]] = [
    ("citizen", str(QT_TRANSLATE_NOOP("FeedbackPage", "Citizen"))),
    ("business", str(QT_TRANSLATE_NOOP("FeedbackPage", "Organisation or business"))),
]
CHANNELS: list[tuple[str, str]] = [
    ("counter", str(QT_TRANSLATE_NOOP("FeedbackPage", "At the counter"))),
    ("letter", str(QT_TRANSLATE_NOOP("FeedbackPage", "Letter"))),
    ("phone", str(QT_TRANSLATE_NOOP("FeedbackPage", "Phone"))),
    ("email", str(QT_TRANSLATE_NOOP("FeedbackPage", "Email"))),
    ("portal", str(QT_TRANSLATE_NOOP("FeedbackPage", "Portal"))),
]
CATEGORIES: list[tuple[str, str]] = [
    ("rule_content", str(QT_TRANSLATE_NOOP("FeedbackPage", "Content of a rule"))),
    ("implementation", str(QT_TRANSLATE_NOOP("FeedbackPage", "How officials apply it"))),
    ("proposal", str(QT_TRANSLATE_NOOP("FeedbackPage", "Proposal to simplify"))),
    ("other", str(QT_TRANSLATE_NOOP("FeedbackPage", "Other"))),
]


def _t(text: str) -> str:
    return QCoreApplication.translate("FeedbackPage", text)


def _combo(values: list[tuple[str, str]], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for value, label in values:
        combo.addItem(_t(label), value)
    return combo


def _list(db: Any, which: str) -> list[dict[str, Any]]:
    from desk_app.services.assist.feedback import list_feedback

    return list_feedback(db, open_only=which == "open", overdue_only=which == "overdue")


def _overdue_count(db: Any) -> int:
    from desk_app.services.assist.feedback import list_feedback

    return len(list_feedback(db, overdue_only=True))


class FeedbackPage(QWidget):
    """Receive, forward and answer feedback on administrative rules."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("feedbackPage")
        self.rows: list[dict[str, Any]] = []
        self.overdue = 0
        self.busy = False
        self.last_saved: dict[str, Any] | None = None
        self._token = uuid.uuid4().hex

        self.filter = _combo(FILTERS, "feedbackFilter")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("feedbackTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Received"),
                self.tr("Sender"),
                self.tr("Content"),
                self.tr("Status"),
                self.tr("Answer due"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()

        self.forward_to = QLineEdit()
        self.forward_to.setObjectName("feedbackForwardTo")
        self.forward_button = QPushButton(self.tr("Forward"))
        self.answer_text = QLineEdit()
        self.answer_text.setObjectName("feedbackAnswer")
        self.answer_button = QPushButton(self.tr("Record the answer"))
        act = QHBoxLayout()
        act.addWidget(QLabel(self.tr("Forward to")))
        act.addWidget(self.forward_to, 1)
        act.addWidget(self.forward_button)
        act.addWidget(QLabel(self.tr("Answer")))
        act.addWidget(self.answer_text, 2)
        act.addWidget(self.answer_button)

        self.sender_name = QLineEdit()
        self.sender_name.setObjectName("feedbackSender")
        self.sender_kind = _combo(SENDERS, "feedbackSenderKind")
        self.channel = _combo(CHANNELS, "feedbackChannel")
        self.consent = QCheckBox(self.tr("May be contacted about the answer"))
        self.consent.setObjectName("feedbackConsent")
        self.phone = QLineEdit()
        self.phone.setObjectName("feedbackPhone")
        self.email = QLineEdit()
        self.email.setObjectName("feedbackEmail")
        self.content = QPlainTextEdit()
        self.content.setObjectName("feedbackContent")
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(70)
        self.procedure = QLineEdit()
        self.procedure.setObjectName("feedbackProcedure")
        self.category = _combo(CATEGORIES, "feedbackCategory")
        self.save_button = QPushButton(self.tr("Receive (F9)"))
        self.error = QLabel()
        self.error.setObjectName("feedbackError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Sender"), self.sender_name)
        form.addRow(self.tr("Sender is"), self.sender_kind)
        form.addRow(self.tr("Received by"), self.channel)
        form.addRow("", self.consent)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Content"), self.content)
        form.addRow(self.tr("Procedure code"), self.procedure)
        form.addRow(self.tr("Class"), self.category)
        box = QGroupBox(self.tr("Receive a feedback"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.filter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(act)
        layout.addWidget(box)

        self.filter.currentIndexChanged.connect(self.refresh)
        self.save_button.clicked.connect(self.save)
        self.forward_button.clicked.connect(self.forward)
        self.answer_button.clicked.connect(self.answer)
        shortcut = QShortcut(QKeySequence("F9"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self.refresh()

    # -- page API --------------------------------------------------------------------------------------
    def activate(self, arg: str | None = None) -> None:
        self.sender_name.setFocus()

    def refresh(self) -> None:
        which = str(self.filter.currentData())
        self.ctx.runner.run(
            lambda: (_list(self.ctx.db, which), _overdue_count(self.ctx.db)),
            on_success=self._show,
            parent=self,
        )

    def count(self) -> int | None:
        return self.overdue or None

    def focus_search(self) -> None:
        self.filter.setFocus()

    # -- behaviour -------------------------------------------------------------------------------------
    def _show(self, result: tuple[list[dict[str, Any]], int]) -> None:
        self.rows, self.overdue = result
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            status = r["status_label"] + (" – " + self.tr("overdue") if r["overdue"] else "")
            values = [
                str(r["id"]),
                r["received_at"].replace("T", " "),
                r["sender_name"],
                r["content"],
                status,
                r["due_on"],
            ]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        window = self.ctx.window
        update = getattr(window, "update_badges", None)
        if callable(update):
            update()

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return int(self.rows[row]["id"]) if 0 <= row < len(self.rows) else None

    def save(self) -> None:
        from desk_app.services.assist.feedback import FeedbackInput, add_feedback

        if self.busy:
            return
        inp = FeedbackInput(
            sender_name=self.sender_name.text(),
            sender_kind=str(self.sender_kind.currentData()),
            channel=str(self.channel.currentData()),
            contact_consent=self.consent.isChecked(),
            phone=self.phone.text(),
            email=self.email.text(),
            content=self.content.toPlainText(),
            procedure_code=self.procedure.text(),
            category=str(self.category.currentData()),
            client_token=self._token,
        )
        self.busy = True
        self.ctx.runner.run(
            add_feedback,
            self.ctx.db,
            inp,
            self.ctx.user,
            on_success=self._saved,
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, row: dict[str, Any]) -> None:
        self.busy = False
        self.last_saved = row
        self._token = uuid.uuid4().hex
        for edit in (self.sender_name, self.phone, self.email, self.procedure):
            edit.clear()
        self.content.clear()
        self.consent.setChecked(False)
        self.error.clear()
        self.ctx.set_status(
            self.tr("Feedback %1 received; answer due %2.")
            .replace("%1", str(row["id"]))
            .replace("%2", row["due_on"])
        )
        self.sender_name.setFocus()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, UserError):
            from desk_app.gui.language import current_language

            self.error.setText(exc.vi if current_language() != "en" else exc.message)
            return
        self.ctx.show_error(exc, self)

    def forward(self) -> None:
        from desk_app.services.assist.feedback import forward_feedback

        fid = self.selected_id()
        if fid is None:
            self.error.setText(self.tr("Select a feedback in the list first."))
            return
        to, user = self.forward_to.text(), self.ctx.user
        self.ctx.runner.run(
            lambda: forward_feedback(self.ctx.db, fid, to, actor=user),
            on_success=lambda _row: self._acted(),
            on_error=self._failed,
            parent=self,
        )

    def answer(self) -> None:
        from desk_app.services.assist.feedback import answer_feedback

        fid = self.selected_id()
        if fid is None:
            self.error.setText(self.tr("Select a feedback in the list first."))
            return
        text, user = self.answer_text.text(), self.ctx.user
        self.ctx.runner.run(
            lambda: answer_feedback(self.ctx.db, fid, text, actor=user),
            on_success=lambda _row: self._acted(),
            on_error=self._failed,
            parent=self,
        )

    def _acted(self) -> None:
        self.forward_to.clear()
        self.answer_text.clear()
        self.error.clear()
        self.refresh()


def page_spec() -> PageSpec:
    return PageSpec(
        key="feedback",
        title=str(QT_TRANSLATE_NOOP("Pages", "Feedback on rules")),
        order=26,
        factory=FeedbackPage,
        permission="helplog",
        icon="feedback.svg",
    )
