"""The app answers every document byte for byte as it did with graphql-core completing
each field: the suite's vendor documents, a full profile with fragments and aliases, the
benchmark's page, and documents that fail (request errors, field errors, bad input)."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.compiled import CompilingExecutor
from api.schema import schema as app_schema
from benchmarks.api.operations import VENDOR_BY_ID, VENDORS_PAGE
from tests.api.vendors import test_vendor_queries
from tests.api.vendors.test_rating_score import BENCH_PAGE, BY_RATING
from tests.api.vendors.test_vendor_queries import (
    BY_SLUG,
    COUNTRIES,
    PAGE,
    REGIONS,
    TAGS,
    VENDOR_NAMES,
)
from tests.graphql_client import VENDOR_FIELDS, GraphQLClient

# Four vendors on three continents, two reviewed, one verified (a fixture).
market = test_vendor_queries.market

PROFILE = f"""
query Profile($id: ID!) {{
  vendor(id: $id) {{
    {VENDOR_FIELDS}
    __typename
    ...Extras
    again: name
    otherSkills {{ name years }}
    rating {{ count average quality communication timeliness value onTimeRate bayesianAverage }}
    responseTime {{ medianHours p90Hours samples measured }}
    staffedHours {{ hoursPerDay daysPerWeek declared }}
    hourlyRateIn(currency: "EUR") {{ min max currency }}
    isMine verificationNote region
  }}
}}
fragment Extras on Vendor {{ ... on Vendor {{ foundedYear verifiedAt createdAt updatedAt }} }}
"""
SKILLS_PAGE = """
query ($first: Int, $with: Boolean!) {
  vendors(first: $first) {
    edges { cursor node { name otherSkills { name years } expertise @include(if: $with) {
      tag { id slug name category } years } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}
"""
FAILING: list[tuple[str, dict[str, Any]]] = [
    ("{ vendors(first: 5) { edges { node { name nope } } } }", {}),  # validation
    ("{ vendor { name } }", {}),  # neither id nor slug: a field error
    ('{ vendors(filter: {country: "XX"}) { edges { node { name } } } }', {}),
    ("query ($after: String) { vendors(after: $after) { totalCount } }", {"after": "bad"}),
    ("{ vendors(first: 100000) { totalCount } }", {}),
    ('{ vendor(slug: "missing") { name expertise { years } } }', {}),
    ("{ vendors(first: 2) { edges { node { name } } } ", {}),  # syntax
]


def _documents(vendor_ids: list[str], slug: str) -> list[tuple[str, dict[str, Any]]]:
    one = vendor_ids[0]
    return [
        (VENDORS_PAGE, {}),
        (VENDOR_BY_ID, {"id": one}),
        (BENCH_PAGE, {"first": 20}),
        (BY_RATING, {"first": 2}),
        (PAGE, {"first": 3}),
        (VENDOR_NAMES, {"orderBy": {"field": "NAME"}, "first": 2}),
        (VENDOR_NAMES, {"filter": {"tagsAny": ["react"]}, "search": "software"}),
        (BY_SLUG, {"slug": slug}),
        (TAGS, {"search": "rea"}),
        (REGIONS, {}),
        (COUNTRIES, {}),
        (PROFILE, {"id": one}),
        (PROFILE, {"id": vendor_ids[-1]}),
        (SKILLS_PAGE, {"first": 3, "with": True}),
        (SKILLS_PAGE, {"first": 3, "with": False}),
        *FAILING,
    ]


def _responses(
    client: GraphQLClient, documents: list[tuple[str, dict[str, Any]]], token: str
) -> list[tuple[int, bytes]]:
    answers = []
    for document, variables in documents:
        for with_token in (None, token):
            response = client.post(document, variables, token=with_token)
            answers.append((response.status_code, response.content))
    return answers


def test_the_app_answers_as_with_graphql_core_completing_every_field(
    client: GraphQLClient, market: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert app_schema.execution_context_class is CompilingExecutor
    vendors = list(market.values())
    owner = client.register("VENDOR")
    mine = client.create_vendor(owner, name="Owned Vendor Ltd")
    documents = _documents([v["id"] for v in vendors] + [mine["id"]], vendors[0]["slug"])

    compiled = _responses(client, documents, owner.token)
    monkeypatch.setattr(
        app_schema, "execution_context_class", StrawberryGraphQLCoreExecutionContext
    )
    plain = _responses(client, documents, owner.token)

    assert compiled == plain
    statuses = {status for status, _body in compiled}
    assert statuses >= {200, 400}
    # Every failing document but the missing slug (a null vendor) answers errors.
    assert sum(b'"errors"' in body for _status, body in compiled) >= 2 * (len(FAILING) - 1)
