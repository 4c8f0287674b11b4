"""Signing in, lock-out, permissions in the service layer, and PINs kept secret."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Role, User, utcnow
from fulfillment_app.errors import (
    AuthenticationFailed,
    InvalidInput,
    PermissionDenied,
    UserLocked,
)
from fulfillment_app.services.auth import AuthService, PinNeeded
from fulfillment_app.services.permissions import Actor, Permission

# Distinctive values, so that finding them anywhere (database, logs, messages) is no accident.
SECRET_PIN = "918273645"
SECRET_BADGE = "BADGE-7H3K-99Q"


def _add(context: AppContext, name: str, role: Role, pin: str = SECRET_PIN, badge=None):  # type: ignore[no-untyped-def]
    return context.users.add(context.command_line_actor(), name, role, pin, badge)


def _audit(context: AppContext, action: str) -> list[AuditEntry]:
    with context.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_badge_and_pin_sign_in(context: AppContext) -> None:
    _add(context, "Noa", Role.PACKER, badge=SECRET_BADGE)
    by_badge = context.auth.login_with_badge(SECRET_BADGE + "\n")  # wedge scanners add Enter
    by_pin = context.auth.login_with_pin("  noa ", SECRET_PIN)  # names are not case-sensitive
    assert by_badge == by_pin
    assert by_pin.name == "Noa" and by_pin.role is Role.PACKER
    assert by_pin.station == "test-station" and by_pin.user_id is not None
    assert len(_audit(context, "auth.login")) == 2


def test_unknown_badge_and_wrong_pin_say_what_to_do(context: AppContext) -> None:
    _add(context, "Noa", Role.PACKER)
    with pytest.raises(AuthenticationFailed, match="not registered"):
        context.auth.login_with_badge("BADGE-NOBODY")
    with pytest.raises(AuthenticationFailed, match="Unknown name or wrong PIN"):
        context.auth.login_with_pin("Noa", "0000")
    # An unknown name gets the same answer as a wrong PIN: it does not reveal who exists.
    with pytest.raises(AuthenticationFailed, match="Unknown name or wrong PIN"):
        context.auth.login_with_pin("Nobody", SECRET_PIN)


def test_five_wrong_pins_lock_the_user_and_it_is_audited(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER, badge=SECRET_BADGE)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            context.auth.login_with_pin("Avi", "1111")
    with pytest.raises(UserLocked, match="now locked for 15 minutes"):
        context.auth.login_with_pin("Avi", "1111")
    # The right PIN, and the badge, are refused while the lock lasts.
    with pytest.raises(UserLocked, match="Try again in 15 minutes"):
        context.auth.login_with_pin("Avi", SECRET_PIN)
    with pytest.raises(UserLocked):
        context.auth.login_with_badge(SECRET_BADGE)
    locked = _audit(context, "user.locked")
    assert len(locked) == 1 and locked[0].target_id == "Avi"
    assert len(_audit(context, "auth.login.failed")) == 5


def test_lock_expires(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER)
    now = [utcnow()]
    auth = AuthService(
        context.db,
        context.settings.security,
        "test-station",
        context.credentials,
        context.users,
        clock=lambda: now[0],
    )
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, UserLocked)):
            auth.login_with_pin("Avi", "1111")
    now[0] += timedelta(minutes=14)
    with pytest.raises(UserLocked, match="1 minute,"):
        auth.login_with_pin("Avi", SECRET_PIN)
    now[0] += timedelta(minutes=2)
    assert auth.login_with_pin("Avi", SECRET_PIN).name == "Avi"


def test_a_good_pin_resets_the_count(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            context.auth.login_with_pin("Avi", "1111")
    context.auth.login_with_pin("Avi", SECRET_PIN)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):  # not UserLocked: the count started again
            context.auth.login_with_pin("Avi", "1111")


def test_supervisor_unlocks_and_a_packer_cannot(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER)
    _add(context, "Yossi", Role.SUPERVISOR, pin="24681357")
    _add(context, "Noa", Role.PACKER, pin="13572468")
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, UserLocked)):
            context.auth.login_with_pin("Avi", "1111")
    packer = context.auth.login_with_pin("Noa", "13572468")
    with pytest.raises(PermissionDenied, match="Noa is signed in as packer and may not unlock"):
        context.users.unlock(packer, "Avi")
    supervisor = context.auth.login_with_pin("Yossi", "24681357")
    context.users.unlock(supervisor, "Avi")
    assert context.auth.login_with_pin("Avi", SECRET_PIN).name == "Avi"
    (entry,) = _audit(context, "user.unlocked")
    assert entry.actor == "Yossi (supervisor)" and entry.user_id == supervisor.user_id
    assert entry.before["locked_until"] is not None and entry.after == {"locked_until": None}


@pytest.mark.parametrize(
    "call",
    [
        lambda c, a: c.audit.recent(a),
        lambda c, a: c.users.list(a),
        lambda c, a: c.users.add(a, "x", Role.ADMIN, "12345678"),
        lambda c, a: c.users.set_role(a, "Noa", Role.ADMIN),
        lambda c, a: c.catalogue.import_products(a, __file__),
    ],
    ids=["audit", "list-users", "add-user", "promote-self", "import"],
)
def test_a_packer_cannot_call_supervisor_or_admin_services(context: AppContext, call) -> None:  # type: ignore[no-untyped-def]
    _add(context, "Noa", Role.PACKER)
    packer = context.auth.login_with_pin("Noa", SECRET_PIN)
    with pytest.raises(PermissionDenied, match="ask a supervisor"):
        call(context, packer)


def test_supervisor_has_no_admin_powers(context: AppContext) -> None:
    _add(context, "Yossi", Role.SUPERVISOR)
    supervisor = context.auth.login_with_pin("Yossi", SECRET_PIN)
    assert supervisor.can(Permission.VIEW_AUDIT) and supervisor.can(Permission.OVERRIDE)
    with pytest.raises(PermissionDenied):
        context.users.add(supervisor, "x", Role.PICKER, "12345678")
    assert [u.name for u in context.users.list(supervisor)] == ["Yossi"]


def test_override_is_approved_by_a_supervisor_and_audited(context: AppContext) -> None:
    _add(context, "Yossi", Role.SUPERVISOR, badge=SECRET_BADGE)
    _add(context, "Noa", Role.PACKER, pin="13572468")
    # A supervisor's badge alone does not approve anything: the PIN is asked for.
    needed = context.auth.authorize_override(
        action="pack.weight_mismatch order 1001", reason="scale tare off", badge=SECRET_BADGE
    )
    assert needed == PinNeeded(name="Yossi", role=Role.SUPERVISOR)
    assert not _audit(context, "override.approved")
    approver = context.auth.authorize_override(
        action="pack.weight_mismatch order 1001",
        reason="scale tare off",
        badge=SECRET_BADGE,
        pin=SECRET_PIN,
    )
    assert isinstance(approver, Actor) and approver.name == "Yossi"
    with pytest.raises(PermissionDenied, match="a supervisor must approve"):
        context.auth.authorize_override(
            action="pack.weight_mismatch order 1002", reason="x", name="Noa", pin="13572468"
        )
    with pytest.raises(InvalidInput, match="reason"):
        context.auth.authorize_override(action="x", reason="  ", badge=SECRET_BADGE)
    (approved,) = _audit(context, "override.approved")
    assert approved.reason == "scale tare off" and approved.target_id.endswith("1001")
    (refused,) = _audit(context, "override.refused")
    assert refused.actor == "Noa (packer)"


def test_first_admin_only_on_an_empty_database(context: AppContext) -> None:
    assert not context.auth.has_users()
    # The same rules and the same record as any other new user (one way to create users).
    with pytest.raises(InvalidInput, match="A PIN must be 4 to 12 digits"):
        context.auth.create_first_admin("Dana", "12")
    actor = context.auth.create_first_admin("Dana", SECRET_PIN)
    assert actor.role is Role.ADMIN and context.auth.has_users()
    with pytest.raises(PermissionDenied, match="already has users"):
        context.auth.create_first_admin("Mallory", SECRET_PIN)
    (entry,) = _audit(context, "user.created")
    assert entry.actor == "Dana (admin)" and entry.user_id == actor.user_id
    assert entry.after == {"name": "Dana", "role": "admin", "badge": False}
    assert entry.reason == "first start" and entry.station == "test-station"
    assert context.auth.login_with_pin("dana", SECRET_PIN) == actor


def test_deactivated_user_cannot_sign_in(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER, badge=SECRET_BADGE)
    context.users.set_active(context.command_line_actor(), "Avi", False)
    with pytest.raises(AuthenticationFailed):
        context.auth.login_with_pin("Avi", SECRET_PIN)
    with pytest.raises(AuthenticationFailed):
        context.auth.login_with_badge(SECRET_BADGE)


def test_no_pin_or_badge_in_database_logs_or_errors(
    key_from_file: None, context: AppContext, caplog: pytest.LogCaptureFixture, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    # Log everything, SQL statements and their parameters included.
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    try:
        messages = []
        _add(context, "Avi", Role.PICKER, badge=SECRET_BADGE)
        context.users.set_pin(context.command_line_actor(), "Avi", SECRET_PIN)
        for pin in ("1", "12", SECRET_PIN[::-1], SECRET_PIN[::-1], SECRET_PIN[::-1]):
            try:
                context.auth.login_with_pin("Avi", pin)
            except Exception as exc:
                messages.append(str(exc))
        for call in (
            lambda: context.users.add(context.command_line_actor(), "B", Role.PACKER, "12ab"),
            lambda: context.auth.login_with_pin("Avi", SECRET_PIN),
            # A PIN typed into the name field by mistake, then the PIN again.
            lambda: context.auth.login_with_pin(SECRET_PIN, SECRET_PIN),
            lambda: context.auth.login_with_badge(SECRET_BADGE),
            lambda: context.auth.login_with_badge(SECRET_BADGE[::-1]),
        ):
            try:
                call()
            except Exception as exc:
                messages.append(str(exc))
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert messages, "the wrong PINs should have failed"
    key = context.secret_key.path.read_text().strip()
    assert context.secret_key.path.stat().st_mode & 0o777 == 0o600
    secrets = (SECRET_PIN, SECRET_PIN[::-1], SECRET_BADGE, SECRET_BADGE[::-1], "12ab", key)
    for secret in secrets:
        assert all(secret not in m for m in messages)
        assert secret not in caplog.text
    # Nothing in any table holds a PIN, badge or the secret key as typed.
    with context.db.engine.connect() as conn:
        for table in ("user_account", "audit_log", "shared_setting", "station"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                assert not any(s in str(v) for v in row for s in secrets), table
        stored = conn.execute(select(User.pin_hash)).scalar()
    assert stored.startswith("k1:$argon2id$")
    if context.db.is_sqlite:
        raw = context.db.url.database
        context.db.dispose()
        data = b"".join(p.read_bytes() for p in tmp_path.rglob("*.sqlite3*"))
        assert raw and not any(s.encode() in data for s in secrets)
        assert bytes.fromhex(key) not in data


def test_pin_rules(context: AppContext) -> None:
    actor = context.command_line_actor()
    for bad in ("123", "1234567890123", "12a4", "١٢٣٤"):  # short, long, letter, Arabic digits
        with pytest.raises(InvalidInput, match="A PIN must be 4 to 12 digits"):
            context.users.add(actor, "x", Role.PICKER, bad)


def test_command_line_actor_is_an_audited_admin(context: AppContext) -> None:
    actor = context.command_line_actor()
    assert isinstance(actor, Actor) and actor.role is Role.ADMIN and actor.user_id is None
    _add(context, "Avi", Role.PICKER)
    (entry,) = _audit(context, "user.created")
    assert entry.actor.startswith("command line (") and entry.station == "test-station"
    assert entry.after == {"name": "Avi", "role": "picker", "badge": False}
