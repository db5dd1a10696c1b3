"""Time helper: every timestamp is aware UTC (SQLModel stores and returns it so)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, as aware UTC."""
    return datetime.now(UTC)
