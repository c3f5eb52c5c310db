"""UPU S10 item numbers (check digit by the S10 rule), free references, statement periods and totals."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.postal import (
    parse_item_number,
    parse_month,
    parse_s10,
    s10_check_digit,
    statement_totals,
)


def _by_hand(serial: str) -> int:
    """The UPU S10 rule written out: weights 8 6 4 2 3 5 9 7, 11 - (sum mod 11), 10 → 0, 11 → 5."""
    total = sum(int(d) * w for d, w in zip(serial, [8, 6, 4, 2, 3, 5, 9, 7], strict=True))
    check = 11 - total % 11
    return 0 if check == 10 else 5 if check == 11 else check


@pytest.mark.parametrize(
    ("number", "serial", "digit"),
    [
        ("RR123456785VN", "12345678", 5),  # the example
        ("EE876543216CA", "87654321", 6),  # the S10 standard's own example
        ("RR000000005VN", "00000000", 5),  # sum mod 11 = 0: 11 → 5
        ("CP000000120VN", "00000012", 0),  # sum mod 11 = 1: 10 → 0
    ],
)
def test_valid_s10_numbers_pass_and_their_check_digit_follows_the_rule(
    number: str, serial: str, digit: int
) -> None:
    """Known numbers validate; the computed digit equals the rule written out by hand."""
    assert parse_s10(number) == number
    assert s10_check_digit(serial) == digit == _by_hand(serial)


def test_every_wrong_check_digit_is_refused_with_the_expected_one_in_the_reason() -> None:
    """A typo in the check digit is refused, and the message names the digit the rule gives."""
    for wrong in "012346789":
        with pytest.raises(ValidationError) as err:
            parse_s10(f"RR12345678{wrong}VN")
        assert "5" in err.value.message and err.value.field == "item"
        assert "chữ số kiểm tra" in err.value.vi


def test_a_swapped_serial_digit_is_caught() -> None:
    """Two neighbouring digits swapped (the commonest typo) change the check digit."""
    with pytest.raises(ValidationError):
        parse_s10("RR213456785VN")


@pytest.mark.parametrize("text", ["", "RR12345678VN", "R1123456785VN", "RR123456785V", "1234567890123"])
def test_malformed_numbers_are_refused_in_vietnamese(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_s10(text)
    assert "bưu gửi" in err.value.vi


def test_spaces_dashes_and_lower_case_are_normalised() -> None:
    assert parse_s10(" rr 1234 5678 5 vn ") == "RR123456785VN"
    assert parse_s10("RR-123-456-785-VN") == "RR123456785VN"


def test_a_free_reference_is_accepted_only_when_asked_and_is_marked_as_such() -> None:
    """Without ``free`` a local reference is refused; with it, it is kept and marked free."""
    with pytest.raises(ValidationError):
        parse_item_number("BD-GIOSON/125")
    item = parse_item_number("bd-gioson/125", free=True)
    assert (item.value, item.kind, item.is_s10) == ("BD-GIOSON/125", "free", False)
    assert "tự do" in item.display()
    with pytest.raises(ValidationError):
        parse_item_number("xx", free=True)
    assert parse_item_number("RR123456785VN").kind == "s10"


def test_month_periods() -> None:
    for text in ("2026-12", "202612", "12/2026"):
        period = parse_month(text)
        assert (period.start, period.end, period.key) == (date(2026, 12, 1), date(2027, 1, 1), "2026-12")
    assert parse_month("2026-02").end == date(2026, 3, 1)
    for bad in ("2026-13", "26-12", "abc", "2026"):
        with pytest.raises(ValidationError):
            parse_month(bad)


def test_statement_totals_add_up_by_kind() -> None:
    totals = statement_totals([("receive", 26000), ("return", 30000), ("return", 26000), ("transfer", 0)])
    assert totals["return"] == {"count": 2, "fees": 56000}
    assert totals["total"] == {"count": 4, "fees": 82000}
    assert sum(totals[k]["fees"] for k in ("receive", "return", "transfer")) == totals["total"]["fees"]
