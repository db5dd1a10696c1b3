"""The taxonomy as loaded from the database: tag rows plus alias resolution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ErrorCode, Problems
from api.tags.models import Tag, TagAlias, TagRelation
from matching import Taxonomy


@dataclass(frozen=True)
class TagCatalog:
    """Tags by id and slug, and the matching library's taxonomy for resolving what users type."""

    taxonomy: Taxonomy
    by_id: dict[int, Tag]
    by_slug: dict[str, Tag]
    aliases: dict[int, list[str]]

    def resolve(self, text: str) -> Tag | None:
        slug = self.taxonomy.resolve(text)
        return self.by_slug.get(slug) if slug else None

    def resolve_or_report(
        self, problems: Problems, path: Sequence[str | int], text: str
    ) -> Tag | None:
        """The tag `text` names, or a problem that suggests the closest known tags."""
        tag = self.resolve(text)
        if tag is None:
            suggestions = [self.by_slug[slug].name for slug in self.taxonomy.suggest(text, n=3)]
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "."
            problems.add(path, f"Unknown tag '{text}'{hint}", ErrorCode.UNKNOWN_TAG)
        return tag

    def resolve_all(self, problems: Problems, name: str, texts: Sequence[str]) -> list[int]:
        """Ids of the tags `texts` name (aliases resolve); each unknown one is reported."""
        tags = [self.resolve_or_report(problems, [name, i], t) for i, t in enumerate(texts)]
        return [tag.id for tag in tags if tag is not None and tag.id is not None]


async def load_catalog(session: AsyncSession) -> TagCatalog:
    """Read the taxonomy tables (three statements) into a catalog."""
    tags = list((await session.execute(select(Tag))).scalars())
    aliases = (await session.execute(select(TagAlias.alias, TagAlias.tag_id))).all()
    relations = (await session.execute(select(TagRelation.tag_id, TagRelation.related_id))).all()
    by_id = {tag.id: tag for tag in tags if tag.id is not None}
    alias_lists: dict[int, list[str]] = {}
    for alias, tag_id in aliases:
        alias_lists.setdefault(tag_id, []).append(alias)
    related: dict[int, list[str]] = {}
    for tag_id, related_id in relations:
        related.setdefault(tag_id, []).append(by_id[related_id].slug)
    taxonomy = Taxonomy.from_records(
        {
            "slug": tag.slug,
            "name": tag.name,
            "category": tag.category,
            "aliases": alias_lists.get(tag_id, []),
            "related": related.get(tag_id, []),
        }
        for tag_id, tag in by_id.items()
    )
    return TagCatalog(
        taxonomy=taxonomy,
        by_id=by_id,
        by_slug={tag.slug: tag for tag in tags},
        aliases={tag_id: sorted(names) for tag_id, names in alias_lists.items()},
    )
