"""Helpers for served-tier tests: GraphQL over HTTP, accounts, and direct SQL for what no
client may do (an operator deleting or demoting an account)."""

from __future__ import annotations

import asyncio
import subprocess
import uuid
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from tests.served.conftest import Server, vendormatch_command

PASSWORD = "served tier passphrase"
USER_ERRORS = "userErrors { field message code }"
REGISTER = f"""mutation ($input: RegisterInput!) {{
  register(input: $input) {{ token account {{ id }} {USER_ERRORS} }} }}"""
LOGIN = f"""mutation ($input: LoginInput!) {{
  login(input: $input) {{ token account {{ id role }} {USER_ERRORS} }} }}"""


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    token: str


def post(
    http: httpx.Client, query: str, variables: dict[str, Any] | None = None, token: str = ""
) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


def data(response: httpx.Response) -> dict[str, Any]:
    """`data` of a response that must have succeeded without GraphQL errors."""
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body
    return dict(body["data"])


def register(http: httpx.Client, role: str, email: str | None = None) -> Account:
    email = email or f"{uuid.uuid4().hex}@example.com"
    variables = {"input": {"email": email, "password": PASSWORD, "role": role}}
    payload = data(post(http, REGISTER, variables))["register"]
    assert payload["userErrors"] == [], payload
    return Account(payload["account"]["id"], email, payload["token"])


def login(http: httpx.Client, email: str, password: str = PASSWORD) -> dict[str, Any]:
    variables = {"input": {"email": email, "password": password}}
    return dict(data(post(http, LOGIN, variables))["login"])


def create_admin(server: Server) -> Account:
    """An ADMIN made the only way there is: the operator's CLI, against the served database."""
    email = f"admin-{uuid.uuid4().hex}@example.com"
    subprocess.run(
        [*vendormatch_command(), "create-admin", "--email", email, "--password", PASSWORD],
        env=server.env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Account("", email, "")


def execute_sql(database_url: str, statement: str, **params: Any) -> None:
    """Run one statement on the served database, as an operator at a SQL prompt would."""
    url = database_url.replace("sqlite:///", "sqlite+aiosqlite:///", 1).replace(
        "postgresql://", "postgresql+asyncpg://", 1
    )

    async def run() -> None:
        engine = create_async_engine(url, poolclass=NullPool)
        async with engine.begin() as connection:
            await connection.execute(text(statement), params)
        await engine.dispose()

    asyncio.run(run())
