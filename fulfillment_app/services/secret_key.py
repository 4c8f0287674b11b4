"""The installation's secret key: the pepper of every PIN hash and the key of every badge
digest, kept outside the database so that a copy of the database alone gives neither away.

Where a station finds it, first match wins:

1. the environment variable ``FULFILLMENT_SECRET_KEY`` (e.g. set by a service manager);
2. the file ``secret.key`` in the station's data directory, made (readable by its owner only)
   the first time a station starts on a database that has no key yet.

All stations of one PostgreSQL database must hold the same key. The database keeps a keyed
check value of it (not the key), so a station with another key is told so at start instead of
refusing every PIN.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import stat
from collections.abc import Mapping
from hashlib import sha256
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from ..db import Database
from ..db.models import SharedSetting
from ..errors import SecretKeyError

log = logging.getLogger(__name__)

KEY_ENV = "FULFILLMENT_SECRET_KEY"
KEY_FILE_NAME = "secret.key"
CHECK_SETTING = "secret_key_check"
_KEY_BYTES = 32


def key_check(key: bytes) -> str:
    """The value stored in the database to recognise ``key``; it does not reveal the key."""
    return hmac.new(key, b"fulfillment-secret-key-check", sha256).hexdigest()


def parse_key(text: str, source: str) -> bytes:
    """The key written as 64 hexadecimal characters (what :func:`new_key_text` makes)."""
    text = text.strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != _KEY_BYTES:
        raise SecretKeyError(
            f"The secret key in {source} is damaged (it must be 64 hexadecimal characters); "
            "restore it from your backup or copy it from another station."
        )
    return key


def new_key_text() -> str:
    return secrets.token_hex(_KEY_BYTES)


class SecretKey:
    """Finds, makes and checks the key. :meth:`open` runs once, at the station's start."""

    def __init__(self, data_dir: Path, environ: Mapping[str, str] | None = None):
        self.path = data_dir / KEY_FILE_NAME
        self._environ = os.environ if environ is None else environ

    def open(self, db: Database) -> bytes:
        """The key, checked against the database (and recorded there on first start).

        Raises :class:`SecretKeyError` with what to do when the key is missing, damaged or
        not this database's.
        """
        for attempt in range(2):
            key, source = self._read()
            try:
                with db.session() as session:
                    row = session.get(SharedSetting, CHECK_SETTING, with_for_update=True)
                    if row is None:
                        if key is None:
                            key, source = self._create(), str(self.path)
                        session.add(SharedSetting(name=CHECK_SETTING, value=key_check(key)))
                        log.info("secret key recorded in the database (from %s)", source)
                        return key
                    if key is None:
                        raise SecretKeyError(
                            f"This station has no secret key, but the database was set up with "
                            f"one: copy {KEY_FILE_NAME} from another station of this database "
                            f"(or from your backup) to {self.path}, or set {KEY_ENV}."
                        )
                    if not hmac.compare_digest(row.value, key_check(key)):
                        raise SecretKeyError(
                            f"This station's secret key ({source}) does not match the database; "
                            f"copy {KEY_FILE_NAME} from a station that works with this database "
                            f"(or from your backup) to {self.path}."
                        )
                    return key
            except IntegrityError:
                # Another station recorded its key at the same moment: check against that one.
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def load(self) -> bytes:
        """The key from the environment or the file, without the database's check: for a
        process that uses the services without starting the station (its station checked
        the key at its own start). Never makes a key."""
        key, _source = self._read()
        if key is None:
            raise SecretKeyError(
                f"This station has no secret key: copy {KEY_FILE_NAME} from another station of "
                f"this database (or from your backup) to {self.path}, or set {KEY_ENV}."
            )
        return key

    def _read(self) -> tuple[bytes | None, str]:
        if self._environ.get(KEY_ENV):
            return parse_key(self._environ[KEY_ENV], KEY_ENV), KEY_ENV
        try:
            text = self.path.read_text(encoding="ascii")
        except FileNotFoundError:
            return None, str(self.path)
        except (OSError, UnicodeDecodeError) as exc:
            raise SecretKeyError(
                f"The secret key file {self.path} cannot be read ({exc.__class__.__name__}); "
                "check its owner and permissions."
            ) from None
        self._warn_if_shared()
        return parse_key(text, str(self.path)), str(self.path)

    def _create(self) -> bytes:
        text = new_key_text()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            # Made by another process of this station a moment ago: use that one.
            return parse_key(self.path.read_text(encoding="ascii"), str(self.path))
        except OSError as exc:
            raise SecretKeyError(
                f"The secret key file {self.path} cannot be created ({exc.strerror}); "
                "check that the data directory is writable."
            ) from None
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(text + "\n")
        # Info, not a warning: a first start is normal, and the command line prints warnings.
        log.info(
            "a new secret key was made in %s: back it up, and copy it to every station of "
            "this database",
            self.path,
        )
        return bytes.fromhex(text)

    def _warn_if_shared(self) -> None:
        if os.name != "posix":
            return
        mode = self.path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning(
                "the secret key file %s can be read by other users of this computer; "
                "make it readable by its owner only (chmod 600)",
                self.path,
            )
