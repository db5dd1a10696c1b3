"""GraphQL types for the skill taxonomy."""

from __future__ import annotations

from typing import Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.tags.catalog import TagCatalog
from api.tags.models import Tag as TagRow
from api.tags.service import tag_catalog


@strawberry.type(name="Tag", description="A canonical skill; aliases are what people also type.")
class TagType(KeyedNode):
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
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        catalog: TagCatalog = await tag_catalog(info.context.runtime)
        rows = [catalog.by_id.get(pk) for pk in pks]
        return [cls.from_row(row) if row else None for row in rows]
