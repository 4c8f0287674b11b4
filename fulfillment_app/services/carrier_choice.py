"""The packer's view of an order's carrier: what the rules choose, the other carriers in use,
the pickup point the customer chose, and the packer's changes before the close.

The packer's carrier is kept on the order (``Order.carrier``): the shipping rules take it
before any rule, and it outlives a restart of the station between the choice and the close.
A pickup point is kept where the store's point is, ``ship_to["pickup_point"]``
(``{"id", "name", "carrier"}``). Both changes are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..carriers.base import Address, CarrierError, NotSupported, PickupPoint
from ..db import Database
from ..db.models import Carrier, Order
from ..errors import ConfigError, InvalidInput, NotFound
from . import audit
from .carriers import CarrierService
from .permissions import Actor, Permission


@dataclass(frozen=True)
class CarrierOffer:
    order_id: int
    #: The active carriers the packer can choose from, by name.
    carriers: tuple[str, ...]
    #: The carrier the package will ship with ("" : none, our own label only).
    chosen: str
    service: str
    #: Why: the rule that chose it, the packer's choice, or what is wrong with the rules.
    reason: str
    #: The point the customer (or the packer) chose, ``{"id", "name", "carrier"}``, or None.
    pickup_point: dict[str, str] | None
    #: The customer collects the order at the shop: no courier.
    local_pickup: bool = False
    #: ``chosen`` is the packer's choice, not the rules'.
    packer_choice: bool = False


class CarrierChoiceService:
    def __init__(self, db: Database, carriers: CarrierService):
        self._db = db
        self._carriers = carriers

    def offer(self, actor: Actor, order_id: int) -> CarrierOffer:
        actor.require(Permission.PACK)
        with self._db.session() as session:
            order = self._order(session, order_id)
            names = tuple(
                session.scalars(
                    select(Carrier.name).where(Carrier.active.is_(True)).order_by(Carrier.name)
                )
            )
            packer = order.carrier is not None and order.carrier in names
            session.expunge(order)
        ship_to: dict[str, Any] = dict(order.ship_to or {})
        point = ship_to.get("pickup_point")
        point = (
            {k: str(point.get(k) or "") for k in ("id", "name", "carrier")}
            if isinstance(point, dict)
            else None
        )
        try:
            choice = self._carriers.choose_for_order(order)
            chosen, service, reason = choice.carrier, choice.service, choice.reason
        except ConfigError as exc:
            chosen, service, reason = "", "", str(exc)
        return CarrierOffer(order_id, names, chosen, service, reason, point,
                            bool(ship_to.get("local_pickup")), packer)  # fmt: skip

    def choose(self, actor: Actor, order_id: int, carrier: str | None) -> CarrierOffer:
        """The packer ships the order with ``carrier`` (None: as the rules say)."""
        actor.require(Permission.PACK)
        with self._db.session() as session:
            order = self._order(session, order_id)
            if carrier is not None:
                active = session.scalar(select(Carrier.active).where(Carrier.name == carrier))
                if not active:
                    raise InvalidInput(
                        f"There is no carrier {carrier} in use: choose one from the list."
                    )
            if order.carrier != carrier:
                audit.record(session, actor, "order.carrier_chosen", target_type="order",
                             target_id=order.id, before={"carrier": order.carrier},
                             after={"carrier": carrier})  # fmt: skip
                order.carrier = carrier
        return self.offer(actor, order_id)

    def pickup_points(self, actor: Actor, order_id: int, carrier: str) -> list[PickupPoint]:
        """The carrier's points near the order's address (a network call: not on the GUI
        thread)."""
        actor.require(Permission.PACK)
        with self._db.session() as session:
            ship_to = dict(self._order(session, order_id).ship_to or {})
        near = Address(
            name=str(ship_to.get("name") or ""),
            street=str(ship_to.get("address1") or ""),
            city=str(ship_to.get("city") or ""),
            country=str(ship_to.get("country") or "IL") or "IL",
            postcode=str(ship_to.get("zip") or ""),
        )
        if not near.city:
            raise InvalidInput("The order has no city to look pickup points up near.")
        adapter = self._carriers.adapter_for(carrier)
        try:
            return adapter.pickup_points(near)
        except NotSupported:
            raise InvalidInput(f"{carrier} has no pickup points to choose from.") from None
        except CarrierError as exc:
            raise InvalidInput(f"{carrier} did not list its pickup points: {exc}") from None
        finally:
            adapter.close()

    def set_pickup_point(
        self, actor: Actor, order_id: int, carrier: str, point: PickupPoint | None
    ) -> CarrierOffer:
        """Ship to ``point`` of ``carrier`` (None: to the customer's address)."""
        actor.require(Permission.PACK)
        with self._db.session() as session:
            order = self._order(session, order_id)
            ship_to = dict(order.ship_to or {})
            before = ship_to.get("pickup_point")
            if point is None:
                ship_to.pop("pickup_point", None)
            else:
                ship_to["pickup_point"] = {"id": point.id, "name": point.name, "carrier": carrier}
            audit.record(session, actor, "order.pickup_point_chosen", target_type="order",
                         target_id=order.id, before={"pickup_point": before},
                         after={"pickup_point": ship_to.get("pickup_point")})  # fmt: skip
            order.ship_to = ship_to
        return self.offer(actor, order_id)

    @staticmethod
    def _order(session: Any, order_id: int) -> Order:
        order = session.get(Order, order_id)
        if order is None:
            raise NotFound(f"There is no order {order_id}.")
        return order
