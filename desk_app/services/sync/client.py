"""The HTTP side of the sync: one POST to the hub's API v1, with the province's own CA when configured.

Plain urllib (no new dependency). Errors are sorted into "try again later" (network, 5xx, 429) and "will not
work until someone fixes something" (400/401/403/409/413), each with a Vietnamese message for the outbox.
"""

from __future__ import annotations

import http.client
import json
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

TIMEOUT_SECONDS = 30

_VI_BY_STATUS = {
    400: "Máy chủ cấp trên từ chối dữ liệu (không đúng định dạng)",
    401: "Mã truy cập (token) không đúng hoặc đã bị thu hồi: hãy nhập lại mã do cấp trên cấp",
    403: "Mã truy cập này thuộc đơn vị khác: kiểm tra lại mã đơn vị và mã truy cập",
    409: "Kỳ báo cáo đã được cấp trên khóa số liệu",
    413: "Dữ liệu gửi quá lớn so với giới hạn của máy chủ cấp trên",
}


@dataclass
class HubReply:
    status: int
    body: dict[str, Any]


class SyncFailure(Exception):
    """A failed exchange: ``retriable`` tells whether waiting and trying again can help."""

    def __init__(self, reason: str, vi: str, *, retriable: bool, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.vi = vi
        self.retriable = retriable
        self.status = status


def ssl_context(ca_file: str | None) -> ssl.SSLContext | None:
    if not ca_file:
        return None
    return ssl.create_default_context(cafile=ca_file)


def request(
    base_url: str, method: str, path: str, token: str, body: Any = None, ca_file: str | None = None
) -> HubReply:
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(base_url.rstrip("/") + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    req.add_header("Content-Type", "application/json")
    req.add_header("Accept", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_SECONDS, context=ssl_context(ca_file)) as resp:
            payload = resp.read()
            status = resp.status
    except urllib.error.HTTPError as err:
        payload, status = err.read(), err.code
    except ssl.SSLError as err:
        raise SyncFailure(
            f"TLS error: {err.reason or err}",
            "Không xác thực được chứng chỉ của máy chủ cấp trên: kiểm tra tệp CA",
            retriable=False,
        ) from None
    except (TimeoutError, urllib.error.URLError, http.client.HTTPException, ConnectionError, OSError) as err:
        reason = getattr(err, "reason", None) or err
        if isinstance(reason, ssl.SSLError):
            raise SyncFailure(
                f"TLS error: {reason}",
                "Không xác thực được chứng chỉ của máy chủ cấp trên: kiểm tra tệp CA",
                retriable=False,
            ) from None
        raise SyncFailure(
            f"network error: {reason}", "Không kết nối được tới máy chủ cấp trên (mạng)", retriable=True
        ) from None
    try:
        parsed = json.loads(payload) if payload else {}
    except ValueError:
        parsed = {}
    if not isinstance(parsed, dict):
        parsed = {}
    if status >= 400:
        reason = str(parsed.get("error") or f"HTTP {status}")[:300]
        if status >= 500 or status == 429 or status not in _VI_BY_STATUS:
            raise SyncFailure(
                f"hub answered {status}: {reason}",
                "Máy chủ cấp trên đang bận hoặc lỗi, sẽ thử lại",
                retriable=True,
                status=status,
            )
        raise SyncFailure(
            f"hub refused ({status}): {reason}",
            f"{_VI_BY_STATUS[status]} ({reason})",
            retriable=False,
            status=status,
        )
    if not parsed and method == "POST":  # a cut answer: the upload may or may not have landed; resend is safe
        raise SyncFailure(
            "empty answer from the hub", "Máy chủ cấp trên trả lời không đầy đủ", retriable=True
        )
    return HubReply(status, parsed)
