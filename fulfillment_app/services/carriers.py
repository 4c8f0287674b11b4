"""Configured carriers: adding and changing them, where their secrets live, building their
adapters, and choosing the carrier for an order by the shipping rules.

Secrets are never stored by us: the carrier row keeps the name of the environment variable
that holds the token (``token_env``) or that this station's keyring holds it
(``token_keyring``, entry ``carrier:NAME:token`` of service ``fulfillment-app``). A carrier
that needs more than one secret (an account's password beside its key) names each one's
variable in its options as ``KEY_env`` (``password_env = "DHL_PASSWORD"``), or keeps it in the
keyring as ``carrier:NAME:KEY``. Secrets are read when an adapter is built, never logged.

Facts the shipping rules read from an order (``choose_for_order``): the store's shipping
method name (``Order.service``), the destination country (``ship_to["country"]``), a pickup
point (``ship_to["pickup_point"]``), cash on delivery (``ship_to["cod_amount"]`` above zero or
``ship_to["payment"] == "cod"``), the package's weight, and the store's name. A carrier the
packer set on the order (``Order.carrier``) wins over the rules; so does the carrier of the
pickup point the customer chose (``ship_to["pickup_point"]["carrier"]``) when it is configured,
and an order the customer collects at the shop (``ship_to["local_pickup"]``) takes no carrier.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from ..carriers.base import CarrierAdapter, CarrierError, NotSupported, Shipment
from ..carriers.config import KINDS, CarrierConfig
from ..carriers.manual import ManualCarrier
from ..carriers.rates import PriceTable
from ..carriers.registry import build_adapter
from ..carriers.rules import Choice, OrderFacts, Rules, choose, parse_rules
from ..config import ShippingSettings
from ..db import Database
from ..db.models import Carrier, Order, Package, Store
from ..db.models import Shipment as ShipmentRow
from ..errors import AlreadyExists, ConfigError, InvalidInput, NotFound
from . import audit
from .permissions import Actor, Permission

log = logging.getLogger(__name__)

KEYRING_SERVICE = "fulfillment-app"

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
_OPTION_KEY = re.compile(r"[a-z][a-z0-9_]{0,49}")
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
#: Characters a carrier's name cannot hold: the rules and the price table separate with them.
_NAME_FORBIDDEN = (":", "->", ",")


@dataclass(frozen=True)
class CarrierRow:
    name: str
    kind: str
    url: str
    client_number: str
    courier: str
    karrio_carrier: str
    secrets: str  # where they are, e.g. "token in env HFD_TOKEN"
    options: dict[str, str]
    active: bool


def check_carrier_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not name or len(name) > 50:  # an order keeps the packer's choice in 50 characters
        raise InvalidInput("A carrier needs a name of 1 to 50 characters.")
    if any(unicodedata.category(c) in _INVISIBLE for c in name):
        raise InvalidInput(
            "A carrier's name cannot hold control or invisible characters; type it again."
        )
    if any(bad in name for bad in _NAME_FORBIDDEN):
        raise InvalidInput(
            "A carrier's name cannot hold ':', ',' or '->' (the shipping rules and prices "
            "use them); choose another name."
        )
    return name


def check_carrier_url(url: str) -> str:
    """A carrier's web service address: ``https://HOST[:PORT][/PATH]``, or ``http://`` to this
    machine (the emulators); no user name or password in it."""
    url = url.strip().rstrip("/")
    if not url:
        return ""
    wrong = InvalidInput(f"{url!r} is not a web address like https://api.courier.co.il.")
    if any(c.isspace() or unicodedata.category(c) in _INVISIBLE for c in url):
        raise InvalidInput("The carrier's address has spaces or invisible characters in it.")
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise wrong from None
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise wrong
    if "@" in parts.netloc:
        raise InvalidInput(
            "Give the carrier's address without a user name or password in it: secrets go "
            "in an environment variable or the keyring."
        )
    if parts.scheme.lower() == "http":
        host = parts.hostname
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise InvalidInput(
                "Carriers are reached over HTTPS only (plain HTTP is allowed to this machine, "
                "for the carrier emulators)."
            )
    return url


def _check_env_name(name: str) -> None:
    if not _ENV_NAME.fullmatch(name):
        # Not echoed: what was typed may be the secret itself, in the wrong field.
        raise InvalidInput(
            "Give the NAME of the environment variable that holds the secret (letters, digits "
            "and _, like HFD_TOKEN), not the secret itself."
        )


def _check_options(options: dict[str, str]) -> dict[str, str]:
    checked: dict[str, str] = {}
    for key, value in options.items():
        if not _OPTION_KEY.fullmatch(key):
            raise InvalidInput(
                f"The carrier option {key!r} is not a name (lower-case letters, digits and _)."
            )
        if not isinstance(value, str):
            raise InvalidInput(f"The carrier option {key} must be text.")
        if key.endswith("_env") and value:
            _check_env_name(value)
        checked[key] = value
    return checked


def _requirements(config: CarrierConfig) -> None:
    """What each kind needs before it can ship, as one sentence."""
    kind = config.kind
    if kind not in KINDS:
        raise InvalidInput(f"Unknown carrier kind {kind!r}: use {', '.join(KINDS)}.")
    if kind == "manual":
        if config.needs_secret:
            raise InvalidInput("A manual carrier has no web service and needs no token.")
        template = config.options.get("tracking_url", "")
        if template and "{number}" not in template:
            raise InvalidInput(
                "The tracking address of a manual carrier needs {number} where the tracking "
                "number goes, like https://mypost.israelpost.co.il/itemtrace?itemcode={number}."
            )
        return
    if kind == "karrio" and not config.karrio_carrier:
        raise InvalidInput(
            "A Karrio carrier needs the carrier behind it (--carrier dhl_express or ups)."
        )
    if kind == "run" and not config.courier:
        raise InvalidInput(
            "A Run carrier needs its courier's template (--courier cheetah or focus)."
        )
    if kind in ("hfd", "baldar") and not config.client_number:
        raise InvalidInput(f"A {kind} carrier needs the client number the courier gave you.")
    if kind == "baldar" and not config.url:
        raise InvalidInput("A Baldar carrier needs its courier's address (--url).")
    if kind in ("hfd", "run") and not config.needs_secret:
        raise InvalidInput(f"A {kind} carrier needs its token: --token-env VAR or --token-keyring.")


def _config(row: Carrier) -> CarrierConfig:
    return CarrierConfig(
        name=row.name,
        kind=row.kind,
        url=row.url,
        client_number=row.client_number,
        token_env=row.token_env,
        token_keyring=row.token_keyring,
        courier=row.courier,
        karrio_carrier=row.karrio_carrier,
        options={str(k): str(v) for k, v in (row.options or {}).items()},
    )


def _where(config: CarrierConfig) -> str:
    places = []
    if config.token_env:
        places.append(f"token in env {config.token_env}")
    elif config.token_keyring:
        places.append("token in keyring")
    for key, value in sorted(config.options.items()):
        if key.endswith("_env") and value:
            places.append(f"{key[:-4]} in env {value}")
    return ", ".join(places) or "none"


def _keyring_entry(carrier: str, key: str) -> str:
    return f"carrier:{carrier}:{key}"


def save_in_keyring(carrier: str, key: str, value: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_entry(carrier, key), value)
    except KeyringError as exc:
        raise ConfigError(
            f"This station has no usable keyring ({exc}); name an environment variable that "
            "holds the token instead (--token-env)."
        ) from None


def secret_reader(
    config: CarrierConfig, environ: Callable[[str], str | None] = os.environ.get
) -> Callable[[str], str]:
    """``secret(key)`` for the adapter: ``token`` from ``token_env`` or the keyring; any other
    key from the variable named by option ``KEY_env`` or the keyring entry
    ``carrier:NAME:KEY``. A missing one is a sentence for the admin, never the value."""

    def secret(key: str) -> str:
        variable = config.token_env if key == "token" else config.options.get(f"{key}_env", "")
        if variable:
            value = environ(variable) or ""
            if not value:
                raise ConfigError(
                    f"The environment variable {variable} with the {key} of carrier "
                    f"{config.name} is not set on this station."
                )
            return value
        if key != "token" or config.token_keyring:
            import keyring
            from keyring.errors import KeyringError

            try:
                kept = keyring.get_password(KEYRING_SERVICE, _keyring_entry(config.name, key))
            except KeyringError as exc:
                if key != "token":
                    raise ConfigError(
                        f"Carrier {config.name} has no {key}: name the variable that holds it "
                        f"(option {key}_env, or 'carriers add ... --secret-env {key}=VAR')."
                    ) from None
                raise ConfigError(
                    f"The keyring of this station cannot be read ({exc}); the {key} of carrier "
                    f"{config.name} is kept there."
                ) from None
            if kept:
                return kept
            raise ConfigError(
                f"This station has no {key} for carrier {config.name}: set it with "
                f"'fulfillment carriers update {config.name}'."
            )
        raise ConfigError(f"Carrier {config.name} has no {key} configured.")

    return secret


def order_facts(order: Order, package: Package | None, store: str = "") -> OrderFacts:
    """What the shipping rules look at, read from an order (see the module's notes)."""
    ship_to = order.ship_to or {}
    cod = str(ship_to.get("payment") or "").casefold() == "cod"
    raw_cod = ship_to.get("cod_amount")
    if raw_cod not in (None, ""):
        try:
            cod = cod or Decimal(str(raw_cod)) > 0
        except InvalidOperation:
            pass
    weight = package.weight_g if package is not None else None
    if weight is None and package is not None:
        weight = package.expected_weight_g
    return OrderFacts(
        method=order.service or "",
        pickup=bool(ship_to.get("pickup_point")),
        cod=cod,
        weight_g=weight,
        country=str(ship_to.get("country") or "IL").upper(),
        store=store,
    )


def _expiry(adapter: CarrierAdapter) -> str:
    """ " Its token expires on DATE." where the adapter knows (a JWT's exp), else ""."""
    expires = getattr(adapter, "expires_at", None)
    if not isinstance(expires, datetime):
        return ""
    return f" Its token expires on {expires.astimezone(UTC):%Y-%m-%d %H:%M} UTC."


class CarrierService:
    def __init__(
        self,
        db: Database,
        settings: ShippingSettings,
        *,
        builder: Callable[[CarrierConfig, Callable[[str], str]], CarrierAdapter] = build_adapter,
    ):
        self._db = db
        self.settings = settings
        self._build = builder
        self._rules: Rules | None = None
        self._prices: PriceTable | None = None

    # --- configuration -------------------------------------------------------------------

    def add(
        self, actor: Actor, config: CarrierConfig, *, keyring_values: dict[str, str] | None = None
    ) -> CarrierConfig:
        """Add a carrier. ``keyring_values`` are secrets to keep in this station's keyring,
        written only once everything else is checked (the name is free)."""
        actor.require(Permission.MANAGE_STORES)
        keyring_values = {k: v for k, v in (keyring_values or {}).items() if v}
        if "token" in keyring_values:
            config = replace(config, token_keyring=True)
        if config.token_env:
            _check_env_name(config.token_env)
        config = replace(
            config,
            name=check_carrier_name(config.name),
            kind=config.kind.strip().lower(),
            url=check_carrier_url(config.url),
            client_number=config.client_number.strip(),
            courier=config.courier.strip().lower(),
            karrio_carrier=config.karrio_carrier.strip().lower(),
            options=_check_options(dict(config.options)),
        )
        _requirements(config)
        with self._db.session() as session:
            if session.scalar(select(Carrier.id).where(Carrier.name == config.name)) is not None:
                raise AlreadyExists(
                    f"There is a carrier called {config.name} already; nothing was changed. "
                    "Choose another name."
                )
            for key, value in keyring_values.items():
                save_in_keyring(config.name, key, value)
            session.add(
                Carrier(
                    name=config.name,
                    kind=config.kind,
                    url=config.url,
                    client_number=config.client_number,
                    token_env=config.token_env,
                    token_keyring=config.token_keyring,
                    courier=config.courier,
                    karrio_carrier=config.karrio_carrier,
                    options=dict(config.options),
                )
            )
            audit.record(
                session,
                actor,
                "carrier.add",
                target_type="carrier",
                target_id=config.name,
                after=self._shown(config),
            )
        log.info("carrier %s (%s) added", config.name, config.kind)
        return config

    def update(
        self,
        actor: Actor,
        name: str,
        *,
        url: str | None = None,
        client_number: str | None = None,
        token_env: str | None = None,
        token: str | None = None,
        options: dict[str, str] | None = None,
        active: bool | None = None,
    ) -> CarrierConfig:
        """Change a carrier: its address, client number, where its token is (``token_env``,
        or a new ``token`` kept in the keyring), options (merged; "" removes one) or whether
        it is in use. Audited with before and after (never a secret)."""
        actor.require(Permission.MANAGE_STORES)
        with self._db.session() as session:
            row = self._row(session, name)
            before = _config(row)
            after = before
            if url is not None:
                after = replace(after, url=check_carrier_url(url))
            if client_number is not None:
                after = replace(after, client_number=client_number.strip())
            if token_env is not None:
                _check_env_name(token_env)
                after = replace(after, token_env=token_env, token_keyring=False)
            if token:
                after = replace(after, token_env="", token_keyring=True)
            if options is not None:
                merged = {**after.options, **options}
                after = replace(
                    after, options=_check_options({k: v for k, v in merged.items() if v != ""})
                )
            _requirements(after)
            if token:
                save_in_keyring(after.name, "token", token)
            row.url = after.url
            row.client_number = after.client_number
            row.token_env = after.token_env
            row.token_keyring = after.token_keyring
            row.options = dict(after.options)
            was_active = row.active
            if active is not None:
                row.active = active
            if after == before and not token and row.active == was_active:
                return after
            audit.record(
                session,
                actor,
                "carrier.update",
                target_type="carrier",
                target_id=name,
                before=self._shown(before) | {"active": was_active},
                after=self._shown(after) | {"active": row.active, "token_replaced": bool(token)},
            )
        return after

    @staticmethod
    def _shown(config: CarrierConfig) -> dict[str, Any]:
        """A config for the audit log: where secrets are, never what they are."""
        return {
            "kind": config.kind,
            "url": config.url,
            "client_number": config.client_number,
            "courier": config.courier,
            "karrio_carrier": config.karrio_carrier,
            "secrets": _where(config),
            "options": dict(config.options),
        }

    def list(self) -> list[CarrierRow]:
        with self._db.session() as session:
            rows = list(session.scalars(select(Carrier).order_by(Carrier.name)))
            configs = [(_config(r), r.active) for r in rows]
        return [
            CarrierRow(
                name=c.name,
                kind=c.kind,
                url=c.url,
                client_number=c.client_number,
                courier=c.courier,
                karrio_carrier=c.karrio_carrier,
                secrets=_where(c),
                options=dict(c.options),
                active=active,
            )
            for c, active in configs
        ]

    def config(self, name: str) -> CarrierConfig:
        with self._db.session() as session:
            return _config(self._row(session, name))

    @staticmethod
    def _row(session: Any, name: str) -> Carrier:
        row = session.scalar(select(Carrier).where(Carrier.name == name))
        if row is None:
            raise NotFound(f"There is no carrier called {name}; see 'fulfillment carriers list'.")
        return row

    # --- adapters --------------------------------------------------------------------------

    def adapter_for(self, name: str) -> CarrierAdapter:
        """The carrier's adapter, with its secrets resolved; close it when done."""
        config = self.config(name)
        adapter = self._build(config, secret_reader(config))
        if isinstance(adapter, ManualCarrier):
            adapter.recorded = self.recorded_shipment
        return adapter

    def recorded_shipment(self, reference: str) -> Shipment | None:
        """What we recorded for a reference (the manual carrier's look-up: it has no other)."""
        with self._db.session() as session:
            row = session.scalar(select(ShipmentRow).where(ShipmentRow.reference == reference))
            if row is None or not row.tracking_number:
                return None
            return Shipment(
                tracking_number=row.tracking_number,
                reference=row.reference,
                carrier_ids={str(k): str(v) for k, v in (row.carrier_ids or {}).items()},
                tracking_url=row.tracking_url or "",
            )

    def test(self, name: str) -> str:
        """A sentence: does the carrier answer with our credentials? Asks for something
        harmless (pickup points near the sender), never creates a shipment."""
        from ..carriers.base import Address

        config = self.config(name)
        if config.kind == "manual":
            return f"{name} is a manual carrier: there is nothing to test."
        try:
            adapter = self._build(config, secret_reader(config))
        except (CarrierError, ConfigError) as exc:
            return f"{name} does not work yet: {exc}"
        try:
            own_test = getattr(adapter, "test", None)
            if callable(own_test):
                return str(own_test())
            near = Address(name="", street="", city=config.options.get("test_city", "תל אביב"))
            try:
                points = adapter.pickup_points(near)
            except NotSupported:
                if not adapter.can_look_up:
                    return f"{name} has nothing harmless to ask; ship a test package to check it."
                adapter.find("CONNECTION-TEST")
                return f"{name} answers with our credentials.{_expiry(adapter)}"
            return (
                f"{name} answers with our credentials "
                f"({len(points)} pickup points near {near.city}).{_expiry(adapter)}"
            )
        except (CarrierError, ConfigError) as exc:
            return f"{name} does not work yet: {exc}"
        finally:
            adapter.close()

    # --- rules and prices -------------------------------------------------------------------

    def rules(self) -> Rules:
        """The shipping rules from the settings (ConfigError with a sentence if malformed)."""
        if self._rules is None:
            self._rules = parse_rules(
                self.settings.rules, self.settings.default_carrier, self.settings.default_service
            )
        return self._rules

    def prices(self) -> PriceTable:
        if self._prices is None:
            self._prices = PriceTable.parse(self.settings.prices)
        return self._prices

    def apply_settings(self, settings: ShippingSettings) -> None:
        self.settings = settings
        self._rules = None
        self._prices = None

    def choose(self, facts: OrderFacts) -> Choice:
        return choose(self.rules(), facts)

    def choose_for_order(self, order: Order, package: Package | None = None) -> Choice:
        """The carrier for an order's package: the packer's choice on the order, else the
        first matching rule, else the default; the carrier must be configured and active."""
        with self._db.session() as session:
            store = ""
            if order.store_id is not None:
                store = session.scalar(select(Store.name).where(Store.id == order.store_id)) or ""
            active = {n: a for n, a in session.execute(select(Carrier.name, Carrier.active)).all()}
        point = (order.ship_to or {}).get("pickup_point")
        point_carrier = str(point.get("carrier") or "") if isinstance(point, dict) else ""
        if order.carrier and order.carrier in active:
            choice = Choice(
                order.carrier, "", f"{order.carrier}: chosen for this order by the packer."
            )
        elif (order.ship_to or {}).get("local_pickup"):
            choice = Choice("", "", "No carrier: the customer collects the order at the shop.")
        elif point_carrier and active.get(point_carrier, False):
            choice = Choice(
                point_carrier,
                "",
                f"{point_carrier}: the customer chose one of its pickup points.",
            )
        else:
            choice = self.choose(order_facts(order, package, store))
        if choice.carrier and not active.get(choice.carrier, False):
            why = "is not in use" if choice.carrier in active else "is not configured"
            raise ConfigError(
                f"The shipping rules choose carrier {choice.carrier}, which {why}: add it with "
                "'fulfillment carriers add' or change the rules under [shipping]."
            )
        return choice
