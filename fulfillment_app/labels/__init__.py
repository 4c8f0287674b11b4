"""Labels and documents: one layout model, rendered to ZPL, PDF and PNG (no Qt)."""
