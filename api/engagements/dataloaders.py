"""Engagement loaders: engagements and milestones by id, milestones by engagement, and
pages (with counts) of many engagements' change requests, disputes and check-ins."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlmodel import col

from api.engagements.models import ChangeRequest, CheckIn, Dispute, Engagement, EngagementMilestone
from api.graphql.dataloaders import RequestLoader, RowByKeyLoader, RowsByKeyLoader
from api.graphql.pagination import Position, after_position, datetime_key, encode_position

# The rows an engagement lists newest first, a page per engagement.
Child = TypeVar("Child", ChangeRequest, Dispute, CheckIn)


class EngagementByIdLoader(RowByKeyLoader[int, Engagement]):
    model = Engagement
    key = Engagement.id


class EngagementByProjectIdLoader(RowByKeyLoader[int, Engagement]):
    model = Engagement
    key = Engagement.project_id


class MilestoneByIdLoader(RowByKeyLoader[int, EngagementMilestone]):
    model = EngagementMilestone
    key = EngagementMilestone.id


class MilestonesByEngagementIdLoader(RowsByKeyLoader[int, EngagementMilestone]):
    model = EngagementMilestone
    key = EngagementMilestone.engagement_id
    order_by = (EngagementMilestone.position,)


@dataclass(frozen=True)
class ChildPageKey:
    """A newest-first page of one engagement's change requests, disputes or check-ins."""

    model: type[ChangeRequest] | type[Dispute] | type[CheckIn]
    engagement_id: int
    after: Position | None
    limit: int


def child_order(model: type[Child]) -> str:
    return f"{model.__tablename__}:NEWEST:DESC"


def child_cursor(row: Child) -> str:
    assert row.id is not None
    return encode_position(row.created_at.isoformat(), row.id, child_order(type(row)))


class ChildPageLoader(RequestLoader[ChildPageKey, list[Any]]):
    """Pages for many engagements at once: one windowed statement per kind and `after`."""

    async def batch_load(self, keys: list[ChildPageKey]) -> list[list[Any]]:
        pages: dict[ChildPageKey, list[Any]] = {}
        for model, after in dict.fromkeys((key.model, key.after) for key in keys):
            group = [key for key in keys if (key.model, key.after) == (model, after)]
            pages |= await self._pages(model, group, after)
        return [pages[key] for key in keys]

    async def _pages(
        self, model: type[Any], keys: list[ChildPageKey], after: Position | None
    ) -> dict[ChildPageKey, list[Any]]:
        created: Any = col(model.created_at)
        row_id: Any = col(model.id)
        owner: Any = col(model.engagement_id)
        position = (
            func.row_number()
            .over(partition_by=owner, order_by=(created.desc(), row_id.desc()))
            .label("position")
        )
        conditions: list[ColumnElement[bool]] = [owner.in_({key.engagement_id for key in keys})]
        if after is not None:
            conditions.append(
                after_position(
                    created,
                    datetime_key(after),
                    row_id,
                    after.id,
                    key_descending=True,
                    id_descending=True,
                )
            )
        ranked = select(row_id, position).where(*conditions).subquery()
        statement = (
            select(model, ranked.c.position)
            .join(ranked, ranked.c.id == row_id)
            .where(ranked.c.position <= max(key.limit for key in keys))
            .order_by(ranked.c.position)
        )
        by_engagement: dict[int, list[Any]] = defaultdict(list)
        for row, _position in await self.session.execute(statement):
            by_engagement[row.engagement_id].append(row)
        return {key: by_engagement[key.engagement_id][: key.limit] for key in keys}


class ChildCountLoader(RequestLoader[tuple[type[Any], int], int]):
    """How many change requests, disputes or check-ins each engagement has."""

    async def batch_load(self, keys: list[tuple[type[Any], int]]) -> list[int]:
        counts: dict[tuple[type[Any], int], int] = {}
        for model in dict.fromkeys(model for model, _ in keys):
            owner: Any = col(model.engagement_id)
            ids = [engagement_id for kind, engagement_id in keys if kind is model]
            rows = await self.session.execute(
                select(owner, func.count()).where(owner.in_(ids)).group_by(owner)
            )
            counts |= {(model, engagement_id): int(count) for engagement_id, count in rows}
        return [counts.get(key, 0) for key in keys]
