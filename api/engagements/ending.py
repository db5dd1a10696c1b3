"""Ending an engagement: by agreement (one side asks, the other agrees) or unilaterally."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems
from api.core.viewer import Viewer
from api.engagements.models import Engagement, EngagementStatus
from api.engagements.rules import END_REASON_LENGTH, text
from api.engagements.service import (
    ENGAGEMENT_FIELD,
    Party,
    withdraw_open_changes,
    writable,
)
from api.events.kinds import EventKind
from api.events.service import emit


async def end_engagement(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    engagement_id: int,
    reason: str,
    by_agreement: bool,
) -> Engagement:
    """If the other side asked to end, this agrees and it ends BY AGREEMENT; otherwise
    `by_agreement` records the request (the other side's call then ends it), and without
    it the engagement ends at once, unilaterally."""
    problems = Problems()
    cleaned = text(problems, "reason", reason, END_REASON_LENGTH)
    party = await writable(session, viewer, engagement_id)
    problems.raise_if_any()
    assert viewer is not None and cleaned is not None
    engagement = party.engagement
    requested_by = engagement.end_requested_by_id
    now = clock.utcnow()
    if requested_by is not None and requested_by != viewer.account_id:
        values: dict[str, object] = {
            "status": EngagementStatus.ENDED,
            "ended_at": now,
            "end_reason": cleaned,
            "ended_by_id": viewer.account_id,
            "ended_by_agreement": True,
        }
        recipients, summary = party.both(), "Engagement ended by agreement"
    elif by_agreement:
        if requested_by == viewer.account_id:
            raise InputError.single(
                list(ENGAGEMENT_FIELD),
                "You already asked to end this engagement; it ends when the other party agrees.",
                ErrorCode.INVALID_TRANSITION,
            )
        values = {"end_requested_by_id": viewer.account_id, "end_requested_reason": cleaned}
        recipients, summary = party.others(), "The other party asks to end the engagement"
    else:
        values = {
            "status": EngagementStatus.ENDED,
            "ended_at": now,
            "end_reason": cleaned,
            "ended_by_id": viewer.account_id,
            "ended_by_agreement": False,
        }
        recipients, summary = party.others(), "Engagement ended by the other party"
    return await write(session, party, values, recipients, summary)


async def write(
    session: AsyncSession,
    party: Party,
    values: dict[str, object],
    recipients: list[int | None],
    summary: str,
) -> Engagement:
    # The engagement row is locked by `writable`: no other write interleaves.
    await session.execute(
        update(Engagement)
        .where(col(Engagement.id) == party.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    fresh = await session.get(Engagement, party.id, populate_existing=True)
    assert fresh is not None
    if fresh.status != EngagementStatus.ACTIVE:
        await withdraw_open_changes(session, party.id)
    await emit(
        session,
        kind=EventKind.ENGAGEMENT_ENDED,
        recipients=recipients,
        subject_type="Engagement",
        subject_id=party.id,
        summary=summary,
        payload={"status": fresh.status, "endedByAgreement": fresh.ended_by_agreement},
    )
    return fresh
