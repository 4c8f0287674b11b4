"""Settings: one typed schema from a TOML file, overridden by the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fulfillment_app.config import SCHEMA_VERSION, load_settings
from fulfillment_app.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_use_embedded_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    s = load_settings(
        environ={
            "FULFILLMENT_DATA_DIR": str(tmp_path),
            "FULFILLMENT_CONFIG": "",
        }
    )
    assert s.database_url == f"sqlite:///{tmp_path / 'fulfillment.sqlite3'}"
    assert s.version == SCHEMA_VERSION and s.security.max_pin_attempts == 5
    assert s.station.name


def test_file_values_and_environment_overrides(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
version = 1
[database]
url = "postgresql://postgres@db.local:5432/wh"
[station]
name = "pack-3"
[security]
lockout_minutes = 30
[ui]
language = "he"
""",
    )
    s = load_settings(path, environ={})
    assert s.database_url == "postgresql+psycopg://postgres@db.local:5432/wh"
    assert (s.station.name, s.security.lockout_minutes, s.ui.language) == ("pack-3", 30, "he")
    s = load_settings(
        path,
        environ={
            "FULFILLMENT_DATABASE_URL": "sqlite:////tmp/x.sqlite3",
            "FULFILLMENT_STATION": "pick-cart-1",
            "FULFILLMENT_SECURITY__MAX_PIN_ATTEMPTS": "3",
        },
    )
    assert s.database_url == "sqlite:////tmp/x.sqlite3"
    assert s.station.name == "pick-cart-1" and s.security.max_pin_attempts == 3
    assert s.security.lockout_minutes == 30  # untouched values stay


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        (
            "[security]\nlockout_minutes = 'soon'",
            {},
            "security.lockout_minutes must be of type int",
        ),
        ("[security]\nlockout_minutes = -1", {}, "must not be negative"),
        ("[ui]\nlanguage = 'fr'", {}, "ui.language must be one of en, he"),
        ("[database]\nurl = 5", {}, "database.url must be of type str"),
        ("[printer]\nx = 1", {}, "unknown settings section"),
        ("[station]\nnmae = 'x'", {}, r"unknown setting\(s\) in \[station\]: nmae"),
        ("version = 99", {}, "newer version of the application"),
        ("[station\nname=", {}, "cannot be read"),
        ("", {"FULFILLMENT_SCALE__PORT": "x"}, "no settings section 'scale'"),
        ("", {"FULFILLMENT_SECURITY__LOCKOUT_MINUTES": "ten"}, "must be of type int"),
    ],
)
def test_bad_settings_name_the_file_and_key(tmp_path: Path, text: str, env, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=message):
        load_settings(_write(tmp_path, text), environ=env)


def test_a_named_but_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(environ={"FULFILLMENT_CONFIG": str(tmp_path / "nope.toml")})


@given(st.text(max_size=200))
def test_any_settings_text_loads_or_gives_a_config_error(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "s.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_settings(path, environ={})
        except ConfigError as exc:
            assert str(exc)


def test_devices_are_tables_of_their_own(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
[devices.scale]
kind = "scale"
url = "/dev/ttyUSB0"
protocol = "nci"
bytesize = 7
parity = "E"
[devices.labels]
kind = "printer"
url = "tcp://10.0.0.9:9100"
""",
    )
    s = load_settings(path, environ={})
    assert s.devices["scale"].protocol == "nci" and s.devices["scale"].parity == "E"
    assert s.devices["scale"].bytesize == 7 and s.devices["labels"].kind == "printer"
    bad = _write(tmp_path, "[devices.x]\nkind = 'toaster'\n")
    with pytest.raises(ConfigError, match=r"devices\.x\.kind must be one of scale, scanner"):
        load_settings(bad, environ={})
    bad = _write(tmp_path, "[devices.x]\nspeed = 3\n")
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) in \[devices.x\]: speed"):
        load_settings(bad, environ={})
