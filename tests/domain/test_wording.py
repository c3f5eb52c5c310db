"""Stored codes shown in a clerk's words, and audit events as sentences."""

from __future__ import annotations

from desk_app.domain import wording


def test_labels_are_vietnamese() -> None:
    assert wording.label("payment", "cash") == "Tiền mặt"
    assert wording.label("channel", "postal") == "Qua bưu chính"
    assert wording.label("return_via", "counter") == "Tại Bộ phận Một cửa"
    assert wording.label("rating", "satisfied") == "Hài lòng"
    assert wording.label("form", "slip").startswith("Giấy tiếp nhận")
    assert wording.label("rating", None) == ""


def test_a_forward_is_a_sentence_with_name_recipient_and_time() -> None:
    text = wording.event_sentence(
        "dossier.forward",
        "Nguyễn Văn Hùng",
        {"to_whom": "Công chức Tư pháp – Hộ tịch", "at": "2026-11-30T09:23"},
        "2026-11-30T09:24:10",
    )
    assert text == "Nguyễn Văn Hùng chuyển xử lý hồ sơ cho Công chức Tư pháp – Hộ tịch lúc 09:23 30/11/2026"


def test_prints_returns_and_unknown_events() -> None:
    reprint = wording.event_sentence(
        "print", "Lê Thị Hoa", {"form": "slip", "reprint": True}, "2026-03-02T08:05:00"
    )
    assert reprint.startswith("Lê Thị Hoa in Giấy tiếp nhận") and "(bản in lại)" in reprint
    assert reprint.endswith("lúc 08:05 02/03/2026")
    back = wording.event_sentence(
        "dossier.return",
        "Lê Thị Hoa",
        {"receiver": {"name": "Trần Văn Bình"}, "rating": "neutral", "at": "2026-03-05T10:00"},
        "2026-03-05T10:00:00",
    )
    assert (
        back
        == "Lê Thị Hoa trả kết quả cho Trần Văn Bình – công dân đánh giá: Bình thường lúc 10:00 05/03/2026"
    )
    odd = wording.event_sentence("dossier.something-new", "", {}, "2026-03-05T10:00:00")
    assert odd.startswith("Hệ thống thao tác something new") and "dossier." not in odd
    for text in (reprint, back, odd):
        assert "T10:" not in text and "2026-" not in text  # never ISO on screen
