"""Staff actions from the dashboard: an audit table (period closed / reopened, target set) and yearly targets.

hub_target was keyed by indicator alone (no way to set it but SQL); it is rebuilt keyed by (year, indicator)
with a nullable ratio ("no target"). Rows already there become year 0: hub-wide defaults, as they acted before.
Every period already closed gets its "closed" event, so the history starts complete.

Revision ID: 0002_admin
Revises: 0001_hub
Create Date: 2026-12-02 00:40:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002_admin"
down_revision = "0001_hub"
branch_labels = None
depends_on = None


def upgrade() -> None:
    audit = op.create_table(
        "hub_audit",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hub_audit_subject", "hub_audit", ["subject", "id"], unique=False)
    bind = op.get_bind()
    closed_table = sa.table(
        "hub_closed_period",
        sa.column("period", sa.String()),
        sa.column("closed_at", sa.DateTime()),
        sa.column("closed_by", sa.String()),
    )
    closed = bind.execute(
        sa.select(closed_table.c.period, closed_table.c.closed_at, closed_table.c.closed_by).order_by(
            closed_table.c.closed_at
        )
    ).all()
    rows = [
        {"at": at, "actor": by, "action": "period.close", "subject": period, "detail": {"period": period}}
        for period, at, by in closed
    ]
    if rows:
        op.bulk_insert(audit, rows)

    op.create_table(
        "hub_target_new",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("ratio", sa.Double(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("year", "indicator", name="pk_hub_target"),
    )
    stamp = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    bind.execute(
        sa.text(
            "INSERT INTO hub_target_new (year, indicator, ratio, updated_at, updated_by) "
            "SELECT 0, indicator, ratio, :stamp, 'migration' FROM hub_target"
        ),
        {"stamp": stamp},
    )
    op.drop_table("hub_target")
    op.rename_table("hub_target_new", "hub_target")


def downgrade() -> None:
    op.create_table(
        "hub_target_old",
        sa.Column("indicator", sa.String(length=80), nullable=False),
        sa.Column("ratio", sa.Double(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("indicator"),
    )
    op.get_bind().execute(
        sa.text(
            "INSERT INTO hub_target_old (indicator, ratio) "
            "SELECT indicator, ratio FROM hub_target WHERE year = 0 AND ratio IS NOT NULL"
        )
    )
    op.drop_table("hub_target")
    op.rename_table("hub_target_old", "hub_target")
    op.drop_index("ix_hub_audit_subject", table_name="hub_audit")
    op.drop_table("hub_audit")
