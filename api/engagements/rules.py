"""The checks on engagement input (a draft in, column values out, every problem named by
its field path) and the rules of a milestone's lifecycle."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from api.core.errors import ErrorCode, FieldPath, Problems
from api.engagements.fields import ChangeDraft, DisputeDraft, MilestoneDraft, PlanDraft
from api.engagements.models import CheckInCadence, MilestoneStatus
from api.reference import rules as reference
from api.values import checks
from api.values.hours import clock_time
from api.values.money import amount

MAX_MILESTONES = 50
MAX_EVIDENCE = 10
EVIDENCE_LENGTH = 500
CHANNEL_LENGTH = 60
TITLE_LENGTH = 160
CRITERIA_LENGTH = 4000
NOTE_LENGTH = 4000
REASON_LENGTH = 2000
END_REASON_LENGTH = 1000
# A response promise from an hour to a week.
MIN_RESPONSE_HOURS = 1
MAX_RESPONSE_HOURS = 168


class Side(enum.StrEnum):
    """Which party of an engagement the viewer is."""

    BUSINESS = "BUSINESS"
    VENDOR = "VENDOR"

    @property
    def other(self) -> Side:
        return Side.VENDOR if self is Side.BUSINESS else Side.BUSINESS


@dataclass(frozen=True)
class Move:
    """A milestone transition: who may make it, from which states, to which state."""

    name: str
    side: Side
    sources: frozenset[str]
    target: str
    # The input field holding the text this move requires (a note, feedback), if any.
    note_field: str | None = None


START = Move(
    "started",
    Side.VENDOR,
    frozenset({MilestoneStatus.PENDING, MilestoneStatus.CHANGES_REQUESTED}),
    MilestoneStatus.IN_PROGRESS,
)
SUBMIT = Move(
    "submitted",
    Side.VENDOR,
    frozenset({MilestoneStatus.IN_PROGRESS, MilestoneStatus.CHANGES_REQUESTED}),
    MilestoneStatus.SUBMITTED,
    "note",
)
APPROVE = Move(
    "approved", Side.BUSINESS, frozenset({MilestoneStatus.SUBMITTED}), MilestoneStatus.APPROVED
)
REQUEST_CHANGES = Move(
    "sent back for changes",
    Side.BUSINESS,
    frozenset({MilestoneStatus.SUBMITTED}),
    MilestoneStatus.CHANGES_REQUESTED,
    "feedback",
)


@dataclass(frozen=True)
class PlanDefaults:
    """What a plan says where the caller is silent: the request's zone, its working day's
    start and first language, and the vendor's zone."""

    business_timezone: str
    vendor_timezone: str
    time: time
    language: str
    channel: str = "Vendormatch messages"


def check_plan(
    draft: PlanDraft | None, defaults: PlanDefaults, problems: Problems
) -> dict[str, Any]:
    """The plan's columns; each field given is checked, each omitted one defaulted."""
    draft = draft or PlanDraft()
    path = ["plan"]
    columns: dict[str, Any] = {
        "business_timezone": defaults.business_timezone,
        "vendor_timezone": defaults.vendor_timezone,
        "checkin_cadence": CheckInCadence.WEEKLY,
        "checkin_weekday": 0,
        "checkin_time": defaults.time,
        "response_time_hours": 24,
        "channel": defaults.channel,
        "working_language": defaults.language,
    }
    if draft.cadence is not None:
        columns["checkin_cadence"] = CheckInCadence(draft.cadence)
    if draft.weekday is not None:
        columns["checkin_weekday"] = draft.weekday
        checks.number_range(problems, [*path, "weekday"], draft.weekday, low=0, high=6)
    if draft.time is not None:
        columns["checkin_time"] = clock_time(problems, [*path, "time"], draft.time)
    if draft.response_time_hours is not None:
        columns["response_time_hours"] = draft.response_time_hours
        checks.number_range(
            problems,
            [*path, "responseTimeHours"],
            draft.response_time_hours,
            low=MIN_RESPONSE_HOURS,
            high=MAX_RESPONSE_HOURS,
        )
    if draft.channel is not None:
        columns["channel"] = checks.text(
            problems, [*path, "channel"], draft.channel, max_length=CHANNEL_LENGTH
        )
    if draft.working_language is not None:
        columns["working_language"] = reference.language(
            problems, [*path, "workingLanguage"], draft.working_language
        )
    return columns


