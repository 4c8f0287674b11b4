"""The command line under hostile or unlucky conditions: secrets in arguments, an unwritable
log folder, bytes that are not text, escape sequences in data, a forged $USER, SIGTERM, an
empty badge, a read-only or missing database. Real processes and real databases."""

from __future__ import annotations

import json
import os
import pwd
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import make_url

from fulfillment_app.cli import describe_command
from fulfillment_app.cli.output import safe_text

BIN = Path(sys.executable).parent / "fulfillment"

# A programming error cannot be produced on demand in a real process, so the test plants one
# (the only thing injected): after a user is added, the command fails unexpectedly.
PLANTED_FAILURE = """
import os
if os.environ.get("PLANT_FAILURE"):
    from fulfillment_app.services import users as _users
    _add = _users.UserService.add
    def add(self, *args, **kwargs):
        _add(self, *args, **kwargs)
        raise RuntimeError("planted failure after adding a user")
    _users.UserService.add = add
"""


def run(args: list[str], data_dir: Path, stdin: str | bytes | None = None, **env: str):  # type: ignore[no-untyped-def]
    environ = {**os.environ, "FULFILLMENT_DATA_DIR": str(data_dir), **env}
    environ.pop("FULFILLMENT_DATABASE_URL", None)
    return subprocess.run(
        [str(BIN), *args],
        capture_output=True,
        env=environ,
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        timeout=120,
        check=False,
    )


def planted(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "plant"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(PLANTED_FAILURE, encoding="utf-8")
    return {"PYTHONPATH": str(folder), "PLANT_FAILURE": "1"}


# -- secrets and the log ---------------------------------------------------------------------


def test_an_unexpected_failure_logs_option_names_never_pin_badge_or_password(
    backend: str, database_url: str, tmp_path: Path
) -> None:
    pin, badge, password = "73914682", "BADGE-5550173", "Pw-4417-secret"
    url = database_url
    if backend == "postgresql":  # the server trusts loopback: the password is only carried
        url = make_url(url).set(password=password).render_as_string(hide_password=False)
    args = ["--database", url, "users", "add", "Dana", "--role", "packer"]
    result = run([*args, "--pin", pin, "--badge", badge], tmp_path, **planted(tmp_path))
    assert result.returncode == 70
    shown = (result.stdout + result.stderr).decode()
    assert "an unexpected failure stopped the command" in shown
    log_text = (tmp_path / "logs" / "fulfillment.log").read_text(encoding="utf-8")
    assert "RuntimeError: planted failure" in log_text
    assert "'users add' with --badge, --database, --pin, --role" in log_text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]  # the log folder and the database
    assert any(p.name.startswith("test.sqlite3") for p in files) or backend == "postgresql"
    for secret in (pin, badge, password):
        assert secret not in shown
        for path in files:
            assert secret.encode() not in path.read_bytes(), path


def test_a_password_in_a_bad_database_url_is_not_repeated(tmp_path: Path) -> None:
    result = run(
        ["--database", "postgresql://clerk:Hunter-22x@db:port/x", "db", "upgrade"], tmp_path
    )
    assert result.returncode == 1
    assert b"Hunter-22x" not in result.stdout + result.stderr
    assert b"clerk:***@db" in result.stderr


def test_with_the_log_folder_unwritable_the_detail_goes_to_standard_error(tmp_path: Path) -> None:
    (tmp_path / "fulfillment.sqlite3").touch()
    (tmp_path / "logs").write_text("a file where the log folder should be", encoding="utf-8")
    result = run(
        ["users", "add", "Dana", "--role", "packer", "--pin", "73914682"],
        tmp_path,
        **planted(tmp_path),
    )
    assert result.returncode == 70
    err = result.stderr.decode()
    assert "the log file cannot be written; the detail follows" in err
    assert "Traceback" in err and "RuntimeError: planted failure" in err
    assert "73914682" not in err


@given(st.lists(st.sampled_from(["--pin", "--badge=", "-v", "x", "-", "-5", "--json", "é"])))
def test_the_logged_description_never_holds_a_value(words: list[str]) -> None:
    from argparse import Namespace

    argv = [w + "SECRET" if w.endswith("=") else w for w in words] + ["SECRET"]
    described = describe_command(Namespace(command="users", users_command="add"), argv)
    assert "SECRET" not in described and described.startswith("'users add'")


# -- decode ----------------------------------------------------------------------------------


