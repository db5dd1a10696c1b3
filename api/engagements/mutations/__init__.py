"""Engagement writes, one module per mutation."""

from __future__ import annotations

import strawberry

from api.engagements.mutations.accept_proposal import AcceptProposal
from api.engagements.mutations.approve_milestone import ApproveMilestone
from api.engagements.mutations.end_engagement import EndEngagement
from api.engagements.mutations.open_dispute import OpenDispute
from api.engagements.mutations.propose_change import ProposeChange
from api.engagements.mutations.record_check_in import RecordCheckIn
from api.engagements.mutations.reply_to_review import ReplyToReview
from api.engagements.mutations.request_milestone_changes import RequestMilestoneChanges
from api.engagements.mutations.resolve_dispute import ResolveDispute
from api.engagements.mutations.respond_to_award import RespondToAward
from api.engagements.mutations.respond_to_change import RespondToChange
from api.engagements.mutations.start_milestone import StartMilestone
from api.engagements.mutations.submit_milestone import SubmitMilestone
from api.engagements.mutations.submit_review import SubmitReview


@strawberry.type
class EngagementMutations(
    AcceptProposal,
    RespondToAward,
    StartMilestone,
    SubmitMilestone,
    ApproveMilestone,
    RequestMilestoneChanges,
    ProposeChange,
    RespondToChange,
    OpenDispute,
    ResolveDispute,
    EndEngagement,
    RecordCheckIn,
    SubmitReview,
    ReplyToReview,
):
    pass
