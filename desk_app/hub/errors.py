"""Refusals the hub answers with an HTTP status and a reason (the CLI prints the reason as one line)."""

from __future__ import annotations


class HubError(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
