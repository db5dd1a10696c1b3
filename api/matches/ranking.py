"""Rank vendors for a scope through this worker's index, and shape the result for GraphQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from strawberry import relay

from api.core import metrics
from api.core.clock import today
from api.core.errors import InputError, Problems
from api.graphql.context import Info
from api.graphql.pagination import Edge, Window, encode_cursor, window
from api.graphql.user_errors import UserError, user_errors
from api.matches.factors import by_factor
from api.matches.freshness import views_with_numbers
from api.matches.inputs import MatchWeightsInput
from api.matches.rules import resolve_weights
from api.matches.scoring import bring_up_to_date, confirm, fitted_weights, held, worker_index
from api.matches.types import (
    AppliedWeights,
    ConstraintExclusion,
    MatchRelaxation,
    VendorMatch,
    VendorMatchConnection,
)
from api.tags.service import tag_catalog
from api.vendors.dataloaders import VendorByIdLoader
from api.vendors.types import VendorType
from api.vendors.views import VendorView
from matching import Match, MatchIndex, MatchResult, MatchWeights, Scope

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


@dataclass(frozen=True)
class Ranked:
    """What the index returned (with the weights it ranked with), and where they came from."""

    result: MatchResult
    source: str


def rank_on(
    index: MatchIndex,
    fitted: MatchWeights,
    scope: Scope,
    page: Window,
    requested: MatchWeightsInput | None,
) -> Ranked | list[UserError]:
    """The ranking of `scope` on `index`, or why the requested weights are refused."""
    problems = Problems(prefix=("weights",))
    chosen, source = resolve_weights(fitted, requested, problems)
    if problems:
        return user_errors(InputError(problems.items))
    with metrics.match_duration.time():
        result = index.match(scope, k=page.offset + page.limit + 1, weights=chosen, today=today())
    metrics.match_index_vendors.set(len(index))
    return Ranked(result, source)


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
    context = info.context
    standing = held(context, await tag_catalog(context.runtime))
    if standing is not None:
        # Rank on the index as it stands, then read the shown vendors' profiles with the
        # numbers that say whether it was current: one round trip when it was.
        ranked = rank_on(standing.index, standing.weights, scope, page, weights)
        if isinstance(ranked, Ranked):
            shown = shown_ids(ranked, page)
            views, numbers = await views_with_numbers(context.session, shown)
            if standing.current_for(numbers):
                confirm(context, standing)
                VendorByIdLoader.of(context).prime_many(views)
                return connection(ranked, page, [views.get(vendor_id) for vendor_id in shown])
            await bring_up_to_date(context, numbers)
        # Otherwise rank again once up to date (refused weights too: the fitted ones they
        # are merged with may have changed).
    ranked = rank_on(
        await worker_index(context), await fitted_weights(context), scope, page, weights
    )
    if not isinstance(ranked, Ranked):
        return refused(ranked)
    shown = shown_ids(ranked, page)
    return connection(ranked, page, await VendorByIdLoader.of(context).load_many(shown))


def shown_ids(ranked: Ranked, page: Window) -> list[int]:
    return [m.vendor_id for m in _shown(ranked, page)]


def _shown(ranked: Ranked, page: Window) -> list[Match]:
    """The matches on the page (the index was asked for one more, to tell hasNextPage)."""
    return ranked.result.matches[page.offset : page.offset + page.limit]


def connection(
    ranked: Ranked, page: Window, views: Sequence[VendorView | None]
) -> VendorMatchConnection:
    """The page of `ranked` whose profiles are `views` (in rank order; None: gone since)."""
    result = ranked.result
    shown = _shown(ranked, page)
    edges = [
        Edge(
            cursor=encode_cursor(page.offset + i),
            node=VendorMatch.from_match(m, VendorType.from_row(row)),
        )
        for i, (m, row) in enumerate(zip(shown, views, strict=True))
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
        weights=AppliedWeights(**by_factor(ranked.result.weights), source=ranked.source),
        user_errors=[],
    )
