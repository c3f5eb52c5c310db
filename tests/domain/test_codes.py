"""Dossier codes per TT 01/2018/TT-VPCP Điều 19 and the counters' disjoint blocks (domain.codes)."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.codes import (
    MAX_COUNTERS,
    check_agency_code,
    counter_range,
    format_code,
    parse_code,
    recover_scanned_code,
)
from desk_app.domain.errors import ValidationError


class TestCounterBlocks:
    def test_known_blocks(self) -> None:
        assert counter_range(1) == (1, 999)
        assert counter_range(2) == (1001, 1999)
        assert counter_range(MAX_COUNTERS) == (8001, 8999)

    def test_blocks_are_disjoint_and_fit_four_digits(self) -> None:
        seen: set[int] = set()
        for counter in range(1, MAX_COUNTERS + 1):
            first, last = counter_range(counter)
            block = set(range(first, last + 1))
            assert not block & seen
            assert 1 <= first <= last <= 9999
            seen |= block

    @pytest.mark.parametrize("counter", [0, -1, MAX_COUNTERS + 1])
    def test_out_of_range_counter(self, counter: int) -> None:
        with pytest.raises(ValidationError):
            counter_range(counter)


class TestFormat:
    def test_format_and_parse_round_trip(self) -> None:
        code = format_code("001.05.12.H49", date(2025, 7, 3), 7)
        assert code == "001.05.12.H49-250703-0007"
        parsed = parse_code(code)
        assert (parsed.agency, parsed.day, parsed.seq) == ("001.05.12.H49", date(2025, 7, 3), 7)
        assert str(parsed) == code

    def test_parse_is_case_and_space_tolerant(self) -> None:
        assert str(parse_code("  001.05.12.h49-260213-0420 ")) == "001.05.12.H49-260213-0420"

    @pytest.mark.parametrize(
        "text",
        ["", "001.05.12.H49-260213-001", "001.05.12.H49-2602130001", "001.05.12.H49_260213_0001", "H49"],
    )
    def test_bad_shape(self, text: str) -> None:
        with pytest.raises(ValidationError) as err:
            parse_code(text)
        assert err.value.field == "code"

    def test_impossible_date(self) -> None:
        with pytest.raises(ValidationError):
            parse_code("001.05.12.H49-261332-0001")

    @pytest.mark.parametrize("code", ["001.05.12.H49", "000.00.01.H29", "38.98.H29", "H55.242"])
    def test_agency_codes_accepted(self, code: str) -> None:
        assert check_agency_code(code.lower()) == code

    @pytest.mark.parametrize("code", ["", "H49", "001-05-12-H49", "001.05.12.H49.", "Đ01.05"])
    def test_agency_codes_refused(self, code: str) -> None:
        with pytest.raises(ValidationError):
            check_agency_code(code)


class TestScannedCodes:
    def test_plain_and_surrounded(self) -> None:
        assert recover_scanned_code("001.05.12.H49-260213-0001") == "001.05.12.H49-260213-0001"
        assert recover_scanned_code("ma ho so: 001.05.12.h49-260213-0001\n") == "001.05.12.H49-260213-0001"

    def test_input_method_rewrites_are_undone(self) -> None:
        """Telex turns "dd" into "đ"; VNI/Telex may add tone marks to letters next to digits."""
        assert recover_scanned_code("000.đ.01.H29-240115-0001") == "000.DD.01.H29-240115-0001"
        assert recover_scanned_code("000.Đ.01.H29-240115-0001") == "000.DD.01.H29-240115-0001"
        assert recover_scanned_code("001.05.12.Hà49-260213-0001") is None  # a letter was added: not a code
        assert recover_scanned_code("001.05.12.Ĥ49-260213-0001") == "001.05.12.H49-260213-0001"

    def test_nothing_like_a_code(self) -> None:
        assert recover_scanned_code("Nguyễn Văn An") is None
        assert recover_scanned_code("") is None
