"""The parties of the events tests: two businesses, two vendors, an admin, and an event
(an award) that concerns exactly one of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.graphql_client import Account, GraphQLClient

AWARD = """mutation ($input: AwardProjectRequestInput!) {
  awardProjectRequest(input: $input) { userErrors { field message code } } }"""
NOTIFICATIONS = """query ($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount unreadCount pageInfo { hasNextPage endCursor }
    edges { node { id kind summary payload readAt subjectType subjectId
      subject { __typename ... on ProjectRequest { id title } } } }
  }
}"""
ROLES = ["anonymous", "business_a", "business_b", "vendor_a", "vendor_b", "admin"]


@dataclass(frozen=True)
class Parties:
    business_a: Account
    business_b: Account
    vendor_a: Account
    vendor_b: Account
    admin: Account
    vendor_a_id: str
    vendor_b_id: str

    def token(self, role: str) -> str | None:
        account: Account | None = getattr(self, role, None)
        return account.token if account is not None else None


def parties(client: GraphQLClient) -> Parties:
    vendor_a, vendor_b = client.register("VENDOR"), client.register("VENDOR")
    return Parties(
        business_a=client.register("BUSINESS"),
        business_b=client.register("BUSINESS"),
        vendor_a=vendor_a,
        vendor_b=vendor_b,
        admin=client.admin(),
        vendor_a_id=client.create_vendor(vendor_a)["id"],
        vendor_b_id=client.create_vendor(vendor_b)["id"],
    )


def award(client: GraphQLClient, business: Account, vendor_id: str, title: str) -> str:
    """Business awards a new request to the vendor (AWARDED, to the vendor's owner); the
    request's id."""
    project = client.post_project(business, title=title, publish=True)
    answer = client.execute(
        AWARD, {"input": {"id": project["id"], "vendorId": vendor_id}}, token=business.token
    )
    assert answer["awardProjectRequest"]["userErrors"] == []
    return str(project["id"])


def notifications(client: GraphQLClient, token: str, **variables: Any) -> dict[str, Any]:
    connection: dict[str, Any] = client.execute(NOTIFICATIONS, variables, token=token)[
        "notifications"
    ]
    return connection


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]
