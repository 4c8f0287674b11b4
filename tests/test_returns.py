"""Returns, from the store or the station to the shelf: RMAs opened by what the parcel carries,
each unit graded (sellable back on its home shelf, damaged into quarantine where it is not for
sale), discrepancies for a supervisor, parcels without an RMA at the issues location until
linked, the store's returns coming in with its orders, the courier's collection and what the
store hears back (once, through the outbox)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from fulfillment_app.cli import main
from fulfillment_app.config import ReturnSettings, build_settings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Carrier,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    Package,
    PackSession,
    Product,
    ProductBarcode,
    ReturnAuthorization,
    Role,
    Shipment,
    Stock,
    StockMove,
    Store,
)
from fulfillment_app.errors import ConfigError, InvalidInput, NotFound, PermissionDenied
from fulfillment_app.services.permissions import Actor
from fulfillment_app.services.return_types import REASONS, parse_line, rma_number_of
from fulfillment_app.services.returns import unavailable_locations
from fulfillment_app.services.stock import available as stock_available
from fulfillment_app.sync.records import (
    LineData,
    OrderData,
    Page,
    ReturnData,
    ReturnLineData,
)
from fulfillment_app.sync.upsert import apply_page, from_json, to_json
from tests.conftest import make_settings

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
MUG_CASE = "MUG-CASE-6"


def packer() -> Actor:
    return Actor(name="pia", role=Role.PACKER, station="returns-1")


def supervisor() -> Actor:
    return Actor(name="sam", role=Role.SUPERVISOR, station="returns-1")


@pytest.fixture
def ctx(database_url: str, tmp_path: Path) -> Iterator[AppContext]:
    context = AppContext.build(make_settings(database_url, tmp_path))
    context.start()
    try:
        yield context
    finally:
        context.close()


def warehouse(ctx: AppContext, platform: str = "woocommerce") -> int:
    """A store, two shelves and three products in stock; returns the store's id."""
    with ctx.db.session() as s:
        store = Store(name="shop", platform=platform, base_url="http://127.0.0.1:9")
        a, b = Location(code="A-01", pick_sequence=1), Location(code="B-01", pick_sequence=2)
        mug = Product(sku="MUG-1", name="Mug", weight_g=350)
        mug.barcodes.append(ProductBarcode(code=MUG_CASE, kind="other", quantity=6))
        tee, cap = Product(sku="TEE-M", name="T-shirt M"), Product(sku="CAP-1", name="Cap")
        s.add_all([store, a, b, mug, tee, cap])
        s.flush()
        s.add_all(
            [
                Stock(product_id=mug.id, location_id=a.id, quantity=5),
                Stock(product_id=mug.id, location_id=b.id, quantity=2),
                Stock(product_id=tee.id, location_id=b.id, quantity=3),
                Stock(product_id=cap.id, location_id=a.id, quantity=1),
            ]
        )
        return store.id


def order_data(
    number: str = "#1001",
    returns: tuple[ReturnData, ...] = (),
    at: datetime = T0,
    status: str = "open",
) -> OrderData:
    return OrderData(
        external_id=number.lstrip("#"),
        number=number,
        status=status,
        updated_at=at,
        lines=(
            LineData(external_id="L1", sku="MUG-1", name="Mug", quantity=2),
            LineData(external_id="L2", sku="TEE-M", name="T-shirt M", quantity=1),
        ),
        ship_to={
            "name": "Dana Levi",
            "address1": "Herzl 12",
            "city": "Haifa",
            "phone": "0501234567",
        },
        customer_name="Dana Levi",
        returns=returns,
    )


def import_orders(ctx: AppContext, store_id: int, *orders: OrderData) -> None:
    with ctx.db.session() as s:
        apply_page(s, store_id, Page(orders=list(orders), malformed=[]))


def ship(ctx: AppContext, number: str = "#1001") -> None:
    """The order went out complete (packed and shipped, as the pack station leaves it)."""
    with ctx.db.session() as s:
        order = s.scalar(select(Order).where(Order.number == number))
        assert order is not None
        order.status = OrderStatus.SHIPPED
        for line in s.scalars(select(OrderLine).where(OrderLine.order_id == order.id)):
            line.quantity_picked = line.quantity_packed = line.quantity


