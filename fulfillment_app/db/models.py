"""The database schema as SQLAlchemy 2 typed models.

The same schema serves the embedded SQLite file and a shared PostgreSQL server. Every change
to these models comes with an Alembic migration in ``migrations/versions`` (a test checks
that the two never drift apart).

Times are stored in UTC and always come back timezone-aware. Enumerations are stored as short
strings (no native database enums), so adding a value needs no ``ALTER TYPE``.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Deterministic constraint names: Alembic needs them to alter constraints later, on SQLite too.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC that always comes back timezone-aware (SQLite drops zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSON everywhere, JSONB on PostgreSQL (indexable, compact).
JSONType = JSON().with_variant(JSONB(), "postgresql")


def _enum(cls: type[enum.Enum], length: int = 20) -> Enum:
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSONType,
    }


class Role(enum.StrEnum):
    PICKER = "picker"
    PACKER = "packer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class OrderStatus(enum.StrEnum):
    OPEN = "open"  # imported, waiting to be planned
    ON_HOLD = "on_hold"
    PICKING = "picking"
    PICKED = "picked"
    PACKING = "packing"
    PACKED = "packed"
    SHIPPED = "shipped"  # reported to the store
    DELIVERED = "delivered"  # the carrier says it arrived
    CANCELLED = "cancelled"
    EXCEPTION = "exception"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    PARKED = "parked"  # permanent error: waits for a supervisor


class Store(Base):
    """A connected shop. Credentials are *not* here: only where to find them (env or keyring)."""

    __tablename__ = "store"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    platform: Mapped[str] = mapped_column(String(30))
    base_url: Mapped[str] = mapped_column(String(500))
    #: Names of environment variables or keyring entries that hold the secrets.
    credential_ref: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The adapter's own resume point (an update stamp, a page cursor).
    sync_cursor: Mapped[str | None] = mapped_column(String(500))
    last_synced_at: Mapped[datetime | None]
    #: The last sync's problem, in words for the supervisor (None when it went well).
    last_error: Mapped[str | None] = mapped_column(Text)
    #: Who syncs this store now (SQLite; PostgreSQL uses an advisory lock) and until when.
    sync_holder: Mapped[str | None] = mapped_column(String(150))
    sync_lease_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: What the platform needs besides the address (Magento's store code and stock source,
    #: BigCommerce's store hash and inventory location, whether stock is pushed: ``push_stock``).
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Product(Base):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    #: Unknown weights are ``None`` and flagged for the supervisor.
    weight_g: Mapped[float | None] = mapped_column(Float)
    length_mm: Mapped[float | None] = mapped_column(Float)
    width_mm: Mapped[float | None] = mapped_column(Float)
    height_mm: Mapped[float | None] = mapped_column(Float)
    image_url: Mapped[str | None] = mapped_column(String(1000))
    #: Created by store sync for an unknown SKU; needs the catalogue to fill it in.
    is_placeholder: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Packing must capture the serial number (GS1 AI 21) of each piece.
    requires_serial: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    barcodes: Mapped[list[ProductBarcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )


class ProductBarcode(Base):
    """One of a product's barcodes. GTINs are stored as 14 digits so that UPC, EAN and GTIN-14
    scans of the same item meet; other codes as printed."""

    __tablename__ = "product_barcode"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("product.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # "gtin" or "other"
    #: Pieces one scan of this code stands for (a case of 6 has its own GTIN).
    quantity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    product: Mapped[Product] = relationship(back_populates="barcodes")


class Location(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    zone: Mapped[str | None] = mapped_column(String(30))
    aisle: Mapped[str | None] = mapped_column(String(30))
    bay: Mapped[str | None] = mapped_column(String(30))
    level: Mapped[str | None] = mapped_column(String(30))
    #: Coordinates in metres when known; otherwise derived from the code by the layout model.
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)
    pick_sequence: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Stock(Base):
    """How many of a product lie at a location; a product's home location has a row here."""

    __tablename__ = "stock"
    __table_args__ = (UniqueConstraint("product_id", "location_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(
        ForeignKey("location.id", ondelete="CASCADE"), index=True
    )
    quantity: Mapped[int] = mapped_column(Integer, default=0)


class Order(Base):
    __tablename__ = "order"  # quoted by SQLAlchemy on every dialect
    __table_args__ = (
        UniqueConstraint("store_id", "external_id"),
        Index("ix_order_status_ship_by", "status", "ship_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id"))
    #: The store's own order id, as a string.
    external_id: Mapped[str] = mapped_column(String(100))
    #: The number people see and scan (``#1001``, ``1001``).
    number: Mapped[str] = mapped_column(String(50), index=True)
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus), default=OrderStatus.OPEN)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    ship_by: Mapped[datetime | None]
    carrier: Mapped[str | None] = mapped_column(String(50))
    service: Mapped[str | None] = mapped_column(String(50))
    customer_name: Mapped[str | None] = mapped_column(String(200))
    #: Ship-to address as the store gave it (name, company, lines, city, zip, country, phone).
    ship_to: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The store's update stamp of the version we hold.
    external_updated_at: Mapped[datetime | None]
    #: The store's last version (status, lines, address) as we saw it, to tell its next
    #: change from ours (a short shipment cuts our lines, not the store's).
    store_version: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )


