"""Schema extensions: request limits, error masking, and the rules Strawberry leaves out."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from api.core.errors import ClientError
from api.core.settings import get_settings
from api.graphql.context import Context
from api.graphql.observability import ObserveOperation


def should_mask(error: GraphQLError) -> bool:
    """Hide unexpected exceptions (unless DEBUG); keep parse, validation and client errors."""
    original = error.original_error
    unexpected = original is not None and not isinstance(original, ClientError | GraphQLError)
    return unexpected and not get_settings().debug


class ReleaseWebSocketSession(SchemaExtension):
    """Over HTTP the view closes a request's session; a WebSocket carries many operations
    on one context, so each operation hands its session back when it ends."""

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        request = getattr(context, "request", None)
        if (
            isinstance(context, Context)
            and request is not None
            and request.scope["type"] == "websocket"
        ):
            await context.close()


class RequireOperationName(SchemaExtension):
    """GraphQL's GetOperation: a document with several operations needs `operationName`.

    Strawberry would run the first; refusing here, on the document it already parsed,
    holds for HTTP and WebSockets alike.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        # `operation_name` falls back to the document's first; ask what the client sent.
        if context._provided_operation_name is None and document is not None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) > 1:
                message = "Name the operation to run with `operationName`."
                context.pre_execution_errors = [GraphQLError(message)]
        yield


def extensions() -> list[Callable[[], SchemaExtension]]:
    """Factories, so each request gets fresh extensions (the caches are shared by module)."""
    settings = get_settings
    return [
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: QueryDepthLimiter(max_depth=settings().max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings().max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings().max_tokens),
        RequireOperationName,
        lambda: MaskErrors(should_mask_error=should_mask),
        ReleaseWebSocketSession,
        # Last, so it leaves the operation before MaskErrors hides a database outage.
        ObserveOperation,
    ]
