"""SQL that SQLAlchemy models cannot express: triggers and full-text tables.

Run both when a new database is created and by the initial migration, so both paths agree.
"""

from __future__ import annotations

EXTRA_DDL: list[str] = [
    # The audit trail is append-only (architecture.md; OpenCRVS): refuse edits and deletes at the engine.
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""",
]
