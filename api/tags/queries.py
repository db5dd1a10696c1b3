"""Tag queries: search the skill taxonomy."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.tags.service import search_tags, tag_catalog
from api.tags.types import TagType

MAX_TAG_RESULTS = 100


@strawberry.type
class TagQueries:
    @strawberry.field(
        description="Skills matching `search` by slug, name or alias (aliases resolve), "
        "optionally within a category."
    )
    async def tags(
        self,
        info: Info,
        search: str | None = None,
        category: str | None = None,
        first: int = 50,
    ) -> list[TagType]:
        catalog = await tag_catalog(info.context.runtime)
        limit = max(0, min(first, MAX_TAG_RESULTS))
        rows = search_tags(catalog, search=search, category=category, limit=limit)
        return [TagType.from_row(tag) for tag in rows]
