"""The application in Hebrew, right to left: every screen mirrored and no text left in
English; the language switched at the sign-in screen without a restart; numbers, weights
and dates in the locale's way; the scan outcomes of the pack and pick screens in Hebrew."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Role
from fulfillment_app.services.pack_types import SHORT_SHIP_REASONS, LineView, ScanReply
from fulfillment_app.services.pick_types import TaskView, WrongItem, WrongLocation, WrongTote
from fulfillment_app.ui import i18n
from fulfillment_app.ui.main_window import SCREENS, MainWindow

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
TIMEOUT = 10_000
#: Latin words a Hebrew screen may show: codes, key names, formats and the language switch.
ALLOWED = {
    "SKU", "PIN", "RFID", "SSCC", "GTIN", "EAN", "ZPL", "PDF", "CSV", "PNG", "JPEG", "OWN",
    "Esc", "Ctrl", "Enter", "Tab", "English", "README", "SQLite", "PostgreSQL",
}  # fmt: skip
#: Shown from data (names of people, the station, the command an admin types) and the store
#: platforms' brand names, which stay as they are.
DATA = ("Dana", "Yossi", "Noa", "Avi", "test-station", "fulfillment stores add", "WooCommerce",
        "Shopify", "Magento", "BigCommerce")  # fmt: skip
LATIN = re.compile(r"[A-Za-z]{3,}")
#: Codes and web addresses (a store's address, or the example of one) are not words.
CODE = re.compile(r"\b(?:CMD:[A-Z]+|[A-Za-z]*\d[\w-]*)|https?://\S+")


def untranslated(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """The Latin words of ``text`` that are neither allowed tokens, data nor codes."""
    for shown in (*data, *DATA):
        text = text.replace(shown, " ")
    text = CODE.sub(" ", text)
    return [w for w in LATIN.findall(text) if w not in ALLOWED]


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text ``root`` and its children show."""
    yield "window title", root.windowTitle()
    for w in [root, *root.findChildren(QWidget)]:
        name = f"{type(w).__name__} {w.objectName()}".strip()
        if isinstance(w, QLabel):
            yield name, w.text()
        elif isinstance(w, QAbstractButton):
            yield name, w.text()
        elif isinstance(w, QLineEdit):
            yield name, w.placeholderText()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield name, w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield name, w.tabText(i)
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for column in range(model.columnCount()):
                yield name, str(model.headerData(column, Qt.Orientation.Horizontal) or "")


def assert_hebrew(root: QWidget, what: str, data: tuple[str, ...] = ()) -> None:
    assert root.isRightToLeft(), f"{what} is not right to left"
    problems = [
        f"{where}: {text!r}" for where, text in visible_texts(root) if untranslated(text, data)
    ]
    assert not problems, f"English left on {what}:\n" + "\n".join(problems)


def test_the_check_finds_english_and_spares_codes() -> None:
    assert untranslated("Scan the item.") == ["Scan", "the", "item"]
    assert untranslated("סרקו CMD:CONFIRM או F9 [Esc] קוד PIN, Dana, 1,234 גרם") == []
    assert untranslated('הזמנה SO-1042, מק"ט ABC123') == []
    assert untranslated("כתובת: https://shop.example.com, לוגו (PNG או JPEG)") == []


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """pytest-qt's application (made here when no Qt test ran before in this worker)."""
    application = qapp
    yield application
    i18n.set_language(application, "en")


@pytest.fixture
def people(sqlite_context: AppContext) -> AppContext:
    admin = sqlite_context.command_line_actor()
    sqlite_context.users.add(admin, "Dana", Role.ADMIN, "1111", "BADGE-1001")
    sqlite_context.users.add(admin, "Noa", Role.PACKER, "3333", "BADGE-1003")
    # A location, so that the planner has nothing to complain about but the missing orders.
    sqlite_context.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    return sqlite_context


def _window(qtbot, context: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_view, timeout=TIMEOUT)
    return window


