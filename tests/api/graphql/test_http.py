"""The /graphql endpoint follows GraphQL over HTTP, enforces its limits, and never answers 500."""

from __future__ import annotations

import base64
import json
import random
from typing import Any

import pytest

from tests.graphql_client import GraphQLClient

GRAPHQL_RESPONSE = "application/graphql-response+json"
TYPENAME = "{ __typename }"
VENDORS_PAGE = (
    "query ($first: Int, $after: String) { vendors(first: $first, after: $after) { totalCount } }"
)
REGIONS = "{ regions { name } }"


def media_type(response: Any) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def post_json(client: GraphQLClient, body: bytes | str, **headers: str) -> Any:
    return client.http.post(
        "/graphql", content=body, headers={"content-type": "application/json", **headers}
    )


def assert_request_error(response: Any, status: int = 400) -> dict[str, Any]:
    """A request error: the status, a JSON body with errors and no `data` entry."""
    assert response.status_code == status, response.text
    body = response.json()
    assert "data" not in body
    assert body["errors"] and all(error["message"] for error in body["errors"])
    return body


def test_post_answers_with_the_graphql_response_media_type(client: GraphQLClient) -> None:
    response = client.http.post("/graphql", json={"query": TYPENAME})

    assert response.status_code == 200
    assert media_type(response) == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_client_accepting_only_json_gets_json(client: GraphQLClient) -> None:
    response = client.http.post(
        "/graphql", json={"query": TYPENAME}, headers={"accept": "application/json"}
    )

    assert response.status_code == 200
    assert media_type(response) == "application/json"


def test_a_client_accepting_neither_json_type_is_refused(client: GraphQLClient) -> None:
    response = client.http.post(
        "/graphql", json={"query": TYPENAME}, headers={"accept": "text/csv"}
    )

    assert response.status_code == 406


def test_get_runs_queries(client: GraphQLClient) -> None:
    response = client.http.get(
        "/graphql",
        params={"query": VENDORS_PAGE, "variables": json.dumps({"first": 5})},
        headers={"accept": GRAPHQL_RESPONSE},
    )

    assert response.status_code == 200
    assert media_type(response) == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"vendors": {"totalCount": 0}}}


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, "application/json"])
def test_a_mutation_over_get_is_405_with_allow(client: GraphQLClient, accept: str) -> None:
    query = 'mutation { login(input: {email: "a@b.co", password: "x"}) { token } }'

    response = client.http.get("/graphql", params={"query": query}, headers={"accept": accept})

    assert_request_error(response, 405)
    assert "POST" in response.headers["allow"]
    assert "GET" not in response.headers["allow"]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("{ vendors { ", "Syntax Error"),
        ("{ nope }", "Cannot query field 'nope'"),
        ("query ($f: Int) { vendors(first: $g) { totalCount } }", "$g"),
        ("{ vendors(first: 1) }", "must have a selection"),
    ],
    ids=["parse", "unknown-field", "undefined-variable", "no-selection"],
)
def test_a_document_that_fails_to_parse_or_validate_is_400_without_data(
    client: GraphQLClient, query: str, fragment: str
) -> None:
    body = assert_request_error(client.http.post("/graphql", json={"query": query}))

    assert fragment in body["errors"][0]["message"]


def test_several_operations_need_an_operation_name(client: GraphQLClient) -> None:
    document = "query A { viewer { id } } query B { tags(first: 1) { slug } }"

    unnamed = client.http.post("/graphql", json={"query": document})
    named = client.http.post("/graphql", json={"query": document, "operationName": "B"})

    body = assert_request_error(unnamed)
    assert "operationName" in body["errors"][0]["message"]
    assert named.status_code == 200
    assert list(named.json()["data"]) == ["tags"]


def test_a_bad_variable_is_a_request_error(client: GraphQLClient) -> None:
    response = client.post(VENDORS_PAGE, {"first": "ten"})

    body = assert_request_error(response)
    assert "$first" in body["errors"][0]["message"]


def test_legacy_json_clients_get_200_for_validation_errors(client: GraphQLClient) -> None:
    response = client.http.post(
        "/graphql", json={"query": "{ nope }"}, headers={"accept": "application/json"}
    )

    assert response.status_code == 200
    assert "data" not in response.json()


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"", b'"a string"', b"null", b"42", b"\xff\xfe\x00", b"[" * 50_000],
    ids=["syntax", "empty", "string", "null", "number", "bad-utf8", "nested-too-deep"],
)
def test_a_malformed_json_body_is_a_400_json_error(client: GraphQLClient, body: bytes) -> None:
    response = post_json(client, body)

    assert_request_error(response)
    assert media_type(response) == GRAPHQL_RESPONSE


