"""Working hours: local times of day written HH:MM, overnight shifts allowed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from api.core.errors import ErrorCode, FieldPath, Problems
from api.reference import rules as reference


@dataclass(frozen=True)
class HoursEntry:
    """Working hours as a caller gave them, before they are checked."""

    start: str
    end: str


def clock_time(problems: Problems, path: FieldPath, value: str) -> time | None:
    """A local time of day written HH:MM (24-hour)."""
    try:
        hours, minutes = value.strip().split(":")
        # int() also takes "+9" and non-ASCII digits; a clock time is two ASCII digits each.
        if not all(
            len(part) == 2 and part.isascii() and part.isdigit() for part in (hours, minutes)
        ):
            raise ValueError(value)
        return time(int(hours), int(minutes))
    except ValueError:
        problems.add(path, f"'{value}' is not a time such as 09:00 or 17:30.", ErrorCode.INVALID)
        return None


def working_hours(
    problems: Problems, path: FieldPath, start: str, end: str
) -> tuple[time, time] | None:
    """Working hours; an end before the start is an overnight shift, equal times are refused."""
    opens = clock_time(problems, [*path, "start"], start)
    closes = clock_time(problems, [*path, "end"], end)
    if opens is None or closes is None:
        return None
    if opens == closes:
        problems.add([*path, "end"], "The day must end after it starts.", ErrorCode.INVALID)
        return None
    return opens, closes


def working_time_columns(
    problems: Problems, timezone: str | None, hours: HoursEntry | None
) -> dict[str, Any]:
    """Where and when a party works, as columns: its IANA zone and its local hours.

    Vendor profiles and scopes of work state both the same way; only the fields given
    are checked and returned (an update may change either alone).
    """
    columns: dict[str, Any] = {}
    if timezone is not None and (zone := reference.timezone(problems, ["timezone"], timezone)):
        columns["timezone"] = zone
    if hours is not None and (
        checked := working_hours(problems, ["workingHours"], hours.start, hours.end)
    ):
        columns["work_start"], columns["work_end"] = checked
    return columns
