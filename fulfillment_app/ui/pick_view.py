"""The picker's screen: the cart's current pick in large type, driven by the scanner alone.

Each pick is three scans: the location, the item, the tote shown. The location and the tote
are checked here at once (the screen knows what it asked for); the item is checked by the
service when the pick is confirmed. Command barcodes (``CMD:SHORT``, ``CMD:SKIP``,
``CMD:PAUSE``, ``CMD:CONFIRM``) and function keys do the rest. Scans reach :meth:`on_scan`
through the window's scan listener wherever the focus is; the field below the pick is only
for typing a code by hand.

Every outcome has its sound, so a picker at arm's length hears what happened. A store change
to an order on the cart (cancelled, held, edited) interrupts: a banner and the
``order_changed`` sound, and no further scan counts until the picker acknowledges it by
scanning ``CMD:CONFIRM`` or pressing F9.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..errors import FulfillmentError
from ..scanning import Interpreter
from ..services.images import local_image
from ..services.pick_types import (
    WrongItem,
    WrongLocation,
    WrongQuantity,
    WrongScan,
    WrongTote,
    check_location,
    check_tote,
)
from ..services.picking import SHORT_REASONS, BatchView, PickingService
from .i18n import current_language
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .theme import WARN, set_outcome, set_role
from .widgets import MessageLabel, heading, hint, no_focus

STEPS = ("location", "item", "tote")
#: The product picture's largest side, in pixels.
IMAGE_SIZE = 220


def _big(size: int) -> QLabel:
    label = heading("", size)
    label.setWordWrap(True)
    return label


def load_picture(ref: str, cache_dir: Path | None, size: int = IMAGE_SIZE) -> QImage | None:
    """The product's picture (a local file, or the image cache's copy of a URL: a URL not
    cached shows nothing) scaled to fit ``size``; a QImage, safe to make off the GUI thread,
    where this runs: it reads the disk."""
    path = local_image(ref, cache_dir)
    if path is None:
        return None
    image = QImage(str(path))
    if image.isNull():
        return None
    return image.scaled(
        size,
        size,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class PickView(Screen):
    """The picker's screen (see the module's description)."""

    takes_scans = True

    def __init__(
        self,
        picking: PickingService,
        interpreter: Interpreter,
        runner: TaskRunner,
        sounds: SoundPlayer | None = None,
        parent: QWidget | None = None,
        *,
        image_dir: Path | None = None,
    ):
        super().__init__(QCoreApplication.translate("PickView", "Pick"), parent)
        self._image_dir = image_dir  # where product pictures given by URL are cached
        self._picking, self._interpreter, self._runner = picking, interpreter, runner
        self.sounds = sounds or SoundPlayer(parent=self)
        self.cart: BatchView | None = None
        self.step = "location"
        self._item = ""
        self._picture_ref: str | None = None

        # The interrupt: a store change the picker must see before the next scan counts.
        self.banner = QWidget()
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(0, 0, 0, 0)
        self.banner_text = _big(18)
        set_outcome(self.banner_text, WARN)
        banner_row.addWidget(self.banner_text, 1)
        self.acknowledge_button = QPushButton(self.tr("Carry on [F9]"))
        self.acknowledge_button.setShortcut(QKeySequence("F9"))
        self.acknowledge_button.clicked.connect(self.acknowledge)
        banner_row.addWidget(self.acknowledge_button)
        self.banner.hide()
        self.body.addWidget(self.banner)

        top = QHBoxLayout()
        self.progress = hint("")
        top.addWidget(self.progress, 1)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(320)
        top.addWidget(self.progress_bar)
        self.body.addLayout(top)

        pick = QHBoxLayout()
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.location_label = _big(64)
        set_role(self.location_label, "location")
        self.item_label = _big(22)
        self.quantity_label, self.tote_label = _big(40), _big(40)
        for row, (title, widget) in enumerate(
            (
                (self.tr("Go to"), self.location_label),
                (self.tr("Item"), self.item_label),
                (self.tr("Take"), self.quantity_label),
                (self.tr("Into tote"), self.tote_label),
            )
        ):
            grid.addWidget(hint(title), row, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(widget, row, 1)
        pick.addLayout(grid, 1)
        picture_column = QVBoxLayout()
        self.picture = QLabel()
        self.picture.setFixedSize(IMAGE_SIZE, IMAGE_SIZE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        picture_column.addWidget(self.picture)
        picture_column.addStretch(1)
        pick.addLayout(picture_column)
        self.body.addLayout(pick)

        self.prompt = _big(22)
        self.body.addWidget(self.prompt)
        self.message = MessageLabel()
        font = self.message.font()
        font.setPointSize(18)
        self.message.setFont(font)
        self.body.addWidget(self.message)
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(self.tr("Type a code by hand and press Enter"))
        self.scan_field.returnPressed.connect(self._on_enter)
        self.body.addWidget(self.scan_field)

        self.short_panel = QWidget()
        short_row = QHBoxLayout(self.short_panel)
        short_row.addWidget(QLabel(self.tr("Found")))
        self.found = QSpinBox()
        short_row.addWidget(self.found)
        self.reason = QComboBox()
        for reason in SHORT_REASONS:
            self.reason.addItem(QCoreApplication.translate("ShortReasons", reason), reason)
        short_row.addWidget(self.reason, 1)
        self.record_short = QPushButton(self.tr("Record short pick"))
        self.record_short.clicked.connect(self.on_short)
        short_row.addWidget(self.record_short)
        self.short_panel.hide()
        self.body.addWidget(self.short_panel)

        buttons = QHBoxLayout()
        self.claim_button = QPushButton(self.tr("Next cart [F5]"))
        self.short_button = QPushButton(self.tr("Short [F6]"))
        self.skip_button = QPushButton(self.tr("Skip [F7]"))
        self.pause_button = QPushButton(self.tr("Pause [F8]"))
        for button, key, slot in (
            (self.claim_button, "F5", self.on_claim),
            (self.short_button, "F6", self.open_short),
            (self.skip_button, "F7", self.on_skip),
            (self.pause_button, "F8", self.on_pause),
        ):
            button.setShortcut(QKeySequence(key))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        no_focus(
            self.acknowledge_button,
            self.record_short,
            self.claim_button,
            self.short_button,
            self.skip_button,
            self.pause_button,
        )
        self.body.addLayout(buttons)
        self.body.addStretch(1)
        self._show(None)

    # -- entry points --------------------------------------------------------------------------

    @property
    def interrupted(self) -> bool:
        """A store change is on screen and not yet acknowledged."""
        return not self.banner.isHidden()

    def on_refresh(self) -> None:
        """Opening the screen takes the picker's cart (or the next one waiting)."""
        self.on_claim()

    def on_scan(self, raw: str) -> None:
        """A scan (from anywhere in the window, or the field typed into by hand)."""
        result = self._interpreter.interpret(raw)
        if result.kind == "command":
            if result.value == "confirm" and self.interrupted:
                self.acknowledge()
            elif self.interrupted:
                self._refuse_while_interrupted()
            elif result.value == "confirm" and self.short_panel.isVisible():
                self.on_short()
            elif result.value in ("short", "skip", "pause"):
                {"short": self.open_short, "skip": self.on_skip, "pause": self.on_pause}[
                    str(result.value)
                ]()
            else:
                self._say_bad(
                    self.tr("'{command}' does nothing while picking.").format(command=result.value),
                    "invalid",
                )
            return
        if self.interrupted:
            self._refuse_while_interrupted()
            return
        task = self.cart.current if self.cart else None
        if task is None:
            self._say_bad(
                self.tr("There is no pick to scan for: take the next cart (F5)."), "attention"
            )
            return
        if result.kind == "error":
            self._say_bad(
                result.error or self.tr("That scan could not be read: scan again."), "invalid"
            )
            return
        data = (result.data or raw).strip()
        try:
            if self.step == "location":
                check_location(data, task.location)
                self.sounds.play("info")
                self._advance("item", self.tr("Location right."))
            elif self.step == "item":
                self._item = raw
                self.sounds.play("info")
                self._advance("tote", "")
            else:
                check_tote(data, task.slot)
                self._confirm(data)
        except WrongScan as exc:
            self._say_bad(
                self.wrong_scan_text(exc, data),
                "wrong_item" if isinstance(exc, WrongItem) else "invalid",
            )
            self._keep_wrong_scan(raw, exc)

    def acknowledge(self) -> None:
        """The picker has read the store change: the scans count again."""
        if not self.interrupted:
            return
        self.banner.hide()
        self.sounds.play("info")
        self.message.show_info(self.tr("Carry on: {prompt}").format(prompt=self.prompt.text()))

    # -- actions -------------------------------------------------------------------------------

    def on_claim(self) -> None:
        actor = self._actor
        if actor is None:
            return
        self._runner.run(lambda: self._picking.claim(actor), self._claimed, self._error)

    def _claimed(self, view: BatchView | None) -> None:
        self._show(view)
        if view is None:
            self.sounds.play("info")
            self.message.show_info(self.tr("No cart is waiting. Ask a supervisor to release work."))

    def _confirm(self, tote: str) -> None:
        actor, cart = self._actor, self.cart
        assert actor is not None and cart is not None and cart.current is not None
        task, location, item = cart.current, cart.current.location, self._item
        self._runner.run(
            lambda: self._picking.confirm(
                actor, cart.batch_id, task.task_id, location=location, item=item, tote=tote
            ),
            self._confirmed,
            self._confirm_failed,
        )

    def _confirmed(self, view: BatchView) -> None:
        if not view.notices:  # a store change has its own sound, played by _show
            self.sounds.play("complete" if view.done else "accepted")
        self._show(view)

    def _keep_wrong_scan(self, raw: str, error: WrongScan) -> None:
        """The wrong scan goes on record for the pick accuracy (nothing to tell the picker)."""
        actor, cart = self._actor, self.cart
        if actor is None or cart is None:
            return
        picking, batch_id = self._picking, cart.batch_id
        self._runner.run(
            lambda: picking.record_wrong_scan(actor, batch_id, raw, error), None, lambda e: None
        )

    def _confirm_failed(self, error: FulfillmentError) -> None:
        # The item is checked by the service: a wrong one is scanned again, and so is a wrong
        # tote; anything else (a store change, a lost connection, a wrong location) starts
        # the pick over, at the location.
        if isinstance(error, WrongScan):
            self._keep_wrong_scan(self._item, error)
        if isinstance(error, WrongItem):
            self.sounds.play("wrong_item")
            self._advance("item", "", error=True)
        elif isinstance(error, WrongTote | WrongLocation):
            self.sounds.play("invalid")
            self._advance("tote" if isinstance(error, WrongTote) else "location", "", error=True)
        else:
            self.sounds.play("error")
            self._advance("location", "", error=True)
        self.message.show_error(self.wrong_scan_text(error))

    def open_short(self) -> None:
        task = self.cart.current if self.cart else None
        if task is None or task.kind != "pick":
            self._say_bad(self.tr("There is no pick to report short."), "invalid")
            return
        self.found.setRange(0, max(0, task.quantity - 1))
        self.found.setValue(0)
        self.short_panel.show()
        self.found.setFocus()
        self.sounds.play("attention")
        self.message.show_warning(
            self.tr(
                "How many did you find, and why is it short? Then Record (or scan CMD:CONFIRM)."
            )
        )

    def on_short(self) -> None:
        actor, cart = self._actor, self.cart
        if actor is None or cart is None or cart.current is None:
            return
        task_id, found = cart.current.task_id, self.found.value()
        reason = str(self.reason.currentData())
        self.short_panel.hide()
        self._runner.run(
            lambda: self._picking.short(actor, cart.batch_id, task_id, found=found, reason=reason),
            self._stepped,
            self._error,
        )

    def on_skip(self) -> None:
        actor, cart = self._actor, self.cart
        if actor is None or cart is None or cart.current is None:
            return
        task_id = cart.current.task_id
        self._runner.run(
            lambda: self._picking.skip(actor, cart.batch_id, task_id), self._stepped, self._error
        )

    def on_pause(self) -> None:
        actor, cart = self._actor, self.cart
        if actor is None or cart is None:
            return
        self._runner.run(
            lambda: self._picking.pause(actor, cart.batch_id), self._stepped, self._error
        )

    def _stepped(self, view: BatchView) -> None:
        """A short, a skip or a pause went through."""
        if not view.notices:
            self.sounds.play("complete" if view.done else "info")
        self._show(view)

    # -- showing -------------------------------------------------------------------------------

    def wrong_scan_text(self, error: FulfillmentError, scanned: str = "") -> str:
        """A wrong scan's sentence in the screen's language, composed from the task for the
        typed errors (the service's English sentence in English, and for any other error)."""
        task = self.cart.current if self.cart else None
        if current_language() == "en" or task is None or not isinstance(error, WrongScan):
            return str(error)
        if isinstance(error, WrongLocation) and not scanned.strip():
            return self.tr("Wrong location: go to {location}.").format(location=task.location)
        if isinstance(error, WrongLocation):
            return self.tr("Wrong location: you scanned {scanned}; go to {location}.").format(
                scanned=scanned.strip(), location=task.location
            )
        if isinstance(error, WrongTote):
            return self.tr("Wrong tote: put it in tote {slot}.").format(slot=task.slot)
        if isinstance(error, WrongItem):
            return self.tr("Wrong item: pick {name} ({sku}).").format(name=task.name, sku=task.sku)
        if isinstance(error, WrongQuantity):
            return self.tr("The quantity does not fit: {left} left here.").format(
                left=task.quantity
            )
        return str(error)

    def _say_bad(self, text: str, sound: str) -> None:
        self.sounds.play(sound)
        self.message.show_error(text)

    def _refuse_while_interrupted(self) -> None:
        self._say_bad(
            self.tr("Read the store's change first, then scan CMD:CONFIRM or press F9."),
            "attention",
        )

    def _error(self, error: FulfillmentError) -> None:
        self._say_bad(self.wrong_scan_text(error), "error")
        self.scan_field.setFocus()

    def _on_enter(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        if text.strip():
            self.on_scan(text)
        elif self.interrupted:
            self.acknowledge()  # Enter typed on the empty field acknowledges too

    def _advance(self, step: str, text: str, *, error: bool = False) -> None:
        self.step = step
        task = self.cart.current if self.cart else None
        if step == "location":
            prompt = self.tr("Scan the location.")
        elif step == "item":
            prompt = (
                self.tr("Scan the item ({sku}).").format(sku=task.sku)
                if task
                else self.tr("Scan the item.")
            )
        else:
            prompt = self.tr("Put it in tote {slot} and scan the tote.").format(
                slot=task.slot if task else ""
            )
        self.prompt.setText(prompt)
        if text and not error:
            self.message.show_ok(text)
        self.scan_field.setFocus()

    def _show(self, view: BatchView | None) -> None:
        self.cart = view
        self.short_panel.hide()
        if view is not None and view.notices:
            self.banner_text.setText(
                "\n".join(view.notices)
                + "\n"
                + self.tr("Scan CMD:CONFIRM or press F9 to carry on.")
            )
            self.banner.show()
            self.sounds.play("order_changed")
        task = view.current if view else None
        for button in (self.short_button, self.skip_button):
            button.setEnabled(task is not None)
        self.pause_button.setEnabled(view is not None and not view.done)
        self.claim_button.setEnabled(view is None or view.done)
        if view is None:
            self.progress.setText(self.tr("No cart."))
            self.progress_bar.hide()
        else:
            totes = "  ".join(
                f"{t.slot}: {t.order_number}" + ("" if t.status == "active" else f" ({t.status})")
                for t in view.totes
            )
            done = view.total - view.left
            self.progress.setText(
                (
                    self.tr("Cart {cart}, zone {zone}: {done} of {total} done.")
                    if view.zone
                    else self.tr("Cart {cart}: {done} of {total} done.")
                ).format(cart=view.batch_id, zone=view.zone, done=done, total=view.total)
                + "   "
                + self.tr("Totes  {totes}").format(totes=totes)
            )
            self.progress_bar.setRange(0, max(1, view.total))
            self.progress_bar.setValue(done)
            self.progress_bar.show()
        self._show_picture(task.image_url if task else None)
        if task is None:
            for label in (self.location_label, self.item_label, self.quantity_label):
                label.setText("")
            self.tote_label.setText("")
            self.location_label.hide()
            self.prompt.setText(
                self.tr("Take the cart to packing, then the next cart (F5).")
                if view is not None and view.done
                else self.tr("Take the next cart (F5).")
            )
            if view is not None and view.message:
                if view.done:
                    self.message.show_done(view.message)
                else:
                    self.message.show_ok(view.message)
            self.scan_field.setFocus()
            return
        self.location_label.show()
        verb = self.tr("Take {count}") if task.kind == "pick" else self.tr("PUT BACK {count}")
        self.location_label.setText(task.location)
        self.item_label.setText(
            self.tr("{name}\n{sku} · order {order}").format(
                name=task.name, sku=task.sku, order=task.order_number
            )
        )
        self.quantity_label.setText(verb.format(count=task.quantity))
        self.tote_label.setText(str(task.slot))
        self._item = ""
        self._advance("location", view.message if view else "")

    def _show_picture(self, ref: str | None) -> None:
        if ref == self._picture_ref:
            return
        self._picture_ref = ref
        self.picture.clear()
        self.picture.hide()
        if not ref:
            return

        def shown(image: QImage | None, wanted: str = ref) -> None:
            if image is None or self._picture_ref != wanted:
                return  # no local picture, or the pick moved on meanwhile
            self.picture.setPixmap(QPixmap.fromImage(image))
            self.picture.show()

        self._runner.run(lambda: load_picture(ref, self._image_dir), shown, None, lane="images")
