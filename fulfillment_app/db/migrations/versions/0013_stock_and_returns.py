"""Stock and returns: every stock move with who and why, the stock each store should show
and what it last accepted (the stock outbox), RMAs with their expected lines and graded
units, and the stores' platform options (Magento's store code, BigCommerce's store hash).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

UTC = sa.DateTime(timezone=True)
JSONType = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stock_move",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("on_hand_after", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("person", sa.String(length=150), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["location.id"],
            name=op.f("fk_stock_move_location_id_location"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_stock_move_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_stock_move_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_move")),
    )
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.create_index("ix_stock_move_product_at", ["product_id", "at"], unique=False)

    op.create_table(
        "stock_push",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=100), nullable=False),
        sa.Column("wanted", sa.Integer(), nullable=False),
        sa.Column("wanted_version", sa.BigInteger(), nullable=False),
        sa.Column("pushed", sa.Integer(), nullable=True),
        sa.Column("pushed_version", sa.BigInteger(), nullable=False),
        sa.Column("remote", JSONType, nullable=False),
        sa.Column("remote_quantity", sa.Integer(), nullable=True),
        sa.Column("in_flight_key", sa.String(length=100), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("parked", sa.Boolean(), nullable=False),
        sa.Column("pushed_at", UTC, nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_stock_push_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["store.id"],
            name=op.f("fk_stock_push_store_id_store"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_push")),
        sa.UniqueConstraint("store_id", "sku", name=op.f("uq_stock_push_store_id_sku")),
    )
    with op.batch_alter_table("stock_push", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stock_push_store_next", ["store_id", "next_attempt_at"], unique=False
        )

    op.create_table(
        "return_rma",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "receiving",
                "completed",
                "discrepancy",
                "unmatched",
                "cancelled",
                name="returnstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("collection_carrier", sa.String(length=100), nullable=True),
        sa.Column("collection_tracking", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("discrepancy", sa.Text(), nullable=True),
        sa.Column("opened_by", sa.String(length=150), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("received_at", UTC, nullable=True),
        sa.Column("completed_at", UTC, nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["order.id"], name=op.f("fk_return_rma_order_id_order")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_return_rma_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_rma")),
        sa.UniqueConstraint("number", name=op.f("uq_return_rma_number")),
        sa.UniqueConstraint(
            "store_id", "external_id", name=op.f("uq_return_rma_store_id_external_id")
        ),
    )
    with op.batch_alter_table("return_rma", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_return_rma_collection_tracking"), ["collection_tracking"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_return_rma_order_id"), ["order_id"], unique=False)
        batch_op.create_index("ix_return_rma_status", ["status"], unique=False)

    op.create_table(
        "return_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rma_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("reason_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_line.id"],
            name=op.f("fk_return_line_order_line_id_order_line"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_return_line_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["rma_id"],
            ["return_rma.id"],
            name=op.f("fk_return_line_rma_id_return_rma"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_line")),
    )
    with op.batch_alter_table("return_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_line_rma_id"), ["rma_id"], unique=False)

    op.create_table(
        "return_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rma_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("disposition", sa.String(length=20), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("person", sa.String(length=150), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=True),
        sa.Column("at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["line_id"], ["return_line.id"], name=op.f("fk_return_unit_line_id_return_line")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_return_unit_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_return_unit_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["rma_id"],
            ["return_rma.id"],
            name=op.f("fk_return_unit_rma_id_return_rma"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_unit")),
    )
    with op.batch_alter_table("return_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_unit_rma_id"), ["rma_id"], unique=False)

    with op.batch_alter_table("store", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("options", JSONType, nullable=False, server_default=sa.text("'{}'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("store", schema=None) as batch_op:
        batch_op.drop_column("options")

    with op.batch_alter_table("return_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_unit_rma_id"))

    op.drop_table("return_unit")
    with op.batch_alter_table("return_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_line_rma_id"))

    op.drop_table("return_line")
    with op.batch_alter_table("return_rma", schema=None) as batch_op:
        batch_op.drop_index("ix_return_rma_status")
        batch_op.drop_index(batch_op.f("ix_return_rma_order_id"))
        batch_op.drop_index(batch_op.f("ix_return_rma_collection_tracking"))

    op.drop_table("return_rma")
    with op.batch_alter_table("stock_push", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_push_store_next")

    op.drop_table("stock_push")
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_move_product_at")

    op.drop_table("stock_move")
