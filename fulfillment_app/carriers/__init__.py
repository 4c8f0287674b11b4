"""Carriers: couriers in Israel and international carriers behind one adapter protocol.

This package works on plain values (no database, no Qt): the services persist what it returns.
"""
