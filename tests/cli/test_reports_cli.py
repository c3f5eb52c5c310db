"""``desk-app report`` and ``desk-app targets`` through real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli_json, run_cli
from tests.services import report_cases as rc


@pytest.fixture
def filled(unit_db: Any, data_dir: Path) -> Path:
    rc.build(unit_db)
    unit_db.close()
    return data_dir


def test_ii06a_json_contract_on_stdout(filled: Path) -> None:
    proc = run_cli("report", "--kind", "ii06a", "--period", "2026-10", "--format", "json", data_dir=filled)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["kind"] == "ii06a"
    assert out["period"]["from"] == "2026-09-15" and out["period"]["to"] == "2026-10-14"
    assert {k: out["total"][k] for k in ("received", "resolved", "in_progress")} == rc.II06A_TOTAL
    for row in out["rows"]:
        assert {"key", "label", "received", "resolved", "in_progress"} <= set(row)
        assert all(
            isinstance(v, int) for g in ("received", "resolved", "in_progress") for v in row[g].values()
        )


def test_calendar_periods_flag(filled: Path) -> None:
    out = json.loads(
        run_cli(
            "report", "--kind", "ii06a", "--period", "2026-10", "--calendar-periods", data_dir=filled
        ).stdout
    )
    assert (out["period"]["from"], out["period"]["to"]) == ("2026-10-01", "2026-10-31")


def test_counter_json_and_by_field(filled: Path) -> None:
    proc = run_cli("report", "--kind", "counter", "--period", "2026-10", "--by", "field", data_dir=filled)
    out = json.loads(proc.stdout)
    total = out["total"]
    for key in (
        "received_total",
        "received_online",
        "received_direct",
        "received_postal",
        "returned_online",
        "returned_postal",
        "overdue",
        "supplemented",
        "guided",
        "refused",
        "digitized_intake",
        "digitized_result",
        "paid_online",
        "fee_bearing",
    ):
        assert total[key] == rc.COUNTER_TOTAL[key], key
    assert 0 <= total["online_payment_share"] <= 1
    assert {r["key"] for r in out["rows"]} == {"Hộ tịch", "Chứng thực"}


def test_files_and_errors(filled: Path, tmp_path: Path) -> None:
    for fmt in ("pdf", "xlsx", "json"):
        out = tmp_path / f"r.{fmt}"
        proc = run_cli(
            "report",
            "--kind",
            "quality",
            "--period",
            "2026-Q4",
            "--format",
            fmt,
            "--out",
            str(out),
            data_dir=filled,
        )
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 500
    bad = run_cli("report", "--kind", "ii06a", "--period", "2026-13", data_dir=filled)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "Unknown period" in bad.stderr
    nofile = run_cli("report", "--kind", "ii06a", "--period", "2026-10", "--format", "pdf", data_dir=filled)
    assert nofile.returncode == 1 and "--out" in nofile.stderr


def test_targets_set_and_list(filled: Path) -> None:
    got = cli_json(
        "targets",
        "set",
        "--year",
        "2026",
        "--indicator",
        "full_online_share",
        "--value",
        "60%",
        data_dir=filled,
    )
    assert got["value"] == 0.6
    listed = cli_json("targets", "list", "--year", "2026", data_dir=filled)
    assert [(t["indicator"], t["value"]) for t in listed] == [("full_online_share", 0.6)]
    out = json.loads(run_cli("report", "--kind", "counter", "--period", "2026-10", data_dir=filled).stdout)
    ratio = next(r for r in out["ratios"] if r["code"] == "full_online_share")
    assert ratio["target"] == 0.6 and ratio["missed"] is not None
    bad = run_cli("targets", "set", "--year", "2026", "--indicator", "nope", "--value", "1", data_dir=filled)
    assert bad.returncode == 1


def test_permissions_clerk_may_not_report_leader_may_not_set_targets(unit_db: Any, data_dir: Path) -> None:
    from desk_app.services.trust.auth import create_user

    password = "mat-khau-dai-1234"
    create_user(unit_db, "admin", "Quản Trị", "admin", password)
    create_user(unit_db, "clerk1", "Cán Bộ Một", "clerk", password)
    create_user(unit_db, "lead", "Lãnh Đạo", "leader", password)
    unit_db.close()

    def as_user(name: str, *args: str) -> Any:
        return run_cli(*args, data_dir=data_dir, env={"DESK_APP_USER": name, "DESK_APP_PASSWORD": password})

    assert as_user("clerk1", "report", "--kind", "ii06a", "--period", "2026-10").returncode == 1
    assert as_user("lead", "report", "--kind", "ii06a", "--period", "2026-10").returncode == 0
    denied = as_user(
        "lead", "targets", "set", "--year", "2026", "--indicator", "on_time_rate", "--value", "90%"
    )
    assert denied.returncode == 1 and "permission" in denied.stderr
    ok = as_user("admin", "targets", "set", "--year", "2026", "--indicator", "on_time_rate", "--value", "90%")
    assert ok.returncode == 0, ok.stderr
