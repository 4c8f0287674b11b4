"""Managing users: add, list, unlock, change PIN or badge, deactivate."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..config import SecuritySettings
from ..db import Database
from ..db.guards import is_unique_violation
from ..db.models import Role, SharedSetting, User
from ..errors import AlreadyExists, InvalidInput, NotFound, PermissionDenied
from . import audit
from .credentials import Credentials, validate_badge, validate_pin
from .permissions import Actor, Permission
from .secret_key import CHECK_SETTING


@dataclass(frozen=True)
class UserInfo:
    """A user as shown in lists: never the PIN hash or the badge digest."""

    id: int
    name: str
    role: Role
    active: bool
    has_badge: bool
    locked_until: datetime | None
    last_login_at: datetime | None


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"Unknown role {value!r}: use one of {', '.join(r.value for r in Role)}."
        ) from None


def validate_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("A user name must be 1 to 100 characters.")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InvalidInput("A user name cannot contain control characters.")
    return name


def new_user(
    session: Session,
    name: str,
    role: Role,
    pin: str,
    badge: str | None,
    security: SecuritySettings,
    credentials: Credentials,
) -> User:
    """Validate and add a user to ``session`` (the caller audits and commits)."""
    name = validate_name(name)
    validate_pin(pin, security)
    if session.scalar(select(User.id).where(func.lower(User.name) == name.lower())):
        raise AlreadyExists(f"There is already a user called {name}.")
    digest = None
    if badge:
        code = validate_badge(badge)
        digest = credentials.badge_digest(code)
        if session.scalar(
            select(User.id).where(User.badge_digest.in_(credentials.badge_candidates(code)))
        ):
            raise AlreadyExists("That badge belongs to another user already.")
    user = User(name=name, role=role, pin_hash=credentials.hash_pin(pin), badge_digest=digest)
    session.add(user)
    session.flush()
    return user


def _info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        name=user.name,
        role=user.role,
        active=user.active,
        has_badge=user.badge_digest is not None,
        locked_until=user.locked_until,
        last_login_at=user.last_login_at,
    )


class UserService:
    def __init__(
        self, db: Database, security: SecuritySettings, credentials: Credentials, station: str
    ):
        self._db = db
        self._security = security
        self._credentials = credentials
        self._station = station

    def add(
        self, actor: Actor, name: str, role: Role, pin: str, badge: str | None = None
    ) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        try:
            with self._db.session() as session:
                return _info(self._create(session, actor, name, role, pin, badge))
        except IntegrityError as exc:
            # The same user added from two places at once: PostgreSQL lets both pass the
            # check above and refuses the second insert; answer as SQLite (which takes them
            # in turn) does, by looking again.
            if not is_unique_violation(exc):
                raise
            name = validate_name(name)
            with self._db.session() as session:
                taken = session.scalar(select(User.id).where(func.lower(User.name) == name.lower()))
            if taken:
                raise AlreadyExists(f"There is already a user called {name}.") from None
            raise AlreadyExists("That badge belongs to another user already.") from None

    def add_first_admin(self, name: str, pin: str) -> Actor:
        """On a fresh database, whoever sets the station up becomes its first admin, signed
        in as that admin (audited as their own act)."""
        with self._db.session() as session:
            # The key's check row exists once the station has started: locking it makes two
            # stations setting up one PostgreSQL database at once take turns here.
            session.get(SharedSetting, CHECK_SETTING, with_for_update=True)
            if session.scalar(select(func.count()).select_from(User)):
                raise PermissionDenied("This database already has users; ask an admin to add you.")
            user = self._create(session, None, name, Role.ADMIN, pin, None, reason="first start")
            return Actor(name=user.name, role=user.role, station=self._station, user_id=user.id)

    def _create(
        self,
        session: Session,
        actor: Actor | None,
        name: str,
        role: Role,
        pin: str,
        badge: str | None,
        *,
        reason: str | None = None,
    ) -> User:
        """The one way a user comes to be: validated, hashed, audited (by ``actor``, or by the
        new user when nobody else exists yet)."""
        user = new_user(session, name, role, pin, badge, self._security, self._credentials)
        if actor is None:
            actor = Actor(name=user.name, role=user.role, station=self._station, user_id=user.id)
        audit.record(
            session,
            actor,
            "user.created",
            target_type="user",
            target_id=user.name,
            after={"name": user.name, "role": role.value, "badge": badge is not None},
            reason=reason,
        )
        return user

    def list(self, actor: Actor, *, include_inactive: bool = False) -> list[UserInfo]:
        if not actor.can(Permission.MANAGE_USERS):
            actor.require(Permission.UNLOCK_USERS)
        query = select(User).order_by(func.lower(User.name))
        if not include_inactive:
            query = query.where(User.active.is_(True))
        with self._db.session() as session:
            return [_info(u) for u in session.scalars(query)]

    def unlock(self, actor: Actor, name: str) -> UserInfo:
        actor.require(Permission.UNLOCK_USERS)
        with self._db.session() as session:
            user = self._get(session, name)
            before = {"locked_until": user.locked_until.isoformat() if user.locked_until else None}
            user.locked_until = None
            user.failed_attempts = 0
            audit.record(
                session,
                actor,
                "user.unlocked",
                target_type="user",
                target_id=user.name,
                before=before,
                after={"locked_until": None},
            )
            return _info(user)

    def set_pin(self, actor: Actor, name: str, pin: str) -> None:
        self._require_self_or(actor, name, Permission.MANAGE_USERS)
        validate_pin(pin, self._security)
        with self._db.session() as session:
            user = self._get(session, name)
            user.pin_hash = self._credentials.hash_pin(pin)
            user.failed_attempts = 0
            audit.record(
                session, actor, "user.pin_changed", target_type="user", target_id=user.name
            )

    def set_badge(self, actor: Actor, name: str, badge: str | None) -> None:
        actor.require(Permission.MANAGE_USERS)
        code = validate_badge(badge) if badge else None
        digest = self._credentials.badge_digest(code) if code else None
        with self._db.session() as session:
            user = self._get(session, name)
            if code and session.scalar(
                select(User.id).where(
                    User.badge_digest.in_(self._credentials.badge_candidates(code)),
                    User.id != user.id,
                )
            ):
                raise AlreadyExists("That badge belongs to another user already.")
            before = {"badge": user.badge_digest is not None}
            user.badge_digest = digest
            audit.record(
                session,
                actor,
                "user.badge_changed",
                target_type="user",
                target_id=user.name,
                before=before,
                after={"badge": digest is not None},
            )

    def set_role(self, actor: Actor, name: str, role: Role) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        with self._db.session() as session:
            user = self._get(session, name)
            before = {"role": user.role.value}
            user.role = role
            audit.record(
                session,
                actor,
                "user.role_changed",
                target_type="user",
                target_id=user.name,
                before=before,
                after={"role": role.value},
            )
            return _info(user)

    def set_active(self, actor: Actor, name: str, active: bool) -> UserInfo:
        actor.require(Permission.MANAGE_USERS)
        with self._db.session() as session:
            user = self._get(session, name)
            before = {"active": user.active}
            user.active = active
            audit.record(
                session,
                actor,
                "user.activated" if active else "user.deactivated",
                target_type="user",
                target_id=user.name,
                before=before,
                after={"active": active},
            )
            return _info(user)

    @staticmethod
    def _require_self_or(actor: Actor, name: str, permission: Permission) -> None:
        if actor.user_id is not None and actor.name.lower() == name.strip().lower():
            return
        actor.require(permission)

    @staticmethod
    def _get(session: Session, name: str) -> User:
        user = session.scalars(
            select(User).where(func.lower(User.name) == name.strip().lower()).with_for_update()
        ).one_or_none()
        if user is None:
            raise NotFound(f"There is no user called {name.strip()}.")
        return user
