"""What a caller may say about an engagement, before it is checked (the CLI and seeds
build these too). Omitted (None) fields take their defaults or stay as they are."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class PlanDraft:
    """The communication plan: when the parties check in (a time in the business's zone),
    how fast each promises to answer, where they talk and in which language."""

    cadence: str | None = None
    weekday: int | None = None  # Monday = 0
    time: str | None = None  # HH:MM in the business's zone
    response_time_hours: int | None = None
    channel: str | None = None
    working_language: str | None = None


@dataclass(frozen=True)
class MilestoneDraft:
    title: str
    amount: Decimal | str
    due_date: date
    acceptance_criteria: str


@dataclass(frozen=True)
class ChangeDraft:
    """New values for a milestone (or, with every field and no milestone, a new one)."""

    title: str | None = None
    acceptance_criteria: str | None = None
    amount: Decimal | str | None = None
    due_date: date | None = None


@dataclass(frozen=True)
class DisputeDraft:
    reason: str
    evidence: list[str] = field(default_factory=list)


class DisputeOutcome(enum.StrEnum):
    """What an admin's resolution does besides recording it."""

    NO_CHANGE = "NO_CHANGE"
    APPROVE_MILESTONE = "APPROVE_MILESTONE"
    REQUEST_CHANGES = "REQUEST_CHANGES"
    END_ENGAGEMENT = "END_ENGAGEMENT"
