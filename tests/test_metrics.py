"""The supervisor's figures: a seeded shift's figures equal what the test computes from the
seeded events; a fair score does not favour easy carts over hard ones; each worker sees their
own figures and nobody else's."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from fulfillment_app.config import ReportSettings, parse_shifts
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Location,
    Order,
    OrderChange,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    OutboxStatus,
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
    TimeLost,
    User,
)
from fulfillment_app.errors import ConfigError, PermissionDenied
from fulfillment_app.services import metrics_model as model
from fulfillment_app.services.metrics import MetricsService
from fulfillment_app.services.metrics_types import Period
from fulfillment_app.services.permissions import Actor

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


PEOPLE = {"ann": Role.PICKER, "ben": Role.PICKER, "cat": Role.PACKER, "sue": Role.SUPERVISOR}

# order: (number, status, ship_by, [(sku, quantity, picked, packed)])
ORDERS = [
    ("1001", OrderStatus.PACKED, at(60), [("P1", 1, 1, 1)]),
    ("1002", OrderStatus.PACKED, at(30), [("P2", 3, 3, 3)]),
    ("1003", OrderStatus.PACKED, None, [("P1", 2, 2, 2), ("P2", 1, 0, 0)]),
    ("1004", OrderStatus.OPEN, at(60 + 50), [("P1", 1, 0, 0)]),
    ("1005", OrderStatus.OPEN, at(-60), [("P2", 1, 0, 0)]),
    ("1006", OrderStatus.PICKING, None, [("P1", 1, 0, 0)]),
    ("1007", OrderStatus.SHIPPED, at(-600), [("P1", 1, 1, 1)]),  # before the period
]
# cart: (id, picker, zone, claimed, finished, travel m, [(order, line index, location,
# quantity, done, status, reason, done_at)])
CARTS = [
    (1, "ann", "A", at(0), at(10), 100.0, [
        ("1001", 0, "A-01", 1, 1, PickTaskStatus.DONE, None, at(4)),
        ("1002", 0, "A-02", 3, 3, PickTaskStatus.DONE, None, at(9)),
    ]),
    (2, "ben", "B", at(5), at(20), 60.0, [
        ("1003", 0, "B-01", 2, 2, PickTaskStatus.DONE, None, at(12)),
        ("1003", 1, "B-02", 1, 0, PickTaskStatus.SHORT, "location empty", at(15)),
    ]),
]  # fmt: skip
# pack session: (order, person, station, started, closed)
SESSIONS = [
    ("1001", "cat", "pack-1", at(30), at(32)),
    ("1002", "cat", "pack-1", at(33), at(36)),
    ("1003", "cat", "pack-1", at(40), at(45)),
]
# scan: (context, order, line index, outcome, quantity, minute, undone)
SCANS = [
    ("pick", "1001", 0, "accepted", 1, 3, False),
    ("pick", "1002", 0, "wrong item", 0, 6, False),
    ("pick", "1002", 0, "accepted", 3, 8, False),
    ("pack", "1001", 0, "complete", 1, 31, False),
    ("pack", "1002", 0, "accepted", 1, 34, False),
    ("pack", "1002", None, "wrong item", 0, 34.2, False),
    ("pack", "1002", 0, "accepted", 1, 34.5, False),
    ("pack", "1002", 0, "complete", 1, 35, False),
    ("pack", "1002", 0, "over-scan", 0, 35.2, False),
    ("pack", "1003", 0, "accepted", 1, 41, True),
    ("pack", "1003", 0, "accepted", 2, 42, False),
    ("pack", "1003", None, "unknown", 0, 43, False),
    ("pack", "1003", None, "command", 0, 43.5, False),
]
LOGINS = [("ann", at(-2)), ("cat", at(25)), ("ben", at(-90))]  # ben's is before the period
LOGOUTS = [("cat", at(50))]
STORE_CHANGES = [("1002", at(34), at(35))]
DEVICE_FAULTS = [("cat", at(43), at(44))]
PERIOD_START, PERIOD_END, NOW = at(-60), at(120), at(50)


def seed_shift(session: Session) -> dict[str, int]:
    users = {}
    for name, role in PEOPLE.items():
        user = User(name=name, role=role, pin_hash="-")
        session.add(user)
        session.flush()
        users[name] = user.id
    store = Store(name="shop", platform="woocommerce", base_url="http://shop.test")
    session.add(store)
    products = {sku: Product(sku=sku, name=sku) for sku in ("P1", "P2")}
    locations = {
        code: Location(code=code, zone=code[0]) for code in ("A-01", "A-02", "B-01", "B-02")
    }
    session.add_all([*products.values(), *locations.values()])
    session.flush()
    orders, lines = {}, {}
    for number, status, ship_by, order_lines in ORDERS:
        order = Order(
            store_id=store.id, external_id=number, number=number, status=status, ship_by=ship_by
        )
        for sku, quantity, picked, packed in order_lines:
            order.lines.append(
                OrderLine(
                    product_id=products[sku].id,
                    sku=sku,
                    name=sku,
                    quantity=quantity,
                    quantity_picked=picked,
                    quantity_packed=packed,
                )
            )
        session.add(order)
        session.flush()
        orders[number] = order.id
        for i, line in enumerate(order.lines):
            lines[number, i] = line.id
    for batch_id, picker, zone, claimed, finished, travel, tasks in CARTS:
        role = PEOPLE[picker].value
        session.add(
            PickBatch(
                id=batch_id,
                zone=zone,
                status=PickBatchStatus.DONE,
                method="test",
                travel=travel,
                picker=f"{picker} ({role})",
                picker_id=users[picker],
                station=f"cart-{batch_id}",
                claimed_at=claimed,
                finished_at=finished,
            )
        )
        session.flush()
        for slot, number in enumerate(dict.fromkeys(t[0] for t in tasks), start=1):
            session.add(PickBatchOrder(batch_id=batch_id, order_id=orders[number], slot=slot))
        for seq, (number, index, loc, quantity, done, status, reason, done_at) in enumerate(tasks):
            session.add(
                PickTask(
                    batch_id=batch_id,
                    sequence=seq,
                    order_id=orders[number],
                    order_line_id=lines[number, index],
                    location_id=locations[loc].id,
                    product_id=products[ORDERS_BY_NUMBER[number][3][index][0]].id,
                    slot=1,
                    quantity=quantity,
                    quantity_done=done,
                    status=status,
                    reason=reason,
                    done_by=f"{picker} ({role})",
                    done_at=done_at,
                )
            )
    sessions = {}
    for number, person, station, started, closed in SESSIONS:
        row = PackSession(
            order_id=orders[number],
            station=station,
            user_id=users[person],
            user_name=person,
            status=PackSessionStatus.CLOSED,
            started_at=started,
            closed_at=closed,
        )
        session.add(row)
        session.flush()
        sessions[number] = row.id
    for context, number, index, outcome, quantity, minute, undone in SCANS:
        person = "cat" if context == "pack" else "ann"
        session.add(
            ScanEvent(
                at=at(minute),
                user_id=users[person],
                context=context,
                raw="x",
                kind="gtin",
                outcome=outcome,
                order_id=orders[number],
                pack_session_id=sessions[number] if context == "pack" else None,
                order_line_id=None if index is None else lines[number, index],
                quantity=quantity,
                undone=undone,
            )
        )
    for person, when in LOGINS:
        label = f"{person} ({PEOPLE[person].value})"
        session.add(AuditEntry(at=when, user_id=users[person], actor=label, action="auth.login"))
    for person, when in LOGOUTS:
        label = f"{person} ({PEOPLE[person].value})"
        session.add(AuditEntry(at=when, user_id=users[person], actor=label, action="auth.logout"))
    session.add(AuditEntry(at=at(36), actor="sue (supervisor)", action="pack.weight_override"))
    for number, created, resolved in STORE_CHANGES:
        session.add(
            OrderChange(
                order_id=orders[number],
                kind="edited",
                detail="address",
                created_at=created,
                resolved_at=resolved,
            )
        )
    for person, start, end in DEVICE_FAULTS:
        session.add(TimeLost(person=person, cause="device", started_at=start, ended_at=end))
    for i, status in enumerate(
        [OutboxStatus.PENDING, OutboxStatus.PENDING, OutboxStatus.PARKED, OutboxStatus.DELIVERED]
    ):
        session.add(
            OutboxEntry(
                store_id=store.id,
                kind="fulfillment",
                idempotency_key=f"k{i}",
                status=status,
                created_at=at(i),
            )
        )
    return users


ORDERS_BY_NUMBER = {o[0]: o for o in ORDERS}


def actor(name: str, users: dict[str, int]) -> Actor:
    return Actor(name=name, role=PEOPLE[name], station="test", user_id=users[name])


def in_period(when: datetime) -> bool:
    return PERIOD_START <= when < PERIOD_END


def test_seeded_shift_figures_and_who_sees_them(context: AppContext) -> None:
    with context.db.write() as session:
        users = seed_shift(session)
    service = MetricsService(context.db, ReportSettings(timezone="UTC", at_risk_hours=2))
    period = Period.custom(PERIOD_START, PERIOD_END)
    sue, cat = actor("sue", users), actor("cat", users)
    board = service.dashboard(sue, period, now=NOW)

    # Throughput, computed from the seed.
    picked = [
        (cart[1], task[2][0], task[4])
        for cart in CARTS
        for task in cart[6]
        if task[4] > 0 and in_period(task[7])
    ]
    packed_lines = {}
    for s in SCANS:
        if s[0] == "pack" and s[3] in ("accepted", "complete") and not s[6]:
            packed_lines[s[1], s[2]] = packed_lines.get((s[1], s[2]), 0) + s[4]
    closed = [s for s in SESSIONS if in_period(s[4])]
    team = board.team
    assert (team.lines_picked, team.units_picked) == (len(picked), sum(p[2] for p in picked))
    assert (team.lines_packed, team.units_packed) == (
        len(packed_lines),
        sum(packed_lines.values()),
    )
    assert team.orders_packed == len(closed) == 3
    zones = {g.key: (g.figures.lines_picked, g.figures.units_picked) for g in board.by_zone}
    assert zones == {
        z: (sum(1 for p in picked if p[1] == z), sum(p[2] for p in picked if p[1] == z))
        for z in "AB"
    }
    stations = {g.key: g.figures for g in board.by_station}
    assert stations["pack-1"].orders_packed == 3
    assert stations["cart-1"].lines_picked == 2
    people = {g.key: g.figures for g in board.by_person}
    assert people["ann"].units_picked == 4 and people["cat"].units_packed == 6
    hours = {h.hour.hour: h.figures for h in board.by_hour}
    assert sum(h.figures.units_picked for h in board.by_hour) == team.units_picked
    assert hours[8].orders_packed == 3 and hours[7].orders_packed == 0

    # Backlog, risk, on time, fill.
    open_orders = [o for o in ORDERS if o[1] in (OrderStatus.OPEN, OrderStatus.PICKING)]
    assert board.backlog.total == len(open_orders)
    assert board.backlog.by_status["open"] == 2 and board.backlog.by_status["picking"] == 1
    assert board.backlog.by_age["overdue"] == 1
    assert board.backlog.by_age["due in 2 h"] == 1
    assert board.backlog.by_age["no cut-off"] == 1
    risky = [o[0] for o in open_orders if o[2] is not None and o[2] <= NOW + timedelta(hours=2)]
    assert [o.number for o in board.at_risk] == sorted(risky, key=lambda n: n != "1005")
    assert board.at_risk_count == len(risky)
    with_cut_off = [(s[4], ORDERS_BY_NUMBER[s[0]][2]) for s in closed]
    with_cut_off = [(done, ship_by) for done, ship_by in with_cut_off if ship_by]
    assert board.on_time_rate == pytest.approx(
        sum(1 for done, ship_by in with_cut_off if done <= ship_by) / len(with_cut_off)
    )
    filled = [s for s in closed if all(line[3] >= line[1] for line in ORDERS_BY_NUMBER[s[0]][3])]
    assert board.fill_rate == pytest.approx(len(filled) / len(closed))

    # Accuracy.
    for kind, figures in (("pick", board.pick_accuracy), ("pack", board.pack_accuracy)):
        scans = [s for s in SCANS if s[0] == kind and s[3] not in ("command",)]
        wrong = sum(1 for s in scans if s[3] == "wrong item")
        assert (figures.scans, figures.wrong) == (len(scans), wrong)
        assert figures.accuracy == pytest.approx(1 - wrong / len(scans))
    assert board.pack_accuracy.over_scans == 1 and board.pack_accuracy.unknown == 1
    assert board.pack_accuracy.weight_exceptions == 1

    # Sync health.
    (shop,) = board.stores
    assert (shop.store, shop.pending, shop.parked, shop.healthy) == ("shop", 2, 1, False)

    # Time lost, active, signed in, transitions.
    tasks = {(t.kind, t.person): t for t in board.productivity.tasks}
    assert tasks["cart", "ben"].lost_s == (at(15) - at(12)).total_seconds()  # stock short
    lost = {t.finished_at: t.lost_s for t in board.productivity.tasks if t.kind == "pack"}
    assert lost == {at(32): 0.0, at(36): 60.0, at(45): 60.0}  # store change, device fault
    assert board.productivity.lost_by_cause == {
        "stock": 180.0,
        "store change": 60.0,
        "device": 60.0,
    }
    figures = {p.person: p for p in board.people}
    assert figures["ann"].active_s == 600 and figures["ann"].signed_in_s == 12 * 60
    assert figures["ben"].signed_in_s == (at(20) - PERIOD_START).total_seconds()
    assert (figures["cat"].transitions, figures["cat"].transition_s) == (2, 60 + 240)
    assert figures["cat"].active_s == (2 + 3 + 5) * 60
    assert figures["cat"].signed_in_s == (at(50) - at(25)).total_seconds()  # to the sign-out
    assert board.productivity.score is not None

    # Privacy: a packer sees the team and themselves, nobody else.
    team_board = service.dashboard(cat, period, now=NOW)
    assert not team_board.individual and team_board.by_person == [] and team_board.people == []
    assert all(t.person == "" for t in team_board.productivity.tasks)
    assert team_board.team == team
    with pytest.raises(PermissionDenied, match="not each person's"):
        service.dashboard(cat, period, individual=True)
    mine = service.my_figures(cat, period)
    assert mine.person.person == "cat" and mine.person.figures.units_packed == 6
    assert {t.person for t in mine.tasks} == {"cat"} and len(mine.tasks) == 3
    with pytest.raises(PermissionDenied, match="not ann's"):
        service.my_figures(cat, period, person="ann")
    assert service.my_figures(sue, period, person="ann").person.figures.lines_picked == 2


# -- fair productivity --------------------------------------------------------------------

TRUTH = {"base": 90.0, "travel_m": 0.8, "locations": 12.0, "lines": 5.0, "units": 2.0}


def truth_seconds(features: dict[str, float]) -> float:
    return TRUTH["base"] + sum(TRUTH[k] * v for k, v in features.items())


def add_cart(
    session: Session, batch_id: int, finished: datetime, features: dict[str, float], user: int
) -> None:
    """A finished cart that asked ``features`` and took the true time for them."""
    seconds = truth_seconds(features)
    session.add(
        PickBatch(
            id=batch_id,
            status=PickBatchStatus.DONE,
            method="test",
            travel=features["travel_m"],
            picker="ann (picker)",
            picker_id=user,
            claimed_at=finished - timedelta(seconds=seconds),
            finished_at=finished,
        )
    )
    session.flush()
    lines, units, locations = (int(features[k]) for k in ("lines", "units", "locations"))
    for i in range(lines):
        session.add(
            PickTask(
                batch_id=batch_id,
                sequence=i,
                order_id=1,
                order_line_id=1,
                location_id=1 + i % locations,
                product_id=1,
                slot=1,
                quantity=units // lines + (1 if i < units % lines else 0),
                quantity_done=0,
                status=PickTaskStatus.DONE,
            )
        )


def test_easy_and_hard_carts_done_in_their_expected_time_score_alike(
    sqlite_context: AppContext,
) -> None:
    db = sqlite_context.db
    now = datetime.now(UTC)
    with db.write() as session:
        user = User(name="ann", role=Role.PICKER, pin_hash="-")
        product = Product(sku="P1", name="P1")
        session.add_all([user, product, *(Location(code=f"L{i}") for i in range(40))])
        order = Order(
            external_id="1", number="1", lines=[OrderLine(sku="P1", name="P1", quantity=1)]
        )
        session.add(order)
        session.flush()
        # History: varied carts, each done in the warehouse's (unknown to the app) true time.
        for i in range(40):
            lines = 1 + (i * 7) % 25
            features = {
                "travel_m": 20.0 + (i * 37) % 300,
                "locations": float(1 + (i * 5) % lines if lines > 1 else 1),
                "lines": float(lines),
                "units": float(lines + (i * 3) % 17),
            }
            add_cart(session, 100 + i, now - timedelta(days=2, minutes=30 * i), features, user.id)
        easy = {"travel_m": 15.0, "locations": 2.0, "lines": 2.0, "units": 2.0}
        hard = {"travel_m": 420.0, "locations": 30.0, "lines": 35.0, "units": 80.0}
        add_cart(session, 1, now - timedelta(hours=2), easy, user.id)
        add_cart(session, 2, now - timedelta(hours=1), hard, user.id)
        user_id = user.id
    service = MetricsService(db, ReportSettings(timezone="UTC"))
    supervisor = Actor("sue", Role.SUPERVISOR, "office", user_id=None)
    board = service.dashboard(supervisor, Period.custom(now - timedelta(hours=3), now))
    cart_model = board.productivity.models["cart"]
    assert cart_model.fitted and cart_model.samples == 42
    scores = {t.id: t for t in board.productivity.tasks if t.kind == "cart"}
    assert scores[2].actual_s > 8 * scores[1].actual_s  # very different work...
    assert scores[1].score == pytest.approx(1.0, abs=0.02)  # ...both as expected
    assert scores[2].score == pytest.approx(1.0, abs=0.02)
    # Raw rates would call the easy cart's picker the faster one.
    assert scores[1].features["lines"] / scores[1].actual_s > 0
    mine = service.my_figures(Actor("ann", Role.PICKER, "cart", user_id=user_id), board.period)
    assert mine.person.score == pytest.approx(1.0, abs=0.02)


def test_model_solves_and_falls_back_to_defaults() -> None:
    assert model.solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0]) == pytest.approx([0.8, 1.4])
    assert model.solve([[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0]) is None
    few = model.fit("pack", [({"lines": 1, "units": 1}, 60.0)] * 3)
    assert not few.fitted and few.coefficients == model.DEFAULTS["pack"]
    truth = {"base": 30.0, "lines": 10.0, "units": 5.0, "single_sku": 4.0, "mixed": 20.0}
    samples = []
    for lines in range(1, 6):
        for units in range(lines, lines + 6):
            kind = model.order_type(lines, units)
            features = {
                "lines": lines,
                "units": units,
                "single_sku": float(kind == "one SKU, several units"),
                "mixed": float(kind == "mixed"),
            }
            samples.append(
                (features, truth["base"] + sum(truth[k] * v for k, v in features.items()))
            )
    fitted = model.fit("pack", samples)
    assert fitted.fitted
    for name, value in truth.items():
        assert fitted.coefficients[name] == pytest.approx(value, rel=0.02, abs=0.5)
    assert model.order_type(1, 1) == "single item" and model.order_type(3, 3) == "mixed"


def test_periods_follow_the_shifts() -> None:
    settings = ReportSettings(
        shifts="06:00-14:00,14:00-22:00,22:00-06:00", timezone="Asia/Jerusalem"
    )
    night = Period.shift(settings, datetime(2026, 11, 26, 1, 30, tzinfo=UTC))  # 03:30 local
    assert night.label == "22:00-06:00"
    assert night.start == datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
    day = Period.shift(
        replace(settings, shifts="06:00-14:00"), datetime(2026, 11, 26, 14, tzinfo=UTC)
    )
    assert (day.start, day.end) == (
        datetime(2026, 11, 26, 4, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 12, 0, tzinfo=UTC),
    )
    today = Period.today(settings, datetime(2026, 11, 26, 23, 0, tzinfo=UTC))  # 01:00 local
    assert today.start == datetime(2026, 11, 26, 22, 0, tzinfo=UTC)
    for wrong in ("6-14", "06:00-06:00", "", "25:00-26:00"):
        with pytest.raises(ConfigError):
            ReportSettings(shifts=wrong)


@given(st.lists(st.tuples(st.integers(0, 1439), st.integers(0, 1439)), min_size=1, max_size=4))
def test_shift_lists_read_back_as_written(shifts: list[tuple[int, int]]) -> None:
    shifts = [(a, b) for a, b in shifts if a != b] or [(360, 840)]
    text = ",".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in shifts)
    assert parse_shifts(text) == tuple(shifts)


@given(st.text(max_size=40))
def test_any_shift_text_is_read_or_refused_with_a_sentence(text: str) -> None:
    try:
        parse_shifts(text)
    except ConfigError as exc:
        assert "shift" in str(exc)
