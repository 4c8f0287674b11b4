"""Users: the list with lock state; supervisors unlock, admins also add users."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..db.models import Role, utcnow
from ..services.permissions import Actor, Permission
from ..services.users import UserInfo, UserService
from .login_view import _pin_field
from .screen import Screen
from .tasks import TaskRunner
from .widgets import MessageLabel


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


class UsersView(Screen):
    def __init__(self, users: UserService, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(self.tr("Users"), parent)
        self._users = users
        self._runner = runner
        self._rows: list[UserInfo] = []

        columns = [self.tr("Name"), self.tr("Role"), self.tr("Badge"), self.tr("Locked until"),
                   self.tr("Last sign-in")]  # fmt: skip
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.on_refresh)
        self.unlock_button = QPushButton(self.tr("Unlock selected"))
        self.unlock_button.clicked.connect(self.on_unlock)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

        self.add_box = QGroupBox(self.tr("Add a user"))
        form = QFormLayout(self.add_box)
        self.new_name = QLineEdit()
        self.new_role = QComboBox()
        for role in Role:
            self.new_role.addItem(self.role_text(role), role)
        self.new_pin = _pin_field(self.tr("4 to 12 digits"))
        self.new_badge = QLineEdit()
        self.new_badge.setPlaceholderText(self.tr("optional: scan the badge"))
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.clicked.connect(self.on_add)
        form.addRow(self.tr("Name"), self.new_name)
        form.addRow(self.tr("Role"), self.new_role)
        form.addRow(self.tr("PIN"), self.new_pin)
        form.addRow(self.tr("Badge"), self.new_badge)
        form.addRow(self.add_button)
        self.body.addWidget(self.add_box)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

    def role_text(self, role: Role) -> str:
        return {
            Role.PICKER: self.tr("picker"),
            Role.PACKER: self.tr("packer"),
            Role.SUPERVISOR: self.tr("supervisor"),
            Role.ADMIN: self.tr("admin"),
        }.get(role, role.value)

    def activate(self, actor: Actor) -> None:
        self.add_box.setVisible(actor.can(Permission.MANAGE_USERS))
        self.message.clear()
        super().activate(actor)

    # -- slots ---------------------------------------------------------------------------------

    def on_refresh(self) -> None:
        actor = self._actor
        assert actor is not None
        self._runner.run(lambda: self._users.list(actor), self._show, self.message.show_error)

    def on_unlock(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.message.show_error(self.tr("Select the user to unlock first."))
            return
        name, actor = self._rows[row].name, self._actor
        assert actor is not None
        self._runner.run(
            lambda: self._users.unlock(actor, name),
            lambda info: self._done(self.tr("{name} is unlocked.").format(name=info.name)),
            self.message.show_error,
        )

    def on_add(self) -> None:
        actor = self._actor
        assert actor is not None
        name, pin = self.new_name.text(), self.new_pin.text()
        role = Role(self.new_role.currentData())  # Qt hands the StrEnum back as a plain str
        badge = self.new_badge.text().strip() or None
        self.new_pin.clear()
        self.new_badge.clear()
        self._runner.run(
            lambda: self._users.add(actor, name, role, pin, badge),
            self._added,
            self.message.show_error,
        )

    # -- results -------------------------------------------------------------------------------

    def _added(self, info: UserInfo) -> None:
        self.new_name.clear()
        self._done(self.tr("{name} is added.").format(name=info.name))

    def _done(self, text: str) -> None:
        self.message.show_ok(text)
        self.on_refresh()

    def _show(self, users: list[UserInfo]) -> None:
        self._rows = users
        now = utcnow()
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            locked = u.locked_until if u.locked_until and u.locked_until > now else None
            values = (
                u.name,
                self.role_text(u.role),
                self.tr("yes") if u.has_badge else "",
                _when(locked),
                _when(u.last_login_at),
            )
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
