"""GraphQL types for engagements: the engagement, its plan, milestones, change requests,
disputes, check-ins and health. Only its two parties and admins see any of them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Self

import strawberry
from strawberry import relay

from api.core import clock
from api.engagements.dataloaders import (
    ChildCountLoader,
    ChildPageKey,
    ChildPageLoader,
    EngagementByIdLoader,
    MilestoneByIdLoader,
    MilestonesByEngagementIdLoader,
    child_cursor,
    child_order,
)
from api.engagements.health import engagement_health
from api.engagements.models import ChangeRequest as ChangeRow
from api.engagements.models import (
    ChangeStatus,
    DisputeStatus,
    EngagementStatus,
    MilestoneStatus,
)
from api.engagements.models import CheckIn as CheckInRow
from api.engagements.models import Dispute as DisputeRow
from api.engagements.models import Engagement as EngagementRow
from api.engagements.models import EngagementMilestone as MilestoneRow
from api.engagements.parts import (
    ChangeStatusType,
    CheckInType,
    CommunicationPlan,
    DisputeStatusType,
    EndRequest,
    EngagementBusiness,
    EngagementHealth,
    EngagementStatusType,
    MilestoneStatusType,
    ProposedChanges,
    ResponsePromise,
    SideType,
    side_of_account,
)
from api.engagements.rules import MAX_MILESTONES, Side
from api.engagements.service import can_read
from api.graphql.context import Info
from api.graphql.cost import cost_hint
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection, KeysetWindow, keyset_window
from api.messaging import service as messaging
from api.messaging.types import ThreadType
from api.projects.dataloaders import ProjectByIdLoader
from api.projects.types import ProjectRequestType
from api.proposals.types import ProposalType
from api.values.types import Money
from api.vendors.dataloaders import VendorByIdLoader
from api.vendors.types import VendorType

# An engagement's health reads its check-ins, milestones, disputes and thread.
HEALTH_COST = cost_hint(base=5)


async def readable(info: Info, ids: Sequence[int]) -> dict[int, EngagementRow]:
    """The engagements among `ids` the viewer may read, by id (loaders batch the reads)."""
    rows = [row for row in await EngagementByIdLoader.of(info.context).load_many(ids) if row]
    vendors = await VendorByIdLoader.of(info.context).load_many([r.vendor_id for r in rows])
    viewer = info.context.viewer
    return {
        row.id: row
        for row, vendor in zip(rows, vendors, strict=True)
        if row.id is not None and can_read(viewer, row, vendor.owner_id if vendor else None)
    }


@strawberry.type(
    name="EngagementMilestone",
    description="A piece of the work with its amount, due date and acceptance criteria: "
    "PENDING -> IN_PROGRESS -> SUBMITTED -> APPROVED, or CHANGES_REQUESTED and back.",
)
class EngagementMilestoneType(KeyedNode):
    id: relay.NodeID[int]
    position: int
    title: str
    amount: Money
    due_date: date
    acceptance_criteria: str
    status: MilestoneStatusType
    submitted_at: datetime | None
    submission_note: str | None
    approved_at: datetime | None
    feedback: str | None = strawberry.field(description="The business's last request for changes.")
    version: int
    updated_at: datetime
    _row: strawberry.Private[MilestoneRow]

    @classmethod
    def from_row(cls, row: MilestoneRow, currency: str) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            position=row.position,
            title=row.title,
            amount=Money(amount=row.amount, currency=currency),
            due_date=row.due_date,
            acceptance_criteria=row.acceptance_criteria,
            status=MilestoneStatus(row.status),
            submitted_at=row.submitted_at,
            submission_note=row.submission_note,
            approved_at=row.approved_at,
            feedback=row.feedback,
            version=row.version,
            updated_at=row.updated_at,
            _row=row,
        )

    @strawberry.field
    async def engagement(self, info: Info) -> EngagementType | None:
        (engagement,) = await EngagementType.load_pks(info, [self._row.engagement_id])
        return engagement

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = await MilestoneByIdLoader.of(info.context).load_many(pks)
        allowed = await readable(info, [r.engagement_id for r in rows if r is not None])
        return [
            cls.from_row(r, allowed[r.engagement_id].currency)
            if r is not None and r.engagement_id in allowed
            else None
            for r in rows
        ]


async def milestone_or_none(info: Info, milestone_id: int | None) -> EngagementMilestoneType | None:
    if milestone_id is None:
        return None
    (milestone,) = await EngagementMilestoneType.load_pks(info, [milestone_id])
    return milestone


@strawberry.type(
    name="ChangeRequest",
    description="New terms for a milestone (or a new milestone, when it names none); they "
    "apply only when the other party accepts.",
)
class ChangeRequestType(KeyedNode):
    id: relay.NodeID[int]
    proposed_by: SideType
    reason: str
    changes: ProposedChanges
    status: ChangeStatusType
    responded_at: datetime | None
    created_at: datetime
    _row: strawberry.Private[ChangeRow]

    @classmethod
    def from_row(cls, row: ChangeRow, engagement: EngagementRow) -> Self:
        assert row.id is not None
        values = row.changes
        amount = values.get("amount")
        due = values.get("due_date")
        title = values.get("title")
        criteria = values.get("acceptance_criteria")
        return cls(
            id=row.id,
            proposed_by=side_of_account(engagement, row.proposed_by_id),
            reason=row.reason,
            changes=ProposedChanges(
                title=str(title) if title is not None else None,
                acceptance_criteria=str(criteria) if criteria is not None else None,
                amount=Money(amount=Decimal(str(amount)), currency=engagement.currency)
                if amount is not None
                else None,
                due_date=date.fromisoformat(str(due)) if due is not None else None,
            ),
            status=ChangeStatus(row.status),
            responded_at=row.responded_at,
            created_at=row.created_at,
            _row=row,
        )

    @strawberry.field(description="The milestone it changes; null for a new milestone.")
    async def milestone(self, info: Info) -> EngagementMilestoneType | None:
        return await milestone_or_none(info, self._row.milestone_id)

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = [await info.context.session.get(ChangeRow, pk) if pk > 0 else None for pk in pks]
        allowed = await readable(info, [r.engagement_id for r in rows if r is not None])
        return [
            cls.from_row(r, allowed[r.engagement_id])
            if r is not None and r.engagement_id in allowed
            else None
            for r in rows
        ]


@strawberry.type(
    name="Dispute",
    description="A disagreement either party raised, with its evidence; an admin resolves it.",
)
class DisputeType(KeyedNode):
    id: relay.NodeID[int]
    opened_by: SideType
    reason: str
    evidence: list[str]
    status: DisputeStatusType
    resolution: str | None
    resolved_at: datetime | None
    created_at: datetime
    _row: strawberry.Private[DisputeRow]

    @classmethod
    def from_row(cls, row: DisputeRow, engagement: EngagementRow) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            opened_by=side_of_account(engagement, row.opened_by_id),
            reason=row.reason,
            evidence=list(row.evidence),
            status=DisputeStatus(row.status),
            resolution=row.resolution,
            resolved_at=row.resolved_at,
            created_at=row.created_at,
            _row=row,
        )

    @strawberry.field(description="The milestone it is about; null for the whole engagement.")
    async def milestone(self, info: Info) -> EngagementMilestoneType | None:
        return await milestone_or_none(info, self._row.milestone_id)

    @strawberry.field
    async def engagement(self, info: Info) -> EngagementType | None:
        (engagement,) = await EngagementType.load_pks(info, [self._row.engagement_id])
        return engagement

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        rows = [await info.context.session.get(DisputeRow, pk) if pk > 0 else None for pk in pks]
        allowed = await readable(info, [r.engagement_id for r in rows if r is not None])
        return [
            cls.from_row(r, allowed[r.engagement_id])
            if r is not None and r.engagement_id in allowed
            else None
            for r in rows
        ]


@strawberry.type
class ChangeRequestConnection(Connection[ChangeRequestType]):
    pass


@strawberry.type
class DisputeConnection(Connection[DisputeType]):
    pass


@strawberry.type
class CheckInConnection(Connection[CheckInType]):
    pass


@strawberry.type(
    name="Engagement",
    description="The work after a hire: its plan, milestones, changes, disputes, check-ins "
    "and health. Only its business, its vendor's owner and admins can see it.",
)
class EngagementType(KeyedNode):
    id: relay.NodeID[int]
    status: EngagementStatusType
    currency: str
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None
    ended_by_agreement: bool
    version: int
    _row: strawberry.Private[EngagementRow]

    @classmethod
    def from_row(cls, row: EngagementRow) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            status=EngagementStatus(row.status),
            currency=row.currency,
            started_at=row.started_at,
            ended_at=row.ended_at,
            end_reason=row.end_reason,
            ended_by_agreement=row.ended_by_agreement,
            version=row.version,
            _row=row,
        )

    @strawberry.field
    async def project(self, info: Info) -> ProjectRequestType | None:
        row = await ProjectByIdLoader.of(info.context).load(self._row.project_id)
        return ProjectRequestType.from_row(row) if row else None

    @strawberry.field
    async def vendor(self, info: Info) -> VendorType | None:
        row = await VendorByIdLoader.of(info.context).load(self._row.vendor_id)
        return VendorType.from_row(row) if row else None

    @strawberry.field
    def business(self) -> EngagementBusiness:
        return EngagementBusiness(
            account_id=strawberry.ID(str(relay.GlobalID("Account", str(self._row.business_id)))),
            timezone=self._row.business_timezone,
        )

    @strawberry.field(description="The accepted proposal; null when hired through an award.")
    async def proposal(self, info: Info) -> ProposalType | None:
        if self._row.proposal_id is None:
            return None
        (proposal,) = await ProposalType.load_pks(info, [self._row.proposal_id])
        return proposal

    @strawberry.field
    def plan(self) -> CommunicationPlan:
        return CommunicationPlan.from_row(self._row)

    @strawberry.field(metadata=cost_hint(list_size=MAX_MILESTONES))
    async def milestones(self, info: Info) -> list[EngagementMilestoneType]:
        rows = await MilestonesByEngagementIdLoader.of(info.context).load(self.id)
        return [EngagementMilestoneType.from_row(r, self._row.currency) for r in rows]

    async def _page(
        self, info: Info, model: type[Any], first: int | None, after: str | None
    ) -> tuple[list[Any], list[str], KeysetWindow, Callable[[], Awaitable[int]]]:
        """A newest-first page of this engagement's `model` rows, batched across a list."""
        page = keyset_window(first, after)
        if page.after is not None:
            page.after.require_order(child_order(model))
        rows = await ChildPageLoader.of(info.context).load(
            ChildPageKey(model=model, engagement_id=self.id, after=page.after, limit=page.limit + 1)
        )
        counter = ChildCountLoader.of(info.context)

        async def count() -> int:
            return await counter.load((model, self.id))

        return rows, [child_cursor(row) for row in rows], page, count

    @strawberry.field(description="Newest first.")
    async def change_requests(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> ChangeRequestConnection:
        rows, cursors, page, count = await self._page(info, ChangeRow, first, after)
        nodes = [ChangeRequestType.from_row(row, self._row) for row in rows]
        return ChangeRequestConnection.from_keyset(nodes, cursors, page, count)

    @strawberry.field(description="Newest first.")
    async def disputes(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> DisputeConnection:
        rows, cursors, page, count = await self._page(info, DisputeRow, first, after)
        nodes = [DisputeType.from_row(row, self._row) for row in rows]
        return DisputeConnection.from_keyset(nodes, cursors, page, count)

    @strawberry.field(name="checkIns", description="Newest first.")
    async def check_ins(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> CheckInConnection:
        rows, cursors, page, count = await self._page(info, CheckInRow, first, after)
        nodes = [CheckInType.from_row(row, self._row) for row in rows]
        return CheckInConnection.from_keyset(nodes, cursors, page, count)

    @strawberry.field(metadata=HEALTH_COST)
    async def health(self, info: Info) -> EngagementHealth:
        health = await engagement_health(info.context.session, self._row, clock.utcnow())
        return EngagementHealth(
            status=health.status,
            missed_check_ins=health.missed_check_ins,
            last_check_in_at=health.last_check_in_at,
            overdue_milestones=health.overdue_milestones,
            response_promise=ResponsePromise(
                business_late=health.business_late, vendor_late=health.vendor_late
            ),
            open_disputes=health.open_disputes,
            reasons=health.reasons,
        )

    @strawberry.field(description="A pending request to end by agreement, if any.")
    def end_request(self) -> EndRequest | None:
        row = self._row
        if row.end_requested_by_id is None or row.status != EngagementStatus.ACTIVE:
            return None
        return EndRequest(
            requested_by=side_of_account(row, row.end_requested_by_id),
            reason=row.end_requested_reason,
        )

    @strawberry.field(description="The viewer's side; null for an admin.")
    async def my_side(self, info: Info) -> SideType | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        if viewer.account_id == self._row.business_id:
            return Side.BUSINESS
        vendor = await VendorByIdLoader.of(info.context).load(self._row.vendor_id)
        return Side.VENDOR if vendor and vendor.owner_id == viewer.account_id else None

    @strawberry.field(description="The engagement's message thread.", metadata=cost_hint(base=2))
    async def thread(self, info: Info) -> ThreadType | None:
        row = await messaging.thread_of(
            info.context.session, "ENGAGEMENT", self._row.project_id, self._row.vendor_id
        )
        return ThreadType.from_row(row) if row is not None else None

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        allowed = await readable(info, pks)
        return [cls.from_row(allowed[pk]) if pk in allowed else None for pk in pks]


@strawberry.type
class EngagementConnection(Connection[EngagementType]):
    pass
