"""GraphQL types for the parts of a scope of work that a project request shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.scopes.fields import DataSensitivity, PricingModel
from api.tags.types import TagType

PricingModelType = strawberry.enum(PricingModel, name="PricingModel")
DataSensitivityType = strawberry.enum(DataSensitivity, name="DataSensitivity")


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
    pricing: PricingModelType  # type: ignore[valid-type]


@strawberry.type
class Milestone:
    title: str
    due_date: date
