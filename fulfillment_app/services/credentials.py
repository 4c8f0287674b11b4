"""PIN hashing and badge digests.

PINs are hashed with Argon2id (argon2-cffi's defaults: 64 MiB, 3 passes), so a copy of the
database does not give the PINs away. Badge codes are stored as SHA-256 digests: a badge is
looked up on every scan, and its code is printed on a card anyone on the floor can see anyway.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..config import SecuritySettings
from ..errors import InvalidInput

log = logging.getLogger(__name__)

_hasher = PasswordHasher()


@functools.cache
def dummy_hash() -> str:
    """Verified against when the name is unknown, so that a wrong name costs the same time as
    a wrong PIN and response times do not reveal who exists. Made on first use, not at
    import: an Argon2 hash takes a tenth of a second, and most commands never need it."""
    return _hasher.hash("not-a-pin")


BADGE_PATTERN = re.compile(r"^[\x21-\x7e]{4,100}$")


def hash_pin(pin: str) -> str:
    return _hasher.hash(pin)


def badge_digest(code: str) -> str:
    return hashlib.sha256(b"fulfillment-badge:" + code.strip().encode("utf-8")).hexdigest()


def validate_pin(pin: str, security: SecuritySettings) -> None:
    """Raise :class:`InvalidInput` if ``pin`` breaks the PIN rules (the PIN is not quoted)."""
    lo, hi = security.min_pin_length, security.max_pin_length
    if not (pin.isascii() and pin.isdigit() and lo <= len(pin) <= hi):
        raise InvalidInput(f"A PIN must be {lo} to {hi} digits.")


def validate_badge(code: str) -> str:
    code = code.strip()
    if not BADGE_PATTERN.match(code):
        raise InvalidInput("A badge code must be 4 to 100 printable characters without spaces.")
    return code


def pin_needs_rehash(pin_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(pin_hash)


def verify_pin(pin_hash: str, pin: str) -> bool:
    try:
        return _hasher.verify(pin_hash, pin)
    except VerifyMismatchError:
        return False
    except (VerificationError, InvalidHashError):
        log.error("a stored PIN hash cannot be verified (corrupt or unknown format)")
        return False