class OrderLine(Base):
    __tablename__ = "order_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(100))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    sku: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[int] = mapped_column(Integer)
    quantity_picked: Mapped[int] = mapped_column(Integer, default=0)
    quantity_packed: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[Order] = relationship(back_populates="lines")


class User(Base):
    """A person who signs in. The PIN is kept only as an Argon2id hash of its keyed digest, the
    badge code only as a keyed digest (HMAC-SHA256, for look-up at a scan): neither is stored
    as typed or printed, and neither can be tried offline without the installation's secret
    key, which lives outside the database. A ``k1:`` prefix marks the keyed scheme; values
    without it are from before and are replaced at the user's next good sign-in."""

    __tablename__ = "user_account"  # "user" is reserved on PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    pin_hash: Mapped[str] = mapped_column(String(200))
    badge_digest: Mapped[str | None] = mapped_column(String(80), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Station(Base):
    """A PC on the floor (pick cart, packing bench, office); it registers itself at start."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    app_version: Mapped[str | None] = mapped_column(String(30))
    #: Unknown badges scanned here since ``badge_failures_since``; too many in the window
    #: pause badge sign-in at this station until ``badge_paused_until``.
    badge_failures: Mapped[int] = mapped_column(Integer, default=0)
    badge_failures_since: Mapped[datetime | None]
    badge_paused_until: Mapped[datetime | None]


class SharedSetting(Base):
    """A value every station of the database shares and none keeps secret, e.g. the check
    value that tells a station whether its secret key is the database's."""

    __tablename__ = "shared_setting"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class ScanEvent(Base):
    """Every scan, written when it happens: the raw data and what the app made of it."""

    __tablename__ = "scan_event"
    __table_args__ = (
        Index("ix_scan_event_at", "at"),
        # The dashboard's accuracy and packed units: one kind of work in a period.
        Index("ix_scan_event_context_at", "context", "at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id"))
    #: Where the scan was taken: ``login``, ``pick``, ``pack``, ...
    context: Mapped[str] = mapped_column(String(20))
    raw: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(30))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("order.id"), index=True)
    # Packing: the session, the line a scan counted for, how many, what it carried.
    pack_session_id: Mapped[int | None] = mapped_column(ForeignKey("pack_session.id"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    serial: Mapped[str | None] = mapped_column(String(100))
    lot: Mapped[str | None] = mapped_column(String(100))
    undone: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: The package the scanned item went into (set when that package is closed).
    package_id: Mapped[int | None] = mapped_column(ForeignKey("package.id"))


class PackSessionStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    EXCEPTION = "exception"  # sent to the supervisor (short ship, problem)


class PackSession(Base):
    """One order being packed at one station. At most one open session per order: the
    partial unique index makes a second station's start fail, on SQLite and PostgreSQL."""

    __tablename__ = "pack_session"
    __table_args__ = (
        Index("ix_pack_session_closed_at", "closed_at"),
        Index("ix_pack_session_order_id", "order_id"),
        Index(
            "uq_pack_session_open_order",
            "order_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"))
    station: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    user_name: Mapped[str] = mapped_column(String(150))
    status: Mapped[PackSessionStatus] = mapped_column(
        _enum(PackSessionStatus), default=PackSessionStatus.OPEN
    )
    box_code: Mapped[str | None] = mapped_column(String(30))
    measured_weight_g: Mapped[float | None] = mapped_column(Float)
    expected_weight_g: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    # Bumped by every change, in its transaction: memory that is behind it is rebuilt.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Package(Base):
    """A closed box: what it weighed, which box, its SSCC."""

    __tablename__ = "package"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    pack_session_id: Mapped[int] = mapped_column(ForeignKey("pack_session.id"))
    number: Mapped[int] = mapped_column(Integer)
    sscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    box_code: Mapped[str] = mapped_column(String(30))
    weight_g: Mapped[float | None] = mapped_column(Float)
    expected_weight_g: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxEntry(Base):
    """An update to deliver to a store, written in the same transaction as the change that
    caused it; the sync engine delivers it exactly once in effect."""

    __tablename__ = "outbox_entry"
    __table_args__ = (
        Index("ix_outbox_entry_status_next", "status", "next_attempt_at"),
        Index("ix_outbox_entry_store_status", "store_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("order.id"))
    kind: Mapped[str] = mapped_column(String(30))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(_enum(OutboxStatus), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]
    #: Set before each try and cleared by its answer: still set means the last try's outcome
    #: is unknown (time-out, crash), and the store is checked before trying again.
    in_flight: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: The store's id for what was created (fulfillment, note).
    remote_id: Mapped[str | None] = mapped_column(String(200))


class QuarantinedOrder(Base):
    """An order from a store that could not be imported as it was: the reason and the raw
    payload, for the supervisor. Resolved when a later version of it imports cleanly."""

    __tablename__ = "quarantined_order"
    __table_args__ = (UniqueConstraint("store_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"))
    external_id: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]


class OrderChange(Base):
    """A change made in the store to an order already in picking or packing (or packed):
    never applied silently. The station holding the order is interrupted; a supervisor
    applies or dismisses it."""

    __tablename__ = "order_change"
    __table_args__ = (Index("ix_order_change_order_open", "order_id", "resolved_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"))
    kind: Mapped[str] = mapped_column(String(20))  # cancelled, on_hold, edited
    detail: Mapped[str] = mapped_column(Text)
    #: The store's new version of the order, ready to apply.
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The station working on the order when the change came in.
    station: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(20))


class PrintJobStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for the printer (or for its turn)
    PRINTED = "printed"
    CANCELLED = "cancelled"


class PrintJob(Base):
    """A label or document for a printer, kept until it has been delivered: nothing is lost
    when a printer is off or out of paper."""

    __tablename__ = "print_job"
    __table_args__ = (Index("ix_print_job_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    printer: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(200))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[PrintJobStatus] = mapped_column(
        _enum(PrintJobStatus), default=PrintJobStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    station: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    printed_at: Mapped[datetime | None]


class Counter(Base):
    """Numbers that must never repeat (SSCC serial references), handed out under a row lock."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEntry(Base):
    """Who did what, when, from which station, with the record before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_action_at", "action", "at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The actor as shown to people (kept even if the user is renamed): ``anna (supervisor)``.
    actor: Mapped[str] = mapped_column(String(150))
    station: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(100))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    reason: Mapped[str | None] = mapped_column(Text)


class Wave(Base):
    """Orders released together as one unit of work (by cut-off, carrier, priority); its
    carts are pick batches."""

    __tablename__ = "wave"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: What chose the orders: {"ship_by_before": ..., "carrier": ..., "min_priority": ...}.
    criteria: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by: Mapped[str] = mapped_column(String(150))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PickBatchStatus(enum.StrEnum):
    READY = "ready"  # waiting for a picker
    PICKING = "picking"  # claimed, being walked
    PAUSED = "paused"  # claimed, the picker stepped away
    DONE = "done"
    CANCELLED = "cancelled"


class PickBatch(Base):
    """One cart's work: its orders (a tote each) and its picks in walking order. At most one
    picker holds it: claims take the row with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL."""

    __tablename__ = "pick_batch"
    __table_args__ = (
        Index("ix_pick_batch_status_rank", "status", "rank"),
        Index("ix_pick_batch_finished_at", "finished_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("wave.id"))
    #: A zone task's zone, when the warehouse is picked by zone.
    zone: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[PickBatchStatus] = mapped_column(
        _enum(PickBatchStatus), default=PickBatchStatus.READY
    )
    #: Claim order: the most urgent batch (earliest cut-off, highest priority) is handed first.
    rank: Mapped[int] = mapped_column(Integer, default=0)
    method: Mapped[str] = mapped_column(String(20))
    #: Planned walking distance of the route, in the layout's units.
    travel: Mapped[float] = mapped_column(Float, default=0.0)
    picker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    picker: Mapped[str | None] = mapped_column(String(150))
    station: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class PickOrderStatus(enum.StrEnum):
    ACTIVE = "active"
    EXCEPTION = "exception"  # short picked: the tote goes to the supervisor
    WITHDRAWN = "withdrawn"  # cancelled or held in the store: its items go back


class PickBatchOrder(Base):
    """An order on a cart, and the tote (slot) its items go into."""

    __tablename__ = "pick_batch_order"
    __table_args__ = (UniqueConstraint("batch_id", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("pick_batch.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    status: Mapped[PickOrderStatus] = mapped_column(
        _enum(PickOrderStatus), default=PickOrderStatus.ACTIVE
    )
    #: The last store change the picker was told of (each is told once).
    seen_change_id: Mapped[int | None] = mapped_column(Integer)
    #: A sentence for the picker's next step (the order was taken off the cart elsewhere).
    notice: Mapped[str | None] = mapped_column(Text)


class PickTaskStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    SHORT = "short"
    CANCELLED = "cancelled"  # its order was withdrawn before it was picked


class PickTask(Base):
    """One visit: take ``quantity`` of a product from a location into a tote (``kind`` pick),
    or put items back (``kind`` return, for an order withdrawn after they were picked)."""

    __tablename__ = "pick_task"
    __table_args__ = (
        Index("ix_pick_task_batch_status_seq", "batch_id", "status", "sequence"),
        Index("ix_pick_task_done_at", "done_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("pick_batch.id", ondelete="CASCADE"))
    #: Walking order; a skipped task moves behind the last one.
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="pick")
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    slot: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    quantity_done: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[PickTaskStatus] = mapped_column(
        _enum(PickTaskStatus), default=PickTaskStatus.OPEN
    )
    skips: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[str | None] = mapped_column(String(150))
    done_at: Mapped[datetime | None]


class TimeLost(Base):
    """Time a person lost to the system while at work, where nothing else records it: a
    device fault, waiting for the printer. The figures take it out of the person's time
    (short picks and store changes are read from their own records)."""

    __tablename__ = "time_lost"
    __table_args__ = (Index("ix_time_lost_user_started", "user_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The person as shown (kept if the user is renamed).
    person: Mapped[str] = mapped_column(String(150))
    station: Mapped[str | None] = mapped_column(String(100))
    #: ``device``, ``printer``, ``stock`` or ``store change``.
    cause: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime] = mapped_column(default=utcnow)


class Carrier(Base):
    """A configured carrier. Credentials are *not* here: only the environment variable's name
    or that the keyring holds it."""

    __tablename__ = "carrier"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    #: ``hfd``, ``run``, ``baldar``, ``karrio`` or ``manual``.
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(500), default="")
    client_number: Mapped[str] = mapped_column(String(100), default="")
    token_env: Mapped[str] = mapped_column(String(100), default="")
    token_keyring: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The Run/Baldar courier template ("cheetah", "focus", ...).
    courier: Mapped[str] = mapped_column(String(50), default="")
    #: The carrier behind the aggregator ("dhl_express", "ups", ...).
    karrio_carrier: Mapped[str] = mapped_column(String(50), default="")
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ShipmentStatus(enum.StrEnum):
    WAITING = "waiting"  # requested, not yet confirmed by the carrier
    CREATED = "created"
    HELD = "held"  # waits for a person: rejected, credentials, or an outcome we cannot check
    FAILED = "failed"
    CANCELLED = "cancelled"


class Manifest(Base):
    """The end-of-day list of a carrier's shipments handed over, numbered per carrier."""

    __tablename__ = "manifest"
    __table_args__ = (UniqueConstraint("carrier_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id"))
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    printed_at: Mapped[datetime | None]


class Shipment(Base):
    """A package's shipment with a carrier: written with the package, sent by the worker."""

    __tablename__ = "shipment"
    __table_args__ = (
        Index("ix_shipment_status_next", "status", "next_attempt_at"),
        Index("ix_shipment_carrier_manifest", "carrier_id", "manifest_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("package.id"), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id"))
    #: Ours, unique: the courier's reference field and the key of exactly-once creation.
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[ShipmentStatus] = mapped_column(
        _enum(ShipmentStatus), default=ShipmentStatus.WAITING
    )
    #: A carriers.base.TrackingStatus value, None until the first tracking event.
    tracking_status: Mapped[str | None] = mapped_column(String(20))
    tracking_number: Mapped[str | None] = mapped_column(String(100), index=True)
    tracking_url: Mapped[str | None] = mapped_column(String(500))
    carrier_ids: Mapped[dict[str, Any]] = mapped_column(default=dict)
    label_format: Mapped[str | None] = mapped_column(String(10))
    label: Mapped[bytes | None] = mapped_column(LargeBinary)
    cod_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pickup_point: Mapped[str | None] = mapped_column(String(100))
    service: Mapped[str] = mapped_column(String(50), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The last problem, in a sentence for the admin (None when it went well).
    last_error: Mapped[str | None] = mapped_column(Text)
    manifest_id: Mapped[int | None] = mapped_column(ForeignKey("manifest.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ShipmentEvent(Base):
    """A tracking event; the unique key makes polling the same events twice add nothing."""

    __tablename__ = "shipment_event"
    __table_args__ = (UniqueConstraint("shipment_id", "at", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    description: Mapped[str] = mapped_column(Text, default="")
    code: Mapped[str] = mapped_column(String(50), default="")


class StockMove(Base):
    """One change of the stock on hand at a location, with who made it and why: imports,
    picks, put-backs, returns, adjustments and counts. ``Stock.quantity`` is the sum of a
    product's moves at the location (moves made before this table existed excepted)."""

    __tablename__ = "stock_move"
    __table_args__ = (Index("ix_stock_move_product_at", "product_id", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"))
    #: Signed: +3 came in, -1 went out.
    quantity: Mapped[int] = mapped_column(Integer)
    on_hand_after: Mapped[int] = mapped_column(Integer)
    #: ``import``, ``pick``, ``put-back``, ``short``, ``return``, ``adjust``, ``count``.
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    person: Mapped[str] = mapped_column(String(150), default="")
    station: Mapped[str | None] = mapped_column(String(100))
    #: What caused it, as people read it: an order number, an RMA number, a count.
    reference: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class StockPush(Base):
    """The available quantity of one SKU as one store should show it, and what the store last
    accepted: the stock outbox, coalesced. A change raises ``wanted_version``; an answer for
    a version older than ``pushed_version`` changes nothing, so a figure older than one
    already pushed is never pushed."""

    __tablename__ = "stock_push"
    __table_args__ = (
        UniqueConstraint("store_id", "sku"),
        Index("ix_stock_push_store_next", "store_id", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    sku: Mapped[str] = mapped_column(String(100))
    wanted: Mapped[int] = mapped_column(Integer)
    wanted_version: Mapped[int] = mapped_column(BigInteger, default=1)
    pushed: Mapped[int | None] = mapped_column(Integer)
    pushed_version: Mapped[int] = mapped_column(BigInteger, default=0)
    #: The store's ids for this SKU (inventory item, product, variation, location), learned
    #: by the adapter and kept so that they are looked up once.
    remote: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The quantity the store last reported (Shopify's compare-and-swap needs it).
    remote_quantity: Mapped[int | None] = mapped_column(Integer)
    #: Idempotency key of the try in flight: reused when the same version is tried again.
    in_flight_key: Mapped[str | None] = mapped_column(String(100))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The store's refusal of this SKU, in a sentence (None when it went well).
    last_error: Mapped[str | None] = mapped_column(Text)
    #: Refused for good (no such SKU in the store, ...): not tried again until it changes.
    parked: Mapped[bool] = mapped_column(Boolean, default=False)
    pushed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReturnStatus(enum.StrEnum):
    OPEN = "open"  # expected: the parcel has not arrived
    RECEIVING = "receiving"  # the parcel is at the returns station, items being scanned
    COMPLETED = "completed"  # every unit graded as expected
    DISCREPANCY = "discrepancy"  # more, fewer or other items: a supervisor decides
    UNMATCHED = "unmatched"  # a parcel without an RMA: its items wait at the issues location
    CANCELLED = "cancelled"


class ReturnAuthorization(Base):
    """An RMA: one returned parcel of an order, from the store or opened at the station."""

    __tablename__ = "return_rma"
    __table_args__ = (
        UniqueConstraint("store_id", "external_id"),
        Index("ix_return_rma_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``RMA-000001``: printed, scanned, said on the phone.
    number: Mapped[str] = mapped_column(String(30), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("order.id"), index=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id"))
    #: The store's return id (Shopify ``gid://shopify/Return/…``), when the store has one.
    external_id: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[ReturnStatus] = mapped_column(_enum(ReturnStatus), default=ReturnStatus.OPEN)
    #: ``store`` (came in with the orders) or ``station`` (opened by a person).
    source: Mapped[str] = mapped_column(String(20), default="station")
    #: The collection from the customer, when a carrier picks the parcel up.
    collection_carrier: Mapped[str | None] = mapped_column(String(100))
    collection_tracking: Mapped[str | None] = mapped_column(String(100), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    #: What differs from what was expected, in sentences for the supervisor.
    discrepancy: Mapped[str | None] = mapped_column(Text)
    opened_by: Mapped[str] = mapped_column(String(150), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lines: Mapped[list[ReturnLine]] = relationship(
        back_populates="rma", cascade="all, delete-orphan", order_by="ReturnLine.id"
    )


class ReturnLine(Base):
    """A product expected back (or found in the parcel without being expected)."""

    __tablename__ = "return_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    rma_id: Mapped[int] = mapped_column(ForeignKey("return_rma.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"))
    #: The store's return line id (Shopify ``ReturnLineItem``), when known.
    external_id: Mapped[str | None] = mapped_column(String(100))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    sku: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(500), default="")
    expected: Mapped[int] = mapped_column(Integer, default=0)
    #: A reason code (returns.REASONS: Shopify's enum, extensible in the settings).
    reason: Mapped[str] = mapped_column(String(40), default="UNKNOWN")
    reason_note: Mapped[str] = mapped_column(Text, default="")

    rma: Mapped[ReturnAuthorization] = relationship(back_populates="lines")


class ReturnUnit(Base):
    """One unit graded at the returns station, and where it went."""

    __tablename__ = "return_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    rma_id: Mapped[int] = mapped_column(ForeignKey("return_rma.id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int | None] = mapped_column(ForeignKey("return_line.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    #: What was scanned (kept for an item we do not know).
    code: Mapped[str] = mapped_column(String(200), default="")
    #: ``sellable``, ``damaged`` or ``missing``.
    grade: Mapped[str] = mapped_column(String(20))
    #: ``restocked``, ``quarantined``, ``scrapped``, ``issues`` (no RMA yet) or ``missing``.
    disposition: Mapped[str] = mapped_column(String(20))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    person: Mapped[str] = mapped_column(String(150), default="")
    station: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)
