"""GraphQL inputs for ranking: per-request factor weights."""

from __future__ import annotations

import strawberry


@strawberry.input(description="Relative factor weights; omitted ones keep the current weights.")
class MatchWeightsInput:
    skill: float | None = None
    cost: float | None = None
    timezone: float | None = None
    culture: float | None = None
    quality: float | None = None
    security: float | None = None
