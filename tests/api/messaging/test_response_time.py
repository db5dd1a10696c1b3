"""Response time measured from replies: each answer counts from the oldest message it
answers; a vendor's median and 90th percentile over 90 days replace its own claim on the
profile and in the matcher."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from api.graphql.ids import decode
from tests.api.messaging.conversation import (
    RESPONSE_TIME,
    Clock,
    contact,
    parties,
    reply,
)
from tests.graphql_client import GraphQLClient

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def profile(client: GraphQLClient, vendor_id: str) -> dict[str, object]:
    return client.execute(RESPONSE_TIME, {"id": vendor_id})["vendor"]  # type: ignore[no-any-return]


def matcher_median(client: GraphQLClient, vendor_id: str) -> float | None:
    """The median reply time the matcher's VendorRecord carries for the vendor."""
    from api.tags.service import tag_catalog
    from api.vendors.records import vendor_records

    decoded = decode(vendor_id)
    assert decoded is not None
    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def read() -> float | None:
        catalog = await tag_catalog(state)
        async with state.sessions() as session:
            (record,) = await vendor_records(session, catalog, [decoded[1]])
            return record.median_response_hours

    return client.http.portal.call(read)  # type: ignore[union-attr,no-any-return]


def test_a_reply_counts_from_the_oldest_message_it_answers(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, START)
    p = parties(client)
    thread_id = contact(client, p, p.business, "Are you free in January?")
    clock.set(START + HOUR)
    follow_up = reply(client, p.business, thread_id, "And for a call on Monday?")
    assert follow_up["responseSeconds"] is None  # nothing of the vendor's to answer
    clock.set(START + 3 * HOUR)
    answer = reply(client, p.vendor_owner, thread_id, "Yes to both.")
    assert answer["responseSeconds"] == 3 * 3600
    clock.set(START + 3 * HOUR + timedelta(minutes=30))
    more = reply(client, p.vendor_owner, thread_id, "Monday at ten?")
    assert more["responseSeconds"] is None  # the business's messages were answered
    clock.set(START + 5 * HOUR)
    back = reply(client, p.business, thread_id, "Ten works.")
    # From the vendor's first unanswered message (3 h), not its latest (3.5 h).
    assert back["responseSeconds"] == 2 * 3600


def test_measured_median_and_p90_replace_the_claim(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, START)
    p = parties(client)
    claimed = profile(client, p.vendor["id"])
    assert claimed["medianResponseHours"] == 2
    assert claimed["responseTime"] == {
        "medianHours": 2.0,
        "p90Hours": None,
        "samples": 0,
        "measured": False,
    }
    assert matcher_median(client, p.vendor["id"]) == 2.0

    thread_id = contact(client, p, p.business, "one")
    # Answers after 1 h, 3 h and 10 h.
    moment = START
    for wait, n in [(1, 1), (3, 2), (10, 3)]:
        moment += wait * HOUR
        clock.set(moment)
        reply(client, p.vendor_owner, thread_id, f"answer {n}")
        moment += HOUR
        clock.set(moment)
        reply(client, p.business, thread_id, f"question {n + 1}")

    measured = profile(client, p.vendor["id"])
    # Median of [1, 3, 10] is 3; the 90th percentile interpolates 3 + 0.8 * (10 - 3).
    assert measured["responseTime"] == {
        "medianHours": 3.0,
        "p90Hours": 8.6,
        "samples": 3,
        "measured": True,
    }
    assert measured["medianResponseHours"] == 2  # the claim is still the claim
    assert matcher_median(client, p.vendor["id"]) == 3.0


def test_replies_older_than_90_days_drop_out(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, START - timedelta(days=120))
    p = parties(client)
    thread_id = contact(client, p, p.business, "Long ago")
    clock.set(START - timedelta(days=120) + 20 * HOUR)
    reply(client, p.vendor_owner, thread_id, "A slow answer")
    assert profile(client, p.vendor["id"])["responseTime"]["samples"] == 1  # type: ignore[index]

    clock.set(START)
    reply(client, p.business, thread_id, "Today")
    clock.set(START + 2 * HOUR)
    reply(client, p.vendor_owner, thread_id, "A quick answer")
    assert profile(client, p.vendor["id"])["responseTime"] == {
        "medianHours": 2.0,
        "p90Hours": 2.0,
        "samples": 1,
        "measured": True,
    }


def test_only_the_vendors_replies_measure_the_vendor(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, START)
    p = parties(client)
    thread_id = contact(client, p, p.vendor_owner, "We'd like to propose")
    clock.set(START + 5 * HOUR)
    answer = reply(client, p.business, thread_id, "Please do")
    assert answer["responseSeconds"] == 5 * 3600
    assert profile(client, p.vendor["id"])["responseTime"]["measured"] is False  # type: ignore[index]
