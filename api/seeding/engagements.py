"""Engagements for the demo's past hires, written as they stood when the work ended.

No service would let a client start an engagement in 2024 (milestones may not be due in
the past), so the history is written here directly, like the backdated requests; reviews
and threads then go through their services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from api.engagements.models import (
    Engagement,
    EngagementMilestone,
    EngagementStatus,
    MilestoneStatus,
)
from api.messaging import service as messaging
from api.projects.models import ProjectRequest

CHANNEL = "Email and a shared chat channel"


@dataclass(frozen=True)
class HiredVendor:
    id: int
    owner_id: int
    timezone: str


async def past_engagement(
    session: AsyncSession,
    *,
    project: ProjectRequest,
    vendor: HiredVendor,
    started_at: datetime,
    completed_at: datetime | None,
) -> int:
    """One engagement with one milestone for the whole budget: APPROVED and COMPLETED when
    `completed_at` is given, else still IN_PROGRESS."""
    assert project.id is not None and project.deadline is not None
    engagement = Engagement(
        project_id=project.id,
        vendor_id=vendor.id,
        business_id=project.owner_id,
        currency=project.currency,
        checkin_time=project.work_start or time(9),
        business_timezone=project.timezone,
        vendor_timezone=vendor.timezone,
        channel=CHANNEL,
        working_language=project.languages[0] if project.languages else "en",
        status=EngagementStatus.COMPLETED if completed_at else EngagementStatus.ACTIVE,
        started_at=started_at,
        ended_at=completed_at,
        created_at=started_at,
        updated_at=completed_at or started_at,
    )
    session.add(engagement)
    await session.flush()
    assert engagement.id is not None
    session.add(
        EngagementMilestone(
            engagement_id=engagement.id,
            position=0,
            title="Delivery of the scope",
            amount=_whole_budget(project),
            due_date=project.deadline,
            acceptance_criteria="; ".join(project.acceptance_criteria)[:4000]
            or "The deliverables as described in the scope.",
            status=MilestoneStatus.APPROVED if completed_at else MilestoneStatus.IN_PROGRESS,
            submitted_at=completed_at - timedelta(days=2) if completed_at else None,
            approved_at=completed_at,
            updated_at=completed_at or started_at,
        )
    )
    await messaging.open_engagement_thread(
        session, project_id=project.id, vendor_id=vendor.id, engagement_id=engagement.id
    )
    return engagement.id


def _whole_budget(project: ProjectRequest) -> Decimal:
    if project.pricing == "HOURLY" and project.estimated_hours:
        return (project.budget_max * Decimal(str(project.estimated_hours))).quantize(
            Decimal("0.01")
        )
    return project.budget_max
