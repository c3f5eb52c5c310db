"""The hub's API v1 over real loopback HTTP, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import http.client
import uuid
from typing import Any

from tests.hub.conftest import HubServer, hub_cli, hub_json


def _values(period: str, received: int, breakdown: str = "") -> list[dict[str, Any]]:
    return [
        {"period": period, "indicator": "received.total", "breakdown": breakdown, "value": received},
        {"period": period, "indicator": "resolved.total", "breakdown": breakdown, "value": received - 1},
        {"period": period, "indicator": "in_progress.total", "breakdown": breakdown, "value": 1},
    ]


def _announce_oversized(hub: HubServer, path: str, token: str) -> int:
    """Announce a 9 MB body: the hub answers 413 before reading it."""
    host, port = hub.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.putrequest("POST", path)
    conn.putheader("Authorization", f"Bearer {token}")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(9 * 1024 * 1024))
    conn.endheaders()
    conn.send(b"{" + b" " * 1000)
    status = conn.getresponse().status
    conn.close()
    return status


def _body(unit: str, values: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"batch_id": uuid.uuid4().hex, "unit": unit, "data_values": values, **extra}


def test_upload_is_idempotent_and_summarised(hub: HubServer) -> None:
    """Same set twice updates nothing and duplicates nothing; the batch id replays; dryRun changes nothing."""
    token = hub_json(hub.db_url, "unit", "add", "X01", "--name", "Xã Một")["token"]
    status, summary = hub.request("POST", "/api/v1/dataValueSets", _body("X01", _values("2026-09", 5)), token)
    assert status == 200, summary
    assert (summary["imported"], summary["updated"], summary["ignored"]) == (3, 0, 0)

    status, again = hub.request("POST", "/api/v1/dataValueSets", _body("X01", _values("2026-09", 5)), token)
    assert (again["imported"], again["updated"], again["ignored"]) == (0, 0, 3)

    body = _body("X01", _values("2026-09", 7))
    status, dry = hub.request("POST", "/api/v1/dataValueSets?dryRun=true", body, token)
    assert status == 200 and dry["dry_run"] and dry["updated"] == 2
    assert hub_json(hub.db_url, "report", "--period", "2026-09")["total"]["received"]["total"] == 5

    status, first = hub.request("POST", "/api/v1/dataValueSets", body, token)
    assert first["updated"] == 2 and not first["replayed"]
    status, replay = hub.request("POST", "/api/v1/dataValueSets", body, token)
    assert replay["replayed"] and replay["updated"] == 2  # the stored summary, nothing redone

    report = hub_json(hub.db_url, "report", "--period", "2026-09")
    assert report["units"][0]["ii06a"] == {
        "in_progress": {"total": 1},
        "received": {"total": 7},
        "resolved": {"total": 6},
    }
    assert report["units"][0]["last_sync"] is not None
    assert report["period"] == {"code": "2026-09", "from": "2026-08-15", "to": "2026-09-14"}


def test_complete_period_replaces_rows(hub: HubServer) -> None:
    """A period sent as complete drops the rows the new set no longer carries."""
    token = hub_json(hub.db_url, "unit", "add", "X02", "--name", "Xã Hai")["token"]
    vals = _values("2026-10", 4) + _values("2026-10", 4, "field:TP")
    hub.request("POST", "/api/v1/dataValueSets", _body("X02", vals, complete_periods=["2026-10"]), token)
    status, summary = hub.request(
        "POST",
        "/api/v1/dataValueSets",
        _body("X02", _values("2026-10", 4), complete_periods=["2026-10"]),
        token,
    )
    assert status == 200 and summary["deleted"] == 3 and summary["ignored"] == 3


def test_refusals(hub: HubServer) -> None:
    """401 wrong/revoked token, 403 other unit, 409 closed period, 400 malformed, 413 oversized."""
    token_a = hub_json(hub.db_url, "unit", "add", "A", "--name", "Xã A")["token"]
    token_b = hub_json(hub.db_url, "unit", "add", "B", "--name", "Xã B")["token"]
    path = "/api/v1/dataValueSets"

    assert hub.request("POST", path, _body("A", _values("2026-09", 1)), "wrong-token")[0] == 401
    assert hub.request("POST", path, _body("A", _values("2026-09", 1)))[0] == 401
    status, err = hub.request("POST", path, _body("A", _values("2026-09", 1)), token_b)
    assert status == 403 and "B" in err["error"]

    assert hub_cli(hub.db_url, "period", "close", "2026-08").returncode == 0
    status, err = hub.request(
        "POST", path, _body("A", _values("2026-08", 1) + _values("2026-09", 1)), token_a
    )
    assert status == 409 and "2026-08" in err["error"]
    assert (
        hub_json(hub.db_url, "report", "--period", "2026-09")["total"] == {}
    )  # nothing of that batch landed

    status, err = hub.request("POST", path, raw=b"{not json", token=token_a)
    assert status == 400 and "malformed" in err["error"]
    status, err = hub.request(
        "POST", path, {"batch_id": "12345678", "unit": "A", "data_values": [{"x": 1}]}, token_a
    )
    assert status == 400 and "data_values" in err["error"]
    status, err = hub.request("POST", path, _body("A", _values("2026-13", 1)), token_a)
    assert status == 400 and "2026-13" in err["error"]
    assert _announce_oversized(hub, path, token_a) == 413

    assert hub_cli(hub.db_url, "unit", "revoke", "A").returncode == 0
    status, err = hub.request("POST", path, _body("A", _values("2026-09", 1)), token_a)
    assert status == 401 and "revoked" in err["error"]
    assert hub.request("GET", "/api/v1/me", token=token_b)[1]["code"] == "B"

    log = hub.log.read_text(errors="replace")
    assert token_a not in log and token_b not in log


def test_openapi_describes_v1(hub: HubServer) -> None:
    """The API is versioned and described."""
    status, spec = hub.request("GET", "/api/v1/openapi.json")
    assert status == 200
    post = spec["paths"]["/api/v1/dataValueSets"]["post"]
    assert {"400", "401", "403", "409", "413"} <= set(post["responses"])


def test_cli_errors_are_one_line(hub: HubServer) -> None:
    """Duplicate unit and unknown unit: one line, non-zero."""
    hub_json(hub.db_url, "unit", "add", "C", "--name", "Xã C")
    proc = hub_cli(hub.db_url, "unit", "add", "C", "--name", "again")
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "already" in proc.stderr
    proc = hub_cli(hub.db_url, "unit", "revoke", "nope")
    assert proc.returncode == 1 and "nope" in proc.stderr
