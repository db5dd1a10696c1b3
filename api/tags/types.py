"""GraphQL types for the skill taxonomy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Self

import strawberry
from strawberry import relay

from api.core.errors import FieldPath
from api.graphql.context import Info
from api.graphql.cost import cost_hint
from api.graphql.node import KeyedNode
from api.tags.catalog import NamedSkill, TagCatalog
from api.tags.models import Tag as TagRow
from api.tags.notes import SUGGESTIONS_PER_NOTE, SkillNote, skill_notes
from api.tags.service import tag_catalog

# A bound on each tag's list (most have 2 or 3; a few up to 23), so that nesting `related`
# grows a response by a known factor per level, which query cost analysis charges for.
MAX_RELATED = 10


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

    @strawberry.field(
        description=f"Neighbouring skills (at most {MAX_RELATED}); matching gives them "
        "partial credit.",
        metadata=cost_hint(list_size=MAX_RELATED),
    )
    async def related(self, info: Info) -> list[TagType]:
        catalog = await tag_catalog(info.context.runtime)
        slugs = [s for s in catalog.taxonomy.related(self.slug) if s in catalog.by_slug]
        return [TagType.from_row(catalog.by_slug[slug]) for slug in slugs[:MAX_RELATED]]

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        catalog: TagCatalog = await tag_catalog(info.context.runtime)
        rows = [catalog.by_id.get(pk) for pk in pks]
        return [cls.from_row(row) if row else None for row in rows]


@strawberry.type(
    name="SkillNote",
    description="A skill name the taxonomy does not know: kept as free text (never refused) "
    "and matched by its wording; `suggestions` are known tags that may be what was meant.",
)
class SkillNoteType:
    field: list[str] = strawberry.field(description="The path to the input field that named it.")
    text: str = strawberry.field(description="The skill as kept (normalised).")
    message: str
    suggestions: list[TagType] = strawberry.field(
        metadata=cost_hint(list_size=SUGGESTIONS_PER_NOTE)
    )

    @classmethod
    def from_note(cls, note: SkillNote) -> SkillNoteType:
        return cls(
            field=list(note.field),
            text=note.text,
            message=note.message,
            suggestions=[TagType.from_row(tag) for tag in note.suggestions],
        )

    @classmethod
    def list_of(
        cls, catalog: TagCatalog, named: Iterable[tuple[FieldPath, str]], prefix: Sequence[str]
    ) -> list[SkillNoteType]:
        """Notes on the free-text skills among `named` (paths below `prefix`)."""
        return [cls.from_note(note) for note in skill_notes(catalog, named, prefix)]


@strawberry.type(description="A skill as named: its tag when the taxonomy knows it, else null.")
class SkillName:
    name: str
    tag: TagType | None

    @classmethod
    def of(cls, skill: NamedSkill) -> SkillName:
        return cls(name=skill.name, tag=TagType.from_row(skill.tag) if skill.tag else None)
