"""The form sets as data: shipped files complete and honest about what is unverified; an admin's copy merged
over them, a bad edit refused with the place named."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from desk_app.domain.errors import UserError
from desk_app.printing.templates import FORM_SETS, fill, load_form_set, shipped_form_set

FORMS = {"slip", "supplement", "refusal", "apology", "stop", "control", "book"}


@pytest.mark.parametrize("set_id", FORM_SETS)
def test_each_shipped_set_is_complete(set_id: str) -> None:
    data = shipped_form_set(set_id)
    assert set(data["forms"]) == FORMS
    for form in FORMS:
        assert "title" in data["forms"][form] and "verified" in data["forms"][form], form


def test_unverified_2025_texts_say_so() -> None:
    data = shipped_form_set("v2025")
    assert "NOT VERIFIED" in data["note"]
    for form, texts in data["forms"].items():
        assert texts["verified"] is False and texts.get("note"), form


def test_both_sets_have_the_same_placeholders_per_text() -> None:
    """An admin editing one set can copy texts from the other: the fill-ins match key by key."""

    def names(value: object) -> set[str]:
        if isinstance(value, str):
            return {n for _, n, _, _ in string.Formatter().parse(value) if n}
        if isinstance(value, list):
            return set().union(*(names(v) for v in value)) if value else set()
        return set()

    old, new = shipped_form_set("v2018")["forms"], shipped_form_set("v2025")["forms"]
    for form in ("supplement", "refusal", "control", "book"):
        for key, value in old[form].items():
            assert names(value) == names(new[form].get(key, value)), (form, key)


def test_an_admin_copy_is_merged_over_the_shipped_text(tmp_path: Path) -> None:
    edited = {"forms": {"refusal": {"title": "PHIẾU TỪ CHỐI (MẪU TỈNH)", "closing": "Trân trọng./."}}}
    (tmp_path / "v2018.json").write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
    texts = load_form_set("v2018", tmp_path).form("refusal")
    assert texts["title"] == "PHIẾU TỪ CHỐI (MẪU TỈNH)" and texts["closing"] == "Trân trọng./."
    assert texts["body"].startswith("Qua xem xét")  # untouched keys keep the shipped text
    assert (
        load_form_set("v2025", tmp_path).form("refusal")["title"]
        == "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
    )


@pytest.mark.parametrize(
    ("edited", "where"),
    [
        ({"forms": {"apology": {"paragraphs": ["Ngày {ngay}"]}}}, "v2025.forms.apology.paragraphs"),
        ({"forms": {"slip": {"register": "Quyển {volume"}}}, "v2025.forms.slip.register"),
        ({"forms": {"slip": {"notes": "một chuỗi"}}}, "v2025.forms.slip.notes"),
    ],
)
def test_a_bad_edit_is_refused_naming_the_place(
    edited: dict[str, object], where: str, tmp_path: Path
) -> None:
    (tmp_path / "v2025.json").write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
    with pytest.raises(UserError) as err:
        load_form_set("v2025", tmp_path)
    assert where in err.value.vi


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "v2025.json").write_text("{not json", "utf-8")
    with pytest.raises(UserError):
        load_form_set("v2025", tmp_path)
    with pytest.raises(UserError):
        load_form_set("v2030")


def test_fill_escapes_the_template_not_the_values() -> None:
    assert fill("A & {x}", x="<b>B</b>") == "A &amp; <b>B</b>"
