"""The supervisor's figures: indexes for the dashboard's period queries (scans, picks and pack
sessions by time, sign-ins by action and time, the outbox by store), and a record of time lost
to the system (device faults, printer waits) that nothing else keeps.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

UTC = sa.DateTime(timezone=True)

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = (
    ("ix_scan_event_context_at", "scan_event", ["context", "at"]),
    ("ix_pack_session_closed_at", "pack_session", ["closed_at"]),
    ("ix_pack_session_order_id", "pack_session", ["order_id"]),
    ("ix_pick_batch_finished_at", "pick_batch", ["finished_at"]),
    ("ix_pick_task_done_at", "pick_task", ["done_at"]),
    ("ix_audit_log_action_at", "audit_log", ["action", "at"]),
    ("ix_outbox_entry_store_status", "outbox_entry", ["store_id", "status"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)
    op.create_table(
        "time_lost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("person", sa.String(length=150), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=True),
        sa.Column("cause", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("started_at", UTC, nullable=False),
        sa.Column("ended_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_time_lost_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_lost")),
    )
    op.create_index("ix_time_lost_user_started", "time_lost", ["user_id", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_time_lost_user_started", table_name="time_lost")
    op.drop_table("time_lost")
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
