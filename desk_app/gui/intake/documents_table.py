"""The documents (thành phần hồ sơ) checklist: the procedure's required list, plus extra documents.

Columns: received ✓ (Space toggles), name, kind (Bản chính / Bản sao / Bản sao chứng thực / Bản điện tử),
quantity. Required rows keep their name; extra rows (Insert or the "Add document" button) are free text.
F2 edits a cell. Typing does not open an editor by itself, so a card scan that lands here changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk_app.services.intake.inputs import DOCUMENT_KINDS, DocumentInput

COL_RECEIVED, COL_NAME, COL_KIND, COL_QUANTITY = range(4)
REQUIRED_ROLE = Qt.ItemDataRole.UserRole + 1
# The words of the legal forms (printing.data.DOCUMENT_KIND_LABELS), for text that ends up printed.
_KIND_VI = {
    "original": "Bản chính",
    "copy": "Bản sao",
    "certified_copy": "Bản sao chứng thực",
    "electronic": "Bản điện tử",
}


def kind_label(kind: str) -> str:
    labels = {
        "original": QCoreApplication.translate("DocumentsTable", "Original"),
        "copy": QCoreApplication.translate("DocumentsTable", "Copy"),
        "certified_copy": QCoreApplication.translate("DocumentsTable", "Certified copy"),
        "electronic": QCoreApplication.translate("DocumentsTable", "Electronic"),
    }
    return labels.get(kind, kind)


class KindDelegate(QStyledItemDelegate):
    """A combo box for the kind column; the kind code lives in UserRole, the label in DisplayRole."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        box = QComboBox(parent)
        for kind in DOCUMENT_KINDS:
            box.addItem(kind_label(kind), kind)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        kind = index.data(Qt.ItemDataRole.UserRole)
        editor.setCurrentIndex(max(0, editor.findData(kind)))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        kind = editor.currentData()
        model.setData(index, kind, Qt.ItemDataRole.UserRole)
        model.setData(index, kind_label(kind), Qt.ItemDataRole.DisplayRole)


class DocumentsTable(QTableWidget):
    """The checklist of documents received with the dossier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("documentsTable")
        self.setHorizontalHeaderLabels(
            [self.tr("Received"), self.tr("Document"), self.tr("Kind"), self.tr("Quantity")]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (COL_RECEIVED, COL_KIND, COL_QUANTITY):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        # Long document names wrap onto more lines instead of ending in "…" (each also has its tooltip).
        self.setWordWrap(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab leaves the table: the form's tab order goes on
        self.setItemDelegateForColumn(COL_KIND, KindDelegate(self))
        self.setMinimumHeight(140)

    def set_required(self, documents: tuple[DocumentInput, ...] | list[DocumentInput]) -> None:
        """Show a procedure's required list (all ticked as received; the clerk unticks what is missing)."""
        self.setRowCount(0)
        for doc in documents:
            self._append(doc.name, doc.kind, doc.quantity, received=True, required=True)
        if self.rowCount():
            self.setCurrentCell(0, COL_RECEIVED)

    def add_extra(
        self, name: str = "", kind: str = "original", quantity: int = 1, *, edit: bool = True
    ) -> int:
        """Add a free document row; with ``edit`` the name editor opens. The new row number."""
        row = self._append(name, kind, quantity, received=True, required=False)
        self.setCurrentCell(row, COL_NAME)
        if edit:
            self.editItem(self.cell(row, COL_NAME))
        return row

    def _append(self, name: str, kind: str, quantity: int, *, received: bool, required: bool) -> int:
        row = self.rowCount()
        self.insertRow(row)
        tick = QTableWidgetItem()
        tick.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        )
        tick.setCheckState(Qt.CheckState.Checked if received else Qt.CheckState.Unchecked)
        tick.setData(REQUIRED_ROLE, required)
        name_item = QTableWidgetItem(name)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name_item.setFlags(flags if required else flags | Qt.ItemFlag.ItemIsEditable)
        name_item.setToolTip(name)
        kind_item = QTableWidgetItem(kind_label(kind))
        kind_item.setData(Qt.ItemDataRole.UserRole, kind)
        kind_item.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
        qty = QTableWidgetItem()
        qty.setData(Qt.ItemDataRole.EditRole, int(quantity))
        qty.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
        for col, item in (
            (COL_RECEIVED, tick),
            (COL_NAME, name_item),
            (COL_KIND, kind_item),
            (COL_QUANTITY, qty),
        ):
            self.setItem(row, col, item)
        return row

    def remove_current_extra(self) -> bool:
        """Delete the current row when it is an extra document (required rows stay)."""
        row = self.currentRow()
        if row < 0 or self.is_required(row):
            return False
        self.removeRow(row)
        return True

    def cell(self, row: int, col: int) -> QTableWidgetItem:
        item = self.item(row, col)
        assert item is not None  # every row gets its four items in _append
        return item

    def is_required(self, row: int) -> bool:
        return bool(self.cell(row, COL_RECEIVED).data(REQUIRED_ROLE))

    def set_received(self, row: int, received: bool) -> None:
        self.cell(row, COL_RECEIVED).setCheckState(
            Qt.CheckState.Checked if received else Qt.CheckState.Unchecked
        )

    def documents(self) -> list[DocumentInput]:
        """Every row with a name, as the service wants it (empty extra rows are dropped)."""
        out = []
        for row in range(self.rowCount()):
            name = (self.cell(row, COL_NAME).text() or "").strip()
            if not name:
                continue
            quantity = self.cell(row, COL_QUANTITY).data(Qt.ItemDataRole.EditRole)
            out.append(
                DocumentInput(
                    name=name,
                    kind=str(self.cell(row, COL_KIND).data(Qt.ItemDataRole.UserRole) or "original"),
                    quantity=int(quantity or 1),
                    received=self.cell(row, COL_RECEIVED).checkState() == Qt.CheckState.Checked,
                    required=self.is_required(row),
                )
            )
        return out

    def missing(self) -> list[str]:
        """What the applicant did not bring: the unticked rows, worded for Mẫu 02 (always Vietnamese: it is
        printed on the legal form whatever the screen's language)."""
        out = []
        for d in self.documents():
            if d.received:
                continue
            kind = _KIND_VI.get(d.kind, d.kind).lower()
            out.append(f"{d.name} ({kind}, {d.quantity} bản)" if d.quantity > 1 else f"{d.name} ({kind})")
        return out

    def row_for_field(self, field: str) -> tuple[int, int]:
        """The cell of a ``documents[2].name`` error."""
        row = 0
        if field.startswith("documents[") and "]" in field:
            try:
                row = int(field[len("documents[") : field.index("]")])
            except ValueError:
                row = 0
        col = {"name": COL_NAME, "kind": COL_KIND, "quantity": COL_QUANTITY}.get(
            field.rpartition(".")[2], COL_NAME
        )
        return row, col

    def focus_field(self, field: str) -> None:
        row, col = self.row_for_field(field)
        # ``documents()`` drops nameless rows: map the service's index back to a table row.
        named = [r for r in range(self.rowCount()) if (self.cell(r, COL_NAME).text() or "").strip()]
        target = named[row] if row < len(named) else (self.rowCount() - 1)
        self.setFocus()
        if target >= 0:
            self.setCurrentCell(target, col)

    def clear_rows(self) -> None:
        self.setRowCount(0)
