"""The stored rating score: the RATING order, bayesianAverage and the matcher's prior read
one published prior, follow each review, and follow a newly published prior; a vendors
page costs the same statements whatever its size."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.api.reviews.hiring import Hiring, scores
from tests.graphql_client import GraphQLClient

BY_RATING = """
query ($first: Int, $after: String) {
  vendors(first: $first, after: $after, orderBy: { field: RATING }) {
    edges { cursor node { id name rating { count bayesianAverage } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
# The page the benchmark reads: names, country, rates, rating and expertise.
BENCH_PAGE = """
query ($first: Int) {
  vendors(first: $first) {
    edges { node {
      id name country { code name } hourlyRate { min max currency }
      rating { average count bayesianAverage }
      expertise { tag { slug name } years }
    } }
  }
}
"""


def ranked(client: GraphQLClient) -> list[dict[str, Any]]:
    page = client.execute(BY_RATING, {"first": 50})["vendors"]
    return [edge["node"] for edge in page["edges"]]


def named(hiring: Hiring, name: str) -> dict[str, Any]:
    owner = hiring.client.register("VENDOR")
    vendor = hiring.client.create_vendor(owner, name=name)
    hiring.owners[vendor["id"]] = owner
    return vendor


def test_a_review_moves_its_vendor_in_the_rating_order(client: GraphQLClient) -> None:
    # given three vendors nobody has reviewed: all at the default prior, oldest first
    hiring = Hiring(client)
    first, second, third = (named(hiring, name) for name in ("First", "Second", "Third"))
    assert [v["name"] for v in ranked(client)] == ["First", "Second", "Third"]
    assert {v["rating"]["bayesianAverage"] for v in ranked(client)} == {"3.50"}

    # when the last gets a 5 and the first a 1 (the marketplace mean, so the prior, is 3)
    hiring.hire_and_review(third, **scores(5, 5, 5, 5))
    hiring.hire_and_review(first, **scores(1, 1, 1, 1))

    # then the order and the averages shown follow: (30 + 5) / 11, 3, (30 + 1) / 11
    order = ranked(client)
    assert [v["name"] for v in order] == ["Third", "Second", "First"]
    assert [v["rating"]["bayesianAverage"] for v in order] == ["3.18", "3.00", "2.82"]

    # when the middle one gets two 5s (the prior becomes 4)
    for _ in range(2):
        hiring.hire_and_review(second, **scores(5, 5, 5, 5))

    # then it leads: (40 + 10) / 12, (40 + 5) / 11, (40 + 1) / 11
    order = ranked(client)
    assert [v["name"] for v in order] == ["Second", "Third", "First"]
    assert [v["rating"]["bayesianAverage"] for v in order] == ["4.17", "4.09", "3.73"]


def test_a_newly_published_prior_reorders_vendors_no_review_touched(
    client: GraphQLClient,
) -> None:
    # given a steady vendor (two 3s), an unreviewed one, and a marketplace mean below 3
    hiring = Hiring(client)
    steady, fresh = named(hiring, "Steady"), named(hiring, "Fresh")
    low, high = named(hiring, "Low"), named(hiring, "High")
    for _ in range(2):
        hiring.hire_and_review(steady, **scores(3, 3, 3, 3))
    hiring.hire_and_review(low, **scores(1, 1, 1, 1))

    # then two 3s beat the prior (7/3): steady above fresh
    names = [v["name"] for v in ranked(client)]
    assert names.index("Steady") < names.index("Fresh")

    # when another vendor's 5s lift the mean to 3.4 (a new prior is published)
    for _ in range(2):
        hiring.hire_and_review(high, **scores(5, 5, 5, 5))

    # then fresh (at the prior) passes steady, whose own reviews did not change
    order = ranked(client)
    names = [v["name"] for v in order]
    assert names.index("Fresh") < names.index("Steady")
    shown = {v["name"]: Decimal(v["rating"]["bayesianAverage"]) for v in order}
    assert shown["Fresh"] == Decimal("3.40")
    assert shown["Steady"] == Decimal("3.33")  # (10 * 3.4 + 6) / 12
    # and a vendor created now starts at the published prior too
    named(hiring, "Newcomer")
    shown = {v["name"]: Decimal(v["rating"]["bayesianAverage"]) for v in ranked(client)}
    assert shown["Newcomer"] == Decimal("3.40")
    assert fresh["id"]


def test_cursors_walk_the_rating_order_once(client: GraphQLClient) -> None:
    hiring = Hiring(client)
    vendors = [named(hiring, f"Vendor {n}") for n in range(5)]
    hiring.hire_and_review(vendors[3], **scores(4, 4, 4, 4))
    hiring.hire_and_review(vendors[1], **scores(2, 2, 2, 2))

    walked: list[str] = []
    after = None
    while True:
        page = client.execute(BY_RATING, {"first": 2, "after": after})["vendors"]
        walked += [edge["node"]["name"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert walked == [v["name"] for v in ranked(client)]
    assert sorted(walked) == sorted(v["name"] for v in vendors)


def test_a_vendors_page_reads_two_statements_whatever_its_size(
    client: GraphQLClient, statements: list[str]
) -> None:
    hiring = Hiring(client)
    for n in range(12):
        named(hiring, f"Vendor {n}")
    hiring.hire_and_review(hiring.vendor(), **scores(4, 5, 4, 5))
    client.execute(BENCH_PAGE, {"first": 1})  # warm the tag catalog

    counts = {}
    for size in (3, 13):
        statements.clear()
        edges = client.execute(BENCH_PAGE, {"first": size})["vendors"]["edges"]
        counts[size] = len(statements)
        assert len(edges) == size
        assert all(edge["node"]["expertise"] for edge in edges)

    # The page (ordered by the stored score, with no prior to read first), and every
    # vendor's tags and free-text skills in one statement.
    assert counts == {3: 2, 13: 2}
