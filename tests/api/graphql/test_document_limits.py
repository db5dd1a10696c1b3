"""Unit checks behind the served tier's limit tests: the validation cache ignores
comments, shapes are bounded before validation, client addresses, rates."""

from __future__ import annotations

import uuid

import pytest
from graphql import DocumentNode, get_introspection_query, parse

from api.core.ratelimit import MemoryWindows, Rate
from api.graphql import validation
from api.graphql.clients import client_ip
from api.graphql.cost import DEFAULT_LIST_SIZE, query_cost
from api.graphql.documents import ShapeLimits, check_shape
from api.graphql.validation import validation_cache
from api.reference import queries as reference
from api.reference.codes import country_names, currency_names, language_names
from api.reference.regions import regions
from api.schema import schema
from tests.graphql_client import GraphQLClient


def test_a_unique_comment_does_not_buy_a_fresh_validation(client: GraphQLClient) -> None:
    query = "{ tags(first: 2) { slug related { slug } } }"
    client.execute(f"# {uuid.uuid4()}\n{query}")
    misses = validation_cache.misses

    for _ in range(3):
        client.execute(f"# {uuid.uuid4()}\n{query}\n# {uuid.uuid4()}")

    assert validation_cache.misses == misses


def test_a_repeated_document_is_neither_validated_nor_printed_again(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = f"{{ tags(first: 2) {{ slug }} }} # {uuid.uuid4()}"
    client.execute(query)
    misses = validation_cache.misses
    printed: list[DocumentNode] = []
    print_ast = validation.print_ast

    def counted_print(document: DocumentNode) -> str:
        printed.append(document)
        return print_ast(document)

    monkeypatch.setattr(validation, "print_ast", counted_print)

    client.execute(query)

    assert validation_cache.misses == misses
    assert printed == []


def test_invalid_documents_keep_their_own_error_locations(client: GraphQLClient) -> None:
    for padding in ("", "\n\n"):
        body = client.post(f"{padding}{{ nope }}").json()
        assert body["errors"][0]["locations"] == [{"line": 1 + len(padding), "column": 3}]


def test_repeats_through_fragments_count_as_the_validator_sees_them(
    client: GraphQLClient,
) -> None:
    query = "{ ...A ...A } fragment A on Query { " + " viewer { id }" * 11 + " }"

    body = client.post(query).json()

    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"


LIMITS = ShapeLimits(max_fields=1_000, max_repeated=20, max_depth=12, max_aliases=30)


def test_graphiqls_schema_query_fits_the_shape_bounds_and_the_cost_limit() -> None:
    document = parse(get_introspection_query())

    check_shape(document, LIMITS)
    # Half the default limit, so the schema can grow a good deal before the IDE is refused.
    assert 1_000 < query_cost(schema._schema, document, None, None) <= 10_000


def _of_type_chain(depth: int) -> str:
    """`__schema { types { fields { type { ofType { ... } } } } }`, `depth` ofTypes deep."""
    chain = "name"
    for _ in range(depth):
        chain = f"name ofType {{ {chain} }}"
    return f"{{ __schema {{ types {{ fields {{ type {{ {chain} }} }} }} }} }}"


def test_of_type_past_the_schemas_deepest_wrapping_costs_nothing_more() -> None:
    def cost(depth: int) -> int:
        return query_cost(schema._schema, parse(_of_type_chain(depth)), None, None)

    # `[String!]!` is three wrappers deep: a fourth ofType and beyond are always null.
    assert cost(1) < cost(2) < cost(3)
    assert cost(4) == cost(8) == cost(20)
    assert cost(4) - cost(3) <= cost(3) - cost(2)


def test_fragments_are_merged_as_the_validator_merges_them_within_bounds() -> None:
    fragments = "fragment A on Query { viewer { id } } fragment B on Query { ...A viewer { id } }"

    check_shape(parse("{ ...A ...B ...B } " + fragments), LIMITS)


def test_reference_lists_declare_at_least_what_they_return() -> None:
    assert len(country_names()) <= reference.COUNTRIES
    assert len(language_names()) <= reference.LANGUAGES
    assert len(currency_names()) <= reference.CURRENCIES
    # Each region's countries are priced at the default size; the regions make up for it.
    assert len(regions()) <= reference.REGIONS
    assert sum(len(c) for _, c in regions().values()) <= reference.REGIONS * DEFAULT_LIST_SIZE


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "expected"),
    [
        ("", "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # the header is ignored
        ("127.0.0.1", "127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.0/8", "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        ("127.0.0.1", "127.0.0.1", "not an address", "127.0.0.1"),
        ("127.0.0.1", "127.0.0.1", None, "127.0.0.1"),
    ],
)
def test_the_client_address(trusted: str, peer: str, forwarded: str | None, expected: str) -> None:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    scope = {"type": "http", "client": (peer, 1234), "headers": headers}

    assert client_ip(scope, trusted) == expected


def test_rates_and_fixed_windows() -> None:
    assert Rate.parse("10/15minute") == Rate(10, 900)
    assert Rate.parse("5/hours") == Rate(5, 3600)
    assert Rate.parse("100/30") == Rate(100, 30)
    with pytest.raises(ValueError):
        Rate.parse("ten a minute")
    now = [0.0]
    windows = MemoryWindows(clock=lambda: now[0])
    rate = Rate(3, 60)

    assert windows.acquire("k", rate, 2).allowed
    refused = windows.acquire("k", rate, 2)  # would cross the limit: takes nothing
    assert not refused.allowed and refused.retry_after == 60
    assert windows.acquire("k", rate, 1).allowed
    now[0] = 60.0
    assert windows.acquire("k", rate, 3).allowed
