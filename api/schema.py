"""The GraphQL schema: root types composed from the domains, plus hardening extensions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import strawberry
from graphql import GraphQLError, OperationDefinitionNode
from strawberry import relay
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from api.auth.graphql import AuthMutations, AuthQueries
from api.context import Context, Info
from api.errors import ClientError
from api.graphql.ids import decode
from api.matches.queries import MatchQueries
from api.projects.graphql import ProjectMutations, ProjectQueries
from api.projects.subscriptions import ProjectSubscriptions
from api.reference.graphql import ReferenceQueries
from api.settings import get_settings
from api.vendors.mutations import VendorMutations
from api.vendors.queries import VendorQueries


@strawberry.type
class Query(VendorQueries, MatchQueries, AuthQueries, ProjectQueries, ReferenceQueries):
    @strawberry.field(description="Any object by its global ID; null when it is not yours to see.")
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        decoded = decode(id)
        if decoded is None:
            return None
        try:
            node_type = relay.GlobalID(decoded[0], str(decoded[1])).resolve_type(info)
        except relay.GlobalIDValueError:
            return None  # a type name this schema does not have
        nodes = await node_type.resolve_nodes(info=info, node_ids=[str(decoded[1])])
        return next(iter(nodes), None)


@strawberry.type
class Mutation(VendorMutations, AuthMutations, ProjectMutations):
    pass


@strawberry.type
class Subscription(ProjectSubscriptions):
    pass


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
    ]


# Built once per process: there is one schema, whatever the settings.
schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=extensions(),
    config=StrawberryConfig(relay_max_results=100),
)


def export_sdl() -> str:
    """The SDL committed as schema.graphql."""
    return schema.as_str() + "\n"
