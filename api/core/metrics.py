"""Prometheus metrics of this process, exposed at /metrics.

Each uvicorn worker is its own process with its own counters: scrape every worker, or
run one worker per container, and sum in Prometheus.
"""

from __future__ import annotations

import contextlib
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

__all__ = [
    "CONTENT_TYPE_LATEST",
    "exposition",
    "method_label",
    "operation_names",
    "record_graphql",
    "registry",
    "sql_statements",
]

registry = CollectorRegistry()
ProcessCollector(registry=registry)

OPERATION = ("operation_type", "operation_name")
# HTTP methods as labels; any other (`curl -X FOO1`) is "other", or each would be a series.
METHODS = frozenset({"GET", "POST", "HEAD", "OPTIONS"})

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
# Incremented by api.core.sql_metrics for every statement an engine of this process sends.
sql_statements = Counter(
    "vendormatch_sql_statements",
    "SQL statements sent to the database (an executemany counts once).",
    registry=registry,
)
match_index_vendors = Gauge(
    "vendormatch_match_index_vendors",
    "Vendors in this worker's match index.",
    registry=registry,
)


def exposition() -> bytes:
    """Every metric above in the Prometheus text format."""
    return generate_latest(registry)


def method_label(method: str) -> str:
    """The request's method as a label: one of METHODS, else "other"."""
    return method if method in METHODS else "other"


Series = tuple[str, str]  # (operation_type, status) an operation name was counted under


class OperationNames:
    """Operation names as labels, bounded: clients choose them, and every distinct label
    value is a time series. The `limit` names used most recently are labels (an LRU); a
    new name past the limit evicts the one unused for longest, whose series `on_evict`
    removes from the metrics, so the series stay bounded whatever clients send.

    Why an LRU rather than the first `limit` names kept for ever: then whoever sent
    `limit` junk names first made every later real operation count as "other". Now junk
    names only push out names nobody used since; a real operation in use comes back at
    its next request (its counter restarts, which Prometheus's rate() reads as a reset).
    A client sending a stream of fresh names can still make idle names churn, but never
    hides an operation for good, and never grows the series past the bound."""

    NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")

    def __init__(
        self,
        limit: int = 200,
        on_evict: Callable[[str, Iterable[Series]], None] | None = None,
    ) -> None:
        self.limit = limit
        self.on_evict = on_evict
        self._names: OrderedDict[str, set[Series]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._names)

    def label(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if not self.NAME.fullmatch(name):
            return "other"
        if name in self._names:
            self._names.move_to_end(name)
            return name
        while len(self._names) >= self.limit:
            evicted, series = self._names.popitem(last=False)
            if self.on_evict is not None:
                self.on_evict(evicted, series)
        self._names[name] = set()
        return name

    def counted(self, name: str, operation_type: str, status: str) -> None:
        """Note a series `name` was counted under, to remove it when `name` is evicted."""
        series = self._names.get(name)
        if series is not None:
            series.add((operation_type, status))


def _remove_series(name: str, series: Iterable[Series]) -> None:
    for operation_type, status in series:
        for metric, labels in (
            (graphql_requests, (operation_type, name, status)),
            (graphql_duration, (operation_type, name)),
            (graphql_errors, (operation_type, name)),
        ):
            # KeyError: never counted under these labels, or removed already.
            with contextlib.suppress(KeyError):
                metric.remove(*labels)


operation_names = OperationNames(on_evict=_remove_series)


def record_graphql(
    operation_type: str | None,
    operation_name: str | None,
    status: int,
    seconds: float,
    *,
    errored: bool,
) -> None:
    """Count one GraphQL request over HTTP: its operation, status, duration and errors."""
    name = operation_names.label(operation_name)
    labels = (operation_type or "unknown", name)
    operation_names.counted(name, labels[0], str(status))
    graphql_requests.labels(*labels, str(status)).inc()
    graphql_duration.labels(*labels).observe(seconds)
    if errored:
        graphql_errors.labels(*labels).inc()