@pytest.mark.parametrize(
    ("field", "value"),
    [("query", 5), ("variables", "x"), ("variables", [1]), ("extensions", 3), ("query", None)],
)
def test_wrongly_typed_request_parameters_are_400(
    client: GraphQLClient, field: str, value: object
) -> None:
    body = {"query": TYPENAME, field: value}

    assert_request_error(client.http.post("/graphql", json=body))


def test_batches_are_refused(client: GraphQLClient) -> None:
    assert_request_error(client.http.post("/graphql", json=[{"query": TYPENAME}]))


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_an_unsupported_content_type_is_a_4xx(client: GraphQLClient, content_type: str) -> None:
    response = client.http.post(
        "/graphql", content=TYPENAME.encode(), headers={"content-type": content_type}
    )

    assert 400 <= response.status_code < 500
    assert response.json()["errors"]


def test_multipart_uploads_are_off(client: GraphQLClient) -> None:
    operations = json.dumps({"query": TYPENAME, "variables": {"file": None}})

    response = client.http.post(
        "/graphql",
        data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("a.txt", b"hello", "text/plain")},
    )

    assert_request_error(response, status=415)  # multipart is not a type this endpoint takes


def test_a_browser_gets_graphiql(client: GraphQLClient) -> None:
    response = client.http.get("/graphql", headers={"accept": "text/html,*/*;q=0.8"})

    assert response.status_code == 200
    assert media_type(response) == "text/html"
    assert "graphiql" in response.text.lower()