def on_hand(ctx: AppContext, sku: str, location: str) -> int:
    with ctx.db.read() as s:
        return int(
            s.scalar(
                select(Stock.quantity)
                .join(Product, Product.id == Stock.product_id)
                .join(Location, Location.id == Stock.location_id)
                .where(Product.sku == sku, Location.code == location)
            )
            or 0
        )


def outbox(ctx: AppContext) -> list[OutboxEntry]:
    with ctx.db.read() as s:
        rows = list(s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "return")))
        s.expunge_all()
        return rows


def test_a_shipped_order_comes_back_one_unit_restocked_and_one_quarantined(
    ctx: AppContext,
) -> None:
    store_id = warehouse(ctx)
    import_orders(ctx, store_id, order_data())
    ship(ctx)
    pia = packer()
    view = ctx.returns.receive(pia, f"ORD:ID-{_order_id(ctx)}")
    assert (view.status, view.order_number, view.store) == ("receiving", "#1001", "shop")
    assert [(ln.sku, ln.expected, ln.suggested_location) for ln in view.lines] == [
        ("MUG-1", 2, "A-01"),  # the home: where most of its stock is
        ("TEE-M", 1, "B-01"),
    ]
    # The same parcel scanned again, or the order typed: the same RMA, not a second one.
    assert ctx.returns.open(pia, "shop/1001").number == view.number
    assert view.number == "RMA-000001"

    first = ctx.returns.scan(pia, view.number, "MUG-1")
    assert first.outcome == "accepted" and "A-01" in first.message
    second = ctx.returns.scan(pia, view.number, "MUG-1", "damaged")
    assert second.outcome == "accepted" and "RET-QUARANTINE" in second.message
    ctx.returns.scan(pia, view.number, "tee-m")  # a SKU typed in any case
    assert on_hand(ctx, "MUG-1", "A-01") == 6 and on_hand(ctx, "MUG-1", "RET-QUARANTINE") == 1
    assert on_hand(ctx, "TEE-M", "B-01") == 4
    # The damaged mug is on hand in quarantine but not for sale: not in what the stores see.
    with ctx.db.read() as s:
        mug = s.scalar(select(Product.id).where(Product.sku == "MUG-1"))
        assert ctx.stock.available(s).get(mug, 0) == stock_available(s).get(mug, 0) - 1
    quarantined = ctx.stock.levels(ctx.command_line_actor(), sku="MUG-1", location="RET-QUARANTINE")
    assert [(r.on_hand, r.reserved, r.available) for r in quarantined] == [(1, 0, 0)]
    with ctx.db.read() as s:
        moves = s.execute(
            select(StockMove.kind, StockMove.quantity, StockMove.person, StockMove.reference)
            .join(Location, Location.id == StockMove.location_id)
            .where(Location.code == "A-01")
        ).all()
    assert moves == [("return", 1, "pia", view.number)]

    done = ctx.returns.finish(pia, view.number)
    assert done.status == "completed" and done.discrepancy is None
    assert [(ln.sku, ln.sellable, ln.damaged, ln.missing) for ln in done.lines] == [
        ("MUG-1", 1, 1, 0),
        ("TEE-M", 1, 0, 0),
    ]
    (entry,) = outbox(ctx)
    assert entry.idempotency_key == f"return:{store_id}:{view.number}"
    assert entry.payload["rma"] == view.number and entry.payload["order_external_id"] == "1001"
    assert entry.payload["refund"] is False  # the default: refunds never automatic
    assert sorted(
        (ln["line_external_id"], ln["sku"], ln["quantity"], ln["disposition"])
        for ln in entry.payload["lines"]
    ) == [
        ("L1", "MUG-1", 1, "NOT_RESTOCKED"),
        ("L1", "MUG-1", 1, "RESTOCKED"),
        ("L2", "TEE-M", 1, "RESTOCKED"),
    ]
    # Done means done: no second entry, no more scans.
    with pytest.raises(InvalidInput, match="completed"):
        ctx.returns.finish(pia, view.number)
    with pytest.raises(InvalidInput, match="completed"):
        ctx.returns.scan(pia, view.number, "MUG-1")
    assert len(outbox(ctx)) == 1
    with ctx.db.read() as s:
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.target_type == "rma")))
    assert {"return.opened", "return.received", "return.finished"} <= actions


def _order_id(ctx: AppContext, number: str = "#1001") -> int:
    with ctx.db.read() as s:
        order_id = s.scalar(select(Order.id).where(Order.number == number))
        assert order_id is not None
        return order_id


