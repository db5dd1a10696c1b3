"""GraphQL inputs for money and working hours, and their plain entries."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from api.values.hours import HoursEntry
from api.values.money import MoneyEntry, MoneyRangeEntry


@strawberry.input(description="Local working hours as HH:MM; an end before the start is overnight.")
class WorkingHoursInput:
    start: str
    end: str

    def to_entry(self) -> HoursEntry:
        return HoursEntry(start=self.start, end=self.end)


@strawberry.input
class MoneyRangeInput:
    min: Decimal
    max: Decimal
    currency: str = strawberry.field(description="ISO 4217, e.g. 'EUR'.")

    def to_entry(self) -> MoneyRangeEntry:
        return MoneyRangeEntry(self.min, self.max, self.currency)


@strawberry.input
class MoneyInput:
    amount: Decimal
    currency: str

    def to_entry(self) -> MoneyEntry:
        return MoneyEntry(self.amount, self.currency)