def check_milestone(
    problems: Problems, path: FieldPath, draft: MilestoneDraft, currency: str, today: date
) -> dict[str, Any]:
    """One milestone's columns: a title, a positive amount, a due date from today on and
    its acceptance criteria."""
    return {
        "title": checks.text(problems, [*path, "title"], draft.title, max_length=TITLE_LENGTH),
        "amount": amount(problems, [*path, "amount"], draft.amount, currency),
        "due_date": due_date(problems, [*path, "dueDate"], draft.due_date, today),
        "acceptance_criteria": checks.text(
            problems,
            [*path, "acceptanceCriteria"],
            draft.acceptance_criteria,
            max_length=CRITERIA_LENGTH,
        ),
    }


def check_milestones(
    drafts: Sequence[MilestoneDraft], currency: str, today: date, problems: Problems
) -> list[dict[str, Any]]:
    if not drafts:
        problems.add(["milestones"], "Give at least one milestone.", ErrorCode.REQUIRED)
        return []
    if not checks.list_size(problems, ["milestones"], drafts, maximum=MAX_MILESTONES):
        return []
    return [
        check_milestone(problems, ["milestones", index], draft, currency, today)
        for index, draft in enumerate(drafts)
    ]


def due_date(problems: Problems, path: FieldPath, value: date, today: date) -> date | None:
    if value < today:
        problems.add(path, f"Choose a date from {today} on.", ErrorCode.OUT_OF_RANGE)
        return None
    return value if checks.plausible_date(problems, path, value) else None


def check_change(
    draft: ChangeDraft, *, new_milestone: bool, currency: str, today: date, problems: Problems
) -> dict[str, Any]:
    """The changed columns (only those given); a new milestone needs every field."""
    path = ["changes"]
    given = {
        "title": draft.title,
        "acceptanceCriteria": draft.acceptance_criteria,
        "amount": draft.amount,
        "dueDate": draft.due_date,
    }
    if new_milestone:
        for name, value in given.items():
            if value is None:
                problems.add(
                    [*path, name],
                    "A new milestone (no milestoneId) needs this field.",
                    ErrorCode.REQUIRED,
                )
    elif all(value is None for value in given.values()):
        problems.add(path, "Change at least one field.", ErrorCode.REQUIRED)
    changes: dict[str, Any] = {}
    if draft.title is not None:
        changes["title"] = checks.text(
            problems, [*path, "title"], draft.title, max_length=TITLE_LENGTH
        )
    if draft.acceptance_criteria is not None:
        changes["acceptance_criteria"] = checks.text(
            problems,
            [*path, "acceptanceCriteria"],
            draft.acceptance_criteria,
            max_length=CRITERIA_LENGTH,
        )
    if draft.amount is not None:
        changes["amount"] = amount(problems, [*path, "amount"], draft.amount, currency)
    if draft.due_date is not None:
        changes["due_date"] = due_date(problems, [*path, "dueDate"], draft.due_date, today)
    return changes


def stored_change(columns: dict[str, Any]) -> dict[str, object]:
    """A change's columns as JSON (amounts and dates as text)."""
    return {
        name: str(value) if isinstance(value, Decimal | date) else value
        for name, value in columns.items()
    }


def applied_change(stored: dict[str, object]) -> dict[str, Any]:
    """A stored change's values as columns again."""
    columns: dict[str, Any] = dict(stored)
    if "amount" in columns:
        columns["amount"] = Decimal(str(columns["amount"]))
    if "due_date" in columns:
        columns["due_date"] = date.fromisoformat(str(columns["due_date"]))
    return columns


def check_dispute(draft: DisputeDraft, problems: Problems) -> tuple[str | None, list[str]]:
    reason = checks.text(problems, ["reason"], draft.reason, max_length=NOTE_LENGTH)
    evidence = checks.each(
        problems,
        "evidence",
        draft.evidence,
        lambda p, path, item: checks.text(p, path, item, max_length=EVIDENCE_LENGTH),
        maximum=MAX_EVIDENCE,
    )
    return reason, evidence or []


def text(problems: Problems, name: str, value: str | None, max_length: int) -> str | None:
    """A required bounded text field of the input."""
    return checks.text(problems, [name], value, max_length=max_length)
