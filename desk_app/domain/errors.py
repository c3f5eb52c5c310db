"""Errors a clerk can act on.

Each carries an English message (CLI, logs) and a Vietnamese one (GUI). Anything else raised is a bug.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem with what the user asked or typed; nothing was changed."""

    def __init__(self, message: str, vi: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.vi = vi or message


class NotFound(UserError):
    """The thing asked for does not exist."""


class ValidationError(UserError):
    """Input failed validation. ``field`` names the input when known."""

    def __init__(self, message: str, vi: str | None = None, field: str | None = None) -> None:
        super().__init__(message, vi)
        self.field = field


class StorageError(UserError):
    """The disk or database refused (full disk, locked, read-only, newer schema)."""
