"""``desk-app forms …`` through real subprocesses: settings shown and saved, a bad value refused in one line,
an admin's copy of the texts exported for editing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import cli_json, run_cli


def test_forms_settings_round_trip(unit_db: Any) -> None:
    data_dir = unit_db.data_dir
    unit_db.close()
    shown = cli_json("forms", "show", data_dir=data_dir)
    assert shown["form_sets"][-1] == {"set": "v2025", "from": "2025-07-01"}
    assert shown["form_signers"]["apology"]["title"] == "CHỦ TỊCH"
    saved = cli_json(
        "forms",
        "signer",
        "apology",
        "--capacity",
        "KT. CHỦ TỊCH",
        "--title",
        "Phó Chủ tịch",
        "--name",
        "Trần Văn Bình",
        data_dir=data_dir,
    )
    assert saved["form_signers"]["apology"] == {
        "capacity": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Trần Văn Bình",
    }
    saved = cli_json(
        "forms", "set", "--suffix", "apology=XL", "--register-volume", "month", data_dir=data_dir
    )
    assert saved["number_suffixes"]["apology"] == "XL" and saved["register_volume"] == "month"
    saved = cli_json("forms", "set-in-force", "v2018", "--from", "2025-07-01", data_dir=data_dir)
    assert saved["form_sets"] == [
        {"set": "v2018", "from": "2019-01-06"},
        {"set": "v2018", "from": "2025-07-01"},
    ]
    bad = run_cli("forms", "signer", "stop", "--title", "THỦ TRƯỞNG CƠ QUAN", data_dir=data_dir)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1
    bad = run_cli("forms", "set", "--register-volume", "weekly", data_dir=data_dir)
    assert bad.returncode != 0 and "year, quarter, month or size:N" in bad.stderr


def test_export_texts_writes_an_editable_copy(unit_db: Any) -> None:
    data_dir: Path = unit_db.data_dir
    unit_db.close()
    out = cli_json("forms", "export-texts", "v2025", data_dir=data_dir)
    copy = Path(out["out"])
    assert copy == data_dir / "forms" / "v2025.json" and not out["existing"]
    assert (
        json.loads(copy.read_text("utf-8"))["forms"]["slip"]["title"]
        == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    )
    assert cli_json("forms", "export-texts", "v2025", data_dir=data_dir)["existing"] is True
