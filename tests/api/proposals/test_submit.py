"""submitProposal: what a vendor offers, the checks on it, and one proposal per request."""

from __future__ import annotations

import pytest

from tests.api.proposals.market import Market, codes, days, events, fields_of, pk
from tests.graphql_client import GraphQLClient


@pytest.fixture
def market(client: GraphQLClient) -> Market:
    return Market(client)


def test_a_vendor_proposes_and_the_business_is_notified(market: Market) -> None:
    proposal = market.proposal()
    assert proposal["status"] == "SUBMITTED"
    assert proposal["pricing"] == "FIXED"
    assert proposal["price"] == {"amount": "30000.00", "currency": "EUR"}
    assert proposal["totalEstimate"] == {"amount": "30000.00", "currency": "EUR"}
    assert proposal["withinBudget"] is True  # the request's ceiling is 40000 EUR
    assert proposal["meetsDeadline"] is True
    assert proposal["team"] == {"size": 4, "roles": ["Tech lead", "React developer", "QA"]}
    assert proposal["schedule"] == {"startDate": days(30), "endDate": days(120)}
    assert proposal["revision"] == 1 and proposal["version"] == 1
    assert proposal["vendor"]["id"] == market.vendor_a["id"]
    assert proposal["projectRequest"]["id"] == market.project["id"]
    assert events(market.client, "PROPOSAL_RECEIVED") == [
        (pk(market.business_a.id), "Proposal", pk(proposal["id"]))
    ]


def test_an_hourly_price_totals_rate_times_hours_in_the_requests_currency(
    market: Market,
) -> None:
    proposal = market.proposal(
        price={"pricing": "HOURLY", "amount": "50.00", "currency": "USD"}, estimatedHours=500
    )
    assert proposal["totalEstimate"] == {"amount": "25000.00", "currency": "USD"}
    converted = proposal["totalInRequestCurrency"]
    assert converted["currency"] == "EUR"
    assert 0 < float(converted["amount"]) != 25000.0
    assert proposal["priceInRequestCurrency"]["currency"] == "EUR"


