"""Database layer: typed models, engine and session set-up, Alembic migrations."""

from .engine import Database, describe_url

__all__ = ["Database", "describe_url"]
