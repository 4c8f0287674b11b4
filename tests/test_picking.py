"""Pick execution on both databases: releasing carts, claiming (never twice), walking the
picks with location, item and tote checks, short picks to the exceptions, skip, pause,
resume, unassign, and store cancellations mid-cart turned into put-backs."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from fulfillment_app.cli import main
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    PickBatch,
    Product,
    ProductBarcode,
    Role,
    ScanEvent,
    Stock,
    Wave,
)
from fulfillment_app.errors import InvalidInput, PermissionDenied
from fulfillment_app.picking.layout import Pick
from fulfillment_app.picking.routing import route
from fulfillment_app.services.pick_planning import Criteria
from fulfillment_app.services.picking import BatchView, NotYours, WrongScan
from fulfillment_app.sync.emulators import Shop, sample_products
from tests.stores import connect_store, make_emulator, station

RESOURCES = Path(__file__).resolve().parents[1] / "resources"

#: Orders and their lines (sku, quantity): three share a cart of four totes.
ORDERS = {
    "3001": [("SKU-1000", 2), ("SKU-1007", 1)],
    "3002": [("SKU-1003", 1), ("SKU-1012", 3)],
    "3003": [("SKU-1001", 1), ("SKU-1019", 1), ("SKU-1005", 2)],
}


@pytest.fixture
def floor(database_url: str, tmp_path: Path) -> Iterator[AppContext]:
    with station(database_url, tmp_path) as ctx:
        admin = ctx.command_line_actor()
        ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
        ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
        ctx.users.add(admin, "Avi", Role.PICKER, "4444")
        ctx.users.add(admin, "Dana", Role.PICKER, "5555")
        ctx.users.add(admin, "Yossi", Role.SUPERVISOR, "2222")
        with ctx.db.session() as s:
            s.execute(update(Stock).values(quantity=10))
            products = {p.sku: p.id for p in s.scalars(select(Product))}
            for n, (number, lines) in enumerate(ORDERS.items()):
                order = Order(external_id=f"P{n}", number=number)
                order.lines = [
                    OrderLine(sku=sku, name=sku, quantity=q, product_id=products[sku])
                    for sku, q in lines
                ]
                s.add(order)
        yield ctx


def release(ctx: AppContext, **kw: object) -> list[int]:
    admin = ctx.command_line_actor()
    plan = ctx.planner.plan(admin, "savings", cart_slots=4, capacity=30, **kw)  # type: ignore[arg-type]
    return ctx.planner.release(admin, plan).batch_ids


def barcode_of(ctx: AppContext, sku: str) -> str:
    with ctx.db.session() as s:
        return (
            s.scalar(
                select(ProductBarcode.code)
                .join(Product, Product.id == ProductBarcode.product_id)
                .where(Product.sku == sku)
                .order_by(ProductBarcode.id)
            )
            or sku
        )


def confirm_current(ctx: AppContext, who: object, view: BatchView) -> BatchView:
    task = view.current
    assert task is not None
    return ctx.picking.confirm(
        who,  # type: ignore[arg-type]
        view.batch_id,
        task.task_id,
        location=task.location,
        item=barcode_of(ctx, task.sku),
        tote=f"TOTE-{task.slot:02d}",
    )


def statuses(ctx: AppContext) -> dict[str, OrderStatus]:
    with ctx.db.session() as s:
        return {o.number: o.status for o in s.scalars(select(Order))}


def test_a_cart_is_picked_in_walking_order_with_every_scan_checked(floor: AppContext) -> None:
    ctx = floor
    (batch_id,) = release(ctx)
    assert set(statuses(ctx).values()) == {OrderStatus.PICKING}
    avi = ctx.auth.login_with_pin("Avi", "4444")
    view = ctx.picking.claim(avi)
    assert view is not None and view.batch_id == batch_id and view.total == 7
    assert sorted(t.order_number for t in view.totes) == sorted(ORDERS)  # a tote an order
    task = view.current
    assert task is not None and task.position == 1

    # Wrong location, wrong item, unknown item, wrong tote, too many: told, nothing recorded.
    good = {
        "location": task.location,
        "item": barcode_of(ctx, task.sku),
        "tote": str(task.slot),
    }
    other_sku = "SKU-1019" if task.sku != "SKU-1019" else "SKU-1000"
    for field, value, message in (
        ("location", "Z-99-99-9", f"Wrong location: you scanned Z-99-99-9; go to {task.location}"),
        ("item", barcode_of(ctx, other_sku), "Wrong item: that is"),
        ("item", "NO-SUCH-THING", "Unknown item NO-SUCH-THING"),
        ("tote", f"TOTE-{task.slot + 1:02d}", f"Wrong tote: put it in tote {task.slot}"),
    ):
        with pytest.raises(WrongScan, match=message) as wrong:
            ctx.picking.confirm(avi, batch_id, task.task_id, **(good | {field: value}))
        ctx.picking.record_wrong_scan(avi, batch_id, value, wrong.value)  # as the screen does
    with pytest.raises(WrongScan, match="does not fit"):
        ctx.picking.confirm(avi, batch_id, task.task_id, **good, quantity=task.quantity + 1)
    assert ctx.picking.view(avi, batch_id).left == 7

    visited = []
    while view.current is not None:
        visited.append(view.current.location)
        view = confirm_current(ctx, avi, view)
    assert view.done and "take it to packing" in view.message
    # Every scan is on record for the pick accuracy: the wrong ones, and the three of each pick.
    with ctx.db.session() as s:
        kept = s.execute(
            select(ScanEvent.outcome, func.count())
            .where(ScanEvent.context == "pick")
            .group_by(ScanEvent.outcome)
        ).all()
    assert dict(kept) == {
        "wrong location": 1, "wrong item": 2, "wrong tote": 1, "accepted": 3 * 7
    }  # fmt: skip
    assert set(statuses(ctx).values()) == {OrderStatus.PICKED}
    with ctx.db.session() as s:
        where = {loc.code: (loc.aisle, loc.bay) for loc in s.scalars(select(Location))}
        stock = {
            sku: qty
            for sku, qty in s.execute(
                select(Product.sku, Stock.quantity).join(Stock, Stock.product_id == Product.id)
            )
        }
        picked = {ln.sku: ln.quantity_picked for ln in s.scalars(select(OrderLine))}
        travel = s.scalar(select(PickBatch.travel))
    for lines in ORDERS.values():
        for sku, quantity in lines:
            assert picked[sku] == quantity and stock[sku] == 10 - quantity
    # The visits are the planned optimal route: walking them costs what the plan said.
    layout, _, _ = ctx.planner.load(Criteria())
    aisles = sorted({("A", int(a)) for a, _ in where.values()})
    picks = [Pick(aisles.index(("A", int(where[c][0]))), int(where[c][1]) - 1) for c in visited]
    assert route(layout, picks, "optimal")[1] == pytest.approx(travel)
    # Packing takes a picked order.
    ctx.packing.start(ctx.command_line_actor(), "3001")


def test_claims_pause_resume_and_unassign(floor: AppContext) -> None:
    ctx = floor
    assert len(release(ctx)) == 1
    avi = ctx.auth.login_with_pin("Avi", "4444")
    dana = ctx.auth.login_with_pin("Dana", "5555")
    view = ctx.picking.claim(avi)
    assert view is not None
    assert ctx.picking.claim(dana) is None  # nothing else is ready: never Avi's cart
    assert view.current is not None
    with pytest.raises(NotYours, match="not yours: Avi"):
        ctx.picking.confirm(
            dana, view.batch_id, view.current.task_id, location="", item="", tote=""
        )
    with pytest.raises(NotYours, match="not yours: Avi"):
        ctx.picking.skip(dana, view.batch_id, view.current.task_id)
    view = confirm_current(ctx, avi, view)
    assert ctx.picking.pause(avi, view.batch_id).status == "paused"
    again = ctx.picking.claim(avi)  # his own cart comes back, where he left it
    assert again is not None and again.batch_id == view.batch_id and again.status == "picking"
    assert again.left == 6
    with pytest.raises(PermissionDenied):
        ctx.picking.unassign(dana, view.batch_id)
    yossi = ctx.auth.login_with_pin("Yossi", "2222")
    freed = ctx.picking.unassign(yossi, view.batch_id, "Avi went home sick")
    assert freed.status == "ready" and freed.picker is None
    taken = ctx.picking.claim(dana)
    assert taken is not None and taken.batch_id == view.batch_id and taken.left == 6
    with ctx.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "pick.unassign")).one()
    assert entry.reason == "Avi went home sick" and entry.before == {"picker": "Avi (picker)"}


def test_a_short_pick_sends_the_order_to_the_exceptions_and_the_cart_goes_on(
    floor: AppContext,
) -> None:
    ctx = floor
    release(ctx)
    avi = ctx.auth.login_with_pin("Avi", "4444")
    view = ctx.picking.claim(avi)
    assert view is not None and view.current is not None
    short = view.current
    with pytest.raises(InvalidInput, match="Say why"):
        ctx.picking.short(avi, view.batch_id, short.task_id, reason=" ")
    view = ctx.picking.short(
        avi, view.batch_id, short.task_id, found=short.quantity - 1, reason="location empty"
    )
    assert f"Order {short.order_number} goes to the exceptions" in view.message
    assert f"tote {short.slot} goes to the supervisor" in view.message
    while view.current is not None:
        view = confirm_current(ctx, avi, view)
    assert view.done and f"Totes {short.slot} go to the supervisor" in view.message
    after = statuses(ctx)
    assert after.pop(short.order_number) is OrderStatus.EXCEPTION
    assert set(after.values()) == {OrderStatus.PICKED}
    yossi = ctx.auth.login_with_pin("Yossi", "2222")
    (row,) = ctx.exceptions.exceptions(yossi)
    assert row.number == short.order_number
    assert "short pick of" in row.reason and "location empty" in row.reason
    if short.quantity > 1:
        ctx.exceptions.resolve_exception(yossi, short.order_number, "pack-short")
        with ctx.db.session() as s:
            order = s.scalar(select(Order).where(Order.number == short.order_number))
            assert order is not None and order.status is OrderStatus.PICKED
            assert {ln.sku: ln.quantity for ln in order.lines}[short.sku] == short.quantity - 1


def test_skip_moves_a_pick_to_the_end(floor: AppContext) -> None:
    ctx = floor
    release(ctx)
    avi = ctx.auth.login_with_pin("Avi", "4444")
    view = ctx.picking.claim(avi)
    assert view is not None and view.current is not None
    first = view.current
    view = ctx.picking.skip(avi, view.batch_id, first.task_id)
    assert view.current is not None and view.current.task_id != first.task_id
    seen = []
    while view.current is not None:
        seen.append(view.current.task_id)
        view = confirm_current(ctx, avi, view)
    assert seen[-1] == first.task_id and len(seen) == 7


def test_release_refuses_orders_taken_meanwhile_and_waves_choose_orders(
    floor: AppContext,
) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    plan = ctx.planner.plan(admin, "fcfs", cart_slots=2, capacity=30)
    release(ctx)  # another station releases the same orders first
    with pytest.raises(InvalidInput, match=r"no longer open.*plan again"):
        ctx.planner.release(admin, plan)
    with ctx.db.session() as s:
        assert s.scalar(select(PickBatch.id).where(PickBatch.method == "fcfs")) is None
        s.execute(update(Order).values(status=OrderStatus.OPEN, priority=0))
        s.execute(update(Order).where(Order.number == "3002").values(priority=5, carrier="UPS"))
    plan = ctx.planner.plan(admin, "ils", criteria=Criteria(min_priority=1), budget_s=0.2)
    assert [b.orders for b in plan.batches] == [["3002"]]
    released = ctx.planner.release(admin, plan, wave_name="priority")
    with ctx.db.session() as s:
        wave = s.get(Wave, released.wave_id)
        assert wave is not None and wave.criteria == {"min_priority": 1}
    assert statuses(ctx)["3002"] is OrderStatus.PICKING
    with pytest.raises(PermissionDenied):
        ctx.planner.release(ctx.auth.login_with_pin("Avi", "4444"), plan)


def test_zone_picking_gives_a_cart_per_zone(database_url: str, tmp_path: Path) -> None:
    with station(database_url, tmp_path) as ctx:
        admin = ctx.command_line_actor()
        csv = tmp_path / "locations.csv"
        csv.write_text(
            "code,zone,aisle,bay,level\n"
            + "".join(
                f"{z}-0{a}-0{b}-1,{z},0{a},0{b},1\n" for z in "AB" for a in (1, 2) for b in (1, 2)
            ),
            encoding="utf-8",
        )
        ctx.catalogue.import_locations(admin, csv)
        products = tmp_path / "products.csv"
        products.write_text(
            "sku,name,barcode,weight_g,location\n"
            "P-A,in A,,100,A-01-02-1\nP-B,in B,,100,B-02-01-1\n",
            encoding="utf-8",
        )
        ctx.catalogue.import_products(admin, products)
        with ctx.db.session() as s:
            ids = {p.sku: p.id for p in s.scalars(select(Product))}
            order = Order(external_id="Z1", number="4001")
            order.lines = [
                OrderLine(sku=sku, name=sku, quantity=1, product_id=ids[sku]) for sku in ids
            ]
            s.add(order)
        plan = ctx.planner.plan(admin, "savings", by_zone=True)
        assert sorted((b.zone, b.orders) for b in plan.batches) == [
            ("A", ["4001"]),
            ("B", ["4001"]),
        ]
        assert plan.parts == {"4001": ["A", "B"]}  # its totes meet again at packing
        first, second = ctx.planner.release(admin, plan).batch_ids
        parts = ctx.picking.totes(admin, "4001")  # what the packing station looks up
        assert [(p.batch_id, p.zone, p.slot, p.state) for p in parts] == [
            (first, "A", 1, "waiting"),
            (second, "B", 1, "waiting"),
        ]
        avi = admin  # the command line may pick too
        for batch_id in (first, second):
            view = ctx.picking.claim(avi)
            assert view is not None and view.batch_id == batch_id and view.total == 1
            assert statuses(ctx)["4001"] is OrderStatus.PICKING  # until both zones are done
            view = confirm_current(ctx, avi, view)
            assert view.done
            if batch_id == first:
                states = [p.state for p in ctx.picking.totes(admin, "4001")]
                assert states == ["picked", "waiting"]
        assert statuses(ctx)["4001"] is OrderStatus.PICKED
        assert {p.state for p in ctx.picking.totes(admin, "4001")} == {"picked"}


def test_zones_drawn_for_the_work_balance_the_items(floor: AppContext) -> None:
    """Two zones of consecutive aisles drawn from the open orders' items: every line in one
    of them, the heavier as light as the aisles allow, a cart per zone."""
    ctx = floor
    admin = ctx.command_line_actor()
    plan = ctx.planner.plan(admin, "savings", cart_slots=4, capacity=30, zones=2)
    total = sum(q for lines in ORDERS.values() for _, q in lines)
    assert [z for z, *_ in plan.zones] == ["Z1", "Z2"]
    assert sum(n for *_, n in plan.zones) == total
    first, second = plan.zones
    assert first[2] < second[1]  # consecutive runs of aisles, in order
    assert {b.zone for b in plan.batches} == {"Z1", "Z2"}
    assert sum(b.items for b in plan.batches) == total
    released = ctx.planner.release(admin, plan)
    with ctx.db.session() as s:
        zones = set(s.scalars(select(PickBatch.zone)))
    assert zones == {"Z1", "Z2"} and len(released.batch_ids) == len(plan.batches)


def test_a_store_cancellation_mid_cart_turns_into_put_backs(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=3, seed=11)
    with make_emulator("woocommerce", shop) as emulator, station(database_url, tmp_path) as ctx:
        admin = ctx.command_line_actor()
        ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
        ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        release(ctx)
        view = ctx.picking.claim(admin)
        assert view is not None and view.current is not None
        victim = view.current.order_number
        picked_for_victim = 0
        while view.current is not None and view.current.order_number == victim:
            picked_for_victim += view.current.quantity
            view = confirm_current(ctx, admin, view)
        external = next(o for o in shop.orders.values() if f"{o.number}" == victim.lstrip("#"))
        with shop.lock:  # cancelled in the store's admin while the cart is out
            external.status = "cancelled"
            shop.touch(external)
        (report,) = ctx.sync.sync("shop")
        assert report.changes == 1
        view = ctx.picking.view(admin, view.batch_id)  # the next step tells the picker
        (notice,) = view.notices
        assert f"Order {victim} was cancelled in the store. Stop picking it." in notice
        assert f"Put the {picked_for_victim} item" in notice
        assert ctx.picking.view(admin, view.batch_id).notices == []  # told once
        tote = next(t for t in view.totes if t.order_number == victim)
        assert tote.status == "withdrawn"
        kinds = []
        while view.current is not None:
            assert view.current.order_number != victim or view.current.kind == "return"
            kinds.append(view.current.kind)
            view = confirm_current(ctx, admin, view)
        assert kinds[-1] == "return" and view.done
        with ctx.db.session() as s:
            back = (
                s.execute(
                    select(OrderLine.quantity_picked)
                    .join(Order, Order.id == OrderLine.order_id)
                    .where(Order.number == victim)
                )
                .scalars()
                .all()
            )
            assert set(back) == {0}  # every picked item went back
            stock = s.scalars(select(Stock.quantity)).all()
        assert min(stock) >= 0
        # The supervisor applies the cancellation: the order is cancelled, nothing to pick.
        (change,) = ctx.review.changes(admin)
        ctx.review.resolve_change(admin, change.id, "apply")
        assert statuses(ctx)[victim] is OrderStatus.CANCELLED


def test_twenty_pickers_never_share_a_cart(database_url: str, tmp_path: Path) -> None:
    """Claims from many threads at once (the benchmark does 10,000): each cart once."""
    from fulfillment_app.services.permissions import Actor

    with station(database_url, tmp_path) as ctx:
        with ctx.db.session() as s:
            s.execute(
                PickBatch.__table__.insert(),
                [
                    {"status": "ready", "rank": n, "method": "fcfs", "travel": 0.0}
                    for n in range(200)
                ],
            )
        got: list[list[int]] = [[] for _ in range(8)]
        errors: list[BaseException] = []

        def picker(n: int) -> None:
            me = Actor(f"picker {n}", Role.PICKER, f"handheld-{n}")
            try:
                while (view := ctx.picking.claim(me)) is not None:
                    got[n].append(view.batch_id)
                    with ctx.db.session() as s:  # the cart is picked
                        s.execute(
                            update(PickBatch)
                            .where(PickBatch.id == view.batch_id)
                            .values(status="done")
                        )
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=picker, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        claims = Counter(i for ids in got for i in ids)
        assert len(claims) == 200 and max(claims.values()) == 1
        assert sum(1 for ids in got if ids) > 1  # the work was shared


def test_pick_commands(
    floor: AppContext, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    del floor  # the orders and the catalogue
    base = ["--database", database_url, "--station", "test-station"]
    capsys.readouterr()
    assert main([*base, "wave", "--max-orders", "2", "--cart-slots", "4", "--json"]) == 0
    released = json.loads(capsys.readouterr().out)
    assert released["dry_run"] is False and released["wave"] is not None
    assert sorted(n for b in released["batches"] for n in b["orders"]) == ["3001", "3002"]
    assert main([*base, "pick", "claim", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    task = view["current"]
    assert view["batch_id"] == released["batch_ids"][0] and task["kind"] == "pick"
    confirm = [*base, "pick", "confirm", str(view["batch_id"]), "--task", str(task["task_id"])]
    scans = ["--item", task["sku"], "--tote", str(task["slot"])]
    assert main([*confirm, "--location", "Z-99-99-9", *scans]) == 1
    assert "Wrong location" in capsys.readouterr().err
    assert main([*confirm, "--location", task["location"], *scans]) == 0
    out = capsys.readouterr().out
    assert "next (task" in out or "Cart complete" in out
    assert main([*base, "pick", "pause", str(view["batch_id"])]) == 0
    assert "Paused" in capsys.readouterr().out
    assert main([*base, "totes", task["order_number"]]) == 0
    assert f"cart {view['batch_id']}, tote {task['slot']}: picking" in capsys.readouterr().out
    assert main([*base, "batch", "--dry-run", "--zones", "2", "--json"]) == 0
    assert [z["zone"] for z in json.loads(capsys.readouterr().out)["zones"]] == ["Z1", "Z2"]
    assert main([*base, "batch", "--json"]) == 0  # the rest: released without a wave
    rest = json.loads(capsys.readouterr().out)
    assert rest["wave"] is None and [b["orders"] for b in rest["batches"]] == [["3003"]]
    assert main([*base, "batch", "--dry-run"]) == 0  # nothing open is left
    assert "0 carts" in capsys.readouterr().out
    assert main([*base, "batch"]) == 1
    assert "nothing to release" in capsys.readouterr().err
