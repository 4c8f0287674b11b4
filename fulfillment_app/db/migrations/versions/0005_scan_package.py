"""Which package each packed item went into (orders shipped in several boxes).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scan_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("package_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_scan_event_package_id_package"), "package", ["package_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("scan_event", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_scan_event_package_id_package"), type_="foreignkey")
        batch_op.drop_column("package_id")
