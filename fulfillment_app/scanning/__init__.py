"""Turning raw scans (wedge text, serial bytes, RFID EPCs) into typed results.

:class:`~fulfillment_app.scanning.interpret.Interpreter` runs a chain of interpreters, each of
which returns ``None`` when the input is not theirs. No Qt here: the keyboard-wedge logic is a
pure state machine (:mod:`.wedge`) that the UI feeds with key events.
"""

from .interpret import Command, Interpreter, ScanResult

__all__ = ["Command", "Interpreter", "ScanResult"]
