"""The outbox backlog for the station's status bar: how many fulfillments are still waiting
to reach their store. A count anyone at the station may see, so no permission is asked."""

from __future__ import annotations

from sqlalchemy import func, select

from ..db import Database
from ..db.models import OutboxEntry, OutboxStatus


class OutboxBacklog:
    def __init__(self, db: Database):
        self._db = db

    def waiting(self) -> int:
        """Fulfillments written and still to be delivered (parked ones wait for a supervisor,
        and the sync status counts those)."""
        with self._db.read() as session:
            count = session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(
                    OutboxEntry.kind == "fulfillment",
                    OutboxEntry.status == OutboxStatus.PENDING,
                )
            )
        return int(count or 0)
