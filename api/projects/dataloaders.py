"""Project request loaders: requests by id, the rows that hang off a request, and what
the signed-in vendor has agreed to."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlmodel import col

from api.graphql.dataloaders import RequestLoader, RowByKeyLoader, RowsByKeyLoader
from api.projects.models import (
    Deliverable,
    Milestone,
    NdaAcceptance,
    ProjectFreeSkill,
    ProjectInvitation,
    ProjectRequest,
    ProjectShortlist,
    ProjectSkill,
    ScreeningQuestion,
)


class ProjectByIdLoader(RowByKeyLoader[int, ProjectRequest]):
    model = ProjectRequest
    key = ProjectRequest.id


class SkillsByProjectIdLoader(RowsByKeyLoader[int, ProjectSkill]):
    model = ProjectSkill
    key = ProjectSkill.project_id
    order_by = (ProjectSkill.tag_id,)


class FreeSkillsByProjectIdLoader(RowsByKeyLoader[int, ProjectFreeSkill]):
    model = ProjectFreeSkill
    key = ProjectFreeSkill.project_id
    order_by = (ProjectFreeSkill.key,)


class DeliverablesByProjectIdLoader(RowsByKeyLoader[int, Deliverable]):
    model = Deliverable
    key = Deliverable.project_id
    order_by = (Deliverable.position,)


class MilestonesByProjectIdLoader(RowsByKeyLoader[int, Milestone]):
    model = Milestone
    key = Milestone.project_id
    order_by = (Milestone.position,)


class QuestionsByProjectIdLoader(RowsByKeyLoader[int, ScreeningQuestion]):
    model = ScreeningQuestion
    key = ScreeningQuestion.project_id
    order_by = (ScreeningQuestion.position,)


class ShortlistByProjectIdLoader(RowsByKeyLoader[int, ProjectShortlist]):
    model = ProjectShortlist
    key = ProjectShortlist.project_id
    order_by = (ProjectShortlist.created_at, ProjectShortlist.vendor_id)


class InvitationsByProjectIdLoader(RowsByKeyLoader[int, ProjectInvitation]):
    model = ProjectInvitation
    key = ProjectInvitation.project_id
    order_by = (ProjectInvitation.created_at, ProjectInvitation.id)


class InvitationByIdLoader(RowByKeyLoader[int, ProjectInvitation]):
    model = ProjectInvitation
    key = ProjectInvitation.id


class NdaAcceptedLoader(RequestLoader[tuple[int, int], bool]):
    """Whether (project id, vendor id) has an NDA acceptance, in one statement a batch."""

    async def batch_load(self, keys: list[tuple[int, int]]) -> list[bool]:
        by_vendor: dict[int, list[int]] = defaultdict(list)
        for project_id, vendor_id in keys:
            by_vendor[vendor_id].append(project_id)
        found: set[tuple[int, int]] = set()
        for vendor_id, project_ids in by_vendor.items():
            statement = select(col(NdaAcceptance.project_id)).where(
                col(NdaAcceptance.vendor_id) == vendor_id,
                col(NdaAcceptance.project_id).in_(project_ids),
            )
            accepted = (await self.session.execute(statement)).scalars()
            found.update((project_id, vendor_id) for project_id in accepted)
        return [key in found for key in keys]
