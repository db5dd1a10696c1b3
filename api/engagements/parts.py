"""The value types an engagement is made of: its communication plan and next check-in,
a change's proposed values, check-ins, health, an end request and the business side; and
the GraphQL enums of the domain. `types.py` holds the nodes that use them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self, TypeAlias
from zoneinfo import ZoneInfo

import strawberry

from api.core import clock
from api.engagements.fields import DisputeOutcome
from api.engagements.health import HealthStatus, schedule_of
from api.engagements.models import (
    ChangeStatus,
    CheckInCadence,
    DisputeStatus,
    EngagementStatus,
    MilestoneStatus,
)
from api.engagements.models import CheckIn as CheckInRow
from api.engagements.models import Engagement as EngagementRow
from api.engagements.rules import Side
from api.graphql.cost import cost_hint
from api.reference.types import Language
from api.values.types import Money

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(EngagementStatus, name="EngagementStatus")
strawberry.enum(MilestoneStatus, name="MilestoneStatus")
strawberry.enum(CheckInCadence, name="CheckInCadence")
strawberry.enum(ChangeStatus, name="ChangeRequestStatus")
strawberry.enum(DisputeStatus, name="DisputeStatus")
strawberry.enum(DisputeOutcome, name="DisputeOutcome")
strawberry.enum(HealthStatus, name="EngagementHealthStatus")
strawberry.enum(Side, name="EngagementSide")
EngagementStatusType: TypeAlias = EngagementStatus
MilestoneStatusType: TypeAlias = MilestoneStatus
CheckInCadenceType: TypeAlias = CheckInCadence
ChangeStatusType: TypeAlias = ChangeStatus
DisputeStatusType: TypeAlias = DisputeStatus
DisputeOutcomeType: TypeAlias = DisputeOutcome
HealthStatusType: TypeAlias = HealthStatus
SideType: TypeAlias = Side


def side_of_account(engagement: EngagementRow, account_id: int) -> Side:
    """Which party an author was (only parties write)."""
    return Side.BUSINESS if account_id == engagement.business_id else Side.VENDOR


@strawberry.type(description="When the next check-in falls, in each party's zone.")
class NextCheckIn:
    business_local: datetime
    vendor_local: datetime
    utc: datetime


@strawberry.type(
    description="How the parties talk: check-ins at a weekday and time in the business's "
    "zone (DAILY ignores the weekday), a promise to answer within responseTimeHours, "
    "where, and in which language."
)
class CommunicationPlan:
    cadence: CheckInCadenceType
    weekday: int = strawberry.field(description="Monday = 0 ... Sunday = 6.")
    time: str = strawberry.field(description="HH:MM in the business's zone.")
    business_timezone: str
    vendor_timezone: str
    response_time_hours: int
    channel: str
    working_language: Language
    _row: strawberry.Private[EngagementRow]

    @classmethod
    def from_row(cls, row: EngagementRow) -> Self:
        return cls(
            cadence=CheckInCadence(row.checkin_cadence),
            weekday=row.checkin_weekday,
            time=row.checkin_time.strftime("%H:%M"),
            business_timezone=row.business_timezone,
            vendor_timezone=row.vendor_timezone,
            response_time_hours=row.response_time_hours,
            channel=row.channel,
            working_language=Language.from_code(row.working_language),
            _row=row,
        )

    @strawberry.field(description="Null once the engagement is over.")
    def next_check_in(self) -> NextCheckIn | None:
        row = self._row
        if row.status != EngagementStatus.ACTIVE:
            return None
        moment = schedule_of(row).next_after(row.started_at, clock.utcnow())
        return NextCheckIn(
            business_local=moment.astimezone(ZoneInfo(row.business_timezone)),
            vendor_local=moment.astimezone(ZoneInfo(row.vendor_timezone)),
            utc=moment,
        )


@strawberry.type(description="The new values a change request proposes (null: unchanged).")
class ProposedChanges:
    title: str | None
    acceptance_criteria: str | None
    amount: Money | None
    due_date: date | None


@strawberry.type(name="CheckIn", description="A check-in one party recorded.")
class CheckInType:
    author: SideType
    summary: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: CheckInRow, engagement: EngagementRow) -> Self:
        return cls(
            author=side_of_account(engagement, row.author_id),
            summary=row.summary,
            created_at=row.created_at,
        )


@strawberry.type(description="Answers later than the plan's promise, per side.")
class ResponsePromise:
    business_late: int
    vendor_late: int


@strawberry.type(
    description="ON_TRACK, AT_RISK or OFF_TRACK, and why: check-ins missed (no check-in "
    "within 24 h of a scheduled one), milestones past due, late answers, open disputes."
)
class EngagementHealth:
    status: HealthStatusType
    missed_check_ins: int
    last_check_in_at: datetime | None
    overdue_milestones: int
    response_promise: ResponsePromise
    open_disputes: int
    reasons: list[str] = strawberry.field(metadata=cost_hint(list_size=5))


@strawberry.type(
    description="One party asked to end by agreement; the other's endEngagement agrees."
)
class EndRequest:
    requested_by: SideType
    reason: str | None


@strawberry.type(description="The business side of an engagement.")
class EngagementBusiness:
    account_id: strawberry.ID
    timezone: str