def test_every_screen_in_hebrew_is_right_to_left_with_nothing_in_english(  # type: ignore[no-untyped-def]
    qtbot, app: QApplication, people: AppContext
) -> None:
    assert i18n.set_language(app, "he") == "he"
    window = _window(qtbot, people)
    try:
        assert window.windowTitle() == "עמדת הכנת משלוחים"
        data = (people.db.description,)
        assert_hebrew(window, "the sign-in screen", data)
        assert window.login_view.sign_in_button.text() == "כניסה"

        window.on_signed_in(people.auth.login_with_pin("Dana", "1111"))
        assert window.home_view.greeting.text() == "שלום, Dana"
        assert "מנהל מערכת" in window.home_view.role_label.text()
        assert_hebrew(window, "the home screen", data)
        opened = []
        for info in SCREENS:
            if not window.actor.can(info.permission):  # type: ignore[union-attr]
                continue
            window.open_screen(info.key)
            screen = window.screens[info.key]
            assert window.stack.currentWidget() is screen
            qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=TIMEOUT)
            assert_hebrew(screen, f"the {info.key} screen", data)
            assert_hebrew(window, f"the window on the {info.key} screen", data)
            opened.append(info.key)
            window.go_home()
        assert {"pick", "pack", "exceptions", "devices", "users", "audit", "import", "plan",
                "stores", "dashboard", "settings", "store-settings", "products",
                "figures"} <= set(opened)  # fmt: skip

        # The pack screen's dialog offers the reasons in Hebrew, and records the service's.
        from fulfillment_app.ui.pack_dialogs import ShortShipDialog

        dialog = ShortShipDialog(list(SHORT_SHIP_REASONS))
        qtbot.addWidget(dialog)
        assert_hebrew(dialog, "the short-ship dialog")
        reasons: list[str] = []
        dialog.confirmed.connect(reasons.append)
        dialog.submit()
        assert reasons == [SHORT_SHIP_REASONS[0]]
    finally:
        window.close()


def test_switching_language_at_sign_in_needs_no_restart(  # type: ignore[no-untyped-def]
    qtbot, app: QApplication, people: AppContext
) -> None:
    i18n.set_language(app, "en")
    window = _window(qtbot, people)
    try:
        assert window.login_view.sign_in_button.text() == "Sign in"
        assert not window.isRightToLeft()
        # A screen opened in English, kept by the window until the language changes.
        window.on_signed_in(people.auth.login_with_pin("Dana", "1111"))
        window.open_screen("audit")
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=TIMEOUT)
        assert window.screens["audit"].refresh_button.text() == "Refresh"  # type: ignore[attr-defined]
        window.on_sign_out()

        qtbot.mouseClick(window.login_view.language_buttons["he"], Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.login_view
        assert window.login_view.sign_in_button.text() == "כניסה"
        assert window.login_view.language_buttons["he"].isChecked()
        assert window.isRightToLeft() and window.login_view.isRightToLeft()
        assert window.windowTitle() == "עמדת הכנת משלוחים"
        assert window.user_label.text() == "לא מחובר"
        assert i18n.weight(1234.5) == "1,234.5 גרם"

        window.on_signed_in(people.auth.login_with_pin("Noa", "3333"))
        assert window.user_label.text() == "משתמש: Noa (אורז)"
        window.on_sign_out()
        window.on_signed_in(people.auth.login_with_pin("Dana", "1111"))
        window.open_screen("audit")
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=TIMEOUT)
        assert window.screens["audit"].refresh_button.text() == "רענון"  # type: ignore[attr-defined]
        window.on_sign_out()

        qtbot.mouseClick(window.login_view.language_buttons["en"], Qt.MouseButton.LeftButton)
        assert window.login_view.sign_in_button.text() == "Sign in"
        assert not window.isRightToLeft()
    finally:
        window.close()


