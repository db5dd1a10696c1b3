"""Queries over HTTP read through an autocommit session (no BEGIN, no ROLLBACK)."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.graphql.context import Context


class ReadOnlyQueries(SchemaExtension):
    """Mark an HTTP query's context read-only before it executes, so its session is a
    core.db.ReadSession. Mutations keep their transaction; so does every operation over
    a WebSocket, where operations share one context and may overlap."""

    def on_execute(self) -> Iterator[None]:
        execution = self.execution_context
        context = execution.context
        if isinstance(context, Context) and _over_http(context):
            context.read_only = execution.operation_type is OperationType.QUERY
        yield


def _over_http(context: Context) -> bool:
    request = context.request
    return request is not None and request.scope["type"] == "http"
