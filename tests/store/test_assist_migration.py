"""Migration 0003_assist: a database at 0001 upgrades, keeps its procedures, gains the help tables."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from desk_app.store import migrate
from desk_app.store.db import open_database


def test_a_0001_database_upgrades(data_dir: Path) -> None:
    engine = create_engine(f"sqlite:///{data_dir / 'desk_app.db'}")
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO procedures (code, version, name, field, processing_value, processing_unit,"
                " processing_text, fee_rule, fee_text, documents, online_level, result_is_paper, agency,"
                " legal_basis, old_code, confidence, source_note, effective_from, folded, use_count)"
                " VALUES ('1.001193', 1, 'Đăng ký khai sinh', 'Hộ tịch', 0, 'same_day', '', '{}', '', '[]',"
                " 'full', 1, '', '', '', 'A', '', '2025-07-01', '', 0)"
            )
        )
    engine.dispose()
    db = open_database(data_dir)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert {"assist_helps", "assist_feedback"} <= tables
            row = conn.execute(text("SELECT code, online_only FROM procedures")).one()
            assert tuple(row) == ("1.001193", 0)
    finally:
        db.close()
    assert list((data_dir / "backups").glob("pre-upgrade-0001-*.db"))
