"""Checks for skill lists: each entry names a skill (a tag's slug, name or alias, or free
text the taxonomy lacks) and a number. An unknown name is never refused."""

from __future__ import annotations

from collections.abc import Sequence

from api.core.errors import ErrorCode, FieldPath, Problems
from api.tags.catalog import NamedSkill, TagCatalog
from api.values.checks import list_size, number_range, text

# As long as `matching.normalise_skill` keeps a free-text skill; a longer name is refused.
MAX_SKILL_NAME = 80


def named_skill(
    problems: Problems, path: FieldPath, typed: str, catalog: TagCatalog
) -> NamedSkill | None:
    """The skill `typed` names; blank, over-long or unreadable text is refused."""
    cleaned = text(problems, path, typed, max_length=MAX_SKILL_NAME)
    if cleaned is None:
        return None
    skill = catalog.named(cleaned)
    if not skill.key:
        # The lookup key keeps letters and digits of any script, + and #: punctuation alone
        # has no key.
        problems.add(path, "Name the skill with letters or digits.", ErrorCode.INVALID)
        return None
    return skill


def named_numbers(
    problems: Problems,
    name: str,
    entries: Sequence[tuple[str, float]],
    catalog: TagCatalog,
    *,
    number_field: str,
    low: float,
    high: float,
    maximum: int,
) -> list[tuple[int, NamedSkill, float]] | None:
    """A list of (skill as typed, number) pairs: (position, skill, number) for valid ones.

    None when the list is too long; an empty list is refused as REQUIRED.
    """
    if not list_size(problems, [name], entries, maximum=maximum):
        return None
    if not entries:
        problems.add([name], "Name at least one skill.", ErrorCode.REQUIRED)
    checked = []
    for index, (typed, number) in enumerate(entries):
        skill = named_skill(problems, [name, index, "tag"], typed, catalog)
        value = number_range(problems, [name, index, number_field], number, low=low, high=high)
        if skill is not None and value is not None:
            checked.append((index, skill, value))
    return checked
