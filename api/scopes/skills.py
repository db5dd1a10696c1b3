"""A scope's skill requirements: checked from what the buyer typed (tags or free text, each
with optional alternatives), read back from storage, and given to the matching library."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from api.core.errors import FieldPath, Problems
from api.scopes.fields import ScopeDraft, SkillEntry
from api.tags.catalog import NamedSkill, TagCatalog
from api.tags.rules import named_numbers, named_skill
from api.values.checks import list_size
from matching import SkillRequirement

# Alternatives per requirement: "any one of these" lists stay short.
MAX_ALTERNATIVES = 5


@dataclass(frozen=True)
class Requirement:
    """One skill a scope needs, and the skills that would do instead."""

    skill: NamedSkill
    must_have: bool
    weight: float
    any_of: tuple[NamedSkill, ...] = ()

    def for_matching(self) -> SkillRequirement:
        return SkillRequirement(
            tag=self.skill.term,
            must_have=self.must_have,
            weight=self.weight,
            any_of=tuple(alternative.term for alternative in self.any_of),
        )

    @property
    def stored_any_of(self) -> list[str]:
        """Alternatives as stored: slugs, or the free text (read back through the catalog,
        so free text an admin maps later reads as its tag)."""
        return [alternative.term for alternative in self.any_of]


def check_requirements(
    entries: Sequence[SkillEntry], catalog: TagCatalog, problems: Problems, *, maximum: int
) -> list[Requirement] | None:
    """The requirements `entries` state; a skill named twice keeps its last statement."""
    valid = named_numbers(
        problems,
        "skills",
        [(entry.tag, entry.weight) for entry in entries],
        catalog,
        number_field="weight",
        low=0.1,
        high=10,
        maximum=maximum,
    )
    if valid is None:
        return None
    found: dict[tuple[str, str], Requirement] = {}
    for index, skill, weight in valid:
        entry = entries[index]
        alternatives = _alternatives(problems, index, entry.any_of, catalog, skill)
        found[skill.identity] = Requirement(skill, entry.must_have, weight, alternatives)
    return list(found.values())


def _alternatives(
    problems: Problems,
    index: int,
    texts: Sequence[str] | None,
    catalog: TagCatalog,
    main: NamedSkill,
) -> tuple[NamedSkill, ...]:
    if not texts:
        return ()
    path: list[str | int] = ["skills", index, "anyOf"]
    if not list_size(problems, path, texts, maximum=MAX_ALTERNATIVES):
        return ()
    found: dict[tuple[str, str], NamedSkill] = {}
    for position, typed in enumerate(texts):
        alternative = named_skill(problems, [*path, position], typed, catalog)
        if alternative is not None and alternative.identity != main.identity:
            found.setdefault(alternative.identity, alternative)
    return tuple(found.values())


def named_skills(draft: ScopeDraft) -> list[tuple[FieldPath, str]]:
    """Where the draft names skills (for notes on those the taxonomy does not know)."""
    named: list[tuple[FieldPath, str]] = []
    for index, entry in enumerate(draft.skills or []):
        named.append((["skills", index, "tag"], entry.tag))
        for position, typed in enumerate((entry.any_of or [])[:MAX_ALTERNATIVES]):
            named.append((["skills", index, "anyOf", position], typed))
    return named


def stored_requirement(
    catalog: TagCatalog, term: str, must_have: bool, weight: float, any_of: Iterable[str]
) -> Requirement:
    """A stored requirement (a slug or free text, and its alternatives), read through the
    catalog as it stands now."""
    return Requirement(
        skill=catalog.named(term),
        must_have=must_have,
        weight=weight,
        any_of=tuple(catalog.named(alternative) for alternative in any_of),
    )
