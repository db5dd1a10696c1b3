"""`matchVendors`: rank vendors for an ad-hoc scope of work."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.core.errors import InputError, Problems
from api.graphql.context import Info
from api.graphql.cost import cost_hint
from api.graphql.throttle import Action, limit_field
from api.graphql.user_errors import user_errors
from api.matches.inputs import MatchWeightsInput
from api.matches.ranking import INCLUDE_UNAVAILABLE, rank, refused
from api.matches.types import VendorMatchConnection
from api.scopes.conversion import scope_from_values
from api.scopes.inputs import ScopeInput
from api.scopes.rules import check_scope_draft
from api.scopes.skills import named_skills
from api.tags.service import tag_catalog
from api.tags.types import SkillNoteType

# Ranking is the costliest thing a query can ask for (a few ms each, against microseconds
# for a plain field): what query cost analysis charges for each ranking, before its items.
MATCH_COST = cost_hint(base=100)


@strawberry.type
class MatchQueries:
    @strawberry.field(
        description="Rank vendors for a scope of work; invalid scopes come back as userErrors. "
        "A ranking is computed afresh per request, so its cursors are rank positions.",
        metadata=MATCH_COST,
    )
    async def match_vendors(
        self,
        info: Info,
        scope: ScopeInput,
        first: int | None = None,
        after: str | None = None,
        weights: MatchWeightsInput | None = None,
        include_unavailable: Annotated[
            bool, strawberry.argument(description=INCLUDE_UNAVAILABLE)
        ] = False,
    ) -> VendorMatchConnection:
        catalog = await tag_catalog(info.context.runtime)
        problems = Problems(prefix=("scope",))
        draft = scope.to_draft()
        values = check_scope_draft(draft, catalog=catalog, creating=True, problems=problems)
        if problems:
            return refused(user_errors(InputError(problems.items)))
        await limit_field(info, Action.MATCH)
        ranked = await rank(
            info,
            scope_from_values(values),
            first=first,
            after=after,
            weights=weights,
            include_unavailable=include_unavailable,
        )
        ranked.notes = SkillNoteType.list_of(catalog, named_skills(draft), ("scope",))
        return ranked
