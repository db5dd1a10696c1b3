"""The bare endpoint: a plain Starlette app that replays, per operation, the SQL our server
sends for one request of it, and answers the rows as JSON.

It is the floor a GraphQL server over the same database could reach: no parsing,
validation, resolvers or objects, one pooled connection per request. `vendormatch bench
api` writes the plan (the database URL and each operation's statements, pickled) and
serves this with `python -m benchmarks.api.bare PLAN --port N`, under uvicorn with the
settings `vendormatch serve` uses.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
from pathlib import Path
from typing import Any, NamedTuple

import uvicorn
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

PLAN_ENV = "VENDORMATCH_BENCH_PLAN"


class Statement(NamedTuple):
    """One statement as the driver received it (an executemany takes a list of rows)."""

    sql: str
    parameters: Any
    many: bool


class Plan(NamedTuple):
    database_url: str  # an async SQLAlchemy URL
    operations: dict[str, list[Statement]]


def write_plan(path: Path, plan: Plan) -> None:
    path.write_bytes(pickle.dumps(plan))


def read_plan(path: Path) -> Plan:
    plan: Plan = pickle.loads(path.read_bytes())
    return plan


def bare_engine(url: str) -> AsyncEngine:
    """A pooled engine as the server's, without its per-checkout ping."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_async_engine(url)
    engine = create_async_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # The server's settings, so writes cost the same (WAL, NORMAL sync).
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def create_app(plan_path: Path | None = None) -> Starlette:
    plan = read_plan(plan_path or Path(os.environ[PLAN_ENV]))
    engine = bare_engine(plan.database_url)

    def replay(statements: list[Statement]) -> Any:
        async def endpoint(request: Request) -> Response:
            await request.body()
            rows: list[list[Any]] = []
            async with engine.begin() as connection:
                for statement in statements:
                    result = await connection.exec_driver_sql(statement.sql, statement.parameters)
                    if result.returns_rows:
                        rows.append([list(row) for row in result.all()])
            return Response(json.dumps(rows, default=str), media_type="application/json")

        return endpoint

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    routes = [
        Route(f"/{name}", replay(sql), methods=["POST"]) for name, sql in plan.operations.items()
    ]
    return Starlette(routes=[*routes, Route("/healthz", healthz)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the bare endpoint for a plan.")
    parser.add_argument("plan", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    os.environ[PLAN_ENV] = str(args.plan)
    # As `vendormatch serve` runs uvicorn (api/cli.py), so only the app differs.
    uvicorn.run(
        "benchmarks.api.bare:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=1,
        log_config=None,
        access_log=False,
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
