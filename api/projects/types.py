"""GraphQL types for project requests (scopes of work)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Self, TypeAlias

import strawberry
from strawberry import relay

from api.core import clock
from api.graphql.context import Info
from api.graphql.cost import cost_hint
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection
from api.graphql.throttle import Action, limit_field
from api.matches.inputs import MatchWeightsInput
from api.matches.queries import MATCH_COST
from api.matches.ranking import INCLUDE_UNAVAILABLE, rank
from api.matches.types import VendorMatchConnection
from api.projects.audience import MAX_SHORTLIST
from api.projects.audience_types import (
    ProjectInvitationType,
    ScopeCompleteness,
    ScreeningQuestionType,
    ShortlistEntry,
    VisibilityType,
    viewer_vendor_id,
)
from api.projects.completeness import ScopeFacts, gaps
from api.projects.dataloaders import (
    DeliverablesByProjectIdLoader,
    FreeSkillsByProjectIdLoader,
    InvitationsByProjectIdLoader,
    MilestonesByProjectIdLoader,
    NdaAcceptedLoader,
    ProjectByIdLoader,
    QuestionsByProjectIdLoader,
    ShortlistByProjectIdLoader,
    SkillsByProjectIdLoader,
)
from api.projects.invitations import MAX_INVITATIONS
from api.projects.models import ProjectRequest as ProjectRow
from api.projects.models import ProjectStatus, Visibility
from api.projects.reads import project_requirements, project_scope, visible_ids
from api.projects.rules import award_lapsed, effective_status, sees_everything
from api.projects.terms import MAX_ATTACHMENTS, MAX_CRITERIA, MAX_QUESTIONS
from api.reference.types import Language
from api.reviews.types import Client
from api.scopes.fields import DataSensitivity, PricingModel, StaffedCoverage
from api.scopes.rules import MAX_SKILLS
from api.scopes.skills import Requirement
from api.scopes.types import (
    Budget,
    CoverageType,
    DataSensitivityType,
    FreeSkillRequirement,
    Milestone,
    SkillRequirement,
    shown_requirements,
)
from api.tags.service import tag_catalog
from api.values.money import cents
from api.values.types import WorkingHours
from api.vendors.dataloaders import VendorByIdLoader
from api.vendors.types import VendorType

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(ProjectStatus, name="ProjectStatus")
ProjectStatusType: TypeAlias = ProjectStatus


@strawberry.type(name="ProjectRequest", description="A business's scope of work.")
class ProjectRequestType(KeyedNode):
    id: relay.NodeID[int]
    title: str
    estimated_hours: float | None
    timezone: str
    min_overlap_hours: float
    preferred_regions: list[str]
    required_certifications: list[str]
    data_sensitivity: DataSensitivityType
    start_date: date | None
    deadline: date | None
    coverage: CoverageType
    max_response_hours: float | None
    version: int
    created_at: datetime
    published_at: datetime | None
    award_accepted_at: datetime | None = strawberry.field(
        description="When the awarded vendor accepted the award; null while it is only an offer."
    )
    _row: strawberry.Private[ProjectRow]

    @classmethod
    def from_row(cls, row: ProjectRow) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            title=row.title,
            estimated_hours=row.estimated_hours,
            timezone=row.timezone,
            min_overlap_hours=row.min_overlap_hours,
            preferred_regions=list(row.preferred_regions),
            required_certifications=list(row.required_certifications),
            data_sensitivity=DataSensitivity(row.data_sensitivity),
            start_date=row.start_date,
            deadline=row.deadline,
            coverage=StaffedCoverage(row.coverage),
            max_response_hours=row.max_response_hours,
            version=row.version,
            created_at=row.created_at,
            published_at=row.published_at,
            award_accepted_at=row.award_accepted_at,
            _row=row,
        )

    @strawberry.field(description="OPEN again once an award nobody answered has expired.")
    def status(self) -> ProjectStatusType:
        return ProjectStatus(effective_status(self._row, clock.utcnow()))

    @strawberry.field(description="Who sees the request: everyone, or those invited.")
    def visibility(self) -> VisibilityType:
        return Visibility(self._row.visibility)

    @strawberry.field(description="When an unanswered award lapses; null when none is pending.")
    def award_expires_at(self) -> datetime | None:
        row = self._row
        if row.status != ProjectStatus.AWARDED or row.award_accepted_at is not None:
            return None
        return None if award_lapsed(row, clock.utcnow()) else row.award_expires_at

    async def _confidential(self, info: Info) -> bool:
        """The description is withheld: an NDA this viewer's vendor has not accepted."""
        row = self._row
        if not row.nda_required or sees_everything(info.context.viewer, row):
            return False
        vendor_id = await viewer_vendor_id(info)
        if vendor_id is None:
            return True
        return not await NdaAcceptedLoader.of(info.context).load((self.id, vendor_id))

    @strawberry.field(
        description="The full description; under an NDA you have not accepted, the summary."
    )
    async def description(self, info: Info) -> str:
        if await self._confidential(info):
            return self._row.summary or ""
        return self._row.description

    @strawberry.field(
        description="True when the description and attachments are withheld "
        "from you until your vendor's owner accepts the NDA (acceptNda)."
    )
    async def confidential(self, info: Info) -> bool:
        return await self._confidential(info)

    @strawberry.field(description="A short public summary, shown in place of an NDA'd description.")
    def summary(self) -> str | None:
        return self._row.summary

    @strawberry.field(description="Whether vendors must accept an NDA to read the description.")
    def nda_required(self) -> bool:
        return self._row.nda_required

    @strawberry.field(description="The NDA's text, to read before accepting it.")
    def nda_text(self) -> str | None:
        return self._row.nda_text if self._row.nda_required else None

    @strawberry.field(
        description="Whether your vendor accepted this request's NDA; null unless you own a "
        "vendor and the request has an NDA."
    )
    async def nda_accepted(self, info: Info) -> bool | None:
        vendor_id = await viewer_vendor_id(info)
        if vendor_id is None or not self._row.nda_required:
            return None
        return await NdaAcceptedLoader.of(info.context).load((self.id, vendor_id))

    @strawberry.field(
        description="Names of attached files; empty while the request is confidential to you.",
        metadata=cost_hint(list_size=MAX_ATTACHMENTS),
    )
    async def attachment_names(self, info: Info) -> list[str]:
        if await self._confidential(info):
            return []
        return list(self._row.attachment_names)

    @strawberry.field(
        description="How the work will be judged done.",
        metadata=cost_hint(list_size=MAX_CRITERIA),
    )
    def acceptance_criteria(self) -> list[str]:
        return list(self._row.acceptance_criteria)

    @strawberry.field(description="How the business will communicate: channel, check-ins.")
    def communication_plan(self) -> str | None:
        return self._row.communication_plan

    @strawberry.field(metadata=cost_hint(list_size=MAX_QUESTIONS))
    async def screening_questions(self, info: Info) -> list[ScreeningQuestionType]:
        rows = await QuestionsByProjectIdLoader.of(info.context).load(self.id)
        return [
            ScreeningQuestionType(position=r.position, question=r.question, required=r.required)
            for r in rows
        ]

    @strawberry.field(description="What the scope still lacks before it can be published.")
    async def completeness(self, info: Info) -> ScopeCompleteness:
        row = self._row
        deliverables = await DeliverablesByProjectIdLoader.of(info.context).load(self.id)
        milestones = await MilestonesByProjectIdLoader.of(info.context).load(self.id)
        facts = ScopeFacts(
            deliverables=len(deliverables),
            acceptance_criteria=len(row.acceptance_criteria),
            has_deadline=row.deadline is not None,
            milestones=len(milestones),
            has_budget=row.budget_max is not None,
            has_communication_plan=bool(row.communication_plan),
        )
        return ScopeCompleteness.of(gaps(facts))

    @strawberry.field(
        description="Vendors you shortlisted; null unless you own the request (or are an admin).",
        metadata=cost_hint(list_size=MAX_SHORTLIST),
    )
    async def shortlist(self, info: Info) -> list[ShortlistEntry] | None:
        if not sees_everything(info.context.viewer, self._row):
            return None
        rows = await ShortlistByProjectIdLoader.of(info.context).load(self.id)
        return [ShortlistEntry.from_row(r) for r in rows]

    @strawberry.field(
        description="Vendors you invited; null unless you own the request (or are an admin).",
        metadata=cost_hint(list_size=MAX_INVITATIONS),
    )
    async def invitations(self, info: Info) -> list[ProjectInvitationType] | None:
        if not sees_everything(info.context.viewer, self._row):
            return None
        rows = await InvitationsByProjectIdLoader.of(info.context).load(self.id)
        return [ProjectInvitationType.from_row(r) for r in rows]

    @strawberry.field
    def budget(self) -> Budget:
        row = self._row
        return Budget(
            min=cents(row.budget_min),
            max=cents(row.budget_max),
            currency=row.currency,
            pricing=PricingModel(row.pricing),
        )

    @strawberry.field
    def working_hours(self) -> WorkingHours:
        return WorkingHours.from_times(self._row.work_start, self._row.work_end)

    @strawberry.field
    def languages(self) -> list[Language]:
        return [Language.from_code(code) for code in self._row.languages]

    async def _requirements(self, info: Info) -> list[Requirement]:
        rows = await SkillsByProjectIdLoader.of(info.context).load(self.id)
        free = await FreeSkillsByProjectIdLoader.of(info.context).load(self.id)
        return project_requirements(rows, free, await tag_catalog(info.context.runtime))

    @strawberry.field(
        description="Skills needed that the taxonomy knows.",
        metadata=cost_hint(list_size=MAX_SKILLS),
    )
    async def skills(self, info: Info) -> list[SkillRequirement]:
        return shown_requirements(await self._requirements(info))[0]

    @strawberry.field(
        description="Skills needed that no tag covers yet (free text, matched by wording).",
        metadata=cost_hint(list_size=MAX_SKILLS),
    )
    async def other_skills(self, info: Info) -> list[FreeSkillRequirement]:
        return shown_requirements(await self._requirements(info))[1]

    @strawberry.field
    async def deliverables(self, info: Info) -> list[str]:
        rows = await DeliverablesByProjectIdLoader.of(info.context).load(self.id)
        return [r.description for r in rows]

    @strawberry.field
    async def milestones(self, info: Info) -> list[Milestone]:
        rows = await MilestonesByProjectIdLoader.of(info.context).load(self.id)
        return [Milestone(title=r.title, due_date=r.due_date) for r in rows]

    @strawberry.field(description="The vendor hired, once the request is awarded.")
    async def awarded_vendor(self, info: Info) -> VendorType | None:
        if self._row.awarded_vendor_id is None or award_lapsed(self._row, clock.utcnow()):
            return None
        row = await VendorByIdLoader.of(info.context).load(self._row.awarded_vendor_id)
        return VendorType.from_row(row) if row else None

    @strawberry.field(description="The business that posted it, as vendors rated it.")
    def client(self) -> Client:
        return Client(account_id=self._row.owner_id)

    @strawberry.field(description="Whether the signed-in account posted this request.")
    def is_mine(self, info: Info) -> bool:
        viewer = info.context.viewer
        return viewer is not None and viewer.account_id == self._row.owner_id

    @strawberry.field(
        description="Vendors ranked for this request, with reasons and risks. A ranking is "
        "computed afresh per request, so its cursors are rank positions.",
        metadata=MATCH_COST,
    )
    async def matches(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        weights: MatchWeightsInput | None = None,
        include_unavailable: Annotated[
            bool, strawberry.argument(description=INCLUDE_UNAVAILABLE)
        ] = False,
    ) -> VendorMatchConnection:
        await limit_field(info, Action.MATCH)
        catalog = await tag_catalog(info.context.runtime)
        skills = await SkillsByProjectIdLoader.of(info.context).load(self.id)
        free = await FreeSkillsByProjectIdLoader.of(info.context).load(self.id)
        scope = project_scope(self._row, skills, free, catalog)
        return await rank(
            info,
            scope,
            first=first,
            after=after,
            weights=weights,
            include_unavailable=include_unavailable,
        )

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        """Requests the viewer may see (INVITE_ONLY ones only if invited), else None."""
        rows = await ProjectByIdLoader.of(info.context).load_many(pks)
        vendor_id = await viewer_vendor_id(info)
        found = [r.id for r in rows if r is not None and r.id is not None]
        allowed = (
            await visible_ids(info.context.session, info.context.viewer, vendor_id, found)
            if found
            else set()
        )
        return [cls.from_row(r) if r and r.id in allowed else None for r in rows]


@strawberry.type
class ProjectRequestConnection(Connection[ProjectRequestType]):
    pass
