"""The fee (phí, lệ phí): computed from the procedure's fee rule, with the payment method.

The rule (domain/fees.py: exempt, fixed, per_copy, per_page, council) is quoted here with
:func:`desk_app.domain.fees.quote` as pages/copies change; pages and copies only show when the rule
counts them. A council rule without an amount asks the clerk to type it. Typing an amount by hand
overrides the rule (e.g. a reduction); the service validates it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QWidget

from desk_app.domain.fees import format_vnd, quote
from desk_app.gui import uiload
from desk_app.gui.forms.ui_fee_box import Ui_FeeBox
from desk_app.services.intake.inputs import FEE_METHODS, FeeInput

MAX_FEE = 100_000_000


def method_label(method: str) -> str:
    labels = {
        "cash": QCoreApplication.translate("FeeBox", "Cash"),
        "online": QCoreApplication.translate("FeeBox", "Paid online"),
        "unpaid": QCoreApplication.translate("FeeBox", "Not paid yet"),
        "exempt": QCoreApplication.translate("FeeBox", "Exempt"),
    }
    return labels.get(method, method)


class FeeBox(QGroupBox):
    """Amount, pages/copies (when the rule counts them) and how it was paid (ui/fee_box.ui)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = uiload.setup(self, Ui_FeeBox)
        self.rule: dict[str, Any] = {}
        self.online = False
        self._manual = False
        self._setting = False
        self.rule_text = ui.feeRuleText
        self.pages = ui.feePages
        self.copies = ui.feeCopies
        self.amount = ui.feeAmount
        self.amount.setRange(0, MAX_FEE)
        self.method = ui.feeMethod
        for m in FEE_METHODS:  # the service's list: the form has no items of its own
            self.method.addItem(method_label(m), m)
        self.pages_label = ui.pagesLabel
        self.copies_label = ui.copiesLabel
        self.pages.valueChanged.connect(self.requote)
        self.copies.valueChanged.connect(self.requote)
        self.amount.valueChanged.connect(self._typed)
        self.set_rule({}, "")

    def inputs(self) -> list[QWidget]:
        return [self.pages, self.copies, self.amount, self.method]

    def set_rule(self, rule: dict[str, Any], text: str) -> None:
        """Show a procedure's fee rule and quote it for one copy of one page."""
        self.rule = dict(rule or {})
        self._manual = False
        kind = self.rule.get("kind", "exempt")
        self.rule_text.setText(text or quote(self.rule).text)
        counts_pages = kind == "per_page"
        counts_copies = kind in ("per_page", "per_copy")
        for w in (self.pages, self.pages_label):
            w.setVisible(counts_pages)
        for w in (self.copies, self.copies_label):
            w.setVisible(counts_copies)
        self._setting = True
        self.pages.setValue(1)
        self.copies.setValue(1)
        self._setting = False
        self.requote()
        self.default_method()

    def set_online(self, online: bool) -> None:
        """Online channel: the rule's online amount applies, and the fee was usually paid on the portal."""
        self.online = online
        self.requote()
        self.default_method()

    def quoted(self) -> int | None:
        return quote(
            self.rule, copies=self.copies.value(), pages=self.pages.value(), online=self.online
        ).amount

    def requote(self) -> None:
        if self._setting:
            return
        amount = self.quoted()
        self._setting = True
        if not self._manual:
            self.amount.setValue(amount or 0)
        self._setting = False
        if amount is None:
            self.amount.setToolTip(self.tr("Set by the provincial council: type the amount."))

    def default_method(self) -> None:
        """Exempt for a free procedure, paid online for the online channel, else cash."""
        free = self.quoted() == 0 and not self._manual
        default = "exempt" if free else ("online" if self.online else "cash")
        self.method.setCurrentIndex(self.method.findData(default))

    def _typed(self) -> None:
        if not self._setting:
            self._manual = True

    def amount_text(self) -> str:
        return format_vnd(self.amount.value()) if self.amount.value() else self.tr("Free")

    def to_input(self) -> FeeInput:
        """The fee for the service: ``amount`` None lets the service quote the rule itself."""
        method = str(self.method.currentData())
        amount: int | None = self.amount.value() if self._manual else None
        if not self._manual and self.quoted() is None and self.amount.value() == 0 and method != "exempt":
            amount = None  # the council amount was not typed: the service says so
        return FeeInput(amount=amount, method=method, pages=self.pages.value(), copies=self.copies.value())

    def clear(self) -> None:
        self.set_rule({}, "")
