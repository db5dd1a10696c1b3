"""The side-by-side comparison: each proposal with its vendor's match factors for the
request (the same as the request's matches show), in a chosen order, in a bounded number
of SQL statements however many proposals a page holds; and a vendor's own list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.proposals.market import Market
from tests.graphql_client import GraphQLClient

MATCHES = """
query ($id: ID!) {
  projectRequest(id: $id) {
    matches(first: 50) { edges { node {
      score vendor { id } factors { skill cost timezone culture quality security }
    } } }
  }
}
"""


def more_vendors(market: Market, count: int) -> list[tuple[str, dict[str, Any]]]:
    """`count` more vendors, each with its owner's token."""
    made = []
    for index in range(count):
        owner = market.client.register("VENDOR")
        vendor = market.client.create_vendor(
            owner,
            name=f"Vendor {index}",
            country=["PT", "BR", "IN", "VN", "PL"][index % 5],
            timezone=[
                "Europe/Lisbon",
                "America/Sao_Paulo",
                "Asia/Kolkata",
                "Asia/Ho_Chi_Minh",
                "Europe/Warsaw",
            ][index % 5],
            hourlyRate={
                "min": f"{20 + 10 * index}.00",
                "max": f"{40 + 10 * index}.00",
                "currency": "EUR",
            },
        )
        made.append((owner.token, vendor))
    return made


def propose_all(market: Market, vendors: list[tuple[str, dict[str, Any]]]) -> list[str]:
    ids = []
    for index, (owner_token, vendor) in enumerate(vendors):
        payload = market.submit(
            token=owner_token,
            vendor=vendor,
            price={"pricing": "FIXED", "amount": f"{35000 - 3000 * index}.00", "currency": "EUR"},
        )
        assert payload["userErrors"] == [], payload["userErrors"]
        ids.append(payload["proposal"]["id"])
    return ids


@pytest.fixture
def market(client: GraphQLClient) -> Market:
    return Market(client)


def test_factors_are_the_vendors_match_factors_for_the_request(market: Market) -> None:
    vendors = [(market.vendor_a_owner.token, market.vendor_a), *more_vendors(market, 2)]
    propose_all(market, vendors)
    matches = market.client.execute(
        MATCHES, {"id": market.project["id"]}, token=market.business_a.token
    )["projectRequest"]["matches"]["edges"]
    ranked = {edge["node"]["vendor"]["id"]: edge["node"] for edge in matches}
    comparison = market.compare(first=10)
    assert comparison is not None and comparison["totalCount"] == 3
    for edge in comparison["edges"]:
        node = edge["node"]
        match = ranked[node["vendor"]["id"]]
        assert node["matchFactors"] == pytest.approx(match["factors"])
        assert node["matchScore"] == pytest.approx(match["score"])


def test_orders_for_comparison(market: Market) -> None:
    vendors = more_vendors(market, 3)
    ids = propose_all(market, vendors)  # prices 35000, 32000, 29000 EUR

    def order(by: str) -> list[str]:
        comparison = market.compare(orderBy=by)
        assert comparison is not None
        return [edge["node"]["id"] for edge in comparison["edges"]]

    assert order("SUBMITTED_AT") == ids
    assert order("PRICE") == list(reversed(ids))
    comparison = market.compare(orderBy="MATCH_SCORE")
    assert comparison is not None
    scores = [edge["node"]["matchScore"] for edge in comparison["edges"]]
    assert scores == sorted(scores, reverse=True)


def test_pages_follow_their_cursors_and_a_cursor_keeps_its_order(market: Market) -> None:
    ids = propose_all(market, more_vendors(market, 3))
    first = market.compare(orderBy="PRICE", first=2)
    assert first is not None and first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    rest = market.compare(orderBy="PRICE", first=2, after=after)
    assert rest is not None and rest["pageInfo"]["hasNextPage"] is False
    seen = [e["node"]["id"] for e in first["edges"]] + [e["node"]["id"] for e in rest["edges"]]
    assert seen == list(reversed(ids))
    response = market.client.post(
        "query ($id: ID!, $after: String) { proposalsForRequest(projectRequestId: $id, "
        "after: $after, orderBy: MATCH_SCORE) { totalCount } }",
        {"id": market.project["id"], "after": after},
        token=market.business_a.token,
    ).json()
    assert response["errors"][0]["extensions"]["field"] == ["after"]


def test_status_filter(market: Market) -> None:
    ids = propose_all(market, more_vendors(market, 2))
    assert market.decline(ids[0])["userErrors"] == []
    submitted = market.compare(status="SUBMITTED")
    assert submitted is not None
    assert [e["node"]["id"] for e in submitted["edges"]] == ids[1:]
    assert submitted["totalCount"] == 1


@pytest.mark.parametrize("order", ["MATCH_SCORE", "SUBMITTED_AT", "PRICE"])
def test_statements_do_not_grow_with_the_page(
    market: Market, statements: list[str], order: str
) -> None:
    vendors = more_vendors(market, 6)
    propose_all(market, vendors[:2])
    market.compare(orderBy=order)  # warm the worker's index
    statements.clear()
    small = market.compare(orderBy=order)
    few = len(statements)
    assert few <= 12, statements
    for owner_token, vendor in vendors[2:]:
        assert market.submit(token=owner_token, vendor=vendor)["userErrors"] == []
    market.compare(orderBy=order)
    statements.clear()
    large = market.compare(orderBy=order)
    assert small is not None and large is not None
    assert len(small["edges"]) == 2 and len(large["edges"]) == 6
    assert all(edge["node"]["matchFactors"] is not None for edge in large["edges"])
    assert len(statements) == few, statements


def test_my_proposals_lists_the_vendors_own_newest_first(market: Market) -> None:
    first = market.proposal()
    second_request = market.post(market.business_b, title="Mobile app")
    second = market.submit(project=second_request)["proposal"]
    mine = market.mine(market.vendor_a_owner.token, first=1)
    assert mine["totalCount"] == 2
    assert [e["node"]["id"] for e in mine["edges"]] == [second["id"]]
    rest = market.mine(market.vendor_a_owner.token, after=mine["pageInfo"]["endCursor"])
    assert [e["node"]["id"] for e in rest["edges"]] == [first["id"]]
    assert market.mine(market.vendor_a_owner.token, status="WITHDRAWN")["totalCount"] == 0
