"""Field checks shared by every input: codes, lengths, money, hours, list sizes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation

from babel.numbers import get_currency_precision

from api.errors import ErrorCode, Problems
from api.reference import codes
from api.reference.certifications import CERTIFICATIONS
from api.reference.fx import fx_table
from api.reference.regions import canonical_region
from api.tags.catalog import TagCatalog

# Budgets and rates above 100 million in the FX base currency are typos, not projects.
MAX_AMOUNT = Decimal("100000000")
# What a NUMERIC(14, 2) money column holds (an IDR or VND amount can reach it first).
MAX_COLUMN_AMOUNT = Decimal("999999999999.99")
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = timedelta(days=3653)
Path = Sequence[str | int]


def text(
    problems: Problems, path: Path, value: str | None, *, max_length: int, required: bool = True
) -> str | None:
    """A trimmed string within `max_length`; blank counts as missing."""
    cleaned = value.strip() if value is not None else None
    if not cleaned:
        if required:
            problems.add(path, "This field is required.", ErrorCode.REQUIRED)
        return None
    if len(cleaned) > max_length:
        problems.add(path, f"Use at most {max_length} characters.", ErrorCode.TOO_LONG)
        return None
    if has_control_characters(cleaned):
        problems.add(path, "Remove the control characters.", ErrorCode.INVALID)
        return None
    return cleaned


def has_control_characters(value: str) -> bool:
    """NUL and other C0 controls (tabs and newlines aside); PostgreSQL refuses NUL in text."""
    return any(ord(char) < 32 and char not in "\t\n\r" for char in value) or "\x7f" in value


def list_size(problems: Problems, path: Path, items: Sequence[object], *, maximum: int) -> bool:
    if len(items) > maximum:
        problems.add(path, f"Give at most {maximum} items.", ErrorCode.TOO_MANY)
        return False
    return True


def country(problems: Problems, path: Path, value: str) -> str | None:
    code = codes.normalise_code(value)
    if code not in codes.country_names():
        problems.add(
            path, f"'{value}' is not an ISO 3166-1 alpha-2 country code.", ErrorCode.INVALID
        )
        return None
    return code


def language(problems: Problems, path: Path, value: str) -> str | None:
    code = value.strip().lower()
    if code not in codes.language_names():
        problems.add(path, f"'{value}' is not an ISO 639-1 language code.", ErrorCode.INVALID)
        return None
    return code


def currency(problems: Problems, path: Path, value: str) -> str | None:
    code = codes.normalise_code(value)
    if code not in codes.currency_names():
        problems.add(path, f"'{value}' is not an ISO 4217 currency code.", ErrorCode.INVALID)
        return None
    if code not in fx_table():
        problems.add(path, f"{code} is not a currency we can convert yet.", ErrorCode.INVALID)
        return None
    return code


def timezone(problems: Problems, path: Path, value: str) -> str | None:
    name = value.strip()
    if not codes.is_timezone(name):
        problems.add(
            path, f"'{value}' is not an IANA time zone such as Europe/Warsaw.", ErrorCode.INVALID
        )
        return None
    return name


def region(problems: Problems, path: Path, value: str) -> str | None:
    """A UN sub-region, continent or country code, spelled canonically."""
    canonical = canonical_region(value)
    if canonical is None:
        problems.add(
            path,
            f"'{value}' is not a region, continent or country code (see the regions query).",
            ErrorCode.INVALID,
        )
    return canonical


def certification(problems: Problems, path: Path, value: str) -> str | None:
    code = value.strip().upper().replace(" ", "_").replace("-", "_")
    if code not in CERTIFICATIONS:
        known = ", ".join(CERTIFICATIONS)
        problems.add(
            path, f"Unknown certification '{value}'; use one of {known}.", ErrorCode.INVALID
        )
        return None
    return code


def amount(
    problems: Problems, path: Path, value: Decimal | str | float, currency: str | None = None
) -> Decimal | None:
    """A positive amount, in the currency's minor units (0 for JPY, at most 2 stored),
    and below the cap in the FX base currency (and what a money column holds)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.add(path, "Enter an amount such as 45.00.", ErrorCode.INVALID)
        return None
    if not number.is_finite() or number <= 0:
        problems.add(path, "Enter an amount above zero.", ErrorCode.OUT_OF_RANGE)
        return None
    fx = fx_table()
    known = currency is not None and currency in fx
    in_base = fx.to_base(number, currency) if known else number  # type: ignore[arg-type]
    if number > MAX_COLUMN_AMOUNT or in_base > MAX_AMOUNT:
        limit = f"{MAX_AMOUNT} {fx.base}" if known else str(MAX_AMOUNT)
        problems.add(path, f"Enter an amount below {limit}.", ErrorCode.OUT_OF_RANGE)
        return None
    places = min(get_currency_precision(currency), 2) if known else 2  # type: ignore[arg-type]
    if number != number.quantize(Decimal(1).scaleb(-places)):
        unit = f"{currency} amounts" if known else "Amounts"
        problems.add(path, f"{unit} take at most {places} decimal places.", ErrorCode.INVALID)
        return None
    return number


