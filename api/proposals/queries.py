"""Proposal reads: a request's proposals side by side (for its owner), a vendor's own."""

from __future__ import annotations

import strawberry

from api.core.viewer import Role
from api.graphql.context import Info
from api.graphql.ids import decode
from api.graphql.pagination import keyset_window
from api.proposals import reads
from api.proposals.comparison import ORDER_HELP, ProposalOrder, comparison_page
from api.proposals.types import ProposalConnection, ProposalStatusType, ProposalType
from api.vendors.dataloaders import VendorByOwnerIdLoader


@strawberry.type
class ProposalQueries:
    @strawberry.field(
        description="A request's proposals side by side, with each vendor's match factors; "
        "for the request's owner and admins (null for anyone else). " + ORDER_HELP
    )
    async def proposals_for_request(
        self,
        info: Info,
        project_request_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        order_by: ProposalOrder = ProposalOrder.SUBMITTED_AT,
        status: ProposalStatusType | None = None,
    ) -> ProposalConnection | None:
        page = keyset_window(first, after)
        decoded = decode(project_request_id)
        if decoded is None or decoded[0] != "ProjectRequest":
            return None
        found = await reads.proposals_for_comparison(
            info.context.session,
            info.context.viewer,
            decoded[1],
            status=status.value if status is not None else None,
        )
        if found is None:
            return None
        project, rows = found
        return await comparison_page(info, project, rows, order_by, page)

    @strawberry.field(
        description="The signed-in vendor's own proposals, newest first (empty for others)."
    )
    async def my_proposals(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: ProposalStatusType | None = None,
    ) -> ProposalConnection:
        page = keyset_window(first, after)
        viewer = info.context.viewer
        vendor = (
            await VendorByOwnerIdLoader.of(info.context).load(viewer.account_id)
            if viewer is not None and viewer.role == Role.VENDOR
            else None
        )
        if vendor is None or vendor.id is None:
            return ProposalConnection.from_keyset([], [], page, _none)
        rows, count = await reads.vendor_proposals(
            info.context.session,
            vendor_id=vendor.id,
            status=status.value if status is not None else None,
            after=page.after,
            limit=page.limit + 1,
        )
        return ProposalConnection.from_keyset(
            [ProposalType.from_row(row) for row, _cursor in rows],
            [cursor for _row, cursor in rows],
            page,
            count,
        )


async def _none() -> int:
    return 0
