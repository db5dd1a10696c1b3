"""An engagement's health: check-ins missed against the plan, milestones past due,
response-time promises broken on its thread, and open disputes."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.engagements.models import (
    CheckIn,
    Dispute,
    DisputeStatus,
    Engagement,
    EngagementMilestone,
    MilestoneStatus,
)
from api.engagements.schedule import MAX_SLOTS, Schedule
from api.messaging import service as messaging

# A check-in held within this long of its slot (before or after) counts for it.
GRACE = timedelta(hours=24)
# Past these, an engagement is OFF_TRACK rather than AT_RISK.
OFF_TRACK_MISSED = 3
OFF_TRACK_OVERDUE = 2


class HealthStatus(enum.StrEnum):
    ON_TRACK = "ON_TRACK"
    AT_RISK = "AT_RISK"
    OFF_TRACK = "OFF_TRACK"


@dataclass(frozen=True)
class Health:
    status: HealthStatus
    missed_check_ins: int
    last_check_in_at: datetime | None
    overdue_milestones: int
    business_late: int
    vendor_late: int
    open_disputes: int
    reasons: list[str]


def schedule_of(engagement: Engagement) -> Schedule:
    return Schedule(
        cadence=engagement.checkin_cadence,
        weekday=engagement.checkin_weekday,
        time=engagement.checkin_time,
        zone=engagement.business_timezone,
    )


def missed_slots(slots: Sequence[datetime], held: Sequence[datetime]) -> int:
    """Slots no check-in covered; each check-in covers at most one slot (the earliest
    uncovered one it is within GRACE of)."""
    remaining = sorted(held)
    missed = 0
    for slot in slots:
        match = next((t for t in remaining if abs(t - slot) <= GRACE), None)
        if match is None:
            missed += 1
        else:
            remaining.remove(match)
    return missed


async def engagement_health(session: AsyncSession, engagement: Engagement, now: datetime) -> Health:
    """Health as of `now` (or as of its end, once it ended)."""
    until = min(now, engagement.ended_at) if engagement.ended_at is not None else now
    slots = list(schedule_of(engagement).slots(engagement.started_at, until - GRACE))
    held = list(
        (
            await session.execute(
                select(col(CheckIn.created_at))
                .where(col(CheckIn.engagement_id) == engagement.id)
                .order_by(col(CheckIn.created_at).desc())
                .limit(2 * MAX_SLOTS)
            )
        ).scalars()
    )
    local_today = until.astimezone(ZoneInfo(engagement.business_timezone)).date()
    overdue = int(
        await session.scalar(
            select(func.count()).where(
                col(EngagementMilestone.engagement_id) == engagement.id,
                col(EngagementMilestone.status) != MilestoneStatus.APPROVED,
                col(EngagementMilestone.due_date) < local_today,
            )
        )
        or 0
    )
    disputes = int(
        await session.scalar(
            select(func.count()).where(
                col(Dispute.engagement_id) == engagement.id,
                col(Dispute.status) == DisputeStatus.OPEN,
            )
        )
        or 0
    )
    promises = await messaging.response_promises(
        session,
        project_id=engagement.project_id,
        vendor_id=engagement.vendor_id,
        promise_hours=engagement.response_time_hours,
        now=until,
    )
    missed = missed_slots(slots, held)
    return judge(
        missed=missed,
        last_check_in_at=max(held, default=None),
        overdue=overdue,
        business_late=promises.business_late,
        vendor_late=promises.vendor_late,
        disputes=disputes,
        promise_hours=engagement.response_time_hours,
    )


def judge(
    *,
    missed: int,
    last_check_in_at: datetime | None,
    overdue: int,
    business_late: int,
    vendor_late: int,
    disputes: int,
    promise_hours: int,
) -> Health:
    reasons: list[str] = []
    if missed:
        reasons.append(f"{missed} scheduled check-in(s) missed.")
    if overdue:
        reasons.append(f"{overdue} milestone(s) past the due date and not approved.")
    if vendor_late:
        reasons.append(f"The vendor answered later than {promise_hours} h {vendor_late} time(s).")
    if business_late:
        reasons.append(
            f"The business answered later than {promise_hours} h {business_late} time(s)."
        )
    if disputes:
        reasons.append(f"{disputes} open dispute(s).")
    if disputes or missed >= OFF_TRACK_MISSED or overdue >= OFF_TRACK_OVERDUE:
        status = HealthStatus.OFF_TRACK
    elif reasons:
        status = HealthStatus.AT_RISK
    else:
        status = HealthStatus.ON_TRACK
    return Health(
        status=status,
        missed_check_ins=missed,
        last_check_in_at=last_check_in_at,
        overdue_milestones=overdue,
        business_late=business_late,
        vendor_late=vendor_late,
        open_disputes=disputes,
        reasons=reasons,
    )
