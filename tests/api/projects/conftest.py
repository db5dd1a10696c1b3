"""Six actors for the audience tests: anonymous, business A (the owner), business B,
vendor A's owner (the one invited), vendor B's owner (never invited), and an admin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from api.core import clock
from api.events.models import Event
from api.graphql.ids import decode
from tests.graphql_client import USER_ERRORS, Account, GraphQLClient

ACTORS = ["anonymous", "business_a", "business_b", "vendor_a", "vendor_b", "admin"]

INVITE = f"""
mutation ($input: InviteVendorInput!) {{
  inviteVendor(input: $input) {{ invitation {{ id status expiresAt }} {USER_ERRORS} }}
}}
"""
REQUEST = """
query ($id: ID!) {
  projectRequest(id: $id) {
    id title description summary confidential ndaRequired ndaText ndaAccepted
    attachmentNames visibility status
  }
}
"""


@dataclass
class Cast:
    client: GraphQLClient
    accounts: dict[str, Account] = field(default_factory=dict)
    vendors: dict[str, dict[str, Any]] = field(default_factory=dict)

    def token(self, actor: str) -> str | None:
        return None if actor == "anonymous" else self.accounts[actor].token

    def run(self, actor: str, query: str, **variables: Any) -> Any:
        return self.client.execute(query, variables, token=self.token(actor))

    def mutate(self, actor: str, query: str, name: str, **fields: Any) -> Any:
        """The payload of mutation `name` with `fields` as its input."""
        return self.run(actor, query, input=fields)[name]

    def post(self, actor: str = "business_a", **overrides: Any) -> str:
        """A request posted (OPEN unless `publish=False` is passed) by `actor`."""
        overrides.setdefault("publish", True)
        return self.client.post_project(self.accounts[actor], **overrides)["id"]

    def invite(self, project_id: str, vendor: str = "vendor_a", **fields: Any) -> Any:
        payload = self.mutate(
            "business_a",
            INVITE,
            "inviteVendor",
            projectRequestId=project_id,
            vendorId=self.vendors[vendor]["id"],
            **fields,
        )
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload["invitation"]

    def events(self) -> list[Event]:
        """Every event emitted so far, oldest first."""
        state = self.client.http.app.state.vendormatch  # type: ignore[attr-defined]

        async def read() -> list[Event]:
            async with state.sessions() as session:
                statement = select(Event).order_by(Event.id)  # type: ignore[arg-type]
                return list((await session.execute(statement)).scalars())

        return self.client.http.portal.call(read)  # type: ignore[no-any-return,union-attr]

    def account_id(self, actor: str) -> int:
        decoded = decode(self.accounts[actor].id)
        assert decoded is not None
        return decoded[1]

    def request(self, actor: str, project_id: str) -> Any:
        return self.run(actor, REQUEST, id=project_id)["projectRequest"]


@pytest.fixture
def cast(client: GraphQLClient) -> Cast:
    cast = Cast(client)
    for name in ("business_a", "business_b"):
        cast.accounts[name] = client.register("BUSINESS")
    for name in ("vendor_a", "vendor_b"):
        cast.accounts[name] = client.register("VENDOR")
        cast.vendors[name] = client.create_vendor(cast.accounts[name])
    cast.accounts["admin"] = client.admin()
    return cast


class Clock:
    """Moves `api.core.clock.utcnow` forward for everything that reads it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offset = timedelta()
        real = clock.utcnow
        monkeypatch.setattr(clock, "utcnow", lambda: real() + self.offset)

    def advance(self, **delta: float) -> datetime:
        self.offset += timedelta(**delta)
        return clock.utcnow()


@pytest.fixture
def moved_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    yield Clock(monkeypatch)
