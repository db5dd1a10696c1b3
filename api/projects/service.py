"""Project requests: post, edit, publish, close or cancel (see awards.py for hiring,
audience.py for shortlists, invitations and NDAs).

Other domains call the names re-exported here: `viewable_project`, `vendor_may_propose`,
`nda_cleared`, `screening_questions` (access.py) and `hire` (awards.py)."""

from __future__ import annotations

from datetime import time
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems
from api.core.viewer import Viewer
from api.projects.access import (
    Question,
    nda_cleared,
    own_vendor,
    owned_project,
    require_business,
    screening_questions,
    vendor_may_propose,
    viewable_project,
)
from api.projects.awards import hire
from api.projects.completeness import draft_facts, gaps, refuse_incomplete, stored_facts
from api.projects.fields import TermsDraft
from api.projects.models import NdaAcceptance, ProjectRequest, ProjectStatus
from api.projects.rules import EDITABLE, TRANSITIONS
from api.projects.terms import TermsValues, check_terms
from api.projects.writes import conflict, guarded_update, replace_children
from api.scopes.fields import ScopeDraft
from api.scopes.rules import ScopeValues, check_scope_draft
from api.tags.catalog import TagCatalog

__all__ = [
    "Question",
    "guarded_update",
    "hire",
    "nda_cleared",
    "own_vendor",
    "owned_project",
    "post_project_request",
    "require_business",
    "screening_questions",
    "update_project_request",
    "vendor_may_propose",
    "viewable_project",
]


async def post_project_request(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    draft: ScopeDraft,
    publish: bool,
    catalog: TagCatalog,
    terms: TermsDraft | None = None,
) -> ProjectRequest:
    """A business states a scope of work, as a DRAFT or published (OPEN) if complete."""
    require_business(viewer)
    assert viewer is not None
    problems = Problems()
    values = check_scope_draft(draft, catalog=catalog, creating=True, problems=problems)
    checked = check_terms(terms or TermsDraft(), problems)
    problems.raise_if_any()
    if publish:
        refuse_incomplete(gaps(draft_facts(values, checked)))
    now = clock.utcnow()
    project = ProjectRequest(
        owner_id=viewer.account_id,
        status=ProjectStatus.OPEN if publish else ProjectStatus.DRAFT,
        published_at=now if publish else None,
        **_with_defaults(values, checked),
    )
    session.add(project)
    await session.flush()
    await replace_children(session, project, values, checked.questions)
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
    terms: TermsDraft | None = None,
) -> ProjectRequest:
    """The owner edits an unawarded request or moves it along its lifecycle; publishing
    needs a complete scope."""
    project = await owned_project(session, viewer, project_id)
    problems = Problems()
    values = check_scope_draft(
        draft,
        catalog=catalog,
        creating=False,
        problems=problems,
        stored=(project.start_date, project.deadline),
    )
    checked = check_terms(terms or TermsDraft(), problems, stored=project)
    problems.raise_if_any()
    if expected_version is not None and expected_version != project.version:
        raise conflict(project.version)
    changes = {**values.columns, **checked.columns}
    has_scope_change = bool(changes) or any(
        child is not None
        for child in (values.skills, values.deliverables, values.milestones, checked.questions)
    )
    if has_scope_change and project.status not in EDITABLE:
        raise InputError.single(
            ["input", "status"],
            f"A {project.status} request can no longer be edited.",
            ErrorCode.INVALID_TRANSITION,
        )
    if status is not None and status != project.status:
        changes.update(_transition(project, status))
    if changes.get("status", project.status) == ProjectStatus.OPEN:
        # Publishing needs a complete scope; an edit to an OPEN request may not take away
        # what it has (one published before these checks keeps working as it stood).
        after = gaps(await stored_facts(session, project, values, checked))
        if project.status == ProjectStatus.OPEN:
            before = gaps(await stored_facts(session, project))
            after = [gap for gap in after if gap not in before]
        refuse_incomplete(after)
    if "nda_text" in changes and changes["nda_text"] != project.nda_text:
        # An acceptance is of the NDA as it stood; a new text must be accepted afresh.
        await session.execute(
            delete(NdaAcceptance).where(col(NdaAcceptance.project_id) == project.id)
        )
    return await guarded_update(
        session, project, changes, values, expected_version, questions=checked.questions
    )


def _transition(project: ProjectRequest, status: str) -> dict[str, Any]:
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
    changes: dict[str, Any] = {"status": status}
    if status == ProjectStatus.OPEN:
        changes["published_at"] = clock.utcnow()
    return changes


def _with_defaults(values: ScopeValues, terms: TermsValues) -> dict[str, Any]:
    """Columns for a new request; unstated working hours default to 09:00-17:00."""
    columns: dict[str, Any] = {"work_start": time(9), "work_end": time(17)}
    columns.update(values.columns)
    columns.update(terms.columns)
    return columns
