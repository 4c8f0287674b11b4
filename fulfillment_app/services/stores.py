"""Connected stores: adding them, where their secrets live, and connecting an adapter.

Secrets are never stored by us: the store row keeps *where* each one is, either the name of
an environment variable or an entry in the operating system's keyring (service
``fulfillment-app``). They are read when a sync starts and are never logged or shown.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from ..config import SyncSettings
from ..db import Database
from ..db.models import Order, OutboxEntry, OutboxStatus, QuarantinedOrder, StockPush, Store
from ..errors import AlreadyExists, ConfigError, InvalidInput, NotFound
from ..sync.bigcommerce import BigCommerceAdapter, StoreMemory
from ..sync.engine import Adapter, ProgressCallback, RunStop, SyncEngine, SyncReport
from ..sync.http import HttpClient, RetryPolicy
from ..sync.magento import MagentoAdapter
from ..sync.pickup import PickupKeys
from ..sync.records import SyncError
from ..sync.shopify import CostLimiter, ShopifyAdapter
from ..sync.woocommerce import WooCommerceAdapter
from . import audit
from .permissions import Actor, Permission

log = logging.getLogger(__name__)

KEYRING_SERVICE = "fulfillment-app"
#: The secrets each platform needs.
SECRETS = {
    "shopify": ("token",),
    "woocommerce": ("key", "secret"),
    # An Integration's four OAuth 1.0a values (they do not expire).
    "magento": ("consumer_key", "consumer_secret", "token", "token_secret"),
    "bigcommerce": ("token",),
}


@dataclass(frozen=True)
class StoreRow:
    name: str
    platform: str
    url: str
    secrets: str  # where they are, e.g. "env SHOP_TOKEN"
    last_synced_at: datetime | None
    last_error: str | None
    waiting: int
    parked: int
    quarantined: int
    active: bool = True
    orders: int = 0  # imported from this store, all told
    #: SKUs whose stock figure waits to be sent, and those the store refused for good.
    stock_waiting: int = 0
    stock_refused: int = 0


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*\.?$")
_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:%/-]*$")
#: Unicode categories never wanted in a name or an address: controls, format characters
#: (the bidi overrides U+202A–U+202E and isolates U+2066–U+2069, zero-width ones),
#: surrogates, private use, unassigned, line and paragraph separators.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _not_an_address(url: str) -> InvalidInput:
    return InvalidInput(f"{url!r} is not a web address like https://shop.example.com.")


def check_url(url: str, platform: str) -> str:
    """The store's base URL, normalised: ``https://HOST[:PORT][/PATH]`` (or ``http://`` to
    this machine, for the emulators), with no user name or password in it: the store's
    secrets are kept apart, and an address is shown in lists and logs."""
    url = url.strip().rstrip("/")
    if any(c.isspace() or unicodedata.category(c) in _INVISIBLE for c in url):
        raise InvalidInput("The store's address has spaces or invisible characters in it.")
    if "@" in url.split("://", 1)[-1].split("/", 1)[0]:
        raise InvalidInput(
            "Give the store's address without a user name or password in it: secrets go "
            "in an environment variable or the keyring."
        )
    if "://" not in url:
        scheme = _SCHEME.match(url)
        # "localhost:8080" is a host and a port; "javascript:…", "mailto:…" are not stores.
        if scheme and not url[scheme.end() : scheme.end() + 1].isdigit():
            raise _not_an_address(url)
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 address
        raise _not_an_address(url) from None
    if parts.scheme.lower() not in ("https", "http"):
        raise _not_an_address(url)
    if "@" in parts.netloc:
        raise _not_an_address(url)
    if "?" in url or "#" in url:
        raise InvalidInput("Give the store's address without '?' or '#' parts.")
    try:
        port = parts.port
    except ValueError:
        raise _not_an_address(url) from None
    host = parts.hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _HOST.match(host) or host.replace(".", "").isdigit():
            raise _not_an_address(url) from None
    if port == 0 or not _PATH.match(parts.path):
        raise _not_an_address(url)
    url = f"{parts.scheme.lower()}://{parts.netloc}{parts.path}"
    if parts.scheme.lower() == "http":
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise InvalidInput(
                "Stores are reached over HTTPS only (plain HTTP is allowed to "
                "this machine, for the store emulators)."
            )
    return url


_STORE_HASH = re.compile(r"[A-Za-z0-9]{1,64}")


def check_bigcommerce_options(options: dict[str, Any]) -> dict[str, Any]:
    """A BigCommerce store's hash (the ``{hash}`` of ``/stores/{hash}/v3``) and inventory
    location id (1, the default location, unless given)."""
    store_hash = str(options.get("store_hash") or "").strip()
    if not _STORE_HASH.fullmatch(store_hash):
        raise InvalidInput(
            "Give the BigCommerce store hash: the letters and digits after /stores/ in the "
            "store's API path (e.g. abc123)."
        )
    location = options.get("location_id", 1)
    if not isinstance(location, int) or isinstance(location, bool) or location < 1:
        raise InvalidInput("The BigCommerce location id is a whole number, 1 or more.")
    return {**options, "store_hash": store_hash, "location_id": location}


def check_store_name(name: str) -> str:
    """A store's name: 1 to 100 characters, none of them invisible or reordering text (a
    right-to-left override would make one name look like another in every list)."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name or len(name) > 100:
        raise InvalidInput("A store needs a name of 1 to 100 characters.")
    if any(unicodedata.category(c) in _INVISIBLE for c in name):
        raise InvalidInput(
            "A store's name cannot hold control or invisible characters (such as text "
            "direction marks); type it again."
        )
    return name


