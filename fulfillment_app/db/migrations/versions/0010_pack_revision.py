"""Pack sessions count their changes: every scan, undo, box and close bumps the revision in the
transaction that writes it, so a process whose memory of the session is behind (another
process of the same station moved it on) sees it and rebuilds, and the row is locked while
the change is made.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pack_session") as batch:
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("pack_session") as batch:
        batch.drop_column("revision")
