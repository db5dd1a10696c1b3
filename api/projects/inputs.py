"""GraphQL inputs for project requests: post, update, award, respond, and the audience."""

from __future__ import annotations

import strawberry

from api.projects.audience_types import VisibilityType
from api.projects.fields import QuestionEntry, TermsDraft
from api.projects.types import ProjectStatusType
from api.scopes.inputs import BudgetInput, OptionalScopeFields, ScopeInput, SkillRequirementInput


@strawberry.input
class ScreeningQuestionInput:
    question: str
    required: bool = True


@strawberry.input
class RequestTermsFields:
    """Who sees a request, what stays confidential, and what vendors must answer; optional
    everywhere (None: unchanged on update, a blank text clears). Acceptance criteria and
    the communication plan come with the scope (OptionalScopeFields)."""

    visibility: VisibilityType | None = strawberry.field(
        default=None, description="PUBLIC (the default) or INVITE_ONLY."
    )
    nda_required: bool | None = strawberry.field(
        default=None,
        description="Vendors read `summary` instead of the description, and no attachment "
        "names, until their owner accepts `ndaText` (acceptNda). Needs ndaText and summary.",
    )
    nda_text: str | None = None
    summary: str | None = strawberry.field(
        default=None, description="A short public summary (at most 500 characters)."
    )
    attachment_names: list[str] | None = None
    screening_questions: list[ScreeningQuestionInput] | None = strawberry.field(
        default=None, description="At most 10, answered by vendors when proposing."
    )

    def to_terms(self) -> TermsDraft:
        questions = self.screening_questions
        # The scope's half of the terms, on every input that mixes this class in.
        criteria: list[str] | None = getattr(self, "acceptance_criteria", None)
        plan: str | None = getattr(self, "communication_plan", None)
        return TermsDraft(
            visibility=self.visibility.value if self.visibility is not None else None,
            nda_required=self.nda_required,
            nda_text=self.nda_text,
            summary=self.summary,
            attachment_names=self.attachment_names,
            acceptance_criteria=criteria,
            communication_plan=plan,
            screening_questions=None
            if questions is None
            else [QuestionEntry(q.question, q.required) for q in questions],
        )


@strawberry.input
class PostProjectRequestInput(RequestTermsFields, ScopeInput):
    publish: bool = strawberry.field(
        default=False,
        description="Open it to vendors now (the scope must be complete), or keep a DRAFT.",
    )


@strawberry.input
class UpdateProjectRequestInput(RequestTermsFields, OptionalScopeFields):
    id: strawberry.ID
    expected_version: int | None = None
    status: ProjectStatusType | None = strawberry.field(
        default=None,
        description="OPEN publishes a draft (the scope must be complete); CLOSED or "
        "CANCELLED end it.",
    )
    title: str | None = None
    description: str | None = None
    skills: list[SkillRequirementInput] | None = None
    budget: BudgetInput | None = None
    timezone: str | None = None


@strawberry.input(
    description="A scope to check for completeness without saving it; every field optional."
)
class ScopeCompletenessInput(OptionalScopeFields):
    budget: BudgetInput | None = None


@strawberry.input
class AwardProjectRequestInput:
    id: strawberry.ID
    vendor_id: strawberry.ID


@strawberry.input
class WithdrawAwardInput:
    project_request_id: strawberry.ID
    reason: str | None = strawberry.field(
        default=None, description="Told to the vendor (at most 500 characters)."
    )


@strawberry.input
class ShortlistVendorInput:
    project_request_id: strawberry.ID
    vendor_id: strawberry.ID
    note: str | None = strawberry.field(
        default=None, description="Private to you (at most 500 characters)."
    )


@strawberry.input
class RemoveFromShortlistInput:
    project_request_id: strawberry.ID
    vendor_id: strawberry.ID


@strawberry.input
class InviteVendorInput:
    project_request_id: strawberry.ID
    vendor_id: strawberry.ID
    message: str | None = strawberry.field(
        default=None, description="To the vendor (at most 2000 characters)."
    )


@strawberry.input
class RespondToInvitationInput:
    invitation_id: strawberry.ID
    accept: bool


@strawberry.input
class RevokeInvitationInput:
    invitation_id: strawberry.ID


@strawberry.input
class AcceptNdaInput:
    project_request_id: strawberry.ID
    vendor_id: strawberry.ID | None = strawberry.field(
        default=None, description="Your vendor; the one you own when omitted."
    )
