"""Reviews for the generated vendors, so ratings are not all empty: the demo's hiring
history of its first few businesses (requests, shortlists, hires, engagements and
reviews), its vendors mapped onto generated ones, loaded by the seed loader's own path."""

from __future__ import annotations

import sys
from typing import Any

from sqlalchemy import text

import api.tables  # noqa: F401  (every domain's models, so foreign keys between them resolve)
from api.core.runtime import Runtime
from api.core.seeds import seeds_dir
from api.core.settings import Settings
from api.seeding.demo import load_history, read_json
from api.tags.service import tag_catalog


def quiet(_what: str, _done: int, _total: int) -> None:
    return None


def history_slice(businesses: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The first `businesses` of the demo's businesses, and their projects."""
    history = read_json(seeds_dir() / "demo_history.json")
    chosen = history["businesses"][:businesses]
    emails = {business["email"] for business in chosen}
    return chosen, [p for p in history["projects"] if p["business_email"] in emails]


def mapped(project: dict[str, Any], slugs: dict[str, str]) -> dict[str, Any]:
    hired = project.get("hired")
    return {
        **project,
        "shortlisted": [slugs[slug] for slug in project["shortlisted"]],
        "hired": slugs[hired] if hired else hired,
    }


async def add_history(settings: Settings, businesses: int) -> int:
    """Load the slice onto the oldest generated vendors; the number of reviews it holds
    (none when there are fewer vendors than the slice names)."""
    chosen, projects = history_slice(businesses)
    named = list(
        dict.fromkeys(
            slug for p in projects for slug in [*p["shortlisted"], p.get("hired")] if slug
        )
    )
    runtime = Runtime.from_settings(settings)
    try:
        async with runtime.sessions() as session:
            # Plain SQL: the benchmark only needs the slugs, not the vendors domain.
            rows = await session.execute(
                text("SELECT slug FROM vendor ORDER BY id LIMIT :n"), {"n": len(named)}
            )
            ours = [slug for (slug,) in rows]
        if len(ours) < len(named):
            print(f"too few vendors for {len(named)} in the history: no reviews", file=sys.stderr)
            return 0
        slugs = dict(zip(named, ours, strict=True))
        catalog = await tag_catalog(runtime)
        await load_history(
            runtime.sessions,
            catalog,
            {"businesses": chosen, "projects": [mapped(p, slugs) for p in projects]},
            quiet,
        )
    finally:
        await runtime.close()
    return sum(1 for p in projects if p.get("review"))
