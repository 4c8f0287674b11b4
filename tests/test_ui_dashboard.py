"""The supervisors' dashboard and everyone's own figures, on a seeded shift.

The expected figures are computed here from the seeded events themselves (the lists below),
not by the metrics service. SQLite only: the subject is the screens (the figures are tested
on both databases in test_metrics.py). No SQL may run on the GUI thread.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from fulfillment_app.config import ReportSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    PackSession,
    PackSessionStatus,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    PickTask,
    PickTaskStatus,
    Product,
    Role,
    ScanEvent,
    Store,
)
from fulfillment_app.errors import PermissionDenied
from fulfillment_app.services import metrics_model
from fulfillment_app.services.permissions import Actor
from fulfillment_app.services.shift_report import read_csv
from fulfillment_app.ui import dashboard_view
from fulfillment_app.ui.charts import BarChart
from fulfillment_app.ui.dashboard_tiles import PeriodPicker
from fulfillment_app.ui.dashboard_view import DashboardView
from fulfillment_app.ui.main_window import MainWindow
from fulfillment_app.ui.my_figures_view import MyFiguresView
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from tests.conftest import make_settings
from tests.keyboard import scan

TIMEOUT = 15_000
#: "Now" for the screens' periods: a day long enough ago that no history is fitted (the
#: expected times are the documented defaults).
NOW = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=365)
DAY = NOW.replace(hour=0)


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return DAY.replace(hour=hh, minute=mm, second=ss)


# -- the seeded shift (all the test's expectations come from these lists) ----------------

#: sku -> location code (zone = the code's first letter)
PRODUCTS = {"P-1": "A-01", "P-2": "B-01", "P-3": "A-02"}


@dataclass
class SeedOrder:
    number: str
    lines: list[tuple[str, int, int]]  # (sku, quantity, quantity packed)
    ship_by: datetime | None
    packer: str
    started: datetime
    closed: datetime
    #: (at, sku or None, outcome, quantity)
    scans: list[tuple[datetime, str | None, str, int]] = field(default_factory=list)


PACKED = [
    SeedOrder("1001", [("P-1", 1, 1)], at(15, 0), "Noa", at(9, 10), at(9, 10, 52),
              [(at(9, 10, 40), "P-1", "complete", 1)]),
    SeedOrder("1002", [("P-1", 2, 2), ("P-2", 1, 1)], at(10, 0), "Noa", at(10, 25), at(10, 30),
              [(at(10, 26), "P-1", "accepted", 1), (at(10, 26, 30), None, "wrong item", 0),
               (at(10, 27), "P-1", "accepted", 1), (at(10, 28), "P-2", "complete", 1)]),
    SeedOrder("1003", [("P-3", 4, 3)], None, "Dan", at(11, 0), at(11, 2),
              [(at(11, 0, 20), "P-3", "accepted", 1), (at(11, 0, 40), "P-3", "accepted", 1),
               (at(11, 1), "P-3", "over-scan", 0), (at(11, 1, 30), "P-3", "accepted", 1)]),
]  # fmt: skip
#: The cart: picker Avi, claimed 09:00, finished 09:05, a planned walk of 30 m.
CART = ("Avi", at(9, 0), at(9, 5), 30.0)
#: (order number, sku, quantity, found, done at, short reason)
PICKS = [
    ("1002", "P-1", 2, 2, at(9, 2), None),
    ("1002", "P-2", 1, 1, at(9, 4), None),
    ("1003", "P-3", 4, 3, at(9, 4, 30), "not enough"),  # stock not there: time lost
]
#: Pick scans: (at, outcome)
PICK_SCANS = [(at(9, 2), "accepted"), (at(9, 3), "wrong item"), (at(9, 3, 10), "accepted"),
              (at(9, 4), "accepted")]  # fmt: skip
SIGN_INS = [("Noa (packer)", at(9, 5)), ("Dan (packer)", at(10, 50)), ("Avi (picker)", at(8, 58))]
#: Fulfillments waiting for the one store, whose last sync failed.
STORE_WAITING = 2
#: The backlog, against the real clock: (number, status, cut-off from now or None)
BACKLOG = [
    ("2001", OrderStatus.OPEN, timedelta(hours=-1)),
    ("2002", OrderStatus.PICKING, timedelta(minutes=70)),
    ("2003", OrderStatus.OPEN, timedelta(hours=30)),
    ("2004", OrderStatus.ON_HOLD, None),
]


def seed(context: AppContext) -> None:
    real_now = datetime.now(UTC)
    with context.db.write() as s:
        products, locations = {}, {}
        for sku, code in PRODUCTS.items():
            products[sku] = Product(sku=sku, name=f"Product {sku}")
            locations[sku] = Location(code=code, zone=code[0])
            s.add_all([products[sku], locations[sku]])
        s.flush()
        orders: dict[str, Order] = {}
        lines: dict[tuple[str, str], OrderLine] = {}
        for o in PACKED:
            order = Order(external_id=o.number, number=o.number, status=OrderStatus.PACKED,
                          ship_by=o.ship_by)  # fmt: skip
            for sku, quantity, packed in o.lines:
                line = OrderLine(product_id=products[sku].id, sku=sku, name=sku,
                                 quantity=quantity, quantity_picked=packed,
                                 quantity_packed=packed)  # fmt: skip
                order.lines.append(line)
                lines[o.number, sku] = line
            orders[o.number] = order
            s.add(order)
        for number, status, cut_off in BACKLOG:
            s.add(Order(external_id=number, number=number, status=status,
                        ship_by=real_now + cut_off if cut_off is not None else None))  # fmt: skip
        s.flush()
        for o in PACKED:
            session = PackSession(order_id=orders[o.number].id, station=f"pack-{o.packer}",
                                  user_name=o.packer, status=PackSessionStatus.CLOSED,
                                  started_at=o.started, closed_at=o.closed)  # fmt: skip
            s.add(session)
            s.flush()
            for when, sku, outcome, quantity in o.scans:
                line = lines[o.number, sku] if sku else None
                s.add(ScanEvent(at=when, context="pack", raw=sku or "X", kind="product",
                                outcome=outcome, order_id=orders[o.number].id,
                                pack_session_id=session.id,
                                order_line_id=line.id if line else None,
                                quantity=quantity))  # fmt: skip
        picker, claimed, finished, travel = CART
        batch = PickBatch(status=PickBatchStatus.DONE, method="batch", travel=travel,
                          picker=picker, station="cart-1", claimed_at=claimed,
                          finished_at=finished)  # fmt: skip
        s.add(batch)
        s.flush()
        for slot, number in enumerate(sorted({p[0] for p in PICKS}), 1):
            s.add(PickBatchOrder(batch_id=batch.id, order_id=orders[number].id, slot=slot))
        for i, (number, sku, quantity, found, done_at, reason) in enumerate(PICKS):
            s.add(PickTask(batch_id=batch.id, sequence=i, order_id=orders[number].id,
                           order_line_id=lines[number, sku].id, location_id=locations[sku].id,
                           product_id=products[sku].id, slot=1, quantity=quantity,
                           quantity_done=found,
                           status=PickTaskStatus.SHORT if reason else PickTaskStatus.DONE,
                           reason=reason, done_by=picker, done_at=done_at))  # fmt: skip
        for when, outcome in PICK_SCANS:
            s.add(ScanEvent(at=when, context="pick", raw="x", kind="product", outcome=outcome))
        shop = Store(name="Shop", platform="woocommerce", base_url="http://127.0.0.1:9",
                     last_error="The store did not answer.")  # fmt: skip
        s.add(shop)
        s.flush()
        for i in range(STORE_WAITING):
            s.add(OutboxEntry(store_id=shop.id, kind="fulfillment", idempotency_key=f"k{i}"))
        for label, when in SIGN_INS:
            s.add(AuditEntry(at=when, actor=label, action="auth.login"))


# -- the figures, computed from the lists -------------------------------------------------


@dataclass
class Expected:
    orders_packed: int
    lines_picked: int
    units_picked: int
    lines_packed: int
    units_packed: int
    pick_accuracy: float
    pack_accuracy: float
    on_time: float
    fill_rate: float
    lost_s: float
    score: float


def packed_units(o: SeedOrder) -> int:
    return sum(q for _at, _sku, outcome, q in o.scans if outcome in ("accepted", "complete"))


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def expected_figures(start: datetime, end: datetime, packer: str | None = None) -> Expected:
    """The figures of [start, end) (of one packer's work only, when named), from the lists."""

    def inside(t: datetime) -> bool:
        return start <= t < end

    orders = [o for o in PACKED if inside(o.closed) and packer in (None, o.packer)]
    picks = [p for p in PICKS if inside(p[4]) and packer is None]
    packed = [
        (o.number, sku, q)
        for o in PACKED
        for t, sku, outcome, q in o.scans
        if inside(t) and outcome in ("accepted", "complete") and packer in (None, o.packer)
    ]
    pack_scans = [out for o in PACKED for t, _s, out, _q in o.scans if inside(t)]
    pick_scans = [out for t, out in PICK_SCANS if inside(t)]
    cut_off = [o for o in orders if o.ship_by is not None]
    filled = [
        o
        for o in orders
        if all(q == p for _s, q, p in o.lines) and not any(p[0] == o.number and p[5] for p in PICKS)
    ]
    # Fair productivity with the documented default coefficients (no history to fit).
    pack_c, cart_c = metrics_model.DEFAULTS["pack"], metrics_model.DEFAULTS["cart"]
    expected_s = worked_s = lost_s = 0.0
    for o in orders:
        n_lines, n_units = len(o.lines), packed_units(o)
        kind = "mixed" if n_lines > 1 else ("single_sku" if n_units > 1 else None)
        expected_s += pack_c["base"] + n_lines * pack_c["lines"] + n_units * pack_c["units"]
        expected_s += pack_c[kind] if kind else 0.0
        worked_s += (o.closed - o.started).total_seconds()
    _picker, claimed, finished, travel = CART
    if inside(finished) and packer is None:
        expected_s += cart_c["base"] + travel * cart_c["travel_m"]
        expected_s += len({PRODUCTS[p[1]] for p in PICKS}) * cart_c["locations"]
        expected_s += len(PICKS) * cart_c["lines"] + sum(p[2] for p in PICKS) * cart_c["units"]
        previous = claimed
        for *_x, done_at, reason in sorted(PICKS, key=lambda p: p[4]):
            if reason:  # looking for stock that was not there
                lost_s += (done_at - previous).total_seconds()
            previous = done_at
        worked_s += (finished - claimed).total_seconds() - lost_s
    return Expected(
        orders_packed=len(orders),
        lines_picked=len(picks),
        units_picked=sum(p[3] for p in picks),
        lines_packed=len({(number, sku) for number, sku, _q in packed}),
        units_packed=sum(q for _n, _s, q in packed),
        pick_accuracy=1 - ratio(pick_scans.count("wrong item"), len(pick_scans)),
        pack_accuracy=1 - ratio(pack_scans.count("wrong item"), len(pack_scans)),
        on_time=ratio(sum(o.closed <= o.ship_by for o in cut_off), len(cut_off)),  # type: ignore[operator]
        fill_rate=ratio(len(filled), len(orders)),
        lost_s=lost_s,
        score=expected_s / worked_s if worked_s else 0.0,
    )


def pct(ratio: float) -> str:
    return f"{ratio * 100:.1f} %"


# -- the world ----------------------------------------------------------------------------


@pytest.fixture
def world(tmp_path: Path) -> Iterator[AppContext]:
    settings = make_settings(f"sqlite:///{tmp_path / 'figures.sqlite3'}", tmp_path)
    settings = settings.replace(reports=ReportSettings(timezone="UTC"))
    context = AppContext.build(settings)
    context.start()
    seed(context)
    yield context
    context.close()


@pytest.fixture
def gui_sql(world: AppContext) -> Iterator[list[str]]:
    """The threads SQL ran on while the screens were up (never the GUI thread)."""
    threads: list[str] = []

    def record(*_args: Any) -> None:
        threads.append(threading.current_thread().name)

    event.listen(world.db.engine, "before_cursor_execute", record)
    yield threads
    event.remove(world.db.engine, "before_cursor_execute", record)
    assert threads and "MainThread" not in threads, "SQL ran on the GUI thread"


def off_gui(call: Callable[[], Any]) -> Any:
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(_catch(call)), name="test-call")
    thread.start()
    thread.join(60)
    return box[0]


