"""Regenerate db/versions/0001_initial.py from the models (only while no release has shipped).

Run: python tools/regen_initial_migration.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from desk_app.store import migrate

VERSIONS = Path(__file__).resolve().parent.parent / "db" / "versions"


def main() -> None:
    for old in VERSIONS.glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/empty.db")
        cfg = migrate.config(engine)
        command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001", head="base")
    (path,) = VERSIONS.glob("0001_*.py")
    text = path.read_text()
    text = text.replace(
        "import sqlalchemy as sa\n",
        "import sqlalchemy as sa\n\nfrom desk_app.store.ddl import EXTRA_DDL\n",
        1,
    )
    text = text.replace(
        "    # ### end Alembic commands ###\n\n\ndef downgrade",
        "    # ### end Alembic commands ###\n    for stmt in EXTRA_DDL:\n        op.execute(stmt)\n\n\ndef downgrade",
        1,
    )
    target = VERSIONS / "0001_initial.py"
    path.unlink()
    target.write_text(text)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
