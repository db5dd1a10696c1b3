"""Vendors create and edit their own profiles over GraphQL."""

from __future__ import annotations

from tests.graphql_client import UPDATE_VENDOR, GraphQLClient

VENDOR_BY_ID = "query ($id: ID!) { vendor(id: $id) { name version expertise { tag { slug } } } }"


def test_vendor_creates_profile_with_aliases_resolved(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")

    vendor = client.create_vendor(owner, expertise=[{"tag": "ReactJS", "years": 6}])

    assert vendor["version"] == 1
    assert vendor["country"] == {"code": "PL", "region": "Eastern Europe"}
    assert vendor["expertise"] == [{"tag": {"slug": "react"}, "years": 6.0}]
    fetched = client.execute(VENDOR_BY_ID, {"id": vendor["id"]})["vendor"]
    assert fetched["name"] == vendor["name"]


def test_stale_expected_version_is_a_conflict_and_writes_nothing(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    vendor = client.create_vendor(owner)
    first = client.execute(
        UPDATE_VENDOR,
        {"input": {"id": vendor["id"], "expectedVersion": 1, "headline": "Now with Go"}},
        token=owner.token,
    )["updateVendorProfile"]
    assert first["userErrors"] == []
    assert first["vendor"]["version"] == 2

    stale = client.execute(
        UPDATE_VENDOR,
        {"input": {"id": vendor["id"], "expectedVersion": 1, "name": "Overwritten"}},
        token=owner.token,
    )["updateVendorProfile"]

    assert stale["vendor"] is None
    assert stale["userErrors"][0]["code"] == "CONFLICT"
    assert stale["userErrors"][0]["field"] == ["input", "expectedVersion"]
    after = client.execute(VENDOR_BY_ID, {"id": vendor["id"]})["vendor"]
    assert after["name"] == vendor["name"]
    assert after["version"] == 2


VERIFY = """
mutation ($input: VerifyVendorInput!) {
  verifyVendor(input: $input) { vendor { verified } userErrors { code } }
}
"""


def test_admin_verifies_a_vendor(client: GraphQLClient) -> None:
    vendor = client.create_vendor(client.register("VENDOR"))
    admin = client.admin()

    data = client.execute(VERIFY, {"input": {"id": vendor["id"]}}, token=admin.token)

    assert data["verifyVendor"] == {"vendor": {"verified": True}, "userErrors": []}
