"""The ``fulfillment decode`` and ``fulfillment devices ...`` commands."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ..config import DEVICE_KINDS, DeviceSettings, Settings
from ..errors import InvalidInput
from .app import EXIT_USER_ERROR
from .output import print_json, safe_text

# The drivers (pyserial), the simulators and the scan interpreter are imported by the
# commands that use them. The scale protocols are named here for the parser (a test checks
# them against devices.scale.PROTOCOLS).
PROTOCOLS = ("sics", "nci", "cas")


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    decode = sub.add_parser(
        "decode",
        help="show what the app makes of a scan",
        description="Interpret a scan as the stations do. Write the GS1 separator (FNC1, "
        "ASCII 29) as <GS> or \\x1d. With '-' the scans are read from standard input, one "
        "per line, as raw bytes.",
    )
    decode.add_argument("raw", help="the scanned text, or - for standard input")
    decode.add_argument("--rfid", action="store_true", help="the input is an EPC from RFID")
    decode.add_argument("--json", action="store_true", help="print JSON")
    decode.set_defaults(func=cmd_decode)

    devices = sub.add_parser("devices", help="station devices").add_subparsers(
        dest="devices_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    devices.add_parser("list", help="the devices configured for this station").set_defaults(
        func=cmd_devices_list
    )
    test = devices.add_parser("test", help="talk to a configured device and show what it sees")
    test.add_argument("name")
    test.add_argument("--seconds", type=float, default=5.0, help="how long to listen")
    test.set_defaults(func=cmd_devices_test)

    scale = devices.add_parser("read-scale", help="read one stable weight from a scale")
    scale.add_argument("url", help="port or pyserial URL, e.g. /dev/ttyUSB0")
    scale.add_argument("--protocol", required=True, choices=PROTOCOLS)
    scale.add_argument("--baudrate", type=int, default=9600)
    scale.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for stable")
    scale.add_argument("--json", action="store_true")
    scale.set_defaults(func=cmd_read_scale)

    sim = devices.add_parser(
        "simulate",
        help="run a simulated device and print where it listens",
        description="Scale: type a weight in grams, 'unstable', 'stable', 'overload', "
        "'unplug' or 'replug' on standard input. Scanner: each line typed is scanned. RFID: "
        "type EPCs to put in the field, '-EPC' to take one out. Ctrl-C stops.",
    )
    sim.add_argument("kind", choices=DEVICE_KINDS)
    sim.add_argument("--protocol", default="sics", choices=PROTOCOLS, help="scale protocol")
    sim.add_argument("--link", type=Path, help="a stable path (symbolic link) to the port")
    sim.add_argument("--grams", type=float, default=0.0, help="scale: the starting weight")
    sim.add_argument("--tags", nargs="*", default=[], help="RFID: EPCs in the field")
    sim.add_argument("--port", type=int, default=0, help="printer: TCP port (0: any free)")
    sim.set_defaults(func=cmd_simulate)


# -- decode ----------------------------------------------------------------------------------


def _unescape(raw: str) -> str:
    return raw.replace("<GS>", "\x1d").replace("\\x1d", "\x1d").replace("\\x1D", "\x1d")


def cmd_decode(args: argparse.Namespace, settings: Settings) -> int:
    from ..scanning import Interpreter

    interpreter = Interpreter(settings.scan)
    source = "rfid" if args.rfid else "scanner"
    if args.raw == "-":
        scans: list[str | bytes] = [line.rstrip(b"\r\n") for line in sys.stdin.buffer]
        if not scans:
            raise InvalidInput("Standard input held no scans: give one scan per line.")
    else:
        if any("\udc80" <= c <= "\udcff" for c in args.raw):  # bytes that are not UTF-8
            raise InvalidInput(
                "The scan is not valid UTF-8 text: pass its raw bytes on standard input "
                "with 'fulfillment decode -'."
            )
        scans = [_unescape(args.raw)]
    failed = False
    for raw in scans:
        result = interpreter.interpret(raw, source=source)
        failed |= result.kind == "error"
        if args.json:
            print_json(result.to_dict(), indent=None)
            continue
        fields = {k: v for k, v in result.to_dict().items() if k not in ("kind", "raw", "data")}
        details = "  ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())
        print(safe_text(f"{result.kind:<8} {details}"))
    return EXIT_USER_ERROR if failed else 0


# -- devices ---------------------------------------------------------------------------------


def cmd_devices_list(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.devices:
        print("no devices configured: add [devices.NAME] tables to the settings file (README)")
        return 0
    for name, d in settings.devices.items():
        print(safe_text(f"{name:<12} {d.kind:<8} {d.protocol or '-':<6} {d.url}"))
    return 0


def _device(settings: Settings, name: str) -> DeviceSettings:
    try:
        return settings.devices[name]
    except KeyError:
        known = ", ".join(settings.devices) or "none"
        raise InvalidInput(
            f"No device called {name} is configured (configured: {known})."
        ) from None


def cmd_devices_test(args: argparse.Namespace, settings: Settings) -> int:
    from ..devices.printer import Printer
    from ..devices.scale import Scale

    device = _device(settings, args.name)
    if device.kind == "scale":
        with Scale(device) as scale:
            reading = scale.read_stable(args.seconds)
        print(f"{args.name}: stable weight {reading.grams:g} g (scale sent {reading.raw!r})")
    elif device.kind == "printer":
        status = Printer(device).status()
        if status is None:
            print(f"{args.name}: this transport cannot report status; a job would be sent")
        elif status.ready:
            print(f"{args.name}: ready")
        else:
            print(f"{args.name}: not ready: {'; '.join(status.problems)}")
            return EXIT_USER_ERROR
    else:
        return _listen(args.name, device, args.seconds)
    return 0


def _listen(name: str, device: DeviceSettings, seconds: float) -> int:
    from ..devices.errors import DeviceError
    from ..devices.manager import DeviceManager, DeviceState

    scans: list[bytes] = []
    manager = DeviceManager({name: device}, on_scan=lambda _n, data: scans.append(data))
    manager.start()
    try:
        deadline = time.monotonic() + min(seconds, 5.0)
        while manager.status(name).state is not DeviceState.CONNECTED:
            if time.monotonic() > deadline:
                raise DeviceError(f"{name}: {manager.status(name).detail or 'does not connect'}")
            time.sleep(0.05)
        if device.kind == "rfid":
            tags = manager.bulk_read(name, seconds)
            print(f"{name}: {len(tags)} distinct tag(s)")
            for epc in sorted(tags):
                print(f"  {safe_text(epc)}")
        else:
            print(f"{name}: connected; scan something within {seconds:g} s")
            time.sleep(seconds)
            for data in scans:
                print(f"  {safe_text(data.decode('utf-8', errors='backslashreplace'))}")
            print(f"{name}: {len(scans)} scan(s)")
    finally:
        manager.stop()
    return 0


def cmd_read_scale(args: argparse.Namespace, settings: Settings) -> int:
    from ..devices.errors import DeviceError
    from ..devices.scale import Scale

    device = DeviceSettings(kind="scale", url=args.url, protocol=args.protocol,
                            baudrate=args.baudrate)  # fmt: skip
    try:
        with Scale(device) as scale:
            reading = scale.read_stable(args.timeout)
    except DeviceError as exc:
        if args.json:
            print(json.dumps({"grams": None, "stable": False, "error": str(exc)}))
            return EXIT_USER_ERROR
        raise
    if args.json:
        print(json.dumps(reading.to_dict()))
    else:
        print(f"{reading.grams:g} g (stable)")
    return 0


# -- simulators ------------------------------------------------------------------------------


def cmd_simulate(args: argparse.Namespace, settings: Settings) -> int:
    from ..devices.simulators import (
        PrinterSimulator,
        RfidSimulator,
        ScaleSimulator,
        ScannerSimulator,
    )

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    sim: Any
    if args.kind == "scale":
        sim = ScaleSimulator(args.protocol, args.link, grams=args.grams)
        where = f"scale ({args.protocol}) on {sim.url}"
    elif args.kind == "scanner":
        sim = ScannerSimulator(args.link)
        where = f"scanner on {sim.url}"
    elif args.kind == "rfid":
        sim = RfidSimulator(args.link, tags={t.upper() for t in args.tags})
        where = f"RFID reader on {sim.url}"
    else:
        sim = PrinterSimulator(port=args.port)
        where = f"label printer on {sim.url}"
    print(f"simulated {where}", flush=True)
    reader = threading.Thread(target=_commands, args=(sim, args.kind, stop), daemon=True)
    reader.start()
    try:
        with contextlib.suppress(KeyboardInterrupt):
            while not stop.is_set():
                stop.wait(0.5)  # short waits keep Ctrl-C responsive
    finally:
        sim.close()
        if args.kind == "printer":
            print(f"received {sim.job_count()} job(s)")
    return 0


def _commands(sim: Any, kind: str, stop: threading.Event) -> None:
    """Typed commands change the simulator; the end of input leaves it running."""
    for line in sys.stdin:
        word = line.strip()
        if not word:
            continue
        if kind == "scanner":
            sim.scan(word)
        elif kind == "rfid":
            if word.startswith("-"):
                sim.tags.discard(word[1:].upper())
            else:
                sim.tags.add(word.upper())
        elif kind == "scale":
            if word in ("unplug", "replug"):
                getattr(sim, word)()
            elif word in ("stable", "unstable"):
                sim.stable = word == "stable"
            elif word in ("overload", "underload"):
                setattr(sim, word, not getattr(sim, word))
            else:
                try:
                    sim.grams = float(word)
                except ValueError:
                    print(f"not understood: {word}", file=sys.stderr)
        elif kind == "printer" and word in ("paper_out", "head_open", "paused", "silent"):
            setattr(sim, word, not getattr(sim, word))
        if stop.is_set():
            return
