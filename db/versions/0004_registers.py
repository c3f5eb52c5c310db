"""register numbers and numbered letters (issue 15)

Revision ID: 0004_registers
Revises: 0001

Adds ``dossiers.form_set``, the ``number_sequences`` and ``dossier_letters`` tables, and enters every
received dossier that has no register number yet in the register of its year (volume 1, running numbers in
order of receipt, after any number already given), so the book and the slips agree from the upgrade on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_registers"
down_revision = "0003_assist"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): the dossiers table carries triggers and the search index.
    op.add_column("dossiers", sa.Column("form_set", sa.String(length=8), nullable=True))
    op.create_table(
        "number_sequences",
        sa.Column("series", sa.String(length=24), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "period"),
    )
    op.create_table(
        "dossier_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issued_at", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["dossier_events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "form", "event_id"),
        sa.UniqueConstraint("form", "year", "seq"),
    )
    with op.batch_alter_table("dossier_letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_letters_dossier_id"), ["dossier_id"], unique=False)
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT id, substr(received_at, 1, 4), book_seq FROM dossiers "
            "WHERE code IS NOT NULL ORDER BY received_at, id"
        )
    ).all()
    last: dict[str, int] = {}
    for _, year, seq in rows:
        if seq is not None:
            last[year] = max(last.get(year, 0), int(seq))
    for dossier_id, year, seq in rows:
        if seq is None:
            last[year] = last.get(year, 0) + 1
            conn.execute(
                sa.text("UPDATE dossiers SET book_number = 1, book_seq = :seq WHERE id = :id"),
                {"seq": last[year], "id": dossier_id},
            )
    for year, value in last.items():
        conn.execute(
            sa.text("INSERT INTO number_sequences (series, period, last) VALUES ('register', :p, :v)"),
            {"p": year, "v": value},
        )


def downgrade() -> None:
    op.drop_table("dossier_letters")
    op.drop_table("number_sequences")
    op.drop_column("dossiers", "form_set")
