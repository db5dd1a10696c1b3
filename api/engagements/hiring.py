"""Hiring starts an engagement: an accepted proposal, or an award the vendor accepts,
becomes the plan the parties work to and the milestones they deliver."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from babel.numbers import get_currency_precision
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems
from api.core.viewer import Viewer
from api.engagements.fields import MilestoneDraft, PlanDraft
from api.engagements.models import Engagement, EngagementMilestone
from api.engagements.rules import (
    CRITERIA_LENGTH,
    TITLE_LENGTH,
    PlanDefaults,
    check_milestones,
    check_plan,
)
from api.engagements.service import engagement_of_project
from api.events.kinds import EventKind
from api.events.service import emit
from api.messaging import service as messaging
from api.projects import awards
from api.projects import service as projects
from api.proposals import service as proposals
from api.vendors import service as vendors
from api.vendors.dataloaders import VendorByIdLoader

if TYPE_CHECKING:
    from api.projects.models import ProjectRequest
    from api.proposals.models import Proposal

# Without a deadline, the one default milestone is due this many days from the start.
DEFAULT_DAYS = 30
DEFAULT_CRITERIA = "The request's deliverables, complete and as described in its scope."


async def accept_proposal(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    proposal_id: int,
    plan: PlanDraft | None = None,
    milestones: Sequence[MilestoneDraft] | None = None,
) -> Engagement:
    """The request's owner accepts a SUBMITTED proposal: the vendor is hired at once (the
    proposal was its offer), the other proposals are declined, and the engagement starts in
    the proposal's currency."""
    proposal = await proposals.proposal_for_acceptance(session, viewer, proposal_id)
    project = await projects.viewable_project(session, viewer, proposal.project_id)
    project = await projects.hire(
        session, project=project, vendor_id=proposal.vendor_id, accepted_at=clock.utcnow()
    )
    await proposals.mark_accepted(session, proposal)
    return await start_engagement(
        session,
        project=project,
        vendor_id=proposal.vendor_id,
        plan=plan,
        milestones=milestones,
        proposal=proposal,
    )


async def respond_to_award(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    accept: bool,
    plan: PlanDraft | None = None,
    milestones: Sequence[MilestoneDraft] | None = None,
) -> tuple[ProjectRequest, Engagement | None]:
    """The awarded vendor answers; accepting starts the engagement on the given (or
    default) plan and milestones, in the request's currency."""
    project = await awards.respond_to_award(
        session=session, viewer=viewer, project_id=project_id, accept=accept
    )
    if not accept:
        return project, None
    assert project.awarded_vendor_id is not None and project.id is not None
    proposal = await proposals.settle_on_hire(
        session, project_id=project.id, vendor_id=project.awarded_vendor_id
    )
    engagement = await start_engagement(
        session,
        project=project,
        vendor_id=project.awarded_vendor_id,
        plan=plan,
        milestones=milestones,
        proposal=proposal,
    )
    return project, engagement


async def start_engagement(
    session: AsyncSession,
    *,
    project: ProjectRequest,
    vendor_id: int,
    plan: PlanDraft | None,
    milestones: Sequence[MilestoneDraft] | None,
    proposal: Proposal | None = None,
    started_at: datetime | None = None,
) -> Engagement:
    """Check the plan and milestones, store the engagement, open its thread, tell both.
    `started_at` lets the seed loader keep history."""
    assert project.id is not None
    if await engagement_of_project(session, project.id) is not None:
        raise InputError.single(
            ["input"], "This request already has an engagement.", ErrorCode.INVALID_TRANSITION
        )
    vendor = await VendorByIdLoader(session).load(vendor_id)
    assert vendor is not None
    currency = proposal.currency if proposal is not None else project.currency
    today = clock.today()
    problems = Problems()
    defaults = PlanDefaults(
        business_timezone=project.timezone,
        vendor_timezone=vendor.timezone,
        time=project.work_start,
        language=project.languages[0] if project.languages else "en",
    )
    plan_columns = check_plan(plan, defaults, problems)
    # None (not given) takes one milestone for the whole price; an empty list is refused.
    drafts = milestones if milestones is not None else [default_milestone(project, proposal, today)]
    milestone_columns = check_milestones(drafts, currency, today, problems)
    problems.raise_if_any()
    now = started_at or clock.utcnow()
    engagement = Engagement(
        project_id=project.id,
        vendor_id=vendor_id,
        business_id=project.owner_id,
        proposal_id=proposal.id if proposal is not None else None,
        currency=currency,
        started_at=now,
        created_at=now,
        updated_at=now,
        **plan_columns,
    )
    session.add(engagement)
    await session.flush()
    assert engagement.id is not None
    await session.execute(
        insert(EngagementMilestone),
        [
            {"engagement_id": engagement.id, "position": index, "updated_at": now, **columns}
            for index, columns in enumerate(milestone_columns)
        ],
    )
    await messaging.open_engagement_thread(
        session, project_id=project.id, vendor_id=vendor_id, engagement_id=engagement.id
    )
    await emit(
        session,
        kind=EventKind.ENGAGEMENT_STARTED,
        recipients=[project.owner_id, await vendors.owner_of(session, vendor_id)],
        subject_type="Engagement",
        subject_id=engagement.id,
        summary=f"Engagement started: '{project.title}' with {vendor.name}",
        payload={"projectRequestId": project.id, "vendorId": vendor_id},
    )
    return engagement


def default_milestone(
    project: ProjectRequest, proposal: Proposal | None, today: date
) -> MilestoneDraft:
    """One milestone for the whole price, due at the end the proposal (or request) names."""
    end: date | None
    if proposal is not None:
        price, hours, pricing, currency = (
            proposal.amount,
            proposal.estimated_hours,
            proposal.pricing,
            proposal.currency,
        )
        end = proposal.end_date
    else:
        price, hours, pricing, currency = (
            project.budget_max,
            project.estimated_hours,
            project.pricing,
            project.currency,
        )
        end = project.deadline
    total = Decimal(price) * Decimal(str(hours)) if pricing == "HOURLY" and hours else price
    places = min(get_currency_precision(currency), 2)
    due = end if end is not None and end >= today else today + timedelta(days=DEFAULT_DAYS)
    criteria = "\n".join(project.acceptance_criteria) or DEFAULT_CRITERIA
    return MilestoneDraft(
        title=project.title[:TITLE_LENGTH],
        amount=Decimal(total).quantize(Decimal(1).scaleb(-places)),
        due_date=due,
        acceptance_criteria=criteria[:CRITERIA_LENGTH],
    )