def test_settings_say_processing_required_and_refund_a_complete_sellable_return(
    database_url: str, tmp_path: Path
) -> None:
    settings = make_settings(database_url, tmp_path).replace(
        returns=ReturnSettings(
            damaged_disposition="PROCESSING_REQUIRED", refunds="complete-sellable"
        )
    )
    ctx = AppContext.build(settings)
    ctx.start()
    try:
        store_id = warehouse(ctx)
        import_orders(ctx, store_id, order_data(), order_data("#1002"))
        ship(ctx)
        ship(ctx, "#1002")
        pia = packer()
        # All sellable and complete: a refund record goes with it.
        rma = ctx.returns.open(pia, "#1001", lines=[("MUG-1", 1, "SIZE_TOO_LARGE")]).number
        ctx.returns.scan(pia, rma, "MUG-1", location="B-01")
        assert ctx.returns.finish(pia, rma).status == "completed"
        assert on_hand(ctx, "MUG-1", "B-01") == 3
        # One damaged, scrapped: no stock anywhere, PROCESSING_REQUIRED, and no refund.
        other = ctx.returns.open(pia, "#1002", lines=[("TEE-M", 1, "DEFECTIVE")]).number
        ctx.returns.scan(pia, other, "TEE-M", "damaged", scrap=True)
        ctx.returns.finish(pia, other)
        refunds = {e.payload["rma"]: e.payload for e in outbox(ctx)}
        assert refunds[rma]["refund"] is True
        assert refunds[rma]["lines"][0]["reason"] == "SIZE_TOO_LARGE"
        assert refunds[other]["refund"] is False
        assert refunds[other]["lines"][0]["disposition"] == "PROCESSING_REQUIRED"
        assert on_hand(ctx, "TEE-M", "RET-QUARANTINE") == 0 and on_hand(ctx, "TEE-M", "B-01") == 3
    finally:
        ctx.close()


def test_an_extra_item_is_a_discrepancy_a_supervisor_accepts_and_a_packer_may_not(
    ctx: AppContext,
) -> None:
    store_id = warehouse(ctx)
    import_orders(ctx, store_id, order_data())
    ship(ctx)
    pia, sam = packer(), supervisor()
    rma = ctx.returns.receive(pia, "#1001").number
    for _ in range(2):
        ctx.returns.scan(pia, rma, "MUG-1")
    ctx.returns.scan(pia, rma, "TEE-M")
    extra = ctx.returns.scan(pia, rma, "CAP-1")
    assert extra.outcome == "unexpected" and "Cap (CAP-1) was not expected" in extra.message
    unknown = ctx.returns.scan(pia, rma, "NO-SUCH-THING")
    assert unknown.outcome == "unknown" and len(unknown.view.units) == 4  # nothing recorded
    over = ctx.returns.scan(pia, rma, "TEE-M")
    assert over.outcome == "over"
    ctx.returns.undo_last(pia, rma)  # the second T-shirt was the same one scanned twice
    assert on_hand(ctx, "TEE-M", "B-01") == 4

    view = ctx.returns.finish(pia, rma)
    assert view.status == "discrepancy"
    assert view.discrepancy == "Not expected: 1 × CAP-1 (Cap)."
    assert outbox(ctx) == []  # the store hears nothing before a supervisor decides
    with pytest.raises(PermissionDenied, match="pia is signed in as packer"):
        ctx.returns.resolve(pia, rma, "fine")
    with pytest.raises(InvalidInput, match="note is required"):
        ctx.returns.resolve(sam, rma, "  ")
    resolved = ctx.returns.resolve(sam, rma, "customer sent a cap by mistake; keep it")
    assert resolved.status == "completed"
    (entry,) = outbox(ctx)
    assert {ln["sku"] for ln in entry.payload["lines"]} == {"MUG-1", "TEE-M"}  # not the cap
    assert entry.payload["refund"] is False
    with ctx.db.read() as s:
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "return.resolved"))
        assert audit is not None and audit.actor == "sam"
        assert audit.reason == "customer sent a cap by mistake; keep it"


