"""/metrics counts the SQL statements the process sends (vendormatch_sql_statements_total)."""

from __future__ import annotations

from tests.graphql_client import GraphQLClient

PAGE = "query { vendors(first: 5) { edges { node { name expertise { years } } } } }"
COUNTER = "vendormatch_sql_statements_total"


def statements_sent(client: GraphQLClient) -> float:
    response = client.http.get("/metrics")
    assert response.status_code == 200
    for line in response.text.splitlines():
        if line.startswith(COUNTER + " "):
            return float(line.split(" ")[1])
    raise AssertionError(f"{COUNTER} is not exposed")


def test_the_statement_counter_rises_by_the_statements_a_request_sends(
    client: GraphQLClient, statements: list[str]
) -> None:
    # given a vendor, so the page reads its expertise too
    client.create_vendor(client.register("VENDOR"))
    before = statements_sent(client)
    statements.clear()

    # when a page is read
    client.execute(PAGE)

    # then the counter rose by at least its statements (background polls may add more)
    after = statements_sent(client)
    assert statements
    assert after - before >= len(statements)
