"""Keyed credentials: the secret key's check value, room for marked badge digests, and the
per-station limit on unknown badge scans.

Existing PIN hashes and badge digests stay as they are (unmarked) and keep working; each is
replaced by its keyed form at the user's next good sign-in.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shared_setting",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_shared_setting")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column(
            "badge_digest",
            existing_type=sa.String(length=64),
            type_=sa.String(length=80),
            existing_nullable=True,
        )
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("badge_failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("badge_failures_since", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("badge_paused_until", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_column("badge_paused_until")
        batch_op.drop_column("badge_failures_since")
        batch_op.drop_column("badge_failures")
    # Keyed digests are longer than 64 characters: they cannot go back into the old column,
    # and without the key they are of no use to the old version anyway.
    op.execute("UPDATE user_account SET badge_digest = NULL WHERE badge_digest LIKE 'k1:%'")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column(
            "badge_digest",
            existing_type=sa.String(length=80),
            type_=sa.String(length=64),
            existing_nullable=True,
        )
    op.drop_table("shared_setting")
