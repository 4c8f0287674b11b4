"""Store sync: quarantined orders, order changes from the store, outbox delivery state and
the store's sync lease.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("store", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_error", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sync_holder", sa.String(length=150), nullable=True))
        batch_op.add_column(
            sa.Column("sync_lease_until", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("outbox_entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("in_flight", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("remote_id", sa.String(length=200), nullable=True))
    op.create_table(
        "quarantined_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", JSONType, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_quarantined_order_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantined_order")),
        sa.UniqueConstraint(
            "store_id", "external_id", name=op.f("uq_quarantined_order_store_id_external_id")
        ),
    )
    op.create_table(
        "order_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("payload", JSONType, nullable=False),
        sa.Column("station", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["order.id"], name=op.f("fk_order_change_order_id_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_change")),
    )
    op.create_index(
        "ix_order_change_order_open", "order_change", ["order_id", "resolved_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_order_change_order_open", table_name="order_change")
    op.drop_table("order_change")
    op.drop_table("quarantined_order")
    with op.batch_alter_table("outbox_entry", schema=None) as batch_op:
        batch_op.drop_column("remote_id")
        batch_op.drop_column("in_flight")
    with op.batch_alter_table("store", schema=None) as batch_op:
        batch_op.drop_column("sync_lease_until")
        batch_op.drop_column("sync_holder")
        batch_op.drop_column("last_error")
