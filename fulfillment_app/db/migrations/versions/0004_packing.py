"""Packing: pack sessions (one open per order), packages, and the packing columns of scans.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pack_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=150), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "closed",
                "exception",
                name="packsessionstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("box_code", sa.String(length=30), nullable=True),
        sa.Column("measured_weight_g", sa.Float(), nullable=True),
        sa.Column("expected_weight_g", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["order.id"], name=op.f("fk_pack_session_order_id_order")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_pack_session_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pack_session")),
    )
    with op.batch_alter_table("pack_session", schema=None) as batch_op:
        batch_op.create_index(
            "uq_pack_session_open_order",
            ["order_id"],
            unique=True,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        )

    op.create_table(
        "package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("pack_session_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sscc", sa.String(length=18), nullable=True),
        sa.Column("box_code", sa.String(length=30), nullable=False),
        sa.Column("weight_g", sa.Float(), nullable=True),
        sa.Column("expected_weight_g", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["order.id"], name=op.f("fk_package_order_id_order")),
        sa.ForeignKeyConstraint(
            ["pack_session_id"],
            ["pack_session.id"],
            name=op.f("fk_package_pack_session_id_pack_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package")),
        sa.UniqueConstraint("sscc", name=op.f("uq_package_sscc")),
    )
    with op.batch_alter_table("package", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_package_order_id"), ["order_id"], unique=False)

    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("requires_serial", sa.Boolean(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("product_barcode", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quantity", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("scan_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pack_session_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("order_line_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("quantity", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("serial", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("lot", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("undone", sa.Boolean(), server_default="0", nullable=False))
        batch_op.create_index(
            batch_op.f("ix_scan_event_pack_session_id"), ["pack_session_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_scan_event_order_line_id_order_line"),
            "order_line",
            ["order_line_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_scan_event_pack_session_id_pack_session"),
            "pack_session",
            ["pack_session_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("scan_event", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_scan_event_pack_session_id_pack_session"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_scan_event_order_line_id_order_line"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_scan_event_pack_session_id"))
        batch_op.drop_column("undone")
        batch_op.drop_column("lot")
        batch_op.drop_column("serial")
        batch_op.drop_column("quantity")
        batch_op.drop_column("order_line_id")
        batch_op.drop_column("pack_session_id")

    with op.batch_alter_table("product_barcode", schema=None) as batch_op:
        batch_op.drop_column("quantity")

    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_column("requires_serial")

    with op.batch_alter_table("package", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_order_id"))

    op.drop_table("package")
    with op.batch_alter_table("pack_session", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_pack_session_open_order",
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        )

    op.drop_table("pack_session")
