"""GraphQL inputs for a scope of work, and their conversion to a ScopeDraft."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.scopes.fields import BudgetEntry, MilestoneEntry, ScopeDraft, SkillEntry
from api.scopes.types import CoverageType, DataSensitivityType, PricingModelType
from api.values.inputs import WorkingHoursInput


@strawberry.input
class SkillRequirementInput:
    tag: str = strawberry.field(
        description="A tag slug, name or alias; any other skill (at most 80 characters) is "
        "kept as free text, matched by its wording and reported in `notes`."
    )
    must_have: bool = False
    weight: float = 1.0
    any_of: list[str] | None = strawberry.field(
        default=None,
        description="Alternatives that would do instead (at most 5; tags or free text): a "
        "must-have is met by the skill or any one of these.",
    )


@strawberry.input(description="For HOURLY pricing min and max are per hour; for FIXED, totals.")
class BudgetInput:
    min: Decimal
    max: Decimal
    currency: str
    pricing: PricingModelType


@strawberry.input
class MilestoneInput:
    title: str
    due_date: date


@strawberry.input
class OptionalScopeFields:
    """Scope fields that are optional everywhere."""

    deliverables: list[str] | None = None
    milestones: list[MilestoneInput] | None = None
    estimated_hours: float | None = None
    working_hours: WorkingHoursInput | None = None
    min_overlap_hours: float | None = None
    languages: list[str] | None = strawberry.field(default=None, description="ISO 639-1 codes.")
    preferred_regions: list[str] | None = strawberry.field(
        default=None, description="UN sub-regions, continents or country codes."
    )
    required_certifications: list[str] | None = None
    data_sensitivity: DataSensitivityType | None = None
    start_date: date | None = None
    deadline: date | None = None
    coverage: CoverageType | None = strawberry.field(
        default=None,
        description="Hours the work needs staffed (BUSINESS_HOURS when unset); vendors "
        "declare theirs as staffedHours.",
    )
    max_response_hours: float | None = strawberry.field(
        default=None, description="The slowest median reply acceptable, in hours (0.25-720)."
    )
    # How the work is judged done and how both sides keep in touch: a request needs both
    # to be published (api/projects/completeness.py); the matcher does not rank on them.
    acceptance_criteria: list[str] | None = None
    communication_plan: str | None = None

    def to_draft(self) -> ScopeDraft:
        """The scope as stated; subclasses add title, description, skills, budget, timezone
        (required when posting, optional when updating)."""
        title: str | None = getattr(self, "title", None)
        description: str | None = getattr(self, "description", None)
        skills: list[SkillRequirementInput] | None = getattr(self, "skills", None)
        budget: BudgetInput | None = getattr(self, "budget", None)
        timezone: str | None = getattr(self, "timezone", None)
        return ScopeDraft(
            title=title,
            description=description,
            skills=None
            if skills is None
            else [SkillEntry(s.tag, s.must_have, s.weight, s.any_of) for s in skills],
            deliverables=self.deliverables,
            milestones=None
            if self.milestones is None
            else [MilestoneEntry(m.title, m.due_date) for m in self.milestones],
            budget=None
            if budget is None
            else BudgetEntry(budget.min, budget.max, budget.currency, budget.pricing.value),
            estimated_hours=self.estimated_hours,
            timezone=timezone,
            working_hours=self.working_hours.to_entry() if self.working_hours else None,
            min_overlap_hours=self.min_overlap_hours,
            languages=self.languages,
            preferred_regions=self.preferred_regions,
            required_certifications=self.required_certifications,
            data_sensitivity=self.data_sensitivity.value if self.data_sensitivity else None,
            start_date=self.start_date,
            deadline=self.deadline,
            coverage=self.coverage.value if self.coverage else None,
            max_response_hours=self.max_response_hours,
        )


@strawberry.input(
    description="A scope of work: what, by when, for how much, and how to work together."
)
class ScopeInput(OptionalScopeFields):
    title: str
    description: str
    skills: list[SkillRequirementInput]
    budget: BudgetInput
    timezone: str = strawberry.field(description="The business's IANA time zone.")
