"""Desk -> hub over real loopback HTTP: figures equal the desk's, nothing personal, wrong tokens, offline files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from desk_app.domain.periods import parse_period, period_containing
from desk_app.hub.reporting import months_of
from tests.conftest import run_cli
from tests.hub.conftest import HubServer, desk_json, hub_cli, hub_json

AGENCY = "001.05.12.H49"  # the demo commune's agency code = its unit code at the hub


def connect(hub: HubServer, desk: Path, url: str | None = None) -> dict[str, Any]:
    """Register the demo commune at the hub and point the desk at ``url`` (the hub's own by default; an
    address nobody answers for a desk that syncs by USB file); what `sync configure` printed."""
    token = hub_json(hub.db_url, "unit", "add", AGENCY, "--name", "Xã Gio Sơn")["token"]
    return desk_json(desk, "sync", "configure", "--hub", url or hub.url, "--token", token)


def desk_ii06a(data_dir: Path, period: str) -> dict[str, Any]:
    """The desk's own `report --kind ii06a` total (in-process: the same object the CLI prints)."""
    from desk_app.domain.periods import parse_period
    from desk_app.services.reports.report import build_report
    from desk_app.store.db import open_database

    db = open_database(data_dir)
    try:
        total = build_report(db, "ii06a", parse_period(period)).to_dict()["total"]
    finally:
        db.close()
    return {k: v for k, v in total.items() if k in ("received", "resolved", "in_progress")}


def hub_report(hub_db: str, period: str) -> dict[str, Any]:
    """What `desk-hub report --period P --json` prints (in-process; one CLI call checks the contract)."""
    from desk_app.hub.db import HubDatabase
    from desk_app.hub.reporting import report

    db = HubDatabase(hub_db)
    try:
        with db.session() as s:
            return json.loads(json.dumps(report(s, period), default=str))
    finally:
        db.close()


def assert_hub_equals_desk(hub_db: str, data_dir: Path, periods: list[str]) -> None:
    assert periods
    for period in periods:
        report = hub_report(hub_db, period)
        unit = next(u for u in report["units"] if u["code"] == AGENCY)
        assert unit["ii06a"] == desk_ii06a(data_dir, period), period
        assert report["total"] == unit["ii06a"]


def test_sync_now_brings_the_desk_figures(hub: HubServer, desk: Path) -> None:
    """First sync sends every month with data; the hub's figures equal the desk's; a second sync adds nothing."""
    configured = connect(hub, desk)
    assert configured["marked"] >= 4
    result = desk_json(desk, "sync", "now")
    assert result["errors"] == [] and result["pending"] == 0 and len(result["sent"]) == configured["marked"]
    status = desk_json(desk, "sync", "status")
    assert status["last_success"][:4] == "2026" and status["pending"] == 0 and status["errors"] == []
    assert_hub_equals_desk(hub.db_url, desk, result["sent"])
    sent = set(result["sent"])  # a quarter (or longer) is composed at the hub from its months
    quarters = {period_containing("quarter", parse_period(m).end).code for m in sent}
    full = sorted(q for q in quarters if all(m.code in sent for m in months_of(parse_period(q))))
    assert full
    assert_hub_equals_desk(hub.db_url, desk, full)
    cli_report = hub_json(hub.db_url, "report", "--period", result["sent"][0])
    assert set(cli_report) >= {"period", "units", "total"} and set(cli_report["period"]) >= {"from", "to"}
    assert set(cli_report["units"][0]) >= {"code", "name", "last_sync", "ii06a"}

    again = desk_json(desk, "sync", "now")
    assert again["sent"] == [] and again["errors"] == []
    assert_hub_equals_desk(hub.db_url, desk, result["sent"])


def test_wrong_token_is_one_line_and_changes_nothing(sqlite_hub: HubServer, desk: Path) -> None:
    """A wrong token: non-zero exit, one clear line, the hub holds nothing new; the outbox shows the error."""
    hub_json(sqlite_hub.db_url, "unit", "add", AGENCY, "--name", "Xã Gio Sơn")
    desk_json(desk, "sync", "configure", "--hub", sqlite_hub.url, "--token", "not-the-token")
    proc = run_cli("sync", "now", data_dir=desk)
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0 and "401" in proc.stderr and proc.stdout == ""
    assert hub_report(sqlite_hub.db_url, "2026-10")["total"] == {}
    status = desk_json(desk, "sync", "status")
    assert status["last_success"] is None and status["pending"] > 0
    assert "Mã truy cập" in status["errors"][0]["error"]
    assert "not-the-token" not in sqlite_hub.log.read_text(errors="replace")


def test_hub_holds_no_personal_data(sqlite_hub: HubServer, desk: Path, tmp_path: Path) -> None:
    """After a sync the hub's database holds no applicant name, ID number or phone; the lookup finds a dossier."""
    connect(sqlite_hub, desk)
    desk_json(desk, "sync", "now")
    con = sqlite3.connect(desk / "desk_app.db")
    people = con.execute("SELECT full_name, id_number, phone FROM applicants").fetchall()
    code = con.execute("SELECT code FROM dossiers WHERE code IS NOT NULL LIMIT 1").fetchone()[0]
    con.close()
    hub_file = Path(sqlite_hub.db_url.removeprefix("sqlite:///"))
    blob = b"".join(p.read_bytes() for p in hub_file.parent.glob(hub_file.name + "*"))
    assert people
    for name, id_number, phone in people:
        for secret in (name, id_number, phone):
            if secret and len(secret) >= 6:
                assert secret.encode() not in blob, secret
    status, page = sqlite_hub.request("GET", f"/tra-cuu?ma={code}")
    assert status == 200 and "Thủ tục" in page


