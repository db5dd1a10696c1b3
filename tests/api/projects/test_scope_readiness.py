"""Before publishing, a scope must say what is delivered, how it is accepted, by when, for
how much and how both sides communicate; screening questions ride along with the request."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.projects.conftest import Cast
from tests.graphql_client import POST_PROJECT, UPDATE_PROJECT, scope_input

CHECK = """
query ($scope: ScopeCompletenessInput!) {
  scopeCompleteness(scope: $scope) { complete missing { field message } }
}
"""
READINESS = """
query ($id: ID!) {
  projectRequest(id: $id) {
    status acceptanceCriteria communicationPlan
    completeness { complete missing { field } }
    screeningQuestions { position question required }
  }
}
"""
INCOMPLETE = {"deliverables": [], "acceptanceCriteria": [], "communicationPlan": None}


def post(cast: Cast, **fields: Any) -> dict[str, Any]:
    data = cast.client.execute(
        POST_PROJECT, {"input": scope_input(**fields)}, token=cast.token("business_a")
    )
    return data["postProjectRequest"]


def count_mine(cast: Cast) -> int:
    data = cast.run("business_a", "query { projectRequests(mine: true) { totalCount } }")
    return int(data["projectRequests"]["totalCount"])


def test_a_draft_scope_is_checked_without_saving(cast: Cast) -> None:
    result = cast.run("anonymous", CHECK, scope={"deliverables": ["An API"]})["scopeCompleteness"]

    assert result["complete"] is False
    assert [item["field"] for item in result["missing"]] == [
        "acceptanceCriteria",
        "deadline",
        "budget",
        "communicationPlan",
    ]
    assert count_mine(cast) == 0


def test_a_complete_draft_scope_has_nothing_missing(cast: Cast) -> None:
    scope = {
        "deliverables": ["An API"],
        "acceptanceCriteria": ["Passes the contract tests"],
        "milestones": [{"title": "Beta", "dueDate": "2027-03-01"}],
        "budget": {"min": "1000", "max": "2000", "currency": "EUR", "pricing": "FIXED"},
        "communicationPlan": "Weekly call",
    }

    result = cast.run("anonymous", CHECK, scope=scope)["scopeCompleteness"]

    assert result == {"complete": True, "missing": []}


def test_checking_a_draft_scope_reports_bad_input(cast: Cast) -> None:
    response = cast.client.post(CHECK, {"scope": {"acceptanceCriteria": ["x" * 501]}})

    error = response.json()["errors"][0]
    assert error["extensions"]["field"] == ["scope", "acceptanceCriteria", "0"]


def test_publishing_an_incomplete_scope_lists_each_missing_item_and_writes_nothing(
    cast: Cast,
) -> None:
    payload = post(cast, publish=True, deadline=None, **INCOMPLETE)

    assert payload["projectRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "deliverables"], "REQUIRED"),
        (["input", "acceptanceCriteria"], "REQUIRED"),
        (["input", "deadline"], "REQUIRED"),
        (["input", "communicationPlan"], "REQUIRED"),
    ]
    assert count_mine(cast) == 0


def test_an_incomplete_draft_is_saved_and_says_what_is_missing(cast: Cast) -> None:
    payload = post(cast, **INCOMPLETE)
    project_id = payload["projectRequest"]["id"]

    seen = cast.request("business_a", project_id)
    readiness = cast.run("business_a", READINESS, id=project_id)["projectRequest"]

    assert seen["status"] == "DRAFT"
    assert readiness["completeness"] == {
        "complete": False,
        "missing": [
            {"field": "deliverables"},
            {"field": "acceptanceCriteria"},
            {"field": "communicationPlan"},
        ],
    }


def test_publishing_a_draft_needs_the_stored_scope_complete(cast: Cast) -> None:
    project_id = post(cast, **INCOMPLETE)["projectRequest"]["id"]
    publish = {"id": project_id, "status": "OPEN"}

    refused = cast.run("business_a", UPDATE_PROJECT, input=publish)["updateProjectRequest"]
    completed = cast.run(
        "business_a",
        UPDATE_PROJECT,
        input={
            **publish,
            "deliverables": ["Dashboard"],
            "acceptanceCriteria": ["Signed off by finance"],
            "communicationPlan": "Fortnightly demo",
        },
    )["updateProjectRequest"]

    assert [e["field"][-1] for e in refused["userErrors"]] == [
        "deliverables",
        "acceptanceCriteria",
        "communicationPlan",
    ]
    assert completed["userErrors"] == []
    assert completed["projectRequest"]["status"] == "OPEN"


def test_an_open_request_cannot_be_emptied(cast: Cast) -> None:
    project_id = cast.post()

    payload = cast.run(
        "business_a", UPDATE_PROJECT, input={"id": project_id, "acceptanceCriteria": []}
    )["updateProjectRequest"]

    assert [e["field"] for e in payload["userErrors"]] == [["input", "acceptanceCriteria"]]
    assert cast.run("business_a", READINESS, id=project_id)["projectRequest"][
        "acceptanceCriteria"
    ] == ["Dashboard passes the agreed test plan"]


def test_screening_questions_are_stored_in_order_and_replaced(cast: Cast) -> None:
    questions = [
        {"question": "Which payment APIs have you shipped?"},
        {"question": "Can you start in January?", "required": False},
    ]
    project_id = cast.post(screeningQuestions=questions)

    seen = cast.run("vendor_b", READINESS, id=project_id)["projectRequest"]
    cast.run(
        "business_a",
        UPDATE_PROJECT,
        input={"id": project_id, "screeningQuestions": [{"question": "Team size?"}]},
    )
    replaced = cast.run("vendor_b", READINESS, id=project_id)["projectRequest"]

    assert seen["screeningQuestions"] == [
        {"position": 0, "question": "Which payment APIs have you shipped?", "required": True},
        {"position": 1, "question": "Can you start in January?", "required": False},
    ]
    assert replaced["screeningQuestions"] == [
        {"position": 0, "question": "Team size?", "required": True}
    ]


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        ({"screeningQuestions": [{"question": "Why?"}] * 11}, "screeningQuestions", "TOO_MANY"),
        ({"screeningQuestions": [{"question": " "}]}, "screeningQuestions.0.question", "REQUIRED"),
        (
            {"screeningQuestions": [{"question": "x" * 501}]},
            "screeningQuestions.0.question",
            "TOO_LONG",
        ),
        ({"acceptanceCriteria": ["ok"] * 31}, "acceptanceCriteria", "TOO_MANY"),
        ({"communicationPlan": "x" * 2001}, "communicationPlan", "TOO_LONG"),
        ({"communicationPlan": "call\x00me"}, "communicationPlan", "INVALID"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    cast: Cast, fields: dict[str, Any], path: str, code: str
) -> None:
    payload = post(cast, **fields)

    assert payload["projectRequest"] is None
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        (f"input.{path}", code)
    ]
    assert count_mine(cast) == 0
