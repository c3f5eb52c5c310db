"""sync: the outbox of report periods to send to the hub, and the dossiers changed since the last send

Revision ID: 0006_sync
Revises: 0005_reports
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_sync"
down_revision = "0005_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("sent_generation", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.String(length=19), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.String(length=19), nullable=True),
        sa.Column("last_attempt_at", sa.String(length=19), nullable=True),
        sa.Column("sent_at", sa.String(length=19), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_sync_outbox")),
    )
    op.create_table(
        "sync_dirty_dossiers",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_sync_dirty_dossiers_dossier_id_dossiers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_sync_dirty_dossiers")),
    )


def downgrade() -> None:
    op.drop_table("sync_dirty_dossiers")
    op.drop_table("sync_outbox")
