"""The signed offline sync file shared by the desk (``sync export``) and the hub (``desk-hub import``).

Layout: the line ``DESKSYNC1``, the line of the HMAC-SHA256 signature (hex), then the JSON payload exactly
as signed. The key is derived from the unit's token by both ends; it cannot be used as a token itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

MAGIC = b"DESKSYNC1"
FORMAT = "desk-app-sync/1"
_KEY_LABEL = b"desk-hub offline file v1\x00"


def offline_key(token: str) -> str:
    return hmac.new(token.encode("utf-8"), _KEY_LABEL, hashlib.sha256).hexdigest()


def sign(key_hex: str, payload: bytes) -> str:
    return hmac.new(bytes.fromhex(key_hex), payload, hashlib.sha256).hexdigest()


def signature_ok(key_hex: str, payload: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key_hex, payload), signature)


def pack(key_hex: str, payload: dict[str, Any]) -> bytes:
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return MAGIC + b"\n" + sign(key_hex, body).encode("ascii") + b"\n" + body


def split(raw: bytes) -> tuple[str, bytes] | None:
    """(signature, payload bytes), or None when ``raw`` is not a sync file."""
    magic, _, rest = raw.partition(b"\n")
    signature, _, body = rest.partition(b"\n")
    if magic != MAGIC or len(signature) != 64:
        return None
    return signature.decode("ascii", "replace"), body
