"""Operations: request ids, one JSON log line per request, and Prometheus metrics."""

from __future__ import annotations

import json
import re
import time
import uuid
from typing import Any

import httpx2 as httpx

from tests.served.conftest import Server

GRAPHQL_JSON = {"accept": "application/graphql-response+json"}
MATCH = """query MatchProbe {
  matchVendors(first: 3, scope: {
    title: "Payments dashboard", description: "A React dashboard over our Django payments API",
    skills: [{tag: "react", mustHave: true}, {tag: "django"}],
    budget: {min: "40", max: "70", currency: "EUR", pricing: HOURLY},
    timezone: "Europe/Berlin", workingHours: {start: "09:00", end: "17:00"}, minOverlapHours: 4,
    languages: ["en"]
  }) { edges { node { rank score } } }
}"""


def log_lines(server: Server, request_id: str) -> list[dict[str, Any]]:
    """The JSON log lines of one request, waiting briefly for the server to write them."""
    for _ in range(50):
        lines = [
            json.loads(line)
            for line in server.logs().splitlines()
            if line.startswith("{") and request_id in line
        ]
        if lines:
            return lines
        time.sleep(0.1)
    return []


def test_a_request_id_is_echoed_and_on_the_requests_log_line(
    server: Server, http: httpx.Client
) -> None:
    request_id = f"trace-{uuid.uuid4()}"
    response = http.post(
        "/graphql",
        json={"query": 'query TagProbe { tags(search: "react", first: 1) { slug } }'},
        headers={"x-request-id": request_id},
    )

    assert response.status_code == 200
    assert response.headers["x-request-id"] == request_id
    [line] = log_lines(server, request_id)
    assert line["request_id"] == request_id
    assert line["level"] == "info"
    assert (line["method"], line["path"], line["status"]) == ("POST", "/graphql", 200)
    assert (line["operation_type"], line["operation_name"]) == ("query", "TagProbe")
    assert line["duration_ms"] >= 0
    assert "time" in line and "message" in line


def test_an_unusable_request_id_is_replaced_by_a_fresh_one(http: httpx.Client) -> None:
    for unusable in ("x" * 500, "bad id\twith spaces", ""):
        response = http.get("/healthz", headers={"x-request-id": unusable})

        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"]), unusable


def test_client_errors_log_one_line_without_a_traceback(server: Server, http: httpx.Client) -> None:
    invalid, broken = f"invalid-{uuid.uuid4()}", f"broken-{uuid.uuid4()}"
    validation = http.post(
        "/graphql", json={"query": "{ nope }"}, headers={**GRAPHQL_JSON, "x-request-id": invalid}
    )
    bad_json = http.post(
        "/graphql",
        content=b'{"query": ',
        headers={**GRAPHQL_JSON, "content-type": "application/json", "x-request-id": broken},
    )

    assert (validation.status_code, bad_json.status_code) == (400, 400)
    for request_id in (invalid, broken):
        [line] = log_lines(server, request_id)
        assert line["level"] == "warning"
        assert line["status"] == 400
        assert "traceback" not in line
        assert line["errors"]
    assert "nope" in log_lines(server, invalid)[0]["errors"][0]


def sample(metrics: str, name: str, **labels: str) -> float | None:
    """The value of one sample in the Prometheus text format (labels in any order)."""
    for line in metrics.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split(" ")[0]))
        if all(found.get(key) == value for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_metrics_count_requests_errors_latency_and_matching(http: httpx.Client) -> None:
    query = 'query MetricsProbe { tags(search: "react", first: 1) { slug } }'
    assert http.post("/graphql", json={"query": query}).status_code == 200
    assert http.post("/graphql", json={"query": "query BrokenProbe { nope }"}).status_code == 400
    matched = http.post("/graphql", json={"query": MATCH})
    assert matched.status_code == 200 and "errors" not in matched.json(), matched.text
    long_name = "Q" * 80  # longer than a label may be
    http.post("/graphql", json={"query": f"query {long_name} {{ __typename }}"})

    response = http.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    probe = {"operation_type": "query", "operation_name": "MetricsProbe"}
    assert sample(text, "vendormatch_graphql_requests_total", **probe, status="200")
    assert sample(text, "vendormatch_graphql_request_duration_seconds_count", **probe)
    broken = {"operation_type": "query", "operation_name": "BrokenProbe"}
    assert sample(text, "vendormatch_graphql_requests_total", **broken, status="400")
    assert sample(text, "vendormatch_graphql_errors_total", **broken)
    match = {"operation_type": "query", "operation_name": "MatchProbe"}
    assert sample(text, "vendormatch_graphql_request_duration_seconds_bucket", **match, le="+Inf")
    assert (sample(text, "vendormatch_match_duration_seconds_count") or 0) >= 1
    assert sample(text, "vendormatch_match_index_vendors") is not None
    assert sample(text, "vendormatch_http_requests_total", route="/graphql", status="200")
    assert long_name not in text
    assert sample(text, "vendormatch_graphql_requests_total", operation_name="other")


def test_a_password_in_a_rejected_variable_never_reaches_the_log(
    server: Server, http: httpx.Client
) -> None:
    # given a sign-in whose input has a field too many, so graphql-core rejects the variable
    request_id = f"secret-{uuid.uuid4()}"
    password = f"MyS3cretPassw0rd-{uuid.uuid4().hex}"
    variables = {"i": {"email": "victim@example.com", "password": password, "x": 1}}
    query = "mutation ($i: LoginInput!) { login(input: $i) { token } }"

    # when it is sent
    response = http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={**GRAPHQL_JSON, "x-request-id": request_id},
    )

    # then the client hears what was wrong, and the log says which variable, not its value
    assert response.status_code in (200, 400) and "errors" in response.json()
    [line] = log_lines(server, request_id)
    assert line["errors"] and line["errors"][0].startswith("Variable '$i'")
    assert password not in server.logs()
    assert "victim@example.com" not in json.dumps(line)


def test_an_odd_method_is_counted_as_other(http: httpx.Client) -> None:
    method = f"FOO{uuid.uuid4().hex[:6].upper()}"
    http.request(method, "/nothing")

    text = http.get("/metrics").text

    assert method not in text
    assert sample(text, "vendormatch_http_requests_total", method="other", route="other")
