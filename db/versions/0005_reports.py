"""reports: yearly targets; indexes for report windows (finished_at, returned_at) and reused documents

Revision ID: 0005_reports
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_reports"
down_revision = "0004_registers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("updated_by", sa.String(length=60), nullable=False),
        sa.Column("updated_at", sa.String(length=19), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_targets")),
        sa.UniqueConstraint("year", "indicator", name=op.f("uq_report_targets_year")),
    )
    op.create_index("ix_dossiers_finished_at", "dossiers", ["finished_at", "received_at"], unique=False)
    op.create_index(
        "ix_dossiers_returned_finished", "dossiers", ["returned_at", "finished_at"], unique=False
    )
    op.create_index(
        "ix_dossier_documents_reused",
        "dossier_documents",
        ["dossier_id"],
        unique=False,
        sqlite_where=sa.text("digitization IN ('reused_document', 'reused_result')"),
    )


def downgrade() -> None:
    op.drop_index("ix_dossier_documents_reused", table_name="dossier_documents")
    op.drop_index("ix_dossiers_returned_finished", table_name="dossiers")
    op.drop_index("ix_dossiers_finished_at", table_name="dossiers")
    op.drop_table("report_targets")
