"""What a proposal costs, in its own currency and in the request's: the comparison's
numbers (the FX table is the one the matcher ranks with)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from api.proposals.models import Proposal
from api.reference.fx import fx_table
from api.values.money import cents
from matching import Pricing

if TYPE_CHECKING:
    from api.projects.models import ProjectRequest


def total_estimate(proposal: Proposal) -> Decimal:
    """FIXED: the amount; HOURLY: rate x estimated hours."""
    if proposal.pricing == Pricing.HOURLY:
        hours = Decimal(repr(proposal.estimated_hours or 0))
        return cents(Decimal(proposal.amount) * hours)
    return cents(Decimal(proposal.amount))


def converted(amount: Decimal, source: str, target: str) -> Decimal:
    return amount if source == target else fx_table().convert(amount, source, target)


def within_budget(proposal: Proposal, project: ProjectRequest) -> bool | None:
    """Whether the price fits the request's budget ceiling, in the request's terms: a FIXED
    budget is a total; an HOURLY budget is a rate (a FIXED price is spread over the
    request's estimated hours). None when the two cannot be compared."""
    ceiling = Decimal(project.budget_max)
    if project.pricing == Pricing.HOURLY:
        if proposal.pricing == Pricing.HOURLY:
            rate = converted(Decimal(proposal.amount), proposal.currency, project.currency)
            return rate <= ceiling
        if not project.estimated_hours:
            return None
        ceiling = ceiling * Decimal(repr(project.estimated_hours))
    total = converted(total_estimate(proposal), proposal.currency, project.currency)
    return total <= ceiling


def meets_deadline(proposal: Proposal, deadline: date | None) -> bool | None:
    return None if deadline is None else proposal.end_date <= deadline
