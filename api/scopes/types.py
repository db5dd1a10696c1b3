"""GraphQL types for the parts of a scope of work that a project request shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeAlias

import strawberry

from api.graphql.cost import cost_hint
from api.scopes.fields import DataSensitivity, PricingModel, StaffedCoverage
from api.scopes.skills import MAX_ALTERNATIVES, Requirement
from api.tags.types import SkillName, TagType

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(PricingModel, name="PricingModel")
strawberry.enum(DataSensitivity, name="DataSensitivity")
strawberry.enum(
    StaffedCoverage,
    name="Coverage",
    description="Hours the work needs staffed: the buyer's working day, at least 12 hours "
    "on weekdays, 24 hours on weekdays, or 24/7.",
)
PricingModelType: TypeAlias = PricingModel
DataSensitivityType: TypeAlias = DataSensitivity
CoverageType: TypeAlias = StaffedCoverage


ANY_OF = "Skills that would do instead: a must-have is met by the skill or any one of these."


@strawberry.type(description="A skill the scope needs; must-haves are hard requirements.")
class SkillRequirement:
    tag: TagType
    must_have: bool
    weight: float
    any_of: list[SkillName] = strawberry.field(
        description=ANY_OF, metadata=cost_hint(list_size=MAX_ALTERNATIVES)
    )


@strawberry.type(
    description="A skill the scope needs that the taxonomy does not know (yet), as kept; "
    "matched by its wording."
)
class FreeSkillRequirement:
    name: str
    must_have: bool
    weight: float
    any_of: list[SkillName] = strawberry.field(
        description=ANY_OF, metadata=cost_hint(list_size=MAX_ALTERNATIVES)
    )


def shown_requirements(
    requirements: list[Requirement],
) -> tuple[list[SkillRequirement], list[FreeSkillRequirement]]:
    """Requirements as a request shows them: on tags, and in free text."""
    tagged, free = [], []
    for req in requirements:
        any_of = [SkillName.of(alternative) for alternative in req.any_of]
        if req.skill.tag is not None:
            tag = TagType.from_row(req.skill.tag)
            tagged.append(
                SkillRequirement(tag=tag, must_have=req.must_have, weight=req.weight, any_of=any_of)
            )
        else:
            free.append(
                FreeSkillRequirement(
                    name=req.skill.name, must_have=req.must_have, weight=req.weight, any_of=any_of
                )
            )
    return tagged, free


@strawberry.type
class Budget:
    min: Decimal
    max: Decimal
    currency: str
    pricing: PricingModelType


@strawberry.type
class Milestone:
    title: str
    due_date: date
