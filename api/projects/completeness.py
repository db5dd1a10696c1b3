"""Is a scope complete enough to publish? A clear scope says what is delivered, how it is
accepted, by when, for how much, and how both sides keep in touch."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.errors import ErrorCode, InputError, Problem
from api.projects.models import Deliverable, Milestone, ProjectRequest
from api.projects.terms import TermsValues
from api.scopes.rules import ScopeValues


@dataclass(frozen=True)
class ScopeFacts:
    """What completeness looks at, whether from a stored request, an edit or a draft."""

    deliverables: int
    acceptance_criteria: int
    has_deadline: bool
    milestones: int
    has_budget: bool
    has_communication_plan: bool


@dataclass(frozen=True)
class Gap:
    """One missing item: the input field that would fill it, and what to give."""

    field: str
    message: str


def gaps(facts: ScopeFacts) -> list[Gap]:
    found = []
    if facts.deliverables == 0:
        found.append(Gap("deliverables", "List at least one deliverable."))
    if facts.acceptance_criteria == 0:
        found.append(
            Gap("acceptanceCriteria", "Say how the work will be accepted (acceptance criteria).")
        )
    if not facts.has_deadline and facts.milestones == 0:
        found.append(Gap("deadline", "Give a timeline: a deadline or milestones."))
    if not facts.has_budget:
        found.append(Gap("budget", "Give a budget."))
    if not facts.has_communication_plan:
        found.append(Gap("communicationPlan", "Say how you will communicate (channel, check-ins)."))
    return found


def refuse_incomplete(found: list[Gap], prefix: tuple[str, ...] = ("input",)) -> None:
    """Publishing an incomplete scope is refused, one userError per missing item."""
    if found:
        raise InputError(
            [
                Problem((*prefix, gap.field), f"Needed to publish: {m}", ErrorCode.REQUIRED)
                for gap in found
                for m in [gap.message]
            ]
        )


def draft_facts(scope: ScopeValues, terms: TermsValues) -> ScopeFacts:
    """A scope not stored yet (a new request, or a draft checked without saving)."""
    return ScopeFacts(
        deliverables=len(scope.deliverables or []),
        acceptance_criteria=len(terms.columns.get("acceptance_criteria") or []),
        has_deadline=scope.columns.get("deadline") is not None,
        milestones=len(scope.milestones or []),
        has_budget="budget_max" in scope.columns,
        has_communication_plan=bool(terms.columns.get("communication_plan")),
    )


async def stored_facts(
    session: AsyncSession,
    project: ProjectRequest,
    scope: ScopeValues | None = None,
    terms: TermsValues | None = None,
) -> ScopeFacts:
    """A stored request's facts, with an edit's `scope` and `terms` applied over them."""
    scope = scope or ScopeValues()
    terms = terms or TermsValues()
    deliverables = (
        len(scope.deliverables)
        if scope.deliverables is not None
        else await _count(session, Deliverable, project)
    )
    milestones = (
        len(scope.milestones)
        if scope.milestones is not None
        else await _count(session, Milestone, project)
    )
    criteria = terms.columns.get("acceptance_criteria", project.acceptance_criteria)
    plan = terms.columns.get("communication_plan", project.communication_plan)
    return ScopeFacts(
        deliverables=deliverables,
        acceptance_criteria=len(criteria or []),
        has_deadline=scope.columns.get("deadline", project.deadline) is not None,
        milestones=milestones,
        has_budget=project.budget_max is not None or "budget_max" in scope.columns,
        has_communication_plan=bool(plan),
    )


async def _count(
    session: AsyncSession, model: type[Deliverable] | type[Milestone], project: ProjectRequest
) -> int:
    statement = select(func.count()).select_from(model).where(col(model.project_id) == project.id)
    return int(await session.scalar(statement) or 0)
