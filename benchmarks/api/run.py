"""Run `vendormatch bench api` (usage in benchmarks/api/__init__.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import benchmarks.api as package
from api.vendors.records import vendor_count
from benchmarks.api.bare import Plan, write_plan
from benchmarks.api.capture import InProcessApp, in_process_app
from benchmarks.api.client import Check, Endpoint, Sample, encode_post, load, send_one
from benchmarks.api.data import BenchDatabase, fresh_database, given_database, load_vendors
from benchmarks.api.history import add_history
from benchmarks.api.library import library_match_ms
from benchmarks.api.operations import MATCH_FIRST, SCOPE, Operation, no_errors
from benchmarks.api.prepare import OPERATIONS, prepare
from benchmarks.api.report import Figures, peer_line, result_line, statements_sent
from benchmarks.api.servers import bare_server, vendormatch_server

# Priming a cold server may build the match index over every vendor.
PRIME_TIMEOUT = 900.0


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="vendormatch bench api",
        description=package.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    cli.add_argument(
        "--postgres-url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server to create the benchmark's database on",
    )
    cli.add_argument(
        "--database-name",
        help="the PostgreSQL database to create (default vendormatch_bench_<random>, so "
        "runs at once do not meet)",
    )
    cli.add_argument("--keep-database", action="store_true", help="do not drop it at the end")
    cli.add_argument(
        "--database-url", help="use this existing database as it is (no load, no drop)"
    )
    cli.add_argument("--vendors", type=int, default=1000, help="vendors to generate and load")
    cli.add_argument("--seed", type=int, default=0, help="the vendor generator's seed")
    cli.add_argument(
        "--history",
        type=int,
        default=1,
        metavar="BUSINESSES",
        help="load the demo history of this many businesses onto the generated vendors "
        "(1: 46 requests, 40 reviews; 4: 197 and 169), so ratings are not all empty; 0 for "
        "none",
    )
    cli.add_argument("--seconds", type=float, default=10.0, help="measured per target and op")
    cli.add_argument("--warmup", type=float, default=2.0, help="unmeasured, per target and op")
    cli.add_argument("--rounds", type=int, default=2, help="alternations the seconds split in")
    cli.add_argument("--connections", type=int, default=8)
    cli.add_argument("--ops", default=",".join(OPERATIONS), help="comma-separated, in order")
    cli.add_argument(
        "--peer", action="append", default=[], metavar="NAME=URL", help="another GraphQL server"
    )
    cli.add_argument(
        "--peer-query", type=Path, help="the peers' vendors-page document (no variables)"
    )
    cli.add_argument(
        "--show-sql", action="store_true", help="print the SQL captured per operation (stderr)"
    )
    return cli


@dataclass(frozen=True)
class Target:
    """One endpoint measured for an operation: its requests and their check."""

    name: str
    endpoint: Endpoint
    requests: list[bytes]
    check: Check


def graphql_target(name: str, url: str, operation: Operation) -> Target:
    endpoint = Endpoint.from_url(url)
    requests = [encode_post(endpoint, r.body(), r.headers()) for r in operation.requests]
    return Target(name, endpoint, requests, operation.check)


def bare_target(base_url: str, operation: Operation) -> Target:
    endpoint = Endpoint.from_url(f"{base_url}/{operation.name}")
    requests = [encode_post(endpoint, r.body()) for r in operation.requests]
    return Target("bare", endpoint, requests, http_ok)


def http_ok(status: int, body: bytes) -> str | None:
    return None if status == 200 else f"HTTP {status}: {body[:300]!r}"


def peer_targets(args: argparse.Namespace) -> list[Target]:
    if not args.peer:
        return []
    if args.peer_query is None:
        raise SystemExit("--peer needs --peer-query")
    body = json.dumps({"query": args.peer_query.read_text()}).encode()
    targets: list[Target] = []
    for peer in args.peer:
        name, _, url = peer.partition("=")
        if not url or name in {"ours", "bare", *(t.name for t in targets)}:
            raise SystemExit(f"--peer {peer!r}: give NAME=URL, a NAME of its own")
        endpoint = Endpoint.from_url(url)
        targets.append(Target(name, endpoint, [encode_post(endpoint, body)], no_errors))
    return targets


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Bench:
    """One run's settings and the servers it measures."""

    def __init__(self, args: argparse.Namespace, database: BenchDatabase, vendors: int) -> None:
        self.args = args
        self.database = database
        self.vendors = vendors

    async def measure(
        self, server_url: str, operations: list[Operation], app: InProcessApp
    ) -> None:
        plan = Plan(
            self.database.async_url(),
            {op.name: await app.statements(op) for op in operations},
        )
        if self.args.show_sql:
            for name, statements in plan.operations.items():
                say(f"-- {name}: {len(statements)} statements")
                for statement in statements:
                    many = " (executemany)" if statement.many else ""
                    say(f"{statement.sql}{many}\n   {statement.parameters!r:.300}")
        plan_path = self.database.data_dir / "bare-plan.pickle"
        write_plan(plan_path, plan)
        log = self.database.data_dir / "bare.log"
        with bare_server(plan_path, self.database.env(), log) as bare_url:
            for operation in operations:
                await self.measure_operation(
                    operation, server_url, bare_url, len(plan.operations[operation.name]), app
                )

    async def measure_operation(
        self, operation: Operation, server_url: str, bare_url: str, bare_sql: int, app: InProcessApp
    ) -> None:
        args = self.args
        ours = graphql_target("ours", f"{server_url}/graphql", operation)
        targets = [ours, bare_target(bare_url, operation)]
        if operation.name == "vendors_page":
            targets += peer_targets(args)
        say(f"{operation.name}: priming and warming up {', '.join(t.name for t in targets)}")
        for target in targets:
            await send_one(target.endpoint, target.requests[0], target.check, PRIME_TIMEOUT)
            await self.run(target, args.warmup)
        samples: dict[str, list[Sample]] = {t.name: [] for t in targets}
        statements = 0.0
        for _ in range(args.rounds):
            for target in targets:
                before = statements_sent(server_url) if target is ours else 0.0
                sample = await self.run(target, args.seconds / args.rounds)
                if target is ours:
                    statements += statements_sent(server_url) - before
                samples[target.name].append(sample)
        figures = {name: Figures.of(taken) for name, taken in samples.items()}
        mine = figures["ours"]
        extra: dict[str, float] = {}
        if operation.name == "match_vendors":
            # One connection: under 8, a lone worker's p50 is mostly queueing (8 x its
            # service time), while the library's time is one call's.
            alone = Figures.of([await self.run(ours, args.seconds / args.rounds, connections=1)])
            library = sorted(await library_match_ms(app.runtime, SCOPE, MATCH_FIRST))
            library_p50 = library[len(library) // 2]
            extra = {
                "p50_1conn_ms": alone.p50_ms,
                "library_p50_ms": library_p50,
                "http_over_library": alone.p50_ms / library_p50,
            }
        line = result_line(
            operation=operation.name,
            db=self.database.kind,
            vendors=self.vendors,
            ours=mine,
            sql_per_req=statements / mine.requests,
            bare=figures["bare"],
            bare_statements=bare_sql,
            extra=extra,
        )
        print(line, flush=True)
        for target in targets[2:]:
            print(
                peer_line(
                    operation=operation.name,
                    db=self.database.kind,
                    vendors=self.vendors,
                    name=target.name,
                    ours=mine,
                    peer=figures[target.name],
                ),
                flush=True,
            )

    async def run(self, target: Target, seconds: float, connections: int | None = None) -> Sample:
        return await load(
            target.endpoint,
            target.requests,
            target.check,
            connections=connections or self.args.connections,
            seconds=seconds,
        )


async def bench(args: argparse.Namespace, database: BenchDatabase, server_url: str) -> None:
    async with in_process_app(database.settings()) as app:
        async with app.runtime.sessions() as session:
            vendors = await vendor_count(session)
        operations = await prepare(server_url, args.ops.split(","))
        await Bench(args, database, vendors).measure(server_url, operations, app)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    unknown = set(args.ops.split(",")) - set(OPERATIONS)
    if unknown:
        raise SystemExit(f"unknown --ops {sorted(unknown)}; there are {', '.join(OPERATIONS)}")
    peer_targets(args)  # refuse a bad --peer before anything starts
    with ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="vm-bench-")))
        if args.database_url:
            database = given_database(args.database_url, data_dir)
        else:
            name = args.database_name or f"vendormatch_bench_{secrets.token_hex(3)}"
            database = stack.enter_context(
                fresh_database(
                    args.database,
                    data_dir,
                    postgres_url=args.postgres_url,
                    name=name,
                    keep=args.keep_database,
                )
            )
            where = name if args.database == "postgresql" else data_dir
            say(f"loading {args.vendors} vendors into {args.database} ({where})")
            seconds = load_vendors(database, args.vendors, args.seed)
            say(
                f"loaded {args.vendors} vendors in {seconds:.1f} s ({args.vendors / seconds:.0f}/s)"
            )
            if args.history:
                started = time.perf_counter()
                reviews = asyncio.run(add_history(database.settings(), args.history))
                say(f"added {reviews} reviews in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        server_url = stack.enter_context(vendormatch_server(database.env(), data_dir / "serve.log"))
        say(f"vendormatch serve ready in {time.perf_counter() - started:.1f} s at {server_url}")
        try:
            asyncio.run(bench(args, database, server_url))
        except Exception:
            say("the server's log ends:\n" + (data_dir / "serve.log").read_text()[-4000:])
            raise
    return 0
