"""The application's language: English or Hebrew (right to left).

The language comes from the settings (``[ui] language``), else from the system's locale, and
can be switched at the sign-in screen without a restart: :func:`set_language` installs (or
removes) the translator, mirrors the layout and sets the locale numbers and dates follow; the
main window then rebuilds its views in the new language.

The translations are ``resources/i18n/fulfillment_<lang>.ts`` (the source, in the repository)
compiled by ``pyside6-lrelease`` into ``.qm`` files (build output): by the set-up, or here,
when the ``.qm`` is missing or older than its ``.ts``.

Words that come from data (roles, device states, reasons) are translated through the
catalogue below, so that ``pyside6-lupdate`` finds them.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    Qt,
    QTime,
    QTranslator,
)

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
#: The languages the application speaks; English is the source language (no translation).
LANGUAGES = ("en", "he")
RIGHT_TO_LEFT = frozenset({"he"})
#: The names on the language switch, each in its own language.
LANGUAGE_NAMES = {"en": "English", "he": "עברית"}

_LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    "he": QLocale(QLocale.Language.Hebrew, QLocale.Country.Israel),
}

#: The translators installed now (the application's and Qt's own), removed on a switch.
_installed: list[QTranslator] = []
_current = "en"


#: Where the language last chosen on the sign-in screen is remembered (QSettings).
REMEMBERED_KEY = "ui/language"


def choose_language(setting: str = "", remembered: str = "") -> str:
    """The language to start in: the settings file's when it names one, else the one last
    chosen on the sign-in screen, else the system's."""
    for language in (setting, remembered):
        if language in LANGUAGES:
            return language
    system = QLocale.system().language()
    return "he" if system == QLocale.Language.Hebrew else "en"


def current_language() -> str:
    return _current


def is_right_to_left(language: str | None = None) -> bool:
    return (language or _current) in RIGHT_TO_LEFT


def in_reading_order(text: str) -> str:
    """``text`` read in the screen's direction whatever it starts with: an English sentence
    that opens with a Hebrew product name stays left to right (and a Hebrew one that opens
    with a SKU right to left). Qt takes a paragraph's direction from its first strong
    letter; the invisible mark in front is that letter."""
    if not text:
        return text
    return ("\u200f" if is_right_to_left() else "\u200e") + text


def direction(language: str) -> Qt.LayoutDirection:
    return (
        Qt.LayoutDirection.RightToLeft
        if language in RIGHT_TO_LEFT
        else Qt.LayoutDirection.LeftToRight
    )


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    if beside.exists():
        return str(beside)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_translation(language: str, folder: Path = I18N_DIR) -> Path | None:
    """The ``.qm`` of ``language``, compiled from its ``.ts`` when missing or older; None
    when there is neither (or lrelease is not installed and no ``.qm`` was built)."""
    ts = folder / f"fulfillment_{language}.ts"
    qm = folder / f"fulfillment_{language}.qm"
    stale = ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime)
    if stale:
        tool = _lrelease()
        if tool is None:
            log.warning("pyside6-lrelease not found: %s cannot be compiled", ts)
        else:
            try:
                subprocess.run(  # noqa: S603 - our own lrelease on our own files
                    [tool, "-silent", str(ts), "-qm", str(qm)],
                    check=True,
                    capture_output=True,
                    timeout=60,
                )
            except (OSError, subprocess.SubprocessError) as exc:
                log.warning("could not compile %s: %s", ts, exc)
    return qm if qm.exists() else None


def set_language(app: QCoreApplication, language: str) -> str:
    """Speak ``language`` from now on (an unknown one is English): the translators, the
    layout direction and the locale of numbers and dates. Returns the language set. Widgets
    built before keep their texts: the main window rebuilds its views after this."""
    global _current
    if language not in LANGUAGES:
        language = "en"
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    if language != "en":
        qm = compile_translation(language)
        translator = QTranslator(app)
        if qm is not None and translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation for %r: the screens stay in English", language)
        # Qt's own words (the buttons of its dialogs, the context menus of text fields).
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(_LOCALES[language], "qtbase", "_", qt_dir):
            QCoreApplication.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(_LOCALES[language])
    setter = getattr(app, "setLayoutDirection", None)
    if setter is not None:  # a QGuiApplication
        setter(direction(language))
    _current = language
    return language


