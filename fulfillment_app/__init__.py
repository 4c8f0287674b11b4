"""Warehouse fulfillment station: order sync, picking, scan-to-verify packing and labels.

The package is layered (see README): ``ui`` is the only part that imports Qt; ``services`` holds
the use cases (transactions, permissions, audit); ``db`` the models and migrations; ``picking``,
``devices`` and ``sync`` the domain code. ``context.AppContext`` wires them together.
"""

__version__ = "0.1.0"
