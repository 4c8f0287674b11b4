"""Starting the desktop: the Qt application, the composition root and the main window."""

from __future__ import annotations

import logging
import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..config import Settings
from ..context import AppContext
from .i18n import REMEMBERED_KEY, choose_language, set_language
from .main_window import MainWindow
from .theme import apply_theme

if TYPE_CHECKING:  # the demo's wiring is imported by the demo command only
    from ..demo import Demo

log = logging.getLogger(__name__)

#: For start-up measurements (benchmarks/bench_startup_desktop.py): when set, the desktop
#: prints SIGN_IN_SHOWN on its standard output once the sign-in screen is up, and closes.
QUIT_AT_SIGN_IN_VAR = "FULFILLMENT_QUIT_AT_SIGN_IN"
SIGN_IN_SHOWN = "sign-in screen shown"


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("fulfillment")
    QCoreApplication.setApplicationName("fulfillment-station")
    QCoreApplication.setApplicationVersion(__version__)
    return app


def apply_language(app: QApplication, language: str) -> str:
    """The screens in ``language`` (the setting; "" for the system's locale): translations,
    locale and, in Hebrew, the whole layout mirrored. Returns the language chosen."""
    remembered = QSettings().value(REMEMBERED_KEY, "")
    return set_language(app, choose_language(language, str(remembered or "")))


def _install_excepthook(window: MainWindow) -> None:
    """An exception escaping a slot is logged with its traceback; the user sees a sentence."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled exception in the desktop", exc_info=(kind, value, tb))
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow",
                "Something went wrong; it has been logged. Carry on, or tell a supervisor.",
            ),
            15_000,
        )

    sys.excepthook = hook


def _say_and_close(window: MainWindow) -> None:
    # After the pending paint events, so that the screen has been drawn once.
    def close() -> None:
        print(SIGN_IN_SHOWN, flush=True)
        window.close()

    QTimer.singleShot(0, close)


def run(
    settings: Settings,
    *,
    demo: Demo | None = None,
    quit_after: float | None = None,
) -> int:
    """Open the desktop on ``settings`` (with ``demo``, the demo's extras) until it closes."""
    app = make_application()
    apply_language(app, settings.ui.language)
    apply_theme(app)
    context = AppContext.build(settings)
    window = MainWindow(context, demo=demo)
    _install_excepthook(window)
    window.show()
    window.start()
    if quit_after:
        QTimer.singleShot(int(quit_after * 1000), window.close)
    if os.environ.get(QUIT_AT_SIGN_IN_VAR):
        window.sign_in_shown.connect(lambda: _say_and_close(window))
    log.info("desktop started (%s, %s)", context.db.description, "demo" if demo else "normal")
    return app.exec()