def test_decode_refuses_an_argument_that_is_not_utf8(tmp_path: Path) -> None:
    raw = os.fsencode("ab") + b"\xff\xfe"
    result = subprocess.run(
        [os.fsencode(BIN), b"decode", raw, b"--json"], capture_output=True, check=False
    )
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["status"] == 1 and "not valid UTF-8" in answer["error"]
    assert b"\xff" not in result.stdout


def test_decode_of_empty_standard_input_is_an_error(tmp_path: Path) -> None:
    result = run(["decode", "-"], tmp_path, stdin="")
    assert result.returncode == 1
    assert b"Standard input held no scans" in result.stderr


# -- JSON in, JSON out -----------------------------------------------------------------------


def test_pack_json_answers_its_errors_in_json(database_url: str, tmp_path: Path) -> None:
    scans = tmp_path / "scans.txt"
    scans.write_text("SKU-1\n", encoding="utf-8")
    args = ["--database", database_url, "pack", "--order", "4040", "--scans", str(scans)]
    result = run([*args, "--json"], tmp_path)
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["status"] == 1 and "4040" in answer["error"]
    assert result.stderr == b""
    text = run(args, tmp_path)  # without --json: the same sentence, on standard error
    assert text.returncode == 1 and answer["error"].encode() in text.stderr


def test_a_usage_error_of_a_json_command_is_json(tmp_path: Path) -> None:
    result = run(["users", "list", "--json", "--limit", "3"], tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments" in json.loads(result.stdout)["error"]


# -- escape sequences in data ----------------------------------------------------------------


def test_escape_sequences_in_scans_do_not_reach_the_terminal(tmp_path: Path) -> None:
    from fulfillment_app.context import AppContext
    from fulfillment_app.db.models import Order, OrderLine
    from tests.conftest import make_settings

    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    with AppContext.running(make_settings(url, tmp_path)) as ctx:
        with ctx.db.session() as s:
            order = Order(external_id="5001", number="1001", ship_to={"name": "Dana"})
            order.lines = [OrderLine(sku="SKU-1000", name="Mug", quantity=1)]
            s.add(order)
    scans = tmp_path / "scans.txt"
    fake = "\x1b[2J\x1b[H\x1b[32mpacked OK\x07\u202e"
    scans.write_text(f"{fake}\n", encoding="utf-8")
    result = run(["--database", url, "pack", "--order", "1001", "--scans", str(scans)], tmp_path)
    out = (result.stdout + result.stderr).decode()
    assert "\\x1b[2J\\x1b[H\\x1b[32mpacked OK\\x07\\u202e" in out, out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


@given(st.text())
def test_safe_text_leaves_no_control_character(text: str) -> None:
    shown = safe_text(text)
    assert not any(
        ord(c) < 0x20
        or 0x7F <= ord(c) <= 0x9F
        or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        for c in shown
    )
    if text.isprintable() and "\\" not in text:
        assert shown == text  # ordinary text (Hebrew too) is shown as it is


# -- who did it ------------------------------------------------------------------------------


def test_the_audit_names_the_process_account_and_host_not_user(
    database_url: str, tmp_path: Path
) -> None:
    db = ["--database", database_url]
    forged = {"USER": "mallory", "LOGNAME": "mallory", "USERNAME": "mallory"}
    added = run(
        [*db, "users", "add", "Dana", "--role", "packer", "--pin", "2468"], tmp_path, **forged
    )
    assert added.returncode == 0, added.stderr
    entries = json.loads(run([*db, "audit", "--json"], tmp_path).stdout)
    account = pwd.getpwuid(os.getuid()).pw_name
    assert entries[0]["actor"] == f"command line ({account}@{socket.gethostname()})"


# -- badges ----------------------------------------------------------------------------------


def test_an_empty_badge_is_refused_and_clearing_is_explicit(
    database_url: str, tmp_path: Path
) -> None:
    db = ["--database", database_url]
    empty = run(
        [*db, "users", "add", "Dana", "--role", "packer", "--pin", "2468", "--badge", ""], tmp_path
    )
    assert empty.returncode == 1 and b"The badge code after --badge is empty" in empty.stderr
    assert run([*db, "users", "add", "Dana", "--role", "packer", "--pin", "2468",
                "--badge", "B-7788"], tmp_path).returncode == 0  # fmt: skip
    refused = run([*db, "users", "set-badge", "Dana", " "], tmp_path)
    assert refused.returncode == 1 and b"--clear" in refused.stderr
    cleared = run([*db, "users", "set-badge", "Dana", "--clear"], tmp_path)
    assert cleared.returncode == 0 and b"the badge of Dana is cleared" in cleared.stdout
    users = json.loads(run([*db, "users", "list", "--json"], tmp_path).stdout)
    assert users[0]["has_badge"] is False
    audit = json.loads(run([*db, "audit", "--json"], tmp_path).stdout)
    assert [e["action"] for e in audit] == ["user.badge_changed", "user.created"]


# -- read-only and missing databases ----------------------------------------------------------


def test_a_read_only_database_reads_and_refuses_writes_with_a_sentence(tmp_path: Path) -> None:
    # Tests run as root, which writes through permission bits; SQLite's mode=ro opens the file
    # as it opens one this account cannot write, with the same "readonly database" refusals.
    path = tmp_path / "station.sqlite3"
    assert run(["--database", f"sqlite:///{path}", "db", "upgrade"], tmp_path).returncode == 0
    added = run(["--database", f"sqlite:///{path}", "users", "add", "Dana", "--role", "packer",
                 "--pin", "2468"], tmp_path)  # fmt: skip
    assert added.returncode == 0
    read_only = ["--database", f"sqlite:///file:{path}?mode=ro&uri=true"]
    listed = run([*read_only, "users", "list"], tmp_path)
    assert listed.returncode == 0 and b"Dana" in listed.stdout, listed.stderr
    assert listed.stderr == b""
    write = run([*read_only, "users", "deactivate", "Dana"], tmp_path)
    assert write.returncode == 1
    assert b"is read-only, so nothing was changed" in write.stderr
    assert b"Traceback" not in write.stderr
    assert b"Dana" in run([*read_only, "users", "list"], tmp_path).stdout


def test_a_read_only_database_with_an_old_schema_says_so(tmp_path: Path) -> None:
    from fulfillment_app.db import Database, migrate

    path = tmp_path / "old.sqlite3"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db, "0007")
    db.dispose()
    result = run(
        ["--database", f"sqlite:///file:{path}?mode=ro&uri=true", "users", "list"], tmp_path
    )
    assert result.returncode == 1
    assert b"is read-only and its schema is older than this version needs" in result.stderr


