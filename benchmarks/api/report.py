"""Figures of a measured operation, and the one RESULT line each prints."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import httpx2 as httpx

from benchmarks.api.client import Sample

STATEMENTS = "vendormatch_sql_statements_total"


@dataclass(frozen=True)
class Figures:
    """Throughput and latency over every request of the samples taken for one target."""

    requests: int
    req_s: float
    p50_ms: float
    p99_ms: float

    @classmethod
    def of(cls, samples: Iterable[Sample]) -> Figures:
        taken = list(samples)
        latencies = sorted(x for sample in taken for x in sample.latencies)
        seconds = sum(sample.seconds for sample in taken)
        return cls(
            requests=len(latencies),
            req_s=len(latencies) / seconds if seconds else 0.0,
            p50_ms=percentile(latencies, 0.50) * 1000,
            p99_ms=percentile(latencies, 0.99) * 1000,
        )


def percentile(ordered: list[float], fraction: float) -> float:
    """The nearest-rank percentile of sorted values (NaN for none)."""
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def statements_sent(base_url: str) -> float:
    """The server's vendormatch_sql_statements_total, read off its /metrics."""
    text = httpx.get(f"{base_url}/metrics", timeout=30).text
    for line in text.splitlines():
        if line.startswith(STATEMENTS + " "):
            return float(line.split(" ")[1])
    raise RuntimeError(f"{STATEMENTS} is not on {base_url}/metrics")


def fields(**values: object) -> str:
    """`name=value` pairs, floats to a precision worth reading."""
    return " ".join(f"{name}={_format(value)}" for name, value in values.items())


def _format(value: object) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def result_line(
    *,
    operation: str,
    db: str,
    vendors: int,
    ours: Figures,
    sql_per_req: float,
    bare: Figures,
    bare_statements: int,
    extra: dict[str, float] | None = None,
) -> str:
    return "RESULT " + fields(
        op=operation,
        db=db,
        vendors=vendors,
        req_s=ours.req_s,
        p50_ms=ours.p50_ms,
        p99_ms=ours.p99_ms,
        p99_over_p50=ours.p99_ms / ours.p50_ms,
        sql_per_req=sql_per_req,
        bare_req_s=bare.req_s,
        bare_p50_ms=bare.p50_ms,
        bare_sql=bare_statements,
        ratio=ours.req_s / bare.req_s,
        **(extra or {}),
    )


def peer_line(
    *, operation: str, db: str, vendors: int, name: str, ours: Figures, peer: Figures
) -> str:
    return "RESULT " + fields(
        op=operation,
        peer=name,
        db=db,
        vendors=vendors,
        peer_req_s=peer.req_s,
        peer_p50_ms=peer.p50_ms,
        peer_p99_ms=peer.p99_ms,
        req_s=ours.req_s,
        ours_over_peer=ours.req_s / peer.req_s,
    )
