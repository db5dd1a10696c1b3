"""The skill taxonomy as a service: cached per process (and reloaded when its stamp moves),
searched in memory; admins' mappings of free-text skills onto tags."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel import col

from api.core.clock import utcnow
from api.core.runtime import Runtime
from api.tags.catalog import TagCatalog
from api.tags.models import SkillMapping, Tag, TagAlias, TagRelation, TaxonomyStamp
from matching import Taxonomy

# How stale another worker's taxonomy change may be here (an admin's mapping, a re-seed).
RECHECK_SECONDS = 1.0
# Before any change the stamp has no row; it compares equal to itself all the same.
NO_STAMP = (0, datetime.min)


class CatalogCache:
    """The process's catalog. It changes when an operator re-seeds the taxonomy or an admin
    maps a free-text skill onto a tag (through any worker): each change moves the
    taxonomy stamp, which this cache looks at no more than once every `recheck_seconds`."""

    def __init__(self, recheck_seconds: float = RECHECK_SECONDS) -> None:
        self._catalog: TagCatalog | None = None
        self._stamp: tuple[int, datetime] | None = None
        self._checked = 0.0
        self._recheck = recheck_seconds
        self._lock = asyncio.Lock()

    async def get(self, runtime: Runtime) -> TagCatalog:
        if self._catalog is None or self._due():
            async with self._lock:
                if self._catalog is None or self._due():
                    # A read session: on PostgreSQL no BEGIN/ROLLBACK for a check that
                    # runs inside queries about once a second. A change landing between the
                    # stamp and the tables is caught by the next check (the stamp moved).
                    async with runtime.read_sessions() as session:
                        stamp = await taxonomy_stamp(session)
                        if self._catalog is None or stamp != self._stamp:
                            self._catalog = await load_catalog(session)
                        self._stamp = stamp
                    self._checked = time.monotonic()
        assert self._catalog is not None
        return self._catalog

    def _due(self) -> bool:
        return time.monotonic() - self._checked >= self._recheck

    def forget(self) -> None:
        self._catalog = None


async def tag_catalog(runtime: Runtime) -> TagCatalog:
    """The taxonomy, cached per process and read again when its stamp moves."""
    return await runtime.resource(CatalogCache).get(runtime)


def forget_tag_catalog(runtime: Runtime) -> None:
    """Read the taxonomy again on next use (after this process changed it)."""
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
    """Read the taxonomy tables (four statements) into a catalog; admins' mappings of
    free-text skills are aliases like the seeded ones."""
    tags = list((await session.execute(select(Tag))).scalars())
    aliases = [
        *(await session.execute(select(col(TagAlias.alias), col(TagAlias.tag_id)))).all(),
        *(await session.execute(select(col(SkillMapping.text), col(SkillMapping.tag_id)))).all(),
    ]
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


async def taxonomy_stamp(session: AsyncSession) -> tuple[int, datetime]:
    """The taxonomy's current stamp (one primary-key read)."""
    row = (
        await session.execute(
            select(col(TaxonomyStamp.version), col(TaxonomyStamp.changed_at)).where(
                col(TaxonomyStamp.id) == 1
            )
        )
    ).first()
    return (row[0], row[1]) if row is not None else NO_STAMP


async def touch_taxonomy(session: AsyncSession) -> None:
    """Move the stamp, so every worker reloads its catalog within `RECHECK_SECONDS`."""
    moved = await session.execute(
        update(TaxonomyStamp)
        .where(col(TaxonomyStamp.id) == 1)
        .values(version=col(TaxonomyStamp.version) + 1, changed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], moved).rowcount == 0:
        await session.execute(insert(TaxonomyStamp).values(id=1, version=1, changed_at=utcnow()))


async def add_skill_mapping(session: AsyncSession, *, key: str, text: str, tag_id: int) -> None:
    """Make free text `text` an alias of a tag, and move the stamp (the caller checked that
    the text names no other tag)."""
    await session.execute(
        delete(SkillMapping)
        .where(col(SkillMapping.key) == key)
        .execution_options(synchronize_session=False)
    )
    await session.execute(insert(SkillMapping).values(key=key, text=text, tag_id=tag_id))
    await touch_taxonomy(session)


async def free_text_usage(
    session: AsyncSession, key: Mapped[str], name: Mapped[str]
) -> dict[str, tuple[str, int]]:
    """For each free-text skill key in a table of them (its `key` and `name` columns): one
    name as typed, and how many rows name it; grouped in the database."""
    statement = select(key, func.min(name), func.count()).group_by(key)
    return {k: (typed, count) for k, typed, count in await session.execute(statement)}
