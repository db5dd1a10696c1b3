"""Rank vendors for a scope through this worker's index, and shape the result for GraphQL."""

from __future__ import annotations

from dataclasses import replace

from strawberry import relay

from api.core import metrics
from api.core.clock import today
from api.core.errors import InputError, Problems
from api.graphql.context import Info
from api.graphql.pagination import Edge, encode_cursor, window
from api.graphql.user_errors import UserError, user_errors
from api.matches.factors import by_factor
from api.matches.inputs import MatchWeightsInput
from api.matches.rules import resolve_weights
from api.matches.scoring import fitted_weights, worker_index
from api.matches.types import (
    AppliedWeights,
    ConstraintExclusion,
    MatchRelaxation,
    VendorMatch,
    VendorMatchConnection,
)
from api.vendors.dataloaders import VendorByIdLoader
from api.vendors.types import VendorType
from matching import Scope

# Each match carries reasons and risks; pages of them stay small.
MAX_MATCHES = 50
INCLUDE_UNAVAILABLE = (
    "Rank vendors marked UNAVAILABLE too (left out by default, and counted in excluded)."
)


def refused(errors: list[UserError]) -> VendorMatchConnection:
    return VendorMatchConnection(
        edges=[],
        page_info=relay.PageInfo(
            has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
        ),
        _count=_zero,
        considered=0,
        excluded=[],
        relaxations=[],
        weights=None,
        user_errors=errors,
    )


async def _zero() -> int:
    return 0


async def rank(
    info: Info,
    scope: Scope,
    *,
    first: int | None,
    after: str | None,
    weights: MatchWeightsInput | None,
    include_unavailable: bool = False,
) -> VendorMatchConnection:
    page = window(first, after, maximum=MAX_MATCHES)
    scope = replace(scope, include_unavailable=include_unavailable)
    problems = Problems(prefix=("weights",))
    chosen, source = resolve_weights(await fitted_weights(info.context), weights, problems)
    if problems:
        return refused(user_errors(InputError(problems.items)))
    index = await worker_index(info.context)
    with metrics.match_duration.time():
        result = index.match(scope, k=page.offset + page.limit + 1, weights=chosen, today=today())
    metrics.match_index_vendors.set(len(index))
    shown = result.matches[page.offset : page.offset + page.limit]
    rows = await VendorByIdLoader.of(info.context).load_many([m.vendor_id for m in shown])
    edges = [
        Edge(
            cursor=encode_cursor(page.offset + i),
            node=VendorMatch.from_match(m, VendorType.from_row(row)),
        )
        for i, (m, row) in enumerate(zip(shown, rows, strict=True))
        if row is not None
    ]
    considered = result.considered

    async def total() -> int:
        return considered

    return VendorMatchConnection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=len(result.matches) > page.offset + page.limit,
            has_previous_page=page.offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=total,
        considered=considered,
        excluded=[
            ConstraintExclusion(constraint=name, count=count)
            for name, count in sorted(result.excluded.items())
        ],
        # The index is asked for one more than the page (to tell hasNextPage); relaxing
        # is only news when fewer passed than the page asked for.
        relaxations=[MatchRelaxation.from_relaxation(r) for r in result.relaxations]
        if considered < page.offset + page.limit
        else [],
        weights=AppliedWeights(**by_factor(chosen), source=source),
        user_errors=[],
    )
