"""citizen help log, feedback on rules, online-only procedures

Revision ID: 0003_assist
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_assist"
down_revision = "0002_postal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("online_only", sa.Boolean(), server_default="0", nullable=False))

    op.create_table(
        "assist_helps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_token", sa.String(length=64), nullable=False),
        sa.Column("at", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("reason_text", sa.String(length=300), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("id_masked", sa.String(length=20), nullable=False),
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("had_level2", sa.Boolean(), nullable=True),
        sa.Column("procedure_code", sa.String(length=60), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("dossier_code", sa.String(length=80), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("staff", sa.String(length=60), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("anonymised", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=19), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_assist_helps_dossier_id_dossiers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assist_helps")),
        sa.UniqueConstraint("client_token", name=op.f("uq_assist_helps_client_token")),
    )
    with op.batch_alter_table("assist_helps", schema=None) as batch_op:
        batch_op.create_index("ix_assist_helps_at", ["at"], unique=False)
        batch_op.create_index("ix_assist_helps_id_hash", ["id_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_assist_helps_dossier_id"), ["dossier_id"], unique=False)

    op.create_table(
        "assist_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_token", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("sender_kind", sa.String(length=10), nullable=False),
        sa.Column("sender_name", sa.String(length=200), nullable=False),
        sa.Column("contact_consent", sa.Boolean(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("procedure_code", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("due_on", sa.String(length=10), nullable=False),
        sa.Column("forwarded_to", sa.String(length=200), nullable=False),
        sa.Column("forwarded_at", sa.String(length=16), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.String(length=16), nullable=True),
        sa.Column("answered_by", sa.String(length=60), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("anonymised", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assist_feedback")),
        sa.UniqueConstraint("client_token", name=op.f("uq_assist_feedback_client_token")),
    )
    with op.batch_alter_table("assist_feedback", schema=None) as batch_op:
        batch_op.create_index("ix_assist_feedback_status_due", ["status", "due_on"], unique=False)


def downgrade() -> None:
    op.drop_table("assist_feedback")
    op.drop_table("assist_helps")
    # SQLite 3.35+ drops a plain column in place; a batch "move and copy" of procedures would fail on the
    # dossiers that reference it (foreign keys are on).
    op.drop_column("procedures", "online_only")