def amount_range(
    problems: Problems,
    path: Path,
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


def clock_time(problems: Problems, path: Path, value: str) -> time | None:
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


def working_hours(problems: Problems, path: Path, start: str, end: str) -> tuple[time, time] | None:
    """Working hours; an end before the start is an overnight shift, equal times are refused."""
    opens = clock_time(problems, [*path, "start"], start)
    closes = clock_time(problems, [*path, "end"], end)
    if opens is None or closes is None:
        return None
    if opens == closes:
        problems.add([*path, "end"], "The day must end after it starts.", ErrorCode.INVALID)
        return None
    return opens, closes


def plausible_date(problems: Problems, path: Path, value: date) -> bool:
    """A project date between 2000 and ten years from now."""
    latest = date.today() + LATEST_DATE
    if not EARLIEST_DATE <= value <= latest:
        problems.add(
            path, f"Choose a date between {EARLIEST_DATE} and {latest}.", ErrorCode.OUT_OF_RANGE
        )
        return False
    return True


def number_range(
    problems: Problems, path: Path, value: float, *, low: float, high: float
) -> float | None:
    if not low <= value <= high:
        problems.add(path, f"Enter a number from {low:g} to {high:g}.", ErrorCode.OUT_OF_RANGE)
        return None
    return value


def each(
    problems: Problems,
    name: str,
    items: Sequence[str] | None,
    check_item: Callable[[Problems, Path, str], str | None],
    *,
    maximum: int,
) -> list[str] | None:
    """The items of a list input that pass `check_item`, in order and without repeats.

    None when the list was not given or is too long (that problem is reported).
    """
    if items is None or not list_size(problems, [name], items, maximum=maximum):
        return None
    checked = [check_item(problems, [name, index], item) for index, item in enumerate(items)]
    return list(dict.fromkeys(item for item in checked if item))


def tagged_numbers(
    problems: Problems,
    name: str,
    entries: Sequence[tuple[str, float]],
    catalog: TagCatalog,
    *,
    number_field: str,
    low: float,
    high: float,
    maximum: int,
) -> list[tuple[int, int, float]] | None:
    """A list of (tag as typed, number) pairs: (position, tag id, number) for the valid ones.

    None when the list is too long; an empty list is refused as REQUIRED.
    """
    if not list_size(problems, [name], entries, maximum=maximum):
        return None
    if not entries:
        problems.add([name], "Name at least one skill.", ErrorCode.REQUIRED)
    checked = []
    for index, (typed, number) in enumerate(entries):
        tag = catalog.resolve_or_report(problems, [name, index, "tag"], typed)
        value = number_range(problems, [name, index, number_field], number, low=low, high=high)
        if tag is not None and tag.id is not None and value is not None:
            checked.append((index, tag.id, value))
    return checked
