"""Project requests: post, edit, publish, close or cancel (see awards.py for hiring)."""

from __future__ import annotations

from datetime import time
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError, Problems, forbidden, unauthenticated
from api.core.viewer import Role, Viewer
from api.projects.models import (
    Deliverable,
    Milestone,
    ProjectRequest,
    ProjectSkill,
    ProjectStatus,
)
from api.projects.rules import EDITABLE, TRANSITIONS, can_see
from api.scopes.fields import ScopeDraft
from api.scopes.rules import ScopeValues, check_scope_draft
from api.tags.catalog import TagCatalog


async def post_project_request(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    draft: ScopeDraft,
    publish: bool,
    catalog: TagCatalog,
) -> ProjectRequest:
    """A business states a scope of work, as a DRAFT or published (OPEN)."""
    require_business(viewer)
    assert viewer is not None
    problems = Problems()
    values = check_scope_draft(draft, catalog=catalog, creating=True, problems=problems)
    problems.raise_if_any()
    now = utcnow()
    project = ProjectRequest(
        owner_id=viewer.account_id,
        status=ProjectStatus.OPEN if publish else ProjectStatus.DRAFT,
        published_at=now if publish else None,
        **_with_defaults(values),
    )
    session.add(project)
    await session.flush()
    await _replace_children(session, project, values)
    return project


async def update_project_request(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    draft: ScopeDraft,
    status: str | None,
    expected_version: int | None,
    catalog: TagCatalog,
) -> ProjectRequest:
    """The owner edits an unawarded request or moves it along its lifecycle."""
    project = await owned_project(session, viewer, project_id)
    problems = Problems()
    values = check_scope_draft(
        draft,
        catalog=catalog,
        creating=False,
        problems=problems,
        stored=(project.start_date, project.deadline),
    )
    problems.raise_if_any()
    if expected_version is not None and expected_version != project.version:
        raise _conflict(project.version)
    changes = values.columns
    has_scope_change = bool(changes) or any(
        child is not None for child in (values.skills, values.deliverables, values.milestones)
    )
    if has_scope_change and project.status not in EDITABLE:
        raise InputError.single(
            ["input", "status"],
            f"A {project.status} request can no longer be edited.",
            ErrorCode.INVALID_TRANSITION,
        )
    if status is not None and status != project.status:
        if status not in TRANSITIONS.get(project.status, set()):
            raise InputError.single(
                ["input", "status"],
                f"A {project.status} request cannot become {status}.",
                ErrorCode.INVALID_TRANSITION,
            )
        if status == ProjectStatus.CLOSED and project.award_accepted_at is None:
            raise InputError.single(
                ["input", "status"],
                "The vendor has not accepted this award yet; cancel it instead.",
                ErrorCode.INVALID_TRANSITION,
            )
        changes = {**changes, "status": status}
        if status == ProjectStatus.OPEN:
            changes["published_at"] = utcnow()
    return await guarded_update(session, project, changes, values, expected_version)


def require_business(viewer: Viewer | None) -> None:
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.BUSINESS:
        raise forbidden("Only business accounts can post project requests.")


async def owned_project(
    session: AsyncSession, viewer: Viewer | None, project_id: int
) -> ProjectRequest:
    require_business(viewer)
    assert viewer is not None
    project = await session.get(ProjectRequest, project_id, populate_existing=True)
    if project is None or not can_see(viewer, project):
        raise InputError.single(["input", "id"], "No such project request.", ErrorCode.NOT_FOUND)
    if project.owner_id != viewer.account_id:
        raise forbidden("You can only change your own project requests.")
    return project


async def guarded_update(
    session: AsyncSession,
    project: ProjectRequest,
    changes: dict[str, object],
    values: ScopeValues,
    expected_version: int | None,
) -> ProjectRequest:
    """Write only if nobody else wrote since we read; otherwise CONFLICT."""
    assert project.id is not None
    # An UPDATE's result is a CursorResult (with rowcount); the stubs type it as Result.
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(ProjectRequest)
            .where(
                col(ProjectRequest.id) == project.id,
                col(ProjectRequest.version) == project.version,
            )
            .values(**changes, version=project.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise _conflict(None if expected_version is None else project.version + 1)
    await _replace_children(session, project, values)
    fresh = await session.get(ProjectRequest, project.id, populate_existing=True)
    assert fresh is not None
    return fresh


def _conflict(version: int | None) -> InputError:
    now = f" (now version {version})" if version is not None else ""
    return InputError.single(
        ["input", "expectedVersion"],
        f"The request changed since you loaded it{now}; reload and try again.",
        ErrorCode.CONFLICT,
    )


def _with_defaults(values: ScopeValues) -> dict[str, Any]:
    """Columns for a new request; unstated working hours default to 09:00-17:00."""
    columns: dict[str, Any] = {"work_start": time(9), "work_end": time(17)}
    columns.update(values.columns)
    return columns


async def _replace_children(
    session: AsyncSession, project: ProjectRequest, values: ScopeValues
) -> None:
    project_id = project.id
    if values.skills is not None:
        await session.execute(
            delete(ProjectSkill).where(col(ProjectSkill.project_id) == project_id)
        )
        if values.skills:
            await session.execute(
                insert(ProjectSkill),
                [
                    {
                        "project_id": project_id,
                        "tag_id": tag_id,
                        "must_have": must,
                        "weight": weight,
                    }
                    for tag_id, must, weight in values.skills
                ],
            )
    if values.deliverables is not None:
        await session.execute(delete(Deliverable).where(col(Deliverable.project_id) == project_id))
        if values.deliverables:
            await session.execute(
                insert(Deliverable),
                [
                    {"project_id": project_id, "position": index, "description": text}
                    for index, text in enumerate(values.deliverables)
                ],
            )
    if values.milestones is not None:
        await session.execute(delete(Milestone).where(col(Milestone.project_id) == project_id))
        if values.milestones:
            await session.execute(
                insert(Milestone),
                [
                    {"project_id": project_id, "position": index, "title": title, "due_date": due}
                    for index, (title, due) in enumerate(values.milestones)
                ],
            )
