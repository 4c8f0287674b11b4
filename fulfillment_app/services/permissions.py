"""Roles, permissions and the signed-in actor, checked by every service call.

The UI hides what a role cannot do, but the check that counts is here: a packer's session that
calls a supervisor's service gets :class:`PermissionDenied`, whatever screen it came from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..db.models import Role
from ..errors import PermissionDenied


class Permission(enum.StrEnum):
    PICK = "pick"
    PACK = "pack"
    VIEW_REPORTS = "view reports"
    #: Every signed-in worker may see the team's figures and their own.
    VIEW_OWN_FIGURES = "view their own figures"
    VIEW_AUDIT = "view the audit log"
    OVERRIDE = "approve overrides"
    UNLOCK_USERS = "unlock users"
    PLAN_WORK = "plan waves and batches"
    IMPORT_CATALOGUE = "import products and locations"
    MANAGE_USERS = "manage users"
    MANAGE_STORES = "manage stores"
    CONFIGURE = "configure stations"
    #: Count a location's stock with the scanner (differences become audited adjustments).
    COUNT_STOCK = "count stock"
    #: Set or change stock by hand, with a reason.
    ADJUST_STOCK = "adjust stock"
    #: Open RMAs, receive returned parcels and grade their items.
    RECEIVE_RETURNS = "receive returns"


_FLOOR = {
    Permission.PICK,
    Permission.PACK,
    Permission.VIEW_OWN_FIGURES,
    Permission.COUNT_STOCK,
    Permission.RECEIVE_RETURNS,
}
_SUPERVISOR = _FLOOR | {
    Permission.ADJUST_STOCK,
    Permission.VIEW_REPORTS,
    Permission.VIEW_AUDIT,
    Permission.OVERRIDE,
    Permission.UNLOCK_USERS,
    Permission.PLAN_WORK,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PICKER: frozenset({Permission.PICK, Permission.VIEW_OWN_FIGURES, Permission.COUNT_STOCK}),
    Role.PACKER: frozenset(
        {Permission.PACK, Permission.VIEW_OWN_FIGURES, Permission.RECEIVE_RETURNS}
    ),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.ADMIN: frozenset(Permission),
}


@dataclass(frozen=True)
class Actor:
    """Who is calling a service: a signed-in user, or the station's operator on the command
    line (``user_id`` is then ``None``; whoever can run commands on the station owns it)."""

    name: str
    role: Role
    station: str
    user_id: int | None = None

    @classmethod
    def command_line(cls, station: str, os_user: str) -> Actor:
        return cls(name=f"command line ({os_user})", role=Role.ADMIN, station=station)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role.value})" if self.user_id is not None else self.name

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(
                f"{self.name} is signed in as {self.role.value} and may not "
                f"{permission.value}; ask a supervisor."
            )
