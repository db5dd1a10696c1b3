"""CORS: a browser app on an origin named in CORS_ORIGINS may call the API; others not."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2 as httpx
import pytest

from tests.served.conftest import Server, start_server, stop_server

ALLOWED = "https://app.example"


@pytest.fixture(scope="module")
def cors_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("cors")
    origins = f"{ALLOWED}, https://admin.example"
    running = start_server(tmp, f"sqlite:///{tmp / 'cors.db'}", extra_env={"CORS_ORIGINS": origins})
    yield running
    stop_server(running)


def preflight(server: Server, origin: str) -> httpx.Response:
    return httpx.options(
        server.graphql,
        headers={
            "origin": origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
        timeout=30,
    )


def test_a_preflight_from_an_allowed_origin_is_granted(cors_server: Server) -> None:
    response = preflight(cors_server, ALLOWED)

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed_headers = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers


def test_a_preflight_from_another_origin_is_refused(cors_server: Server) -> None:
    response = preflight(cors_server, "https://evil.example")

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


def test_a_cross_origin_post_can_read_the_answer_and_its_request_id(cors_server: Server) -> None:
    response = httpx.post(
        cors_server.graphql,
        json={"query": "{ __typename }"},
        headers={"origin": ALLOWED},
        timeout=30,
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()


def test_without_cors_origins_no_origin_is_allowed(server: Server) -> None:
    response = preflight(server, ALLOWED)

    assert "access-control-allow-origin" not in response.headers
