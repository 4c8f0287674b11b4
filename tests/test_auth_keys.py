"""Keyed credentials, the installation's secret key, badge + PIN for the roles that need it,
the pause after unknown badges, and what the audit log keeps of a failed sign-in."""

from __future__ import annotations

import hashlib
import logging
import string
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app.config import SecuritySettings, load_settings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Role, Station, User, utcnow
from fulfillment_app.errors import (
    AuthenticationFailed,
    BadgeSignInPaused,
    ConfigError,
    SecretKeyError,
    UserLocked,
)
from fulfillment_app.services.auth import AuthService, PinNeeded
from fulfillment_app.services.permissions import Actor
from fulfillment_app.services.secret_key import KEY_ENV, SecretKey, new_key_text, parse_key
from tests.conftest import make_settings

pytestmark = pytest.mark.usefixtures("key_from_file")

PIN = "918273645"
BADGE = "BADGE-7H3K-99Q"


def _add(context: AppContext, name: str, role: Role, pin: str = PIN, badge=None):  # type: ignore[no-untyped-def]
    return context.users.add(context.command_line_actor(), name, role, pin, badge)


def _audit(context: AppContext, action: str) -> list[AuditEntry]:
    with context.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def _auth(context: AppContext, clock, station: str = "test-station", **security) -> AuthService:  # type: ignore[no-untyped-def]
    return AuthService(
        context.db,
        SecuritySettings(**security),
        station,
        context.credentials,
        context.users,
        clock=clock,
    )


# -- the audit log of failed sign-ins ---------------------------------------------------------


def test_a_pin_typed_into_the_name_field_is_not_recorded(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER)
    with pytest.raises(AuthenticationFailed, match="Unknown name or wrong PIN"):
        context.auth.login_with_pin(PIN, PIN)
    (entry,) = _audit(context, "auth.login.failed")
    assert entry.target_type is None and entry.target_id is None
    assert entry.reason == "unknown name" and entry.station == "test-station"
    assert PIN not in repr((entry.target_id, entry.reason, entry.before, entry.after))
    # A real user's name is still recorded when their PIN is wrong.
    with pytest.raises(AuthenticationFailed):
        context.auth.login_with_pin("avi", "1111")
    assert [e.target_id for e in _audit(context, "auth.login.failed")] == [None, "Avi"]


# -- badge and PIN ----------------------------------------------------------------------------


def test_supervisor_and_admin_badges_need_the_pin(context: AppContext) -> None:
    _add(context, "Yossi", Role.SUPERVISOR, badge=BADGE)
    _add(context, "Dana", Role.ADMIN, pin="24681357", badge="BADGE-ADMIN-1")
    _add(context, "Avi", Role.PICKER, pin="13572468", badge="BADGE-PICK-1")
    assert context.auth.login_with_badge(BADGE) == PinNeeded("Yossi", Role.SUPERVISOR)
    assert context.auth.login_with_badge("BADGE-ADMIN-1") == PinNeeded("Dana", Role.ADMIN)
    assert not _audit(context, "auth.login")  # nobody is signed in by the badge alone
    with pytest.raises(AuthenticationFailed, match="Unknown name or wrong PIN"):
        context.auth.login_with_badge(BADGE, "0000")
    (failed,) = _audit(context, "auth.login.failed")
    assert failed.target_id == "Yossi" and "wrong PIN" in (failed.reason or "")
    actor = context.auth.login_with_badge(BADGE, PIN)
    assert isinstance(actor, Actor) and actor.name == "Yossi"
    assert [e.reason for e in _audit(context, "auth.login")] == ["by badge and PIN"]
    # Floor roles keep signing in with the badge alone.
    picker = context.auth.login_with_badge("BADGE-PICK-1")
    assert isinstance(picker, Actor) and picker.role is Role.PICKER


def test_wrong_pins_after_a_badge_lock_the_user(context: AppContext) -> None:
    _add(context, "Yossi", Role.SUPERVISOR, badge=BADGE)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            context.auth.login_with_badge(BADGE, "0000")
    with pytest.raises(UserLocked, match="now locked"):
        context.auth.login_with_badge(BADGE, "0000")
    with pytest.raises(UserLocked):
        context.auth.login_with_badge(BADGE)  # not even a PIN prompt while locked


