"""The checks on a proposal: a draft in, column values out, every problem with its field
path; and the proposal's lifecycle."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from api.core.clock import today
from api.core.errors import ErrorCode, InputError, Problems
from api.proposals.fields import PriceEntry, ProposalDraft, ScheduleEntry, TeamEntry
from api.proposals.models import Proposal, ProposalStatus
from api.reference import rules as reference
from api.values import checks
from api.values.money import amount
from matching import Pricing

MAX_APPROACH = 10000
MAX_ANSWER = 2000
# A request asks at most this many screening questions, so no more answers are kept.
MAX_ANSWERS = 20
MAX_ROLES = 20
MAX_ROLE = 80
MAX_TEAM_SIZE = 10000
MAX_HOURS = 100000.0
MAX_REASON = 1000
# How many proposals one request takes: the comparison orders them all in memory.
MAX_PROPOSALS_PER_REQUEST = 200

# Where a proposal may go next (SUBMITTED to itself is a revision); the rest are final.
TRANSITIONS: dict[str, set[str]] = {
    ProposalStatus.SUBMITTED: {
        ProposalStatus.SUBMITTED,
        ProposalStatus.WITHDRAWN,
        ProposalStatus.DECLINED,
        ProposalStatus.ACCEPTED,
    },
}


class Question(Protocol):
    """A screening question as projects returns it."""

    @property
    def position(self) -> int: ...
    @property
    def question(self) -> str: ...
    @property
    def required(self) -> bool: ...


def check_proposal_draft(
    draft: ProposalDraft,
    *,
    questions: Sequence[Question],
    problems: Problems,
    stored: Proposal | None = None,
) -> dict[str, Any]:
    """The columns a draft sets. On submission (`stored` None) price, schedule, team and
    approach are required; on revision only what is given changes."""
    creating = stored is None
    columns: dict[str, Any] = {}
    for name, value in (
        ("price", draft.price),
        ("schedule", draft.schedule),
        ("team", draft.team),
        ("approach", draft.approach),
    ):
        if creating and value is None:
            problems.add([name], "This field is required.", ErrorCode.REQUIRED)
    if draft.price is not None:
        columns.update(_price(problems, draft.price))
    pricing = draft.price.pricing if draft.price is not None else _stored_pricing(stored)
    columns.update(_hours(problems, draft.estimated_hours, pricing, stored))
    if draft.schedule is not None:
        columns.update(_schedule(problems, draft.schedule))
    if draft.team is not None:
        columns.update(_team(problems, draft.team))
    if draft.approach is not None:
        approach = checks.text(problems, ["approach"], draft.approach, max_length=MAX_APPROACH)
        if approach is not None:
            columns["approach"] = approach
    if draft.answers is not None or creating:
        answers = _answers(problems, draft.answers or [], questions)
        if answers is not None:
            columns["answers"] = answers
    return columns


def _stored_pricing(stored: Proposal | None) -> Pricing | None:
    return Pricing(stored.pricing) if stored is not None else None


def _price(problems: Problems, price: PriceEntry) -> dict[str, Any]:
    currency = reference.currency(problems, ["price", "currency"], price.currency)
    value = amount(problems, ["price", "amount"], price.amount, currency)
    if currency is None or value is None:
        return {}
    return {"pricing": price.pricing.value, "amount": value, "currency": currency}


def _hours(
    problems: Problems, hours: float | None, pricing: Pricing | None, stored: Proposal | None
) -> dict[str, Any]:
    """Hours are required for HOURLY pricing (the total is rate x hours), optional else."""
    if hours is None:
        if pricing == Pricing.HOURLY and (stored is None or stored.estimated_hours is None):
            problems.add(
                ["estimatedHours"],
                "Estimate the hours: an HOURLY price is a rate, and the total is rate x hours.",
                ErrorCode.REQUIRED,
            )
        return {}
    checked = checks.number_range(problems, ["estimatedHours"], hours, low=1, high=MAX_HOURS)
    return {} if checked is None else {"estimated_hours": checked}


def _schedule(problems: Problems, schedule: ScheduleEntry) -> dict[str, Any]:
    start, end = schedule.start_date, schedule.end_date
    sane = _future_date(problems, ["schedule", "endDate"], end)
    if start is not None:
        sane = _future_date(problems, ["schedule", "startDate"], start) and sane
        if sane and end <= start:
            problems.add(
                ["schedule", "endDate"], "End after the start date.", ErrorCode.OUT_OF_RANGE
            )
            sane = False
    return {"start_date": start, "end_date": end} if sane else {}


def _future_date(problems: Problems, path: list[str], value: date) -> bool:
    if not checks.plausible_date(problems, path, value):
        return False
    if value < today():
        problems.add(path, "Choose a date that is not in the past.", ErrorCode.OUT_OF_RANGE)
        return False
    return True


def _team(problems: Problems, team: TeamEntry) -> dict[str, Any]:
    size = checks.number_range(problems, ["team", "size"], team.size, low=1, high=MAX_TEAM_SIZE)
    if not checks.list_size(problems, ["team", "roles"], team.roles, maximum=MAX_ROLES):
        return {}
    roles = [
        checks.text(problems, ["team", "roles", index], role, max_length=MAX_ROLE)
        for index, role in enumerate(team.roles)
    ]
    if size is None or any(role is None for role in roles):
        return {}
    return {"team_size": int(size), "team_roles": list(dict.fromkeys(r for r in roles if r))}


def _answers(
    problems: Problems, answers: Sequence[str], questions: Sequence[Question]
) -> list[str] | None:
    """One answer per question, in the questions' order; every required one answered."""
    ordered = sorted(questions, key=lambda q: q.position)
    if len(answers) > len(ordered):
        problems.add(
            ["answers"],
            f"This request asks {len(ordered)} screening questions; give at most that many "
            "answers.",
            ErrorCode.TOO_MANY,
        )
        return None
    cleaned: list[str] = []
    valid = True
    for index, question in enumerate(ordered):
        given = answers[index] if index < len(answers) else None
        text = checks.text(
            problems, ["answers", index], given, max_length=MAX_ANSWER, required=False
        )
        if text is None and given is not None and given.strip():
            valid = False  # too long or with control characters: reported by the check
        elif text is None and question.required:
            problems.add(
                ["answers", index],
                f"Answer the required question: {question.question[:120]}",
                ErrorCode.REQUIRED,
            )
            valid = False
        cleaned.append(text or "")
    return cleaned if valid else None


def reason(problems: Problems, value: str | None, *, required: bool) -> str | None:
    return checks.text(problems, ["reason"], value, max_length=MAX_REASON, required=required)


def require_transition(proposal: Proposal, target: str, field: Sequence[str]) -> None:
    """INVALID_TRANSITION naming the current status unless `target` may follow it."""
    if target not in TRANSITIONS.get(proposal.status, set()):
        raise InputError.single(
            list(field),
            f"This proposal is {proposal.status}; only a SUBMITTED proposal can be "
            f"{_verb(target)}.",
            ErrorCode.INVALID_TRANSITION,
        )


def _verb(target: str) -> str:
    verbs: dict[str, str] = {
        ProposalStatus.SUBMITTED: "revised",
        ProposalStatus.WITHDRAWN: "withdrawn",
        ProposalStatus.DECLINED: "declined",
        ProposalStatus.ACCEPTED: "accepted",
    }
    return verbs[target]
