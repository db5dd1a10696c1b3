"""GraphQL types for money and working hours, shared by every domain that shows them."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import strawberry

from api.values.money import cents


@strawberry.type(description="An amount in an ISO 4217 currency.")
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        self.amount = cents(self.amount)


@strawberry.type(description="A price range in one ISO 4217 currency.")
class MoneyRange:
    min: Decimal
    max: Decimal
    currency: str

    def __post_init__(self) -> None:
        self.min, self.max = cents(self.min), cents(self.max)


@strawberry.type(description="Local working hours; an end before the start is an overnight shift.")
class WorkingHours:
    start: str
    end: str

    @classmethod
    def from_times(cls, start: time, end: time) -> WorkingHours:
        return cls(start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
