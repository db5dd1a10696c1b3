"""Admins' view of the open vocabulary: what to map next."""

from __future__ import annotations

import strawberry
from strawberry import relay

from api.core.errors import ClientError, InputError
from api.graphql.context import Info
from api.graphql.pagination import Edge, encode_cursor, window
from api.tags.service import tag_catalog
from api.vocabulary import service
from api.vocabulary.types import FreeSkillUsage, FreeSkillUsageConnection

MAX_UNMAPPED_PAGE = 100


@strawberry.type
class VocabularyQueries:
    @strawberry.field(
        description="Admins only: free-text skills no tag covers yet, most named first "
        f"(pages of at most {MAX_UNMAPPED_PAGE}), to map onto tags with mapFreeSkill."
    )
    async def unmapped_skills(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> FreeSkillUsageConnection:
        page = window(first, after, maximum=MAX_UNMAPPED_PAGE)
        catalog = await tag_catalog(info.context.runtime)
        try:
            usages = await service.unmapped_skills(
                session=info.context.session, viewer=info.context.viewer, catalog=catalog
            )
        except InputError as error:
            [problem] = error.problems
            raise ClientError(problem.message, code=problem.code.value) from error
        shown = usages[page.offset : page.offset + page.limit]
        edges = [
            Edge(cursor=encode_cursor(page.offset + i), node=FreeSkillUsage.of(usage, catalog))
            for i, usage in enumerate(shown)
        ]
        total = len(usages)

        async def count() -> int:
            return total

        return FreeSkillUsageConnection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=total > page.offset + page.limit,
                has_previous_page=page.offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            _count=count,
        )
