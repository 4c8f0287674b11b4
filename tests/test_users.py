"""Managing users: names, badges, roles, and the audit trail of each change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Role
from fulfillment_app.errors import AlreadyExists, InvalidInput, NotFound
from fulfillment_app.services.users import parse_role


def test_add_and_list(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    context.users.add(admin, "Yossi", Role.SUPERVISOR, "1234", "BADGE-1")
    context.users.add(admin, "avi", Role.PICKER, "5678")
    users = context.users.list(admin)
    assert [(u.name, u.role, u.has_badge) for u in users] == [
        ("avi", Role.PICKER, False),
        ("Yossi", Role.SUPERVISOR, True),
    ]


def test_names_and_badges_are_unique(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    context.users.add(admin, "Noa", Role.PACKER, "1234", "BADGE-1")
    with pytest.raises(AlreadyExists, match="already a user called NOA"):
        context.users.add(admin, "NOA", Role.PACKER, "1234")
    with pytest.raises(AlreadyExists, match="badge belongs to another user"):
        context.users.add(admin, "Dana", Role.PACKER, "1234", "BADGE-1")
    context.users.add(admin, "Dana", Role.PACKER, "1234")
    with pytest.raises(AlreadyExists, match="badge belongs to another user"):
        context.users.set_badge(admin, "Dana", "BADGE-1")


@pytest.mark.parametrize(
    ("name", "badge", "message"),
    [
        ("", None, "1 to 100 characters"),
        ("x" * 101, None, "1 to 100 characters"),
        ("bad\x07name", None, "control characters"),
        ("ok", "has space", "badge code must be"),
        ("ok", "abc", "badge code must be"),
    ],
)
def test_bad_user_input_is_explained(context: AppContext, admin, name, badge, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match=message):
        context.users.add(admin, name, Role.PICKER, "1234", badge)


def test_role_change_is_audited_with_before_and_after(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    context.users.add(admin, "Noa", Role.PACKER, "1234")
    context.users.set_role(admin, "noa", Role.SUPERVISOR)
    assert context.auth.login_with_pin("Noa", "1234").role is Role.SUPERVISOR
    with context.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "user.role_changed")).one()
    assert (entry.before, entry.after) == ({"role": "packer"}, {"role": "supervisor"})


def test_users_change_their_own_pin(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    context.users.add(admin, "Noa", Role.PACKER, "1234")
    noa = context.auth.login_with_pin("Noa", "1234")
    context.users.set_pin(noa, "Noa", "98765")
    assert context.auth.login_with_pin("Noa", "98765").name == "Noa"


def test_unknown_user(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound, match="no user called ghost"):
        context.users.unlock(admin, "ghost")


def test_parse_role() -> None:
    assert parse_role(" Supervisor ") is Role.SUPERVISOR
    with pytest.raises(InvalidInput, match="picker, packer, supervisor, admin"):
        parse_role("boss")