def _catch(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except Exception as error:  # handed back to the test to assert on
        return error


SARA = Actor("Sara", Role.SUPERVISOR, "office")
NOA = Actor("Noa", Role.PACKER, "pack-Noa", user_id=3)


def tile(view: Any, key: str) -> str:
    return str(view.tiles[key].value.text())


def column(table: Any, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_the_dashboard_shows_the_seeded_shift_live(
    qtbot: Any,
    world: AppContext,
    gui_sql: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(dashboard_view, "REFRESH_MS", 150)
    running, most = [0], [0]
    fetch = world.metrics.dashboard

    def counted(*args: Any, **kwargs: Any) -> Any:
        running[0] += 1
        most[0] = max(most[0], running[0])
        try:
            return fetch(*args, **kwargs)
        finally:
            running[0] -= 1

    monkeypatch.setattr(world.metrics, "dashboard", counted)
    runner = TaskRunner()
    view = DashboardView(world, runner, SoundPlayer(world.settings.ui), now=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    try:
        view.activate(SARA)
        qtbot.waitUntil(lambda: view.dashboard is not None, timeout=TIMEOUT)
        want = expected_figures(DAY, NOW)
        assert tile(view, "orders_packed") == str(want.orders_packed) == "3"
        assert tile(view, "lines_picked") == str(want.lines_picked)
        assert tile(view, "units_picked") == str(want.units_picked)
        assert tile(view, "lines_packed") == str(want.lines_packed)
        assert tile(view, "units_packed") == str(want.units_packed)
        assert tile(view, "pick_accuracy") == pct(want.pick_accuracy)
        assert tile(view, "pack_accuracy") == pct(want.pack_accuracy)
        assert tile(view, "on_time") == pct(want.on_time)
        assert tile(view, "fill_rate") == pct(want.fill_rate)
        assert tile(view, "lost") == f"{int(want.lost_s)} s"
        assert tile(view, "score") == f"{want.score:.2f}"
        active = sum((o.closed - o.started).total_seconds() for o in PACKED)
        active += (CART[2] - CART[1]).total_seconds()  # nobody did two tasks at once
        assert active >= 600  # shown in whole minutes from ten on
        assert tile(view, "active") == f"{int(active // 60)} min"
        assert tile(view, "stores") == str(STORE_WAITING)
        assert view.tiles["stores"].outcome == "bad"  # the last sync failed
        assert column(view.stores_table, 4) == ["The store did not answer."]
        # The backlog against the real clock: an overdue order and one due within two
        # hours are at risk; on hold without a cut-off and due tomorrow are not.
        assert tile(view, "backlog") == str(len(BACKLOG))
        hours = world.settings.reports.at_risk_hours
        at_risk = [n for n, _s, c in BACKLOG if c is not None and c <= timedelta(hours=hours)]
        assert tile(view, "at_risk") == str(len(at_risk))
        assert sorted(column(view.risk_table, 0)) == sorted(at_risk)
        # The charts: throughput by the hour the work was done.
        chart = view.throughput_chart
        assert chart.categories == [f"{h:02d}" for h in range(12)]
        units_by_hour = [0.0] * 12
        for o in PACKED:
            for t, _sku, outcome, q in o.scans:
                if outcome in ("accepted", "complete"):
                    units_by_hour[t.hour] += q
        assert chart.values["Units packed"] == units_by_hour
        lines_by_hour = [0.0] * 12
        for p in PICKS:
            lines_by_hour[p[4].hour] += 1
        assert chart.values["Lines picked"] == lines_by_hour
        assert view.backlog_chart.values["Orders"] == [1, 1, 0, 0, 1, 1]
        assert view.accuracy_chart.values["Packing"][:2] == [1, 1]  # a wrong item, an over-scan
        # Team figures by default: no names until the supervisor asks for them.
        assert not view.tabs.isTabVisible(view.tabs.indexOf(view.people_table))
        assert not view.dashboard.individual
        assert view.privacy.text().startswith("These figures count")
        # It keeps refreshing, one fetch at a time.
        fetched = view.fetches
        qtbot.waitUntil(lambda: view.fetches >= fetched + 3, timeout=TIMEOUT)
        view.individual.setChecked(True)
        qtbot.waitUntil(lambda: view.people_table.rowCount() == 3, timeout=TIMEOUT)
        assert column(view.people_table, 0) == ["Avi", "Dan", "Noa"]
        # One hour of the day: only what was done between 10:00 and 11:00.
        view.period_picker.choose(PeriodPicker.HOUR, 10)
        qtbot.waitUntil(
            lambda: view.dashboard is not None and view.dashboard.period.start == at(10, 0),
            timeout=TIMEOUT,
        )
        hour = expected_figures(at(10, 0), at(11, 0))
        assert tile(view, "orders_packed") == str(hour.orders_packed) == "1"
        assert tile(view, "units_packed") == str(hour.units_packed)
        assert tile(view, "lines_picked") == "0"
        assert most[0] == 1, "two refreshes ran at once"
        # The shift report of the hour shown, saved from the screen.
        view.save_report(tmp_path / "hour.csv")
        qtbot.waitUntil(lambda: "was saved" in view.message.text(), timeout=TIMEOUT)
        team = read_csv((tmp_path / "hour.csv").read_bytes())["team"][0]
        assert team["orders_packed"] == str(hour.orders_packed)
        assert team["units_packed"] == str(hour.units_packed)
        # Opened again (by the next supervisor): the team's figures, no names.
        view.activate(SARA)
        assert not view.individual.isChecked()
        qtbot.waitUntil(lambda: not view.dashboard.individual, timeout=TIMEOUT)
    finally:
        view.hide()
        runner.shutdown()


def test_a_worker_sees_their_own_figures_and_nobody_elses(
    qtbot: Any, world: AppContext, gui_sql: list[str]
) -> None:
    runner = TaskRunner()
    view = MyFiguresView(world, runner, now=lambda: NOW)
    qtbot.addWidget(view)
    try:
        view.activate(NOA)
        qtbot.waitUntil(lambda: view.figures is not None, timeout=TIMEOUT)
        mine = expected_figures(DAY, NOW, packer="Noa")
        assert tile(view, "orders_packed") == str(mine.orders_packed) == "2"
        assert tile(view, "units_packed") == str(mine.units_packed)
        assert tile(view, "score") == f"{mine.score:.2f}"
        assert view.tasks_table.rowCount() == 2  # her two pack sessions, not Dan's
        assert view.figures is not None and view.figures.person.person == "Noa"
        assert {t.person for t in view.figures.tasks} == {"Noa"}
        # The service refuses her anybody else's figures, and each person's on the dashboard.
        period = world.metrics.today(NOW)
        refused = off_gui(lambda: world.metrics.my_figures(NOA, period, person="Dan"))
        assert isinstance(refused, PermissionDenied)
        refused = off_gui(lambda: world.metrics.dashboard(NOA, period, individual=True))
        assert isinstance(refused, PermissionDenied)
    finally:
        runner.shutdown()


def test_a_packer_opens_her_figures_from_home_and_only_them(
    qtbot: Any, world: AppContext, gui_sql: list[str]
) -> None:
    admin = world.command_line_actor()
    off_gui(lambda: world.users.add(admin, "Noa", Role.PACKER, "3333", "BADGE-1003"))
    window = MainWindow(world)
    qtbot.addWidget(window)
    window.show()
    window.start()
    try:
        login = window.login_view
        qtbot.waitUntil(lambda: window.stack.currentWidget() is login, timeout=TIMEOUT)
        login.badge_input.setFocus()
        scan(qtbot, login.badge_input, "BADGE-1003")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_view, timeout=TIMEOUT)
        assert set(window.home_view.buttons) == {"pack", "returns", "figures"}  # no dashboard
        qtbot.mouseClick(window.home_view.buttons["figures"], Qt.MouseButton.LeftButton)
        view = window.screens["figures"]
        assert isinstance(view, MyFiguresView)
        qtbot.waitUntil(lambda: view.figures is not None, timeout=TIMEOUT)
        assert view.figures is not None and view.figures.person.person == "Noa"
        window.open_screen("dashboard")  # not hers: nothing opens
        assert window.stack.currentWidget() is view
    finally:
        window.close()


def test_a_chart_moves_its_bars_in_place_and_rebuilds_for_a_new_shape(qtbot: Any) -> None:
    chart = BarChart("t", horizontal=True)
    qtbot.addWidget(chart)
    chart.show_bars(["a", "b"], [("x", [1, 2])])
    bars = chart.chart().series()[0]
    chart.show_bars(["a", "b"], [("x", [3, 40])])
    assert chart.chart().series()[0] is bars  # the same bars, new heights
    assert [bars.barSets()[0].at(i) for i in range(2)] == [40, 3]  # first category on top
    assert chart.chart().axes(Qt.Orientation.Horizontal)[0].max() == 50  # a round top
    chart.show_bars(["a", "b", "c"], [("x", [1, 2, 3]), ("y", [0, 0, 1])])
    assert chart.values == {"x": [1, 2, 3], "y": [0, 0, 1]}
    assert len(chart.chart().series()[0].barSets()) == 2


def test_the_charts_library_waits_until_the_dashboard_opens() -> None:
    code = (
        "import sys; import fulfillment_app.ui.main_window, fulfillment_app.ui.launch; "
        "print('PySide6.QtCharts' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
