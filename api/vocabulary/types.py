"""GraphQL types for the open vocabulary."""

from __future__ import annotations

import strawberry

from api.graphql.cost import cost_hint
from api.graphql.pagination import Connection
from api.tags.catalog import TagCatalog
from api.tags.notes import SUGGESTIONS_PER_NOTE
from api.tags.types import TagType
from api.vocabulary.service import Usage


@strawberry.type(
    description="A free-text skill no tag covers yet, how many profiles and requests name it, "
    "and the tags it may mean."
)
class FreeSkillUsage:
    text: str = strawberry.field(description="One spelling people used.")
    vendors: int
    project_requests: int
    _catalog: strawberry.Private[TagCatalog]

    @classmethod
    def of(cls, usage: Usage, catalog: TagCatalog) -> FreeSkillUsage:
        return cls(
            text=usage.text,
            vendors=usage.vendors,
            project_requests=usage.project_requests,
            _catalog=catalog,
        )

    @strawberry.field(metadata=cost_hint(list_size=SUGGESTIONS_PER_NOTE))
    def suggestions(self) -> list[TagType]:
        tags = self._catalog.suggest(self.text, n=SUGGESTIONS_PER_NOTE)
        return [TagType.from_row(tag) for tag in tags]


@strawberry.type
class FreeSkillUsageConnection(Connection[FreeSkillUsage]):
    pass
