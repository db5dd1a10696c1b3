"""`vendormatch serve` answers GraphQL over HTTP as a real process."""

from __future__ import annotations

import httpx2 as httpx
import pytest

from tests.served.conftest import Server, start_server, stop_server

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


def test_max_page_size_bounds_every_list(tmp_path_factory: pytest.TempPathFactory) -> None:
    # given an operator who allows pages of at most 5
    tmp = tmp_path_factory.mktemp("page-size")
    server = start_server(tmp, f"sqlite:///{tmp / 'pages.db'}", extra_env={"MAX_PAGE_SIZE": "5"})
    try:

        def vendors(first: int) -> dict[str, object]:
            query = "query ($first: Int) { vendors(first: $first) { totalCount } }"
            body = {"query": query, "variables": {"first": first}}
            return dict(httpx.post(server.graphql, json=body).json())

        # then 5 is a page, and 6 is refused with the bound named
        assert vendors(5) == {"data": {"vendors": {"totalCount": 0}}}
        refused = vendors(6)
        assert refused["data"] is None
        errors = refused["errors"]
        assert isinstance(errors, list)
        assert "between 0 and 5" in errors[0]["message"]
    finally:
        stop_server(server)
