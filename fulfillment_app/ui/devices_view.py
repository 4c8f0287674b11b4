"""The station devices screen (admins): each configured device with its state and last error,
a test for each (read the scale, print a test label, read a badge, read RFID tags), and the
print queue with its waiting and failed jobs (retry, cancel).

The device tests wait for the devices in their own lanes, so a scale settling or a printer
that does not answer never holds up anything else. The list refreshes every two seconds while
the screen is shown, and at once on a status change when given the device bridge's signal."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, SignalInstance
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from ..context import AppContext
from ..devices.manager import DeviceState, DeviceStatus
from ..services.printing import PendingJob, PrintOutcome
from ..services.station_devices import BadgeTest, ScaleTest, StationDevices
from .i18n import time_text
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel, row_table

REFRESH_MS = 2000
BADGE_WAIT_S = 10.0


def _when(value: datetime | None) -> str:
    return time_text(value.astimezone(), seconds=True) if value else ""


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner's Enter must not press it
    return button


class DevicesView(Screen):
    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("Station devices"), parent)
        self._service = StationDevices(
            context.devices, context.printing, context.scans, context.settings.station.name
        )
        self._runner = runner
        self._sounds = sounds
        self._statuses: list[DeviceStatus] = []
        self._last_error: dict[str, tuple[str, datetime]] = {}
        self._jobs: list[PendingJob] = []
        self._loading = False

        self.devices_table = row_table(
            [self.tr("Device"), self.tr("Kind"), self.tr("State"), self.tr("Now"),
             self.tr("Last error"), self.tr("Since")]
        )  # fmt: skip
        self.devices_table.itemSelectionChanged.connect(self._enable_tests)
        self.body.addWidget(self.devices_table, 2)
        tests = QHBoxLayout()
        self.scale_button = _button(self.tr("Read the scale"))
        self.print_button = _button(self.tr("Print a test label"))
        self.badge_button = _button(self.tr("Read a badge"))
        self.rfid_button = _button(self.tr("Read RFID tags"))
        self.test_buttons = {
            "scale": self.scale_button,
            "printer": self.print_button,
            "scanner": self.badge_button,
            "rfid": self.rfid_button,
        }
        for kind, button in self.test_buttons.items():
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, k=kind: self._test(k))
            tests.addWidget(button)
        tests.addStretch(1)
        self.body.addLayout(tests)
        self.test_result = MessageLabel()
        font = self.test_result.font()
        font.setPointSize(font.pointSize() + 4)
        self.test_result.setFont(font)
        self.body.addWidget(self.test_result)

        self.body.addWidget(QLabel(self.tr("Print queue: jobs waiting and failed")))
        self.jobs_table = row_table(
            [self.tr("Job"), self.tr("Printer"), self.tr("What"), self.tr("State"),
             self.tr("Tries"), self.tr("What the printer said")]
        )  # fmt: skip
        self.jobs_table.itemSelectionChanged.connect(self._enable_jobs)
        self.body.addWidget(self.jobs_table, 2)
        jobs = QHBoxLayout()
        self.retry_button = _button(self.tr("Print it now"))
        self.cancel_button = _button(self.tr("Cancel the job"))
        self.refresh_button = _button(self.tr("Refresh"))
        self.retry_button.clicked.connect(self._retry)
        self.cancel_button.clicked.connect(self._cancel)
        self.refresh_button.clicked.connect(self.on_refresh)
        for button in (self.retry_button, self.cancel_button, self.refresh_button):
            jobs.addWidget(button)
        jobs.addStretch(1)
        self.body.addLayout(jobs)
        self._enable_jobs()
        self.message = MessageLabel()
        self.body.addWidget(self.message)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.on_refresh)

    def follow(self, status_changed: SignalInstance) -> None:
        """Refresh the device list at once on each status change (the device bridge's
        ``status_changed``), as well as every two seconds."""
        status_changed.connect(self.on_status)

    # -- loading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def on_refresh(self) -> None:
        actor = self._actor
        if actor is None or self._loading:
            return  # not opened yet, or the last refresh is still on its way
        self._loading = True

        def load() -> tuple[list[DeviceStatus], list[PendingJob]]:
            return self._service.statuses(actor), self._service.print_jobs(actor)

        self._runner.run(load, self._show, self._load_failed)

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self._timer.stop()  # e.g. not allowed: do not repeat the same error every 2 s
        self.message.show_error(error)

    def on_status(self, status: DeviceStatus) -> None:
        if not isinstance(status, DeviceStatus):
            return
        self._statuses = [s for s in self._statuses if s.name != status.name] + [status]
        self._statuses.sort(key=lambda s: (s.kind, s.name))
        self._show_devices()

    def _show(self, loaded: tuple[list[DeviceStatus], list[PendingJob]]) -> None:
        self._loading = False
        self._statuses, self._jobs = loaded
        self._show_devices()
        self._show_jobs()
        if not self._statuses and not self.message.text():
            self.message.show_info(self.tr("No devices are configured for this station."))

    def state_text(self, status: DeviceStatus) -> str:
        return {
            DeviceState.CONNECTING: self.tr("connecting"),
            DeviceState.CONNECTED: self.tr("connected"),
            DeviceState.RECONNECTING: self.tr("reconnecting"),
            DeviceState.ERROR: self.tr("error"),
            DeviceState.STOPPED: self.tr("stopped"),
        }.get(status.state, status.state.value)

    def _show_devices(self) -> None:
        selected = self.selected_device()
        self.devices_table.blockSignals(True)
        self.devices_table.setRowCount(len(self._statuses))
        for i, status in enumerate(self._statuses):
            if status.detail and status.state is not DeviceState.STOPPED:
                seen = self._last_error.get(status.name)
                if seen is None or seen[0] != status.detail:
                    self._last_error[status.name] = (status.detail, status.at)
            error, at = self._last_error.get(status.name, ("", None))
            good = status.state is DeviceState.CONNECTED and not status.detail
            values = (
                status.name, status.kind, self.state_text(status), status.detail,
                error, _when(at) if error else _when(status.at),
            )  # fmt: skip
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j == 2 and not good:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.devices_table.setItem(i, j, item)
            if selected is not None and status.name == selected.name:
                self.devices_table.selectRow(i)
        if selected is None and self._statuses:
            self.devices_table.selectRow(0)
        self.devices_table.resizeColumnsToContents()
        self.devices_table.blockSignals(False)
        self._enable_tests()

    def job_state_text(self, job: PendingJob) -> str:
        return self.tr("failed") if job.failed else self.tr("waiting")

    def _show_jobs(self) -> None:
        selected = self.selected_job()
        self.jobs_table.blockSignals(True)
        self.jobs_table.setRowCount(len(self._jobs))
        for i, job in enumerate(self._jobs):
            values = (
                str(job.id), job.printer, job.description, self.job_state_text(job),
                str(job.attempts), job.last_error or "",
            )  # fmt: skip
            for j, value in enumerate(values):
                self.jobs_table.setItem(i, j, QTableWidgetItem(value))
            if selected is not None and job.id == selected.id:
                self.jobs_table.selectRow(i)
        self.jobs_table.resizeColumnsToContents()
        self.jobs_table.blockSignals(False)
        self._enable_jobs()

    # -- selection ---------------------------------------------------------------------------

    def selected_device(self) -> DeviceStatus | None:
        rows = self.devices_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._statuses):
            return None
        return self._statuses[rows[0].row()]

    def selected_job(self) -> PendingJob | None:
        rows = self.jobs_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._jobs):
            return None
        return self._jobs[rows[0].row()]

    def select_device(self, name: str) -> None:
        for i, status in enumerate(self._statuses):
            if status.name == name:
                self.devices_table.selectRow(i)

    def _enable_tests(self) -> None:
        device = self.selected_device()
        for kind, button in self.test_buttons.items():
            button.setEnabled(device is not None and device.kind == kind)

    def _enable_jobs(self) -> None:
        job = self.selected_job()
        self.retry_button.setEnabled(job is not None)
        self.cancel_button.setEnabled(job is not None)

    # -- device tests ----------------------------------------------------------------------

    def _test(self, kind: str) -> None:
        device = self.selected_device()
        actor = self._actor
        if device is None or actor is None or device.kind != kind:
            return
        name = device.name
        button = self.test_buttons[kind]
        button.setEnabled(False)
        service = self._service
        if kind == "scale":
            self.test_result.show_info(self.tr("Reading {name}…").format(name=name))
            self._runner.run(
                lambda: service.read_scale(actor, name), self._scale_read, self._test_failed,
                lane="scale",
            )  # fmt: skip
        elif kind == "printer":
            self.test_result.show_info(
                self.tr("Printing a test label on {name}…").format(name=name)
            )
            self._runner.run(
                lambda: service.print_test_label(actor, name), self._printed, self._test_failed,
                lane="printer",
            )  # fmt: skip
        elif kind == "scanner":
            self.test_result.show_info(
                self.tr("Scan a badge with {name} within {seconds} seconds.").format(
                    name=name, seconds=int(BADGE_WAIT_S)
                )
            )
            self._runner.run(
                lambda: service.read_badge(actor, name, BADGE_WAIT_S), self._badge_read,
                self._test_failed, lane="scanner",
            )  # fmt: skip
        else:
            self.test_result.show_info(self.tr("Reading tags with {name}…").format(name=name))
            self._runner.run(
                lambda: service.read_rfid(actor, name), self._tags_read, self._test_failed,
                lane="rfid",
            )  # fmt: skip

    def _scale_read(self, reading: ScaleTest) -> None:
        self._enable_tests()
        self._sounds.play("info")
        if reading.stable:
            self.test_result.show_ok(
                self.tr("The scale reads {weight}.").format(weight=reading.text)
            )
        else:
            self.test_result.show_info(
                self.tr("The scale reads {weight} (not stable).").format(weight=reading.text)
            )

    def _printed(self, outcome: PrintOutcome) -> None:
        self._enable_tests()
        if outcome.printed:
            self._sounds.play("complete")
            self.test_result.show_ok(self.tr("The test label was printed."))
        else:
            self._sounds.play("attention")
            self.test_result.show_error(outcome.message)
        self.on_refresh()

    def _badge_read(self, badge: BadgeTest | None) -> None:
        self._enable_tests()
        if badge is None:
            self._sounds.play("attention")
            self.test_result.show_error(self.tr("Nothing was scanned in time."))
        elif badge.kind == "badge":
            self._sounds.play("accepted")
            self.test_result.show_ok(self.tr("Badge read: {code}").format(code=badge.shown))
        else:
            self._sounds.play("info")
            self.test_result.show_info(
                self.tr("Read {code}: that is not a badge ({kind}).").format(
                    code=badge.shown, kind=badge.kind
                )
            )

    def _tags_read(self, tags: list[str]) -> None:
        self._enable_tests()
        self._sounds.play("info")
        if not tags:
            self.test_result.show_info(self.tr("No tags were read."))
        else:
            self.test_result.show_ok(
                self.tr("{count} tags read: {tags}").format(count=len(tags), tags=", ".join(tags))
            )

    def _test_failed(self, error: Exception) -> None:
        self._enable_tests()
        self._sounds.play("error")
        self.test_result.show_error(error)

    # -- the print queue -------------------------------------------------------------------

    def _retry(self) -> None:
        job, actor = self.selected_job(), self._actor
        if job is None or actor is None:
            return
        self.retry_button.setEnabled(False)
        service = self._service
        self._runner.run(
            lambda: service.retry_job(actor, job.id), self._retried, self._job_failed,
            lane="printer",
        )  # fmt: skip

    def _retried(self, outcome: PrintOutcome) -> None:
        if outcome.printed:
            self._sounds.play("complete")
            self.message.show_ok(self.tr("Job {job} was printed.").format(job=outcome.job_id))
        else:
            self._sounds.play("attention")
            self.message.show_error(outcome.message)
        self.on_refresh()

    def _cancel(self) -> None:
        job, actor = self.selected_job(), self._actor
        if job is None or actor is None:
            return
        service = self._service
        self._runner.run(
            lambda: service.cancel_job(actor, job.id),
            lambda _: self._cancelled(job.id),
            self._job_failed,
        )

    def _cancelled(self, job_id: int) -> None:
        self._sounds.play("info")
        self.message.show_ok(self.tr("Job {job} was cancelled.").format(job=job_id))
        self.on_refresh()

    def _job_failed(self, error: Exception) -> None:
        self._sounds.play("error")
        self.message.show_error(error)
        self._enable_jobs()
