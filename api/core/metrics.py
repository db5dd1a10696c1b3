"""Prometheus metrics of this process, exposed at /metrics.

Each uvicorn worker is its own process with its own counters: scrape every worker, or
run one worker per container, and sum in Prometheus.
"""

from __future__ import annotations

import re

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

__all__ = ["CONTENT_TYPE_LATEST", "exposition", "operation_names", "registry"]

registry = CollectorRegistry()
ProcessCollector(registry=registry)

OPERATION = ("operation_type", "operation_name")

http_requests = Counter(
    "vendormatch_http_requests",
    "HTTP requests answered, by route and status.",
    ("method", "route", "status"),
    registry=registry,
)
graphql_requests = Counter(
    "vendormatch_graphql_requests",
    "GraphQL operations answered over HTTP, by operation and status.",
    (*OPERATION, "status"),
    registry=registry,
)
graphql_errors = Counter(
    "vendormatch_graphql_errors",
    "GraphQL responses carrying top-level errors, by operation.",
    OPERATION,
    registry=registry,
)
graphql_duration = Histogram(
    "vendormatch_graphql_request_duration_seconds",
    "Time to answer a GraphQL request over HTTP, by operation.",
    OPERATION,
    registry=registry,
)
match_duration = Histogram(
    "vendormatch_match_duration_seconds",
    "Time the matcher spends ranking the vendors for one scope.",
    registry=registry,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
match_index_vendors = Gauge(
    "vendormatch_match_index_vendors",
    "Vendors in this worker's match index.",
    registry=registry,
)


def exposition() -> bytes:
    """Every metric above in the Prometheus text format."""
    return generate_latest(registry)


class OperationNames:
    """Operation names as labels, bounded: clients choose them, and every distinct label
    value is a time series kept forever. Past `limit` names, new ones count as "other"."""

    NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._seen: set[str] = set()

    def label(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if not self.NAME.fullmatch(name):
            return "other"
        if name not in self._seen:
            if len(self._seen) >= self.limit:
                return "other"
            self._seen.add(name)
        return name


operation_names = OperationNames()
