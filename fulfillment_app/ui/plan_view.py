"""Releasing work (supervisors): plan carts for the open orders, see each cart and the travel
saved against FCFS with S-shape routing, and release them for the pickers, all at once or as a
wave of the orders due before a cut-off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..errors import FulfillmentError
from ..services.pick_planning import METHODS, Criteria, PickPlanner, Plan, Released
from .i18n import word
from .screen import Screen
from .tasks import TaskRunner
from .widgets import MessageLabel


class PlanView(Screen):
    def __init__(self, planner: PickPlanner, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(self.tr("Release work"), parent)
        self._planner, self._runner = planner, runner
        self.plan: Plan | None = None

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Totes a cart")))
        self.slots = QSpinBox()
        self.slots.setRange(1, 99)
        self.slots.setValue(planner.settings.cart_slots)
        row.addWidget(self.slots)
        row.addWidget(QLabel(self.tr("Items a cart")))
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 9999)
        self.capacity.setValue(planner.settings.cart_capacity)
        row.addWidget(self.capacity)
        row.addWidget(QLabel(self.tr("Method")))
        self.method = QComboBox()
        for method in METHODS:  # the planner's names, shown in the screen's language
            self.method.addItem(word(method), method)
        self.method.setCurrentIndex(self.method.findData("ils"))
        row.addWidget(self.method)
        self.cutoff = QSpinBox()
        self.cutoff.setRange(0, 168)
        self.cutoff.setSuffix(self.tr(" h"))
        self.cutoff.setSpecialValueText(self.tr("any cut-off"))
        self.cutoff.setToolTip(self.tr("Only orders to ship within this many hours (a wave)"))
        row.addWidget(QLabel(self.tr("Due within")))
        row.addWidget(self.cutoff)
        self.by_zone = QCheckBox(self.tr("A cart per zone"))
        row.addWidget(self.by_zone)
        row.addStretch(1)
        self.body.addLayout(row)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Cart"), self.tr("Orders"), self.tr("Items"), self.tr("Walk (m)")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.plan_button = QPushButton(self.tr("Plan"))
        self.plan_button.clicked.connect(self.on_refresh)
        self.release_button = QPushButton(self.tr("Release to the pickers"))
        self.release_button.clicked.connect(self.on_release)
        self.release_button.setEnabled(False)
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.release_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

    def _criteria(self) -> Criteria | None:
        hours = self.cutoff.value()
        return (
            Criteria(ship_by_before=datetime.now(UTC) + timedelta(hours=hours)) if hours else None
        )

    def on_refresh(self) -> None:
        """Plan the open orders with the settings shown (nothing is released yet)."""
        actor = self._actor
        if actor is None:
            return
        slots, capacity = self.slots.value(), self.capacity.value()
        method, by_zone, criteria = (
            str(self.method.currentData()),
            self.by_zone.isChecked(),
            self._criteria(),
        )
        self.release_button.setEnabled(False)
        self.message.show_info(self.tr("Planning …"))
        self._runner.run(
            lambda: self._planner.plan(
                actor,
                method,
                cart_slots=slots,
                capacity=capacity,
                criteria=criteria,
                by_zone=by_zone,
            ),
            self._planned,
            self.message.show_error,
        )

    def _planned(self, plan: Plan) -> None:
        self.plan = plan
        self.table.setRowCount(len(plan.batches))
        for i, batch in enumerate(plan.batches):
            cart = (
                self.tr("{cart} (zone {zone})").format(cart=i + 1, zone=batch.zone)
                if batch.zone
                else str(i + 1)
            )
            for j, value in enumerate(
                (cart, ", ".join(batch.orders), batch.items, f"{batch.length:.0f}")
            ):
                self.table.setItem(i, j, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
        orders = sum(len(b.orders) for b in plan.batches)
        text = self.tr(
            "{carts} carts, {orders} orders: {walk} m of walking against {baseline} m for "
            "first-come carts walked aisle by aisle ({saving} less)."
        ).format(
            carts=len(plan.batches),
            orders=orders,
            walk=f"{plan.length:.0f}",
            baseline=f"{plan.baseline:.0f}",
            saving=f"{plan.saving:.0%}",
        )
        if plan.unlocated:
            text += " " + self.tr("Not planned (a product without a location): {orders}").format(
                orders=", ".join(plan.unlocated)
            )
        self.summary.setText(text)
        self.message.show_info("" if plan.batches else self.tr("No open order to plan."))
        self.release_button.setEnabled(bool(plan.batches))

    def on_release(self) -> None:
        actor, plan = self._actor, self.plan
        if actor is None or plan is None:
            return
        wave = None
        if plan.criteria.ship_by_before is not None:
            wave = f"due within {self.cutoff.value()} h"
        self.release_button.setEnabled(False)
        self._runner.run(
            lambda: self._planner.release(actor, plan, wave_name=wave),
            self._released,
            self._release_failed,
        )

    def _released(self, released: Released) -> None:
        carts = len(released.batch_ids)
        text = (
            self.tr(
                "Released 1 cart ({orders} orders, {picks} picks): pickers take it from the "
                "Pick screen."
            )
            if carts == 1
            else self.tr(
                "Released {carts} carts ({orders} orders, {picks} picks): pickers take them "
                "from the Pick screen."
            )
        )
        self.message.show_ok(text.format(carts=carts, orders=released.orders, picks=released.tasks))
        self.plan = None

    def _release_failed(self, error: FulfillmentError) -> None:
        self.message.show_error(error)
        self.release_button.setEnabled(False)
