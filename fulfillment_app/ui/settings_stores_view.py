"""The admins' Stores settings: connect a store (its secrets in this station's keyring or
named environment variables, never in the database), test the connection, sync it now with a
progress bar and Cancel, see its last sync, change its address, stop or resume syncing it.

Every call goes through :class:`StoreService` off the GUI thread (tests, syncs and the
keyring in the "network" lane); the sync's progress arrives from that thread as a signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QWidget,
)

from ..context import AppContext
from ..errors import InvalidInput
from ..services.stores import SECRETS, StoreRow
from ..sync.engine import Progress, RunStop, SyncReport
from ..sync.magento import check_options as check_magento_options
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel, fill_rows, hint, no_focus, row_table

#: (name shown, platform): brand names, the same in every language.
PLATFORMS = (
    ("WooCommerce", "woocommerce"),
    ("Shopify", "shopify"),
    ("Magento", "magento"),
    ("BigCommerce", "bigcommerce"),
)
#: The secrets' fields, in the order shown (each platform shows those it needs).
SECRET_KINDS = ("token", "key", "secret", "consumer_key", "consumer_secret", "token_secret")
#: The platform options' fields: (platform, option).
OPTION_FIELDS = (
    ("magento", "store_code"),
    ("magento", "source_code"),
    ("bigcommerce", "store_hash"),
    ("bigcommerce", "location_id"),
)


def platform_options(platform: str, given: dict[str, str], not_a_number: str) -> dict[str, Any]:
    """The platform's options as typed on the screen, checked as the command line checks
    them (empty fields take the platform's defaults)."""
    if platform == "magento":
        return check_magento_options(
            given.get("store_code") or "default", given.get("source_code") or "default"
        )
    if platform == "bigcommerce":
        location = given.get("location_id") or "1"
        if not location.isdigit():
            raise InvalidInput(not_a_number)
        return {"store_hash": given.get("store_hash", ""), "location_id": int(location)}
    return {}


def _when(value: Any) -> str:
    never = QCoreApplication.translate("SettingsStoresView", "never")
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else never


class SettingsStoresView(Screen):
    """Stores, for admins (Permission.MANAGE_STORES, checked by the service)."""

    #: A sync's progress, emitted on the sync's thread and shown on the GUI thread.
    sync_progressed = Signal(object)

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("Stores"), parent)
        self._context, self._runner, self._sounds = context, runner, sounds
        self._rows: list[StoreRow] = []
        self._cancel: RunStop | None = None
        self._syncing: str | None = None

        self.stores_table = row_table(
            [self.tr("Store"), self.tr("Platform"), self.tr("Address"), self.tr("Syncing"),
             self.tr("Orders"), self.tr("Last sync"), self.tr("Problem")]
        )  # fmt: skip
        self.stores_table.itemSelectionChanged.connect(self._on_selected)
        self.body.addWidget(self.stores_table, 1)

        # -- the chosen store ---------------------------------------------------------------
        chosen = QGroupBox(self.tr("The chosen store"))
        rows = QFormLayout(chosen)
        self.last_sync = QLabel(self.tr("Choose a store in the list."))
        self.last_sync.setWordWrap(True)
        rows.addRow(self.tr("Last sync"), self.last_sync)
        self.edit_url = QLineEdit()
        self.save_url_button = QPushButton(self.tr("Save the address"))
        self.save_url_button.clicked.connect(self._save_url)
        url_row = QHBoxLayout()
        url_row.addWidget(self.edit_url, 1)
        url_row.addWidget(self.save_url_button)
        rows.addRow(self.tr("Address"), url_row)
        actions = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test the connection"))
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.cancel_button = QPushButton(self.tr("Cancel the sync"))
        self.active_button = QPushButton(self.tr("Stop syncing this store"))
        self.test_button.clicked.connect(self._test)
        self.sync_button.clicked.connect(self._sync)
        self.cancel_button.clicked.connect(self._cancel_sync)
        self.active_button.clicked.connect(self._toggle_active)
        for button in (self.test_button, self.sync_button, self.cancel_button, self.active_button):
            actions.addWidget(button)
        rows.addRow(actions)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_text = QLabel()
        rows.addRow(self.progress)
        rows.addRow(self.progress_text)
        self.body.addWidget(chosen)

        # -- a new store --------------------------------------------------------------------
        new = QGroupBox(self.tr("Connect a store"))
        form = QFormLayout(new)
        self.platform = QComboBox()
        for brand, platform in PLATFORMS:
            self.platform.addItem(brand, platform)
        self.platform.currentIndexChanged.connect(self._on_platform)
        form.addRow(self.tr("Platform"), self.platform)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Main shop"))
        form.addRow(self.tr("Name"), self.name)
        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("https://shop.example.com"))
        form.addRow(self.tr("Address"), self.url)
        where = QHBoxLayout()
        self.use_keyring = QRadioButton(self.tr("Keep the secrets in this station's keyring"))
        self.use_env = QRadioButton(self.tr("Read them from environment variables"))
        self.use_keyring.setChecked(True)
        self._where = QButtonGroup(self)
        for choice in (self.use_keyring, self.use_env):
            self._where.addButton(choice)
            where.addWidget(choice)
            choice.toggled.connect(self._on_where)
        form.addRow(self.tr("Secrets"), where)
        self.secret_labels: dict[str, QLabel] = {}
        self.secret_fields: dict[str, QLineEdit] = {}
        for kind in SECRET_KINDS:
            label, field = QLabel(), QLineEdit()
            self.secret_labels[kind], self.secret_fields[kind] = label, field
            form.addRow(label, field)
        self.option_labels: dict[str, QLabel] = {}
        self.option_fields: dict[str, QLineEdit] = {}
        for _platform, option in OPTION_FIELDS:
            label, field = QLabel(), QLineEdit()
            self.option_labels[option], self.option_fields[option] = label, field
            form.addRow(label, field)
        self.add_button = QPushButton(self.tr("Connect the store"))
        self.add_button.clicked.connect(self._add)
        form.addRow(self.add_button)
        form.addRow(
            hint(
                self.tr(
                    "Secrets are never kept in the database or the settings file: a password "
                    "typed here goes to the keyring; otherwise give the NAME of the "
                    "environment variable that holds it on this station."
                )
            )
        )
        self.body.addWidget(new)

        self.message = MessageLabel()
        self.body.addWidget(self.message)
        no_focus(
            self.save_url_button, self.test_button, self.sync_button, self.cancel_button,
            self.active_button, self.add_button,
        )  # fmt: skip
        self.sync_progressed.connect(self._on_progress)
        self._on_platform()
        self._on_selected()

    # -- loading ---------------------------------------------------------------------------

    def on_refresh(self) -> None:
        stores = self._context.stores
        self._runner.run(stores.list, self._show, self.message.show_error)

    def _show(self, rows: list[StoreRow]) -> None:
        chosen = self._chosen()
        chosen_name = chosen.name if chosen else None
        self._rows = rows
        yes, no = self.tr("yes"), self.tr("no")
        fill_rows(self.stores_table, [
            (r.name, r.platform, r.url, yes if r.active else no, str(r.orders),
             _when(r.last_synced_at), r.last_error or "")
            for r in rows
        ])  # fmt: skip
        for i, row in enumerate(rows):
            if row.name == chosen_name or (chosen_name is None and len(rows) == 1):
                self.stores_table.selectRow(i)
        self._on_selected()

    def _chosen(self) -> StoreRow | None:
        picked = {index.row() for index in self.stores_table.selectedIndexes()}
        if len(picked) != 1 or next(iter(picked)) >= len(self._rows):
            return None
        return self._rows[next(iter(picked))]

    def _on_selected(self) -> None:
        row = self._chosen()
        busy = self._syncing is not None
        for button in (self.save_url_button, self.test_button, self.active_button):
            button.setEnabled(row is not None and not busy)
        self.sync_button.setEnabled(row is not None and row.active and not busy)
        self.cancel_button.setEnabled(busy)
        if row is None:
            self.last_sync.setText(self.tr("Choose a store in the list."))
            self.edit_url.clear()
            return
        self.edit_url.setText(row.url)
        self.active_button.setText(
            self.tr("Stop syncing this store") if row.active else self.tr("Sync this store again")
        )
        text = self.tr("{when}; {orders} orders from this store in all.").format(
            when=_when(row.last_synced_at), orders=row.orders
        )
        if row.last_error:
            text += " " + self.tr("Problem: {error}").format(error=row.last_error)
        self.last_sync.setText(text)

    # -- a new store -----------------------------------------------------------------------

    def _on_platform(self) -> None:
        platform = self.platform.currentData()
        names = {
            "token": self.tr("Access token"),
            "key": self.tr("Consumer key"),
            "secret": self.tr("Consumer secret"),
            "consumer_key": self.tr("Consumer key"),
            "consumer_secret": self.tr("Consumer secret"),
            "token_secret": self.tr("Access token secret"),
        }
        for kind, label in self.secret_labels.items():
            needed = kind in SECRETS[platform]
            label.setText(names[kind])
            label.setVisible(needed)
            self.secret_fields[kind].setVisible(needed)
        options = {
            "store_code": (self.tr("Store view code"), self.tr("default")),
            "source_code": (self.tr("Inventory source code"), self.tr("default")),
            "store_hash": (self.tr("Store hash"), self.tr("the letters after /stores/")),
            "location_id": (self.tr("Inventory location id"), "1"),
        }
        for owner, option in OPTION_FIELDS:
            text, placeholder = options[option]
            self.option_labels[option].setText(text)
            self.option_fields[option].setPlaceholderText(placeholder)
            self.option_labels[option].setVisible(owner == platform)
            self.option_fields[option].setVisible(owner == platform)
        self._on_where()

    def _on_where(self) -> None:
        keyring = self.use_keyring.isChecked()
        for field in self.secret_fields.values():
            field.setEchoMode(QLineEdit.EchoMode.Password if keyring else QLineEdit.EchoMode.Normal)
            field.setPlaceholderText(
                self.tr("the secret (kept in the keyring)")
                if keyring
                else self.tr("NAME of the environment variable")
            )

    def _add(self) -> None:
        actor = self._actor
        assert actor is not None
        platform = self.platform.currentData()
        name, url = self.name.text().strip(), self.url.text().strip()
        values = {k: self.secret_fields[k].text().strip() for k in SECRETS[platform]}
        keyring = self.use_keyring.isChecked()
        refs = {} if keyring else {k: {"env": v} for k, v in values.items() if v}
        keep = {k: v for k, v in values.items() if v} if keyring else None
        stores = self._context.stores
        done = self.tr("Store {name} is connected: test it, then sync it.").format(name=name)
        given = {
            option: self.option_fields[option].text().strip()
            for owner, option in OPTION_FIELDS
            if owner == platform
        }
        not_a_number = self.tr("The BigCommerce location id is a whole number, 1 or more.")

        def add() -> str:
            stores.add(
                actor, platform, name, url, refs, keyring_values=keep,
                options=platform_options(platform, given, not_a_number),
            )  # fmt: skip
            return name

        def added(_name: str) -> None:
            for field in (*self.secret_fields.values(), *self.option_fields.values()):
                field.clear()
            self.name.clear()
            self.url.clear()
            self.stores_table.clearSelection()
            self.message.show_ok(done)
            self._sounds.play("accepted")
            self._runner.run(stores.list, self._show_selecting(_name), self.message.show_error)

        # The keyring may ask the desktop's secret service: a wait, so not the database lane.
        self._runner.run(add, added, self._failed, lane="network")

    def _show_selecting(self, name: str) -> Any:
        def show(rows: list[StoreRow]) -> None:
            self._show(rows)
            for i, row in enumerate(rows):
                if row.name == name:
                    self.stores_table.selectRow(i)

        return show

    # -- the chosen store ------------------------------------------------------------------

    def _failed(self, error: Exception) -> None:
        self.message.show_error(error)
        self._sounds.play("error")

    def _changed(self, done: str) -> None:
        self.message.show_ok(done)
        self.on_refresh()

    def _save_url(self) -> None:
        row, actor = self._chosen(), self._actor
        if row is None or actor is None:
            return
        url, stores = self.edit_url.text().strip(), self._context.stores
        done = self.tr("The address of {name} is saved.").format(name=row.name)
        self._runner.run(
            lambda: stores.set_url(actor, row.name, url),
            lambda _none: self._changed(done),
            self._failed,
        )

    def _toggle_active(self) -> None:
        row, actor = self._chosen(), self._actor
        if row is None or actor is None:
            return
        stores, active = self._context.stores, not row.active
        done = (
            self.tr("{name} is synced again.") if active else self.tr("{name} is no longer synced.")
        ).format(name=row.name)
        self._runner.run(
            lambda: stores.set_active(actor, row.name, active),
            lambda _none: self._changed(done),
            self._failed,
        )

    def _test(self) -> None:
        row, actor = self._chosen(), self._actor
        if row is None or actor is None:
            return
        stores = self._context.stores
        self.message.show_info(self.tr("Asking {name}…").format(name=row.name))
        self._runner.run(
            lambda: stores.check(actor, row.name),
            self._tested,
            self._failed,
            lane="network",
        )

    def _tested(self, answer: str) -> None:
        self.message.show_ok(answer)
        self._sounds.play("accepted")

    def _sync(self) -> None:
        row, actor = self._chosen(), self._actor
        if row is None or actor is None or self._syncing is not None:
            return
        context = self._context
        cancel = self._cancel = context.sync.new_cancel()
        self._syncing = row.name
        self.progress.setRange(0, 0)  # busy until the store says how many
        self.progress_text.setText(self.tr("Syncing {name}…").format(name=row.name))
        self.message.clear()
        self._on_selected()
        name, emit = row.name, self.sync_progressed.emit
        self._runner.run(
            lambda: context.stores.sync_now(actor, context.sync, name, emit, cancel),
            self._synced,
            self._sync_failed,
            lane="network",
        )

    def _cancel_sync(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.progress_text.setText(self.tr("Stopping at the next safe point…"))

    def _on_progress(self, p: Progress) -> None:
        if p.phase == "waiting":
            self.progress_text.setText(p.note)
            return
        if p.phase == "orders" and p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(min(p.orders, p.total))
        elif p.phase == "done":
            self.progress.setRange(0, max(p.orders, 1))
            self.progress.setValue(max(p.orders, 1))
        self.progress_text.setText(
            self.tr("{store}: {orders} orders read, {delivered} fulfillments sent").format(
                store=p.store, orders=p.orders, delivered=p.delivered
            )
        )

    def _finish(self) -> None:
        self._syncing, self._cancel = None, None
        self._on_selected()
        self.on_refresh()

    def _synced(self, report: SyncReport) -> None:
        cancelled = self._cancel is not None and self._cancel.is_set()
        self._finish()
        if report.busy:
            self.message.show_warning(
                self.tr("{station} is syncing this store now; try again in a moment.").format(
                    station=report.busy
                )
            )
        elif cancelled:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.message.show_warning(
                self.tr(
                    "Sync cancelled after {orders} orders; what was read is kept, and the "
                    "next sync goes on from there."
                ).format(orders=report.orders)
            )
        elif report.error:
            self.message.show_error(report.error)
            self._sounds.play("error")
        else:
            self.message.show_ok(
                self.tr(
                    "Synced: {new} new orders, {updated} updated, {quarantined} quarantined; "
                    "{delivered} fulfillments sent."
                ).format(
                    new=report.new,
                    updated=report.updated,
                    quarantined=report.quarantined,
                    delivered=report.delivered,
                )
            )
            self._sounds.play("complete")

    def _sync_failed(self, error: Exception) -> None:
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._failed(error)