def test_which_roles_need_the_pin_is_a_setting(context: AppContext, tmp_path: Path) -> None:
    _add(context, "Yossi", Role.SUPERVISOR, badge=BADGE)
    _add(context, "Avi", Role.PICKER, badge="BADGE-PICK-1")
    relaxed = _auth(context, utcnow, badge_needs_pin=("admin",))
    assert isinstance(relaxed.login_with_badge(BADGE), Actor)
    strict = _auth(context, utcnow, badge_needs_pin=("picker", "supervisor", "admin"))
    assert isinstance(strict.login_with_badge("BADGE-PICK-1"), PinNeeded)
    file = tmp_path / "settings.toml"
    file.write_text('[security]\nbadge_needs_pin = ["admin", "packer"]\n', encoding="utf-8")
    assert load_settings(file, {}).security.badge_needs_pin == ("admin", "packer")
    env = {"FULFILLMENT_SECURITY__BADGE_NEEDS_PIN": "supervisor, admin"}
    assert load_settings(file, env).security.badge_needs_pin == ("supervisor", "admin")
    assert SecuritySettings().badge_needs_pin == ("supervisor", "admin")
    file.write_text('[security]\nbadge_needs_pin = ["boss"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"badge_needs_pin may hold only .* not 'boss'"):
        load_settings(file, {})


# -- the pause after unknown badges -----------------------------------------------------------


def test_unknown_badges_pause_badge_sign_in_at_the_station(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER, badge=BADGE)
    now = [utcnow()]
    limits = {"max_badge_failures": 3, "badge_window_minutes": 5, "badge_pause_minutes": 10}
    auth = _auth(context, lambda: now[0], **limits)
    for code in ("BADGE-0001", "BADGE-0002"):
        with pytest.raises(AuthenticationFailed, match="not registered"):
            auth.login_with_badge(code)
    with pytest.raises(BadgeSignInPaused, match="paused for 10 minutes"):
        auth.login_with_badge("BADGE-0003")
    # Even a registered badge waits; name + PIN still work; another station is not affected.
    with pytest.raises(BadgeSignInPaused, match="Sign in with your name and PIN"):
        auth.login_with_badge(BADGE)
    assert auth.login_with_pin("Avi", PIN).name == "Avi"
    other = _auth(context, lambda: now[0], station="pack-2", **limits)
    assert isinstance(other.login_with_badge(BADGE), Actor)
    (paused,) = _audit(context, "station.badge_paused")
    assert paused.station == "test-station" and paused.target_id == "test-station"
    refusals = [e.reason for e in _audit(context, "auth.login.failed")]
    assert refusals.count("unknown badge") == 3
    assert refusals.count("badge sign-in paused at this station") == 1
    now[0] += timedelta(minutes=11)
    assert isinstance(auth.login_with_badge(BADGE), Actor)


def test_unknown_badges_spread_out_do_not_pause(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER, badge=BADGE)
    now = [utcnow()]
    auth = _auth(context, lambda: now[0], max_badge_failures=3, badge_window_minutes=5)
    for i in range(6):
        with pytest.raises(AuthenticationFailed):
            auth.login_with_badge(f"BADGE-000{i}")
        now[0] += timedelta(minutes=3)  # at most two within any five minutes
    assert isinstance(auth.login_with_badge(BADGE), Actor)
    with context.db.session() as s:
        station = s.scalars(select(Station).where(Station.name == "test-station")).one()
        assert station.badge_paused_until is None


# -- keyed hashes -----------------------------------------------------------------------------


def test_hashes_are_keyed_and_useless_without_the_key(context: AppContext) -> None:
    _add(context, "Yossi", Role.SUPERVISOR, badge=BADGE)
    with context.db.session() as s:
        user = s.scalars(select(User)).one()
        pin_hash, digest = user.pin_hash, user.badge_digest
    assert pin_hash.startswith("k1:$argon2id$") and digest and digest.startswith("k1:")
    # Someone holding only the database cannot test PINs or badge codes against it.
    with pytest.raises(VerificationError):
        PasswordHasher().verify(pin_hash[3:], PIN)
    assert digest[3:] != hashlib.sha256(BADGE.encode()).hexdigest()
    assert digest[3:] != hashlib.sha256(b"fulfillment-badge:" + BADGE.encode()).hexdigest()


def test_unkeyed_hashes_still_work_and_are_replaced_at_sign_in(context: AppContext) -> None:
    legacy_pin = PasswordHasher().hash(PIN)
    legacy_badge = hashlib.sha256(b"fulfillment-badge:" + BADGE.encode()).hexdigest()
    with context.db.session() as s:
        s.add(User(name="Avi", role=Role.PICKER, pin_hash=legacy_pin, badge_digest=legacy_badge))
        s.add(User(name="Yossi", role=Role.SUPERVISOR, pin_hash=legacy_pin))
    # A badge registered before cannot be given to someone else now.
    with pytest.raises(Exception, match="belongs to another user"):
        _add(context, "Noa", Role.PACKER, badge=BADGE)
    assert isinstance(context.auth.login_with_badge(BADGE), Actor)
    assert context.auth.login_with_pin("Yossi", PIN).name == "Yossi"
    with context.db.session() as s:
        avi, yossi = (s.scalars(select(User).where(User.name == n)).one() for n in ("Avi", "Yossi"))
        assert avi.badge_digest and avi.badge_digest.startswith("k1:")
        assert avi.pin_hash == legacy_pin  # the badge alone does not reveal the PIN to upgrade
        assert yossi.pin_hash.startswith("k1:$argon2id$")
    assert isinstance(context.auth.login_with_badge(BADGE), Actor)
    assert context.auth.login_with_pin("Yossi", PIN).name == "Yossi"
    with pytest.raises(AuthenticationFailed):
        context.auth.login_with_pin("Yossi", "0000")


# -- the secret key ---------------------------------------------------------------------------


def test_the_key_file_is_made_once_readable_by_its_owner_only(
    context: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    path = context.secret_key.path
    assert path.parent == context.settings.data_dir and path.stat().st_mode & 0o777 == 0o600
    key = path.read_text().strip()
    _add(context, "Avi", Role.PICKER)
    context.close()
    caplog.set_level(logging.DEBUG)
    again = AppContext.build(context.settings)  # the next start finds the same key
    try:
        again.start()
        assert path.read_text().strip() == key
        assert again.auth.login_with_pin("Avi", PIN).name == "Avi"
    finally:
        again.close()
    assert key not in caplog.text


def test_a_station_with_another_key_is_told_what_to_do(context: AppContext, tmp_path: Path) -> None:
    _add(context, "Avi", Role.PICKER)
    key = context.secret_key.path.read_text().strip()
    # A second station of the same database, with no key yet: it must not make its own.
    second = make_settings(context.settings.database_url, tmp_path / "second")
    station = AppContext.build(second)
    try:
        with pytest.raises(SecretKeyError, match=r"has no secret key.*copy secret\.key"):
            station.start()
        assert not station.secret_key.path.exists()
        station.secret_key.path.parent.mkdir(parents=True, exist_ok=True)
        station.secret_key.path.write_text(new_key_text() + "\n")
        with pytest.raises(SecretKeyError, match=r"does not match the database; copy secret\.key"):
            station.start()
        station.secret_key.path.write_text("not a key\n")
        with pytest.raises(SecretKeyError, match="is damaged"):
            station.start()
        # The key given in the environment (e.g. by the service manager) wins over the file.
        from_env = SecretKey(second.data_dir, environ={KEY_ENV: key})
        assert from_env.open(station.db).hex() == key
        station.secret_key.path.write_text(key + "\n")  # copied from the first station
        station.start()
        assert station.auth.login_with_pin("Avi", PIN).name == "Avi"
    finally:
        station.close()


def test_the_key_check_in_the_database_does_not_reveal_the_key(context: AppContext) -> None:
    key = bytes.fromhex(context.secret_key.path.read_text().strip())
    with context.db.engine.connect() as conn:
        rows = list(conn.exec_driver_sql("SELECT name, value FROM shared_setting"))
    assert len(rows) == 1 and rows[0][0] == "secret_key_check"
    assert key.hex() not in rows[0][1] and len(rows[0][1]) == 64


@given(st.binary(min_size=32, max_size=32), st.sampled_from(["", " ", "\n", "\r\n"]))
def test_key_text_round_trips(key: bytes, space: str) -> None:
    assert parse_key(space + key.hex() + space, "test") == key
    assert parse_key(key.hex().upper(), "test") == key


@given(st.text(alphabet=string.printable + "éא", max_size=80))
def test_anything_but_a_key_is_refused_with_a_sentence(text: str) -> None:
    try:
        key = parse_key(text, "the file")
    except SecretKeyError as exc:
        assert "the file is damaged" in str(exc)
    else:
        assert len(key) == 32 and key.hex() == text.strip().lower()


def test_a_process_that_skips_the_start_opens_the_key_at_first_use(context: AppContext) -> None:
    _add(context, "Avi", Role.PICKER)
    worker = AppContext.build(context.settings)  # e.g. a worker process: no start()
    try:
        assert worker.auth.login_with_pin("Avi", PIN).name == "Avi"
    finally:
        worker.close()
