"""The audit log: one place that writes who did what, in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..db.guards import fit
from ..db.models import AuditEntry
from .permissions import Actor, Permission


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    target_type: str | None = None,
    target_id: str | int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
    station: str | None = None,
) -> None:
    """Add an audit entry to ``session``; it commits or rolls back with the change it records.

    Names too long for their column (a file name, a target) are shortened with an ellipsis:
    the entry is kept on both engines (PostgreSQL would refuse it, and the change with it)."""
    session.add(
        AuditEntry(
            user_id=actor.user_id if actor else None,
            actor=fit(AuditEntry.actor, actor.label if actor else "anonymous"),
            station=fit(AuditEntry.station, actor.station if actor else station),
            action=action,
            target_type=fit(AuditEntry.target_type, target_type),
            target_id=fit(AuditEntry.target_id, None if target_id is None else str(target_id)),
            before=before,
            after=after,
            reason=reason,
        )
    )


@dataclass(frozen=True)
class AuditRecord:
    at: datetime
    actor: str
    station: str | None
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


class AuditService:
    def __init__(self, db: Database):
        self._db = db

    def recent(
        self, actor: Actor, *, limit: int = 200, action: str | None = None
    ) -> list[AuditRecord]:
        """The newest entries first. Supervisors and admins only."""
        actor.require(Permission.VIEW_AUDIT)
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if action:
            query = query.where(AuditEntry.action == action)
        with self._db.session() as session:
            return [
                AuditRecord(
                    at=e.at,
                    actor=e.actor,
                    station=e.station,
                    action=e.action,
                    target=f"{e.target_type} {e.target_id}" if e.target_type else "",
                    before=e.before,
                    after=e.after,
                    reason=e.reason,
                )
                for e in session.scalars(query)
            ]