def shown_url(url: str) -> str:
    """An address as lists show it: any user name and password left out (stores added
    before addresses were checked may still hold one)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def _read_secret(store: str, kind: str, ref: dict[str, Any]) -> str:
    if "env" in ref:
        value = os.environ.get(ref["env"], "")
        if not value:
            raise SyncError(
                f"The environment variable {ref['env']} with the {kind} of store "
                f"{store} is not set on this station."
            )
        return value
    if "keyring" in ref:
        import keyring
        from keyring.errors import KeyringError

        try:
            value = keyring.get_password(KEYRING_SERVICE, ref["keyring"]) or ""
        except KeyringError as exc:
            raise SyncError(
                f"The keyring of this station cannot be read ({exc}); the {kind} "
                f"of store {store} is kept there."
            ) from None
        if not value:
            raise SyncError(
                f"The keyring of this station has no {kind} for store {store}; "
                f"add it again with 'fulfillment stores add'."
            )
        return value
    raise SyncError(f"Store {store} has no {kind} configured.")


def save_in_keyring(store: str, kind: str, value: str) -> dict[str, str]:
    import keyring
    from keyring.errors import KeyringError

    entry = f"{store}:{kind}"
    try:
        keyring.set_password(KEYRING_SERVICE, entry, value)
    except KeyringError as exc:
        raise ConfigError(
            f"This station has no usable keyring ({exc}); name an environment variable that "
            "holds the secret instead (on the command line: --token-env, or --key-env and "
            "--secret-env)."
        ) from None
    return {"keyring": entry}


class StoreService:
    def __init__(self, db: Database, settings: SyncSettings):
        self._db = db
        self.settings = settings
        # Shopify's cost bucket is the store's, not one run's: what the last run learnt of
        # it (and what each query costs) paces the next run's first query.
        self._limiters: dict[int, CostLimiter] = {}
        self._limiters_lock = threading.Lock()
        # BigCommerce's rate quota is shared by every app on the store: what is left of it
        # (and the orders' lines already fetched) outlives one run.
        self._bigcommerce: dict[int, StoreMemory] = {}

    def add(
        self,
        actor: Actor,
        platform: str,
        name: str,
        url: str,
        secrets: dict[str, dict[str, str]],
        *,
        keyring_values: dict[str, str] | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        """Connect a store. ``secrets`` says where each secret is: ``{"env": VAR}`` or
        ``{"keyring": ENTRY}``, never the secret itself. ``keyring_values`` are secrets to
        keep in this station's keyring: written only once everything else is checked (the
        name is free), so a mistaken add never overwrites a live store's secret."""
        actor.require(Permission.MANAGE_STORES)
        if platform not in SECRETS:
            raise InvalidInput(f"Unknown platform {platform!r}: use {' or '.join(SECRETS)}.")
        name = check_store_name(name)
        given = set(secrets) | {k for k, v in (keyring_values or {}).items() if v}
        missing = [k for k in SECRETS[platform] if k not in given]
        if missing:
            raise InvalidInput(f"A {platform} store needs its {' and '.join(missing)}.")
        for ref in secrets.values():
            if set(ref) - {"env", "keyring"} or len(ref) != 1 or not next(iter(ref.values())):
                raise InvalidInput(
                    "Secrets are referenced by environment variable or keyring entry only."
                )
            if "env" in ref and not _ENV_NAME.fullmatch(ref["env"]):
                # Not echoed: what was typed may be the secret itself, in the wrong field.
                raise InvalidInput(
                    "Give the NAME of the environment variable that holds the secret (letters, "
                    "digits and _, like SHOP_TOKEN), not the secret itself."
                )
        url = check_url(url, platform)
        if platform == "bigcommerce":
            options = check_bigcommerce_options(options or {})
        with self._db.session() as session:
            if session.scalar(select(Store.id).where(Store.name == name)) is not None:
                raise AlreadyExists(
                    f"There is a store called {name} already; nothing was changed. "
                    "Choose another name."
                )
            secrets = dict(secrets)
            for kind, value in (keyring_values or {}).items():
                secrets[kind] = save_in_keyring(name, kind, value)
            session.add(
                Store(
                    name=name,
                    platform=platform,
                    base_url=url,
                    credential_ref=dict(secrets),
                    options=dict(options or {}),
                )
            )
            audit.record(
                session,
                actor,
                "store.add",
                target_type="store",
                target_id=name,
                after={
                    "platform": platform,
                    "url": url,
                    "secrets": {k: next(iter(v)) for k, v in secrets.items()},
                    "options": dict(options or {}),
                },
            )

    def set_url(self, actor: Actor, name: str, url: str) -> None:
        """Point a store at a new address (the demo's emulator changes port every start):
        where the store's secrets are sent, so it takes the right to manage stores and is
        audited."""
        actor.require(Permission.MANAGE_STORES)
        with self._db.session() as session:
            store = self._get(session, name)
            before = store.base_url
            store.base_url = check_url(url, store.platform)
            if store.base_url == before:
                return
            audit.record(
                session,
                actor,
                "store.set_url",
                target_type="store",
                target_id=name,
                before={"url": shown_url(before)},
                after={"url": store.base_url},
            )
            store_id = store.id
        with self._limiters_lock:
            self._limiters.pop(store_id, None)  # another shop, another bucket
            self._bigcommerce.pop(store_id, None)

    def list(self) -> list[StoreRow]:
        with self._db.session() as session:
            stores = list(session.scalars(select(Store).order_by(Store.name)))
            counts = {
                (store_id, status): count
                for store_id, status, count in session.execute(
                    select(OutboxEntry.store_id, OutboxEntry.status, func.count()).group_by(
                        OutboxEntry.store_id, OutboxEntry.status
                    )
                )
            }
            orders = dict(
                session.execute(select(Order.store_id, func.count()).group_by(Order.store_id)).all()
            )
            quarantined = dict(
                session.execute(
                    select(QuarantinedOrder.store_id, func.count())
                    .where(QuarantinedOrder.resolved_at.is_(None))
                    .group_by(QuarantinedOrder.store_id)
                ).all()
            )
            stock = {
                (store_id, parked): count
                for store_id, parked, count in session.execute(
                    select(StockPush.store_id, StockPush.parked, func.count())
                    .where(StockPush.wanted_version > StockPush.pushed_version)
                    .group_by(StockPush.store_id, StockPush.parked)
                )
            }
        return [
            StoreRow(
                name=s.name,
                platform=s.platform,
                url=shown_url(s.base_url),
                secrets=", ".join(
                    f"{k} in {next(iter(v))} {next(iter(v.values()))}"
                    for k, v in s.credential_ref.items()
                ),
                last_synced_at=s.last_synced_at,
                last_error=s.last_error,
                waiting=counts.get((s.id, OutboxStatus.PENDING), 0),
                parked=counts.get((s.id, OutboxStatus.PARKED), 0),
                quarantined=quarantined.get(s.id, 0),
                active=s.active,
                orders=orders.get(s.id, 0),
                stock_waiting=stock.get((s.id, False), 0),
                stock_refused=stock.get((s.id, True), 0),
            )
            for s in stores
        ]

    @staticmethod
    def _get(session: Any, name: str) -> Store:
        store = session.scalar(select(Store).where(Store.name == name))
        if store is None:
            raise NotFound(f"There is no store called {name!r} (see 'fulfillment stores list').")
        return store

    def get(self, name: str) -> Store:
        with self._db.session() as session:
            return self._get(session, name)

    def connect(self, store: Store, stop: threading.Event | None = None) -> Adapter:
        """An adapter for ``store`` with its secrets read now (raises :class:`SyncError`
        saying which secret is missing)."""
        refs = store.credential_ref or {}
        values = {
            kind: _read_secret(store.name, kind, refs.get(kind, {}))
            for kind in SECRETS.get(store.platform, ())
        }
        s = self.settings
        pickup_keys = PickupKeys.of(s.pickup_id_keys, s.pickup_name_keys, s.pickup_carrier_keys)
        options: dict[str, Any] = {
            "store": store.name,
            "timeout_s": s.timeout_s,
            "connect_timeout_s": s.connect_timeout_s,
            "request_deadline_s": s.request_deadline_s,
            "retry": RetryPolicy(attempts=s.attempts, base_s=s.backoff_s),
            "stop": stop,
        }
        if store.platform == "shopify":
            client = HttpClient(
                store.base_url,
                headers={
                    "X-Shopify-Access-Token": values["token"],
                    "Content-Type": "application/json",
                },
                **options,
            )
            with self._limiters_lock:
                limiter = self._limiters.setdefault(store.id, CostLimiter())
            location = (store.options or {}).get("location_id")
            return ShopifyAdapter(
                client,
                initial_days=s.initial_days,
                limiter=limiter,
                pickup_keys=pickup_keys,
                location_id=str(location) if location else None,
            )
        if store.platform == "woocommerce":
            signer = WooCommerceAdapter.signer(store.base_url, values["key"], values["secret"])
            client = HttpClient(
                store.base_url,
                headers={"Content-Type": "application/json"},
                signer=signer,
                **options,
            )
            return WooCommerceAdapter(client, initial_days=s.initial_days, pickup_keys=pickup_keys)
        if store.platform == "magento":
            platform_options = store.options or {}
            client = HttpClient(
                store.base_url,
                headers={"Content-Type": "application/json"},
                signer=MagentoAdapter.signer(
                    values["consumer_key"],
                    values["consumer_secret"],
                    values["token"],
                    values["token_secret"],
                ),
                **options,
            )
            return MagentoAdapter(
                client,
                store_code=str(platform_options.get("store_code") or "default"),
                source_code=str(platform_options.get("source_code") or "default"),
                batch_limit=platform_options.get("batch_limit"),
                initial_days=s.initial_days,
            )
        if store.platform == "bigcommerce":
            return self._connect_bigcommerce(store, values["token"], options)
        raise SyncError(
            f"Store {store.name} is on {store.platform!r}, which this version cannot sync."
        )

    def _connect_bigcommerce(
        self, store: Store, token: str, options: dict[str, Any]
    ) -> BigCommerceAdapter:
        """The API lives at ``{base}/stores/{store hash}``; the store hash and the inventory
        location are the store's options."""
        given = store.options or {}
        store_hash = str(given.get("store_hash") or "")
        if not _STORE_HASH.fullmatch(store_hash):
            raise SyncError(
                f"Store {store.name} has no BigCommerce store hash; add it again with "
                "'fulfillment stores add bigcommerce --store-hash …'."
            )
        client = HttpClient(
            f"{store.base_url}/stores/{store_hash}",
            headers={
                "X-Auth-Token": token,
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
            **options,
        )
        with self._limiters_lock:
            memory = self._bigcommerce.setdefault(store.id, StoreMemory())
        return BigCommerceAdapter(
            client,
            initial_days=self.settings.initial_days,
            location_id=int(given.get("location_id") or 1),
            memory=memory,
        )

    def set_active(self, actor: Actor, name: str, active: bool) -> None:
        """Stop syncing a store (its orders and history stay) or start again; audited."""
        actor.require(Permission.MANAGE_STORES)
        with self._db.session() as session:
            store = self._get(session, name)
            if store.active == active:
                return
            store.active = active
            audit.record(
                session,
                actor,
                "store.enable" if active else "store.disable",
                target_type="store",
                target_id=name,
                before={"active": not active},
                after={"active": active},
            )

    def check(self, actor: Actor, name: str) -> str:
        """Test the connection of a store as an admin sets it up: one sentence saying what
        the store answered (raises :class:`SyncError` with the reason when it fails)."""
        actor.require(Permission.MANAGE_STORES)
        return self.test(name)

    def sync_now(
        self,
        actor: Actor,
        engine: SyncEngine,
        name: str,
        progress: ProgressCallback | None = None,
        cancel: RunStop | None = None,
    ) -> SyncReport:
        """Sync one store at once (the settings screen's Sync now): slow, so off the GUI
        thread; ``cancel`` stops it at its next safe point."""
        actor.require(Permission.MANAGE_STORES)
        (report,) = engine.sync(name, progress, cancel=cancel)
        return report

    def test(self, name: str) -> str:
        adapter = self.connect(self.get(name))
        try:
            return adapter.test()
        finally:
            adapter.close()
