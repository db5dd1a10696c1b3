"""Proposal writes, one module per mutation (acceptProposal lives in engagements)."""

from __future__ import annotations

import strawberry

from api.proposals.mutations.decline_proposal import DeclineProposal
from api.proposals.mutations.revise_proposal import ReviseProposal
from api.proposals.mutations.submit_proposal import SubmitProposal
from api.proposals.mutations.withdraw_proposal import WithdrawProposal


@strawberry.type
class ProposalMutations(SubmitProposal, ReviseProposal, WithdrawProposal, DeclineProposal):
    pass