def test_units_not_scanned_are_missing_and_a_discrepancy(ctx: AppContext) -> None:
    store_id = warehouse(ctx)
    import_orders(ctx, store_id, order_data())
    ship(ctx)
    pia = packer()
    rma = ctx.returns.open(pia, "1001").number
    with pytest.raises(InvalidInput, match="Nothing was scanned"):
        ctx.returns.finish(pia, rma)
    ctx.returns.scan(pia, rma, "MUG-1")
    view = ctx.returns.mark_missing(pia, rma)
    assert [(ln.sku, ln.missing) for ln in view.lines] == [("MUG-1", 1), ("TEE-M", 1)]
    # One of the "missing" turns up after all: it is no longer missing.
    view = ctx.returns.scan(pia, rma, "MUG-1").view
    mug = view.lines[0]
    assert (mug.sku, mug.sellable, mug.missing) == ("MUG-1", 2, 0)
    view = ctx.returns.finish(pia, rma)
    assert view.status == "discrepancy"
    assert view.discrepancy == "Missing: 1 of 1 × TEE-M (T-shirt M) did not come back."
    ctx.returns.resolve(supervisor(), rma, "customer keeps the shirt")
    (entry,) = outbox(ctx)
    assert sorted((ln["sku"], ln["disposition"]) for ln in entry.payload["lines"]) == [
        ("MUG-1", "RESTOCKED"),
        ("TEE-M", "MISSING"),
    ]


def test_a_case_code_counts_its_pieces_and_undo_takes_them_all_back(ctx: AppContext) -> None:
    store_id = warehouse(ctx)
    import_orders(ctx, store_id, order_data())
    ship(ctx)
    pia = packer()
    rma = ctx.returns.open(pia, "#1001").number
    outcome = ctx.returns.scan(pia, rma, MUG_CASE)
    assert outcome.outcome == "over" and "6 of 2" in outcome.message
    assert on_hand(ctx, "MUG-1", "A-01") == 11
    view = ctx.returns.undo_last(pia, rma)
    assert view.units == () and on_hand(ctx, "MUG-1", "A-01") == 5
    with pytest.raises(InvalidInput, match="nothing to undo"):
        ctx.returns.undo_last(pia, rma)


def test_a_parcel_with_no_rma_waits_at_the_issues_location_until_linked(
    ctx: AppContext,
) -> None:
    store_id = warehouse(ctx)
    import_orders(ctx, store_id, order_data())
    ship(ctx)
    pia, sam = packer(), supervisor()
    unmatched = ctx.returns.receive(pia, "UNREADABLE-LABEL-77")
    assert unmatched.status == "unmatched" and unmatched.order_number is None
    ctx.returns.scan(pia, unmatched.number, "MUG-1")
    ctx.returns.scan(pia, unmatched.number, "TEE-M", "damaged")
    assert on_hand(ctx, "MUG-1", "RET-ISSUES") == 1 and on_hand(ctx, "TEE-M", "RET-ISSUES") == 1
    assert on_hand(ctx, "MUG-1", "A-01") == 5  # not for sale until we know whose it is
    assert "RET-ISSUES" in unavailable_locations(ctx.settings)
    with pytest.raises(InvalidInput, match="links it"):
        ctx.returns.finish(pia, unmatched.number)
    with pytest.raises(PermissionDenied):
        ctx.returns.link(pia, unmatched.number, "#1001")

    linked = ctx.returns.link(sam, unmatched.number, "#1001")
    assert linked.number != unmatched.number and linked.status == "receiving"
    assert [(ln.sku, ln.sellable, ln.damaged) for ln in linked.lines] == [
        ("MUG-1", 1, 0),
        ("TEE-M", 0, 1),
    ]
    assert on_hand(ctx, "MUG-1", "RET-ISSUES") == 0 and on_hand(ctx, "MUG-1", "A-01") == 6
    assert on_hand(ctx, "TEE-M", "RET-QUARANTINE") == 1
    assert ctx.returns.get(pia, unmatched.number).status == "cancelled"
    assert [r.number for r in ctx.returns.list(pia, "unmatched")] == []


def test_the_tracking_number_of_the_orders_shipment_finds_it(ctx: AppContext) -> None:
    """The customer sends the parcel back in its box, with the courier's label on it."""
    store_id = warehouse(ctx)
    import_orders(ctx, store_id, order_data())
    ship(ctx)
    order_id = _order_id(ctx)
    with ctx.db.session() as s:
        carrier = Carrier(name="HFD", kind="hfd")
        pack = PackSession(order_id=order_id, station="pack-1", user_name="pia")
        s.add_all([carrier, pack])
        s.flush()
        package = Package(order_id=order_id, pack_session_id=pack.id, number=1, box_code="M")
        s.add(package)
        s.flush()
        s.add(
            Shipment(
                package_id=package.id,
                order_id=order_id,
                carrier_id=carrier.id,
                reference=f"PKG-{package.id}",
                tracking_number="70000123",
            )
        )
    view = ctx.returns.receive(packer(), "70000123")
    assert (view.order_number, view.status, view.source) == ("#1001", "receiving", "station")
    assert ctx.returns.open(packer(), f"ORD:ID-{order_id}").number == view.number


