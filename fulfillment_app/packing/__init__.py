"""Packing verification: matching scans to order lines, weight gate, box choice (pure Python).

The packing service (``services/packing.py``) persists every step; this package decides.
"""
