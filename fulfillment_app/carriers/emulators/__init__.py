"""Local HTTP servers that behave like the carriers' web services, for tests and the demo.

Station code never imports them (an import-linter contract holds it).
"""
