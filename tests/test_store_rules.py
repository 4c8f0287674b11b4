"""Connecting stores: what a store's address and name may be, the keyring written only for a
new store, and moving a store (where its secrets are sent) checked and audited."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import pytest
from hypothesis import given
from hypothesis import strategies as st
from keyring.backend import KeyringBackend
from keyring.compat import properties
from sqlalchemy import select

from fulfillment_app.cli import main
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Store
from fulfillment_app.errors import AlreadyExists, InvalidInput, PermissionDenied
from fulfillment_app.services.permissions import Actor, Role
from fulfillment_app.services.stores import KEYRING_SERVICE, check_store_name, check_url

ENV = {"token": {"env": "SHOP_TOKEN"}}

# -- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("https://admin:hunter2@shop.example.com", "without a user name or password"),
        ("https://token@shop.example.com", "without a user name or password"),
        ("shop:pw@shop.example.com", "without a user name or password"),
        ("javascript:alert(1)", "is not a web address"),
        ("JavaScript:alert(document.cookie)", "is not a web address"),
        ("https://javascript:alert(1)", "is not a web address"),
        ("data:text/html,hi", "is not a web address"),
        ("ftp://shop.example.com", "is not a web address"),
        ("https://", "is not a web address"),
        ("https://shop example.com", "spaces or invisible characters"),
        ("https://shop.example.com\u202e", "spaces or invisible characters"),
        ("http://shop.example.com", "HTTPS"),
        ("https://shop.example.com/?x=1", "without '?' or '#'"),
    ],
)
def test_store_addresses_with_credentials_or_not_on_the_web_are_refused(
    given: str, why: str
) -> None:
    with pytest.raises(InvalidInput, match=why.replace("?", r"\?")):
        check_url(given, "shopify")


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("shop.example.com", "https://shop.example.com"),
        ("HTTPS://Shop.Example.com/", "https://Shop.Example.com"),
        ("https://example.com/wordpress/", "https://example.com/wordpress"),
        ("localhost:8080", "https://localhost:8080"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ],
)
def test_store_addresses_are_normalised(given: str, stored: str) -> None:
    assert check_url(given, "woocommerce") == stored


_url_parts = st.tuples(
    st.sampled_from(["", "https://", "http://", "javascript:", "HTTP://", "ftp://", "//"]),
    st.sampled_from(["", "user@", "user:pw@", ":@", "@"]),
    st.sampled_from(["shop.example.com", "127.0.0.1", "localhost", "[::1]", "", "a..b", "x_y"]),
    st.sampled_from(["", ":443", ":0", ":99999", ":x", ":"]),
    st.text(max_size=12),
)


@given(st.one_of(st.text(max_size=40), _url_parts.map("".join)))
def test_check_url_returns_only_plain_web_addresses(text: str) -> None:
    """Whatever is typed: refused with a sentence, or an http(s) address with a host, no
    credentials, nothing invisible, that checks the same again."""
    try:
        url = check_url(text, "woocommerce")
    except InvalidInput as exc:
        assert str(exc).endswith(".")
        return
    parts = urlsplit(url)
    assert parts.scheme in ("https", "http") and parts.hostname
    assert parts.username is None and parts.password is None and "@" not in parts.netloc
    assert not any(c.isspace() or unicodedata.category(c).startswith("C") for c in url)
    assert parts.scheme == "https" or parts.hostname in ("localhost", "127.0.0.1", "::1")
    assert check_url(url, "woocommerce") == url


def test_stores_list_never_shows_credentials_in_an_old_address(context: AppContext) -> None:
    """A store added before addresses were checked may hold user:password@ in its URL."""
    with context.db.session() as session:
        session.add(
            Store(
                name="old",
                platform="shopify",
                base_url="https://admin:hunter2@old.example.com",
                credential_ref=ENV,
            )
        )
    (row,) = context.stores.list()
    assert row.url == "https://old.example.com"


# -- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["shop\u202egnp.exe", "\u2067shop", "sh\u200bop", "shop\x1b[31m", "line\nbreak", "nul\x00"],
)
def test_store_names_with_control_or_bidi_characters_are_refused(
    context: AppContext, name: str
) -> None:
    with pytest.raises(InvalidInput, match="control or invisible characters"):
        context.stores.add(
            context.command_line_actor(), "shopify", name, "https://s.example.com", ENV
        )
    assert context.stores.list() == []


@given(st.text(max_size=120))
def test_store_names_accepted_hold_nothing_invisible(text: str) -> None:
    try:
        name = check_store_name(text)
    except InvalidInput:
        return
    assert 1 <= len(name) <= 100 and name == name.strip()
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name)


def test_hebrew_store_names_are_kept(context: AppContext) -> None:
    actor = context.command_line_actor()
    context.stores.add(actor, "shopify", "החנות שלנו", "https://s.example.com", ENV)
    assert [r.name for r in context.stores.list()] == ["החנות שלנו"]


# -- the keyring -----------------------------------------------------------------------------


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps its entries in a dict. This machine has no keyring
    service (no D-Bus Secret Service, no macOS or Windows vault) and keyrings.alt is not a
    dependency; keyring's own backend API is what the application calls, so the code under
    test runs unchanged against it."""

    @properties.classproperty
    def priority(cls) -> float:
        # Not a candidate when keyring picks a backend by itself (it would otherwise be
        # the station's keyring in every later test): only when a test sets it.
        raise RuntimeError("set by the test that uses it")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(before)


