"""GraphQL types for the parts of a scope of work that a project request shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeAlias

import strawberry

from api.scopes.fields import DataSensitivity, PricingModel, StaffedCoverage
from api.tags.types import TagType

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


@strawberry.type(description="A skill the scope needs; must-haves are hard requirements.")
class SkillRequirement:
    tag: TagType
    must_have: bool
    weight: float


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
