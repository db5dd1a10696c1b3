"""Load the taxonomy files (seeds/taxonomy/*.json) into the tag tables; running it again
changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.tags.models import Tag, TagAlias, TagRelation


def read_taxonomy(folder: Path) -> list[dict[str, Any]]:
    """Every tag of every ``*.json`` file in ``folder``, files in name order.

    One file per line of outsourcing work keeps each reviewable; a slug must be unique
    across all of them, and related tags may sit in another file.
    """
    records: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        records.extend(json.loads(path.read_text(encoding="utf-8"))["tags"])
    slugs = [record["slug"] for record in records]
    if len(slugs) != len(set(slugs)):
        duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        raise ValueError(f"taxonomy slugs defined twice: {', '.join(duplicates[:10])}")
    return records


async def load_taxonomy(session: AsyncSession, records: list[dict[str, Any]]) -> int:
    """Upsert tags by slug and replace aliases and relations; returns how many tags are new."""
    existing = {tag.slug: tag for tag in (await session.execute(select(Tag))).scalars()}
    created = 0
    for record in records:
        tag = existing.get(record["slug"])
        if tag is None:
            tag = Tag(slug=record["slug"], name=record["name"], category=record["category"])
            session.add(tag)
            existing[tag.slug] = tag
            created += 1
        elif (tag.name, tag.category) != (record["name"], record["category"]):
            tag.name, tag.category = record["name"], record["category"]
    await session.flush()
    ids = {slug: tag.id for slug, tag in existing.items()}
    aliases = {
        alias.strip().lower(): ids[record["slug"]]
        for record in records
        for alias in record.get("aliases", [])
    }
    relations = {
        (ids[record["slug"]], ids[other])
        for record in records
        for other in record.get("related", [])
        if other in ids
    }
    alias_rows = await session.execute(select(col(TagAlias.alias), col(TagAlias.tag_id)))
    stored_aliases = {alias: tag_id for alias, tag_id in alias_rows}
    relation_rows = await session.execute(
        select(col(TagRelation.tag_id), col(TagRelation.related_id))
    )
    stored_relations = {(tag_id, related_id) for tag_id, related_id in relation_rows}
    if stored_aliases != aliases:
        await session.execute(delete(TagAlias))
        await session.execute(
            insert(TagAlias), [{"alias": a, "tag_id": t} for a, t in sorted(aliases.items())]
        )
    if stored_relations != relations:
        await session.execute(delete(TagRelation))
        await session.execute(
            insert(TagRelation), [{"tag_id": a, "related_id": b} for a, b in sorted(relations)]
        )
    return created
