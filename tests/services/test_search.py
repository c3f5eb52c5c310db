"""Search as you type: folded names, procedure names, codes, IDs and phones through SQLite FTS5."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text

from desk_app.services.lifecycle.dossier_view import find
from desk_app.services.lifecycle.search import check_index, match_expressions, rebuild_index, search_ids
from tests.services.test_lifecycle_support import make_dossier

PEOPLE = [
    ("Nguyễn Thị Hằng", "001190012345", "0912345678", "1.004837"),
    ("Nguyễn Thị Hoa", "001190054321", "0987654321", "1.004837"),
    ("Đặng Văn Đức", "038085001122", "0356789012", "1.001193"),
    ("Trần Minh Khang", "044092003344", "0709123456", "1.004194"),
]


@pytest.fixture
def people(unit_db: Any) -> dict[str, str]:
    codes = {}
    for minute, (name, id_number, phone, proc) in enumerate(PEOPLE):
        codes[name] = make_dossier(
            unit_db,
            name=name,
            id_number=id_number,
            phone=phone,
            procedure=proc,
            received_at=datetime(2025, 7, 7, 9, minute),
        )
    return codes


def names(db: Any, query: str) -> list[str]:
    return [d["applicant"]["full_name"] for d in find(db, query)]


def test_name_prefixes_without_tones(unit_db: Any, people: dict[str, str]) -> None:
    """ "nguyen thi h" finds both Nguyễn Thị H…, newest first; the full name finds one."""
    assert names(unit_db, "nguyen thi h") == ["Nguyễn Thị Hoa", "Nguyễn Thị Hằng"]
    assert names(unit_db, "nguyen thi hang") == ["Nguyễn Thị Hằng"]
    assert names(unit_db, "Nguyễn Thị Hằng") == ["Nguyễn Thị Hằng"]
    assert names(unit_db, "NGUYEN T HO") == ["Nguyễn Thị Hoa"]
    assert names(unit_db, "ng th h") == ["Nguyễn Thị Hoa", "Nguyễn Thị Hằng"]  # short words are prefixes
    assert names(unit_db, "nguy") == ["Nguyễn Thị Hoa", "Nguyễn Thị Hằng"]  # the word being typed


def test_finished_long_words_match_whole(unit_db: Any, people: dict[str, str]) -> None:
    """A longer word followed by more text is complete: it matches whole (fast on a big index)."""
    assert match_expressions("nguyen thi h") == [
        'who : ("nguyen" AND "thi"* AND "h"*)',
        'proc : ("nguyen" AND "thi"* AND "h"*)',
    ]
    assert names(unit_db, "nguye thi") == []
    assert match_expressions("hang ") == ['who : ("hang")', 'proc : ("hang")']


def test_d_and_dd_fold_alike(unit_db: Any, people: dict[str, str]) -> None:
    """đ is folded to d on both sides (unicode61 alone would keep it)."""
    assert names(unit_db, "dang van duc") == ["Đặng Văn Đức"]
    assert names(unit_db, "đức") == ["Đặng Văn Đức"]
    # "Đặng" folds like "Đăng" (ký): the name match comes first, then the procedures
    assert names(unit_db, "Đặng")[0] == "Đặng Văn Đức"
    assert len(names(unit_db, "Đặng")) == 4


def test_procedure_names_and_codes(unit_db: Any, people: dict[str, str]) -> None:
    assert names(unit_db, "dang ky khai sinh") == ["Đặng Văn Đức"]
    assert names(unit_db, "tam tru") == ["Trần Minh Khang"]
    assert names(unit_db, "1.004837") == ["Nguyễn Thị Hoa", "Nguyễn Thị Hằng"]


def test_codes_ids_and_phones(unit_db: Any, people: dict[str, str]) -> None:
    code = people["Trần Minh Khang"]
    assert names(unit_db, code) == ["Trần Minh Khang"]
    assert names(unit_db, code.split("-", 1)[1]) == ["Trần Minh Khang"]  # "250707-0004"
    assert names(unit_db, code.lower()) == ["Trần Minh Khang"]
    assert names(unit_db, "038085001122") == ["Đặng Văn Đức"]
    assert names(unit_db, "03808") == ["Đặng Văn Đức"]
    assert names(unit_db, "0987654321") == ["Nguyễn Thị Hoa"]
    assert names(unit_db, "0987 654 321") == ["Nguyễn Thị Hoa"]
    # a code inside other text (a scanner label) comes first, found by its exact code
    assert names(unit_db, f"Mã: {code}")[0] == "Trần Minh Khang"


def test_a_letter_does_not_match_the_agency_code(unit_db: Any, people: dict[str, str]) -> None:
    """Every code holds "H49": a word typed without digits looks in names and procedures only."""
    found = names(unit_db, "h")
    assert found[:2] == ["Nguyễn Thị Hoa", "Nguyễn Thị Hằng"]  # names first
    assert "Trần Minh Khang" not in found  # "Đăng ký tạm trú / Cư trú" has no h… word; his code has H49
    assert names(unit_db, "zzz") == []
    assert find(unit_db, "  ") == []
    assert match_expressions("!!") == []


def test_direct_inserts_and_updates_are_indexed(unit_db: Any, people: dict[str, str]) -> None:
    """Rows written without the services (demo, bench) are found; a renamed applicant is found by the
    new name only; the index stays consistent with its content."""
    con = sqlite3.connect(unit_db.path)
    with con:
        con.execute(
            "UPDATE applicants SET full_name = 'Nguyễn Thị Hằng Nga', folded_name = 'nguyen thi hang nga' "
            "WHERE full_name = 'Nguyễn Thị Hằng'"
        )
        con.execute(
            "INSERT INTO applicants (full_name, id_number, old_id_number, phone, address, email, gender, "
            "folded_name) VALUES ('Võ Đình Lộc', '', '', '0901111222', '', '', '', 'vo dinh loc')"
        )
        app_id = con.execute("SELECT max(id) FROM applicants").fetchone()[0]
        proc_id, unit_id = con.execute("SELECT procedure_id, unit_id FROM dossiers LIMIT 1").fetchone()
        con.execute(
            "INSERT INTO dossiers (code, client_token, unit_id, procedure_id, applicant_id, channel, "
            "return_via, state, received_at, due_at, paused_minutes, supplement_count, set_count, "
            "fee_amount, fee_method, paid_online, vneid_verified, digitized, result_digitized, note, "
            "created_by, updated_at) VALUES ('001.05.12.H49-250708-0001', 'tok-direct', ?, ?, ?, 'direct', "
            "'counter', 'received', '2025-07-08T08:00', '2025-07-11T08:00', 0, 0, 1, 0, 'exempt', 0, 0, "
            "0, 0, '', 'bench', '2025-07-08T08:00:00')",
            (unit_id, proc_id, app_id),
        )
    con.close()
    assert names(unit_db, "vo dinh loc") == ["Võ Đình Lộc"]
    assert names(unit_db, "nguyen thi hang nga") == ["Nguyễn Thị Hằng Nga"]
    assert names(unit_db, "nguyen thi hang") == ["Nguyễn Thị Hằng Nga"]
    assert check_index(unit_db)
    with unit_db.session() as s:  # the insert trigger also filled the deadline the queues read
        deadline = s.execute(
            text("SELECT deadline_at FROM dossiers WHERE client_token = 'tok-direct'")
        ).scalar()
    assert deadline == "2025-07-11T08:00"


def test_rebuild_index_folds_what_writers_left_unfolded(unit_db: Any, people: dict[str, str]) -> None:
    """An applicant stored without folded_name is found by "dang" only after rebuild_index."""
    con = sqlite3.connect(unit_db.path)
    with con:
        con.execute("UPDATE applicants SET folded_name = '' WHERE full_name = 'Đặng Văn Đức'")
        con.execute(
            "INSERT INTO dossier_fts(dossier_fts) VALUES('delete-all')"
        )  # e.g. a bulk load without triggers
    con.close()
    assert names(unit_db, "dang van duc") == []
    assert rebuild_index(unit_db, actor="admin") == 4
    assert names(unit_db, "dang van duc") == ["Đặng Văn Đức"]
    assert names(unit_db, "nguyen thi h") == ["Nguyễn Thị Hoa", "Nguyễn Thị Hằng"]
    assert check_index(unit_db)


def test_search_ids_respects_the_limit(unit_db: Any, people: dict[str, str]) -> None:
    with unit_db.session() as s:
        assert len(search_ids(s, "nguyen", limit=1)) == 1
        assert len(search_ids(s, "n", limit=10)) == 2
