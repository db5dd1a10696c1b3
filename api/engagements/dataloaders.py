"""Engagement loaders: engagements by id or request, and the rows hanging off one."""

from __future__ import annotations

from api.engagements.models import Engagement, EngagementMilestone
from api.graphql.dataloaders import RowByKeyLoader, RowsByKeyLoader


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