def test_codes_that_find_nothing_say_so(ctx: AppContext) -> None:
    warehouse(ctx)
    pia = packer()
    with pytest.raises(NotFound, match="There is no RMA RMA-000042"):
        ctx.returns.open(pia, "rma-42")
    with pytest.raises(NotFound, match="Nothing is known by"):
        ctx.returns.open(pia, "#9999")
    with pytest.raises(InvalidInput, match="not a return reason"):
        ctx.returns.open(pia, "#9999", reason="BORED")
    with pytest.raises(NotFound, match="There is no RMA"):
        ctx.returns.receive(pia, "RMA-000007")  # a typo, not a parcel without an RMA
    picker = Actor(name="pete", role=Role.PICKER, station="x")
    with pytest.raises(PermissionDenied):
        ctx.returns.receive(picker, "anything")


def test_the_stores_returns_come_in_with_their_orders(ctx: AppContext) -> None:
    store_id = warehouse(ctx, platform="shopify")
    requested = ReturnData(
        external_id="gid://shopify/Return/7",
        status="requested",
        lines=(
            ReturnLineData(
                external_id="gid://shopify/ReturnLineItem/71",
                line_external_id="L1",
                sku="MUG-1",
                quantity=1,
                reason="DEFECTIVE",
                note="chipped",
            ),
        ),
    )
    import_orders(ctx, store_id, order_data(status="fulfilled", returns=(requested,)))
    # The same order again (a page read twice, a later sync): still one RMA.
    import_orders(ctx, store_id, order_data(status="fulfilled", returns=(requested,)))
    pia = packer()
    (summary,) = ctx.returns.list(pia)
    assert (summary.source, summary.status, summary.order_number) == ("store", "open", "#1001")
    view = ctx.returns.get(pia, summary.number)
    (line,) = view.lines
    assert (line.sku, line.expected, line.reason, line.external_id) == (
        "MUG-1",
        1,
        "DEFECTIVE",
        "gid://shopify/ReturnLineItem/71",
    )
    assert view.external_id == "gid://shopify/Return/7"
    # Opened at the station by the order number: the store's RMA, not a second one.
    assert ctx.returns.open(pia, "#1001").number == summary.number

    # The store declines it before the parcel arrives: cancelled here too.
    declined = ReturnData(
        external_id=requested.external_id, status="declined", lines=requested.lines
    )
    import_orders(
        ctx,
        store_id,
        order_data(status="fulfilled", returns=(declined,), at=T0 + timedelta(minutes=1)),
    )
    assert ctx.returns.get(pia, summary.number).status == "cancelled"
    # An older copy of the order changes nothing.
    import_orders(ctx, store_id, order_data(status="fulfilled", returns=(requested,)))
    assert ctx.returns.get(pia, summary.number).status == "cancelled"

    # A second return, received and graded: the store's line id goes back with the disposition.
    second = ReturnData(
        external_id="gid://shopify/Return/8",
        status="open",
        lines=(
            ReturnLineData(
                external_id="gid://shopify/ReturnLineItem/81",
                line_external_id="L2",
                sku="TEE-M",
                quantity=1,
                reason="SIZE_TOO_SMALL",
            ),
        ),
    )
    import_orders(
        ctx,
        store_id,
        order_data(status="fulfilled", returns=(declined, second), at=T0 + timedelta(minutes=2)),
    )
    rma = ctx.returns.receive(pia, "#1001")
    assert rma.external_id == "gid://shopify/Return/8"
    ctx.returns.scan(pia, rma.number, "TEE-M")
    ctx.returns.finish(pia, rma.number)
    # The store closes it (after we processed it): ours stays completed.
    closed = ReturnData(external_id=second.external_id, status="closed", lines=second.lines)
    import_orders(
        ctx,
        store_id,
        order_data(status="fulfilled", returns=(declined, closed), at=T0 + timedelta(minutes=3)),
    )
    assert ctx.returns.get(pia, rma.number).status == "completed"
    (entry,) = outbox(ctx)
    assert entry.payload["return_external_id"] == "gid://shopify/Return/8"
    assert entry.payload["lines"] == [
        {
            "line_external_id": "L2",
            "sku": "TEE-M",
            "quantity": 1,
            "disposition": "RESTOCKED",
            "reason": "SIZE_TOO_SMALL",
            "return_line_id": "gid://shopify/ReturnLineItem/81",
        }
    ]
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ReturnAuthorization)) == 2


