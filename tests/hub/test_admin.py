"""Staff actions from the dashboard over real loopback HTTP: closing/reopening a period, yearly targets.

A small cookie-keeping client plays the browser (no redirects followed, so each refusal is seen as it is)."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import date
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest

from desk_app.hub.reporting import recent_months
from desk_app.hub.targets import target_year
from tests.hub.conftest import HubServer, hub_cli, hub_json

PASSWORD = "mat-khau-dai"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


class Client:
    """A browser without JavaScript: cookies, forms, no redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
        )

    def _send(self, req: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.read().decode(), resp.headers.get("location", "")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode(), err.headers.get("location", "")

    def get(self, path: str) -> tuple[int, str, str]:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode()
        req = urllib.request.Request(self.base + path, data=data, method="POST")
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
        return self._send(req)

    def csrf(self, path: str) -> str:
        status, page, _ = self.get(path)
        assert status == 200, page
        return re.findall(r'name="csrf" value="([^"]+)"', page)[-1]

    def sign_in(self, username: str = "canbo", password: str = PASSWORD) -> None:
        token = self.csrf("/dang-nhap")
        status, _page, where = self.post(
            "/dang-nhap", {"username": username, "password": password, "csrf": token}
        )
        assert status == 303 and where == "/bang-dieu-khien", _page


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _ii06a(period: str, received: int) -> list[dict[str, Any]]:
    """One unit's month: ``received`` in the period, one of them online; all resolved on time but one."""
    figures = {
        "received.total": received,
        "received.online": 1,
        "received.direct_postal": received - 1,
        "received.carried_over": 0,
        "resolved.total": received - 1,
        "resolved.early": 0,
        "resolved.on_time": received - 1,
        "resolved.late": 0,
        "in_progress.total": 1,
        "in_progress.on_time": 1,
        "in_progress.overdue": 0,
    }
    return [{"period": period, "indicator": k, "breakdown": "", "value": v} for k, v in figures.items()]


def _upload(hub: HubServer, token: str, period: str, received: int) -> tuple[int, Any]:
    body = {"batch_id": uuid.uuid4().hex, "unit": "XA01", "data_values": _ii06a(period, received)}
    return hub.request("POST", "/api/v1/dataValueSets", body, token)


def _staffed(hub: HubServer) -> str:
    proc = hub_cli(hub.db_url, "staff", "add", "canbo", env={"DESK_HUB_PASSWORD": PASSWORD})
    assert proc.returncode == 0, proc.stderr
    token: str = hub_json(hub.db_url, "unit", "add", "XA01", "--name", "Xã Gio Sơn")["token"]
    return token


def _closed(hub: HubServer, period: str) -> bool:
    return bool(hub_json(hub.db_url, "report", "--period", period)["closed"])


def test_close_and_reopen_a_period_from_its_page(hub: HubServer) -> None:
    """Confirm, close (uploads for the month then answer 409), reopen (accepted again); who and when is shown;
    a POST without the CSRF token or without a session changes nothing, and so does every GET."""
    token = _staffed(hub)
    period = "2026-09"
    assert _upload(hub, token, period, 5)[0] == 200
    staff = Client(hub.url)
    staff.sign_in()

    status, page, _ = staff.get(f"/ky-bao-cao/{period}")
    assert status == 200 and "Đang mở" in _text(page) and 'id="close"' in page
    status, page, _ = staff.get(f"/ky-bao-cao/{period}/khoa")  # the confirmation step: a GET changes nothing
    assert status == 200 and "Xác nhận khóa số liệu" in _text(page)
    assert not _closed(hub, period)

    status, page, _ = staff.post(f"/ky-bao-cao/{period}/khoa", {})  # no CSRF token
    assert status == 403 and "mã chống giả mạo" in _text(page)
    status, page, _ = staff.post(f"/ky-bao-cao/{period}/khoa", {"csrf": "doan-bua"})
    assert status == 403
    stranger = Client(hub.url)  # not signed in
    status, _page, where = stranger.post(f"/ky-bao-cao/{period}/khoa", {"csrf": staff.csrf("/ky-bao-cao")})
    assert status == 303 and where == "/dang-nhap"
    assert not _closed(hub, period)

    csrf = staff.csrf(f"/ky-bao-cao/{period}/khoa")
    status, _page, where = staff.post(f"/ky-bao-cao/{period}/khoa", {"csrf": csrf})
    assert status == 303 and where == f"/ky-bao-cao/{period}?da=khoa"
    assert _closed(hub, period)
    status, page, _ = staff.get(where)
    text = _text(page)
    assert "Đã khóa số liệu" in text and "bởi canbo" in text and 'id="reopen"' in page
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d Khóa số liệu canbo", text)
    status, page, _ = staff.get("/ky-bao-cao")
    row = re.search(rf'<tr data-period="{period}".*?</tr>', page, re.S)
    assert row and "Đã khóa bởi canbo" in row.group(0)

    status, answer = _upload(hub, token, period, 6)
    assert status == 409 and "closed" in answer["error"]
    assert _upload(hub, token, "2026-10", 4)[0] == 200  # another month is not affected
    status, _page, where = staff.post(f"/ky-bao-cao/{period}/khoa", {"csrf": csrf})
    assert where.endswith("?da=da-khoa")  # closing twice: said so, nothing else

    status, page, _ = staff.get(f"/ky-bao-cao/{period}/mo-lai")
    assert "Xác nhận mở lại kỳ" in _text(page)
    status, _page, where = staff.post(f"/ky-bao-cao/{period}/mo-lai", {"csrf": csrf})
    assert status == 303 and where == f"/ky-bao-cao/{period}?da=mo-lai"
    assert not _closed(hub, period)
    assert _upload(hub, token, period, 6)[0] == 200
    assert hub_json(hub.db_url, "report", "--period", period)["total"]["received"]["total"] == 6
    text = _text(staff.get(f"/ky-bao-cao/{period}")[1])
    assert "Đang mở" in text
    assert text.index("Mở lại kỳ canbo") < text.index("Khóa số liệu canbo")  # newest first

    quarter = staff.get("/ky-bao-cao/2026-Q3")[1]  # quarters are composed of months: no button
    assert 'id="close"' not in quarter and "từng tháng" in _text(quarter)
    status, page, _ = staff.post("/ky-bao-cao/2026-Q3/khoa", {"csrf": csrf})
    assert status == 400 and not _closed(hub, "2026-Q3")


def test_targets_page_sets_the_years_targets_and_the_dashboard_uses_them(hub: HubServer) -> None:
    """Set from the page ("60,5" accepted, empty = no target), shown in the dashboard's ratios at once; bad
    values are refused with the reason in Vietnamese and store nothing."""
    token = _staffed(hub)
    last = recent_months(date.today(), 1)[0]
    year = target_year(last)
    assert _upload(hub, token, last.code, 9)[0] == 200  # on time 8/8 = 100%, online 1/9 = 11,1%
    staff = Client(hub.url)
    staff.sign_in()

    def ratio_cells() -> list[str]:
        page = staff.get("/bang-dieu-khien")[1]
        row = re.search(r"<tr><td>1</td>.*?</tr>", page.split('id="totals"', 1)[1], re.S)
        assert row
        return re.findall(r'<td class="(late|)" title="([^"]*)">([^<]*)</td>', row.group(0))

    before = ratio_cells()
    assert before[0] == ("", f"Chỉ tiêu năm {year}: 90,0%", "100,0%")
    assert before[1] == ("late", f"Chỉ tiêu năm {year}: 50,0%", "11,1%")  # the default targets

    status, page, _ = staff.get(f"/chi-tieu?nam={year}")
    assert status == 200 and "(mặc định)" in page
    csrf = staff.csrf(f"/chi-tieu?nam={year}")
    form = {"csrf": csrf, "nam": str(year), "resolved.on_time_ratio": "", "received.online_ratio": "10,5"}
    status, _page, where = staff.post("/chi-tieu", form)
    assert status == 303 and where == f"/chi-tieu?nam={year}&luu=2"
    page = staff.get(where)[1]
    assert "Đã lưu 2 thay đổi" in _text(page) and 'value="10,5"' in page
    assert [
        (t["indicator"], t["value"], t["source"])
        for t in hub_json(hub.db_url, "target", "list", "--year", str(year))
    ] == [("resolved.on_time_ratio", None, "year"), ("received.online_ratio", 0.105, "year")]
    after = ratio_cells()
    assert after[0] == ("", f"Chỉ tiêu năm {year}: không đặt", "100,0%")
    assert after[1] == ("", f"Chỉ tiêu năm {year}: 10,5%", "11,1%")  # 11,1% now meets the target
    note = _text(staff.get("/bang-dieu-khien")[1])
    assert f"Chỉ tiêu năm {year}: Tỷ lệ đúng hạn không đặt; Tỷ lệ trực tuyến ≥ 10,5%" in note
    history = _text(staff.get(f"/chi-tieu?nam={year}")[1])
    assert (
        "Tỷ lệ trực tuyến 50,0% 10,5% canbo" in history and "Tỷ lệ đúng hạn 90,0% không đặt canbo" in history
    )

    for typed, reason in [
        ("abc", "không phải là một số phần trăm"),
        ("120", "Chỉ tiêu phải từ 0 đến 100"),
        ("-1", "Chỉ tiêu phải từ 0 đến 100"),
        ("6O", "không phải là một số phần trăm"),
    ]:
        bad = {**form, "received.online_ratio": typed, "resolved.on_time_ratio": "95"}
        status, page, _ = staff.post("/chi-tieu", bad)
        assert status == 400 and reason in _text(page), typed
        assert f'value="{typed}"' in page  # what was typed stays in the form
    status, page, _ = staff.post("/chi-tieu", {**form, "nam": "hai nghìn"})
    assert status == 400 and "Năm phải là một số" in _text(page)
    assert hub_json(hub.db_url, "target", "list", "--year", str(year))[0]["value"] is None  # nothing stored

    status, page, _ = staff.post("/chi-tieu", {**form, "csrf": ""})
    assert status == 403
    status, _page, where = Client(hub.url).post("/chi-tieu", {**form, "received.online_ratio": "1"})
    assert status == 303 and where == "/dang-nhap"
    assert hub_json(hub.db_url, "target", "list", "--year", str(year))[1]["value"] == 0.105


def test_target_cli(tmp_path: Path) -> None:
    """`desk-hub target set YEAR INDICATOR VALUE` and `target list --json`; refusals are one line."""
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    listed = hub_json(url, "target", "list", "--year", "2027")
    assert [(t["indicator"], t["value"], t["source"]) for t in listed] == [
        ("resolved.on_time_ratio", 0.9, "default"),
        ("received.online_ratio", 0.5, "default"),
    ]
    assert hub_json(url, "target", "set", "2027", "resolved.on_time_ratio", "60,5") == {
        "year": 2027,
        "indicator": "resolved.on_time_ratio",
        "value": 0.605,
        "changed": True,
    }
    assert not hub_json(url, "target", "set", "2027", "resolved.on_time_ratio", "60.5")["changed"]
    assert hub_json(url, "target", "list", "--year", "2027")[0]["value"] == 0.605
    assert hub_json(url, "target", "list", "--year", "2026")[0]["value"] == 0.9  # another year: untouched
    for args, reason in [
        (("2027", "resolved.on_time_ratio", "101"), "not between 0 and 100"),
        (("2027", "nope", "50"), "unknown indicator"),
        (("1999", "resolved.on_time_ratio", "50"), "out of range"),
    ]:
        proc = hub_cli(url, "target", "set", *args)
        assert proc.returncode == 1 and reason in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_migration_from_0001_keeps_targets_and_closed_periods(hub_db_url: str) -> None:
    """Upgrading a 0001 database: its targets become hub-wide defaults (year 0), its closed periods get their
    "closed" event in the history; then the CLI and the pages read them."""
    from alembic import command
    from sqlalchemy import text

    from desk_app.hub.db import HEAD, HubDatabase, _alembic_config, current_revision, upgrade
    from desk_app.hub.targets import targets_for

    db = HubDatabase(hub_db_url)
    command.upgrade(_alembic_config(db.engine), "0001_hub")
    assert current_revision(db.engine) == "0001_hub"
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO hub_target (indicator, ratio) VALUES ('received.online_ratio', 0.7)"))
        conn.execute(
            text(
                "INSERT INTO hub_closed_period (period, closed_at, closed_by) "
                "VALUES ('2026-08', '2026-09-20 08:00:00', 'tinh')"
            )
        )
    upgrade(db.engine)
    assert current_revision(db.engine) == HEAD
    with db.session() as s:
        assert targets_for(s, 2026) == {"resolved.on_time_ratio": 0.9, "received.online_ratio": 0.7}
        events = s.execute(text("SELECT actor, action, subject FROM hub_audit")).all()
    assert [tuple(e) for e in events] == [("tinh", "period.close", "2026-08")]
    db.close()
    assert hub_json(hub_db_url, "target", "list", "--year", "2030")[1] == {
        "year": 2030,
        "indicator": "received.online_ratio",
        "label": "Tỷ lệ trực tuyến",
        "value": 0.7,
        "source": "default",
    }
    assert hub_json(hub_db_url, "period", "open", "2026-08")["closed"] is False


@pytest.mark.parametrize("typed", ["60", "60,5", " 60.5 ", "0", "100", "60%"])
def test_percent_accepted(typed: str) -> None:
    from desk_app.hub.targets import parse_percent

    assert parse_percent(typed) == round(float(typed.strip().rstrip("%").replace(",", ".")) / 100, 6)


def test_the_cli_closes_months_only(tmp_path: Path) -> None:
    """As on the web: uploads are per month, so a quarter or a year is refused with the reason."""
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_cli(url, "init").returncode == 0
    refused = hub_cli(url, "period", "close", "2026-Q3")
    assert refused.returncode == 1 and "only a month" in refused.stderr
    assert hub_cli(url, "period", "close", "2026-09").returncode == 0
