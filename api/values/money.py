"""Money values: amounts in a currency's minor units, below a sane cap, and ranges of them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import get_currency_precision

from api.core.errors import ErrorCode, FieldPath, Problems
from api.reference.fx import CENT, fx_table

# Budgets and rates above 100 million in the FX base currency are typos, not projects.
MAX_AMOUNT = Decimal("100000000")
# What a NUMERIC(14, 2) money column holds (an IDR or VND amount can reach it first).
MAX_COLUMN_AMOUNT = Decimal("999999999999.99")
# Precision and scale of every money column: Field(max_digits=MONEY_DIGITS,
# decimal_places=MONEY_PLACES), spelled out at each column so type checkers see the field.
MONEY_DIGITS = 14
MONEY_PLACES = 2


@dataclass(frozen=True)
class MoneyEntry:
    """An amount as a caller gave it, before it is checked."""

    amount: Decimal
    currency: str


@dataclass(frozen=True)
class MoneyRangeEntry:
    """A range of amounts in one currency, as a caller gave it."""

    min: Decimal
    max: Decimal
    currency: str


def cents(value: Decimal) -> Decimal:
    """Amounts always show two decimals, whichever engine stored them (SQLite drops them)."""
    return Decimal(value).quantize(CENT)


def amount(
    problems: Problems, path: FieldPath, value: Decimal | str | float, currency: str | None = None
) -> Decimal | None:
    """A positive amount, in the currency's minor units (0 for JPY, at most 2 stored),
    and below the cap in the FX base currency (and what a money column holds)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.add(path, "Enter an amount such as 45.00.", ErrorCode.INVALID)
        return None
    if not number.is_finite():  # NaN, sNaN and Infinity parse as Decimals too
        problems.add(path, "Enter an amount such as 45.00.", ErrorCode.INVALID)
        return None
    if number <= 0:
        problems.add(path, "Enter an amount above zero.", ErrorCode.OUT_OF_RANGE)
        return None
    fx = fx_table()
    # The currency, when the FX table knows it (then it sets the cap and the minor units).
    known = currency if currency is not None and currency in fx else None
    # The column's cap first: converting 1e26 would overflow the decimal context.
    too_big = number > MAX_COLUMN_AMOUNT
    in_base = fx.to_base(number, known) if known is not None and not too_big else number
    if too_big or in_base > MAX_AMOUNT:
        limit = f"{MAX_AMOUNT} {fx.base}" if known is not None else str(MAX_AMOUNT)
        problems.add(path, f"Enter an amount below {limit}.", ErrorCode.OUT_OF_RANGE)
        return None
    places = min(get_currency_precision(known), 2) if known is not None else 2
    if number != number.quantize(Decimal(1).scaleb(-places)):
        unit = f"{currency} amounts" if known is not None else "Amounts"
        problems.add(path, f"{unit} take at most {places} decimal places.", ErrorCode.INVALID)
        return None
    return number


def amount_range(
    problems: Problems,
    path: FieldPath,
    low: Decimal | str,
    high: Decimal | str,
    currency: str | None = None,
) -> tuple[Decimal, Decimal] | None:
    minimum = amount(problems, [*path, "min"], low, currency)
    maximum = amount(problems, [*path, "max"], high, currency)
    if minimum is None or maximum is None:
        return None
    if minimum > maximum:
        problems.add([*path, "min"], "The minimum is above the maximum.", ErrorCode.OUT_OF_RANGE)
        return None
    return minimum, maximum
