"""Connected stores: adding them, where their secrets live, and connecting an adapter.

Secrets are never stored by us: the store row keeps *where* each one is, either the name of
an environment variable or an entry in the operating system's keyring (service
``fulfillment-app``). They are read when a sync starts and are never logged or shown.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from ..config import SyncSettings
from ..db import Database
from ..db.models import OutboxEntry, OutboxStatus, QuarantinedOrder, Store
from ..errors import AlreadyExists, ConfigError, InvalidInput, NotFound
from ..sync.engine import Adapter
from ..sync.http import HttpClient, RetryPolicy
from ..sync.records import SyncError
from ..sync.shopify import ShopifyAdapter
from ..sync.woocommerce import WooCommerceAdapter
from . import audit
from .permissions import Actor, Permission

log = logging.getLogger(__name__)

KEYRING_SERVICE = "fulfillment-app"
#: The secrets each platform needs.
SECRETS = {"shopify": ("token",), "woocommerce": ("key", "secret")}


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


def check_url(url: str, platform: str) -> str:
    """The store's base URL, normalised; HTTPS, or HTTP to this machine (the emulators)."""
    url = url.strip().rstrip("/")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidInput(f"{url!r} is not a web address like https://shop.example.com.")
    if parts.scheme == "http":
        host = parts.hostname
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise InvalidInput(
                "Stores are reached over HTTPS only (plain HTTP is allowed to "
                "this machine, for the store emulators)."
            )
    if parts.query or parts.fragment:
        raise InvalidInput("Give the store's address without '?' or '#' parts.")
    return url


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
            f"This station has no usable keyring ({exc}). Use an environment variable "
            f"(--token-env / --key-env and --secret-env) instead."
        ) from None
    return {"keyring": entry}


class StoreService:
    def __init__(self, db: Database, settings: SyncSettings):
        self._db = db
        self.settings = settings

    def add(
        self, actor: Actor, platform: str, name: str, url: str, secrets: dict[str, dict[str, str]]
    ) -> None:
        """Connect a store. ``secrets`` says where each secret is: ``{"env": VAR}`` or
        ``{"keyring": ENTRY}``, never the secret itself."""
        actor.require(Permission.MANAGE_STORES)
        if platform not in SECRETS:
            raise InvalidInput(f"Unknown platform {platform!r}: use {' or '.join(SECRETS)}.")
        name = name.strip()
        if not name or len(name) > 100:
            raise InvalidInput("A store needs a name of 1 to 100 characters.")
        missing = [k for k in SECRETS[platform] if not secrets.get(k)]
        if missing:
            raise InvalidInput(f"A {platform} store needs its {' and '.join(missing)}.")
        for ref in secrets.values():
            if set(ref) - {"env", "keyring"} or len(ref) != 1:
                raise InvalidInput(
                    "Secrets are referenced by environment variable or keyring entry only."
                )
        url = check_url(url, platform)
        with self._db.session() as session:
            if session.scalar(select(Store.id).where(Store.name == name)) is not None:
                raise AlreadyExists(f"There is a store called {name} already.")
            session.add(
                Store(name=name, platform=platform, base_url=url, credential_ref=dict(secrets))
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
                },
            )

    def set_url(self, name: str, url: str) -> None:
        """Point a store at a new address (the demo's emulator changes port every start)."""
        with self._db.session() as session:
            store = self._get(session, name)
            store.base_url = check_url(url, store.platform)

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
            quarantined = dict(
                session.execute(
                    select(QuarantinedOrder.store_id, func.count())
                    .where(QuarantinedOrder.resolved_at.is_(None))
                    .group_by(QuarantinedOrder.store_id)
                ).all()
            )
        return [
            StoreRow(
                name=s.name,
                platform=s.platform,
                url=s.base_url,
                secrets=", ".join(
                    f"{k} in {next(iter(v))} {next(iter(v.values()))}"
                    for k, v in s.credential_ref.items()
                ),
                last_synced_at=s.last_synced_at,
                last_error=s.last_error,
                waiting=counts.get((s.id, OutboxStatus.PENDING), 0),
                parked=counts.get((s.id, OutboxStatus.PARKED), 0),
                quarantined=quarantined.get(s.id, 0),
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
        options: dict[str, Any] = {
            "store": store.name,
            "timeout_s": s.timeout_s,
            "connect_timeout_s": s.connect_timeout_s,
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
            return ShopifyAdapter(client, initial_days=s.initial_days)
        if store.platform == "woocommerce":
            signer = WooCommerceAdapter.signer(store.base_url, values["key"], values["secret"])
            client = HttpClient(
                store.base_url,
                headers={"Content-Type": "application/json"},
                signer=signer,
                **options,
            )
            return WooCommerceAdapter(client, initial_days=s.initial_days)
        raise SyncError(
            f"Store {store.name} is on {store.platform!r}, which this version cannot sync."
        )

    def test(self, name: str) -> str:
        adapter = self.connect(self.get(name))
        try:
            return adapter.test()
        finally:
            adapter.close()
