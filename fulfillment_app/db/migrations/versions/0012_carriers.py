"""Carriers: the configured carriers, a shipment per package with its label and tracking, the
tracking events, and the end-of-day manifests. Orders gain the status "delivered" (statuses are
plain strings without a database enum or check, so that needs no change here).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

UTC = sa.DateTime(timezone=True)
JSONType = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "carrier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("client_number", sa.String(length=100), nullable=False),
        sa.Column("token_env", sa.String(length=100), nullable=False),
        sa.Column("token_keyring", sa.Boolean(), nullable=False),
        sa.Column("courier", sa.String(length=50), nullable=False),
        sa.Column("karrio_carrier", sa.String(length=50), nullable=False),
        sa.Column("options", JSONType, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier")),
        sa.UniqueConstraint("name", name=op.f("uq_carrier_name")),
    )
    op.create_table(
        "manifest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("printed_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["carrier_id"], ["carrier.id"], name=op.f("fk_manifest_carrier_id_carrier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manifest")),
        sa.UniqueConstraint("carrier_id", "number", name=op.f("uq_manifest_carrier_id_number")),
    )
    op.create_table(
        "shipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "waiting",
                "created",
                "held",
                "failed",
                "cancelled",
                name="shipmentstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("tracking_status", sa.String(length=20), nullable=True),
        sa.Column("tracking_number", sa.String(length=100), nullable=True),
        sa.Column("tracking_url", sa.String(length=500), nullable=True),
        sa.Column("carrier_ids", JSONType, nullable=False),
        sa.Column("label_format", sa.String(length=10), nullable=True),
        sa.Column("label", sa.LargeBinary(), nullable=True),
        sa.Column("cod_amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("pickup_point", sa.String(length=100), nullable=True),
        sa.Column("service", sa.String(length=50), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("manifest_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("sent_at", UTC, nullable=True),
        sa.Column("delivered_at", UTC, nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["carrier_id"], ["carrier.id"], name=op.f("fk_shipment_carrier_id_carrier")
        ),
        sa.ForeignKeyConstraint(
            ["manifest_id"], ["manifest.id"], name=op.f("fk_shipment_manifest_id_manifest")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["order.id"], name=op.f("fk_shipment_order_id_order")
        ),
        sa.ForeignKeyConstraint(
            ["package_id"], ["package.id"], name=op.f("fk_shipment_package_id_package")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment")),
        sa.UniqueConstraint("package_id", name=op.f("uq_shipment_package_id")),
        sa.UniqueConstraint("reference", name=op.f("uq_shipment_reference")),
    )
    op.create_index("ix_shipment_status_next", "shipment", ["status", "next_attempt_at"])
    op.create_index("ix_shipment_carrier_manifest", "shipment", ["carrier_id", "manifest_id"])
    op.create_index(op.f("ix_shipment_order_id"), "shipment", ["order_id"])
    op.create_index(op.f("ix_shipment_tracking_number"), "shipment", ["tracking_number"])
    op.create_table(
        "shipment_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipment.id"], name=op.f("fk_shipment_event_shipment_id_shipment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment_event")),
        sa.UniqueConstraint(
            "shipment_id", "at", "status", name=op.f("uq_shipment_event_shipment_id_at_status")
        ),
    )
    op.create_index(op.f("ix_shipment_event_shipment_id"), "shipment_event", ["shipment_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_shipment_event_shipment_id"), table_name="shipment_event")
    op.drop_table("shipment_event")
    op.drop_index(op.f("ix_shipment_tracking_number"), table_name="shipment")
    op.drop_index(op.f("ix_shipment_order_id"), table_name="shipment")
    op.drop_index("ix_shipment_carrier_manifest", table_name="shipment")
    op.drop_index("ix_shipment_status_next", table_name="shipment")
    op.drop_table("shipment")
    op.drop_table("manifest")
    op.drop_table("carrier")
