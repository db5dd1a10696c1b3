"""Requests' free-text skill requirements: how often each is named, and turning them into
tag requirements once an admin maps one onto a tag."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.projects.models import ProjectFreeSkill, ProjectRequest, ProjectSkill
from api.tags.service import free_text_usage


async def adopt_free_skill(session: AsyncSession, key: str, tag_id: int) -> list[int]:
    """Every request's free-text requirement with `key` becomes a requirement of the tag;
    where the request already names the tag, the two merge (must-have if either was, the
    larger weight, both sets of alternatives). Returns the requests changed."""
    free_rows = list(
        (
            await session.execute(select(ProjectFreeSkill).where(col(ProjectFreeSkill.key) == key))
        ).scalars()
    )
    if not free_rows:
        return []
    project_ids = [row.project_id for row in free_rows]
    held = {
        row.project_id: row
        for row in (
            await session.execute(
                select(ProjectSkill).where(
                    col(ProjectSkill.tag_id) == tag_id,
                    col(ProjectSkill.project_id).in_(project_ids),
                )
            )
        ).scalars()
    }
    fresh = []
    for free in free_rows:
        tagged = held.get(free.project_id)
        if tagged is None:
            fresh.append(
                {
                    "project_id": free.project_id,
                    "tag_id": tag_id,
                    "must_have": free.must_have,
                    "weight": free.weight,
                    "any_of": free.any_of,
                }
            )
            continue
        await session.execute(
            update(ProjectSkill)
            .where(
                col(ProjectSkill.project_id) == free.project_id, col(ProjectSkill.tag_id) == tag_id
            )
            .values(
                must_have=tagged.must_have or free.must_have,
                weight=max(tagged.weight, free.weight),
                any_of=list(dict.fromkeys([*tagged.any_of, *free.any_of])),
            )
            .execution_options(synchronize_session=False)
        )
    if fresh:
        await session.execute(insert(ProjectSkill), fresh)
    await session.execute(
        delete(ProjectFreeSkill)
        .where(col(ProjectFreeSkill.key) == key)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(ProjectRequest)
        .where(col(ProjectRequest.id).in_(project_ids))
        .values(version=col(ProjectRequest.version) + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return project_ids


async def free_skill_counts(session: AsyncSession) -> dict[str, tuple[str, int]]:
    """For each free-text key: one name as typed, and how many requests name it."""
    return await free_text_usage(session, col(ProjectFreeSkill.key), col(ProjectFreeSkill.name))
