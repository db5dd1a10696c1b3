"""Disputes: either party raises one, with a reason and evidence; an admin resolves it.
While one is open on a milestone, that milestone cannot be approved."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems
from api.core.viewer import Viewer, require_admin
from api.engagements.fields import DisputeDraft, DisputeOutcome
from api.engagements.milestones import complete_if_done, open_dispute_on, set_milestone
from api.engagements.models import (
    Dispute,
    DisputeStatus,
    Engagement,
    EngagementStatus,
    MilestoneStatus,
)
from api.engagements.rules import NOTE_LENGTH, check_dispute, text
from api.engagements.service import (
    Party,
    closed_reason,
    lock,
    milestone_of,
    party_of,
    withdraw_open_changes,
    writable,
)
from api.events.kinds import EventKind
from api.events.service import emit

DISPUTE_FIELD = ("input", "disputeId")
MILESTONE_FIELD = ("input", "milestoneId")
OUTCOME_FIELD = ("input", "outcome")


async def open_dispute(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    engagement_id: int,
    milestone_id: int | None,
    draft: DisputeDraft,
) -> tuple[Dispute, Engagement]:
    party = await writable(session, viewer, engagement_id)
    assert viewer is not None
    problems = Problems()
    reason, evidence = check_dispute(draft, problems)
    problems.raise_if_any()
    if milestone_id is not None:
        await milestone_of(session, party.id, milestone_id, MILESTONE_FIELD)
        if await open_dispute_on(session, milestone_id):
            raise InputError.single(
                list(MILESTONE_FIELD),
                "A dispute is already open on this milestone.",
                ErrorCode.INVALID_TRANSITION,
            )
    dispute = Dispute(
        engagement_id=party.id,
        milestone_id=milestone_id,
        opened_by_id=viewer.account_id,
        reason=reason or "",
        evidence=evidence,
        created_at=clock.utcnow(),
    )
    session.add(dispute)
    await session.flush()
    await notify(session, dispute, EventKind.DISPUTE_OPENED, party.others(), "opened")
    return dispute, party.engagement


async def resolve_dispute(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    dispute_id: int,
    resolution: str,
    outcome: DisputeOutcome = DisputeOutcome.NO_CHANGE,
) -> tuple[Dispute, Engagement]:
    """An admin closes a dispute, and may approve its milestone, send it back for
    changes, or end the engagement."""
    admin = require_admin(viewer, "Only an admin can resolve a dispute.")
    problems = Problems()
    cleaned = text(problems, "resolution", resolution, NOTE_LENGTH)
    problems.raise_if_any()
    found = await session.get(Dispute, dispute_id)
    if found is None:
        raise InputError.single(list(DISPUTE_FIELD), "No such dispute.", ErrorCode.NOT_FOUND)
    party = await party_of(session, viewer, found.engagement_id, field=DISPUTE_FIELD, admin=True)
    if outcome is not DisputeOutcome.NO_CHANGE:
        await apply_outcome(session, party, found, outcome)
    now = clock.utcnow()
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(Dispute)
            .where(col(Dispute.id) == dispute_id, col(Dispute.status) == DisputeStatus.OPEN)
            .values(
                status=DisputeStatus.RESOLVED,
                resolution=cleaned,
                resolved_by_id=admin.account_id,
                resolved_at=now,
            )
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise InputError.single(
            list(DISPUTE_FIELD),
            "This dispute is RESOLVED; only an OPEN dispute can be resolved.",
            ErrorCode.INVALID_TRANSITION,
        )
    fresh = await session.get(Dispute, dispute_id, populate_existing=True)
    assert fresh is not None
    await notify(session, fresh, EventKind.DISPUTE_RESOLVED, party.both(), "resolved")
    return fresh, party.engagement


async def apply_outcome(
    session: AsyncSession, party: Party, dispute: Dispute, outcome: DisputeOutcome
) -> None:
    engagement = party.engagement
    if engagement.status != EngagementStatus.ACTIVE:
        raise InputError.single(
            list(OUTCOME_FIELD), closed_reason(engagement), ErrorCode.INVALID_TRANSITION
        )
    await lock(session, engagement, OUTCOME_FIELD)
    if outcome is DisputeOutcome.END_ENGAGEMENT:
        await end_by_admin(session, engagement)
        return
    if dispute.milestone_id is None:
        raise InputError.single(
            list(OUTCOME_FIELD),
            f"{outcome} needs a dispute about a milestone; this one is about the engagement.",
            ErrorCode.INVALID,
        )
    milestone = await milestone_of(session, party.id, dispute.milestone_id, OUTCOME_FIELD)
    if outcome is DisputeOutcome.APPROVE_MILESTONE:
        if milestone.status == MilestoneStatus.APPROVED:
            raise InputError.single(
                list(OUTCOME_FIELD),
                "The milestone is already APPROVED.",
                ErrorCode.INVALID_TRANSITION,
            )
        await set_milestone(
            session, milestone, {"status": MilestoneStatus.APPROVED, "approved_at": clock.utcnow()}
        )
        await complete_if_done(session, engagement)
        return
    if milestone.status != MilestoneStatus.SUBMITTED:
        raise InputError.single(
            list(OUTCOME_FIELD),
            f"The milestone is {milestone.status}; only a SUBMITTED milestone can be sent "
            "back for changes.",
            ErrorCode.INVALID_TRANSITION,
        )
    await set_milestone(session, milestone, {"status": MilestoneStatus.CHANGES_REQUESTED})


async def end_by_admin(session: AsyncSession, engagement: Engagement) -> None:
    now = clock.utcnow()
    await session.execute(
        update(Engagement)
        .where(col(Engagement.id) == engagement.id)
        .values(
            status=EngagementStatus.ENDED,
            ended_at=now,
            end_reason="Ended by an admin resolving a dispute.",
            ended_by_agreement=False,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    assert engagement.id is not None
    await withdraw_open_changes(session, engagement.id)


async def notify(
    session: AsyncSession,
    dispute: Dispute,
    kind: EventKind,
    recipients: list[int | None],
    verb: str,
) -> None:
    assert dispute.id is not None
    await emit(
        session,
        kind=kind,
        recipients=recipients,
        subject_type="Dispute",
        subject_id=dispute.id,
        summary=f"Dispute {verb}",
        payload={"engagementId": dispute.engagement_id, "milestoneId": dispute.milestone_id},
    )
