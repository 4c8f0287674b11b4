"""Starting the desktop: the Qt application, the composition root and the main window."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..config import Settings
from ..context import AppContext
from .main_window import MainWindow

log = logging.getLogger(__name__)


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("fulfillment")
    QCoreApplication.setApplicationName("fulfillment-station")
    QCoreApplication.setApplicationVersion(__version__)
    return app


def apply_language(app: QApplication, language: str) -> None:
    """Hebrew reads right to left: mirror the whole layout."""
    direction = (
        Qt.LayoutDirection.RightToLeft if language == "he" else Qt.LayoutDirection.LeftToRight
    )
    app.setLayoutDirection(direction)


def _install_excepthook(window: MainWindow) -> None:
    """An exception escaping a slot is logged with its traceback; the user sees a sentence."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled exception in the desktop", exc_info=(kind, value, tb))
        window.statusBar().showMessage(
            "Something went wrong; it has been logged. Carry on, or tell a supervisor.", 15_000
        )

    sys.excepthook = hook


def run(
    settings: Settings,
    *,
    demo: bool = False,
    quit_after: float | None = None,
    demo_store: str | None = None,
) -> int:
    app = make_application()
    apply_language(app, settings.ui.language)
    context = AppContext.build(settings)
    window = MainWindow(context, demo=demo, demo_store=demo_store)
    _install_excepthook(window)
    window.show()
    window.start()
    if quit_after:
        QTimer.singleShot(int(quit_after * 1000), window.close)
    log.info("desktop started (%s, %s)", context.db.description, "demo" if demo else "normal")
    return app.exec()
