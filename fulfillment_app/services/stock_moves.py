"""Moving stock on hand: every change at a location goes through :func:`record_move`, which
keeps ``Stock.quantity`` and writes the move with who and why, in the caller's transaction
(a pick, a return or a count commits its stock move with everything else it does, or not at
all)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Stock, StockMove
from .permissions import Actor

#: What a move can be.
KINDS = ("import", "pick", "put-back", "short", "return", "adjust", "count")


def record_move(
    session: Session,
    product_id: int,
    location_id: int,
    delta: int,
    kind: str,
    *,
    actor: Actor | None = None,
    reason: str = "",
    reference: str | None = None,
) -> int:
    """Change the stock of a product at a location by ``delta`` and record it; returns the
    quantity on hand after. Stock never goes below zero: a take of more than the shelf
    holds records what was there (the rest was never on the shelf). A move of zero records
    nothing."""
    if kind not in KINDS:
        raise ValueError(f"unknown stock move {kind!r}")
    row = session.scalar(
        select(Stock)
        .where(Stock.product_id == product_id, Stock.location_id == location_id)
        .with_for_update()
    )
    if row is None:
        row = Stock(product_id=product_id, location_id=location_id, quantity=0)
        session.add(row)
    before = row.quantity or 0
    after = max(0, before + delta)
    if after == before:
        return after
    row.quantity = after
    session.add(
        StockMove(
            product_id=product_id,
            location_id=location_id,
            quantity=after - before,
            on_hand_after=after,
            kind=kind,
            reason=reason,
            user_id=actor.user_id if actor else None,
            person=actor.label if actor else "",
            station=actor.station if actor else None,
            reference=reference,
        )
    )
    session.flush()
    return after
