"""Concurrent writes lose nothing: optimistic versions, retried races, atomic rating totals."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.api.reviews.hiring import Hiring, scores
from tests.graphql_client import UPDATE_VENDOR, GraphQLClient

WRITERS = 6
VENDOR = "query ($id: ID!) { vendor(id: $id) { name headline teamSize version rating { count } } }"
PROJECT = "query ($id: ID!) { projectRequest(id: $id) { status awardAcceptedAt } }"


def in_parallel(calls: list[Any]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_same_expected_version_lets_exactly_one_writer_win(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(owner)

    def rename(n: int) -> Any:
        return lambda: client.execute(
            UPDATE_VENDOR,
            {"input": {"id": vendor["id"], "expectedVersion": 1, "name": f"Name {n}"}},
            token=owner.token,
        )["updateVendorProfile"]

    results = in_parallel([rename(n) for n in range(WRITERS)])

    winners = [r for r in results if not r["userErrors"]]
    assert len(winners) == 1
    assert all(r["userErrors"][0]["code"] == "CONFLICT" for r in results if r["userErrors"])
    stored = client.execute(VENDOR, {"id": vendor["id"]})["vendor"]
    assert stored["version"] == 2
    assert stored["name"] == winners[0]["vendor"]["name"]


def test_writers_without_a_version_each_keep_their_change(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(owner)
    changes = [{"name": "Renamed House"}, {"headline": "Now with Go"}, {"teamSize": 40}]

    def update(change: dict[str, Any]) -> Any:
        return lambda: client.execute(
            UPDATE_VENDOR, {"input": {"id": vendor["id"], **change}}, token=owner.token
        )["updateVendorProfile"]

    results = in_parallel([update(change) for change in changes])

    assert all(r["userErrors"] == [] for r in results)
    stored = client.execute(VENDOR, {"id": vendor["id"]})["vendor"]
    assert (stored["name"], stored["headline"], stored["teamSize"]) == (
        "Renamed House",
        "Now with Go",
        40,
    )
    assert stored["version"] == 1 + len(changes)


def test_simultaneous_reviews_all_count(client: GraphQLClient) -> None:
    hiring = Hiring(client)
    vendor = hiring.vendor()
    engagements = [hiring.completed(vendor) for _ in range(WRITERS)]

    results = in_parallel(
        [lambda e=e: hiring.review(hiring.business, e, **scores(5, 4, 4, 5)) for e in engagements]
    )

    assert all(r["userErrors"] == [] for r in results)
    assert client.execute(VENDOR, {"id": vendor["id"]})["vendor"]["rating"]["count"] == WRITERS


def test_the_same_review_twice_at_once_is_stored_once(client: GraphQLClient) -> None:
    hiring = Hiring(client)
    vendor = hiring.vendor()
    engagement = hiring.completed(vendor)

    results = in_parallel(
        [lambda: hiring.review(hiring.business, engagement, **scores(4, 4, 4, 4))] * 3
    )

    accepted = [r for r in results if not r["userErrors"]]
    assert len(accepted) == 1
    assert {r["userErrors"][0]["code"] for r in results if r["userErrors"]} <= {"TAKEN", "CONFLICT"}
    assert client.execute(VENDOR, {"id": vendor["id"]})["vendor"]["rating"]["count"] == 1


def test_accepting_and_declining_an_award_at_once_settles_on_one_answer(
    client: GraphQLClient,
) -> None:
    hiring = Hiring(client)
    vendor = hiring.vendor()
    project = hiring.awarded_request(vendor, accepted=False)
    answers = [True, False] * (WRITERS // 2)

    results = in_parallel([lambda a=a: hiring.respond(project, vendor, accept=a) for a in answers])

    winners = [answer for answer, r in zip(answers, results, strict=True) if not r["userErrors"]]
    assert len(winners) == 1
    losing_codes = {r["userErrors"][0]["code"] for r in results if r["userErrors"]}
    assert losing_codes <= {"CONFLICT", "INVALID_TRANSITION", "FORBIDDEN"}
    state = client.execute(PROJECT, {"id": project})["projectRequest"]
    if winners[0]:
        assert state["status"] == "AWARDED" and state["awardAcceptedAt"] is not None
    else:
        assert (state["status"], state["awardAcceptedAt"]) == ("OPEN", None)
