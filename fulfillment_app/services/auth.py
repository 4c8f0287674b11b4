"""Signing in (badge scan, badge + PIN, or name + PIN), lock-out after wrong PINs, the pause
after unknown badges, supervisor overrides.

Neither a PIN nor a badge code is ever logged, audited in clear or put in an error message;
a name typed at sign-in that matches no user is not recorded either (it may be a PIN typed
into the wrong field).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..config import SecuritySettings
from ..db import Database
from ..db.models import Role, User, utcnow
from ..errors import AuthenticationFailed, InvalidInput, PermissionDenied, UserLocked
from . import audit, badge_limit
from .credentials import Credentials
from .permissions import Actor, Permission
from .users import UserService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PinNeeded:
    """The badge is good, but its holder's role signs in with badge *and* PIN: ask for the PIN
    and call again with the same badge and the PIN. Nothing was counted or recorded yet."""

    name: str
    role: Role


@dataclass(frozen=True)
class _Outcome:
    """What a sign-in attempt decided, raised or returned after its transaction commits."""

    actor: Actor | None = None
    error: Exception | None = None
    pin_needed: PinNeeded | None = None


class AuthService:
    """Checks credentials. Every attempt, good or bad, is audited."""

    def __init__(
        self,
        db: Database,
        security: SecuritySettings,
        station: str,
        credentials: Credentials,
        users: UserService,
        clock: Callable[[], datetime] = utcnow,
    ):
        self._db = db
        self._security = security
        self._station = station
        self._credentials = credentials
        self._users = users
        self._clock = clock

    def badge_needs_pin(self, role: Role) -> bool:
        return role.value in self._security.badge_needs_pin

    # -- sign in -----------------------------------------------------------------------------

    def login_with_pin(self, name: str, pin: str) -> Actor:
        name = name.strip()
        with self._db.session() as session:
            user = self._find_by_name(session, name)
            outcome = self._check_pin(session, user, pin, action="auth.login")
        actor = self._finish(outcome)
        assert isinstance(actor, Actor)  # a PIN is all a name sign-in can need
        return actor

    def login_with_badge(self, code: str, pin: str | None = None) -> Actor | PinNeeded:
        """Sign in with a badge; for the roles in ``[security] badge_needs_pin`` the answer to
        a badge alone is :class:`PinNeeded`, and the sign-in completes with the PIN."""
        with self._db.session() as session:
            outcome = self._check_badge(session, code, pin, action="auth.login")
        return self._finish(outcome)

    def authorize_override(
        self,
        *,
        action: str,
        reason: str,
        badge: str | None = None,
        name: str | None = None,
        pin: str | None = None,
        permission: Permission = Permission.OVERRIDE,
        require_pin: bool = True,
    ) -> Actor | PinNeeded:
        """A supervisor approves ``action`` on the spot with their badge and PIN, or name +
        PIN. A badge alone is never enough while ``require_pin`` (the default): the answer is
        :class:`PinNeeded` (call again with the PIN), and the attempt is audited
        (``override.badge_alone``).
        ``require_pin=False`` lets a badge alone approve where the role signs in by badge
        alone (``[security] badge_needs_pin``).

        Returns the approving supervisor (or :class:`PinNeeded`); the approval (or the refusal)
        is audited with the reason. Wrong PINs here count towards the supervisor's lock-out
        like any other.
        """
        if not reason.strip():
            raise InvalidInput("Give a reason for the override.")
        with self._db.session() as session:
            if badge is not None:
                outcome = self._check_badge(
                    session, badge, pin, action="auth.override", force_pin=require_pin
                )
                if outcome.pin_needed is not None:
                    audit.record(
                        session,
                        None,
                        "override.badge_alone",
                        target_type="action",
                        target_id=action,
                        after={"supervisor": outcome.pin_needed.name},
                        reason=f"badge without PIN ({reason})",
                        station=self._station,
                    )
            else:
                user = self._find_by_name(session, (name or "").strip())
                outcome = self._check_pin(session, user, pin or "", action="auth.override")
            if outcome.actor is not None and not outcome.actor.can(permission):
                audit.record(
                    session,
                    outcome.actor,
                    "override.refused",
                    target_type="action",
                    target_id=action,
                    reason=reason,
                )
                outcome = _Outcome(
                    error=PermissionDenied(
                        f"{outcome.actor.name} is {outcome.actor.role.value} and cannot "
                        f"{permission.value}; a supervisor must approve this."
                    )
                )
            elif outcome.actor is not None:
                audit.record(
                    session,
                    outcome.actor,
                    "override.approved",
                    target_type="action",
                    target_id=action,
                    reason=reason,
                )
        return self._finish(outcome)

    # -- first start -------------------------------------------------------------------------

    def has_users(self) -> bool:
        with self._db.session() as session:
            return session.scalar(select(func.count()).select_from(User)) != 0

    def sign_out(self, actor: Actor) -> None:
        """Record that ``actor`` signed out (the end of their signed-in time in the figures)."""
        with self._db.write() as session:
            audit.record(session, actor, "auth.logout", target_type="user", target_id=actor.name)

    def create_first_admin(self, name: str, pin: str) -> Actor:
        """On a fresh database, whoever sets the station up becomes its first admin."""
        return self._users.add_first_admin(name, pin)

    # -- internals ---------------------------------------------------------------------------

    def _find_by_name(self, session: Session, name: str) -> User | None:
        return session.scalars(
            select(User).where(func.lower(User.name) == name.lower()).with_for_update()
        ).one_or_none()

    def _actor(self, user: User) -> Actor:
        return Actor(name=user.name, role=user.role, station=self._station, user_id=user.id)

    def _check_pin(self, session: Session, user: User | None, pin: str, *, action: str) -> _Outcome:
        now = self._clock()
        # Made on the first check whoever it is for, so the first answer takes no longer for
        # an unknown name than for a known one.
        self._credentials.prepare_dummy()
        if user is None or not user.active:
            self._credentials.verify_dummy(pin)
            self._refused(session, action, user, "inactive user", "unknown name")
            return _Outcome(error=AuthenticationFailed("Unknown name or wrong PIN."))
        if locked := self._locked(user, now):
            return _Outcome(error=locked)
        if not self._credentials.verify_pin(user.pin_hash, pin):
            return _Outcome(error=self._wrong_pin(session, user, now, action))
        self._upgrade_pin(user, pin)
        return self._succeed(session, user, now, action, "PIN")

    def _refused(
        self, session: Session, action: str, user: User | None, inactive: str, unknown: str
    ) -> None:
        """Audit a sign-in refused before any PIN was compared. Only a real user's name is
        recorded: what was typed into the name field may be a PIN."""
        audit.record(
            session,
            None,
            f"{action}.failed",
            target_type="user" if user else None,
            target_id=user.name if user else None,
            reason=inactive if user else unknown,
            station=self._station,
        )

    def _check_badge(
        self, session: Session, code: str, pin: str | None, *, action: str, force_pin: bool = False
    ) -> _Outcome:
        now = self._clock()
        station = badge_limit.station_row(session, self._station)
        if paused := badge_limit.paused(station, now):
            audit.record(
                session,
                None,
                f"{action}.failed",
                reason="badge sign-in paused at this station",
                station=self._station,
            )
            return _Outcome(error=paused)
        current, legacy = self._credentials.badge_candidates(code)
        user = session.scalars(
            select(User).where(User.badge_digest.in_((current, legacy))).with_for_update()
        ).one_or_none()
        if user is None or not user.active:
            self._refused(session, action, user, "badge of an inactive user", "unknown badge")
            if pause := badge_limit.count_failure(session, station, now, self._security):
                return _Outcome(error=pause)
            return _Outcome(
                error=AuthenticationFailed(
                    "This badge is not registered. Sign in with your name and PIN, "
                    "or ask a supervisor to register the badge."
                )
            )
        if locked := self._locked(user, now):
            return _Outcome(error=locked)
        method = "badge"
        if force_pin or self.badge_needs_pin(user.role):
            if pin is None:
                return _Outcome(pin_needed=PinNeeded(name=user.name, role=user.role))
            if not self._credentials.verify_pin(user.pin_hash, pin):
                return _Outcome(error=self._wrong_pin(session, user, now, action))
            self._upgrade_pin(user, pin)
            method = "badge and PIN"
        if user.badge_digest != current:
            user.badge_digest = current  # the earlier unkeyed digest, replaced now
        return self._succeed(session, user, now, action, method)

    def _upgrade_pin(self, user: User, pin: str) -> None:
        if self._credentials.pin_needs_upgrade(user.pin_hash):
            user.pin_hash = self._credentials.hash_pin(pin)

    def _locked(self, user: User, now: datetime) -> UserLocked | None:
        if user.locked_until is None or user.locked_until <= now:
            return None
        minutes = max(1, round((user.locked_until - now).total_seconds() / 60))
        return UserLocked(
            f"{user.name} is locked after too many wrong PINs. Try again in {minutes} "
            f"minute{'s' if minutes != 1 else ''}, or ask a supervisor to unlock."
        )

    def _wrong_pin(self, session: Session, user: User, now: datetime, action: str) -> Exception:
        user.failed_attempts += 1
        audit.record(
            session,
            None,
            f"{action}.failed",
            target_type="user",
            target_id=user.name,
            reason=f"wrong PIN ({user.failed_attempts} in a row)",
            station=self._station,
        )
        if user.failed_attempts < self._security.max_pin_attempts:
            return AuthenticationFailed("Unknown name or wrong PIN.")
        user.locked_until = now + timedelta(minutes=self._security.lockout_minutes)
        user.failed_attempts = 0
        audit.record(
            session,
            None,
            "user.locked",
            target_type="user",
            target_id=user.name,
            after={"locked_until": user.locked_until.isoformat()},
            reason=f"{self._security.max_pin_attempts} wrong PINs in a row",
            station=self._station,
        )
        log.warning("user %s locked after repeated wrong PINs at %s", user.name, self._station)
        return UserLocked(
            f"Wrong PIN. {user.name} is now locked for {self._security.lockout_minutes} "
            "minutes; a supervisor can unlock sooner."
        )

    def _succeed(
        self, session: Session, user: User, now: datetime, action: str, method: str
    ) -> _Outcome:
        user.failed_attempts = 0
        user.locked_until = None
        if action == "auth.login":
            user.last_login_at = now
        actor = self._actor(user)
        audit.record(
            session, actor, action, target_type="user", target_id=user.name, reason=f"by {method}"
        )
        return _Outcome(actor=actor)

    @staticmethod
    def _finish(outcome: _Outcome) -> Actor | PinNeeded:
        if outcome.error is not None:
            raise outcome.error
        if outcome.pin_needed is not None:
            return outcome.pin_needed
        assert outcome.actor is not None
        return outcome.actor
