"""The per-station limit on unknown badge scans.

Badge codes are short and printed on cards, so someone could try made-up codes on a
station's scanner. Every unknown badge counts against the station; too many within the window
pause badge sign-in there (name + PIN still work, with their own per-user lock-out). The count
lives in the station's row, so it holds across restarts and is shared by every process of the
station.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..config import SecuritySettings
from ..db.models import Station
from ..errors import BadgeSignInPaused
from . import audit

log = logging.getLogger(__name__)


def _minutes(delta: timedelta) -> str:
    minutes = max(1, round(delta.total_seconds() / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def station_row(session: Session, name: str) -> Station:
    """The station's row, locked for this transaction (made if the station never registered)."""
    station = session.scalars(
        select(Station).where(Station.name == name).with_for_update()
    ).one_or_none()
    if station is None:
        station = Station(name=name, badge_failures=0)
        session.add(station)
        session.flush()
    return station


def paused(station: Station, now: datetime) -> BadgeSignInPaused | None:
    """The refusal to give while badge sign-in is paused at ``station``, else None."""
    if station.badge_paused_until is None or station.badge_paused_until <= now:
        return None
    return BadgeSignInPaused(
        f"Badge sign-in at this station is paused for {_minutes(station.badge_paused_until - now)} "
        "after too many unknown badges. Sign in with your name and PIN, or ask a supervisor."
    )


def count_failure(
    session: Session, station: Station, now: datetime, security: SecuritySettings
) -> BadgeSignInPaused | None:
    """Count an unknown badge at ``station``; the refusal to give if that pauses badge sign-in."""
    window = timedelta(minutes=security.badge_window_minutes)
    if station.badge_failures_since is None or station.badge_failures_since + window <= now:
        station.badge_failures_since = now
        station.badge_failures = 0
    station.badge_failures += 1
    if station.badge_failures < security.max_badge_failures:
        return None
    station.badge_paused_until = now + timedelta(minutes=security.badge_pause_minutes)
    station.badge_failures = 0
    station.badge_failures_since = None
    audit.record(
        session,
        None,
        "station.badge_paused",
        target_type="station",
        target_id=station.name,
        after={"paused_until": station.badge_paused_until.isoformat()},
        reason=(
            f"{security.max_badge_failures} unknown badges within "
            f"{security.badge_window_minutes} minutes"
        ),
        station=station.name,
    )
    log.warning("badge sign-in paused at %s after repeated unknown badges", station.name)
    return BadgeSignInPaused(
        f"Too many unknown badges: badge sign-in at this station is paused for "
        f"{_minutes(timedelta(minutes=security.badge_pause_minutes))}. Sign in with your name "
        "and PIN, or ask a supervisor."
    )
