"""A carrier's configuration as plain values (the services read and write it in the database).

Credentials are never here: only the name of the environment variable (``token_env``) or a
flag that the keyring holds it (``token_keyring``); the services resolve the secret.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("hfd", "run", "baldar", "karrio", "manual")


@dataclass(frozen=True)
class CarrierConfig:
    name: str
    kind: str
    url: str = ""
    client_number: str = ""
    token_env: str = ""
    token_keyring: bool = False
    #: The Run/Baldar courier template ("cheetah", "focus", ...).
    courier: str = ""
    #: The carrier behind the aggregator ("dhl_express", "ups", ...).
    karrio_carrier: str = ""
    #: Kind-specific settings as strings (e.g. ``tracking_url`` for the manual carrier).
    options: dict[str, str] = field(default_factory=dict)

    @property
    def needs_secret(self) -> bool:
        return bool(self.token_env or self.token_keyring)
