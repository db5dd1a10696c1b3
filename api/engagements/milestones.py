"""A milestone's way through the work: the vendor starts and submits it, the business
approves it or asks for changes; the last approval completes the engagement."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems
from api.core.viewer import Viewer
from api.engagements.models import (
    Dispute,
    DisputeStatus,
    Engagement,
    EngagementMilestone,
    EngagementStatus,
    MilestoneStatus,
)
from api.engagements.rules import (
    APPROVE,
    NOTE_LENGTH,
    REQUEST_CHANGES,
    START,
    SUBMIT,
    Move,
    text,
)
from api.engagements.service import (
    Party,
    milestone_of,
    require_side,
    withdraw_open_changes,
    writable,
)
from api.events.kinds import EventKind
from api.events.service import emit

MILESTONE_FIELD = ("input", "milestoneId")
EVENTS = {
    START.target: EventKind.MILESTONE_STARTED,
    SUBMIT.target: EventKind.MILESTONE_SUBMITTED,
    APPROVE.target: EventKind.MILESTONE_APPROVED,
    REQUEST_CHANGES.target: EventKind.MILESTONE_CHANGES_REQUESTED,
}
DOING = {
    START.target: "start a milestone",
    SUBMIT.target: "submit a milestone",
    APPROVE.target: "approve a milestone",
    REQUEST_CHANGES.target: "ask for changes to a milestone",
}


async def move_milestone(
    session: AsyncSession,
    viewer: Viewer | None,
    milestone_id: int,
    move: Move,
    *,
    note: str | None = None,
) -> tuple[EngagementMilestone, Engagement]:
    """Make one transition, if this side may and the milestone is where it must be."""
    found = await session.get(EngagementMilestone, milestone_id)
    if found is None:
        raise InputError.single(list(MILESTONE_FIELD), "No such milestone.", ErrorCode.NOT_FOUND)
    party = await writable(session, viewer, found.engagement_id, field=MILESTONE_FIELD)
    require_side(party, move.side, DOING[move.target])
    if move.note_field is not None:
        problems = Problems()
        note = text(problems, move.note_field, note, NOTE_LENGTH)
        problems.raise_if_any()
    milestone = await milestone_of(session, party.id, milestone_id, MILESTONE_FIELD)
    if milestone.status not in move.sources:
        allowed = " or ".join(sorted(move.sources))
        raise InputError.single(
            list(MILESTONE_FIELD),
            f"This milestone is {milestone.status}; only a {allowed} milestone can be {move.name}.",
            ErrorCode.INVALID_TRANSITION,
        )
    if move is APPROVE and await open_dispute_on(session, milestone_id):
        raise InputError.single(
            list(MILESTONE_FIELD),
            "A dispute is open on this milestone; it cannot be approved until an admin "
            "resolves it.",
            ErrorCode.INVALID_TRANSITION,
        )
    values = transition_values(move, note)
    fresh = await set_milestone(session, milestone, values)
    await notify(session, party, fresh, move)
    if move is APPROVE:
        await complete_if_done(session, party.engagement)
    return fresh, party.engagement


def transition_values(move: Move, note: str | None) -> dict[str, Any]:
    now = clock.utcnow()
    values: dict[str, Any] = {"status": move.target}
    if move is SUBMIT:
        values.update(submitted_at=now, submission_note=note)
    elif move is APPROVE:
        values["approved_at"] = now
    elif move is REQUEST_CHANGES:
        values["feedback"] = note
    return values


async def set_milestone(
    session: AsyncSession, milestone: EngagementMilestone, values: dict[str, Any]
) -> EngagementMilestone:
    """Write only if the milestone is still the version and state we read: of two
    concurrent approvals (or submits), one wins and the other is told it lost."""
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(EngagementMilestone)
            .where(
                col(EngagementMilestone.id) == milestone.id,
                col(EngagementMilestone.version) == milestone.version,
                col(EngagementMilestone.status) == milestone.status,
            )
            .values(**values, version=milestone.version + 1, updated_at=clock.utcnow())
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise InputError.single(
            list(MILESTONE_FIELD),
            "This milestone changed at the same moment; reload it and try again.",
            ErrorCode.CONFLICT,
        )
    fresh = await session.get(EngagementMilestone, milestone.id, populate_existing=True)
    assert fresh is not None
    return fresh


async def open_dispute_on(session: AsyncSession, milestone_id: int) -> bool:
    found = await session.scalar(
        select(func.count()).where(
            col(Dispute.milestone_id) == milestone_id, col(Dispute.status) == DisputeStatus.OPEN
        )
    )
    return bool(found)


async def complete_if_done(session: AsyncSession, engagement: Engagement) -> bool:
    """COMPLETED once every milestone is APPROVED (engagement writes run one at a time,
    so the last approval sees all the others)."""
    unapproved = await session.scalar(
        select(func.count()).where(
            col(EngagementMilestone.engagement_id) == engagement.id,
            col(EngagementMilestone.status) != MilestoneStatus.APPROVED,
        )
    )
    if unapproved:
        return False
    now = clock.utcnow()
    await session.execute(
        update(Engagement)
        .where(
            col(Engagement.id) == engagement.id, col(Engagement.status) == EngagementStatus.ACTIVE
        )
        .values(status=EngagementStatus.COMPLETED, ended_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    assert engagement.id is not None
    await withdraw_open_changes(session, engagement.id)
    return True


async def notify(
    session: AsyncSession, party: Party, milestone: EngagementMilestone, move: Move
) -> None:
    """The vendor's moves reach the business; the business's reach the vendor's owner."""
    assert milestone.id is not None
    await emit(
        session,
        kind=EVENTS[move.target],
        recipients=[party.account(move.side.other)],
        subject_type="EngagementMilestone",
        subject_id=milestone.id,
        summary=f"Milestone '{milestone.title}' {move.name}",
        payload={"engagementId": party.id, "status": milestone.status},
    )
