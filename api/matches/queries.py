"""`matchVendors`: rank vendors for an ad-hoc scope of work."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.errors import InputError, Problems
from api.graphql.user_errors import user_errors
from api.matches.ranking import rank, refused
from api.matches.records import scope_from_values
from api.matches.types import MatchWeightsInput, VendorMatchConnection
from api.projects.inputs import ScopeInput
from api.projects.validation import check_scope_draft


@strawberry.type
class MatchQueries:
    @strawberry.field(
        description="Rank vendors for a scope of work; invalid scopes come back as userErrors."
    )
    async def match_vendors(
        self,
        info: Info,
        scope: ScopeInput,
        first: int | None = None,
        after: str | None = None,
        weights: MatchWeightsInput | None = None,
    ) -> VendorMatchConnection:
        catalog = await info.context.catalog()
        problems = Problems(prefix=("scope",))
        values = check_scope_draft(
            scope.to_draft(), catalog=catalog, creating=True, problems=problems
        )
        if problems:
            return refused(user_errors(InputError(problems.items)))
        return await rank(
            info, scope_from_values(values, catalog), first=first, after=after, weights=weights
        )
