"""Matching over GraphQL: ad-hoc scopes, stored requests, weights, and freshness across workers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.core.settings import Settings
from tests.graphql_client import UPDATE_VENDOR, GraphQLClient, scope_input

MATCH = """
query Match($scope: ScopeInput!, $first: Int, $weights: MatchWeightsInput) {
  matchVendors(scope: $scope, first: $first, weights: $weights) {
    totalCount considered
    excluded { constraint count }
    weights { skill cost source }
    userErrors { field message code }
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      rank score vendor { id name }
      factors { skill cost timezone culture quality security }
      reasons risks { kind level detail mitigation }
    } }
  }
}
"""

PROJECT_MATCHES = """
query ($id: ID!) {
  projectRequest(id: $id) { matches(first: 5) { edges { node { rank vendor { name } } } } }
}
"""


def match(client: GraphQLClient, scope: dict[str, Any], **variables: Any) -> dict[str, Any]:
    return client.execute(MATCH, {"scope": scope, **variables})["matchVendors"]


@pytest.fixture
def marketplace(client: GraphQLClient) -> dict[str, dict[str, Any]]:
    """Three vendors that share React but differ in rate, hours and certification."""
    made = {}
    profiles: dict[str, dict[str, Any]] = {
        "warsaw": {"name": "Warsaw React House"},
        "manila": {
            "name": "Manila Night Shift",
            "country": "PH",
            "timezone": "Asia/Manila",
            "workingHours": {"start": "09:00", "end": "18:00"},
            "languages": [{"code": "en", "proficiency": "FLUENT"}],
            "hourlyRate": {"min": "20.00", "max": "30.00", "currency": "USD"},
            "certifications": [],
        },
        "zurich": {
            "name": "Zurich Premium Web",
            "country": "CH",
            "timezone": "Europe/Zurich",
            "languages": [
                {"code": "de", "proficiency": "NATIVE"},
                {"code": "en", "proficiency": "FLUENT"},
            ],
            "hourlyRate": {"min": "150.00", "max": "190.00", "currency": "CHF"},
        },
    }
    for key, overrides in profiles.items():
        made[key] = client.create_vendor(client.register("VENDOR"), **overrides)
    return made


def test_match_vendors_ranks_with_factors_reasons_and_risks(
    client: GraphQLClient, marketplace: dict[str, dict[str, Any]]
) -> None:
    scope = scope_input(
        budget={"min": "40", "max": "70", "currency": "EUR", "pricing": "HOURLY"},
        minOverlapHours=4,
    )

    result = match(client, scope)

    assert result["userErrors"] == []
    names = [edge["node"]["vendor"]["name"] for edge in result["edges"]]
    assert names[0] == "Warsaw React House"
    assert set(names) == {v["name"] for v in marketplace.values()}
    for rank, edge in enumerate(result["edges"], start=1):
        node = edge["node"]
        assert node["rank"] == rank
        assert 0 <= node["score"] <= 1
        assert all(0 <= value <= 1 for value in node["factors"].values())
        assert node["reasons"], node
    scores = [edge["node"]["score"] for edge in result["edges"]]
    assert scores == sorted(scores, reverse=True)
    manila = next(
        e["node"] for e in result["edges"] if e["node"]["vendor"]["name"].startswith("Manila")
    )
    assert any(risk["kind"] == "COMMUNICATION" for risk in manila["risks"])


def test_required_certification_is_a_hard_constraint_and_counted(
    client: GraphQLClient, marketplace: dict[str, dict[str, Any]]
) -> None:
    result = match(client, scope_input(requiredCertifications=["ISO_27001"]))

    names = {edge["node"]["vendor"]["name"] for edge in result["edges"]}
    assert "Manila Night Shift" not in names
    assert {"constraint": "requiredCertifications", "count": 1} in result["excluded"]
    assert result["considered"] == result["totalCount"] == 2  # those left after constraints


def test_request_weights_override_and_are_reported(
    client: GraphQLClient, marketplace: dict[str, dict[str, Any]]
) -> None:
    scope = scope_input(budget={"min": "15", "max": "30", "currency": "USD", "pricing": "HOURLY"})

    cheap_first = match(client, scope, weights={"cost": 50, "skill": 0.1})

    assert cheap_first["weights"]["source"] == "REQUEST"
    assert cheap_first["weights"]["cost"] > 0.9
    assert cheap_first["edges"][0]["node"]["vendor"]["name"] == "Manila Night Shift"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"skills": [{"tag": "r" * 81}]}, ["scope", "skills", "0", "tag"], "TOO_LONG"),
        ({"timezone": "Mars/Olympus"}, ["scope", "timezone"], "INVALID"),
        (
            {"budget": {"min": "90", "max": "10", "currency": "EUR", "pricing": "HOURLY"}},
            ["scope", "budget", "min"],
            "OUT_OF_RANGE",
        ),
    ],
)
def test_invalid_scope_gets_user_errors_not_a_500(
    client: GraphQLClient, change: dict[str, Any], field: list[str], code: str
) -> None:
    result = match(client, scope_input(**change))

    assert result["edges"] == []
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in result["userErrors"]
    ]


def test_negative_weight_is_refused(client: GraphQLClient) -> None:
    result = match(client, scope_input(), weights={"cost": -1})

    assert result["userErrors"][0]["field"] == ["weights", "cost"]


def test_project_request_matches_use_the_stored_scope(
    client: GraphQLClient, marketplace: dict[str, dict[str, Any]]
) -> None:
    business = client.register("BUSINESS")
    project = client.post_project(business, publish=True)

    data = client.execute(PROJECT_MATCHES, {"id": project["id"]})

    edges = data["projectRequest"]["matches"]["edges"]
    assert edges[0]["node"]["vendor"]["name"] == "Warsaw React House"


@pytest.fixture
def second_worker(settings: Settings) -> Iterator[GraphQLClient]:
    """Another app instance on the same database, as a second uvicorn worker would be."""
    with TestClient(create_app(settings)) as http:
        yield GraphQLClient(http)


def test_a_write_through_one_worker_shows_in_the_next_match_of_another(
    client: GraphQLClient, second_worker: GraphQLClient
) -> None:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(
        owner, name="Gdansk Go Shop", expertise=[{"tag": "golang", "years": 5}]
    )
    react_scope = scope_input(skills=[{"tag": "react", "mustHave": True}])
    before = match(second_worker, react_scope)
    assert "Gdansk Go Shop" not in {e["node"]["vendor"]["name"] for e in before["edges"]}

    updated = client.execute(
        UPDATE_VENDOR,
        {"input": {"id": vendor["id"], "expertise": [{"tag": "react", "years": 4}]}},
        token=owner.token,
    )["updateVendorProfile"]
    assert updated["userErrors"] == []

    after = match(second_worker, react_scope)
    assert "Gdansk Go Shop" in {e["node"]["vendor"]["name"] for e in after["edges"]}
