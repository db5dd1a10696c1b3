"""A worker's match index follows the taxonomy it is handed: a catalog with other tags (a
re-seed) rebuilds it, a reloaded catalog with the same tags (an admin's new alias) does not."""

from __future__ import annotations

from dataclasses import replace

from api.matches.index_cache import IndexCache
from api.tags.catalog import TagCatalog
from api.tags.service import load_catalog
from matching import MatchIndex, Taxonomy
from tests.graphql_client import GraphQLClient


def with_taxonomy(catalog: TagCatalog, extra: list[dict[str, str]]) -> TagCatalog:
    """The catalog with its taxonomy rebuilt from the same tags plus `extra` ones."""
    records = [
        {
            "slug": slug,
            "name": catalog.taxonomy.name(slug),
            "category": catalog.taxonomy.category(slug),
            "related": list(catalog.taxonomy.related(slug)),
        }
        for slug in catalog.taxonomy
    ]
    return replace(catalog, taxonomy=Taxonomy.from_records([*records, *extra]))


def test_the_index_is_rebuilt_only_when_the_tags_change(client: GraphQLClient) -> None:
    client.create_vendor(client.register("VENDOR"))
    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]
    cache = IndexCache()

    async def indexes() -> list[MatchIndex]:
        async with runtime.sessions() as session:
            catalog = await load_catalog(session)
            same_tags = with_taxonomy(catalog, [])
            more_tags = with_taxonomy(catalog, [{"slug": "zyxquan-ops", "name": "Zyxquan Ops"}])
            return [
                await cache.index(session, catalog),
                await cache.index(session, same_tags),
                await cache.index(session, same_tags),
                await cache.index(session, more_tags),
            ]

    first, alias_only, again, reseeded = client.http.portal.call(indexes)  # type: ignore[union-attr]

    assert alias_only is first and again is first
    assert reseeded is not first
    assert "zyxquan-ops" in reseeded.taxonomy and len(reseeded) == len(first) == 1