def test_healthz(client: GraphQLClient) -> None:
    response = client.http.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_an_invalid_token_is_401(client: GraphQLClient) -> None:
    response = client.post(TYPENAME, token="not-a-token")

    assert_request_error(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")


# --- limits -----------------------------------------------------------------------------


def nested_reviews(levels: int) -> str:
    inner = "id"
    for _ in range(levels):
        inner = f"reviews {{ edges {{ node {{ vendor {{ {inner} }} }} }} }}"
    return f"{{ vendors {{ edges {{ node {{ {inner} }} }} }} }}"


def test_depth_limit(client: GraphQLClient) -> None:
    assert client.post(nested_reviews(1)).status_code == 200

    body = assert_request_error(client.post(nested_reviews(4)))

    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


def test_alias_limit(client: GraphQLClient) -> None:
    def aliases(count: int) -> str:
        return "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"

    assert client.post(aliases(30)).status_code == 200

    body = assert_request_error(client.post(aliases(31)))

    assert "aliases" in body["errors"][0]["message"]


def test_token_limit(client: GraphQLClient) -> None:
    query = "{ " + "__typename " * 2100 + "}"

    body = assert_request_error(client.post(query))

    assert "more than 2000 tokens" in body["errors"][0]["message"]


@pytest.mark.parametrize("first", [101, -1])
def test_page_size_is_bounded_and_the_error_names_first(client: GraphQLClient, first: int) -> None:
    response = client.post(VENDORS_PAGE, {"first": first})

    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert "`first`" in error["message"]
    assert error["path"] == ["vendors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_nested_page_size_is_bounded_too(client: GraphQLClient) -> None:
    client.create_vendor(client.register("VENDOR"))

    response = client.post("{ vendors { edges { node { reviews(first: 500) { totalCount } } } } }")

    [error] = response.json()["errors"]
    assert "`first`" in error["message"]


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "after",
    ["zzz", "é", cursor("offset:-1"), cursor("page:3"), cursor("offset:" + "9" * 30)],
    ids=["garbage", "non-ascii", "negative", "other-kind", "overflowing"],
)
def test_a_bad_cursor_is_a_client_error(client: GraphQLClient, after: str) -> None:
    response = client.post(VENDORS_PAGE, {"after": after})

    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["message"].startswith("Invalid cursor for `after`")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_unexpected_exceptions_are_masked(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom() -> None:
        raise RuntimeError("secret connection string")

    monkeypatch.setattr("api.reference.queries.regions", boom)

    response = client.post(REGIONS)

    assert response.status_code == 200
    assert response.json()["errors"][0]["message"] == "Unexpected error."
    assert "secret" not in response.text


# --- fuzz -------------------------------------------------------------------------------

QUERY_TOKENS = [
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ":",
    "$",
    "$v",
    "...",
    "@include(if: true)",
    "query",
    "mutation",
    "subscription",
    "fragment F on Vendor",
    "vendors",
    "vendor",
    "node",
    "tags",
    "regions",
    "edges",
    "node",
    "totalCount",
    "first:",
    "after:",
    "filter:",
    "search:",
    "slug:",
    "id:",
    "0",
    "-1",
    "101",
    "2147483648",
    "1.5",
    '"x"',
    '"\\u0000"',
    '"reactt"',
    "null",
    "true",
    "__typename",
    "__schema",
    "login",
    "input:",
    "on",
    "#",
    ",",
    "!",
    "=",
    "\\",
    "\n",
    "'",
]
VARIABLE_VALUES: list[Any] = [
    None,
    0,
    -1,
    101,
    2**31,
    2**70,
    1.5,
    float("1e308"),
    "",
    "x",
    "\u0000",
    "é" * 300,
    [],
    [None],
    [[[[]]]],
    {},
    {"a": {"b": [1, {"c": None}]}},
    True,
    "offset:5",
    "zzz==",
]
QUERIES_WITH_VARIABLES = [
    VENDORS_PAGE,
    "query ($v: String) { vendors(search: $v) { totalCount } }",
    "query ($v: String) { vendor(slug: $v) { id } }",
    "query ($v: ID!) { node(id: $v) { id } }",
    "query ($v: VendorFilter) { vendors(filter: $v) { totalCount } }",
    "query ($v: String) { tags(search: $v) { slug } }",
    "mutation ($v: LoginInput!) { login(input: $v) { token } }",
    "mutation ($v: CreateVendorProfileInput!) { createVendorProfile(input: $v) { vendor { id } } }",
]


def random_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 3 and roll < 0.3:
        keys = ["first", "after", "tagsAny", "email", "password", "search", "name", "country"]
        return {rng.choice(keys): random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return rng.choice(VARIABLE_VALUES)


def fuzz_request(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """One malformed request: (method, keyword arguments for the test client)."""
    kind = rng.randrange(6)
    json_headers = {"content-type": "application/json"}
    if kind == 0:  # random bytes
        body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 64)))
        return "POST", {"content": body, "headers": json_headers}
    if kind == 1:  # a valid request, damaged
        text = json.dumps({"query": rng.choice(QUERIES_WITH_VARIABLES), "variables": {}})
        cut = rng.randrange(len(text))
        damaged = text[:cut] + rng.choice(['"', "{", "]", "", "\\", "\x00"]) + text[cut + 1 :]
        return "POST", {"content": damaged.encode(), "headers": json_headers}
    if kind == 2:  # token soup
        query = " ".join(rng.choice(QUERY_TOKENS) for _ in range(rng.randint(1, 40)))
        return "POST", {"json": {"query": query}}
    if kind == 3:  # a known query with random variables
        query = rng.choice(QUERIES_WITH_VARIABLES)
        return "POST", {"json": {"query": query, "variables": {"v": random_value(rng)}}}
    if kind == 4:  # random top-level shape
        body = {
            rng.choice(["query", "variables", "operationName", "extensions", "x"]): random_value(
                rng
            )
            for _ in range(rng.randint(0, 4))
        }
        return "POST", {"json": body if rng.random() < 0.8 else random_value(rng)}
    params = {
        "query": rng.choice([*QUERIES_WITH_VARIABLES, "", "{", "mutation { x }"]),
        "variables": rng.choice(["", "{", "[]", "null", json.dumps({"v": random_value(rng)})]),
    }
    if rng.random() < 0.3:
        params["operationName"] = rng.choice(["", "A", "\u0000"])
    accept = rng.choice([GRAPHQL_RESPONSE, "application/json", "text/html", "*/*", "image/png"])
    return "GET", {"params": params, "headers": {"accept": accept}}


def test_fuzzed_requests_never_get_a_5xx(client: GraphQLClient) -> None:
    rng = random.Random(20240602)
    statuses: dict[int, int] = {}

    for _ in range(200):
        method, kwargs = fuzz_request(rng)
        response = client.http.request(method, "/graphql", **kwargs)
        assert response.status_code < 500, (method, kwargs, response.text)
        if media_type(response) != "text/html":
            body = response.json()
            assert "data" in body or body["errors"]
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    # The fuzz reaches both the transport and the executor.
    assert statuses.get(200, 0) > 10
    assert statuses.get(400, 0) > 10


@pytest.mark.parametrize(
    "raw",
    ["Vendor:99999999999999999999", "Vendor:²", "Vendor:0", "Foo:1", "nocolon", "%%%"],
)
def test_a_malformed_or_foreign_node_id_reads_as_null(client: GraphQLClient, raw: str) -> None:
    global_id = base64.b64encode(raw.encode()).decode() if raw != "%%%" else raw

    response = client.post("query ($id: ID!) { node(id: $id) { id } }", {"id": global_id})

    assert response.status_code == 200
    assert response.json() == {"data": {"node": None}}
