"""The GraphQL schema: root types composed from every domain's queries and mutations."""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig

from api.auth.mutations import AuthMutations
from api.auth.queries import AuthQueries
from api.engagements.mutations import EngagementMutations
from api.engagements.queries import EngagementQueries
from api.events.mutations import EventMutations
from api.events.queries import EventQueries
from api.events.subscriptions import EventSubscriptions
from api.graphql.compiled import CompilingExecutor
from api.graphql.direct_resolvers import call_resolvers_directly
from api.graphql.extensions import extensions
from api.graphql.node import NodeQueries
from api.graphql.pagination import max_page
from api.matches.queries import MatchQueries
from api.messaging.mutations import MessagingMutations
from api.messaging.queries import MessagingQueries
from api.projects.mutations import ProjectMutations
from api.projects.queries import ProjectQueries
from api.projects.subscriptions import ProjectSubscriptions
from api.proposals.mutations import ProposalMutations
from api.proposals.queries import ProposalQueries
from api.reference.queries import ReferenceQueries
from api.tags.queries import TagQueries
from api.vendors.mutations import VendorMutations
from api.vendors.queries import VendorQueries
from api.vocabulary.mutations import VocabularyMutations
from api.vocabulary.queries import VocabularyQueries


@strawberry.type
class Query(
    VendorQueries,
    MatchQueries,
    AuthQueries,
    ProjectQueries,
    ProposalQueries,
    ReferenceQueries,
    TagQueries,
    MessagingQueries,
    EventQueries,
    EngagementQueries,
    VocabularyQueries,
    NodeQueries,
):
    pass


@strawberry.type
class Mutation(
    VendorMutations,
    AuthMutations,
    ProjectMutations,
    ProposalMutations,
    MessagingMutations,
    EventMutations,
    EngagementMutations,
    VocabularyMutations,
):
    pass


@strawberry.type
class Subscription(ProjectSubscriptions, EventSubscriptions):
    pass


# Built once per process: there is one schema, whatever the settings.
schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=extensions(),
    config=StrawberryConfig(relay_max_results=max_page()),
    # Plain subtrees of a response completed in a tight loop (api/graphql/compiled.py).
    execution_context_class=CompilingExecutor,
)
# Fields with nothing for Strawberry's per-field chain to do skip it (~900 on a vendors page).
call_resolvers_directly(schema)


def export_sdl() -> str:
    """The SDL committed as schema.graphql."""
    return schema.as_str() + "\n"
