"""Check-ins: either party records one held, so the engagement's health can tell the
scheduled ones that were missed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.errors import Problems
from api.core.viewer import Viewer
from api.engagements.models import CheckIn, Engagement
from api.engagements.rules import NOTE_LENGTH, text
from api.engagements.service import writable
from api.events.kinds import EventKind
from api.events.service import emit


async def record_check_in(
    session: AsyncSession, viewer: Viewer | None, *, engagement_id: int, summary: str
) -> tuple[CheckIn, Engagement]:
    party = await writable(session, viewer, engagement_id)
    assert viewer is not None
    problems = Problems()
    cleaned = text(problems, "summary", summary, NOTE_LENGTH)
    problems.raise_if_any()
    assert cleaned is not None
    check_in = CheckIn(
        engagement_id=party.id,
        author_id=viewer.account_id,
        summary=cleaned,
        created_at=clock.utcnow(),
    )
    session.add(check_in)
    await session.flush()
    await emit(
        session,
        kind=EventKind.CHECK_IN,
        recipients=party.others(),
        subject_type="Engagement",
        subject_id=party.id,
        summary="A check-in was recorded",
        payload={"engagementId": party.id},
    )
    return check_in, party.engagement
