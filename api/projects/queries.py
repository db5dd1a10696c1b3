"""Project request reads: a visibility-aware connection and one request by id."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.ids import decode
from api.graphql.pagination import keyset_window
from api.projects import reads
from api.projects.types import ProjectRequestConnection, ProjectRequestType, ProjectStatusType


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
        row = await reads.project_by_id(info.context.session, info.context.viewer, decoded[1])
        return ProjectRequestType.from_row(row) if row else None
