"""Project request loaders: requests by id, and the rows that hang off a request."""

from __future__ import annotations

from api.graphql.dataloaders import RowByKeyLoader, RowsByKeyLoader
from api.projects.models import Deliverable, Milestone, ProjectRequest, ProjectSkill


class ProjectByIdLoader(RowByKeyLoader[int, ProjectRequest]):
    model = ProjectRequest
    key = ProjectRequest.id


class SkillsByProjectIdLoader(RowsByKeyLoader[int, ProjectSkill]):
    model = ProjectSkill
    key = ProjectSkill.project_id
    order_by = (ProjectSkill.tag_id,)


class DeliverablesByProjectIdLoader(RowsByKeyLoader[int, Deliverable]):
    model = Deliverable
    key = Deliverable.project_id
    order_by = (Deliverable.position,)


class MilestonesByProjectIdLoader(RowsByKeyLoader[int, Milestone]):
    model = Milestone
    key = Milestone.project_id
    order_by = (Milestone.position,)
