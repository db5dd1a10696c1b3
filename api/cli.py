"""The operator's command line: serve, seed, export-schema, create-admin, fit-weights, bench."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from api.core.settings import get_settings

if TYPE_CHECKING:
    from api.core.runtime import Runtime


def _runtime() -> Runtime:
    from api.core.runtime import Runtime

    return Runtime.from_settings(get_settings())


def migrate() -> None:
    from api.core.migrate import upgrade

    upgrade(get_settings().resolved_database_url())


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.seeding.run import seed_reference

    migrate()

    async def ensure_reference() -> None:
        runtime = _runtime()
        try:
            await seed_reference(runtime)
        finally:
            await runtime.close()

    asyncio.run(ensure_reference())
    print(f"Serving GraphQL at http://{args.host}:{args.port}/graphql", file=sys.stderr)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        # The app logs (JSON by default, LOG_FORMAT) with its own access line per request.
        log_config=None,
        access_log=False,
        # Who the client is comes from TRUSTED_PROXIES (api/graphql/clients.py) alone;
        # uvicorn would otherwise believe X-Forwarded-For from any local peer.
        proxy_headers=False,
    )
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from api.seeding.run import seed

    migrate()

    async def run() -> dict[str, int]:
        runtime = _runtime()
        try:
            return await seed(runtime, demo=args.demo, vendor_file=args.file)
        finally:
            await runtime.close()

    counts = asyncio.run(run())
    print("Seeded: " + ", ".join(f"{name}={value}" for name, value in counts.items()))
    return 0


def cmd_export_schema(args: argparse.Namespace) -> int:
    from api.schema import export_sdl

    sdl = export_sdl()
    if args.output:
        Path(args.output).write_text(sdl)
    else:
        sys.stdout.write(sdl)
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    from api.auth.rules import Credentials
    from api.auth.service import register
    from api.core.errors import InputError
    from api.core.viewer import Role

    migrate()
    password = args.password or os.environ.get("ADMIN_PASSWORD") or getpass.getpass("Password: ")

    async def run() -> str | None:
        runtime = _runtime()
        try:
            async with runtime.sessions() as session, session.begin():
                await register(
                    session=session,
                    credentials=Credentials(args.email, password),
                    role=Role.ADMIN,
                    allow_admin=True,
                )
            return None
        except InputError as error:
            return str(error)
        finally:
            await runtime.close()

    problem = asyncio.run(run())
    if problem:
        print(f"Not created: {problem}", file=sys.stderr)
        return 1
    print(f"Admin {args.email} created.")
    return 0


def cmd_fit_weights(args: argparse.Namespace) -> int:
    from api.fitting.service import FitReport, fit_weights

    migrate()

    async def run() -> FitReport:
        runtime = _runtime()
        try:
            return await fit_weights(runtime, store=not args.dry_run, alpha=args.alpha)
        finally:
            await runtime.close()

    try:
        report = asyncio.run(run())
    except ValueError as error:
        print(f"Not fitted: {error}", file=sys.stderr)
        return 1
    weights = ", ".join(f"{name}={value:.3f}" for name, value in report.weights.items())
    print(f"Fitted on {report.train_scopes} requests, tested on {report.test_scopes}.")
    print(f"Held-out NDCG@10: learned {report.learned_ndcg:.4f}, default {report.default_ndcg:.4f}")
    print(f"Weights: {weights}" + (" (not stored)" if args.dry_run else " (stored)"))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    if args.target == "api":
        from benchmarks.api.run import main as bench_api

        return bench_api(args.rest)
    from benchmarks.match import main as bench_match

    return bench_match(args.rest)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="vendormatch", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="migrate the database and serve /graphql")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=cmd_serve)

    seed = commands.add_parser("seed", help="load reference data, and demo data with --demo")
    seed.add_argument("--demo", action="store_true", help="also load demo vendors and history")
    seed.add_argument("--file", type=Path, help="a vendors JSON file in the demo format")
    seed.set_defaults(run=cmd_seed)

    export = commands.add_parser("export-schema", help="print the GraphQL SDL")
    export.add_argument("--output", "-o", help="write to this file instead of stdout")
    export.set_defaults(run=cmd_export_schema)

    admin = commands.add_parser("create-admin", help="create an ADMIN account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", help="or ADMIN_PASSWORD, or asked for")
    admin.set_defaults(run=cmd_create_admin)

    fit = commands.add_parser("fit-weights", help="learn factor weights from hiring history")
    fit.add_argument("--dry-run", action="store_true", help="report, but do not store")
    fit.add_argument(
        "--alpha",
        type=float,
        default=0.01,
        help="pull towards the default weights (larger keeps every factor in play)",
    )
    fit.set_defaults(run=cmd_fit_weights)

    bench = commands.add_parser(
        "bench",
        help="benchmarks: `bench match [--vendors N]`, `bench api [--database postgresql]` "
        "(`bench api --help` for more)",
    )
    bench.add_argument("target", choices=["match", "api"])
    bench.add_argument("rest", nargs=argparse.REMAINDER)
    bench.set_defaults(run=cmd_bench)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
