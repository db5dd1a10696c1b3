"""GraphQL inputs for ranking: per-request factor weights."""

from __future__ import annotations

import strawberry

from api.matches.factors import per_factor


@strawberry.input(description="Relative factor weights; omitted ones keep the current weights.")
@per_factor(float | None, default=None)
class MatchWeightsInput:
    pass
