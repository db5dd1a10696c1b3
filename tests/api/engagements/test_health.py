"""An engagement's health as time moves: check-ins missed against the plan's schedule
(a weekday and time in the business's zone, across a DST change), milestones past due,
answers later than the promise, open disputes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest

from api.core import clock
from api.engagements.schedule import Schedule
from tests.api.engagements.world import CHECK_IN, World
from tests.graphql_client import USER_ERRORS, GraphQLClient

# A Monday, a week before Europe/Berlin moves to summer time (28 March 2027).
START = datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
SEND = f"""
mutation ($input: SendMessageInput!) {{
  sendMessage(input: $input) {{ message {{ id }} {USER_ERRORS} }}
}}
"""
HEALTH = """
query ($id: ID!) {
  engagement(id: $id) {
    health {
      status missedCheckIns lastCheckInAt overdueMilestones openDisputes reasons
      responsePromise { businessLate vendorLate }
    }
    plan { nextCheckIn { businessLocal vendorLocal utc } }
  }
}
"""


class Clock:
    """The server's clock, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
        self.now = now
        monkeypatch.setattr(clock, "utcnow", lambda: self.now)
        monkeypatch.setattr(clock, "today", lambda: self.now.date())

    def set(self, moment: datetime) -> None:
        self.now = moment


@pytest.fixture
def world(client: GraphQLClient) -> World:
    return World(client)


@pytest.fixture
def moved(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    yield Clock(monkeypatch, START)


def due(day: date) -> str:
    return day.isoformat()


def health(world: World, engagement_id: str) -> dict[str, object]:
    data = world.client.execute(HEALTH, {"id": engagement_id}, token=world.business_a.token)
    result: dict[str, object] = data["engagement"]
    return result


def test_missed_check_ins_and_overdue_milestones_as_time_moves(world: World, moved: Clock) -> None:
    engagement = world.hire(
        milestones=[
            {
                "title": "MVP",
                "amount": "1000",
                "dueDate": due(date(2027, 4, 30)),
                "acceptanceCriteria": "Live.",
            },
            {
                "title": "Launch",
                "amount": "1000",
                "dueDate": due(date(2027, 5, 31)),
                "acceptanceCriteria": "Launched.",
            },
        ]
    )
    engagement_id = engagement["id"]

    def check_in(at: datetime) -> None:
        moved.set(at)
        world.ok(CHECK_IN, "recordCheckIn", "vendor_a", engagementId=engagement_id, summary="Sync")

    # Wednesday 24 March, 10:00 Berlin (09:00 UTC): held two hours late.
    check_in(datetime(2027, 3, 24, 11, 0, tzinfo=UTC))
    moved.set(datetime(2027, 3, 29, 12, 0, tzinfo=UTC))
    read = health(world, engagement_id)
    assert read["health"] == {
        "status": "ON_TRACK",
        "missedCheckIns": 0,
        "lastCheckInAt": "2027-03-24T11:00:00+00:00",
        "overdueMilestones": 0,
        "openDisputes": 0,
        "reasons": [],
        "responsePromise": {"businessLate": 0, "vendorLate": 0},
    }
    # After the DST change 10:00 Berlin is 08:00 UTC (and 16:00 in Manila).
    assert read["plan"] == {
        "nextCheckIn": {
            "businessLocal": "2027-03-31T10:00:00+02:00",
            "vendorLocal": "2027-03-31T16:00:00+08:00",
            "utc": "2027-03-31T08:00:00+00:00",
        }
    }

    # 31 March skipped; 7 April held the next morning (within 24 h); 14 April skipped.
    check_in(datetime(2027, 4, 8, 7, 0, tzinfo=UTC))
    moved.set(datetime(2027, 4, 15, 12, 0, tzinfo=UTC))
    at_risk = health(world, engagement_id)["health"]
    assert at_risk["status"] == "AT_RISK"  # type: ignore[index]
    assert at_risk["missedCheckIns"] == 2  # type: ignore[index]
    assert at_risk["lastCheckInAt"] == "2027-04-08T07:00:00+00:00"  # type: ignore[index]
    assert at_risk["reasons"] == ["2 scheduled check-in(s) missed."]  # type: ignore[index]

    # Two more weeks without a check-in, and the first milestone is past due.
    moved.set(datetime(2027, 5, 2, 12, 0, tzinfo=UTC))
    off = health(world, engagement_id)["health"]
    assert off["status"] == "OFF_TRACK"  # type: ignore[index]
    assert off["missedCheckIns"] == 4  # type: ignore[index]
    assert off["overdueMilestones"] == 1  # type: ignore[index]


def test_an_unanswered_message_past_the_promise_counts_against_the_vendor(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    engagement = world.hire()  # promises answers within 8 hours
    thread = engagement["thread"]["id"]
    sent = world.ok(SEND, "sendMessage", "business_a", threadId=thread, body="Status?")
    assert sent["message"] is not None
    assert health(world, engagement["id"])["health"]["status"] == "ON_TRACK"  # type: ignore[index]

    later = datetime.now(UTC) + timedelta(hours=9)
    monkeypatch.setattr(clock, "utcnow", lambda: later)

    read = health(world, engagement["id"])["health"]
    assert read["responsePromise"] == {"businessLate": 0, "vendorLate": 1}  # type: ignore[index]
    assert read["status"] == "AT_RISK"  # type: ignore[index]
    assert read["reasons"] == ["The vendor answered later than 8 h 1 time(s)."]  # type: ignore[index]


def test_a_daily_slot_the_clocks_skip_still_falls_once_that_day() -> None:
    schedule = Schedule(cadence="DAILY", weekday=0, time=time(2, 30), zone="Europe/Berlin")
    slots = list(
        schedule.slots(datetime(2027, 3, 26, 12, tzinfo=UTC), datetime(2027, 3, 30, 12, tzinfo=UTC))
    )
    assert [s.date().isoformat() for s in slots] == [
        "2027-03-27",
        "2027-03-28",
        "2027-03-29",
        "2027-03-30",
    ]
    # Winter time 01:30 UTC; on the 28th 02:30 does not exist (it reads as 03:30 CEST);
    # summer time 00:30 UTC after.
    assert [s.time().isoformat() for s in slots] == ["01:30:00", "01:30:00", "00:30:00", "00:30:00"]


def test_a_biweekly_plan_checks_in_every_other_week() -> None:
    schedule = Schedule(cadence="BIWEEKLY", weekday=4, time=time(15), zone="America/New_York")
    slots = list(schedule.slots(datetime(2027, 3, 1, tzinfo=UTC), datetime(2027, 5, 1, tzinfo=UTC)))
    assert [s.date().isoformat() for s in slots] == [
        "2027-03-05",
        "2027-03-19",
        "2027-04-02",
        "2027-04-16",
        "2027-04-30",
    ]
    # 15:00 in New York: 20:00 UTC in winter, 19:00 UTC after 14 March.
    assert [s.hour for s in slots] == [20, 19, 19, 19, 19]
    nxt = schedule.next_after(datetime(2027, 3, 1, tzinfo=UTC), datetime(2027, 3, 6, tzinfo=UTC))
    assert nxt == datetime(2027, 3, 19, 19, tzinfo=UTC)
