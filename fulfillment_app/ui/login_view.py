"""The sign-in screen: scan a badge (and, for the roles that need it, type the PIN), or type
name and PIN; on a new database, create the first administrator."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import FulfillmentError
from ..scanning import Interpreter
from ..services.auth import AuthService, PinNeeded
from ..services.permissions import Actor
from .i18n import LANGUAGE_NAMES, current_language, word
from .tasks import TaskRunner
from .theme import set_role
from .widgets import MessageLabel, heading, hint, no_focus

if TYPE_CHECKING:  # only the demo command imports the demo's wiring
    from ..demo import DemoUser


def _pin_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setValidator(QRegularExpressionValidator(r"\d{0,12}"))
    field.setPlaceholderText(placeholder)
    return field


def _card() -> tuple[QFrame, QVBoxLayout]:
    """A white card in the middle of the screen, the one thing to look at."""
    card = QFrame()
    set_role(card, "card")
    card.setMinimumWidth(520)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(32, 28, 32, 28)
    layout.setSpacing(12)
    return card, layout


class LoginView(QWidget):
    """Sign-in by badge scan (it reaches :meth:`on_scan` through the window's scan listener,
    wherever the focus is), followed by the PIN when the service answers :class:`PinNeeded`,
    or by name + PIN. Emits :attr:`signed_in` with the :class:`Actor`."""

    signed_in = Signal(object)
    #: The language switch: "en" or "he" (the main window rebuilds its views in it).
    language_chosen = Signal(str)
    #: Badge scans reach :meth:`on_scan` through the window's scan listener.
    takes_scans = True

    def __init__(
        self,
        auth: AuthService,
        runner: TaskRunner,
        demo_users: Sequence[DemoUser] = (),
        interpreter: Interpreter | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._auth = auth
        self._runner = runner
        self._interpreter = interpreter or Interpreter()
        #: The badge just scanned, held only while its PIN is asked for.
        self._pending_badge: str | None = None
        self._pages = QStackedWidget()
        self._sign_in_page = self._build_sign_in(demo_users)
        self._first_start_page = self._build_first_start()
        self._badge_pin_page = self._build_badge_pin()
        self._holders: dict[QWidget, QWidget] = {}
        for page in (self._sign_in_page, self._first_start_page, self._badge_pin_page):
            # Each card at the top of a holder that takes the height left: a box layout gives
            # a card of wrapped text the height its width needs (a stack alone does not, and
            # cut the card's last line off).
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(page)
            column.addStretch(1)
            self._holders[page] = holder
            self._pages.addWidget(holder)
        layout = QVBoxLayout(self)
        layout.addLayout(self._language_switch())
        layout.addStretch(1)
        layout.addWidget(self._pages, 6, Qt.AlignmentFlag.AlignHCenter)

    def _language_switch(self) -> QHBoxLayout:
        """English / עברית, each name in its own language, at the top corner."""
        row = QHBoxLayout()
        row.addStretch(1)
        self.language_buttons: dict[str, QPushButton] = {}
        for language, name in LANGUAGE_NAMES.items():
            button = QPushButton(name)
            button.setCheckable(True)
            button.setChecked(language == current_language())
            button.setToolTip(self.tr("Language"))
            no_focus(button)
            button.clicked.connect(lambda _=False, lang=language: self._choose_language(lang))
            self.language_buttons[language] = button
            row.addWidget(button)
        return row

    def _choose_language(self, language: str) -> None:
        for lang, button in self.language_buttons.items():
            button.setChecked(lang == language)
        if language != current_language():
            self.language_chosen.emit(language)

    def _show_page(self, page: QWidget) -> None:
        self._pages.setCurrentWidget(self._holders[page])

    def _page(self) -> QWidget:
        holder = self._pages.currentWidget()
        return next(page for page, held in self._holders.items() if held is holder)

    # -- building ----------------------------------------------------------------------------

    def _build_sign_in(self, demo_users: Sequence[DemoUser]) -> QWidget:
        page, layout = _card()
        layout.addWidget(heading(self.tr("Sign in"), 26))
        scan_prompt = heading(self.tr("Scan your badge"), 18)
        layout.addWidget(scan_prompt)
        layout.addWidget(
            hint(self.tr("Hold your badge to the scanner: no need to click anything first."))
        )
        # Badges arrive through the scan listener; this field stays (hidden) for a badge
        # number entered by a script or a test that puts the focus there.
        self.badge_input = QLineEdit()
        self.badge_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.badge_input.returnPressed.connect(self.on_badge_scanned)
        self.badge_input.hide()
        layout.addWidget(self.badge_input)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        layout.addWidget(hint(self.tr("No badge? Type your name and PIN:")))
        form = QFormLayout()
        self.name_input = QLineEdit()
        self.name_input.setPlaceholderText(self.tr("your name"))
        self.pin_input = _pin_field(self.tr("PIN"))
        self.pin_input.returnPressed.connect(self.on_pin_submitted)
        self.name_input.returnPressed.connect(self.pin_input.setFocus)
        form.addRow(self.tr("Name"), self.name_input)
        form.addRow(self.tr("PIN"), self.pin_input)
        layout.addLayout(form)
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.on_pin_submitted)
        no_focus(self.sign_in_button)
        layout.addWidget(self.sign_in_button)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        if demo_users:
            lines = [self.tr("Demo users (name / PIN / badge):")] + [
                self.tr("{name} ({role}): {pin} / {badge}").format(
                    name=u.name, role=word(u.role), pin=u.pin, badge=u.badge
                )
                for u in demo_users
            ]
            demo = hint("\n".join(lines))
            demo.setWordWrap(False)  # short lines, each whole (wrapping cut the last one off)
            demo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(demo)
        return page

    def _build_first_start(self) -> QWidget:
        page, layout = _card()
        layout.addWidget(heading(self.tr("Set up this station"), 26))
        layout.addWidget(
            hint(
                self.tr(
                    "The database has no users yet. Create the first administrator; "
                    "they can then add everyone else."
                )
            )
        )
        form = QFormLayout()
        self.admin_name = QLineEdit()
        self.admin_pin = _pin_field(self.tr("4 to 12 digits"))
        self.admin_pin_again = _pin_field(self.tr("the same PIN again"))
        self.admin_pin_again.returnPressed.connect(self.on_create_admin)
        form.addRow(self.tr("Name"), self.admin_name)
        form.addRow(self.tr("PIN"), self.admin_pin)
        form.addRow(self.tr("PIN again"), self.admin_pin_again)
        layout.addLayout(form)
        self.create_admin_button = QPushButton(self.tr("Create administrator"))
        self.create_admin_button.setDefault(True)
        self.create_admin_button.clicked.connect(self.on_create_admin)
        no_focus(self.create_admin_button)
        layout.addWidget(self.create_admin_button)
        self.admin_message = MessageLabel()
        layout.addWidget(self.admin_message)
        return page

    def _build_badge_pin(self) -> QWidget:
        page, layout = _card()
        layout.addWidget(heading(self.tr("Type your PIN"), 26))
        self.badge_pin_prompt = hint("")
        layout.addWidget(self.badge_pin_prompt)
        self.badge_pin_input = _pin_field(self.tr("PIN"))
        self.badge_pin_input.returnPressed.connect(self.on_badge_pin_submitted)
        layout.addWidget(self.badge_pin_input)
        self.badge_pin_button = QPushButton(self.tr("Sign in"))
        self.badge_pin_button.setDefault(True)
        self.badge_pin_button.clicked.connect(self.on_badge_pin_submitted)
        self.badge_pin_cancel = QPushButton(self.tr("Cancel [Esc]"))
        self.badge_pin_cancel.clicked.connect(self.cancel_badge_pin)
        no_focus(self.badge_pin_button, self.badge_pin_cancel)
        layout.addWidget(self.badge_pin_button)
        layout.addWidget(self.badge_pin_cancel)
        self.badge_pin_message = MessageLabel()
        layout.addWidget(self.badge_pin_message)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), page, self.cancel_badge_pin)
        return page

    # -- state -------------------------------------------------------------------------------

    @property
    def asking_badge_pin(self) -> bool:
        return self._page() is self._badge_pin_page

    def show_first_start(self, first_start: bool) -> None:
        self._pending_badge = None
        self._show_page(self._first_start_page if first_start else self._sign_in_page)
        (self.admin_name if first_start else self.name_input).setFocus()

    def reset(self) -> None:
        """Clear everything typed (after sign-out) and put the focus on the name field (a
        badge scan needs no focus)."""
        for field in (self.badge_input, self.name_input, self.pin_input, self.badge_pin_input):
            field.clear()
        self._pending_badge = None
        self.message.clear()
        self.badge_pin_message.clear()
        self._set_busy(False)
        if self.asking_badge_pin:
            self._show_page(self._sign_in_page)
        self.name_input.setFocus()

    def cancel_badge_pin(self) -> None:
        """Back from the PIN step to the badge scan; the scanned badge is forgotten."""
        if not self.asking_badge_pin:
            return
        self._pending_badge = None
        self.badge_pin_input.clear()
        self.badge_pin_message.clear()
        self._show_page(self._sign_in_page)
        self.message.clear()
        self.name_input.setFocus()

    def _ask_badge_pin(self, needed: PinNeeded) -> None:
        self.badge_pin_prompt.setText(
            self.tr("{name} ({role}): type your PIN to finish signing in.").format(
                name=needed.name, role=word(needed.role)
            )
        )
        self.badge_pin_message.clear()
        self.badge_pin_input.clear()
        self._show_page(self._badge_pin_page)
        self.badge_pin_input.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for w in (
            self.badge_input,
            self.name_input,
            self.pin_input,
            self.sign_in_button,
            self.create_admin_button,
            self.badge_pin_input,
            self.badge_pin_button,
        ):
            w.setEnabled(not busy)

    # -- slots: gather input, start the service call, nothing else -------------------------------

    def on_badge_scanned(self) -> None:
        code = self.badge_input.text()
        self.badge_input.clear()
        if code.strip():
            self.sign_in_with_badge(code)

    def on_scan(self, raw: str) -> None:
        """A scan, wherever the focus is: a badge signs in; anything else is explained."""
        result = self._interpreter.interpret(raw)
        if self._page() is self._first_start_page:
            self.admin_message.show_error(
                self.tr("Create the administrator first; badges are added after that.")
            )
        elif result.kind == "badge" and result.value:
            self.sign_in_with_badge(result.value)
        else:
            shown = self.badge_pin_message if self.asking_badge_pin else self.message
            shown.show_error(
                result.error or ""
                if result.kind == "error"
                else self.tr("That is not a badge. Scan your badge to sign in.")
            )

    def sign_in_with_badge(self, code: str) -> None:
        """Also called for a badge read by a serial scanner."""
        if self.asking_badge_pin:
            self.cancel_badge_pin()  # a new scan starts over, with the new badge
        self._pending_badge = code
        self._start(lambda: self._auth.login_with_badge(code))

    def on_badge_pin_submitted(self) -> None:
        code, pin = self._pending_badge, self.badge_pin_input.text()
        self.badge_pin_input.clear()
        if code is None:
            self.cancel_badge_pin()
            return
        if not pin:
            self.badge_pin_message.show_error(self.tr("Type your PIN, or press Esc to scan again."))
            return
        self._set_busy(True)
        self.badge_pin_message.show_info(self.tr("Signing in…"))
        self._runner.run(
            lambda: self._auth.login_with_badge(code, pin),
            self._on_signed_in,
            self._on_badge_pin_error,
        )

    def on_pin_submitted(self) -> None:
        name, pin = self.name_input.text(), self.pin_input.text()
        self.pin_input.clear()
        if not name.strip() or not pin:
            self.message.show_error(self.tr("Type your name and your PIN, or scan your badge."))
            return
        self._start(lambda: self._auth.login_with_pin(name, pin))

    def on_create_admin(self) -> None:
        name, pin, again = (
            self.admin_name.text(),
            self.admin_pin.text(),
            self.admin_pin_again.text(),
        )
        self.admin_pin.clear()
        self.admin_pin_again.clear()
        if pin != again:
            self.admin_message.show_error(self.tr("The two PINs differ; type them again."))
            return
        self._set_busy(True)
        self._runner.run(
            lambda: self._auth.create_first_admin(name, pin),
            self._on_signed_in,
            self._on_admin_error,
        )

    def _start(self, call: Callable[[], Actor | PinNeeded]) -> None:
        self._set_busy(True)
        self.message.show_info(self.tr("Signing in…"))
        self._runner.run(call, self._on_signed_in, self._on_error)

    def _on_signed_in(self, result: Actor | PinNeeded) -> None:
        self._set_busy(False)
        self.message.clear()
        self.admin_message.clear()
        if isinstance(result, PinNeeded):
            self._ask_badge_pin(result)
            return
        self._pending_badge = None
        self.badge_pin_message.clear()
        if self.asking_badge_pin:
            self._show_page(self._sign_in_page)
        self.signed_in.emit(result)

    def _on_error(self, error: FulfillmentError) -> None:
        self._set_busy(False)
        self._pending_badge = None
        self.message.show_error(error)
        self.name_input.setFocus()

    def _on_badge_pin_error(self, error: FulfillmentError) -> None:
        """A wrong PIN after the badge: say so and let them try again (the per-user lock-out
        counts these) or press Esc."""
        self._set_busy(False)
        self.badge_pin_message.show_error(error)
        self.badge_pin_input.setFocus()

    def _on_admin_error(self, error: FulfillmentError) -> None:
        self._set_busy(False)
        self.admin_message.show_error(error)
