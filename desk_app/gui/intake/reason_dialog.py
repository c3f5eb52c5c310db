"""What the clerk writes before guiding (Mẫu 02) or refusing (Mẫu 03) a dossier.

Opened with ``open()`` (window-modal, never blocking a test); the page reacts to ``accepted``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


class ReasonDialog(QDialog):
    """``mode`` "guide": the missing items (one a line, pre-filled with the unticked documents) and a reason;
    "refuse": the reason and its legal basis."""

    def __init__(self, mode: str, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.setObjectName(f"{mode}Dialog")
        form = QFormLayout(self)
        self.items_edit = QPlainTextEdit(self)
        self.items_edit.setObjectName("missingItems")
        self.items_edit.setTabChangesFocus(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason")
        self.basis_edit = QLineEdit(self)
        self.basis_edit.setObjectName("legalBasis")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("reasonError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        if mode == "guide":
            self.setWindowTitle(self.tr("Supplement guidance (Form 02)"))
            self.items_edit.setPlainText("\n".join(missing))
            form.addRow(QLabel(self.tr("What must be supplemented (one item a line):"), self))
            form.addRow(self.items_edit)
            form.addRow(self.tr("Reason"), self.reason_edit)
            self.basis_edit.hide()
        else:
            self.setWindowTitle(self.tr("Refusal (Form 03)"))
            self.items_edit.hide()
            self.reason_edit.setPlaceholderText(self.tr("Why the dossier cannot be received"))
            self.basis_edit.setPlaceholderText(self.tr("e.g. Article 16 of Decree 61/2018/NĐ-CP"))
            form.addRow(self.tr("Reason"), self.reason_edit)
            form.addRow(self.tr("Legal basis"), self.basis_edit)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            self.tr("Save and print (F9)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, 320)
        (self.items_edit if mode == "guide" else self.reason_edit).setFocus()

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_F9:
            self.accept()
            return
        super().keyPressEvent(event)

    def items(self) -> list[str]:
        return [line.strip() for line in self.items_edit.toPlainText().splitlines() if line.strip()]

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def legal_basis(self) -> str:
        return self.basis_edit.text().strip()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
