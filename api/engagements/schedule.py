"""When check-ins fall: a weekday and time in the business's zone, per cadence.

Slots are built per local calendar day and only then converted to UTC, so a check-in at
10:00 Berlin stays at 10:00 across a DST change (a time the clocks skip lands on the
same instant zoneinfo gives it; a repeated one takes its first occurrence)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.engagements.models import CheckInCadence

# A schedule read over more slots than this (a daily plan over years) stops here.
MAX_SLOTS = 1000


@dataclass(frozen=True)
class Schedule:
    cadence: str
    weekday: int
    time: time
    zone: str

    def is_slot_day(self, day: date, first: date) -> bool:
        if self.cadence == CheckInCadence.DAILY:
            return True
        if day.weekday() != self.weekday:
            return False
        if self.cadence == CheckInCadence.BIWEEKLY:
            return ((day - first).days // 7) % 2 == 0
        return True

    def slots(
        self, start: datetime, end: datetime, *, anchor: datetime | None = None
    ) -> Iterator[datetime]:
        """Slots (aware UTC) after `start` and at or before `end`, at most MAX_SLOTS.
        Fortnights count from the first slot day on or after `anchor` (default: start)."""
        zone = ZoneInfo(self.zone)
        day = start.astimezone(zone).date()
        first = self.first_day((anchor or start).astimezone(zone).date())
        produced = 0
        while produced < MAX_SLOTS:
            moment = datetime.combine(day, self.time, tzinfo=zone).astimezone(UTC)
            if moment > end:
                return
            if moment > start and self.is_slot_day(day, first):
                produced += 1
                yield moment
            day += timedelta(days=1)

    def first_day(self, day: date) -> date:
        if self.cadence == CheckInCadence.DAILY:
            return day
        return day + timedelta(days=(self.weekday - day.weekday()) % 7)

    def next_after(self, start: datetime, now: datetime) -> datetime:
        """The first slot after `now` and after `start` (fortnights counted from `start`)."""
        begin = max(start, now)
        return next(self.slots(begin, begin + timedelta(days=15), anchor=start))
