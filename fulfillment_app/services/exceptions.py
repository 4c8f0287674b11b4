"""The exceptions queue: orders a packer could not complete, or a picker found short,
resolved by a supervisor."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..db import Database
from ..db.models import (
    Order,
    OrderStatus,
    PackSession,
    PackSessionStatus,
    PickBatch,
    PickTask,
    PickTaskStatus,
    Product,
    ScanEvent,
)
from ..errors import InvalidInput
from . import audit
from .orders import find_order
from .permissions import Actor, Permission


@dataclass(frozen=True)
class WaitingOrder:
    """An order in the exceptions queue: where, by whom and why it was sent there."""

    number: str
    station: str
    who: str
    reason: str


class ExceptionsService:
    def __init__(self, db: Database):
        self._db = db

    RESOLUTIONS = ("pack-short", "wait", "cancel")

    def exceptions(self, actor: Actor) -> list[WaitingOrder]:
        """Orders waiting for a supervisor, oldest first."""
        actor.require(Permission.OVERRIDE)
        with self._db.read() as session:
            rows = session.execute(
                select(Order.number, PackSession.station, PackSession.user_name, PackSession.reason)
                .join(PackSession, PackSession.order_id == Order.id)
                .where(
                    Order.status == OrderStatus.EXCEPTION,
                    PackSession.status == PackSessionStatus.EXCEPTION,
                )
                .order_by(PackSession.closed_at)
            ).all()
            shorts = session.execute(
                select(
                    Order.number, PickBatch.station, PickTask.done_by, Product.sku, PickTask.reason
                )
                .join(PickTask, PickTask.order_id == Order.id)
                .join(PickBatch, PickBatch.id == PickTask.batch_id)
                .join(Product, Product.id == PickTask.product_id)
                .where(
                    Order.status == OrderStatus.EXCEPTION,
                    PickTask.status == PickTaskStatus.SHORT,
                )
                .order_by(PickTask.done_at)
            ).all()
        latest: dict[str, WaitingOrder] = {}
        for number, station, who, sku, reason in shorts:
            latest[number] = WaitingOrder(
                number, station or "", who or "", f"short pick of {sku}: {reason}"
            )
        for number, station, who, reason in rows:
            latest[number] = WaitingOrder(number, station, who, reason or "")
        return list(latest.values())

    def resolve_exception(
        self, actor: Actor, order_number: str, resolution: str, note: str = ""
    ) -> str:
        """A supervisor decides what happens to an order sent to the exceptions:

        - ``pack-short``: ship what there is. Each line is cut to what was packed when the
          order was sent to exceptions (or, short at picking, to what was picked), and the
          order goes to packing (picked: it is not planned for picking again).
        - ``wait``: on hold until stock arrives.
        - ``cancel``: the order will not ship.
        Audited with the lines before and after."""
        actor.require(Permission.OVERRIDE)
        if resolution not in self.RESOLUTIONS:
            raise InvalidInput(f"Resolve with one of {', '.join(self.RESOLUTIONS)}.")
        with self._db.session() as session:
            order = find_order(session, order_number)
            if order.status is not OrderStatus.EXCEPTION:
                raise InvalidInput(f"Order {order.number} is not in the exceptions queue.")
            before = {line.sku: line.quantity for line in order.lines}
            if resolution == "pack-short":
                last = session.scalar(
                    select(PackSession.id)
                    .where(
                        PackSession.order_id == order.id,
                        PackSession.status == PackSessionStatus.EXCEPTION,
                    )
                    .order_by(PackSession.id.desc())
                )
                rows = session.execute(
                    select(ScanEvent.order_line_id, func.sum(ScanEvent.quantity))
                    .where(
                        ScanEvent.pack_session_id == last,
                        ScanEvent.undone.is_(False),
                        ScanEvent.order_line_id.is_not(None),
                    )
                    .group_by(ScanEvent.order_line_id)
                ).all()
                packed = {int(line_id): int(total or 0) for line_id, total in rows if line_id}
                if last is None:  # short at picking: what is in the tote
                    packed = {line.id: line.quantity_picked for line in order.lines}
                if not any(packed.values()):
                    raise InvalidInput("Nothing was packed: wait for stock or cancel instead.")
                for line in order.lines:
                    line.quantity = min(line.quantity, packed.get(line.id, 0))
                order.status = OrderStatus.PICKED
                message = f"Order {order.number} ships short: scan it again at a packing station."
            elif resolution == "wait":
                order.status = OrderStatus.ON_HOLD
                message = f"Order {order.number} waits for stock (on hold)."
            else:
                order.status = OrderStatus.CANCELLED
                message = f"Order {order.number} is cancelled and will not ship."
            audit.record(
                session,
                actor,
                f"exception.{resolution}",
                target_type="order",
                target_id=order.number,
                before={"lines": before},
                after={
                    "lines": {line.sku: line.quantity for line in order.lines},
                    "status": order.status.value,
                },
                reason=note or None,
            )
        return message
