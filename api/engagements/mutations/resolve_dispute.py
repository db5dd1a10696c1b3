"""`resolveDispute`: an admin closes a dispute, and may act on its milestone or engagement."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.engagements import disputes
from api.engagements.fields import DisputeOutcome
from api.engagements.inputs import ResolveDisputeInput
from api.engagements.types import DisputeType
from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.throttle import Action, limit_mutation
from api.graphql.user_errors import MutationPayload, run_mutation

if TYPE_CHECKING:
    from api.engagements.models import Dispute, Engagement


@strawberry.type
class ResolveDisputePayload(MutationPayload):
    dispute: DisputeType | None = None


@strawberry.type
class ResolveDispute:
    @strawberry.mutation(description="As an admin, resolve an OPEN dispute.")
    async def resolve_dispute(
        self, info: Info, input: ResolveDisputeInput
    ) -> ResolveDisputePayload:
        async def call() -> tuple[Dispute, Engagement]:
            await limit_mutation(info, Action.WORKFLOW)
            return await disputes.resolve_dispute(
                info.context.session,
                info.context.viewer,
                dispute_id=node_pk(input.dispute_id, "Dispute", ["input", "disputeId"]),
                resolution=input.resolution,
                outcome=input.outcome or DisputeOutcome.NO_CHANGE,
            )

        return await run_mutation(
            info,
            ResolveDisputePayload,
            call,
            lambda result: ResolveDisputePayload(
                dispute=DisputeType.from_row(result[0], result[1])
            ),
        )
