"""The stock the warehouse owns, on both databases: on hand, reserved and available;
adjustments and counts (audited); picks and put-backs as moves with who; and the push of
available figures to the WooCommerce emulator (only what changed, never older, under faults,
per-item refusals), by the sync and by ``fulfillment stock push``."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from fulfillment_app.cli import main
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductBarcode,
    Role,
    Stock,
    StockPush,
)
from fulfillment_app.errors import InvalidInput, NotFound, PermissionDenied
from fulfillment_app.services.stock import scan_line
from fulfillment_app.sync import woocommerce
from fulfillment_app.sync.emulators import Faults, Shop, WooCommerceEmulator, sample_products
from fulfillment_app.sync.emulators.base import HTTP_FAULTS, Request, Response
from tests.stores import connect_store, make_emulator, station

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


@pytest.fixture
def floor(database_url: str, tmp_path: Path) -> Iterator[AppContext]:
    """The sample catalogue, 10 of each product at its home location, two people."""
    with station(database_url, tmp_path) as ctx:
        admin = ctx.command_line_actor()
        ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
        ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
        ctx.users.add(admin, "Avi", Role.PICKER, "4444")
        ctx.users.add(admin, "Yossi", Role.SUPERVISOR, "2222")
        for sku, *_ in sample_products():
            home = ctx.stock.levels(admin, sku=sku)[0].location
            ctx.stock.adjust(admin, sku, home, set_to=10, reason="opening stock")
        yield ctx


def add_order(ctx: AppContext, number: str, lines: list[tuple[str, int]], **kw: Any) -> None:
    with ctx.db.session() as s:
        products = {p.sku: p.id for p in s.scalars(select(Product))}
        order = Order(external_id=f"X{number}", number=number, **kw)
        order.lines = [
            OrderLine(sku=sku, name=sku, quantity=q, product_id=products[sku]) for sku, q in lines
        ]
        s.add(order)


def available(ctx: AppContext) -> dict[str, int]:
    with ctx.db.session() as s:
        free = ctx.stock.available(s)
        return {p.sku: free.get(p.id, 0) for p in s.scalars(select(Product))}


def cli(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--database", url, *args])
    return code, capsys.readouterr().out


# -- the stock model ---------------------------------------------------------------------------


def test_reserved_and_available_follow_open_orders(
    floor: AppContext, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    ctx.stock.adjust(admin, "SKU-1000", "B-05-03-1", set_to=3, reason="overflow shelf")
    add_order(ctx, "9001", [("SKU-1000", 8), ("SKU-1001", 2)])
    add_order(ctx, "9002", [("SKU-1000", 4)], status=OrderStatus.PICKING)
    add_order(ctx, "9003", [("SKU-1000", 5)], status=OrderStatus.PACKED)  # already taken
    add_order(ctx, "9004", [("SKU-1001", 5)], status=OrderStatus.CANCELLED)
    with ctx.db.session() as s:  # two of order 9002's four are picked already
        s.execute(
            update(OrderLine)
            .where(
                OrderLine.order_id
                == select(Order.id).where(Order.number == "9002").scalar_subquery()
            )
            .values(quantity_picked=2)
        )
    free = available(ctx)
    assert free["SKU-1000"] == 13 - 8 - 2 and free["SKU-1001"] == 8 and free["SKU-1002"] == 10

    code, out = cli(database_url, capsys, "stock", "list", "--sku", "SKU-1000", "--json")
    assert code == 0
    rows = json.loads(out)
    # Reserved goes to the locations picking takes first (most stock), the rest on the first.
    assert [{k: r[k] for k in ("location", "on_hand", "reserved", "available")} for r in rows] == [
        {"location": "A-01-01-1", "on_hand": 10, "reserved": 10, "available": 0},
        {"location": "B-05-03-1", "on_hand": 3, "reserved": 0, "available": 3},
    ]
    assert all(r["sku"] == "SKU-1000" for r in rows)
    code, out = cli(database_url, capsys, "stock", "list", "--json")
    assert code == 0 and len(json.loads(out)) == 21  # 20 homes and the overflow shelf
    assert set(json.loads(out)[0]) >= {"sku", "location", "on_hand", "reserved", "available"}


def test_an_adjustment_needs_a_supervisor_and_a_reason_and_is_audited(
    floor: AppContext, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = floor
    avi = ctx.auth.login_with_pin("Avi", "4444")
    yossi = ctx.auth.login_with_pin("Yossi", "2222")
    with pytest.raises(PermissionDenied, match="may not adjust stock"):
        ctx.stock.adjust(avi, "SKU-1002", "A-01-05-3", by=-1, reason="broken")
    with pytest.raises(InvalidInput, match="Say why"):
        ctx.stock.adjust(yossi, "SKU-1002", "A-01-05-3", by=-1, reason=" ")
    with pytest.raises(InvalidInput, match="cannot go below 0"):
        ctx.stock.adjust(yossi, "SKU-1002", "A-01-05-3", by=-11, reason="broken")
    with pytest.raises(NotFound, match="no product with SKU NOPE"):
        ctx.stock.adjust(yossi, "NOPE", "A-01-05-3", by=1, reason="found")
    with pytest.raises(NotFound, match="no location Z-9"):
        ctx.stock.adjust(yossi, "SKU-1002", "Z-9", by=1, reason="found")

    row = ctx.stock.adjust(yossi, "SKU-1002", "A-01-05-3", by=-2, reason="two broken")
    assert (row.on_hand, row.available) == (8, 8)
    with ctx.db.session() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "stock.adjust").order_by(AuditEntry.id)
        ).all()[-1]
        assert entry.actor == "Yossi (supervisor)" and entry.reason == "two broken"
        assert entry.before and entry.before["on_hand"] == 10
        assert entry.after and entry.after["on_hand"] == 8
    (move, *_) = ctx.stock.moves(yossi, sku="SKU-1002")
    assert (move.kind, move.quantity, move.person, move.reason) == (
        "adjust", -2, "Yossi (supervisor)", "two broken"
    )  # fmt: skip

    code, out = cli(
        database_url, capsys, "stock", "adjust", "SKU-1002", "--location", "A-01-05-3",
        "--set", "12", "--reason", "recounted",
    )  # fmt: skip
    assert code == 0 and "12 on hand" in out
    code, _ = cli(
        database_url, capsys, "stock", "adjust", "SKU-1002", "--location", "A-01-05-3",
        "--by", "-20", "--reason", "oops",
    )  # fmt: skip
    assert code == 1  # a sentence on stderr, nothing changed
    assert ctx.stock.levels(yossi, sku="SKU-1002")[0].on_hand == 12


def test_a_count_takes_case_barcodes_lists_unknown_codes_and_zeroes_what_was_not_seen(
    floor: AppContext, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    # A shelf with three products: SKU-1000 (home), SKU-1001 and SKU-1002 (moved here).
    for sku, n in (("SKU-1001", 4), ("SKU-1002", 2)):
        ctx.stock.adjust(admin, sku, "A-01-01-1", set_to=n, reason="moved")
    with ctx.db.session() as s:
        mug = s.scalar(select(Product.id).where(Product.sku == "SKU-1000"))
        s.add(ProductBarcode(product_id=mug, code="17290012345002", kind="gtin", quantity=6))
    avi = ctx.auth.login_with_pin("Avi", "4444")
    scans = [
        "A-01-01-1",  # the shelf's label, scanned to start
        "17290012345002",  # a case of six mugs
        "7290012345005",  # one more mug, its own barcode
        "sku-1001",  # by SKU
        "SKU-1001,2",  # two more of it
        "NO-SUCH-CODE",
    ]
    preview = ctx.stock.count(avi, "A-01-01-1", scans, apply=False)
    got = {line.sku: (line.expected, line.counted) for line in preview.lines}
    assert got == {"SKU-1000": (10, 7), "SKU-1001": (4, 3), "SKU-1002": (2, 0)}
    assert preview.unknown == ["NO-SUCH-CODE"]
    assert ctx.stock.levels(avi, location="A-01-01-1")[0].on_hand == 10  # a preview changes nothing

    done = ctx.stock.count(avi, "A-01-01-1", scans)
    assert done.applied and len(done.differences) == 3
    on_hand = {r.sku: r.on_hand for r in ctx.stock.levels(avi, location="A-01-01-1")}
    assert on_hand == {"SKU-1000": 7, "SKU-1001": 3, "SKU-1002": 0}
    counts = [m for m in ctx.stock.moves(avi) if m.kind == "count"]
    assert {(m.sku, m.quantity) for m in counts} == {
        ("SKU-1000", -3), ("SKU-1001", -1), ("SKU-1002", -2)
    }  # fmt: skip
    assert {m.person for m in counts} == {"Avi (picker)"}
    with ctx.db.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "stock.count"))
        assert entry is not None and entry.target_id == "A-01-01-1"
        assert entry.after == {"SKU-1000": 7, "SKU-1001": 3, "SKU-1002": 0}

    # The same from the command line: a dry run first, then applied.
    file = tmp_path / "scans.txt"
    file.write_text("7290012345005\n7290012345005\nSKU-1002\nNO-SUCH-CODE\n", encoding="utf-8")
    code, out = cli(database_url, capsys, "stock", "count", "A-01-01-1", "--scans", str(file),
                    "--dry-run")  # fmt: skip
    assert code == 0 and "-5" in out and "Unknown code NO-SUCH-CODE" in out and "Dry run" in out
    assert ctx.stock.levels(avi, sku="SKU-1000")[0].on_hand == 7
    code, out = cli(database_url, capsys, "stock", "count", "A-01-01-1", "--scans", str(file))
    assert code == 0 and "Applied" in out
    on_hand = {r.sku: r.on_hand for r in ctx.stock.levels(avi, location="A-01-01-1")}
    assert on_hand == {"SKU-1000": 2, "SKU-1001": 0, "SKU-1002": 1}


def test_picks_short_picks_and_put_backs_are_moves_with_who(floor: AppContext) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    add_order(ctx, "9101", [("SKU-1003", 2), ("SKU-1004", 3)])
    add_order(ctx, "9102", [("SKU-1005", 1)])
    before = available(ctx)
    ctx.planner.release(admin, ctx.planner.plan(admin, "savings", cart_slots=4, capacity=30))
    avi = ctx.auth.login_with_pin("Avi", "4444")
    view = ctx.picking.claim(avi)
    assert view is not None
    held = False
    kinds = []
    while view.current is not None:
        task = view.current
        kinds.append(task.kind)
        if task.order_number == "9102":  # short: the shelf had none of it
            view = ctx.picking.short(avi, view.batch_id, task.task_id, reason="location empty")
            (short,) = [m for m in ctx.stock.moves(avi) if m.kind == "short"]
            assert (short.sku, short.quantity, short.reason, short.reference) == (
                "SKU-1005", -10, "location empty", "9102"
            )  # fmt: skip
            continue
        view = confirm_current(ctx, avi, view)
        newest = ctx.stock.moves(avi)[0]
        assert (newest.sku, newest.person, newest.reference) == (task.sku, "Avi (picker)", "9101")
        if task.kind == "return":
            assert (newest.kind, newest.quantity) == ("put-back", task.quantity)
            continue
        assert (newest.kind, newest.quantity) == ("pick", -task.quantity)
        free = available(ctx)
        assert free["SKU-1003"] == before["SKU-1003"]  # on hand and reserved move together
        assert free["SKU-1004"] == before["SKU-1004"]
        if not held:  # put on hold in the store: what was picked goes back to the shelf
            held = True
            with ctx.db.session() as s:
                s.execute(
                    update(Order).where(Order.number == "9101").values(status=OrderStatus.ON_HOLD)
                )
            view = ctx.picking.view(avi, view.batch_id)
    assert "return" in kinds
    with ctx.db.session() as s:
        on_hand = dict(
            s.execute(
                select(Product.sku, Stock.quantity).join(Stock, Stock.product_id == Product.id)
            ).all()
        )
    assert on_hand["SKU-1003"] == on_hand["SKU-1004"] == 10 and on_hand["SKU-1005"] == 0
    assert available(ctx)["SKU-1005"] == 0


def confirm_current(ctx: AppContext, who: Any, view: Any) -> Any:
    task = view.current
    with ctx.db.session() as s:
        code = s.scalar(
            select(ProductBarcode.code)
            .join(Product, Product.id == ProductBarcode.product_id)
            .where(Product.sku == task.sku)
            .order_by(ProductBarcode.id)
        )
    return ctx.picking.confirm(
        who,
        view.batch_id,
        task.task_id,
        location=task.location,
        item=code or task.sku,
        tote=f"TOTE-{task.slot:02d}",
    )


# -- the push to the stores --------------------------------------------------------------------


def store_quantities(emulator: WooCommerceEmulator) -> dict[str, int]:
    with emulator.shop.lock:
        return dict(emulator.stock)


def test_the_push_sends_only_what_changed(
    floor: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    with make_emulator("woocommerce", Shop(sample_products())) as emulator:
        connect_store(ctx, emulator, monkeypatch)
        (first,) = ctx.sync.sync("shop")
        assert first.error is None and (first.stock_pushed, first.stock_waiting) == (20, 0)
        # One look-up of the 20 SKUs, one batch of products and one per variable product.
        parents = {v["parent_id"] for v in emulator.catalogue.values() if v["parent_id"]}
        assert emulator.stock_requests == 2 + len(parents)
        assert store_quantities(emulator) == available(ctx)

        before = emulator.stock_requests
        (again,) = ctx.sync.sync("shop")
        assert emulator.stock_requests == before and again.stock_pushed == 0

        ctx.stock.adjust(admin, "SKU-1000", "A-01-01-1", by=-4, reason="damaged")
        add_order(ctx, "9201", [("SKU-1001", 3)])  # reserved: 7 available
        (changed,) = ctx.sync.sync("shop")
        assert changed.stock_pushed == 2
        assert emulator.stock_requests - before == 1  # ids known: one batch, no look-up
        assert store_quantities(emulator)["SKU-1000"] == 6
        assert store_quantities(emulator)["SKU-1001"] == 7
        assert store_quantities(emulator) == available(ctx)

        # A store that does not take stock is left alone.
        with ctx.db.session() as s:
            from fulfillment_app.db.models import Store

            s.execute(update(Store).values(options={"push_stock": False}))
        ctx.stock.adjust(admin, "SKU-1000", "A-01-01-1", by=1, reason="found")
        before = emulator.stock_requests
        (off,) = ctx.sync.sync("shop")
        assert emulator.stock_requests == before and off.stock_pushed == 0


class SlowOnce(WooCommerceEmulator):
    """Takes the first stock batch, then answers too late: the outcome is unknown."""

    slow = True

    def handle(self, request: Request) -> Response:
        response = super().handle(request)
        if self.slow and request.method == "POST" and request.path.endswith("/batch"):
            self.slow = False
            time.sleep(self.faults.stall_s)
        return response


def test_the_final_figure_wins_after_an_unknown_outcome(
    floor: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    with make_emulator("woocommerce", Shop(sample_products())) as warm:
        connect_store(ctx, warm, monkeypatch, name="other")  # ids in another store: irrelevant
    with ctx.db.session() as s:
        from fulfillment_app.db.models import Store

        s.execute(update(Store).where(Store.name == "other").values(active=False))
    faults = Faults()
    faults.stall_s = 0.6
    with SlowOnce(Shop(sample_products()), faults=faults) as emulator:
        connect_store(ctx, emulator, monkeypatch)
        ctx.stock.adjust(admin, "SKU-1000", "A-01-01-1", set_to=5, reason="recount")
        (first,) = ctx.sync.sync("shop")
        assert first.error and "may have taken" in first.error
        with ctx.db.session() as s:
            row = s.scalar(select(StockPush).where(StockPush.sku == "SKU-1000"))
            assert row is not None and row.pushed_version == 0 and row.in_flight_key
        assert store_quantities(emulator)["SKU-1000"] == 5  # the store took it all the same
        # Two changes before the next push: only the newest figure goes, and it stays.
        ctx.stock.adjust(admin, "SKU-1000", "A-01-01-1", set_to=9, reason="found more")
        ctx.stock.adjust(admin, "SKU-1000", "A-01-01-1", set_to=7, reason="two broken")
        (second,) = ctx.sync.sync("shop")
        assert second.error is None and second.stock_waiting == 0
        assert store_quantities(emulator)["SKU-1000"] == 7
        with ctx.db.session() as s:
            row = s.scalar(select(StockPush).where(StockPush.sku == "SKU-1000"))
            assert row is not None and (row.pushed, row.pushed_version) == (7, row.wanted_version)
            assert row.in_flight_key is None
        assert store_quantities(emulator) == available(ctx)


def test_with_faults_the_store_ends_with_our_figures(
    floor: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    faults = Faults(rate=0.2, kinds=HTTP_FAULTS, seed=5)
    with make_emulator("woocommerce", Shop(sample_products()), faults) as emulator:
        connect_store(ctx, emulator, monkeypatch)
        for round_ in range(6):  # stock keeps changing between the syncs
            for n, (sku, *_) in enumerate(sample_products()):
                if (n + round_) % 3 == 0:
                    home = ctx.stock.levels(admin, sku=sku)[0].location
                    ctx.stock.adjust(admin, sku, home, set_to=(n * 7 + round_) % 13, reason="r")
            ctx.sync.sync("shop")
        for _ in range(30):
            (report,) = ctx.sync.sync("shop")
            if report.error is None and report.stock_waiting == 0:
                break
        assert report.stock_waiting == 0
        assert store_quantities(emulator) == available(ctx)


def test_a_refused_sku_is_parked_alone_until_it_changes(
    floor: AppContext,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ctx = floor
    admin = ctx.command_line_actor()
    with make_emulator("woocommerce", Shop(sample_products()[:-1])) as emulator:  # no SKU-1019
        emulator.refuse_stock["SKU-1003"] = "Stock is managed by another plugin."
        connect_store(ctx, emulator, monkeypatch)
        code, out = cli(database_url, capsys, "stock", "push", "--store", "shop", "--json")
        (report,) = json.loads(out)
        assert code == 0 and (report["pushed"], report["waiting"]) == (18, 0)
        with ctx.db.session() as s:
            parked = {
                r.sku: r.last_error
                for r in s.scalars(select(StockPush).where(StockPush.parked.is_(True)))
            }
        assert set(parked) == {"SKU-1003", "SKU-1019"}
        assert "managed by another plugin" in (parked["SKU-1003"] or "")
        assert "SKU-1019 is not in shop" in (parked["SKU-1019"] or "")
        ours = available(ctx)
        theirs = store_quantities(emulator)
        assert all(theirs[sku] == ours[sku] for sku in theirs if sku != "SKU-1003")
        assert theirs["SKU-1003"] == 0

        before = emulator.stock_requests
        code, out = cli(database_url, capsys, "stock", "push")
        assert code == 0 and "shop: 0 SKUs pushed, 0 waiting." in out
        assert emulator.stock_requests == before  # parked: not tried again as it is
        code, out = cli(database_url, capsys, "stores", "list")  # the supervisor sees them
        assert code == 0 and "stock: 0 SKUs to send, 2 refused" in out

        del emulator.refuse_stock["SKU-1003"]
        ctx.stock.adjust(admin, "SKU-1003", "A-01-08-1", by=-1, reason="damaged")
        code, out = cli(database_url, capsys, "stock", "push", "--store", "shop")
        assert code == 0 and "shop: 1 SKUs pushed, 0 waiting." in out
        assert store_quantities(emulator)["SKU-1003"] == 9


# -- parsers -----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=30,
)
_product_like = st.fixed_dictionaries(
    {
        "id": json_values | st.integers(),
        "sku": st.sampled_from(["A", "B", ""]) | json_values,
        "type": st.sampled_from(["simple", "variation", "variable"]) | json_values,
        "parent_id": json_values | st.integers(),
    }
)


@settings(max_examples=300, deadline=None)
@given(
    # A line of a file: no line breaks or other control characters in it.
    code=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30),
    times=st.integers(0, 999_999),
    sep=st.sampled_from(",\t"),
)
def test_a_count_line_says_the_code_and_how_many_scans(code: str, times: int, sep: str) -> None:
    read, n = scan_line(code)
    assert n == 1 or read != code.strip()  # a code alone is one scan (unless it ends in ",N")
    assert read == read.strip()
    if code.strip() and not code.strip()[-1:].isdigit() and "," not in code and "\t" not in code:
        assert scan_line(f"{code}{sep}{times}") == (code.strip(), times)
        assert scan_line(code) == (code.strip(), 1)


@settings(max_examples=300, deadline=None)
@given(raw=json_values | _product_like)
def test_the_woocommerce_product_look_up_parser_takes_anything(raw: Any) -> None:
    found = woocommerce.product_ids(raw, {"A", "B"})
    for sku, (ident, parent) in found.items():
        assert sku in {"A", "B"} and ident > 0 and parent >= 0
        assert isinstance(ident, int) and isinstance(parent, int)
        assert parent == 0 or raw["type"] == "variation"
    kept = woocommerce.remote_ids(raw if isinstance(raw, dict) else {})  # a kept remote dict
    assert kept is None or (kept[0] == raw["id"] and isinstance(kept[1], int))


def test_a_catalogue_import_sets_opening_stock_as_moves_with_who(
    database_url: str, tmp_path: Path
) -> None:
    with station(database_url, tmp_path) as ctx:
        admin = ctx.command_line_actor()
        ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
        opening = tmp_path / "opening.csv"
        opening.write_text(
            "sku,name,barcode,weight_g,location,on_hand\n"
            "OS-1,Mug,,300,A-01-01-1,12\n"
            "OS-2,Cup,,200,A-01-01-2,\n"  # no figure: stock left alone
            "OS-3,Jar,,500,,4\n",  # a figure without a shelf: refused, said why
            encoding="utf-8",
        )
        report = ctx.catalogue.import_products(admin, opening)
        assert report.created == 2 and "on_hand needs a location" in report.errors[0].message
        levels = {(r.sku, r.location): r.on_hand for r in ctx.stock.levels(admin)}
        assert levels == {("OS-1", "A-01-01-1"): 12, ("OS-2", "A-01-01-2"): 0}
        (move,) = ctx.stock.moves(admin, sku="OS-1")
        assert (move.kind, move.quantity, move.person, move.reference) == (
            "import", 12, admin.label, "opening.csv"
        )  # fmt: skip

        again = ctx.catalogue.import_products(admin, opening)  # the same file: nothing moves
        assert again.created == 0 and len(ctx.stock.moves(admin, sku="OS-1")) == 1
        opening.write_text(
            "sku,name,barcode,weight_g,location,on_hand\nOS-1,Mug,,300,A-01-01-1,9\n",
            encoding="utf-8",
        )
        ctx.catalogue.import_products(admin, opening)
        assert [(m.kind, m.quantity) for m in ctx.stock.moves(admin, sku="OS-1")] == [
            ("import", -3),
            ("import", 12),
        ]
