"""The dashboard and the public lookup in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import io
import os
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desk_app.hub.reporting import arrival_status, recent_months
from tests.hub.conftest import HubServer, hub_cli, hub_json, start_hub

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _ii06a(period: str, received: int) -> list[dict[str, Any]]:
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


@pytest.fixture(scope="module")
def seeded_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HubServer, str]]:
    """One hub for this module's browser tests: a staff account, XA01 synced (with a dossier), XA02 silent."""
    tmp_path = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_cli(url, "init").returncode == 0
    proc = hub_cli(url, "staff", "add", "canbo", env={"DESK_HUB_PASSWORD": "mat-khau-dai"})
    assert proc.returncode == 0, proc.stderr
    token = hub_json(url, "unit", "add", "XA01", "--name", "Xã Gio Sơn")["token"]
    hub_json(url, "unit", "add", "XA02", "--name", "Xã Vĩnh Linh")
    server = start_hub(url, tmp_path / "hub.log", env={"DESK_HUB_LOOKUPS_PER_MINUTE": "4"})
    last = recent_months(date.today(), 1)[0].code
    body = {
        "batch_id": uuid.uuid4().hex,
        "unit": "XA01",
        "data_values": _ii06a(last, 9),
        "dossiers": [
            {
                "code": "000.00.05.H49-261201-0001",
                "procedure_name": "Chứng thực bản sao từ bản chính",
                "state": "result_ready",
                "state_label": "Đã có kết quả",
                "due_at": "2026-12-03T16:00:00",
                "collect_at": "Bộ phận Một cửa UBND xã Gio Sơn",
            }
        ],
    }
    status, summary = server.request("POST", "/api/v1/dataValueSets", body, token)
    assert status == 200, summary
    yield server, last
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (scripts/_setup.sh installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def test_staff_dashboard_in_browser(seeded_hub: tuple[HubServer, str], browser: Any, tmp_path: Path) -> None:
    """Log in, see the unit that synced and the missing one, drill down, export XLSX and PDF."""
    server, period = seeded_hub
    page = browser.new_page(accept_downloads=True)
    page.goto(server.url + "/bang-dieu-khien")
    assert page.url.endswith("/dang-nhap")  # not signed in: sent to the login page
    page.fill("#username", "canbo")
    page.fill("#password", "sai-mat-khau")
    page.click("#login")
    assert "Sai tên đăng nhập" in page.inner_text("#login-error")
    page.fill("#username", "canbo")
    page.fill("#password", "mat-khau-dai")
    page.click("#login")
    page.wait_for_selector("#reporting-rate")
    synced = page.locator('tr[data-unit="XA01"] td').last
    missing = page.locator('tr[data-unit="XA02"] td').last
    assert synced.get_attribute("class") in ("on_time", "late")  # it arrived after the period ended
    assert missing.get_attribute("class") == "missing" and missing.inner_text() == "Chưa gửi"
    assert "chưa có" in page.locator('tr[data-unit="XA02"] td').nth(2).inner_text()
    assert page.locator("#trend polyline").count() == 2
    assert "9" in page.inner_text("#totals")

    page.click('a[href="/don-vi/XA01"]')
    page.wait_for_selector("#unit-name")
    assert "Xã Gio Sơn" in page.inner_text("#unit-name")
    assert "9" in page.inner_text("#unit-history")

    page.goto(server.url + "/bang-dieu-khien")
    with page.expect_download() as dl:
        page.click(f'a[href="/xuat/{period}.xlsx"]')
    xlsx = tmp_path / "r.xlsx"
    dl.value.save_as(xlsx)
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(xlsx.read_bytes())).active
    names = [row[1] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert "Xã Gio Sơn" in names and "Tổng cộng" in names
    assert any(row[1] == "Tổng cộng" and row[2] == 9 for row in ws.iter_rows(min_row=4, values_only=True))
    with page.expect_download() as dl:
        page.click(f'a[href="/xuat/{period}.pdf"]')
    pdf = tmp_path / "r.pdf"
    dl.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Xã Gio Sơn" in text and "Tổng cộng" in text and "II.06a" in text

    page.click("text=Đăng xuất")
    page.goto(server.url + "/bang-dieu-khien")
    assert page.url.endswith("/dang-nhap")  # the session is gone


def test_public_lookup_in_browser(seeded_hub: tuple[HubServer, str], browser: Any) -> None:
    """A citizen types the code: procedure, state, appointment, where to collect; an unknown code is explained."""
    server, _period = seeded_hub
    page = browser.new_page(viewport={"width": 390, "height": 800})  # a phone
    page.goto(server.url + "/tra-cuu")
    page.fill("#ma", "000.00.05.h49-261201-0001")
    page.click("button[type=submit]")
    page.wait_for_selector("#result")
    text = page.inner_text("#result")
    assert "Chứng thực bản sao" in text and "Đã có kết quả" in text
    assert "03/12/2026 16:00" in text and "Bộ phận Một cửa UBND xã Gio Sơn" in text
    page.goto(server.url + "/tra-cuu?ma=000.00.05.H49-261201-9999")
    assert "chưa gửi số liệu" in page.inner_text("#not-found")
    page.goto(server.url + "/tra-cuu?ma=X")
    page.goto(server.url + "/tra-cuu?ma=Y")
    page.goto(server.url + "/tra-cuu?ma=Z")
    assert page.locator("#limited").count() == 1  # the fifth lookup in a minute (limit 4 in this test)


def test_staff_close_a_period_and_set_a_target_in_browser(
    seeded_hub: tuple[HubServer, str], browser: Any
) -> None:
    """At 1024x768: sign in, close the last month through its page (with the confirmation step), see it marked
    closed on the dashboard, set a target on the Chỉ tiêu page and see it against the dashboard's ratios."""
    from desk_app.domain.periods import parse_period
    from desk_app.hub.targets import target_year

    server, period = seeded_hub
    year = target_year(parse_period(period))
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(server.url + "/dang-nhap")
    page.fill("#username", "canbo")
    page.fill("#password", "mat-khau-dai")
    page.click("#login")
    page.wait_for_selector("#reporting-rate")
    assert "Đã khóa" not in page.inner_text(f'#totals td[data-period="{period}"]')

    page.click("header >> text=Kỳ báo cáo")
    assert "Đang mở" in page.inner_text(f'#periods tr[data-period="{period}"]')
    page.click(f'#periods tr[data-period="{period}"] a')
    page.click("#close")
    assert "Khóa số liệu" in page.inner_text("#confirm")
    page.click("#confirm-yes")
    page.wait_for_selector("#done")
    assert "Đã khóa số liệu" in page.inner_text("#period-state") and "canbo" in page.inner_text(
        "#period-state"
    )
    assert "Khóa số liệu" in page.inner_text("#period-history")
    assert page.locator("#reopen").count() == 1
    page.click("header >> text=Tổng quan")
    assert "Đã khóa" in page.inner_text(f'#totals td[data-period="{period}"]')

    page.goto(server.url + f"/chi-tieu?nam={year}")
    page.fill('input[name="received.online_ratio"]', "12,5")
    page.click("#save-targets")
    page.wait_for_selector("#saved")
    assert page.input_value('input[name="received.online_ratio"]') == "12,5"
    page.click("header >> text=Tổng quan")
    assert "Tỷ lệ trực tuyến ≥ 12,5%" in page.inner_text("#targets-note")
    cell = page.locator(f'#totals td[title="Chỉ tiêu năm {year}: 12,5%"]')
    assert cell.count() >= 1 and cell.first.inner_text() == "11,1%"  # 1 online of 9
    assert cell.first.get_attribute("class") == "late"  # below the new target
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1024, width  # usable at 1024x768 without scrolling sideways


def test_arrival_status_rules() -> None:
    """On time up to the due day (cut-off + N working days), late after, missing when nothing came by then."""
    from datetime import datetime

    from desk_app.domain.periods import parse_period

    p = parse_period("2026-10")  # 15/9 .. 14/10/2026 (a Wednesday): due Friday 16/10 with 2 working days
    assert arrival_status(p, datetime(2026, 10, 16, 17), date(2026, 11, 1), 2).status == "on_time"
    assert arrival_status(p, datetime(2026, 10, 19, 8), date(2026, 11, 1), 2).status == "late"
    assert arrival_status(p, None, date(2026, 10, 16), 2).status == "open"
    assert arrival_status(p, None, date(2026, 10, 17), 2).status == "missing"


def test_sign_in_is_rate_limited(seeded_hub: tuple[HubServer, str]) -> None:
    """Guessing passwords: after ten tries in a minute from one client the hub answers 429 (runs last here)."""
    import http.client
    import urllib.parse

    server, _period = seeded_hub
    host, port = server.url.removeprefix("http://").split(":")
    statuses = []
    for _ in range(12):
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("GET", "/dang-nhap")
        resp = conn.getresponse()
        page = resp.read().decode()
        cookie = resp.getheader("set-cookie", "").split(";", 1)[0]
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        form = urllib.parse.urlencode({"username": "canbo", "password": "doan-mo", "csrf": csrf})
        conn.request(
            "POST",
            "/dang-nhap",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        resp = conn.getresponse()
        body = resp.read().decode()
        statuses.append(resp.status)
        conn.close()
    assert statuses[0] == 401 and statuses[-1] == 429 and "quá nhiều lần" in body
