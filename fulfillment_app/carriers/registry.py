"""Builds the adapter for a carrier configuration (one line per kind)."""

from __future__ import annotations

from collections.abc import Callable

from fulfillment_app.carriers.base import CarrierAdapter, NotSupported
from fulfillment_app.carriers.config import CarrierConfig

#: ``secret(key)`` returns the credential named ``key`` (the services resolve env or keyring).
Secret = Callable[[str], str]


def _manual(config: CarrierConfig, secret: Secret) -> CarrierAdapter:
    from fulfillment_app.carriers.manual import ManualCarrier

    return ManualCarrier(config)


def _hfd(config: CarrierConfig, secret: Secret) -> CarrierAdapter:
    from fulfillment_app.carriers.hfd import build

    return build(config, secret)


BUILDERS: dict[str, Callable[[CarrierConfig, Secret], CarrierAdapter]] = {
    "manual": _manual,
    "hfd": _hfd,
}


def build_adapter(config: CarrierConfig, secret: Secret) -> CarrierAdapter:
    builder = BUILDERS.get(config.kind)
    if builder is None:
        known = ", ".join(sorted(BUILDERS))
        raise NotSupported(
            f"Carrier {config.name!r} is of kind {config.kind!r}, which this version cannot "
            f"use; known kinds: {known}."
        )
    return builder(config, secret)
