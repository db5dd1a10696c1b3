"""An admin's mapping of a free-text skill onto a tag, against `vendormatch serve --workers 2`:
each worker, its catalog and its match index warm from before, matches on the mapping
within a couple of seconds, with no restart and no rebuild.

The database is the suite's (SQLite file or PostgreSQL)."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import psutil
import pytest

from tests.graphql_client import scope_input, vendor_input
from tests.served.accounts import PASSWORD, REGISTER, create_admin
from tests.served.conftest import Server, fresh_database_url, start_server, stop_server

WORKERS = 2
MAX_CONNECTIONS = 12  # opened until the kernel has spread them over every worker
# A worker looks at the taxonomy's stamp at most once a second.
SETTLE_SECONDS = 1.5
SKILL = "Vandermeer Routing"
NLP = "natural-language-processing"
MATCH = """query ($scope: ScopeInput!) {
  matchVendors(scope: $scope) { edges { node { vendor { id } } } notes { text } } }"""
CREATE_VENDOR = """mutation ($input: CreateVendorProfileInput!) {
  createVendorProfile(input: $input) { vendor { id } userErrors { message } } }"""
MAP = """mutation ($input: MapFreeSkillInput!) {
  mapFreeSkill(input: $input) { vendorsUpdated userErrors { message } } }"""
LOGIN = """mutation ($input: LoginInput!) { login(input: $input) { token } }"""


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    for url in fresh_database_url(tmp_path_factory, "vocabulary"):
        running = start_server(tmp_path_factory.mktemp("vocabulary"), url, workers=WORKERS)
        yield running
        stop_server(running)


class Connection:
    """One kept-alive HTTP connection, so every request on it reaches the same worker."""

    def __init__(self, server: Server) -> None:
        address = urlsplit(server.url)
        self.http = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
        self.http.connect()
        self.worker = worker_of(server, self.http.sock.getsockname()[1])

    def execute(self, query: str, variables: dict[str, Any], token: str = "") -> dict[str, Any]:
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        body = json.dumps({"query": query, "variables": variables})
        self.http.request("POST", "/graphql", body=body, headers=headers)
        answer = json.loads(self.http.getresponse().read())
        assert "errors" not in answer, answer
        return dict(answer["data"])

    def match(self, skill: str) -> dict[str, Any]:
        scope = scope_input(skills=[{"tag": skill, "mustHave": True}])
        return dict(self.execute(MATCH, {"scope": scope})["matchVendors"])


def worker_of(server: Server, port: int) -> int | None:
    """The pid of the worker process holding the other end of a connection."""
    for worker in psutil.Process(server.process.pid).children(recursive=True):
        for connection in worker.net_connections(kind="tcp"):
            if connection.raddr and connection.raddr.port == port:
                return worker.pid
    return None


@pytest.fixture
def opened() -> Iterator[list[Connection]]:
    """Connections a test opens; all closed after it."""
    connections: list[Connection] = []
    yield connections
    for connection in connections:
        connection.http.close()


def one_per_worker(server: Server, opened: list[Connection]) -> list[Connection]:
    by_worker: dict[int, Connection] = {}
    while len(by_worker) < WORKERS and len(opened) < MAX_CONNECTIONS:
        opened.append(Connection(server))
        if opened[-1].worker is not None:
            by_worker.setdefault(opened[-1].worker, opened[-1])
    assert len(by_worker) == WORKERS, "the connections never reached every worker"
    return list(by_worker.values())


def ids(result: dict[str, Any]) -> list[str]:
    return [edge["node"]["vendor"]["id"] for edge in result["edges"]]


def test_every_worker_matches_on_a_new_mapping_within_seconds(
    workers: Server, opened: list[Connection]
) -> None:
    setup = Connection(workers)
    opened.append(setup)
    owner = register_over(setup)
    expertise = [{"tag": SKILL, "years": 4}]
    made = setup.execute(CREATE_VENDOR, {"input": vendor_input(expertise=expertise)}, owner)
    vendor = made["createVendorProfile"]["vendor"]["id"]
    admin = create_admin(workers)
    token = setup.execute(LOGIN, {"input": {"email": admin.email, "password": PASSWORD}})
    connections = one_per_worker(workers, opened)
    for connection in connections:  # each worker's catalog and index, warm before
        assert ids(connection.match(NLP)) == []
        assert [note["text"] for note in connection.match(SKILL)["notes"]] == [SKILL]

    mapped = setup.execute(MAP, {"input": {"text": SKILL, "tag": NLP}}, token["login"]["token"])
    assert mapped["mapFreeSkill"] == {"vendorsUpdated": 1, "userErrors": []}
    time.sleep(SETTLE_SECONDS)

    for connection in connections:
        assert ids(connection.match(NLP)) == [vendor]
        by_text = connection.match(SKILL.lower())
        assert by_text["notes"] == [] and ids(by_text) == [vendor]


def register_over(connection: Connection) -> str:
    """A VENDOR account's token, registered over `connection`."""
    account = {"email": "vandermeer@example.com", "password": PASSWORD, "role": "VENDOR"}
    payload = connection.execute(REGISTER, {"input": account})["register"]
    assert payload["userErrors"] == []
    return str(payload["token"])
