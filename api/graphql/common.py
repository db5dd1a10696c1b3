"""Small value types shared by every domain: money, ranges, hours, places, languages."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import strawberry

from api.reference.codes import country_names, language_names
from api.reference.fx import CENT
from api.reference.regions import country_geo


def cents(value: Decimal) -> Decimal:
    """Amounts always show two decimals, whichever engine stored them (SQLite drops them)."""
    return Decimal(value).quantize(CENT)


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


@strawberry.type(description="A country (ISO 3166-1) with its UN region.")
class Country:
    code: str
    name: str
    region: str
    continent: str

    @classmethod
    def from_code(cls, code: str) -> Country:
        geo = country_geo()[code]
        return cls(
            code=code, name=country_names()[code], region=geo.region, continent=geo.continent
        )


@strawberry.type(description="A language (ISO 639-1).")
class Language:
    code: str
    name: str

    @classmethod
    def from_code(cls, code: str) -> Language:
        return cls(code=code, name=language_names().get(code, code))