def test_offline_file_applies_once_in_order_unaltered(
    sqlite_hub: HubServer, desk: Path, tmp_path: Path
) -> None:
    """desk-app sync export -> desk-hub import; replayed, out-of-order and altered files are refused."""
    connect(sqlite_hub, desk, "http://127.0.0.1:9")
    first = desk_json(desk, "sync", "export", "--out", str(tmp_path / "f1.sync"))
    assert first["sequence"] == 1 and first["periods"]
    assert desk_json(desk, "sync", "status")["pending"] == 0
    second = desk_json(desk, "sync", "export", "--all", "--out", str(tmp_path / "f2.sync"))
    assert second["sequence"] == 2

    proc = hub_cli(sqlite_hub.db_url, "import", str(tmp_path / "f2.sync"))
    assert proc.returncode == 1 and "out of order" in proc.stderr and "#1" in proc.stderr

    raw = (tmp_path / "f1.sync").read_bytes()
    altered = raw.replace(b'"value":', b'"value":1', 1)
    (tmp_path / "bad.sync").write_bytes(altered)
    proc = hub_cli(sqlite_hub.db_url, "import", str(tmp_path / "bad.sync"))
    assert proc.returncode == 1 and "altered" in proc.stderr

    summary = hub_json(sqlite_hub.db_url, "import", str(tmp_path / "f1.sync"))
    assert summary["sequence"] == 1 and summary["imported"] > 0
    proc = hub_cli(sqlite_hub.db_url, "import", str(tmp_path / "f1.sync"))
    assert proc.returncode == 1 and "replayed" in proc.stderr
    assert hub_json(sqlite_hub.db_url, "import", str(tmp_path / "f2.sync"))["sequence"] == 2
    assert_hub_equals_desk(sqlite_hub.db_url, desk, first["periods"])


def test_closed_period_is_kept_aside_until_the_hub_reopens_it(sqlite_hub: HubServer, desk: Path) -> None:
    """The hub closed a month: the desk's later change of it is refused with the reason and set aside as
    "closed" (not pending, not an error that freezes the last success, not retried in the background); once
    the hub's staff reopen the month, "sync now" sends it."""
    from desk_app.services.sync.outbox import mark_periods
    from desk_app.services.sync.worker import status, sync_now
    from desk_app.store.db import open_database

    connect(sqlite_hub, desk)
    first = desk_json(desk, "sync", "now")
    month, other = first["sent"][0], first["sent"][1]
    assert hub_cli(sqlite_hub.db_url, "period", "close", month).returncode == 0
    db = open_database(desk)
    try:
        with db.transaction() as s:
            mark_periods(s, [parse_period(month), parse_period(other)])
        result = sync_now(db, tries=1, sleep=lambda _s: None)
        assert result["errors"] == [] and result["sent"] == [other]
        assert [c["period"] for c in result["closed_now"]] == [month]
        now = status(db)
        item = next(i for i in now["items"] if i["period"] == month)
        assert item["state"] == "closed" and "khóa số liệu" in item["error"] and item["next_try_at"] is None
        assert now["pending"] == 0 and now["closed"] == [month] and now["last_success"] is not None
        # The background worker leaves it; the status bar does not count it as waiting.
        assert sync_now(db, tries=1, sleep=lambda _s: None, force=False)["closed_now"] == []
        from desk_app.services.sync.status import quick_summary

        assert quick_summary(desk)[1] == 0
    finally:
        db.close()
    cli = desk_json(
        desk, "sync", "now"
    )  # asked by hand: tried again, still closed, exit 0 with the month named
    assert [c["period"] for c in cli["closed_now"]] == [month]
    assert hub_cli(sqlite_hub.db_url, "period", "open", month).returncode == 0
    again = desk_json(desk, "sync", "now")
    assert again["sent"] == [month] and again["closed"] == [] and again["pending"] == 0
    assert_hub_equals_desk(sqlite_hub.db_url, desk, [month])


def test_a_file_with_a_closed_month_imports_the_others(
    sqlite_hub: HubServer, desk: Path, tmp_path: Path
) -> None:
    """A USB file cannot be answered: its closed months are set aside as conflicts, the rest is imported."""
    connect(sqlite_hub, desk, "http://127.0.0.1:9")
    exported = desk_json(desk, "sync", "export", "--out", str(tmp_path / "f1.sync"))
    closed, *others = exported["periods"]
    assert others
    assert hub_cli(sqlite_hub.db_url, "period", "close", closed).returncode == 0
    summary = hub_json(sqlite_hub.db_url, "import", str(tmp_path / "f1.sync"))
    assert summary["status"] == "WARNING" and summary["imported"] > 0
    assert [c["period"] for c in summary["conflicts"]] == [closed]
    assert_hub_equals_desk(sqlite_hub.db_url, desk, others)
    unit = next(u for u in hub_report(sqlite_hub.db_url, closed)["units"] if u["code"] == AGENCY)
    assert unit["ii06a"] is None
    text = hub_cli(sqlite_hub.db_url, "import", str(tmp_path / "f1.sync"))
    assert text.returncode == 1 and "already imported" in text.stderr
