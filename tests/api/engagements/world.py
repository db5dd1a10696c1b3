"""A small marketplace for engagement tests: business A hires vendor A (through an award
the vendor accepts), with business B, vendor B and an admin looking on; and the
engagement operations over GraphQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.graphql_client import USER_ERRORS, Account, GraphQLClient, scope_input

ROLES = ("anonymous", "business_a", "business_b", "vendor_a", "vendor_b", "admin")

MILESTONE_FIELDS = """
id position title amount { amount currency } dueDate acceptanceCriteria status
submittedAt submissionNote approvedAt feedback version
"""
ENGAGEMENT_FIELDS = f"""
id status currency startedAt endedAt endReason endedByAgreement version mySide
project {{ id title }} vendor {{ id }} business {{ accountId timezone }} proposal {{ id }}
plan {{
  cadence weekday time businessTimezone vendorTimezone responseTimeHours channel
  workingLanguage {{ code }} nextCheckIn {{ businessLocal vendorLocal utc }}
}}
milestones {{ {MILESTONE_FIELDS} }}
endRequest {{ requestedBy reason }}
thread {{ id kind }}
"""
CHANGE_FIELDS = """
id proposedBy reason status respondedAt createdAt
changes { title acceptanceCriteria amount { amount currency } dueDate }
milestone { id }
"""
DISPUTE_FIELDS = "id openedBy reason evidence status resolution resolvedAt milestone { id }"

AWARD = f"""
mutation ($input: AwardProjectRequestInput!) {{
  awardProjectRequest(input: $input) {{ projectRequest {{ id status }} {USER_ERRORS} }}
}}
"""
RESPOND = f"""
mutation ($input: RespondToAwardInput!) {{
  respondToAward(input: $input) {{
    projectRequest {{ id status awardAcceptedAt }} engagement {{ {ENGAGEMENT_FIELDS} }}
    {USER_ERRORS}
  }}
}}
"""
ACCEPT_PROPOSAL = f"""
mutation ($input: AcceptProposalInput!) {{
  acceptProposal(input: $input) {{ engagement {{ {ENGAGEMENT_FIELDS} }} {USER_ERRORS} }}
}}
"""
MILESTONE_MUTATIONS = {
    name: f"""
