"""The carrier on the pack screen: what the package ships with (carrier, service, pickup
point), changeable by the packer before the close, and the pickup-point lookup.

Everything that reads or writes goes through the runner: the choice in the "db" lane, the
carrier's list of points in the "network" lane (a courier's answer never holds up a scan).
Neither the combo nor the buttons take the keyboard focus: scans keep reaching the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import FulfillmentError
from ..services.carrier_choice import CarrierChoiceService, CarrierOffer
from ..services.carriers import CarrierService
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel

if TYPE_CHECKING:
    from ..carriers.base import PickupPoint
    from ..context import AppContext
    from ..services.permissions import Actor

BY_RULES = None  # the combo's first item: ship as the rules say


def choice_service(context: AppContext) -> CarrierChoiceService:
    carriers = getattr(context, "carriers", None)
    if not isinstance(carriers, CarrierService):
        carriers = CarrierService(context.db, context.settings.shipping)
    return CarrierChoiceService(context.db, carriers)


class CarrierBar(QWidget):
    """One row under the order's heading: "Carrier [combo] service · why · pickup point
    [Pickup points…]". Hidden while no order is open or no carrier is configured."""

    def __init__(
        self,
        service: CarrierChoiceService,
        runner: TaskRunner,
        sounds: SoundPlayer,
        actor: Callable[[], Actor | None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._service, self._runner, self._sounds, self._actor = service, runner, sounds, actor
        self.offer: CarrierOffer | None = None
        self.dialog: PickupDialog | None = None
        self._order_id: int | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Carrier:")))
        self.combo = QComboBox()
        self.combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.combo.setMinimumWidth(220)
        self.combo.activated.connect(self._chosen)
        row.addWidget(self.combo)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        row.addWidget(self.detail, 1)
        self.point_label = QLabel()
        self.point_label.setWordWrap(True)
        row.addWidget(self.point_label, 1)
        self.points_button = QPushButton(self.tr("Pickup points…"))
        self.points_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.points_button.setAutoDefault(False)
        self.points_button.clicked.connect(self.on_pickup_points)
        row.addWidget(self.points_button)
        self.message = MessageLabel()
        row.addWidget(self.message)
        self.hide()

    # -- showing ---------------------------------------------------------------------------

    def show_order(self, order_id: int | None) -> None:
        """The carrier of ``order_id`` (None: no order open: hide)."""
        self._order_id = order_id
        self.message.clear()
        self.setEnabled(True)
        if order_id is None:
            self.offer = None
            self.hide()
            return
        actor = self._actor()
        if actor is None:
            return
        service = self._service
        self._runner.run(lambda: service.offer(actor, order_id), self._show, self._failed)

    def _show(self, offer: CarrierOffer) -> None:
        if offer.order_id != self._order_id:
            return  # an answer for an order no longer on the screen
        self.offer = offer
        if not offer.carriers:
            self.hide()  # no carrier configured: packing works as before, our label only
            return
        self.combo.blockSignals(True)
        self.combo.clear()
        rules = offer.chosen if not offer.packer_choice else ""
        self.combo.addItem(
            self.tr("As the rules say ({carrier})").format(carrier=rules or self.tr("none")),
            BY_RULES,
        )
        for name in offer.carriers:
            self.combo.addItem(name, name)
        index = self.combo.findData(offer.chosen) if offer.packer_choice else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        parts = [p for p in (offer.service, offer.reason) if p]
        self.detail.setText(" · ".join(parts))
        if offer.local_pickup:
            self.point_label.setText(self.tr("The customer collects at the shop."))
        elif offer.pickup_point:
            point = offer.pickup_point
            self.point_label.setText(
                self.tr("Pickup point: {name} ({id})").format(
                    name=point["name"] or point["id"], id=point["id"]
                )
            )
        else:
            self.point_label.setText(self.tr("To the customer's address."))
        self.points_button.setEnabled(bool(offer.chosen))
        self.show()

    def _failed(self, error: FulfillmentError) -> None:
        self.message.show_error(str(error))
        self._sounds.play("error")

    # -- the packer's changes ----------------------------------------------------------------

    def _chosen(self, index: int) -> None:
        actor, order_id = self._actor(), self._order_id
        if actor is None or order_id is None:
            return
        carrier = self.combo.itemData(index)
        service = self._service
        self._runner.run(lambda: service.choose(actor, order_id, carrier), self._show, self._failed)

    def on_pickup_points(self) -> None:
        actor, order_id, offer = self._actor(), self._order_id, self.offer
        if actor is None or order_id is None or offer is None or not offer.chosen:
            return
        carrier, service = offer.chosen, self._service
        self.message.setText(self.tr("Asking {carrier} for pickup points…").format(
            carrier=carrier))  # fmt: skip
        self._runner.run(
            lambda: service.pickup_points(actor, order_id, carrier),
            lambda points: self._points(order_id, carrier, points),
            self._failed,
            lane="network",
        )

    def _points(self, order_id: int, carrier: str, points: list[PickupPoint]) -> None:
        self.message.clear()
        if order_id != self._order_id:
            return
        if not points:
            self.message.setText(self.tr("{carrier} has no pickup point near this address.")
                                 .format(carrier=carrier))  # fmt: skip
            return
        self.dialog = PickupDialog(carrier, points, self)
        self.dialog.accepted.connect(lambda: self._take_point(order_id, carrier))
        self.dialog.open()

    def _take_point(self, order_id: int, carrier: str) -> None:
        actor, dialog = self._actor(), self.dialog
        if actor is None or dialog is None:
            return
        point, service = dialog.point, self._service
        self._runner.run(
            lambda: service.set_pickup_point(actor, order_id, carrier, point),
            self._show,
            self._failed,
        )


class PickupDialog(QDialog):
    """The carrier's points near the order's address; the packer picks one (or the
    customer's address)."""

    def __init__(self, carrier: str, points: list[PickupPoint], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("{carrier} pickup points").format(carrier=carrier))
        self.points = points
        self.point: PickupPoint | None = None
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        home = QListWidgetItem(self.tr("No pickup point: to the customer's address"))
        home.setData(Qt.ItemDataRole.UserRole, -1)
        self.list.addItem(home)
        kinds = {"locker": self.tr("locker"), "store": self.tr("store"), "point": self.tr("point")}
        for i, p in enumerate(points):
            where = " ".join(x for x in (p.street, p.house) if x)
            text = self.tr("{name} ({kind}) — {where}, {city}").format(
                name=p.name, kind=kinds.get(p.kind, p.kind), where=where, city=p.city
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.list.addItem(item)
        self.list.setCurrentRow(1)
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, row: int) -> None:
        """Choose the row (0: the customer's address) and close."""
        self.list.setCurrentRow(row)
        self.accept()

    def accept(self) -> None:
        item = self.list.currentItem()
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else -1
        self.point = self.points[index] if isinstance(index, int) and index >= 0 else None
        super().accept()
