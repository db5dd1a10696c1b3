"""GraphQL types for project requests (scopes of work)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self, TypeAlias

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection
from api.graphql.throttle import Action, limit_field
from api.matches.inputs import MatchWeightsInput
from api.matches.queries import MATCH_COST
from api.matches.ranking import rank
from api.matches.types import VendorMatchConnection
from api.projects.dataloaders import (
    DeliverablesByProjectIdLoader,
    MilestonesByProjectIdLoader,
    ProjectByIdLoader,
    SkillsByProjectIdLoader,
)
from api.projects.models import ProjectRequest as ProjectRow
from api.projects.models import ProjectStatus
from api.projects.reads import project_scope
from api.projects.rules import can_see
from api.reference.types import Language
from api.scopes.fields import DataSensitivity, PricingModel
from api.scopes.types import Budget, DataSensitivityType, Milestone, SkillRequirement
from api.tags.service import tag_catalog
from api.tags.types import TagType
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
    description: str
    status: ProjectStatusType
    estimated_hours: float | None
    timezone: str
    min_overlap_hours: float
    preferred_regions: list[str]
    required_certifications: list[str]
    data_sensitivity: DataSensitivityType
    start_date: date | None
    deadline: date | None
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
            description=row.description,
            status=ProjectStatus(row.status),
            estimated_hours=row.estimated_hours,
            timezone=row.timezone,
            min_overlap_hours=row.min_overlap_hours,
            preferred_regions=list(row.preferred_regions),
            required_certifications=list(row.required_certifications),
            data_sensitivity=DataSensitivity(row.data_sensitivity),
            start_date=row.start_date,
            deadline=row.deadline,
            version=row.version,
            created_at=row.created_at,
            published_at=row.published_at,
            award_accepted_at=row.award_accepted_at,
            _row=row,
        )

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

    @strawberry.field
    async def skills(self, info: Info) -> list[SkillRequirement]:
        rows = await SkillsByProjectIdLoader.of(info.context).load(self.id)
        catalog = await tag_catalog(info.context.runtime)
        return [
            SkillRequirement(
                tag=TagType.from_row(catalog.by_id[r.tag_id]),
                must_have=r.must_have,
                weight=r.weight,
            )
            for r in rows
            if r.tag_id in catalog.by_id
        ]

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
        if self._row.awarded_vendor_id is None:
            return None
        row = await VendorByIdLoader.of(info.context).load(self._row.awarded_vendor_id)
        return VendorType.from_row(row) if row else None

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
    ) -> VendorMatchConnection:
        await limit_field(info, Action.MATCH)
        catalog = await tag_catalog(info.context.runtime)
        skills = await SkillsByProjectIdLoader.of(info.context).load(self.id)
        scope = project_scope(self._row, skills, catalog)
        return await rank(info, scope, first=first, after=after, weights=weights)

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = await ProjectByIdLoader.of(info.context).load_many(pks)
        viewer = info.context.viewer
        return [cls.from_row(r) if r and can_see(viewer, r) else None for r in rows]


@strawberry.type
class ProjectRequestConnection(Connection[ProjectRequestType]):
    pass