def test_hourly_pricing_needs_hours(market: Market) -> None:
    payload = market.submit(price={"pricing": "HOURLY", "amount": "50.00", "currency": "EUR"})
    assert payload["proposal"] is None
    assert fields_of(payload) == [["input", "estimatedHours"]]
    assert codes(payload) == ["REQUIRED"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        (
            {"price": {"pricing": "FIXED", "amount": "100", "currency": "EURO"}},
            ["input", "price", "currency"],
            "INVALID",
        ),
        (
            {"price": {"pricing": "FIXED", "amount": "-5", "currency": "EUR"}},
            ["input", "price", "amount"],
            "OUT_OF_RANGE",
        ),
        (
            {"price": {"pricing": "FIXED", "amount": "10.001", "currency": "EUR"}},
            ["input", "price", "amount"],
            "INVALID",
        ),
        ({"estimatedHours": 0}, ["input", "estimatedHours"], "OUT_OF_RANGE"),
        (
            {"schedule": {"startDate": days(30), "endDate": days(10)}},
            ["input", "schedule", "endDate"],
            "OUT_OF_RANGE",
        ),
        (
            {"schedule": {"startDate": days(-3), "endDate": days(10)}},
            ["input", "schedule", "startDate"],
            "OUT_OF_RANGE",
        ),
        ({"schedule": {"endDate": days(-1)}}, ["input", "schedule", "endDate"], "OUT_OF_RANGE"),
        ({"team": {"size": 0, "roles": []}}, ["input", "team", "size"], "OUT_OF_RANGE"),
        ({"team": {"size": 2, "roles": ["x" * 81]}}, ["input", "team", "roles", "0"], "TOO_LONG"),
        ({"team": {"size": 2, "roles": ["dev"] * 21}}, ["input", "team", "roles"], "TOO_MANY"),
        ({"approach": " "}, ["input", "approach"], "REQUIRED"),
        ({"approach": "a" * 10001}, ["input", "approach"], "TOO_LONG"),
        ({"approach": "nul\x00"}, ["input", "approach"], "INVALID"),
        ({"answers": ["An answer to a question nobody asked"]}, ["input", "answers"], "TOO_MANY"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    market: Market, overrides: dict[str, object], field: list[str], code: str
) -> None:
    payload = market.submit(**overrides)
    assert payload["proposal"] is None
    assert [field] == fields_of(payload)
    assert codes(payload) == [code]
    assert market.compare()["totalCount"] == 0  # type: ignore[index]
    assert events(market.client, "PROPOSAL_RECEIVED") == []


def test_every_problem_is_reported_at_once(market: Market) -> None:
    payload = market.submit(
        price={"pricing": "FIXED", "amount": "0", "currency": "XXX"},
        team={"size": -1, "roles": []},
        approach="",
    )
    assert set(map(tuple, fields_of(payload))) >= {  # type: ignore[arg-type]
        ("input", "price", "currency"),
        ("input", "team", "size"),
        ("input", "approach"),
    }


def test_ids_of_the_wrong_type_are_not_found(market: Market) -> None:
    payload = market.submit(project=market.vendor_b)
    assert fields_of(payload) == [["input", "projectRequestId"]]
    assert codes(payload) == ["NOT_FOUND"]
    payload = market.submit(vendor=market.project)
    assert fields_of(payload) == [["input", "vendorId"]]


def test_a_second_proposal_is_taken_and_points_to_revising(market: Market) -> None:
    market.proposal()
    payload = market.submit(approach="Another idea entirely.")
    assert codes(payload) == ["TAKEN"]
    assert fields_of(payload) == [["input", "vendorId"]]
    assert "reviseProposal" in payload["userErrors"][0]["message"]
    assert market.compare()["totalCount"] == 1  # type: ignore[index]


def test_a_withdrawn_proposal_can_be_submitted_again_as_a_new_revision(market: Market) -> None:
    first = market.proposal()
    assert market.withdraw(first["id"], reason="Team booked elsewhere")["userErrors"] == []
    again = market.proposal(approach="We found a team after all.")
    assert again["id"] == first["id"]
    assert again["status"] == "SUBMITTED"
    assert again["revision"] == 2
    assert again["reason"] is None
    assert again["approach"] == "We found a team after all."


def test_a_declined_vendor_cannot_propose_again(market: Market) -> None:
    first = market.proposal()
    assert market.decline(first["id"])["userErrors"] == []
    payload = market.submit()
    assert codes(payload) == ["TAKEN"]
    assert "DECLINED" in payload["userErrors"][0]["message"]


@pytest.mark.parametrize("status", ["CANCELLED"])
def test_a_request_that_is_not_open_takes_no_proposals(market: Market, status: str) -> None:
    market.update_project(status=status)
    payload = market.submit()
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert status in payload["userErrors"][0]["message"]
    assert fields_of(payload) == [["input", "projectRequestId"]]


def test_a_draft_request_is_not_found_by_vendors(market: Market) -> None:
    draft = market.post(market.business_a, publish=False)
    payload = market.submit(project=draft)
    assert codes(payload) == ["NOT_FOUND"]


@pytest.mark.parametrize(
    ("budget_pricing", "price", "hours", "within"),
    [
        ("FIXED", {"pricing": "FIXED", "amount": "40000.00", "currency": "EUR"}, None, True),
        ("FIXED", {"pricing": "FIXED", "amount": "40000.01", "currency": "EUR"}, None, False),
        ("FIXED", {"pricing": "HOURLY", "amount": "60.00", "currency": "EUR"}, 700, False),
        ("FIXED", {"pricing": "HOURLY", "amount": "50.00", "currency": "EUR"}, 700, True),
        # An HOURLY budget (40-60 EUR) is a rate: an hourly price is compared as a rate,
        # a fixed one spread over the request's 600 estimated hours.
        ("HOURLY", {"pricing": "HOURLY", "amount": "60.00", "currency": "EUR"}, 900, True),
        ("HOURLY", {"pricing": "HOURLY", "amount": "61.00", "currency": "EUR"}, 10, False),
        ("HOURLY", {"pricing": "FIXED", "amount": "36000.00", "currency": "EUR"}, None, True),
        ("HOURLY", {"pricing": "FIXED", "amount": "36001.00", "currency": "EUR"}, None, False),
    ],
)
def test_within_budget_compares_in_the_requests_terms(
    client: GraphQLClient,
    budget_pricing: str,
    price: dict[str, str],
    hours: int | None,
    within: bool,
) -> None:
    budget = {"FIXED": ("20000.00", "40000.00"), "HOURLY": ("40.00", "60.00")}[budget_pricing]
    market = Market(
        client,
        budget={"min": budget[0], "max": budget[1], "currency": "EUR", "pricing": budget_pricing},
    )
    proposal = market.proposal(price=price, estimatedHours=hours)
    assert proposal["withinBudget"] is within


def test_a_schedule_past_the_deadline_does_not_meet_it(market: Market) -> None:
    proposal = market.proposal(schedule={"endDate": days(151)})
    assert proposal["meetsDeadline"] is False
    assert proposal["schedule"] == {"startDate": None, "endDate": days(151)}
