"""Tokens can be revoked, and the role is the account's role now: logout, a new password,
a deleted account and a reused id each stop a token at once (HTTP 401), over HTTP."""

from __future__ import annotations

import base64

import httpx2 as httpx

from tests.graphql_client import vendor_input
from tests.served.accounts import (
    PASSWORD,
    USER_ERRORS,
    create_admin,
    data,
    execute_sql,
    login,
    post,
    register,
)
from tests.served.conftest import Server

VIEWER = "{ viewer { id email role } }"
LOGOUT = f"mutation {{ logout {{ account {{ id }} {USER_ERRORS} }} }}"
CHANGE_PASSWORD = f"""mutation ($input: ChangePasswordInput!) {{
  changePassword(input: $input) {{ token account {{ id }} {USER_ERRORS} }} }}"""
VERIFY = f"""mutation ($input: VerifyVendorInput!) {{
  verifyVendor(input: $input) {{ vendor {{ verified }} {USER_ERRORS} }} }}"""
CREATE_VENDOR = f"""mutation ($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{ vendor {{ id }} {USER_ERRORS} }} }}"""


def row_id(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().split(":")[1])


def assert_refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "data" not in response.json()


def test_logout_revokes_every_token_of_the_account(http: httpx.Client) -> None:
    # given an account signed in on two devices
    account = register(http, "BUSINESS")
    other_device = login(http, account.email)["token"]
    assert data(post(http, VIEWER, token=account.token))["viewer"]["email"] == account.email

    # when it signs out
    payload = data(post(http, LOGOUT, token=account.token))["logout"]

    # then neither token works any more, and signing in again does
    assert payload == {"account": {"id": account.id}, "userErrors": []}
    assert_refused(post(http, VIEWER, token=account.token))
    assert_refused(post(http, VIEWER, token=other_device))
    fresh = login(http, account.email)["token"]
    assert data(post(http, VIEWER, token=fresh))["viewer"]["id"] == account.id


def test_logout_without_a_token_is_a_user_error(http: httpx.Client) -> None:
    payload = data(post(http, LOGOUT))["logout"]

    assert payload["account"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["UNAUTHENTICATED"]


def test_a_wrong_current_password_changes_nothing(http: httpx.Client) -> None:
    account = register(http, "VENDOR")
    variables = {"input": {"currentPassword": "not the password", "newPassword": "x" * 12}}

    payload = data(post(http, CHANGE_PASSWORD, variables, token=account.token))["changePassword"]

    assert payload["token"] is None
    assert payload["userErrors"] == [
        {
            "field": ["input", "currentPassword"],
            "message": "The current password is incorrect.",
            "code": "INVALID_CREDENTIALS",
        }
    ]
    assert data(post(http, VIEWER, token=account.token))["viewer"]["id"] == account.id
    assert login(http, account.email)["userErrors"] == []


def test_a_short_new_password_is_refused_naming_the_field(http: httpx.Client) -> None:
    account = register(http, "VENDOR")
    variables = {"input": {"currentPassword": PASSWORD, "newPassword": "short"}}

    payload = data(post(http, CHANGE_PASSWORD, variables, token=account.token))["changePassword"]

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "newPassword"], "INVALID")
    ]
    assert data(post(http, VIEWER, token=account.token))["viewer"]["id"] == account.id


def test_changing_the_password_revokes_old_tokens_and_returns_a_fresh_one(
    http: httpx.Client,
) -> None:
    # given
    account = register(http, "BUSINESS")
    new_password = "a brand new passphrase"
    variables = {"input": {"currentPassword": PASSWORD, "newPassword": new_password}}

    # when
    payload = data(post(http, CHANGE_PASSWORD, variables, token=account.token))["changePassword"]

    # then
    assert payload["userErrors"] == []
    assert_refused(post(http, VIEWER, token=account.token))
    assert data(post(http, VIEWER, token=payload["token"]))["viewer"]["id"] == account.id
    assert [e["code"] for e in login(http, account.email)["userErrors"]] == ["INVALID_CREDENTIALS"]
    assert login(http, account.email, new_password)["userErrors"] == []


def test_a_deleted_accounts_token_is_refused(http: httpx.Client, served_database_url: str) -> None:
    account = register(http, "BUSINESS")

    execute_sql(served_database_url, "DELETE FROM account WHERE id = :id", id=row_id(account.id))

    assert_refused(post(http, VIEWER, token=account.token))


def test_a_reused_id_does_not_open_the_new_account_to_the_old_token(
    http: httpx.Client, served_database_url: str
) -> None:
    # given the newest account is deleted (SQLite then hands its id to the next account)
    old = register(http, "BUSINESS")
    execute_sql(served_database_url, "DELETE FROM account WHERE id = :id", id=row_id(old.id))

    # when another account registers
    new = register(http, "VENDOR")

    # then the old token opens nothing, whatever id the new account got
    assert_refused(post(http, VIEWER, token=old.token))
    assert data(post(http, VIEWER, token=new.token))["viewer"]["email"] == new.email


def test_the_role_is_read_from_the_database_on_every_request(
    server: Server, http: httpx.Client, served_database_url: str
) -> None:
    # given an admin, signed in, who can verify a vendor
    admin = login(http, create_admin(server).email)
    vendor = register(http, "VENDOR")
    created = data(post(http, CREATE_VENDOR, {"input": vendor_input()}, token=vendor.token))[
        "createVendorProfile"
    ]
    assert created["userErrors"] == [], created
    verify = {"input": {"id": created["vendor"]["id"], "verified": True}}
    allowed = data(post(http, VERIFY, verify, token=admin["token"]))["verifyVendor"]
    assert allowed["userErrors"] == []

    # when an operator demotes the admin in the database
    execute_sql(
        served_database_url,
        "UPDATE account SET role = 'BUSINESS' WHERE id = :id",
        id=row_id(admin["account"]["id"]),
    )

    # then the same token carries the new role at once
    assert data(post(http, VIEWER, token=admin["token"]))["viewer"]["role"] == "BUSINESS"
    refused = data(post(http, VERIFY, verify, token=admin["token"]))["verifyVendor"]
    assert refused["vendor"] is None
    assert [e["code"] for e in refused["userErrors"]] == ["FORBIDDEN"]
