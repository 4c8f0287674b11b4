"""The Qt binding itself must hold up through a long shift."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel

from fulfillment_app.ui.tasks import TaskRunner


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from 3.12 on")
def test_a_shift_of_qt_calls_does_not_wear_out_none_or_true(qtbot):
    # PySide6 6.12.0 dropped a reference to None at each call returning nothing and to True at
    # each signal emitted from Python: a station died after some thousands of scans. Pinned
    # below it in pyproject.toml.
    label = QLabel()
    qtbot.addWidget(label)
    runner = TaskRunner()
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        label.setText("Scan the next item.")
        runner.busy_changed.emit(0)
    runner.shutdown()
    assert sys.getrefcount(None) > none - 100 and sys.getrefcount(True) > true - 100
