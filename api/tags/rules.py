"""Checks for skill lists: each entry names a tag (slug, name or alias) and a number."""

from __future__ import annotations

from collections.abc import Sequence

from api.core.errors import ErrorCode, Problems
from api.tags.catalog import TagCatalog
from api.values.checks import list_size, number_range


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
