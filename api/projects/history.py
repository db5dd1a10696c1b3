"""The hiring history of project requests: whom a business considered (shortlisted or
invited), and whom it hired. `vendormatch fit-weights` learns the factor weights from it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.projects.models import (
    ProjectFreeSkill,
    ProjectInvitation,
    ProjectRequest,
    ProjectShortlist,
    ProjectSkill,
)
from api.projects.reads import project_scope
from api.tags.catalog import TagCatalog
from matching import Scope


@dataclass(frozen=True)
class Hiring:
    """One request a business considered vendors for: its scope, the vendors shortlisted or
    invited (any answer: the business chose to consider them), and the vendor hired."""

    project_id: int
    scope: Scope
    shortlisted: frozenset[int]
    # An award the vendor never accepted was an offer, not a hire.
    hired: int | None


async def hiring_history(session: AsyncSession, catalog: TagCatalog) -> list[Hiring]:
    """Every request that has a shortlist or invitations, in five statements."""
    shortlists: dict[int, set[int]] = defaultdict(set)
    for model in (ProjectShortlist, ProjectInvitation):
        for project_id, vendor_id in await session.execute(
            select(col(model.project_id), col(model.vendor_id))
        ):
            shortlists[project_id].add(vendor_id)
    projects = (
        await session.execute(
            select(ProjectRequest).where(col(ProjectRequest.id).in_(list(shortlists)))
        )
    ).scalars()
    skill_rows: dict[int, list[ProjectSkill]] = defaultdict(list)
    for row in (await session.execute(select(ProjectSkill))).scalars():
        skill_rows[row.project_id].append(row)
    free_rows: dict[int, list[ProjectFreeSkill]] = defaultdict(list)
    for free in (await session.execute(select(ProjectFreeSkill))).scalars():
        free_rows[free.project_id].append(free)
    history = []
    for project in projects:
        assert project.id is not None
        accepted = project.award_accepted_at is not None
        history.append(
            Hiring(
                project_id=project.id,
                scope=project_scope(
                    project, skill_rows[project.id], free_rows[project.id], catalog
                ),
                shortlisted=frozenset(shortlists[project.id]),
                hired=project.awarded_vendor_id if accepted else None,
            )
        )
    return history
