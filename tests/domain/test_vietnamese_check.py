"""tests/vietnamese.py: the check that a shown text is Vietnamese can fail, and passes Vietnamese with codes."""

from __future__ import annotations

import pytest

from desk_app.domain.phrase import Phrase, join, vi_of
from tests.vietnamese import assert_vietnamese, english_words

# What the Administration page showed before (services' English), each caught.
ENGLISH_LEAKS = [
    "processing time is missing",
    "missing: files/ab/abcdef.png",
    "damaged (hash differs): files/ab/abcdef.png",
    "event 4 was changed after it was written",
    "not checked: the database is damaged",
    "code '9.999' is not a TTHC code like 1.001193",
    "not an object",
    "Expecting value: line 1 column 2 (char 1)",
    "'int' object is not iterable",
    "the second backup folder /media/usb is not available",
    "Records",
]
VIETNAMESE = [
    "Mã thủ tục (cột “code”) “9.999” không đúng dạng mã thủ tục (ví dụ 1.001193).",
    "mất tệp đã lưu: files/ab/abcdef.png",
    "mục nhật ký số 4 đã bị sửa sau khi ghi",
    "Đơn vị thời hạn (cột “processing_unit”) “weeks” không đúng; chỉ nhận: “working_days” (ngày làm việc).",
    "Không thấy thư mục sao lưu thứ hai /media/usb/sao-luu (ổ USB đã cắm chưa?).",
    "Bình an, Long An: in lại bản sao, do lỗi máy in; to nhỏ, ít.",
    "",
]


@pytest.mark.parametrize("text", ENGLISH_LEAKS)
def test_english_is_caught(text: str) -> None:
    assert english_words(text), text
    with pytest.raises(AssertionError, match="English on screen"):
        assert_vietnamese([text])


@pytest.mark.parametrize("text", VIETNAMESE)
def test_vietnamese_with_codes_paths_and_quoted_values_passes(text: str) -> None:
    assert english_words(text) == []
    assert_vietnamese([text])


def test_a_phrase_is_its_english_and_carries_its_vietnamese() -> None:
    p = Phrase("event 4 was changed", "mục nhật ký số 4 đã bị sửa")
    assert p == "event 4 was changed" and f"audit chain: {p}" == "audit chain: event 4 was changed"
    assert vi_of(p) == "mục nhật ký số 4 đã bị sửa" and vi_of("plain") == "plain"
    both = join([p, "x.db"])
    assert both == "event 4 was changed; x.db" and both.vi == "mục nhật ký số 4 đã bị sửa; x.db"
    import pickle

    again = pickle.loads(pickle.dumps(p))
    assert again == p and again.vi == p.vi
