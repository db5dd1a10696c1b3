"""Change requests: one party proposes new terms for a milestone (or a new milestone);
they take effect, all at once, only when the other party accepts."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems, forbidden
from api.core.viewer import Viewer
from api.engagements.fields import ChangeDraft
from api.engagements.milestones import set_milestone
from api.engagements.models import (
    ChangeRequest,
    ChangeStatus,
    Engagement,
    EngagementMilestone,
    MilestoneStatus,
)
from api.engagements.rules import (
    MAX_MILESTONES,
    REASON_LENGTH,
    applied_change,
    check_change,
    stored_change,
    text,
)
from api.engagements.service import Party, milestone_of, writable
from api.events.kinds import EventKind
from api.events.service import emit

CHANGE_FIELD = ("input", "changeRequestId")
MILESTONE_FIELD = ("input", "milestoneId")


async def propose_change(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    engagement_id: int,
    milestone_id: int | None,
    reason: str,
    draft: ChangeDraft,
) -> tuple[ChangeRequest, Engagement]:
    """Either party proposes; one open change per milestone, none to an APPROVED one."""
    party = await writable(session, viewer, engagement_id)
    assert viewer is not None
    problems = Problems()
    cleaned_reason = text(problems, "reason", reason, REASON_LENGTH)
    columns = check_change(
        draft,
        new_milestone=milestone_id is None,
        currency=party.engagement.currency,
        today=clock.today(),
        problems=problems,
    )
    problems.raise_if_any()
    if milestone_id is None:
        await require_room(session, party.id, ("input", "changes"))
    else:
        milestone = await milestone_of(session, party.id, milestone_id, MILESTONE_FIELD)
        if milestone.status == MilestoneStatus.APPROVED:
            raise InputError.single(
                list(MILESTONE_FIELD),
                "This milestone is APPROVED; an approved milestone cannot change.",
                ErrorCode.INVALID_TRANSITION,
            )
        if await open_change_on(session, milestone_id):
            raise InputError.single(
                list(MILESTONE_FIELD),
                "This milestone already has an open change request; answer or wait for it first.",
                ErrorCode.INVALID_TRANSITION,
            )
    change = ChangeRequest(
        engagement_id=party.id,
        milestone_id=milestone_id,
        proposed_by_id=viewer.account_id,
        reason=cleaned_reason or "",
        changes=stored_change(columns),
        created_at=clock.utcnow(),
    )
    session.add(change)
    await session.flush()
    await notify(session, change, EventKind.CHANGE_REQUESTED, party.others(), "proposed")
    return change, party.engagement


async def respond_to_change(
    session: AsyncSession, viewer: Viewer | None, *, change_id: int, accept: bool
) -> tuple[ChangeRequest, Engagement]:
    """The other party accepts (the change applies at once) or rejects it."""
    found = await session.get(ChangeRequest, change_id)
    if found is None:
        raise InputError.single(list(CHANGE_FIELD), "No such change request.", ErrorCode.NOT_FOUND)
    party = await writable(session, viewer, found.engagement_id, field=CHANGE_FIELD)
    assert viewer is not None
    change = await session.get(ChangeRequest, change_id, populate_existing=True)
    assert change is not None
    if change.proposed_by_id == viewer.account_id:
        raise forbidden("Only the other party can accept or reject a change you proposed.")
    if change.status != ChangeStatus.PROPOSED:
        raise InputError.single(
            list(CHANGE_FIELD),
            f"This change request is {change.status}; only a PROPOSED one can be answered.",
            ErrorCode.INVALID_TRANSITION,
        )
    if accept:
        await apply(session, party, change)
    now = clock.utcnow()
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(ChangeRequest)
            .where(
                col(ChangeRequest.id) == change_id,
                col(ChangeRequest.status) == ChangeStatus.PROPOSED,
            )
            .values(
                status=ChangeStatus.ACCEPTED if accept else ChangeStatus.REJECTED,
                responded_by_id=viewer.account_id,
                responded_at=now,
            )
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise InputError.single(
            list(CHANGE_FIELD), "This change request was answered meanwhile.", ErrorCode.CONFLICT
        )
    fresh = await session.get(ChangeRequest, change_id, populate_existing=True)
    assert fresh is not None
    kind, verb = (
        (EventKind.CHANGE_ACCEPTED, "accepted")
        if accept
        else (EventKind.CHANGE_REJECTED, "rejected")
    )
    await notify(session, fresh, kind, [change.proposed_by_id], verb)
    return fresh, party.engagement


async def apply(session: AsyncSession, party: Party, change: ChangeRequest) -> None:
    """The new terms: on the milestone (unless it was approved meanwhile), or a new one."""
    columns = applied_change(change.changes)
    if change.milestone_id is None:
        await require_room(session, party.id, CHANGE_FIELD)
        last = await session.scalar(
            select(func.max(EngagementMilestone.position)).where(
                col(EngagementMilestone.engagement_id) == party.id
            )
        )
        session.add(
            EngagementMilestone(
                engagement_id=party.id,
                position=(last if last is not None else -1) + 1,
                updated_at=clock.utcnow(),
                **columns,
            )
        )
        await session.flush()
        return
    milestone = await milestone_of(session, party.id, change.milestone_id, CHANGE_FIELD)
    if milestone.status == MilestoneStatus.APPROVED:
        raise InputError.single(
            list(CHANGE_FIELD),
            "Its milestone is APPROVED now; an approved milestone cannot change.",
            ErrorCode.INVALID_TRANSITION,
        )
    await set_milestone(session, milestone, columns)


async def require_room(session: AsyncSession, engagement_id: int, field: tuple[str, ...]) -> None:
    """An engagement lists its milestones in one bounded page."""
    count = await session.scalar(
        select(func.count()).where(col(EngagementMilestone.engagement_id) == engagement_id)
    )
    if (count or 0) >= MAX_MILESTONES:
        raise InputError.single(
            list(field),
            f"An engagement has at most {MAX_MILESTONES} milestones.",
            ErrorCode.TOO_MANY,
        )


async def open_change_on(session: AsyncSession, milestone_id: int) -> bool:
    found = await session.scalar(
        select(func.count()).where(
            col(ChangeRequest.milestone_id) == milestone_id,
            col(ChangeRequest.status) == ChangeStatus.PROPOSED,
        )
    )
    return bool(found)


async def notify(
    session: AsyncSession,
    change: ChangeRequest,
    kind: EventKind,
    recipients: list[int | None],
    verb: str,
) -> None:
    assert change.id is not None
    await emit(
        session,
        kind=kind,
        recipients=recipients,
        subject_type="ChangeRequest",
        subject_id=change.id,
        summary=f"Change request {verb}",
        payload={"engagementId": change.engagement_id, "milestoneId": change.milestone_id},
    )
