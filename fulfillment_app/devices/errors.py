"""Device errors, each with a sentence for the person at the station."""

from __future__ import annotations

from ..errors import FulfillmentError


class DeviceError(FulfillmentError):
    """A device could not be used; the message says what to check."""


class DeviceOffline(DeviceError):
    """The device does not answer or its port cannot be opened (cable pulled, power off)."""


class ScaleNotStable(DeviceError):
    """The scale kept moving until the time-out."""


class ScaleOutOfRange(DeviceError):
    """Overload or underload."""


class PrinterOffline(DeviceOffline):
    """The printer cannot be reached."""


class PrinterNotReady(DeviceError):
    """The printer answers but cannot print (paper out, head open, paused)."""
