"""Field checks any input uses: text, numbers, dates and lists.

Each check reports what is wrong to `problems` (naming the field's path) and returns the
cleaned value, or None when it was refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from api.core.errors import ErrorCode, FieldPath, Problems

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = timedelta(days=3653)
# C0 controls but tab, newline and carriage return, and DEL: one regex scan, not a Python
# step per character (a profile's text is checked on every create and bulk load).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(
    problems: Problems,
    path: FieldPath,
    value: str | None,
    *,
    max_length: int,
    required: bool = True,
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
    return _CONTROL_CHARACTERS.search(value) is not None


def list_size(
    problems: Problems, path: FieldPath, items: Sequence[object], *, maximum: int
) -> bool:
    if len(items) > maximum:
        problems.add(path, f"Give at most {maximum} items.", ErrorCode.TOO_MANY)
        return False
    return True


def number_range(
    problems: Problems, path: FieldPath, value: float, *, low: float, high: float
) -> float | None:
    if not low <= value <= high:
        problems.add(path, f"Enter a number from {low:g} to {high:g}.", ErrorCode.OUT_OF_RANGE)
        return None
    return value


def plausible_date(problems: Problems, path: FieldPath, value: date) -> bool:
    """A project date between 2000 and ten years from now."""
    latest = date.today() + LATEST_DATE
    if not EARLIEST_DATE <= value <= latest:
        problems.add(
            path, f"Choose a date between {EARLIEST_DATE} and {latest}.", ErrorCode.OUT_OF_RANGE
        )
        return False
    return True


def each(
    problems: Problems,
    name: str,
    items: Sequence[str] | None,
    check_item: Callable[[Problems, FieldPath, str], str | None],
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