mutation ($input: {name[0].upper()}{name[1:]}Input!) {{
  {name}(input: $input) {{ milestone {{ {MILESTONE_FIELDS} }} {USER_ERRORS} }}
}}
"""
    for name in ("startMilestone", "submitMilestone", "approveMilestone", "requestMilestoneChanges")
}
PROPOSE_CHANGE = f"""
mutation ($input: ProposeChangeInput!) {{
  proposeChange(input: $input) {{ changeRequest {{ {CHANGE_FIELDS} }} {USER_ERRORS} }}
}}
"""
RESPOND_TO_CHANGE = f"""
mutation ($input: RespondToChangeInput!) {{
  respondToChange(input: $input) {{ changeRequest {{ {CHANGE_FIELDS} }} {USER_ERRORS} }}
}}
"""
OPEN_DISPUTE = f"""
mutation ($input: OpenDisputeInput!) {{
  openDispute(input: $input) {{ dispute {{ {DISPUTE_FIELDS} }} {USER_ERRORS} }}
}}
"""
RESOLVE_DISPUTE = f"""
mutation ($input: ResolveDisputeInput!) {{
  resolveDispute(input: $input) {{ dispute {{ {DISPUTE_FIELDS} }} {USER_ERRORS} }}
}}
"""
END = f"""
mutation ($input: EndEngagementInput!) {{
  endEngagement(input: $input) {{ engagement {{ {ENGAGEMENT_FIELDS} }} {USER_ERRORS} }}
}}
"""
CHECK_IN = f"""
mutation ($input: RecordCheckInInput!) {{
  recordCheckIn(input: $input) {{
    checkIn {{ author summary createdAt }} engagement {{ id }} {USER_ERRORS}
  }}
}}
"""
ENGAGEMENT = f"""
query ($id: ID!) {{
  engagement(id: $id) {{
    {ENGAGEMENT_FIELDS}
    changeRequests(first: 10) {{ totalCount edges {{ node {{ {CHANGE_FIELDS} }} }} }}
    disputes(first: 10) {{ totalCount edges {{ node {{ {DISPUTE_FIELDS} }} }} }}
    checkIns(first: 10) {{ totalCount edges {{ node {{ author summary }} }} }}
    health {{
      status missedCheckIns lastCheckInAt overdueMilestones openDisputes reasons
      responsePromise {{ businessLate vendorLate }}
    }}
  }}
}}
"""
NODE = """
query ($id: ID!) {
  node(id: $id) {
    __typename
    ... on Engagement { id engagementStatus: status }
    ... on EngagementMilestone { id milestoneStatus: status }
    ... on ChangeRequest { id changeStatus: status }
    ... on Dispute { id disputeStatus: status }
  }
}
"""
LIST = """
query ($first: Int, $after: String, $status: EngagementStatus) {
  engagements(first: $first, after: $after, status: $status) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status } }
  }
}
"""
NOTIFICATIONS = """
{
  notifications(first: 50) {
    edges { node { kind subjectType summary payload subject { __typename } } }
  }
}
"""


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def milestone(
    title: str = "Dashboard MVP", amount: str = "12000.00", due: int = 30
) -> dict[str, Any]:
    return {
        "title": title,
        "amount": amount,
        "dueDate": days(due),
        "acceptanceCriteria": "Deployed to staging; the acceptance suite passes.",
    }


PLAN = {
    "cadence": "WEEKLY",
    "weekday": 2,
    "time": "10:00",
    "responseTimeHours": 8,
    "channel": "Slack #acme-payments",
    "workingLanguage": "en",
}


class World:
    """Business A posts requests and hires vendor A; B's, an admin and strangers look on."""

    def __init__(self, client: GraphQLClient) -> None:
        self.client = client
        self.business_a: Account = client.register("BUSINESS")
        self.business_b: Account = client.register("BUSINESS")
        self.vendor_a_owner: Account = client.register("VENDOR")
        self.vendor_b_owner: Account = client.register("VENDOR")
        self.vendor_a = client.create_vendor(self.vendor_a_owner, timezone="Asia/Manila")
        self.vendor_b = client.create_vendor(self.vendor_b_owner, name="Andes Digital")
        self.admin: Account = client.admin()

    def account(self, role: str) -> Account | None:
        """The account a matrix row names (None: anonymous)."""
        return {
            "anonymous": None,
            "business_a": self.business_a,
            "business_b": self.business_b,
            "vendor_a": self.vendor_a_owner,
            "vendor_b": self.vendor_b_owner,
            "admin": self.admin,
        }[role]

    def token(self, role: str) -> str | None:
        account = self.account(role)
        return account.token if account is not None else None

    def run(self, query: str, name: str, role: str, **fields: Any) -> dict[str, Any]:
        """A mutation's payload, run as `role`."""
        data = self.client.execute(query, {"input": fields}, token=self.token(role))
        payload: dict[str, Any] = data[name]
        return payload

    def ok(self, query: str, name: str, role: str, **fields: Any) -> dict[str, Any]:
        payload = self.run(query, name, role, **fields)
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload

    def awarded(self, **overrides: Any) -> str:
        """A published request of business A, awarded to vendor A (not yet answered)."""
        fields = scope_input(
            publish=True,
            startDate=days(7),
            deadline=days(120),
            languages=["en", "de"],
            **overrides,
        )
        project = self.client.post_project(self.business_a, **fields)
        self.ok(
            AWARD,
            "awardProjectRequest",
            "business_a",
            id=project["id"],
            vendorId=self.vendor_a["id"],
        )
        project_id: str = project["id"]
        return project_id

    def hire(self, **fields: Any) -> dict[str, Any]:
        """An ACTIVE engagement of business A with vendor A, through an accepted award."""
        project_id = self.awarded()
        fields.setdefault("plan", PLAN)
        fields.setdefault("milestones", [milestone(), milestone("Handover", "8000.00", 60)])
        payload = self.ok(
            RESPOND,
            "respondToAward",
            "vendor_a",
            projectRequestId=project_id,
            accept=True,
            **fields,
        )
        engagement: dict[str, Any] = payload["engagement"]
        return engagement

    def engagement(self, engagement_id: str, role: str = "business_a") -> dict[str, Any] | None:
        data = self.client.execute(ENGAGEMENT, {"id": engagement_id}, token=self.token(role))
        result: dict[str, Any] | None = data["engagement"]
        return result

    def move(self, name: str, role: str, milestone_id: str, **fields: Any) -> dict[str, Any]:
        return self.run(MILESTONE_MUTATIONS[name], name, role, milestoneId=milestone_id, **fields)

    def deliver(self, milestone_id: str) -> None:
        """Vendor A starts and submits a milestone; business A approves it."""
        self.ok(
            MILESTONE_MUTATIONS["startMilestone"],
            "startMilestone",
            "vendor_a",
            milestoneId=milestone_id,
        )
        self.ok(
            MILESTONE_MUTATIONS["submitMilestone"],
            "submitMilestone",
            "vendor_a",
            milestoneId=milestone_id,
            note="Deployed to staging.",
        )
        self.ok(
            MILESTONE_MUTATIONS["approveMilestone"],
            "approveMilestone",
            "business_a",
            milestoneId=milestone_id,
        )

    def notifications(self, role: str) -> list[dict[str, Any]]:
        data = self.client.execute(NOTIFICATIONS, token=self.token(role))
        return [edge["node"] for edge in data["notifications"]["edges"]]

    def kinds(self, role: str) -> list[str]:
        return [n["kind"] for n in self.notifications(role)]


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def fields_of(payload: dict[str, Any]) -> list[str]:
    return [".".join(error["field"] or []) for error in payload["userErrors"]]
