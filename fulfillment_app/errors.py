"""Domain errors: each carries a sentence a person on the floor can act on.

The user interface and the command line show ``str(error)`` as it is and never a traceback.
Messages never contain secrets (PINs, tokens).
"""

from __future__ import annotations


class FulfillmentError(Exception):
    """Base of every error the application expects and explains to its user."""


class ConfigError(FulfillmentError):
    """The settings file or an environment variable holds a value we cannot use."""


class DatabaseUnavailable(FulfillmentError):
    """The database cannot be reached or opened."""


class DatabaseMissing(DatabaseUnavailable):
    """A SQLite file named in the settings is not there (and the command does not create one)."""


class DatabaseReadOnly(DatabaseUnavailable):
    """The database cannot be written (a read-only file or folder): reading still works."""


class DatabaseBusy(DatabaseUnavailable):
    """Another station or process held the database longer than the busy timeout (SQLite):
    nothing was changed, and the same step can be tried again."""


class NotFound(FulfillmentError):
    """A named record (user, store, order, ...) does not exist."""


class InvalidInput(FulfillmentError):
    """A value typed, scanned or passed on the command line is not acceptable."""


class AlreadyExists(FulfillmentError):
    """A record with that name or code exists already."""


class AuthenticationFailed(FulfillmentError):
    """Unknown badge, unknown user or wrong PIN. Deliberately does not say which."""


class UserLocked(FulfillmentError):
    """Too many wrong PINs: the user cannot sign in until the lock expires or is lifted."""


class PermissionDenied(FulfillmentError):
    """The signed-in user's role does not allow the action."""


class ImportFileError(FulfillmentError):
    """An import file cannot be read at all (missing, not UTF-8, no header, missing columns)."""


class SecretKeyError(ConfigError):
    """This station's secret key is missing, damaged, or not the one the database was set up
    with: PINs and badges cannot be checked until the right key is in place."""


class BadgeSignInPaused(FulfillmentError):
    """Too many unknown badges were scanned at this station: badge sign-in waits a while."""