def test_an_order_change_keeps_its_returns_through_json() -> None:
    data = order_data(
        returns=(
            ReturnData(
                "R1", "open", (ReturnLineData("RL1", "L1", "MUG-1", 1, "COLOR", "too red"),)
            ),
        )
    )
    assert from_json(json.loads(json.dumps(to_json(data)))) == data


# -- settings and parsing ---------------------------------------------------------------------


def test_returns_settings_are_checked() -> None:
    settings = build_settings(
        {"returns": {"extra_reasons": ["ARRIVED_LATE"], "refunds": "complete-sellable"}},
        "settings.toml",
        {},
    )
    assert settings.returns.extra_reasons == ("ARRIVED_LATE",)
    for bad in (
        {"damaged_disposition": "RESTOCKED"},
        {"refunds": "always"},
        {"extra_reasons": ["late"]},
        {"issues_location": ""},
        {"issues_location": "X", "quarantine_location": "X"},
    ):
        with pytest.raises(ConfigError):
            build_settings({"returns": bad}, "settings.toml", {})


def test_extra_reasons_are_offered_and_accepted(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(database_url, tmp_path).replace(
        returns=ReturnSettings(extra_reasons=("ARRIVED_LATE",))
    )
    ctx = AppContext.build(settings)
    ctx.start()
    try:
        assert ctx.returns.reasons() == [*REASONS, "ARRIVED_LATE"]
        store_id = warehouse(ctx)
        import_orders(ctx, store_id, order_data())
        ship(ctx)
        view = ctx.returns.open(packer(), "#1001", reason="arrived_late")
        assert {ln.reason for ln in view.lines} == {"ARRIVED_LATE"}
    finally:
        ctx.close()


@given(st.text(max_size=40))
def test_rma_numbers_are_read_or_refused_never_misread(text: str) -> None:
    number = rma_number_of(text)
    if number is not None:
        assert number.startswith("RMA-") and int(number[4:]) >= 0
        assert rma_number_of(number) == number


@given(
    sku=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
        lambda s: s.strip() == s and s != "" and not s.split(":")[-1].isdigit()
    ),
    quantity=st.integers(1, 100_000),
    reason=st.sampled_from(REASONS),
)
def test_return_lines_read_back(sku: str, quantity: int, reason: str) -> None:
    assert parse_line(f"{sku}:{quantity}:{reason}") == (sku, quantity, reason)
    if not sku.split(":")[-1].strip().isdigit():
        assert parse_line(f"{sku}:{quantity}")[1:] == (quantity, "UNKNOWN")


@given(st.text(max_size=30))
def test_any_line_text_is_read_or_refused_with_a_sentence(text: str) -> None:
    try:
        sku, quantity, reason = parse_line(text)
    except InvalidInput as exc:
        assert str(exc).endswith(".")
    else:
        assert sku and quantity >= 1 and reason in REASONS


# -- the command line -----------------------------------------------------------------------


