"""The skill taxonomy as a service: loaded once per process, searched in memory."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.runtime import Runtime
from api.tags.catalog import TagCatalog
from api.tags.models import Tag, TagAlias, TagRelation
from matching import Taxonomy


class CatalogCache:
    """The process's catalog; it changes only when an operator re-seeds the taxonomy."""

    def __init__(self) -> None:
        self._catalog: TagCatalog | None = None
        self._lock = asyncio.Lock()

    async def get(self, runtime: Runtime) -> TagCatalog:
        if self._catalog is None:
            async with self._lock:
                if self._catalog is None:
                    async with runtime.sessions() as session:
                        self._catalog = await load_catalog(session)
        return self._catalog

    def forget(self) -> None:
        self._catalog = None


async def tag_catalog(runtime: Runtime) -> TagCatalog:
    """The taxonomy, read from the database once per process."""
    return await runtime.resource(CatalogCache).get(runtime)


def forget_tag_catalog(runtime: Runtime) -> None:
    """Read the taxonomy again on next use (after seeding changed it)."""
    runtime.resource(CatalogCache).forget()


def search_tags(
    catalog: TagCatalog, *, search: str | None, category: str | None, limit: int
) -> list[Tag]:
    """Tags whose name, slug or alias contains `search` (an exact alias first), by name."""
    rows = sorted(catalog.by_id.values(), key=lambda tag: tag.name.lower())
    if category:
        rows = [tag for tag in rows if tag.category == category]
    if search and search.strip():
        exact = catalog.resolve(search)
        needle = search.strip().lower()
        matched = [
            tag
            for tag in rows
            if needle in tag.name.lower()
            or needle in tag.slug
            or any(needle in alias for alias in catalog.aliases.get(tag.id or 0, []))
        ]
        rows = ([exact] if exact else []) + [tag for tag in matched if tag is not exact]
    return rows[:limit]


async def load_catalog(session: AsyncSession) -> TagCatalog:
    """Read the taxonomy tables (three statements) into a catalog."""
    tags = list((await session.execute(select(Tag))).scalars())
    aliases = (await session.execute(select(col(TagAlias.alias), col(TagAlias.tag_id)))).all()
    relations = (
        await session.execute(select(col(TagRelation.tag_id), col(TagRelation.related_id)))
    ).all()
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