def test_a_mistyped_sqlite_path_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fulfilment.sqlite3"  # one l short
    result = run(["--database", f"sqlite:///{path}", "users", "list"], tmp_path)
    assert result.returncode == 1
    message = f"There is no database at {path}; create it with 'fulfillment db upgrade'."
    assert result.stderr.decode().strip() == f"error: {message}"
    assert not path.exists()
    assert run(["--database", f"sqlite:///{path}", "db", "upgrade"], tmp_path).returncode == 0
    assert path.exists()


# -- signals ---------------------------------------------------------------------------------


class SilentServer:
    """A loopback HTTP server that accepts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.closed = threading.Event()
        self.port = self.sock.getsockname()[1]
        self.accepted = threading.Event()
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, name="silent-server", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.conns.append(conn)
            self.accepted.set()

    def close(self) -> None:
        self.closed.set()
        self.thread.join(timeout=5)
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_a_sync_that_waits_on_a_silent_store(
    tmp_path: Path, signum: int, status: int
) -> None:
    server = SilentServer()
    try:
        db = ["--database", f"sqlite:///{tmp_path / 'station.sqlite3'}"]
        assert run([*db, "db", "upgrade"], tmp_path).returncode == 0
        env = {**os.environ, "FULFILLMENT_DATA_DIR": str(tmp_path), "SHOP_TOKEN": "shpat_x"}
        added = run([*db, "stores", "add", "shopify", "--name", "silent", "--shop-url",
                     f"http://127.0.0.1:{server.port}", "--token-env", "SHOP_TOKEN"],
                    tmp_path, SHOP_TOKEN="shpat_x")  # fmt: skip
        assert added.returncode == 0, added.stderr
        child = subprocess.Popen(
            [str(BIN), *db, "sync", "--once"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert server.accepted.wait(90), "the sync never reached the store"
            time.sleep(0.5)  # the request is sent: the command now waits for an answer
            child.send_signal(signum)
            start = time.monotonic()
            _out, err = child.communicate(timeout=30)
            assert time.monotonic() - start < 10
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == status
        assert err.decode().strip().splitlines()[-1] == "stopped"
    finally:
        server.close()
