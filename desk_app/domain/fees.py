"""Fee rules (phí, lệ phí) as data, and the amount a rule gives.

A rule is a small JSON object stored with each procedure version, so a province's fee resolution
(HĐND) is an import, not a code change:

- ``{"kind": "exempt"}``: no fee (miễn).
- ``{"kind": "fixed", "amount": 100000, "online_amount": 50000}``: per dossier (``online_amount`` optional).
- ``{"kind": "per_copy", "amount": 8000}``: per copy issued (e.g. trích lục, TT 281/2016).
- ``{"kind": "per_page", "first": 2000, "first_pages": 2, "rest": 1000, "max_per_copy": 200000}``:
  certified copies per TT 226/2016 (2.000 đ/trang, from page 3: 1.000 đ/trang, at most 200.000 đ/bản).
- ``{"kind": "council", "amount": null}``: set by the provincial council; the amount is a setting,
  and the clerk enters it when unset.
Every rule may carry a ``note`` that is printed on the slip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desk_app.domain.errors import ValidationError

FEE_KINDS = ("exempt", "fixed", "per_copy", "per_page", "council")


@dataclass(frozen=True)
class FeeQuote:
    amount: int | None  # None: the rule has no amount; the clerk must enter it
    text: str


def check_fee_rule(rule: dict[str, Any]) -> dict[str, Any]:
    kind = rule.get("kind")
    if kind not in FEE_KINDS:
        raise ValidationError(f"fee kind must be one of {', '.join(FEE_KINDS)}", "Loại phí không hợp lệ.")
    for key in ("amount", "online_amount", "first", "rest", "max_per_copy", "first_pages"):
        value = rule.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ValidationError(f"fee {key} must be a whole number of đồng", "Số tiền phí không hợp lệ.")
    return rule


def format_vnd(amount: int) -> str:
    """``8000`` → ``8.000 đồng``."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def quote(rule: dict[str, Any], *, copies: int = 1, pages: int = 1, online: bool = False) -> FeeQuote:
    """The fee due under ``rule`` for ``copies`` copies of ``pages`` pages each."""
    kind = rule.get("kind", "exempt")
    copies, pages = max(copies, 1), max(pages, 1)
    if kind == "exempt":
        return FeeQuote(0, rule.get("note") or "Miễn phí")
    if kind == "per_page":
        first_pages = int(rule.get("first_pages", 2))
        per_copy = min(pages, first_pages) * int(rule.get("first", 0)) + max(pages - first_pages, 0) * int(
            rule.get("rest", 0)
        )
        if rule.get("max_per_copy"):
            per_copy = min(per_copy, int(rule["max_per_copy"]))
        total = per_copy * copies
    else:
        amount = (
            rule.get("online_amount")
            if online and rule.get("online_amount") is not None
            else rule.get("amount")
        )
        if amount is None:
            return FeeQuote(None, rule.get("note") or "Theo nghị quyết HĐND tỉnh")
        total = int(amount) * (copies if kind == "per_copy" else 1)
    return FeeQuote(total, format_vnd(total) if total else "Miễn phí")
