"""SQL that SQLAlchemy models cannot express: triggers and full-text tables.

Run both when a new database is created and by the initial migration, so both paths agree.
"""

from __future__ import annotations

_FTS_COLUMNS = "code, who, ids, proc"
_FTS_INSERT = f"INSERT INTO dossier_fts(rowid, {_FTS_COLUMNS}) SELECT id, {_FTS_COLUMNS} FROM dossier_search"
_FTS_DELETE = (
    f"INSERT INTO dossier_fts(dossier_fts, rowid, {_FTS_COLUMNS}) "
    f"SELECT 'delete', id, {_FTS_COLUMNS} FROM dossier_search"
)

# Dossier search (services/lifecycle/search.py). SQLite cannot call Python's fold(), so the index reads folded
# columns the writers already store: applicants.folded_name and procedures.folded (domain.text.fold; the
# unicode61 tokenizer strips the remaining tones of an unfolded name, but not đ). The FTS5 table takes its
# content from the dossier_search view (external content: nothing is stored twice) and triggers keep it in
# step with every writer, including bulk inserts that bypass the services. detail=column keeps the index
# small; queries are AND-ed tokens (no phrases). A trigger deletes with the values that were indexed, read
# from the view BEFORE the change: that is how an external-content index stays consistent.
SEARCH_DDL: list[str] = [
    """CREATE VIEW IF NOT EXISTS dossier_search AS
       SELECT d.id AS id, d.applicant_id AS applicant_id, d.procedure_id AS procedure_id,
              COALESCE(d.code, '') AS code,
              CASE WHEN a.folded_name <> '' THEN a.folded_name ELSE a.full_name END AS who,
              a.id_number || ' ' || a.old_id_number || ' ' || a.phone AS ids,
              CASE WHEN p.folded <> '' THEN p.folded ELSE p.code || ' ' || p.name END AS proc
       FROM dossiers d JOIN applicants a ON a.id = d.applicant_id JOIN procedures p ON p.id = d.procedure_id""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS dossier_fts USING fts5({_FTS_COLUMNS},
       content='dossier_search', content_rowid='id', tokenize='unicode61 remove_diacritics 2',
       prefix='1 2 3', detail='column', columnsize=0)""",
    f"""CREATE TRIGGER IF NOT EXISTS dossiers_fts_ai AFTER INSERT ON dossiers
       BEGIN {_FTS_INSERT} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS dossiers_fts_bu BEFORE UPDATE OF code, applicant_id, procedure_id ON dossiers
       BEGIN {_FTS_DELETE} WHERE id = OLD.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS dossiers_fts_au AFTER UPDATE OF code, applicant_id, procedure_id ON dossiers
       BEGIN {_FTS_INSERT} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS dossiers_fts_bd BEFORE DELETE ON dossiers
       BEGIN {_FTS_DELETE} WHERE id = OLD.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS applicants_fts_bu
       BEFORE UPDATE OF full_name, folded_name, id_number, old_id_number, phone ON applicants
       BEGIN {_FTS_DELETE} WHERE applicant_id = OLD.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS applicants_fts_au
       AFTER UPDATE OF full_name, folded_name, id_number, old_id_number, phone ON applicants
       BEGIN {_FTS_INSERT} WHERE applicant_id = NEW.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS procedures_fts_bu BEFORE UPDATE OF code, name, folded ON procedures
       BEGIN {_FTS_DELETE} WHERE procedure_id = OLD.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS procedures_fts_au AFTER UPDATE OF code, name, folded ON procedures
       BEGIN {_FTS_INSERT} WHERE procedure_id = NEW.id; END""",
]

# dossiers.deadline_at (the due moment in force, read by the queues) starts as the appointment. Writers
# that insert rows directly need not know about it; services/lifecycle moves it on extension and pauses.
DEADLINE_DDL: list[str] = [
    """CREATE TRIGGER IF NOT EXISTS dossiers_deadline_ai AFTER INSERT ON dossiers
       WHEN NEW.deadline_at IS NULL AND NEW.due_at IS NOT NULL
       BEGIN UPDATE dossiers SET deadline_at = COALESCE(NEW.extended_due_at, NEW.due_at) WHERE id = NEW.id; END""",
    """CREATE TRIGGER IF NOT EXISTS dossiers_deadline_au AFTER UPDATE OF due_at ON dossiers
       WHEN NEW.deadline_at IS NULL AND NEW.due_at IS NOT NULL
       BEGIN UPDATE dossiers SET deadline_at = COALESCE(NEW.extended_due_at, NEW.due_at) WHERE id = NEW.id; END""",
]

EXTRA_DDL: list[str] = [
    # The audit trail is append-only (architecture.md; OpenCRVS): refuse edits and deletes at the engine.
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
       BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END""",
    *SEARCH_DDL,
    *DEADLINE_DDL,
]