# -- words from data ---------------------------------------------------------------------------

#: Marked for lupdate; shown through :func:`word`.
_WORDS = (
    QT_TRANSLATE_NOOP("Words", "picker"),
    QT_TRANSLATE_NOOP("Words", "packer"),
    QT_TRANSLATE_NOOP("Words", "supervisor"),
    QT_TRANSLATE_NOOP("Words", "admin"),
    QT_TRANSLATE_NOOP("Words", "connecting"),
    QT_TRANSLATE_NOOP("Words", "connected"),
    QT_TRANSLATE_NOOP("Words", "reconnecting"),
    QT_TRANSLATE_NOOP("Words", "error"),
    QT_TRANSLATE_NOOP("Words", "stopped"),
    QT_TRANSLATE_NOOP("Words", "waiting"),
    QT_TRANSLATE_NOOP("Words", "picking"),
    QT_TRANSLATE_NOOP("Words", "picked"),
    QT_TRANSLATE_NOOP("Words", "exception"),
    QT_TRANSLATE_NOOP("Words", "withdrawn"),
    QT_TRANSLATE_NOOP("Words", "active"),
    QT_TRANSLATE_NOOP("Words", "item missing"),
    QT_TRANSLATE_NOOP("Words", "item damaged"),
    QT_TRANSLATE_NOOP("Words", "wrong item in the tote"),
    QT_TRANSLATE_NOOP("Words", "not enough in stock"),
    QT_TRANSLATE_NOOP("Words", "customer asked for a partial shipment"),
    QT_TRANSLATE_NOOP("Words", "fcfs"),
    QT_TRANSLATE_NOOP("Words", "seed"),
    QT_TRANSLATE_NOOP("Words", "savings"),
    QT_TRANSLATE_NOOP("Words", "ils"),
    QT_TRANSLATE_NOOP("ShortReasons", "location empty"),
    QT_TRANSLATE_NOOP("ShortReasons", "not enough"),
    QT_TRANSLATE_NOOP("ShortReasons", "damaged"),
    QT_TRANSLATE_NOOP("ShortReasons", "wrong item at location"),
    QT_TRANSLATE_NOOP("ShortReasons", "not found"),
)


def word(value: object) -> str:
    """A word from data (a role, a device's state, a reason) in the current language; an
    enum gives its value. Words not in the catalogue come back as they are."""
    text = str(getattr(value, "value", value))
    return QCoreApplication.translate("Words", text)


# -- numbers, weights, dates and times in the current language ----------------------------------


def number(value: float, decimals: int = 0) -> str:
    """``1,234`` or ``1,234.5`` with the locale's separators."""
    return QLocale().toString(float(value), "f", decimals)


def weight(grams: float) -> str:
    """``1,234.5 g`` (``1,234.5 ג׳`` in Hebrew); whole grams without decimals."""
    decimals = 0 if float(grams).is_integer() else 1
    return QCoreApplication.translate("Units", "{grams} g").format(grams=number(grams, decimals))


#: Dates as each language's readers write them: ISO in English (as the station's logs and
#: files), day.month.year in Hebrew.
DATE_FORMATS = {"en": "yyyy-MM-dd", "he": "dd.MM.yyyy"}


def date_text(value: date | datetime) -> str:
    """The date: ``2026-11-26`` in English, ``26.11.2026`` in Hebrew."""
    d = value.date() if isinstance(value, datetime) else value
    return QLocale().toString(QDate(d.year, d.month, d.day), DATE_FORMATS[_current])


def time_text(value: time | datetime, *, seconds: bool = False) -> str:
    """The time of day on the 24-hour clock: ``14:05`` (``14:05:09`` with seconds)."""
    moment = QTime(value.hour, value.minute, value.second)
    return QLocale().toString(moment, "HH:mm:ss" if seconds else "HH:mm")


def date_time_text(value: datetime, *, seconds: bool = False) -> str:
    """The date and the time: ``2026-11-26 14:05`` in English, ``26.11.2026 14:05`` in
    Hebrew."""
    return f"{date_text(value)} {time_text(value, seconds=seconds)}"
