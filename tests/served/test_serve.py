"""`vendormatch serve` answers GraphQL over HTTP as a real process."""

from __future__ import annotations

import httpx2 as httpx

from tests.served.conftest import Server

TAGS = '{ tags(search: "react", first: 1) { slug } }'


def test_serve_answers_graphql_over_http(server: Server, http: httpx.Client) -> None:
    response = http.post(
        "/graphql", json={"query": TAGS}, headers={"accept": "application/graphql-response+json"}
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphql-response+json")
    assert response.json() == {"data": {"tags": [{"slug": "react"}]}}


def test_a_document_that_fails_validation_is_a_4xx(http: httpx.Client) -> None:
    response = http.post(
        "/graphql",
        json={"query": "{ nope }"},
        headers={"accept": "application/graphql-response+json"},
    )

    assert response.status_code == 400
    assert "data" not in response.json()
