"""Request bodies past MAX_REQUEST_BYTES (1 MB by default) get a 413 before the worker
buffers them, whether they declare their length or stream it in chunks."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2 as httpx

from tests.served.conftest import Server

GRAPHQL_JSON = {"accept": "application/graphql-response+json"}
LIMIT = 1_000_000


def assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/graphql-response+json")
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert str(LIMIT) in error["message"]


def test_a_declared_length_past_the_limit_is_refused_unread(http: httpx.Client) -> None:
    body = b'{"query": "{ __typename }", "variables": {"pad": "' + b"x" * (5 * LIMIT) + b'"}}'

    assert_too_large(http.post("/graphql", content=body, headers=GRAPHQL_JSON))


def test_a_chunked_body_is_refused_once_it_crosses_the_limit(http: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "{ __typename }", "variables": {"pad": "'
        for _ in range(40):
            yield b"x" * 100_000
        yield b'"}}'

    headers = {**GRAPHQL_JSON, "content-type": "application/json"}
    assert_too_large(http.post("/graphql", content=chunks(), headers=headers))


def test_a_body_under_the_limit_is_served(server: Server, http: httpx.Client) -> None:
    variables = {"pad": "x" * (LIMIT - 1000)}

    response = http.post("/graphql", json={"query": "{ __typename }", "variables": variables})

    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}
    assert http.get("/healthz").status_code == 200
