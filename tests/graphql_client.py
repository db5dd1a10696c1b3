"""A small GraphQL-over-HTTP client for tests, plus account and profile factories."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from starlette.testclient import TestClient

_counter = itertools.count(1)
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    role: str
    token: str


class GraphQLClient:
    def __init__(self, http: TestClient) -> None:
        self.http = http

    def post(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> Any:
        """The raw HTTP response."""
        headers = {"accept": "application/graphql-response+json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        return self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    def execute(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """`data` of a successful response; fails the test on HTTP or GraphQL errors."""
        response = self.post(query, variables, token=token)
        body = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body["errors"]
        return body["data"]

    def register(self, role: str, email: str | None = None) -> Account:
        email = email or f"{role.lower()}-{next(_counter)}@example.com"
        data = self.execute(
            REGISTER, {"input": {"email": email, "password": PASSWORD, "role": role}}
        )
        payload = data["register"]
        assert payload["userErrors"] == [], payload["userErrors"]
        return Account(payload["account"]["id"], email, role, payload["token"])

    def admin(self) -> Account:
        """An ADMIN, made the way `vendormatch create-admin` makes one, then signed in."""
        from api.auth.rules import Credentials
        from api.auth.service import register
        from api.core.viewer import Role

        email = f"admin-{next(_counter)}@example.com"
        state = self.http.app.state.vendormatch  # type: ignore[attr-defined]

        async def create() -> None:
            async with state.sessions() as session, session.begin():
                await register(
                    session=session,
                    credentials=Credentials(email, PASSWORD),
                    role=Role.ADMIN,
                    allow_admin=True,
                )

        self.http.portal.call(create)  # type: ignore[union-attr]
        payload = self.execute(LOGIN, {"input": {"email": email, "password": PASSWORD}})["login"]
        assert payload["userErrors"] == [], payload["userErrors"]
        return Account(payload["account"]["id"], email, "ADMIN", payload["token"])

    def create_vendor(self, account: Account, **overrides: Any) -> dict[str, Any]:
        data = self.execute(
            CREATE_VENDOR, {"input": vendor_input(**overrides)}, token=account.token
        )
        payload = data["createVendorProfile"]
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload["vendor"]

    def post_project(self, account: Account, **overrides: Any) -> dict[str, Any]:
        data = self.execute(POST_PROJECT, {"input": scope_input(**overrides)}, token=account.token)
        payload = data["postProjectRequest"]
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload["projectRequest"]


def vendor_input(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "kind": "AGENCY",
        "name": f"Vistula Software {next(_counter)}",
        "headline": "React and Django teams for fintech",
        "description": "We build web platforms for European fintechs with React and Django.",
        "country": "PL",
        "timezone": "Europe/Warsaw",
        "workingHours": {"start": "09:00", "end": "17:00"},
        "languages": [
            {"code": "pl", "proficiency": "NATIVE"},
            {"code": "en", "proficiency": "FLUENT"},
        ],
        "hourlyRate": {"min": "45.00", "max": "60.00", "currency": "EUR"},
        "minProjectBudget": {"amount": "10000.00", "currency": "EUR"},
        "teamSize": 25,
        "expertise": [{"tag": "ReactJS", "years": 6}, {"tag": "django", "years": 8}],
        "certifications": ["ISO_27001"],
    }
    fields.update(overrides)
    return fields


def scope_input(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Payments dashboard",
        "description": "A React dashboard over our Django payments API.",
        "skills": [{"tag": "react", "mustHave": True}, {"tag": "django", "weight": 0.5}],
        "deliverables": ["Dashboard in production", "Handover documentation"],
        "budget": {"min": "20000.00", "max": "40000.00", "currency": "EUR", "pricing": "FIXED"},
        "estimatedHours": 600,
        "timezone": "Europe/Berlin",
        "workingHours": {"start": "09:00", "end": "17:00"},
        "minOverlapHours": 3,
        "languages": ["en"],
        "preferredRegions": ["Eastern Europe"],
        "startDate": "2027-01-04",
        "deadline": "2027-04-30",
        # With deliverables, a deadline and the budget, these make the scope complete.
        "acceptanceCriteria": ["Dashboard passes the agreed test plan"],
        "communicationPlan": "Weekly video check-in; Slack replies within a working day.",
    }
    fields.update(overrides)
    return fields


USER_ERRORS = "userErrors { field message code }"

REGISTER = f"""
mutation Register($input: RegisterInput!) {{
  register(input: $input) {{ account {{ id email role }} token {USER_ERRORS} }}
}}
"""

LOGIN = f"""
mutation Login($input: LoginInput!) {{
  login(input: $input) {{ account {{ id email role }} token {USER_ERRORS} }}
}}
"""

VENDOR_FIELDS = """
id slug kind name headline description version verified timezone teamSize
country { code region } workingHours { start end }
languages { code proficiency } hourlyRate { min max currency }
minProjectBudget { amount currency } expertise { tag { slug } years } certifications
"""

CREATE_VENDOR = f"""
mutation Create($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{ vendor {{ {VENDOR_FIELDS} }} {USER_ERRORS} }}
}}
"""

UPDATE_VENDOR = f"""
mutation Update($input: UpdateVendorProfileInput!) {{
  updateVendorProfile(input: $input) {{ vendor {{ {VENDOR_FIELDS} }} {USER_ERRORS} }}
}}
"""

PROJECT_FIELDS = """
id title status version isMine skills { tag { slug } mustHave weight } deliverables
budget { min max currency pricing } timezone workingHours { start end } minOverlapHours
languages { code } preferredRegions startDate deadline
"""

POST_PROJECT = f"""
mutation Post($input: PostProjectRequestInput!) {{
  postProjectRequest(input: $input) {{ projectRequest {{ {PROJECT_FIELDS} }} {USER_ERRORS} }}
}}
"""

UPDATE_PROJECT = f"""
mutation UpdateProject($input: UpdateProjectRequestInput!) {{
  updateProjectRequest(input: $input) {{ projectRequest {{ {PROJECT_FIELDS} }} {USER_ERRORS} }}
}}
"""

RESPOND_TO_AWARD = f"""
mutation Respond($input: RespondToAwardInput!) {{
  respondToAward(input: $input) {{
    projectRequest {{ id status version awardAcceptedAt awardedVendor {{ id }} }} {USER_ERRORS}
  }}
}}
"""
