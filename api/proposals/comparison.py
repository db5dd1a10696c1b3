"""The side-by-side comparison: a request's proposals in the order a business chooses.

Prices in several currencies and match scores computed per request cannot be ordered
in SQL, and a request holds at most MAX_PROPOSALS_PER_REQUEST proposals, so the page is
cut from all of them in memory, with keyset cursors (sort key and id) like every list.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import (
    KeysetWindow,
    Position,
    encode_position,
    invalid_cursor,
)
from api.projects.dataloaders import ProjectByIdLoader
from api.proposals import pricing
from api.proposals.dataloaders import MatchByProposalLoader
from api.proposals.models import Proposal
from api.proposals.types import ProposalConnection, ProposalType

if TYPE_CHECKING:
    from api.projects.models import ProjectRequest


@strawberry.enum(name="ProposalOrder", description="How to line proposals up for comparison.")
class ProposalOrder(enum.Enum):
    PRICE = "PRICE"
    MATCH_SCORE = "MATCH_SCORE"
    SUBMITTED_AT = "SUBMITTED_AT"


ORDER_HELP = (
    "PRICE: cheapest total first (in the request's currency); MATCH_SCORE: best match "
    "first; SUBMITTED_AT: earliest first. Ties go to the earlier proposal."
)


async def sort_keys(
    info: Info, project: ProjectRequest, rows: Sequence[Proposal], order: ProposalOrder
) -> list[float]:
    """Each row's key, ascending in the order asked for."""
    if order == ProposalOrder.PRICE:
        return [
            float(pricing.converted(pricing.total_estimate(r), r.currency, project.currency))
            for r in rows
        ]
    if order == ProposalOrder.MATCH_SCORE:
        loader = MatchByProposalLoader.of(info.context)
        scores = await loader.load_many([(r.project_id, r.vendor_id) for r in rows])
        # Best first; a vendor that cannot be scored goes last.
        return [-(score.score if score else -1.0) for score in scores]
    return [r.created_at.timestamp() for r in rows]


async def comparison_page(
    info: Info,
    project: ProjectRequest,
    rows: Sequence[Proposal],
    order: ProposalOrder,
    page: KeysetWindow,
) -> ProposalConnection:
    name = f"proposalsForRequest:{order.value}"
    if project.id is not None:  # the fields below read the request through this loader
        ProjectByIdLoader.of(info.context).prime(project.id, project)
    keyed = sorted(
        zip(await sort_keys(info, project, rows, order), rows, strict=True),
        key=lambda pair: (pair[0], pair[1].id or 0),
    )
    if page.after is not None:
        key, last_id = _after(page.after.require_order(name))
        keyed = [(k, r) for k, r in keyed if (k, r.id or 0) > (key, last_id)]
    shown = keyed[: page.limit + 1]
    total = len(rows)

    async def count() -> int:
        return total

    return ProposalConnection.from_keyset(
        [ProposalType.from_row(row) for _key, row in shown],
        [encode_position(key, row.id or 0, name) for key, row in shown],
        page,
        count,
    )


def _after(position: Position) -> tuple[float, int]:
    key = position.key
    if not isinstance(key, int | float):
        raise invalid_cursor(encode_position(key, position.id, position.order))
    return float(key), position.id
