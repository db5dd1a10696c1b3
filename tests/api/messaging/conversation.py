"""Shared steps for the messaging tests: the parties of a request, and the GraphQL they send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from tests.graphql_client import Account, GraphQLClient

ERRORS = "userErrors { field message code }"
SEND = f"""
mutation ($input: SendMessageInput!) {{
  sendMessage(input: $input) {{
    message {{ id body side isMine responseSeconds createdAt }}
    thread {{ id kind }}
    {ERRORS}
  }}
}}
"""
MARK_READ = f"""
mutation ($input: MarkThreadReadInput!) {{
  markThreadRead(input: $input) {{ thread {{ id unreadCount }} {ERRORS} }}
}}
"""
THREADS = """
query ($first: Int, $after: String, $unreadOnly: Boolean) {
  threads(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id kind unreadCount lastMessageAt mySide vendor { id } projectRequest { id }
        client { reviewCount averageRating }
      }
    }
  }
}
"""
THREAD = """
query ($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    ... on Thread {
      id kind unreadCount
      messages(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id body side isMine } }
      }
    }
  }
}
"""
RESPONSE_TIME = """
query ($id: ID!) {
  vendor(id: $id) { medianResponseHours responseTime { medianHours p90Hours samples measured } }
}
"""
PUBLISHABLE: dict[str, Any] = {
    "publish": True,
    "acceptanceCriteria": ["The dashboard passes the agreed test plan"],
    "communicationPlan": "Weekly call on Mondays; Slack for questions.",
}


@dataclass
class Parties:
    """Business A posted `project`; vendor A's owner owns `vendor`; B's are strangers."""

    business: Account
    other_business: Account
    vendor_owner: Account
    other_vendor_owner: Account
    admin: Account
    vendor: dict[str, Any]
    other_vendor: dict[str, Any]
    project: dict[str, Any]

    def account(self, who: str) -> Account | None:
        return {
            "anonymous": None,
            "business A": self.business,
            "business B": self.other_business,
            "vendor A": self.vendor_owner,
            "vendor B": self.other_vendor_owner,
            "admin": self.admin,
        }[who]


def parties(client: GraphQLClient, **project: Any) -> Parties:
    business = client.register("BUSINESS")
    vendor_owner = client.register("VENDOR")
    other_vendor_owner = client.register("VENDOR")
    return Parties(
        business=business,
        other_business=client.register("BUSINESS"),
        vendor_owner=vendor_owner,
        other_vendor_owner=other_vendor_owner,
        admin=client.admin(),
        vendor=client.create_vendor(vendor_owner, medianResponseHours=2),
        other_vendor=client.create_vendor(other_vendor_owner),
        project=client.post_project(business, **{**PUBLISHABLE, **project}),
    )


def send(
    client: GraphQLClient, account: Account | None, body: str = "Hello", **target: Any
) -> dict[str, Any]:
    """The sendMessage payload; `target` is threadId, or projectRequestId and vendorId."""
    token = account.token if account else None
    data = client.execute(SEND, {"input": {"body": body, **target}}, token=token)
    return data["sendMessage"]


def contact(client: GraphQLClient, p: Parties, account: Account, body: str = "Hello") -> str:
    """`account` writes on the request's thread with vendor A; the thread's id."""
    payload = send(client, account, body, projectRequestId=p.project["id"], vendorId=p.vendor["id"])
    assert payload["userErrors"] == [], payload
    return str(payload["thread"]["id"])


def reply(client: GraphQLClient, account: Account, thread_id: str, body: str) -> dict[str, Any]:
    payload = send(client, account, body, threadId=thread_id)
    assert payload["userErrors"] == [], payload
    return payload["message"]


def threads(client: GraphQLClient, account: Account, **variables: Any) -> dict[str, Any]:
    return client.execute(THREADS, variables, token=account.token)["threads"]


class Clock:
    """Moves the time messaging reads, so response times can be measured in tests."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, start: datetime) -> None:
        self.now = start
        monkeypatch.setattr("api.messaging.service.utcnow", lambda: self.now)

    def set(self, moment: datetime) -> None:
        self.now = moment
