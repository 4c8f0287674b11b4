"""PIN hashes and badge digests, keyed with the installation's secret key.

A badge digest is HMAC-SHA256(key, code): looked up on every scan, so it must be fast and
deterministic, and without the key a copied database does not let anyone test badge codes.
A PIN is hashed with Argon2id (argon2-cffi's defaults: 64 MiB, 3 passes) over HMAC-SHA256(key,
PIN), a pepper: without the key, the 10,000 four-digit PINs cannot be tried offline against a
copied hash; with the key, they can, one slow Argon2 computation each.

Stored values of this scheme start with ``k1:``. Values without a prefix are the earlier,
unkeyed ones (Argon2id of the PIN itself; SHA-256 of the badge code): they are still accepted
and are replaced by keyed ones at the user's next good sign-in.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..config import SecuritySettings
from ..errors import InvalidInput

log = logging.getLogger(__name__)

SCHEME = "k1:"
BADGE_PATTERN = re.compile(r"^[\x21-\x7e]{4,100}$")

_hasher = PasswordHasher()


class Credentials:
    """Hashes and checks PINs and badge codes with the key: set at the station's start, or
    opened by ``opener`` at first use (a process that skips the start, e.g. a worker)."""

    def __init__(self, key: bytes | None = None, opener: Callable[[], bytes] | None = None):
        self._key = key
        self._opener = opener
        self._lock = threading.Lock()
        self._dummy: str | None = None

    def set_key(self, key: bytes) -> None:
        self._key = key
        self._dummy = None

    def _mac(self, purpose: bytes, value: str) -> str:
        key = self._key
        if key is None:
            with self._lock:
                if self._key is None:
                    if self._opener is None:
                        raise RuntimeError("no secret key: AppContext.start opens it")
                    self._key = self._opener()
                key = self._key
        return hmac.new(key, purpose + value.encode("utf-8"), hashlib.sha256).hexdigest()

    # -- badges ------------------------------------------------------------------------------

    def badge_digest(self, code: str) -> str:
        return SCHEME + self._mac(b"badge:", code.strip())

    @staticmethod
    def legacy_badge_digest(code: str) -> str:
        return hashlib.sha256(b"fulfillment-badge:" + code.strip().encode("utf-8")).hexdigest()

    def badge_candidates(self, code: str) -> tuple[str, str]:
        """The digests a stored badge may have: keyed, and the earlier unkeyed one."""
        return self.badge_digest(code), self.legacy_badge_digest(code)

    # -- PINs --------------------------------------------------------------------------------

    def hash_pin(self, pin: str) -> str:
        return SCHEME + _hasher.hash(self._mac(b"pin:", pin))

    def verify_pin(self, stored: str, pin: str) -> bool:
        if stored.startswith(SCHEME):
            return _verify(stored[len(SCHEME) :], self._mac(b"pin:", pin))
        return _verify(stored, pin)

    def pin_needs_upgrade(self, stored: str) -> bool:
        """True for an unkeyed hash or one made with weaker parameters than today's."""
        if not stored.startswith(SCHEME):
            return True
        return _hasher.check_needs_rehash(stored[len(SCHEME) :])

    def prepare_dummy(self) -> None:
        """Make the decoy hash on the first PIN check, whoever it is for, so the first answer
        takes no longer for an unknown name than for a known one. Not at import: an Argon2
        hash takes a tenth of a second, and most commands never need it."""
        if self._dummy is None:
            self._dummy = self.hash_pin("not-a-pin")

    def verify_dummy(self, pin: str) -> None:
        """Costs what checking a real PIN costs, so that response times do not tell whether a
        name exists."""
        self.prepare_dummy()
        assert self._dummy is not None
        self.verify_pin(self._dummy, pin)


def _verify(pin_hash: str, secret: str) -> bool:
    try:
        return _hasher.verify(pin_hash, secret)
    except VerifyMismatchError:
        return False
    except (VerificationError, InvalidHashError):
        log.error("a stored PIN hash cannot be verified (corrupt or unknown format)")
        return False


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
