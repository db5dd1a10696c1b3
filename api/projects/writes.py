"""Writing a request: the version-guarded UPDATE every change goes through, the rows that
hang off it (skills, deliverables, milestones, screening questions), and settling an
award that lapsed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError
from api.projects.models import (
    Deliverable,
    Milestone,
    ProjectFreeSkill,
    ProjectRequest,
    ProjectSkill,
    ProjectStatus,
    ScreeningQuestion,
)
from api.projects.rules import award_lapsed
from api.scopes.rules import ScopeValues


async def guarded_update(
    session: AsyncSession,
    project: ProjectRequest,
    changes: Mapping[str, object],
    values: ScopeValues,
    expected_version: int | None,
    *,
    questions: list[tuple[str, bool]] | None = None,
) -> ProjectRequest:
    """Write only if nobody else wrote since we read; otherwise CONFLICT."""
    assert project.id is not None
    result = await _execute_update(
        session,
        update(ProjectRequest)
        .where(
            col(ProjectRequest.id) == project.id,
            col(ProjectRequest.version) == project.version,
        )
        .values(**changes, version=project.version + 1, updated_at=clock.utcnow()),
    )
    if result.rowcount != 1:
        raise conflict(None if expected_version is None else project.version + 1)
    await replace_children(session, project, values, questions)
    return await reload(session, project.id)


async def settle(session: AsyncSession, project: ProjectRequest, now: datetime) -> ProjectRequest:
    """Store what a lapsed award already means (the request is OPEN, nobody awarded),
    before anything else is decided on the row. The version stays: nothing the owner
    read has changed, as every read already showed the request OPEN."""
    if not award_lapsed(project, now):
        return project
    assert project.id is not None
    await _execute_update(
        session,
        update(ProjectRequest)
        .where(
            col(ProjectRequest.id) == project.id,
            col(ProjectRequest.status) == ProjectStatus.AWARDED,
            col(ProjectRequest.award_accepted_at).is_(None),
        )
        .values(status=ProjectStatus.OPEN, awarded_vendor_id=None, award_expires_at=None),
    )
    return await reload(session, project.id)


async def reload(session: AsyncSession, project_id: int) -> ProjectRequest:
    fresh = await session.get(ProjectRequest, project_id, populate_existing=True)
    assert fresh is not None
    return fresh


async def _execute_update(session: AsyncSession, statement: Any) -> CursorResult[Any]:
    # An UPDATE's result is a CursorResult (with rowcount); the stubs type it as Result.
    return cast(
        CursorResult[Any],
        await session.execute(statement.execution_options(synchronize_session=False)),
    )


def conflict(version: int | None) -> InputError:
    now = f" (now version {version})" if version is not None else ""
    return InputError.single(
        ["input", "expectedVersion"],
        f"The request changed since you loaded it{now}; reload and try again.",
        ErrorCode.CONFLICT,
    )


async def replace_children(
    session: AsyncSession,
    project: ProjectRequest,
    values: ScopeValues,
    questions: list[tuple[str, bool]] | None = None,
) -> None:
    """Replace each list that was given (None: unchanged) with its new rows."""
    project_id = project.id
    if values.skills is not None:
        await _replace(
            session,
            ProjectSkill,
            project_id,
            [
                {
                    "project_id": project_id,
                    "tag_id": req.skill.tag_id,
                    "must_have": req.must_have,
                    "weight": req.weight,
                    "any_of": req.stored_any_of,
                }
                for req in values.skills
                if req.skill.tag_id is not None
            ],
        )
        await _replace(
            session,
            ProjectFreeSkill,
            project_id,
            [
                {
                    "project_id": project_id,
                    "key": req.skill.key,
                    "name": req.skill.name,
                    "must_have": req.must_have,
                    "weight": req.weight,
                    "any_of": req.stored_any_of,
                }
                for req in values.skills
                if req.skill.tag_id is None
            ],
        )
    if values.deliverables is not None:
        await _replace(
            session,
            Deliverable,
            project_id,
            [
                {"project_id": project_id, "position": index, "description": text}
                for index, text in enumerate(values.deliverables)
            ],
        )
    if values.milestones is not None:
        await _replace(
            session,
            Milestone,
            project_id,
            [
                {"project_id": project_id, "position": index, "title": title, "due_date": due}
                for index, (title, due) in enumerate(values.milestones)
            ],
        )
    if questions is not None:
        await _replace(
            session,
            ScreeningQuestion,
            project_id,
            [
                {"project_id": project_id, "position": index, "question": text, "required": req}
                for index, (text, req) in enumerate(questions)
            ],
        )


async def _replace(
    session: AsyncSession, model: Any, project_id: int | None, rows: list[dict[str, Any]]
) -> None:
    await session.execute(delete(model).where(model.project_id == project_id))
    if rows:
        await session.execute(insert(model), rows)
