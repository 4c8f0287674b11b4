"""Devices against their simulators over real pseudo-terminals and loopback sockets."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fulfillment_app.config import DeviceSettings
from fulfillment_app.devices import scale_protocols as sp
from fulfillment_app.devices.errors import (
    DeviceError,
    DeviceOffline,
    PrinterNotReady,
    PrinterOffline,
    ScaleNotStable,
    ScaleOutOfRange,
)
from fulfillment_app.devices.manager import DeviceManager, DeviceState
from fulfillment_app.devices.printer import Printer, parse_host_status
from fulfillment_app.devices.rfid import TagLineParser
from fulfillment_app.devices.scale import Scale
from fulfillment_app.devices.serial_link import Framer
from fulfillment_app.devices.simulators import (
    PrinterSimulator,
    RfidSimulator,
    ScaleSimulator,
    ScannerSimulator,
)

EPC_A = "3074257BF7194E4000001A85"
EPC_B = "3074257BF7194E4000001A86"
EPC_C = "30340242201D8840009EFDA9"


def wait_for(condition: Callable[[], bool], timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


@pytest.fixture
def sims() -> Iterator[list]:  # type: ignore[type-arg]
    """Simulators a test starts, closed (threads joined) at the end."""
    started: list = []  # type: ignore[type-arg]
    yield started
    for sim in started:
        sim.close()


@pytest.fixture
def managers() -> Iterator[list[DeviceManager]]:
    started: list[DeviceManager] = []
    yield started
    for manager in started:
        manager.stop()


def scale_settings(sim: ScaleSimulator, protocol: str, timeout_s: float = 1.0) -> DeviceSettings:
    return DeviceSettings(kind="scale", url=sim.url, protocol=protocol, timeout_s=timeout_s)


# -- scales --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("protocol", "unit", "grams", "expected"),
    [
        ("sics", "g", 1234.5, 1234.5),
        ("sics", "kg", 1234.0, 1234.0),
        ("nci", "lb", 907.18474, 907.185),  # 2.00 lb
        ("nci", "kg", 1500.0, 1500.0),
        ("cas", "kg", 2750.0, 2750.0),
    ],
)
def test_stable_weight_in_grams(sims, tmp_path, protocol, unit, grams, expected) -> None:  # type: ignore[no-untyped-def]
    sim = ScaleSimulator(protocol, tmp_path / "scale", grams=grams, unit=unit)
    sims.append(sim)
    with Scale(scale_settings(sim, protocol)) as scale:
        reading = scale.read_stable(3.0)
    assert reading.stable and reading.grams == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("protocol", ["sics", "nci", "cas"])
def test_each_bad_state_is_told_apart(sims, tmp_path, protocol) -> None:  # type: ignore[no-untyped-def]
    sim = ScaleSimulator(protocol, tmp_path / "scale", grams=500)
    sims.append(sim)
    with Scale(scale_settings(sim, protocol, 0.5)) as scale:
        sim.stable = False
        with pytest.raises(ScaleNotStable, match=r"did not settle in 0\.3 s"):
            scale.read_stable(0.3)
        sim.stable, sim.overload = True, True
        with pytest.raises(ScaleOutOfRange, match="overload"):
            scale.read_stable(1.0)
        sim.overload = False
        if protocol != "cas":  # a streaming scale has no underload frame
            sim.underload = True
            with pytest.raises(ScaleOutOfRange, match="underload"):
                scale.read_stable(1.0)
            sim.underload = False
        sim.silent = True
        with pytest.raises(DeviceOffline, match=r"did not answer in 0\.5 s"):
            scale.read_stable(1.0)
        sim.silent = False
        assert scale.read_stable(2.0).grams == 500


def test_garbage_on_the_line_is_skipped(sims, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sim = ScaleSimulator("sics", tmp_path / "scale", grams=250)
    sims.append(sim)
    original = sim._sics
    sim._sics = lambda command: b"\x00\xff#@!noise\r\n" + original(command)  # type: ignore[method-assign]
    with Scale(scale_settings(sim, "sics")) as scale:
        assert scale.read_stable(2.0).grams == 250


def test_unplugged_scale_is_offline_and_comes_back(sims, tmp_path, managers) -> None:  # type: ignore[no-untyped-def]
    sim = ScaleSimulator("nci", tmp_path / "scale", grams=800)
    sims.append(sim)
    statuses = []
    manager = DeviceManager({"scale": scale_settings(sim, "nci", 0.5)}, on_status=statuses.append)
    managers.append(manager)
    manager.start()
    wait_for(lambda: manager.status("scale").state is DeviceState.CONNECTED)
    assert manager.read_weight("scale").result(5).grams == 800

    sim.unplug()
    wait_for(lambda: manager.status("scale").state is DeviceState.RECONNECTING)
    with pytest.raises(DeviceOffline):
        manager.read_weight("scale", 1.0).result(5)
    # The port is gone: while it stays gone, the status says what to check.
    wait_for(lambda: "plugged in" in manager.status("scale").detail)

    sim.grams = 950
    sim.replug()
    wait_for(lambda: manager.status("scale").state is DeviceState.CONNECTED, timeout=15)
    assert manager.read_weight("scale").result(5).grams == 950
    states = [s.state for s in statuses]
    assert states[0] is DeviceState.CONNECTED and DeviceState.RECONNECTING in states


def test_read_scale_command(sims, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import subprocess
    import sys

    sim = ScaleSimulator("sics", tmp_path / "scale", grams=1234.5)
    sims.append(sim)
    fulfillment = str(Path(sys.executable).parent / "fulfillment")
    env = {**os.environ, "FULFILLMENT_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [fulfillment, "devices", "read-scale", sim.url, "--protocol", "sics", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "grams": 1234.5,
        "stable": True,
        "state": "stable",
        "unit": "g",
    }
    sim.silent = True
    result = subprocess.run(
        [
            fulfillment,
            "devices",
            "read-scale",
            sim.url,
            "--protocol",
            "sics",
            "--json",
            "--timeout",
            "1",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["stable"] is False and "did not answer" in answer["error"]


# -- scanners ------------------------------------------------------------------------------------


def test_serial_scanner_scans_and_survives_a_replug(sims, tmp_path, managers) -> None:  # type: ignore[no-untyped-def]
    sim = ScannerSimulator(tmp_path / "scanner", suffix=b"\r\n")
    sims.append(sim)
    scans: list[bytes] = []
    settings = DeviceSettings(kind="scanner", url=sim.url, suffix="CRLF")
    manager = DeviceManager({"gun": settings}, on_scan=lambda _name, data: scans.append(data))
    managers.append(manager)
    manager.start()
    wait_for(lambda: manager.status("gun").state is DeviceState.CONNECTED)
    sim.scan("5901234123457")
    sim.scan("0109501101020917\x1d2110", aim="]C1")  # GS survives a serial link
    sim.write(b"\x00\x00garbage without end " * 500)  # noise, then a clean scan
    sim.scan("TOTE-0042")
    wait_for(lambda: len(scans) >= 3)
    assert scans[0] == b"5901234123457"
    assert scans[1] == b"]C10109501101020917\x1d2110"
    assert scans[-1].endswith(b"TOTE-0042")

    sim.unplug()
    wait_for(lambda: manager.status("gun").state is DeviceState.RECONNECTING)
    sim.replug()
    wait_for(lambda: manager.status("gun").state is DeviceState.CONNECTED, timeout=15)
    sim.scan("BADGE-1001")
    wait_for(lambda: scans[-1] == b"BADGE-1001")


# -- RFID ----------------------------------------------------------------------------------------


def test_bulk_read_counts_each_tag_once(sims, tmp_path, managers) -> None:  # type: ignore[no-untyped-def]
    sim = RfidSimulator(tmp_path / "rfid", tags={EPC_A, EPC_B})
    sim.reads_per_tick = 20  # each tag read dozens of times in the window
    sims.append(sim)
    manager = DeviceManager({"pad": DeviceSettings(kind="rfid", url=sim.url)})
    managers.append(manager)
    manager.start()
    wait_for(lambda: manager.status("pad").state is DeviceState.CONNECTED)
    sim.write(b"not a tag line\r\nRSSI only\r\n")
    assert manager.bulk_read("pad", 0.5) == {EPC_A, EPC_B}
    sim.tags = {EPC_C}
    # Reads of the tags taken away may still be on the line; then only the tag on the pad.
    wait_for(lambda: manager.bulk_read("pad", 0.5) == {EPC_C})
    sim.unplug()
    wait_for(lambda: manager.status("pad").state is DeviceState.RECONNECTING)
    with pytest.raises(DeviceOffline, match="not connected"):
        manager.bulk_read("pad", 0.1)


def test_tag_line_formats() -> None:
    default = TagLineParser(DeviceSettings().line_pattern)
    assert default.parse(b"3074257BF7194E4000001A85,RSSI=-57,ANT=1\r\n") == EPC_A
    assert default.parse(b"EPC:3074257bf7194e4000001a85") == EPC_A
    assert default.parse(b"RSSI=-57") is None
    custom = TagLineParser(r"^\d+;(?P<epc>[0-9A-F]+);")
    assert custom.parse(b"2;" + EPC_B.encode() + b";-61") == EPC_B
    with pytest.raises(DeviceError, match="group named 'epc'"):
        TagLineParser(r"^(\w+)$")


# -- printers ------------------------------------------------------------------------------------


def printer_settings(url: str) -> DeviceSettings:
    return DeviceSettings(kind="printer", url=url, protocol="zpl", timeout_s=0.5)


def test_label_printer_status_and_jobs(sims) -> None:  # type: ignore[no-untyped-def]
    sim = PrinterSimulator()
    sims.append(sim)
    printer = Printer(printer_settings(sim.url))
    assert printer.status().ready
    printer.send(b"^XA^FO50,50^A0N,40,40^FDHello^FS^XZ")
    wait_for(lambda: sim.job_count() == 1)
    assert sim.jobs == [b"^XA^FO50,50^A0N,40,40^FDHello^FS^XZ"]
    for flag, message in (
        ("paper_out", "out of labels"),
        ("head_open", "print head is open"),
        ("paused", "paused"),
    ):
        setattr(sim, flag, True)
        with pytest.raises(PrinterNotReady, match=message):
            printer.send(b"^XA^XZ")
        setattr(sim, flag, False)
    sim.silent = True  # some printers say nothing with the head open
    with pytest.raises(PrinterNotReady, match="does not answer"):
        printer.send(b"^XA^XZ")
    assert sim.job_count() == 1


def test_printer_that_is_off(sims) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    printer = Printer(printer_settings(f"tcp://127.0.0.1:{port}"))
    with pytest.raises(PrinterOffline, match="Cannot reach the printer"):
        printer.send(b"^XA^XZ")


def test_spool_folder_transport(tmp_path) -> None:  # type: ignore[no-untyped-def]
    printer = Printer(DeviceSettings(kind="printer", url=f"spool://{tmp_path}/out", protocol="zpl"))
    assert printer.status() is None
    printer.send(b"^XA^XZ")
    files = list((tmp_path / "out").iterdir())
    assert len(files) == 1 and files[0].read_bytes() == b"^XA^XZ"


def test_host_status_parsing() -> None:
    sim = PrinterSimulator()
    try:
        sim.paper_out = sim.head_open = True
        status = parse_host_status(sim.status_reply())
    finally:
        sim.close()
    assert status.paper_out and status.head_open and not status.ready
    with pytest.raises(DeviceError):
        parse_host_status(b"\x02only one line\x03")


# -- parsers never raise on noise ----------------------------------------------------------------


@given(st.binary(max_size=120))
def test_scale_parsers_take_any_bytes(data: bytes) -> None:
    for parse in (sp.parse_sics, sp.parse_nci, sp.parse_cas):
        reading = parse(data)
        assert isinstance(reading.state, sp.ScaleState)
        if reading.grams is not None:
            assert reading.unit is not None


@given(st.binary(max_size=300))
def test_host_status_parser_takes_any_bytes(data: bytes) -> None:
    try:
        parse_host_status(data)
    except DeviceError:
        pass


@given(st.binary(max_size=200))
def test_tag_line_parser_takes_any_bytes(data: bytes) -> None:
    epc = TagLineParser(DeviceSettings().line_pattern).parse(data)
    assert epc is None or (len(epc) % 2 == 0 and epc == epc.upper())


@given(st.lists(st.binary(max_size=50), max_size=20))
def test_framer_keeps_every_byte_of_complete_frames(chunks: list[bytes]) -> None:
    framer = Framer(b"\r\n", max_frame=10_000)
    frames = [f for chunk in chunks for f in framer.feed(chunk)]
    joined = b"".join(chunks)
    assert frames == joined.split(b"\r\n")[:-1]


# -- the device commands -------------------------------------------------------------------------


def _fulfillment(args: list[str], tmp_path: Path, config: str | None = None, **kw):  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    env = {**os.environ, "FULFILLMENT_DATA_DIR": str(tmp_path)}
    if config is not None:
        (tmp_path / "settings.toml").write_text(config, encoding="utf-8")
        env["FULFILLMENT_CONFIG"] = str(tmp_path / "settings.toml")
    return subprocess.run(
        [str(Path(sys.executable).parent / "fulfillment"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        **kw,
    )


def test_devices_test_talks_to_configured_devices(sims, tmp_path) -> None:  # type: ignore[no-untyped-def]
    scale = ScaleSimulator("cas", tmp_path / "scale", grams=640)
    printer = PrinterSimulator()
    rfid = RfidSimulator(tmp_path / "rfid", tags={EPC_A, EPC_B})
    sims.extend([scale, printer, rfid])
    config = f"""
