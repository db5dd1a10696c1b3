"""Proposal loaders: proposals by id, and the match factors of proposing vendors (one
scoring call per request however many proposals)."""

from __future__ import annotations

from collections import defaultdict
from typing import Self

from api.graphql.context import Context
from api.graphql.dataloaders import RequestLoader, RowByKeyLoader
from api.matches.scoring import VendorScore, score_vendors
from api.projects.dataloaders import (
    FreeSkillsByProjectIdLoader,
    ProjectByIdLoader,
    SkillsByProjectIdLoader,
)
from api.projects.reads import project_scope
from api.proposals.models import Proposal
from api.tags.service import tag_catalog


class ProposalByIdLoader(RowByKeyLoader[int, Proposal]):
    model = Proposal
    key = Proposal.id


# (project request id, vendor id)
ProposalKey = tuple[int, int]


class MatchByProposalLoader(RequestLoader[ProposalKey, VendorScore | None]):
    """The vendor's match for the request's scope, for each (request, vendor) asked for:
    one scoring call per request over exactly the vendors asked for."""

    context: Context

    @classmethod
    def of(cls, context: Context) -> Self:
        loader = super().of(context)
        loader.context = context
        return loader

    async def batch_load(self, keys: list[ProposalKey]) -> list[VendorScore | None]:
        vendors_by_project: dict[int, list[int]] = defaultdict(list)
        for project_id, vendor_id in keys:
            vendors_by_project[project_id].append(vendor_id)
        project_ids = list(vendors_by_project)
        rows = await ProjectByIdLoader.of(self.context).load_many(project_ids)
        skills = await SkillsByProjectIdLoader.of(self.context).load_many(project_ids)
        free = await FreeSkillsByProjectIdLoader.of(self.context).load_many(project_ids)
        catalog = await tag_catalog(self.context.runtime)
        scores: dict[ProposalKey, VendorScore] = {}
        for project_id, row, skill_rows, free_rows in zip(
            project_ids, rows, skills, free, strict=True
        ):
            if row is None:
                continue
            scope = project_scope(row, skill_rows, free_rows, catalog)
            found = await score_vendors(self.context, scope, vendors_by_project[project_id])
            scores.update({(project_id, vendor): score for vendor, score in found.items()})
        return [scores.get(key) for key in keys]
