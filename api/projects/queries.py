"""Project request reads: a visibility-aware connection and one request by id."""

from __future__ import annotations

import strawberry

from api.core.errors import ClientError, Problems
from api.graphql.context import Info
from api.graphql.ids import decode
from api.graphql.pagination import keyset_window
from api.projects import invitations, reads
from api.projects.audience_types import (
    InvitationStatusType,
    ProjectInvitationConnection,
    ProjectInvitationType,
    ScopeCompleteness,
    viewer_vendor_id,
)
from api.projects.completeness import draft_facts, gaps
from api.projects.fields import TermsDraft
from api.projects.inputs import ScopeCompletenessInput
from api.projects.terms import check_terms
from api.projects.types import ProjectRequestConnection, ProjectRequestType, ProjectStatusType
from api.scopes.rules import check_scope_draft
from api.tags.service import tag_catalog


@strawberry.type
class ProjectQueries:
    @strawberry.field(
        description="Open requests, plus your own drafts when signed in as their business."
    )
    async def project_requests(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: ProjectStatusType | None = None,
        mine: bool = False,
    ) -> ProjectRequestConnection:
        page = keyset_window(first, after)
        rows, count = await reads.list_projects(
            info.context.session,
            info.context.viewer,
            vendor_id=await viewer_vendor_id(info),
            status=status.value if status is not None else None,
            mine=mine,
            after=page.after,
            limit=page.limit + 1,
        )
        nodes = [ProjectRequestType.from_row(row) for row, _cursor in rows]
        cursors = [cursor for _row, cursor in rows]
        return ProjectRequestConnection.from_keyset(nodes, cursors, page, count)

    @strawberry.field(description="One request; another business's draft reads as null.")
    async def project_request(self, info: Info, id: strawberry.ID) -> ProjectRequestType | None:
        decoded = decode(id)
        if decoded is None or decoded[0] != "ProjectRequest":
            return None
        row = await reads.project_by_id(
            info.context.session, info.context.viewer, decoded[1], await viewer_vendor_id(info)
        )
        return ProjectRequestType.from_row(row) if row else None

    @strawberry.field(
        description="What a scope still lacks before it can be published, without saving it: "
        "deliverables, acceptance criteria, a timeline (deadline or milestones), a budget "
        "and a communication plan."
    )
    async def scope_completeness(
        self, info: Info, scope: ScopeCompletenessInput
    ) -> ScopeCompleteness:
        catalog = await tag_catalog(info.context.runtime)
        problems = Problems(prefix=("scope",))
        values = check_scope_draft(
            scope.to_draft(), catalog=catalog, creating=False, problems=problems
        )
        terms = check_terms(
            TermsDraft(
                acceptance_criteria=scope.acceptance_criteria,
                communication_plan=scope.communication_plan,
            ),
            problems,
        )
        if problems:
            raise ClientError.from_problems(problems)
        return ScopeCompleteness.of(gaps(draft_facts(values, terms)))

    @strawberry.field(
        description="Invitations to the vendor you own, newest first (empty for other accounts)."
    )
    async def my_invitations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: InvitationStatusType | None = None,
    ) -> ProjectInvitationConnection:
        page = keyset_window(first, after)
        rows, count = await invitations.my_invitations(
            info.context.session,
            info.context.viewer,
            vendor_id=await viewer_vendor_id(info),
            status=status.value if status is not None else None,
            after=page.after,
            limit=page.limit + 1,
        )
        nodes = [ProjectInvitationType.from_row(row) for row, _cursor in rows]
        cursors = [cursor for _row, cursor in rows]
        return ProjectInvitationConnection.from_keyset(nodes, cursors, page, count)
