"""The library's own time for the benchmark's match: MatchIndex.match over the same
vendors and the same scope, the index built in this process from the database through
the API's code (the worker's IndexCache, the tag catalog, the scope rules)."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

from api.core.clock import today
from api.core.errors import Problems
from api.core.runtime import Runtime
from api.matches.index_cache import IndexCache
from api.matches.service import current_weights
from api.scopes.conversion import scope_from_values
from api.scopes.fields import BudgetEntry, ScopeDraft, SkillEntry
from api.scopes.rules import check_scope_draft
from api.tags.service import tag_catalog
from api.values.hours import HoursEntry

TIMES = 200


def scope_draft(scope: dict[str, Any]) -> ScopeDraft:
    """The GraphQL scope variables the benchmark sends, as the API's draft of them."""
    budget, hours = scope["budget"], scope["workingHours"]
    return ScopeDraft(
        title=scope["title"],
        description=scope["description"],
        skills=[
            SkillEntry(s["tag"], s.get("mustHave", False), s.get("weight", 1.0))
            for s in scope["skills"]
        ],
        budget=BudgetEntry(
            Decimal(budget["min"]), Decimal(budget["max"]), budget["currency"], budget["pricing"]
        ),
        estimated_hours=scope.get("estimatedHours"),
        timezone=scope["timezone"],
        working_hours=HoursEntry(hours["start"], hours["end"]),
        min_overlap_hours=scope.get("minOverlapHours"),
        languages=scope.get("languages", []),
    )


async def library_match_ms(runtime: Runtime, scope: dict[str, Any], first: int) -> list[float]:
    """Milliseconds of each of TIMES matches, as matchVendors(first:) asks the index."""
    catalog = await tag_catalog(runtime)
    problems = Problems(prefix=("scope",))
    values = check_scope_draft(
        scope_draft(scope), catalog=catalog, creating=True, problems=problems
    )
    if problems:
        raise ValueError(f"the benchmark's scope is refused: {problems.items}")
    library_scope = scope_from_values(values)
    async with runtime.sessions() as session:
        index = await runtime.resource(IndexCache).index(session, catalog)
        weights = await current_weights(session)
    day = today()
    times = []
    for _ in range(TIMES):
        started = time.perf_counter()
        index.match(library_scope, k=first + 1, weights=weights, today=day)
        times.append((time.perf_counter() - started) * 1000)
    return times
