"""GraphQL types for the skill taxonomy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.ids import parse_pk
from api.tags.catalog import TagCatalog
from api.tags.models import Tag as TagRow
from api.tags.service import tag_catalog


@strawberry.type(name="Tag", description="A canonical skill; aliases are what people also type.")
class TagType(relay.Node):
    id: relay.NodeID[int]
    slug: str
    name: str
    category: str

    @classmethod
    def from_row(cls, row: TagRow) -> Self:
        assert row.id is not None
        return cls(id=row.id, slug=row.slug, name=row.name, category=row.category)

    @strawberry.field(description="Other spellings that resolve to this tag.")
    async def aliases(self, info: Info) -> list[str]:
        catalog = await tag_catalog(info.context.runtime)
        return catalog.aliases.get(self.id, [])

    @strawberry.field(description="Neighbouring skills; matching gives them partial credit.")
    async def related(self, info: Info) -> list[TagType]:
        catalog = await tag_catalog(info.context.runtime)
        return [
            TagType.from_row(catalog.by_slug[slug])
            for slug in catalog.taxonomy.related(self.slug)
            if slug in catalog.by_slug
        ]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        catalog: TagCatalog = await tag_catalog(info.context.runtime)
        rows = [catalog.by_id.get(parse_pk(node_id) or -1) for node_id in node_ids]
        return [cls.from_row(row) if row else None for row in rows]
