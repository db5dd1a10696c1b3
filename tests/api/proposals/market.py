"""A small marketplace for proposal tests: two businesses, two vendors and an admin, a
published request of business A, and the proposal operations over GraphQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.graphql_client import USER_ERRORS, Account, GraphQLClient, scope_input

PROPOSAL_FIELDS = """
id status pricing estimatedHours approach revision version reason submittedAt updatedAt
price { amount currency } totalEstimate { amount currency }
priceInRequestCurrency { amount currency } totalInRequestCurrency { amount currency }
withinBudget meetsDeadline schedule { startDate endDate } team { size roles }
answers { position question required answer }
vendor { id name } projectRequest { id }
"""

SUBMIT = f"""
mutation ($input: SubmitProposalInput!) {{
  submitProposal(input: $input) {{ proposal {{ {PROPOSAL_FIELDS} }} {USER_ERRORS} }}
}}
"""
REVISE = f"""
mutation ($input: ReviseProposalInput!) {{
  reviseProposal(input: $input) {{ proposal {{ {PROPOSAL_FIELDS} }} {USER_ERRORS} }}
}}
"""
WITHDRAW = f"""
mutation ($input: WithdrawProposalInput!) {{
  withdrawProposal(input: $input) {{ proposal {{ {PROPOSAL_FIELDS} }} {USER_ERRORS} }}
}}
"""
DECLINE = f"""
mutation ($input: DeclineProposalInput!) {{
  declineProposal(input: $input) {{ proposal {{ {PROPOSAL_FIELDS} }} {USER_ERRORS} }}
}}
"""
COMPARE = """
query ($id: ID!, $first: Int, $after: String, $orderBy: ProposalOrder, $status: ProposalStatus) {
  proposalsForRequest(
    projectRequestId: $id, first: $first, after: $after, orderBy: $orderBy, status: $status
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id status vendor { id } totalInRequestCurrency { amount currency } withinBudget
      meetsDeadline matchScore
      matchFactors { skill cost timezone culture quality security }
      answers { question answer }
    } }
  }
}
"""
MINE = """
query ($first: Int, $after: String, $status: ProposalStatus) {
  myProposals(first: $first, after: $after, status: $status) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status vendor { id } } }
  }
}
"""
PROPOSAL = f"""
query ($id: ID!) {{ node(id: $id) {{ ... on Proposal {{ {PROPOSAL_FIELDS} }} }} }}
"""
NODE = """
query ($id: ID!) { node(id: $id) { __typename ... on Proposal { id status approach } } }
"""
POST = f"""
mutation ($input: PostProjectRequestInput!) {{
  postProjectRequest(input: $input) {{ projectRequest {{ id status }} {USER_ERRORS} }}
}}
"""
UPDATE = f"""
mutation ($input: UpdateProjectRequestInput!) {{
  updateProjectRequest(input: $input) {{ projectRequest {{ id status }} {USER_ERRORS} }}
}}
"""


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def request_input(**overrides: Any) -> dict[str, Any]:
    """A complete, published request (the completeness check passes)."""
    fields = scope_input(
        publish=True,
        deadline=days(150),
        startDate=days(20),
        acceptanceCriteria=["Dashboard passes the acceptance test suite"],
        communicationPlan="Weekly video check-in on Mondays; replies within one working day.",
    )
    fields.update(overrides)
    return fields


def proposal_input(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "price": {"pricing": "FIXED", "amount": "30000.00", "currency": "EUR"},
        "schedule": {"startDate": days(30), "endDate": days(120)},
        "team": {"size": 4, "roles": ["Tech lead", "React developer", "QA"]},
        "approach": "Two-week sprints with a demo at the end of each one.",
    }
    fields.update(overrides)
    return fields


class Market:
    """Business A owns `project`; vendor A (owned by `vendor_a_owner`) proposes on it."""

    def __init__(self, client: GraphQLClient, **request: Any) -> None:
        self.client = client
        self.business_a: Account = client.register("BUSINESS")
        self.business_b: Account = client.register("BUSINESS")
        self.vendor_a_owner: Account = client.register("VENDOR")
        self.vendor_b_owner: Account = client.register("VENDOR")
        self.vendor_a = client.create_vendor(self.vendor_a_owner)
        self.vendor_b = client.create_vendor(self.vendor_b_owner, name="Andes Digital")
        self.admin: Account = client.admin()
        self.project = self.post(self.business_a, **request)

    def post(self, business: Account, **overrides: Any) -> dict[str, Any]:
        data = self.client.execute(
            POST, {"input": request_input(**overrides)}, token=business.token
        )
        payload = data["postProjectRequest"]
        assert payload["userErrors"] == [], payload["userErrors"]
        project: dict[str, Any] = payload["projectRequest"]
        return project

    def update_project(self, **fields: Any) -> dict[str, Any]:
        variables = {"input": {"id": self.project["id"], **fields}}
        data = self.client.execute(UPDATE, variables, token=self.business_a.token)
        payload: dict[str, Any] = data["updateProjectRequest"]
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload

    def role(self, name: str) -> Account | None:
        """The account a matrix row names (None: anonymous)."""
        accounts: dict[str, Account | None] = {
            "anonymous": None,
            "business_a": self.business_a,
            "business_b": self.business_b,
            "vendor_a": self.vendor_a_owner,
            "vendor_b": self.vendor_b_owner,
            "admin": self.admin,
        }
        return accounts[name]

    def submit(
        self,
        *,
        token: str | None = None,
        vendor: dict[str, Any] | None = None,
        project: dict[str, Any] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """submitProposal's payload, by vendor A's owner unless told otherwise."""
        variables = {
            "input": {
                "projectRequestId": (project or self.project)["id"],
                "vendorId": (vendor or self.vendor_a)["id"],
                **proposal_input(**fields),
            }
        }
        token = self.vendor_a_owner.token if token is None else token
        payload: dict[str, Any] = self.client.execute(SUBMIT, variables, token=token or None)[
            "submitProposal"
        ]
        return payload

    def proposal(self, **fields: Any) -> dict[str, Any]:
        """A SUBMITTED proposal of vendor A on the request."""
        payload = self.submit(**fields)
        assert payload["userErrors"] == [], payload["userErrors"]
        proposal: dict[str, Any] = payload["proposal"]
        return proposal

    def run(self, query: str, name: str, token: str | None, **fields: Any) -> dict[str, Any]:
        payload: dict[str, Any] = self.client.execute(query, {"input": fields}, token=token)[name]
        return payload

    def revise(self, proposal_id: str, token: str | None = None, **fields: Any) -> dict[str, Any]:
        token = self.vendor_a_owner.token if token is None else token
        return self.run(REVISE, "reviseProposal", token or None, id=proposal_id, **fields)

    def withdraw(self, proposal_id: str, token: str | None = None, **fields: Any) -> dict[str, Any]:
        token = self.vendor_a_owner.token if token is None else token
        return self.run(WITHDRAW, "withdrawProposal", token or None, id=proposal_id, **fields)

    def decline(
        self, proposal_id: str, token: str | None = None, reason: str = "Over our budget."
    ) -> dict[str, Any]:
        token = self.business_a.token if token is None else token
        return self.run(DECLINE, "declineProposal", token or None, id=proposal_id, reason=reason)

    def compare(self, token: str | None = None, **variables: Any) -> dict[str, Any] | None:
        token = self.business_a.token if token is None else token
        data = self.client.execute(
            COMPARE, {"id": self.project["id"], **variables}, token=token or None
        )
        result: dict[str, Any] | None = data["proposalsForRequest"]
        return result

    def mine(self, token: str, **variables: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.client.execute(MINE, variables, token=token)["myProposals"]
        return result

    def get(self, proposal_id: str) -> dict[str, Any]:
        """Every field of a proposal, as the request's owner reads it."""
        data = self.client.execute(PROPOSAL, {"id": proposal_id}, token=self.business_a.token)
        proposal: dict[str, Any] = data["node"]
        return proposal

    def node(self, node_id: str, token: str | None) -> dict[str, Any] | None:
        node: dict[str, Any] | None = self.client.execute(NODE, {"id": node_id}, token=token)[
            "node"
        ]
        return node


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def fields_of(payload: dict[str, Any]) -> list[list[str] | None]:
    return [error["field"] for error in payload["userErrors"]]


def events(client: GraphQLClient, kind: str) -> list[tuple[int, str, int]]:
    """(recipient account id, subject type, subject id) of every event of `kind`."""
    from sqlalchemy import select

    from api.events.models import Event

    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def read() -> list[tuple[int, str, int]]:
        async with state.sessions() as session:
            rows = (await session.execute(select(Event).where(Event.kind == kind))).scalars()
            return [(row.account_id, row.subject_type, row.subject_id) for row in rows]

    result: list[tuple[int, str, int]] = client.http.portal.call(read)  # type: ignore[union-attr]
    return result


def pk(global_id: str) -> int:
    from strawberry.relay import GlobalID

    return int(GlobalID.from_id(global_id).node_id)
