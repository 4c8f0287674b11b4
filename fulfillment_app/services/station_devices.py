"""The station's devices for an admin: their state, a test of each, the print queue.

Every call here may wait for a device (a scale settling, a printer, the next scan, an RFID
window): the desktop runs them in the device lanes, never on the GUI thread.
"""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass

from ..devices.errors import DeviceError
from ..devices.manager import DeviceManager, DeviceStatus
from ..labels.documents import code_label
from ..scanning import Interpreter
from .labels import renderer
from .permissions import Actor, Permission
from .printing import PendingJob, PrintOutcome, PrintQueue

TEST_CODE = "TEST-LABEL-0001"


@dataclass(frozen=True)
class ScaleTest:
    grams: float
    stable: bool
    text: str


@dataclass(frozen=True)
class BadgeTest:
    """What the scanner read: the kind the station makes of it, and the code with all but its
    last four characters hidden (a badge is a credential)."""

    kind: str
    shown: str


class StationDevices:
    def __init__(
        self, devices: DeviceManager, printing: PrintQueue, scans: Interpreter, station: str
    ):
        self._devices = devices
        self._printing = printing
        self._scans = scans
        self._station = station

    def statuses(self, actor: Actor) -> list[DeviceStatus]:
        actor.require(Permission.CONFIGURE)
        return sorted(self._devices.statuses(), key=lambda s: (s.kind, s.name))

    def read_scale(self, actor: Actor, name: str, timeout_s: float = 5.0) -> ScaleTest:
        actor.require(Permission.CONFIGURE)
        try:
            reading = self._devices.read_weight(name, timeout_s).result(timeout=timeout_s + 5)
        except concurrent.futures.TimeoutError:
            raise DeviceError(f"The scale {name} did not answer in time.") from None
        grams = float(reading.grams or 0.0)
        return ScaleTest(grams, reading.stable, f"{grams:g} g")

    def print_test_label(self, actor: Actor, name: str) -> PrintOutcome:
        """A small label with the station's name and a barcode, through the print queue (so
        a printer that is not ready shows its job waiting)."""
        actor.require(Permission.CONFIGURE)
        label = code_label(TEST_CODE, f"Test {self._station}"[:40])
        return self._printing.submit(name, renderer("zpl")(label), f"test label for {name}")

    def read_badge(self, actor: Actor, name: str, timeout_s: float = 10.0) -> BadgeTest | None:
        """The next scan from scanner ``name`` within ``timeout_s`` (None when nothing came)."""
        actor.require(Permission.CONFIGURE)
        data = self._devices.next_scan(name, timeout_s)
        if data is None:
            return None
        result = self._scans.interpret(data)
        text = data.decode("utf-8", errors="replace")
        shown = "•" * max(len(text) - 4, 0) + text[-4:] if result.kind == "badge" else text
        return BadgeTest(result.kind, shown)

    def read_rfid(self, actor: Actor, name: str) -> list[str]:
        actor.require(Permission.CONFIGURE)
        return sorted(self._devices.bulk_read(name))

    # -- the print queue -------------------------------------------------------------------

    def print_jobs(self, actor: Actor) -> list[PendingJob]:
        return self._printing.queue(actor)

    def retry_job(self, actor: Actor, job_id: int) -> PrintOutcome:
        return self._printing.retry(actor, job_id)

    def cancel_job(self, actor: Actor, job_id: int) -> None:
        actor.require(Permission.CONFIGURE)
        self._printing.cancel(actor, job_id)
