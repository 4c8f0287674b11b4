"""Picking: waves, pick batches (carts), the orders on them with their totes, and the pick
tasks in walking order.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSONType = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
UTC = sa.DateTime(timezone=True)

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("criteria", JSONType, nullable=False),
        sa.Column("created_by", sa.String(length=150), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wave")),
    )
    op.create_table(
        "pick_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=True),
        sa.Column("zone", sa.String(length=30), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ready",
                "picking",
                "paused",
                "done",
                "cancelled",
                name="pickbatchstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("travel", sa.Float(), nullable=False),
        sa.Column("picker_id", sa.Integer(), nullable=True),
        sa.Column("picker", sa.String(length=150), nullable=True),
        sa.Column("station", sa.String(length=100), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("claimed_at", UTC, nullable=True),
        sa.Column("finished_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["picker_id"], ["user_account.id"], name=op.f("fk_pick_batch_picker_id_user_account")
        ),
        sa.ForeignKeyConstraint(["wave_id"], ["wave.id"], name=op.f("fk_pick_batch_wave_id_wave")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_batch")),
    )
    with op.batch_alter_table("pick_batch", schema=None) as batch_op:
        batch_op.create_index("ix_pick_batch_status_rank", ["status", "rank"], unique=False)

    op.create_table(
        "pick_batch_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "exception",
                "withdrawn",
                name="pickorderstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("seen_change_id", sa.Integer(), nullable=True),
        sa.Column("notice", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["pick_batch.id"],
            name=op.f("fk_pick_batch_order_batch_id_pick_batch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["order.id"], name=op.f("fk_pick_batch_order_order_id_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_batch_order")),
        sa.UniqueConstraint("batch_id", "slot", name=op.f("uq_pick_batch_order_batch_id_slot")),
    )
    with op.batch_alter_table("pick_batch_order", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pick_batch_order_order_id"), ["order_id"], unique=False
        )

    op.create_table(
        "pick_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("quantity_done", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "done",
                "short",
                "cancelled",
                name="picktaskstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("skips", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("done_by", sa.String(length=150), nullable=True),
        sa.Column("done_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["pick_batch.id"],
            name=op.f("fk_pick_task_batch_id_pick_batch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_pick_task_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["order.id"], name=op.f("fk_pick_task_order_id_order")
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["order_line.id"], name=op.f("fk_pick_task_order_line_id_order_line")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_pick_task_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_task")),
    )
    with op.batch_alter_table("pick_task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pick_task_batch_status_seq", ["batch_id", "status", "sequence"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pick_task_order_id"), ["order_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pick_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pick_task_order_id"))
        batch_op.drop_index("ix_pick_task_batch_status_seq")

    op.drop_table("pick_task")
    with op.batch_alter_table("pick_batch_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pick_batch_order_order_id"))

    op.drop_table("pick_batch_order")
    with op.batch_alter_table("pick_batch", schema=None) as batch_op:
        batch_op.drop_index("ix_pick_batch_status_rank")

    op.drop_table("pick_batch")
    op.drop_table("wave")
