"""Models for staff accounts and roles. Owned by the trust work."""

from __future__ import annotations
