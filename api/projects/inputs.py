"""GraphQL inputs for project requests: post, update, award, respond."""

from __future__ import annotations

import strawberry

from api.projects.types import ProjectStatusType
from api.scopes.inputs import BudgetInput, OptionalScopeFields, ScopeInput, SkillRequirementInput


@strawberry.input
class PostProjectRequestInput(ScopeInput):
    publish: bool = strawberry.field(
        default=False, description="Open it to vendors now, or keep it a private DRAFT."
    )


@strawberry.input
class UpdateProjectRequestInput(OptionalScopeFields):
    id: strawberry.ID
    expected_version: int | None = None
    status: ProjectStatusType | None = strawberry.field(
        default=None, description="OPEN publishes a draft; CLOSED or CANCELLED end it."
    )
    title: str | None = None
    description: str | None = None
    skills: list[SkillRequirementInput] | None = None
    budget: BudgetInput | None = None
    timezone: str | None = None


@strawberry.input
class AwardProjectRequestInput:
    id: strawberry.ID
    vendor_id: strawberry.ID


@strawberry.input
class RespondToAwardInput:
    project_request_id: strawberry.ID
    accept: bool = strawberry.field(
        description="True accepts the award; false declines it and reopens the request."
    )