def test_locale_formats(app: QApplication) -> None:  # type: ignore[no-untyped-def]
    moment = datetime(2026, 11, 26, 14, 5)
    i18n.set_language(app, "en")
    assert (i18n.number(1234567), i18n.weight(1234.5), i18n.weight(850)) == (
        "1,234,567", "1,234.5 g", "850 g",
    )  # fmt: skip
    assert i18n.date_time_text(moment) == "2026-11-26 14:05"
    assert i18n.time_text(moment.replace(second=9), seconds=True) == "14:05:09"
    i18n.set_language(app, "he")
    assert (i18n.number(1234567), i18n.weight(1234.5)) == ("1,234,567", "1,234.5 גרם")
    assert i18n.date_time_text(moment) == "26.11.2026 14:05"
    assert i18n.word(Role.SUPERVISOR) == "אחראי משמרת"
    assert i18n.choose_language("he") == "he" and i18n.choose_language("en") == "en"
    # The settings file first, then the choice remembered from the sign-in screen, then the
    # system's locale.
    assert i18n.choose_language("en", "he") == "en" and i18n.choose_language("", "he") == "he"
    assert i18n.choose_language("", "") in i18n.LANGUAGES


def test_scan_outcomes_read_in_hebrew(qtbot, app: QApplication) -> None:  # type: ignore[no-untyped-def]
    """The pack and pick screens compose their common outcomes from the structured reply;
    the service's English stays for the rare ones."""
    from types import SimpleNamespace

    from fulfillment_app.ui.pack_view import PackView
    from fulfillment_app.ui.pick_view import PickView

    line = LineView("MUG-1", "Mug", 2, 0, line_id=7)

    def reply(outcome: str, message: str, packed: int = 0, counted: int = 0) -> ScanReply:
        return ScanReply(outcome, message, "good", packed, 3, False, 7, packed, counted)

    pack = SimpleNamespace(
        session=SimpleNamespace(lines=[line]), tr=lambda t: app.translate("PackView", t)
    )
    text = PackView.reply_text
    i18n.set_language(app, "en")
    assert text(pack, reply("accepted", "Mug: 1 of 2", 1)) == "Mug: 1 of 2"  # type: ignore[arg-type]
    i18n.set_language(app, "he")
    assert text(pack, reply("accepted", "Mug: 1 of 2", 1)) == "\u200fMug\u200f: 1 מתוך 2"  # type: ignore[arg-type]
    assert (
        text(pack, reply("accepted", "+2 Mug: 2 of 2", 2, 2))
        == "\u200f+2 \u200fMug\u200f: 2 מתוך 2"
    )  # type: ignore[arg-type]
    assert text(pack, reply("over-scan", "Too many", 2)).startswith("יותר מדי: Mug")  # type: ignore[arg-type]
    assert text(
        pack, reply("wrong item", "Wrong item: Pen is not in this order. Take it out of the box.")
    ) == (  # type: ignore[arg-type]
        "פריט שגוי: Pen לא שייך להזמנה הזו. הוציאו אותו מהקרטון."
    )
    assert "ברקוד לא מוכר 123" in text(
        pack, reply("unknown", "Unknown barcode 123: no product has it. Put")
    )  # type: ignore[arg-type]
    assert text(pack, reply("order changed", "The store changed the order.")) == (  # type: ignore[arg-type]
        "The store changed the order."
    )

    # The weighing verdict too (the core's sentence in English).
    from fulfillment_app.packing.weight import WeightCheck

    heavy = WeightCheck(expected_g=2500, measured_g=2880, tolerance_g=125, ok=False)
    weighed = PackView.weight_text(pack, heavy)  # type: ignore[arg-type]
    assert weighed.startswith("הקרטון כבד ב-380 גרם מהצפוי") and "2,880" in weighed
    i18n.set_language(app, "en")
    assert PackView.weight_text(pack, heavy) == heavy.message()  # type: ignore[arg-type]
    i18n.set_language(app, "he")

    task = TaskView(1, "pick", "A-01-02", "MUG-1", "Mug", 2, 3, "1001", 1)
    pick = SimpleNamespace(
        cart=SimpleNamespace(current=task), tr=lambda t: app.translate("PickView", t)
    )
    wrong = PickView.wrong_scan_text
    assert wrong(pick, WrongLocation("Wrong location"), "B-02-01") == (  # type: ignore[arg-type]
        "מיקום שגוי: סרקתם B-02-01; לכו אל A-01-02."
    )
    assert wrong(pick, WrongTote("Wrong tote")) == "ארגז שגוי: שימו בארגז 3."  # type: ignore[arg-type]
    assert wrong(pick, WrongItem("Wrong item")) == "פריט שגוי: לקטו Mug (MUG-1)."  # type: ignore[arg-type]
