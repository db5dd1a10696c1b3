"""The clock: every timestamp is aware UTC (SQLModel stores and returns it so)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Now, as aware UTC."""
    return datetime.now(UTC)


def today() -> date:
    """The server's calendar day: where a scope gives no dates, its window starts here."""
    return date.today()
