"""Personal ID numbers, phone numbers and the chip ID card QR payload (domain.identity)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.identity import (
    check_id_number,
    looks_like_card_payload,
    mask_id,
    mask_phone,
    normalise_phone,
    parse_card_payload,
    parse_id_number,
)

# 001 = Hà Nội, 1 = female born 1900–1999, 90 = 1990.
WOMAN_1990 = "001190012345"


class TestIdNumber:
    def test_decodes_province_gender_century_year(self) -> None:
        info = parse_id_number(WOMAN_1990)
        assert (info.province_code, info.gender, info.birth_year) == ("001", "Nữ", 1990)
        man_2005 = parse_id_number("079205001234")
        assert (man_2005.gender, man_2005.birth_year) == ("Nam", 2005)

    def test_valid_with_matching_fields(self) -> None:
        assert check_id_number(WOMAN_1990, date(1990, 5, 2), "Nữ") == WOMAN_1990
        assert check_id_number("001 190 012 345") == WOMAN_1990

    @pytest.mark.parametrize("number", ["00119001234", "0011900123456", "00119001234a", ""])
    def test_wrong_length_or_letters(self, number: str) -> None:
        with pytest.raises(ValidationError) as err:
            check_id_number(number)
        assert err.value.field == "id_number"
        assert "12" in err.value.vi

    def test_gender_digit_mismatch(self) -> None:
        with pytest.raises(ValidationError) as err:
            check_id_number(WOMAN_1990, date(1990, 5, 2), "Nam")
        assert "giới tính" in err.value.vi

    def test_birth_year_mismatch(self) -> None:
        with pytest.raises(ValidationError) as err:
            check_id_number(WOMAN_1990, date(1991, 5, 2), "Nữ")
        assert "1990" in err.value.message and "1991" in err.value.message

    def test_century_digit_counts(self) -> None:
        """G=1 means 19xx: a 2090 birth date does not match."""
        with pytest.raises(ValidationError):
            check_id_number(WOMAN_1990, date(2090, 5, 2))

    def test_unknown_province_code(self) -> None:
        with pytest.raises(ValidationError) as err:
            check_id_number("099190012345")
        assert "099" in err.value.vi

    def test_old_nine_digit_number_is_accepted(self) -> None:
        assert check_id_number("012345678", date(1980, 1, 1), "Nam") == "012345678"


class TestPhone:
    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("0912345678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("84912345678", "0912345678"),
            ("0912.345.678", "0912345678"),
            ("(0233) 385 1234", "02333851234"),
            ("0868-123-456", "0868123456"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        assert normalise_phone(typed) == stored

    @pytest.mark.parametrize(
        "typed", ["091234567", "09123456789", "0123456789", "1912345678", "abc", "", "+1 202 555 0100"]
    )
    def test_refused(self, typed: str) -> None:
        with pytest.raises(ValidationError) as err:
            normalise_phone(typed)
        assert err.value.field == "phone"

    def test_masks(self) -> None:
        assert mask_id(WOMAN_1990) == "001******345"
        assert mask_phone("0912345678") == "091****678"
        assert mask_id("") == ""


SEVEN = "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"


class TestCardPayload:
    def test_seven_fields(self) -> None:
        card = parse_card_payload(SEVEN)
        assert card.id_number == "001090123456"
        assert card.old_id_number == "012345678"
        assert card.full_name == "Nguyễn Văn An"
        assert card.birth_date == date(1990, 1, 1)
        assert card.gender == "Nam"
        assert card.address.startswith("Phường Bến Nghé")
        assert card.issue_date == date(2021, 4, 15)

    def test_empty_old_id(self) -> None:
        card = parse_card_payload("001190012345||Nguyễn Thị Hằng|02051990|Nữ|Thôn Đông, xã Gio Sơn|01072021")
        assert card.old_id_number == "" and card.gender == "Nữ"

    def test_six_fields_without_old_id(self) -> None:
        card = parse_card_payload("001190012345|Nguyễn Thị Hằng|02051990|Nữ|Thôn Đông|01072021")
        assert (card.full_name, card.old_id_number, card.issue_date) == (
            "Nguyễn Thị Hằng",
            "",
            date(2021, 7, 1),
        )

    def test_six_fields_without_issue_date(self) -> None:
        card = parse_card_payload("001190012345|012345678|Nguyễn Thị Hằng|02051990|Nữ|Thôn Đông")
        assert card.old_id_number == "012345678" and card.issue_date is None

    @pytest.mark.parametrize("label", ["CCCD:", "CCCD: ", "cccd=", "QR:", "  CMND : "])
    def test_label_prefix(self, label: str) -> None:
        assert parse_card_payload(label + SEVEN).id_number == "001090123456"
        assert looks_like_card_payload(label + SEVEN)

    def test_extra_trailing_fields(self) -> None:
        card = parse_card_payload(SEVEN + "|20311231|extra|||")
        assert card.issue_date == date(2021, 4, 15) and card.full_name == "Nguyễn Văn An"

    def test_trailing_newline_and_nfd_name(self) -> None:
        nfd = unicodedata.normalize("NFD", SEVEN) + "\r\n"
        card = parse_card_payload(nfd)
        assert card.full_name == unicodedata.normalize("NFC", "Nguyễn Văn An")
        assert unicodedata.is_normalized("NFC", card.address)

    def test_unaccented_gender(self) -> None:
        assert parse_card_payload(SEVEN.replace("|Nam|", "|NAM|")).gender == "Nam"
        assert parse_card_payload("001190012345||HANG|02051990|Nu|Thon Dong|01072021").gender == "Nữ"

    @pytest.mark.parametrize(
        "garbage",
        [
            "",
            "hello world",
            "001090123456",
            "001090123456|012345678|Nguyễn Văn An",
            "a|b|c|d|e|f|g",
            "00109012345|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",  # 11-digit ID
            "001090123456|012345678|Nguyễn Văn An|32131990|Nam|Hà Nội|15042021",  # impossible date
            "001090123456|012345678|Nguyễn Văn An|01011990|X|Hà Nội|15042021",  # gender
            "001090123456|012345678|Nguyễn Văn An|01011991|Nam|Hà Nội|15042021",  # ID says 1990
            "001090123456|012345678|Nguyễn Văn An|01011990|Nữ|Hà Nội|15042021",  # ID says Nam
            "099090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",  # no province 099
            "001090123456|012345678||01011990|Nam|Hà Nội|15042021",  # no name
            "001090123456|0123|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",  # old ID 4 digits
            "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|2021-04-15",  # issue date shape
            "ĐĂNG KÝ KHAI SINH",
            "\x00\x01|||||",
        ],
    )
    def test_garbage_is_refused(self, garbage: str) -> None:
        with pytest.raises(ValidationError) as err:
            parse_card_payload(garbage)
        assert err.value.field == "card"
        assert "QR" in err.value.vi

    def test_looks_like_card_payload(self) -> None:
        assert looks_like_card_payload(SEVEN)
        assert not looks_like_card_payload("Nguyễn Văn An")
        assert not looks_like_card_payload("0912345678")
