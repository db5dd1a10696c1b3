"""Engagements: who is a party, the guard every write passes, and what other domains ask
(is it reviewable, how many milestones were approved)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, forbidden, unauthenticated
from api.core.viewer import Viewer
from api.engagements.models import (
    ChangeRequest,
    ChangeStatus,
    Engagement,
    EngagementMilestone,
    EngagementStatus,
    MilestoneStatus,
)
from api.engagements.rules import Side
from api.vendors import service as vendors

ENGAGEMENT_FIELD = ("input", "engagementId")


@dataclass(frozen=True)
class Party:
    """An engagement as one viewer sees it: its side (None for an admin) and both
    parties' accounts."""

    engagement: Engagement
    side: Side | None
    business_account: int
    vendor_account: int | None

    @property
    def id(self) -> int:
        assert self.engagement.id is not None
        return self.engagement.id

    def account(self, side: Side) -> int | None:
        return self.business_account if side is Side.BUSINESS else self.vendor_account

    def others(self) -> list[int | None]:
        """Who hears of what this viewer did: the other party (both, for an admin)."""
        if self.side is None:
            return self.both()
        return [self.account(self.side.other)]

    def both(self) -> list[int | None]:
        return [self.business_account, self.vendor_account]


def side_of(viewer: Viewer, engagement: Engagement, vendor_account: int | None) -> Side | None:
    if viewer.account_id == engagement.business_id:
        return Side.BUSINESS
    if vendor_account is not None and viewer.account_id == vendor_account:
        return Side.VENDOR
    return None


def can_read(viewer: Viewer | None, engagement: Engagement, vendor_account: int | None) -> bool:
    """The two parties and admins; nobody else learns an engagement exists."""
    if viewer is None:
        return False
    return viewer.is_admin or side_of(viewer, engagement, vendor_account) is not None


async def party_of(
    session: AsyncSession,
    viewer: Viewer | None,
    engagement_id: int,
    *,
    field: Sequence[str] = ENGAGEMENT_FIELD,
    admin: bool = False,
) -> Party:
    """The engagement for one of its parties (or, with `admin`, an admin), else why not."""
    if viewer is None:
        raise unauthenticated()
    engagement = await session.get(Engagement, engagement_id, populate_existing=True)
    vendor_account = (
        await vendors.owner_of(session, engagement.vendor_id) if engagement is not None else None
    )
    if engagement is None or not can_read(viewer, engagement, vendor_account):
        raise InputError.single(list(field), "No such engagement.", ErrorCode.NOT_FOUND)
    side = side_of(viewer, engagement, vendor_account)
    if side is None and not admin:
        raise forbidden("Admins can read engagements but do not act for either party.")
    return Party(engagement, side, engagement.business_id, vendor_account)


def require_side(party: Party, side: Side, doing: str) -> None:
    if party.side is not side:
        raise forbidden(f"Only the {side.lower()} of this engagement can {doing}.")


def closed_reason(engagement: Engagement) -> str:
    return f"This engagement is {engagement.status}; it accepts no further changes."


async def writable(
    session: AsyncSession,
    viewer: Viewer | None,
    engagement_id: int,
    *,
    field: Sequence[str] = ENGAGEMENT_FIELD,
) -> Party:
    """A party's engagement, locked for this write: the version bump takes the row's lock
    (PostgreSQL) or the database's write lock (SQLite), so writes to one engagement run
    one at a time and each sees what the previous one committed."""
    party = await party_of(session, viewer, engagement_id, field=field)
    if party.engagement.status != EngagementStatus.ACTIVE:
        raise InputError.single(
            list(field), closed_reason(party.engagement), ErrorCode.INVALID_TRANSITION
        )
    await lock(session, party.engagement, field)
    return party


async def lock(session: AsyncSession, engagement: Engagement, field: Sequence[str]) -> None:
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(Engagement)
            .where(
                col(Engagement.id) == engagement.id,
                col(Engagement.status) == EngagementStatus.ACTIVE,
            )
            .values(version=col(Engagement.version) + 1, updated_at=clock.utcnow())
            .execution_options(synchronize_session=False)
        ),
    )
    fresh = await session.get(Engagement, engagement.id, populate_existing=True)
    assert fresh is not None
    if result.rowcount != 1:
        # It ended or completed while we were waiting for the lock.
        raise InputError.single(list(field), closed_reason(fresh), ErrorCode.INVALID_TRANSITION)


async def withdraw_open_changes(session: AsyncSession, engagement_id: int) -> None:
    """An engagement that is over leaves no change waiting for an answer."""
    await session.execute(
        update(ChangeRequest)
        .where(
            col(ChangeRequest.engagement_id) == engagement_id,
            col(ChangeRequest.status) == ChangeStatus.PROPOSED,
        )
        .values(status=ChangeStatus.WITHDRAWN, responded_at=clock.utcnow())
        .execution_options(synchronize_session=False)
    )


async def milestone_of(
    session: AsyncSession, engagement_id: int, milestone_id: int, field: Sequence[str]
) -> EngagementMilestone:
    """A milestone of this engagement, read afresh."""
    milestone = await session.get(EngagementMilestone, milestone_id, populate_existing=True)
    if milestone is None or milestone.engagement_id != engagement_id:
        raise InputError.single(list(field), "No such milestone.", ErrorCode.NOT_FOUND)
    return milestone


async def engagement_for_review(
    session: AsyncSession, viewer: Viewer | None, engagement_id: int
) -> Engagement:
    """A party's engagement once it can be reviewed: COMPLETED, or ENDED by agreement."""
    party = await party_of(session, viewer, engagement_id)
    engagement = party.engagement
    if engagement.status == EngagementStatus.COMPLETED:
        return engagement
    if engagement.status == EngagementStatus.ENDED and engagement.ended_by_agreement:
        return engagement
    state = (
        "ENDED without agreement"
        if engagement.status == EngagementStatus.ENDED
        else f"{engagement.status}"
    )
    raise InputError.single(
        list(ENGAGEMENT_FIELD),
        f"Only a COMPLETED engagement, or one ended by agreement, can be reviewed; "
        f"this one is {state}.",
        ErrorCode.INVALID_TRANSITION,
    )


async def approved_milestones(session: AsyncSession, engagement_id: int) -> int:
    count = select(func.count()).where(
        col(EngagementMilestone.engagement_id) == engagement_id,
        col(EngagementMilestone.status) == MilestoneStatus.APPROVED,
    )
    return int(await session.scalar(count) or 0)


async def engagement_of_project(session: AsyncSession, project_id: int) -> Engagement | None:
    return (
        await session.execute(select(Engagement).where(col(Engagement.project_id) == project_id))
    ).scalar_one_or_none()