def cli(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--database", url, *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_returns_commands(
    ctx: AppContext, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store_id = warehouse(ctx)
    import_orders(ctx, store_id, order_data())
    ship(ctx)
    code, out = cli(database_url, capsys, "returns", "reasons")
    assert code == 0 and out.split() == list(REASONS)
    code, out = cli(
        database_url, capsys, "returns", "open", "#1001", "--line", "MUG-1:2:DEFECTIVE",
        "--note", "phoned in",
    )  # fmt: skip
    assert code == 0 and "RMA-000001" in out
    code, out = cli(database_url, capsys, "returns", "open", "#1001", "--line", "MUG-1")
    assert code != 0 and "SKU:QUANTITY" in out and "Traceback" not in out
    code, out = cli(database_url, capsys, "returns", "receive", "RMA-000001")
    assert code == 0 and "receiving" in out
    code, out = cli(database_url, capsys, "returns", "scan", "RMA-000001", "MUG-1")
    assert code == 0 and "A-01" in out
    code, out = cli(
        database_url, capsys, "returns", "scan", "RMA-000001", "MUG-1", "--grade", "damaged"
    )
    assert code == 0 and "quarantine" in out
    code, out = cli(database_url, capsys, "returns", "scan", "RMA-000001", "WHAT-IS-THIS")
    assert code != 0 and "not a product we know" in out
    code, out = cli(database_url, capsys, "returns", "finish", "RMA-000001")
    assert code == 0 and "completed" in out
    code, out = cli(database_url, capsys, "returns", "show", "RMA-000001", "--json")
    shown = json.loads(out)
    assert shown["status"] == "completed" and shown["lines"][0]["sellable"] == 1
    assert shown["lines"][0]["damaged"] == 1 and len(shown["units"]) == 2
    code, out = cli(database_url, capsys, "returns", "list", "--status", "completed", "--json")
    assert [r["number"] for r in json.loads(out)] == ["RMA-000001"]
    code, out = cli(database_url, capsys, "returns", "receive", "NOBODY-KNOWS-ME")
    assert code == 0 and "RMA-000002" in out and "unmatched" in out
    code, out = cli(database_url, capsys, "returns", "scan", "RMA-000002", "TEE-M")
    assert code == 0 and "RET-ISSUES" in out
    code, out = cli(database_url, capsys, "returns", "link", "RMA-000002", "#1001")
    assert code == 0 and "RMA-000003" in out
    code, out = cli(database_url, capsys, "returns", "finish", "RMA-000003")
    assert code == 0 and "discrepancy" in out and "Missing" in out
    code, out = cli(database_url, capsys, "returns", "resolve", "RMA-000003", "--note", "ok")
    assert code == 0 and "completed" in out
    code, out = cli(database_url, capsys, "returns", "list")
    assert code == 0 and out.count("RMA-") == 3


# -- the collection from the customer ---------------------------------------------------------


def test_a_return_collection_with_hfd_prints_the_couriers_label(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    printer_sim: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fulfillment_app.carriers.emulators.hfd import HfdEmulator
    from fulfillment_app.config import DeviceSettings, LabelSettings, ShippingSettings
    from tests.test_shipping import add_hfd, wait_for

    with HfdEmulator(label_format="pdf") as hfd:
        settings = make_settings(database_url, tmp_path).replace(
            shipping=ShippingSettings(default_carrier="HFD"),
            devices={
                "labels": DeviceSettings(
                    kind="printer", url=printer_sim.url, protocol="zpl", timeout_s=2
                )
            },
            labels=LabelSettings(company_name="Shop", label_printer="labels", dpi=203),
        )
        ctx = AppContext.build(settings)
        ctx.start()
        ctx.devices.start()
        try:
            store_id = warehouse(ctx)
            import_orders(ctx, store_id, order_data())
            ship(ctx)
            pia = packer()
            rma = ctx.returns.open(pia, "#1001").number
            with pytest.raises(NotFound, match="no carrier called HFD"):
                ctx.returns.collect(pia, rma)  # not set up yet: nothing was asked of anyone
            add_hfd(ctx, hfd, monkeypatch)
            tracking = ctx.returns.collect(pia, rma)
            wait_for(lambda: printer_sim.job_count() == 1)
            (job,) = printer_sim.jobs
            assert b"^GF" in job  # HFD's PDF, rasterised for the label printer
            assert hfd.count(rma) == 1
            with hfd.lock:
                sent = hfd.shipments[rma][0].body
            assert sent["mesiraIsuf"] == "איסוף" and sent["cityName"] == "Haifa"
            assert sent["nameTo"] == "Dana Levi"
            # Asked again: the same collection, its label again; nothing new at the courier.
            assert ctx.returns.collect(pia, rma) == tracking and hfd.count(rma) == 1
            # The courier brings the parcel: its label's number finds the RMA.
            view = ctx.returns.receive(pia, tracking)
            assert (view.number, view.status, view.collection_tracking) == (
                rma,
                "receiving",
                tracking,
            )
            pdf = tmp_path / "label.pdf"
            code, out = cli(database_url, capsys, "returns", "collect", rma, "--out", str(pdf))
            assert code == 0 and tracking in out and pdf.read_bytes().startswith(b"%PDF")
        finally:
            ctx.close()
