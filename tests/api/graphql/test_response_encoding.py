"""Response bodies are encoded by orjson: the same JSON, non-ASCII as UTF-8."""

from __future__ import annotations

import json

from api.graphql.http import GraphQLView
from tests.graphql_client import GraphQLClient

VENDORS_PAGE = "query ($first: Int) { vendors(first: $first) { totalCount } }"


def test_non_ascii_text_is_sent_as_utf8(client: GraphQLClient) -> None:
    # A bad variable's error quotes the value the client sent.
    response = client.http.post(
        "/graphql", json={"query": VENDORS_PAGE, "variables": {"first": "café ☕"}}
    )

    assert response.status_code == 400
    assert "café ☕".encode() in response.content
    assert "café ☕" in response.json()["errors"][0]["message"]


def test_the_body_is_the_compact_json_of_the_result(client: GraphQLClient) -> None:
    response = client.http.post("/graphql", json={"query": "{ __typename }"})

    assert response.content == b'{"data":{"__typename":"Query"}}'


def test_what_orjson_refuses_falls_back_to_the_standard_library() -> None:
    huge = {"n": 2**70, "text": "\ud800"}  # past 64 bits, and a lone surrogate

    assert json.loads(GraphQLView.encode_json(huge)) == huge
