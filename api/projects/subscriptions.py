"""`projectRequestPublished`: vendors hear of new OPEN requests as they are published.

Workers share nothing but the database, so each subscription polls it for requests
published since the last one it sent: any worker sees a request published through any
other, with no broker to run.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta
from typing import Annotated

import strawberry
from sqlalchemy import Select, exists, select

from api import validation as check
from api.clock import utcnow
from api.context import Info
from api.errors import ClientError, Problems
from api.projects.models import ProjectRequest, ProjectSkill, ProjectStatus
from api.projects.types import ProjectRequestType
from api.tags.catalog import TagCatalog

# A transaction stamps `published_at` before it commits; look back this far to not miss it.
COMMIT_MARGIN = timedelta(seconds=60)
MAX_REPLAY = timedelta(hours=1)
MAX_TAGS = 20


@strawberry.type
class ProjectSubscriptions:
    @strawberry.subscription(
        description="New OPEN project requests, optionally only those needing any of `tagsAny`."
    )
    async def project_request_published(
        self,
        info: Info,
        tags_any: list[str] | None = None,
        since: Annotated[
            datetime | None,
            strawberry.argument(
                description="Replay requests published since then (at most an hour back), "
                "to resume after a reconnect."
            ),
        ] = None,
    ) -> AsyncGenerator[ProjectRequestType, None]:
        tag_ids = _tag_ids(await info.context.catalog(), tags_any or [])
        state = info.context.state
        start = _replay_start(since, utcnow())
        sent: set[int] = set()
        while True:
            await asyncio.sleep(state.settings.subscription_poll_seconds)
            async with state.sessions() as session:
                rows = (await session.execute(_published_since(start, tag_ids))).scalars()
                fresh = [row for row in rows if row.id not in sent and _after(row, start)]
            try:
                for row in fresh:
                    assert row.id is not None
                    sent.add(row.id)
                    yield ProjectRequestType.from_row(row)
            finally:
                # A subscription lives long: no session or loader cache outlives a batch.
                await info.context.close()


def _published_since(start: datetime, tag_ids: list[int]) -> Select[tuple[ProjectRequest]]:
    statement = select(ProjectRequest).where(
        ProjectRequest.status == ProjectStatus.OPEN,
        ProjectRequest.published_at > start - COMMIT_MARGIN,
    )
    if tag_ids:
        statement = statement.where(
            exists().where(
                ProjectSkill.project_id == ProjectRequest.id, ProjectSkill.tag_id.in_(tag_ids)
            )
        )
    return statement.order_by(ProjectRequest.published_at, ProjectRequest.id)


def _tag_ids(catalog: TagCatalog, tags_any: list[str]) -> list[int]:
    """The tags as typed, resolved through aliases; unknown ones are a client error."""
    problems = Problems(prefix=())
    ids = []
    if check.list_size(problems, ["tagsAny"], tags_any, maximum=MAX_TAGS):
        ids = catalog.resolve_all(problems, "tagsAny", tags_any)
    if problems:
        raise ClientError.from_problems(problems)
    return ids


def _replay_start(since: datetime | None, now: datetime) -> datetime:
    """`since` clamped to the last hour; absurd instants (year 9999 at -14:00) mean now."""
    if since is None:
        return now
    try:
        moment = since if since.tzinfo else since.replace(tzinfo=UTC)
        return min(max(moment, now - MAX_REPLAY), now)
    except OverflowError:
        return now


def _after(row: ProjectRequest, start: datetime) -> bool:
    """Published at or after `start` (the margin above only guards late commits)."""
    return row.published_at is not None and row.published_at >= start
