"""`projectRequestPublished`: vendors hear of new OPEN requests as they are published.

Workers share nothing but the database, so each subscription polls it for requests
published since the last one it sent: any worker sees a request published through any
other, with no broker to run. Each poll reads only from the newest request seen (less the
commit margin), and a worker holds at most MAX_SUBSCRIPTIONS of them, at most
MAX_SUBSCRIPTIONS_PER_CLIENT from one client address.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Annotated

import strawberry

from api.core.clock import utcnow
from api.core.errors import ClientError, Problems
from api.graphql.context import Info
from api.graphql.subscription_slots import SubscriptionSlots
from api.graphql.throttle import request_ip
from api.projects.models import ProjectRequest
from api.projects.reads import published_after, viewer_vendor_id
from api.projects.types import ProjectRequestType
from api.tags.catalog import NamedSkill, TagCatalog
from api.tags.rules import named_skill
from api.tags.service import tag_catalog
from api.values import checks as check

# A transaction stamps `published_at` before it commits; look back this far to not miss it.
COMMIT_MARGIN = timedelta(seconds=60)
MAX_REPLAY = timedelta(hours=1)
MAX_TAGS = 20


@strawberry.type
class ProjectSubscriptions:
    @strawberry.subscription(
        description="New OPEN project requests you may see (INVITE_ONLY ones only if "
        "invited), optionally only those needing any of `tagsAny`."
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
        skills = _skills(await tag_catalog(info.context.runtime), tags_any or [])
        runtime = info.context.runtime
        slots = runtime.resource(SubscriptionSlots)
        client = request_ip(info.context)
        slots.acquire(client, runtime.settings)
        viewer = info.context.viewer
        try:
            async with runtime.sessions() as session:
                vendor_id = await viewer_vendor_id(session, viewer)
            window = PollWindow.opening(_replay_start(since, utcnow()))
            while True:
                await asyncio.sleep(runtime.settings.subscription_poll_seconds)
                async with runtime.sessions() as session:
                    # An INVITE_ONLY request reaches only those it admits.
                    rows = await published_after(
                        session, window.floor, skills, viewer=viewer, vendor_id=vendor_id
                    )
                try:
                    for row in window.take(rows):
                        yield ProjectRequestType.from_row(row)
                finally:
                    # A subscription lives long: no session or loader cache outlives a batch.
                    await info.context.close()
        finally:
            slots.release(client)


@dataclass
class PollWindow:
    """What one subscription reads next: requests published after `floor` (the newest
    seen, less the margin a late commit may need), at or after `start`, not yet sent.
    `sent` remembers only ids the window can still return, so it stays small."""

    start: datetime
    floor: datetime
    sent: dict[int, datetime] = field(default_factory=dict)

    @classmethod
    def opening(cls, start: datetime) -> PollWindow:
        return cls(start=start, floor=start - COMMIT_MARGIN)

    def take(self, rows: Sequence[ProjectRequest]) -> list[ProjectRequest]:
        """The rows of a poll to send, in order; the window moves past them."""
        fresh = [row for row in rows if row.id not in self.sent and _after(row, self.start)]
        for row in fresh:
            assert row.id is not None and row.published_at is not None
            self.sent[row.id] = row.published_at
        newest = max((row.published_at for row in rows if row.published_at), default=None)
        if newest is not None:
            self.floor = max(self.floor, newest - COMMIT_MARGIN)
        self.sent = {key: moment for key, moment in self.sent.items() if moment > self.floor}
        return fresh


def _skills(catalog: TagCatalog, tags_any: list[str]) -> list[NamedSkill]:
    """The skills as typed: tags (aliases resolve), or free text a request may also name;
    only a blank or over-long name is a client error."""
    problems = Problems(prefix=())
    skills = []
    if check.list_size(problems, ["tagsAny"], tags_any, maximum=MAX_TAGS):
        skills = [named_skill(problems, ["tagsAny", i], t, catalog) for i, t in enumerate(tags_any)]
    if problems:
        raise ClientError.from_problems(problems)
    return [skill for skill in skills if skill is not None]


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
