"""Picking: warehouse layout, batching, zone split and pick paths (pure Python, no Qt)."""
