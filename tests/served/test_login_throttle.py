"""The sign-in throttle under a race, on a served instance of its own: of 30 wrong
passwords sent at once for one email, at most 10 are checked (the rest are refused
unchecked), and the owner still signs in from the device they used before.

Run with the counters in Redis (shared by workers) and in the worker's memory."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2 as httpx
import pytest

from tests.served.accounts import PASSWORD, REGISTER, USER_ERRORS
from tests.served.conftest import Server, start_server, stop_server
from tests.served.test_rate_limits import REDIS_URL, redis_is_up

ATTEMPTS = 30
LIMIT = 10
LOGIN = f"""mutation ($input: LoginInput!) {{
  login(input: $input) {{ token deviceToken {USER_ERRORS} }} }}"""


@pytest.fixture(scope="module", params=["redis", "memory"])
def throttled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    backend = str(request.param)
    if backend == "redis" and not redis_is_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    tmp = tmp_path_factory.mktemp(f"throttle-{backend}")
    server = start_server(
        tmp,
        f"sqlite:///{tmp}/throttle.db",
        extra_env={
            "RATE_LIMITS_ENABLED": "true",
            "REDIS_URL": REDIS_URL if backend == "redis" else "",
            "RATE_LIMIT_REDIS_PREFIX": f"vendormatch-test-{uuid.uuid4().hex}:",
            "RATE_LIMIT_LOGIN_EMAIL": f"{LIMIT}/15minute",
            "RATE_LIMIT_LOGIN_IP": "1000/minute",
        },
    )
    yield server
    stop_server(server)


def login(server: Server, email: str, password: str, device: str | None = None) -> dict[str, Any]:
    variables = {"input": {"email": email, "password": password, "deviceToken": device}}
    response = httpx.post(server.graphql, json={"query": LOGIN, "variables": variables}, timeout=60)
    assert response.status_code == 200, response.text
    return dict(response.json()["data"]["login"])


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def test_a_race_of_wrong_passwords_checks_at_most_the_limit(throttled: Server) -> None:
    email = f"{uuid.uuid4().hex}@example.com"
    variables = {"input": {"email": email, "password": PASSWORD, "role": "BUSINESS"}}
    registered = httpx.post(throttled.graphql, json={"query": REGISTER, "variables": variables})
    assert registered.json()["data"]["register"]["userErrors"] == []
    device = login(throttled, email, PASSWORD)["deviceToken"]
    assert device

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        results = list(
            pool.map(lambda i: login(throttled, email, f"wrong guess {i}"), range(ATTEMPTS))
        )

    outcomes = [code for result in results for code in codes(result)]
    assert outcomes.count("INVALID_CREDENTIALS") == LIMIT
    assert outcomes.count("RATE_LIMITED") == ATTEMPTS - LIMIT
    # The right password from an unknown device waits out the window, unchecked...
    assert codes(login(throttled, email, PASSWORD)) == ["RATE_LIMITED"]
    # ...while the owner's known device signs in, and its token works.
    owner = login(throttled, email, PASSWORD, device)
    assert codes(owner) == []
    viewer = httpx.post(
        throttled.graphql,
        json={"query": "{ viewer { email } }"},
        headers={"authorization": f"Bearer {owner['token']}"},
    )
    assert viewer.json()["data"]["viewer"]["email"] == email


def test_unknown_emails_are_throttled_alike(throttled: Server) -> None:
    email = f"nobody-{uuid.uuid4().hex}@example.com"
    for _ in range(LIMIT):
        assert codes(login(throttled, email, "a wrong guess")) == ["INVALID_CREDENTIALS"]

    assert codes(login(throttled, email, "a wrong guess")) == ["RATE_LIMITED"]


CHANGE_PASSWORD = f"""mutation ($input: ChangePasswordInput!) {{
  changePassword(input: $input) {{ token {USER_ERRORS} }} }}"""


def register(server: Server, prefix: str) -> tuple[str, str]:
    email = f"{prefix}-{uuid.uuid4().hex}@example.com"
    variables = {"input": {"email": email, "password": PASSWORD, "role": "BUSINESS"}}
    body = httpx.post(server.graphql, json={"query": REGISTER, "variables": variables}).json()
    return email, str(body["data"]["register"]["token"])


def change_password(server: Server, token: str, current: str) -> list[str]:
    variables = {"input": {"currentPassword": current, "newPassword": "a brand new passphrase"}}
    response = httpx.post(
        server.graphql,
        json={"query": CHANGE_PASSWORD, "variables": variables},
        headers={"authorization": f"Bearer {token}"},
    )
    return codes(response.json()["data"]["changePassword"])


def test_guessing_the_current_password_is_throttled_per_account(throttled: Server) -> None:
    # given a signed-in account whose token fell into the wrong hands
    _, token = register(throttled, "stolen")

    # when the holder guesses the current password over and over
    guesses = [change_password(throttled, token, f"guess number {n}") for n in range(LIMIT + 2)]

    # then only the account's allowance of guesses is checked
    assert guesses[:LIMIT] == [["INVALID_CREDENTIALS"]] * LIMIT
    assert guesses[LIMIT:] == [["RATE_LIMITED"]] * 2
    # and even the right password waits out the window
    assert change_password(throttled, token, PASSWORD) == ["RATE_LIMITED"]


def test_strangers_emptying_the_email_bucket_do_not_stop_the_owner_changing_it(
    throttled: Server,
) -> None:
    # given strangers who used up the owner's email bucket by guessing at sign-in
    email, token = register(throttled, "owner")
    for n in range(LIMIT):
        assert codes(login(throttled, email, f"stranger guess {n}")) == ["INVALID_CREDENTIALS"]
    assert codes(login(throttled, email, PASSWORD)) == ["RATE_LIMITED"]

    # when the signed-in owner changes the password
    changed = change_password(throttled, token, PASSWORD)

    # then it is changed, and strangers' guesses stay refused
    assert changed == []
    assert codes(login(throttled, email, "a brand new passphrase")) == ["RATE_LIMITED"]
