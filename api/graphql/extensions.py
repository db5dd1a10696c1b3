"""Schema extensions: document limits and cost, error masking, and the rules Strawberry
leaves out."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import suppress

from graphql import DocumentNode, GraphQLError, OperationDefinitionNode, parse
from strawberry.extensions import MaskErrors, SchemaExtension

from api.core.errors import ClientError, ErrorCode
from api.core.settings import Settings, get_settings
from api.graphql.context import Context
from api.graphql.cost import query_cost
from api.graphql.documents import ShapeError, ShapeLimits, check_shape
from api.graphql.observability import ObserveOperation
from api.graphql.read_only import ReadOnlyQueries
from api.graphql.surrogates import lone_surrogate_path, surrogate_message
from api.graphql.throttle import acquire, client_buckets, refusal_message
from api.graphql.validation import parse_document, validation_cache

COST_LIMIT = "COST_LIMIT"
QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
GRAPHQL_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*$")


def should_mask(error: GraphQLError) -> bool:
    """Hide unexpected exceptions (unless DEBUG); keep parse, validation and client errors."""
    original = error.original_error
    unexpected = original is not None and not isinstance(original, ClientError | GraphQLError)
    return unexpected and not get_settings().debug


class ReleaseWebSocketSession(SchemaExtension):
    """A WebSocket carries many operations on one context (over HTTP there is one each).

    So each operation re-checks the connection's token first (a logout, a new password or
    a demotion takes effect on an open socket too), and hands its session back when it ends.
    """

    async def on_operation(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        request = getattr(context, "request", None)
        over_websocket = (
            isinstance(context, Context)
            and request is not None
            and request.scope["type"] == "websocket"
        )
        if over_websocket:
            await context.refresh_viewer()
        yield
        if over_websocket:
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


def _settings(context: object) -> Settings:
    """The app's settings (tests build apps with their own), else the process's."""
    return context.runtime.settings if isinstance(context, Context) else get_settings()


def _placeholder(operation_name: str | None) -> DocumentNode:
    """A trivial document standing in for one refused unparsed, so that choosing its
    operation succeeds and validation can report the refusal over HTTP and WebSockets."""
    name = operation_name if operation_name and GRAPHQL_NAME.match(operation_name) else ""
    return parse(f"query {name} {{ __typename }}")


class GuardedDocument(SchemaExtension):
    """Parse, validate and price a document, refusing it as early as it can be refused.

    1. Longer than QUERY_MAX_CHARS: refused unparsed. Otherwise parsed (cached per text,
       at most MAX_TOKENS tokens).
    2. Its shape (fields, repeats, depth, aliases) bounded before validation.
    3. Validated with fixed rules through a cache that ignores comments and spacing.
    4. Priced (api/graphql/cost.py): over QUERY_MAX_COST is refused; otherwise the cost
       is charged to the client's per-minute budgets, per IP and per account.
    """

    refusal: GraphQLError | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        settings = _settings(context.context)
        query = context.query or ""
        if len(query) > settings.query_max_chars:
            self.refusal = GraphQLError(
                f"The query is {len(query)} characters long; "
                f"at most {settings.query_max_chars} are allowed.",
                extensions={"code": QUERY_TOO_LARGE},
            )
            context.graphql_document = _placeholder(context._provided_operation_name)
        elif context.graphql_document is None and query:
            context.parse_options["max_tokens"] = settings.max_tokens
            # On a syntax error Strawberry parses again and reports it as usual.
            with suppress(GraphQLError):
                context.graphql_document = parse_document(query, settings.max_tokens)
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        context.pre_execution_errors = await self._errors()
        yield

    async def _errors(self) -> list[GraphQLError]:
        if self.refusal is not None:
            return [self.refusal]
        context = self.execution_context
        # Over HTTP the view refuses these before parsing; WebSocket messages come here.
        where = lone_surrogate_path({"variables": context.variables or {}})
        if where is not None:
            return [GraphQLError(surrogate_message(where), extensions={"code": "BAD_USER_INPUT"})]
        document = context.graphql_document
        assert document is not None
        settings = _settings(context.context)
        limits = ShapeLimits(
            max_fields=settings.query_max_fields,
            max_repeated=settings.query_max_repeated_fields,
            max_depth=settings.max_query_depth,
            max_aliases=settings.max_aliases,
        )
        try:
            check_shape(document, limits)
        except ShapeError as error:
            return [GraphQLError(str(error), extensions={"code": QUERY_TOO_LARGE})]
        schema = context.schema._schema
        errors = validation_cache.validate(schema, document, context)
        if errors:
            return errors
        try:
            cost = query_cost(schema, document, context.operation_name, context.variables)
        except GraphQLError as error:  # e.g. an operation name the document lacks
            return [error]
        if cost > settings.query_max_cost:
            return [
                GraphQLError(
                    f"This query would cost {cost} points; one request may cost at most "
                    f"{settings.query_max_cost}. Ask for smaller pages (`first`) or fewer "
                    "nested lists.",
                    extensions={"code": COST_LIMIT, "cost": cost, "limit": settings.query_max_cost},
                )
            ]
        return await self._charge(cost)

    async def _charge(self, cost: int) -> list[GraphQLError]:
        """Spend `cost` from the client's budgets; a refusal is a 429 with Retry-After."""
        app_context = self.execution_context.context
        if not isinstance(app_context, Context) or cost == 0:
            return []
        if not app_context.runtime.settings.rate_limits_enabled:
            return []
        buckets = client_buckets(
            app_context, "cost", "rate_limit_cost_ip", "rate_limit_cost_account"
        )
        decision = await acquire(app_context, buckets, units=cost)
        if decision.allowed:
            return []
        response = app_context.response
        if response is not None and hasattr(response, "status_code"):
            response.status_code = 429
        message = f"{refusal_message(decision)} This client spent its query budget (cost {cost})."
        extensions = {"code": ErrorCode.RATE_LIMITED.value, "retryAfter": decision.retry_after}
        return [GraphQLError(message, extensions=extensions)]


def extensions() -> list[Callable[[], SchemaExtension]]:
    """Factories, so each request gets fresh extensions (the caches are shared by module)."""
    return [
        GuardedDocument,
        RequireOperationName,
        lambda: MaskErrors(should_mask_error=should_mask),
        ReleaseWebSocketSession,
        ReadOnlyQueries,
        # Last, so it leaves the operation before MaskErrors hides a database outage.
        ObserveOperation,
    ]