def test_adding_a_store_again_leaves_the_live_token_in_the_keyring(
    database_url: str,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tokens = iter(["shpat_LIVE", "shpat_TYPO"])
    # getpass reads the terminal, which a test has not got: it answers the prompt instead.
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(tokens))
    base = ["--database", database_url, "--station", "cli"]
    add = ["stores", "add", "shopify", "--name", "web", "--token-keyring"]
    assert main([*base, *add, "--shop-url", "https://web.example.com"]) == 0
    assert memory_keyring.entries == {(KEYRING_SERVICE, "web:token"): "shpat_LIVE"}
    capsys.readouterr()
    assert main([*base, *add, "--shop-url", "https://other.example.com"]) != 0
    assert "There is a store called web already" in capsys.readouterr().err
    assert memory_keyring.entries == {(KEYRING_SERVICE, "web:token"): "shpat_LIVE"}


def test_a_refused_add_writes_nothing_to_the_keyring(
    context: AppContext, memory_keyring: MemoryKeyring
) -> None:
    actor = context.command_line_actor()
    with pytest.raises(InvalidInput):
        context.stores.add(
            actor,
            "shopify",
            "web",
            "https://u:p@web.example.com",
            {},
            keyring_values={"token": "t"},
        )
    context.stores.add(actor, "shopify", "web", "https://web.example.com", ENV)
    with pytest.raises(AlreadyExists):
        context.stores.add(
            actor, "shopify", "web", "https://web.example.com", {}, keyring_values={"token": "t"}
        )
    assert memory_keyring.entries == {}


# -- moving a store --------------------------------------------------------------------------


def test_moving_a_store_takes_the_right_and_is_audited(context: AppContext) -> None:
    admin = context.command_line_actor()
    context.stores.add(admin, "shopify", "web", "https://web.example.com", ENV)
    packer = Actor(name="Dana", role=Role.PACKER, station="test-station", user_id=None)
    with pytest.raises(PermissionDenied):
        context.stores.set_url(packer, "web", "https://evil.example.com")
    with pytest.raises(InvalidInput):
        context.stores.set_url(admin, "web", "https://a:b@evil.example.com")
    assert context.stores.list()[0].url == "https://web.example.com"
    context.stores.set_url(admin, "web", "https://new.example.com")
    assert context.stores.list()[0].url == "https://new.example.com"
    with context.db.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "store.set_url")
        ).one()
        assert (entry.target_id, entry.before, entry.after) == (
            "web",
            {"url": "https://web.example.com"},
            {"url": "https://new.example.com"},
        )


def test_the_demo_store_moves_to_the_emulators_new_port(tmp_path: Path) -> None:
    """The demo points its store at each start's emulator through the same checked path."""
    from fulfillment_app.demo import DEMO_STORE, connect_demo_store
    from tests.conftest import make_settings

    ctx = AppContext.build(make_settings(f"sqlite:///{tmp_path / 'demo.sqlite3'}", tmp_path))
    ctx.start()
    try:
        connect_demo_store(ctx, "http://127.0.0.1:8001")
        connect_demo_store(ctx, "http://127.0.0.1:8002")
        assert [(r.name, r.url) for r in ctx.stores.list()] == [
            (DEMO_STORE, "http://127.0.0.1:8002")
        ]
    finally:
        ctx.close()
