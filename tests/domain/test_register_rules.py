"""Pure numbering rules of the register and the letters (domain.registers)."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.registers import (
    VolumeRule,
    check_form_sets,
    check_numbering,
    check_suffix,
    letter_number,
    parse_volume_rule,
    volume_label,
    volume_of,
)


def test_volume_rules() -> None:
    day = date(2026, 8, 5)
    assert volume_of(parse_volume_rule("year"), day, 500) == 1
    assert volume_of(parse_volume_rule("quarter"), day, 1) == 3
    assert volume_of(parse_volume_rule("month"), day, 1) == 8
    assert [volume_of(parse_volume_rule("size:200"), day, n) for n in (1, 200, 201, 401)] == [1, 1, 2, 3]
    assert str(parse_volume_rule(" SIZE:50 ")) == "size:50" and parse_volume_rule(None) == VolumeRule("year")


@pytest.mark.parametrize("text", ["weekly", "size:0", "size:x", "size:-3"])
def test_bad_volume_rules_are_refused_in_vietnamese(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_volume_rule(text)
    assert err.value.field == "register_volume" and "quyển" in err.value.vi


def test_numbering_labels_and_letter_numbers() -> None:
    assert check_numbering("VOLUME") == "volume"
    with pytest.raises(ValidationError):
        check_numbering("day")
    assert volume_label(1, 2026) == "01/2026" and volume_label(12, 2026) == "12/2026"
    assert letter_number(12, "PXL") == "12/PXL"
    assert check_suffix("apology", " XL-UBND ") == "XL-UBND"
    for bad in ("", "A B", "x" * 21, "PXL;"):
        with pytest.raises(ValidationError):
            check_suffix("apology", bad)


def test_form_set_schedule_is_checked_and_sorted() -> None:
    schedule = check_form_sets(
        [{"set": "v2025", "from": "2025-07-01"}, {"set": "v2018", "from": "2019-01-06"}]
    )
    assert [e["set"] for e in schedule] == ["v2018", "v2025"]
    for bad in (
        [],
        [{"set": "v2030", "from": "2030-01-01"}],
        [{"set": "v2025", "from": "1/7/2025"}],
        "v2025",
    ):
        with pytest.raises(ValidationError):
            check_form_sets(bad)
