"""Notifications: each event reaches its recipient only, who can page through and mark
them read; nobody else can list, fetch or mark them."""

from __future__ import annotations

import pytest

from tests.api.events.parties import (
    NOTIFICATIONS,
    ROLES,
    Parties,
    award,
    nodes,
    notifications,
    parties,
)
from tests.graphql_client import GraphQLClient

MARK = """mutation ($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) {
    markedCount unreadCount userErrors { field message code } } }"""
NODE = "query ($id: ID!) { node(id: $id) { __typename ... on Notification { kind } } }"


@pytest.fixture
def people(client: GraphQLClient) -> Parties:
    return parties(client)


def test_an_award_notifies_the_vendors_owner_and_nobody_else(
    client: GraphQLClient, people: Parties
) -> None:
    project_id = award(client, people.business_a, people.vendor_a_id, "Support desk")

    mine = notifications(client, people.vendor_a.token)
    [notification] = nodes(mine)
    assert notification["kind"] == "AWARDED"
    assert notification["readAt"] is None
    assert notification["subjectType"] == "ProjectRequest"
    assert notification["subjectId"] == project_id
    assert notification["subject"] == {
        "__typename": "ProjectRequest",
        "id": project_id,
        "title": "Support desk",
    }
    assert "Support desk" in notification["summary"]
    assert mine["totalCount"] == 1
    assert mine["unreadCount"] == 1
    for role in ("business_a", "business_b", "vendor_b", "admin"):
        assert nodes(notifications(client, str(people.token(role)))) == [], role


def test_only_the_recipient_can_fetch_a_notification_by_id(
    client: GraphQLClient, people: Parties
) -> None:
    award(client, people.business_a, people.vendor_a_id, "Support desk")
    [notification] = nodes(notifications(client, people.vendor_a.token))

    def fetch(role: str) -> object:
        token = people.token(role)
        return client.execute(NODE, {"id": notification["id"]}, token=token)["node"]

    assert fetch("vendor_a") == {"__typename": "Notification", "kind": "AWARDED"}
    for role in ("anonymous", "business_a", "business_b", "vendor_b", "admin"):
        assert fetch(role) is None, role


def test_anonymous_may_not_list_notifications(client: GraphQLClient) -> None:
    body = client.post(NOTIFICATIONS, {}).json()

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Sign in" in body["errors"][0]["message"]


def test_pages_run_newest_first_and_unread_only_filters(
    client: GraphQLClient, people: Parties
) -> None:
    for title in ("First", "Second", "Third"):
        award(client, people.business_a, people.vendor_a_id, title)
    token = people.vendor_a.token

    first_page = notifications(client, token, first=2)
    summaries = [n["summary"] for n in nodes(first_page)]
    assert ["Third" in summaries[0], "Second" in summaries[1]] == [True, True], summaries
    assert first_page["pageInfo"]["hasNextPage"] is True
    rest = notifications(client, token, first=2, after=first_page["pageInfo"]["endCursor"])
    assert ["First" in n["summary"] for n in nodes(rest)] == [True]
    assert rest["pageInfo"]["hasNextPage"] is False

    newest = nodes(first_page)[0]["id"]
    marked = client.execute(MARK, {"input": {"ids": [newest]}}, token=token)
    assert marked["markNotificationsRead"] == {"markedCount": 1, "unreadCount": 2, "userErrors": []}
    unread = notifications(client, token, unreadOnly=True)
    assert newest not in [n["id"] for n in nodes(unread)]
    assert unread["totalCount"] == 2
    assert unread["unreadCount"] == 2


def test_marking_up_to_one_marks_it_and_every_older_one_once(
    client: GraphQLClient, people: Parties
) -> None:
    for title in ("First", "Second", "Third"):
        award(client, people.business_a, people.vendor_a_id, title)
    token = people.vendor_a.token
    newest, middle, oldest = nodes(notifications(client, token))

    marked = client.execute(MARK, {"input": {"upTo": middle["id"]}}, token=token)
    assert marked["markNotificationsRead"] == {"markedCount": 2, "unreadCount": 1, "userErrors": []}
    again = client.execute(MARK, {"input": {"upTo": middle["id"]}}, token=token)
    assert again["markNotificationsRead"]["markedCount"] == 0

    after = {n["id"]: n["readAt"] for n in nodes(notifications(client, token))}
    assert after[newest["id"]] is None
    assert after[middle["id"]] is not None
    assert after[oldest["id"]] is not None


@pytest.mark.parametrize("role", ROLES)
def test_only_the_recipient_may_mark_a_notification_read(
    client: GraphQLClient, people: Parties, role: str
) -> None:
    award(client, people.business_a, people.vendor_a_id, "Support desk")
    [notification] = nodes(notifications(client, people.vendor_a.token))

    for marks in ({"ids": [notification["id"]]}, {"upTo": notification["id"]}):
        answer = client.execute(MARK, {"input": marks}, token=people.token(role))
        payload = answer["markNotificationsRead"]
        if role == "vendor_a":
            assert payload["userErrors"] == []
        else:
            expected = "UNAUTHENTICATED" if role == "anonymous" else "NOT_FOUND"
            assert [e["code"] for e in payload["userErrors"]] == [expected], (role, payload)

    # nothing was written by anyone else
    [after] = nodes(notifications(client, people.vendor_a.token))
    assert (after["readAt"] is not None) == (role == "vendor_a")


def test_mark_read_names_each_bad_id_and_writes_nothing(
    client: GraphQLClient, people: Parties
) -> None:
    award(client, people.business_a, people.vendor_a_id, "Mine")
    award(client, people.business_a, people.vendor_b_id, "Theirs")
    [mine] = nodes(notifications(client, people.vendor_a.token))
    [theirs] = nodes(notifications(client, people.vendor_b.token))

    def errors(ids: list[str]) -> list[tuple[list[str], str]]:
        answer = client.execute(MARK, {"input": {"ids": ids}}, token=people.vendor_a.token)
        return [(e["field"], e["code"]) for e in answer["markNotificationsRead"]["userErrors"]]

    assert errors([mine["id"], theirs["id"]]) == [(["input", "ids", "1"], "NOT_FOUND")]
    assert errors([mine["id"], "bm9wZQ=="]) == [(["input", "ids", "1"], "NOT_FOUND")]
    assert nodes(notifications(client, people.vendor_a.token))[0]["readAt"] is None


@pytest.mark.parametrize(
    ("marks", "field", "code"),
    [
        ({}, ["input"], "INVALID"),
        ({"ids": [], "upTo": "x"}, ["input", "upTo"], "NOT_FOUND"),
        ({"ids": ["x"] * 101}, ["input", "ids"], "TOO_MANY"),
    ],
)
def test_mark_read_input_is_checked(
    client: GraphQLClient, people: Parties, marks: dict[str, object], field: list[str], code: str
) -> None:
    answer = client.execute(MARK, {"input": marks}, token=people.vendor_a.token)

    [error] = answer["markNotificationsRead"]["userErrors"]
    assert (error["field"], error["code"]) == (field, code)
