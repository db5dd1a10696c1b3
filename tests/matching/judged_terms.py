"""Shorthand the judged scopes are written in: skills as 'tag!' strings and project windows."""

from __future__ import annotations

from datetime import date

from matching import SkillRequirement


def _skill(text: str) -> SkillRequirement:
    """'django!' is a must-have; 'xero!|quickbooks' accepts either (any_of)."""
    first, *others = text.split("|")
    return SkillRequirement(first.rstrip("!"), must_have=first.endswith("!"), any_of=tuple(others))


def _skills(*texts: str) -> tuple[SkillRequirement, ...]:
    return tuple(_skill(t) for t in texts)


AUTUMN = {"start_date": date(2026, 9, 1), "deadline": date(2026, 12, 15)}
WINTER = {"start_date": date(2027, 1, 11), "deadline": date(2027, 3, 5)}