[devices.scale]
kind = "scale"
url = "{scale.url}"
protocol = "cas"
[devices.labels]
kind = "printer"
url = "{printer.url}"
protocol = "zpl"
[devices.pad]
kind = "rfid"
url = "{rfid.url}"
"""
    listed = _fulfillment(["devices", "list"], tmp_path, config)
    assert "scale" in listed.stdout and "printer" in listed.stdout
    weighed = _fulfillment(["devices", "test", "scale"], tmp_path, config)
    assert weighed.returncode == 0 and "stable weight 640 g" in weighed.stdout, weighed.stderr
    ready = _fulfillment(["devices", "test", "labels"], tmp_path, config)
    assert ready.stdout.strip() == "labels: ready"
    printer.head_open = True
    not_ready = _fulfillment(["devices", "test", "labels"], tmp_path, config)
    assert not_ready.returncode == 1 and "print head is open" in not_ready.stdout
    tags = _fulfillment(["devices", "test", "pad", "--seconds", "0.5"], tmp_path, config)
    assert "2 distinct tag(s)" in tags.stdout and EPC_A in tags.stdout
    unknown = _fulfillment(["devices", "test", "nope"], tmp_path, config)
    assert unknown.returncode == 1 and "No device called nope" in unknown.stderr


def test_simulate_command_says_where_it_listens(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "fulfillment"),
            "devices",
            "simulate",
            "scale",
            "--link",
            str(tmp_path / "scale"),
            "--grams",
            "777",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FULFILLMENT_DATA_DIR": str(tmp_path)},
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == f"simulated scale (sics) on {tmp_path / 'scale'}"
        with Scale(DeviceSettings(kind="scale", url=str(tmp_path / "scale"), protocol="sics")) as s:
            assert s.read_stable(2).grams == 777
            proc.stdin.write("812.5\n")
            proc.stdin.flush()
            wait_for(lambda: s.read().grams == 812.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    assert proc.returncode == 0
