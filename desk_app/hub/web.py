"""The staff dashboard and the public lookup page (server-rendered Jinja2, Vietnamese)."""

from __future__ import annotations

from typing import Any


def install(app: Any) -> None:
    return None
