"""GraphQL inputs for mapping free-text skills."""

from __future__ import annotations

import strawberry


@strawberry.input
class MapFreeSkillInput:
    text: str = strawberry.field(description="The free-text skill as vendors or buyers typed it.")
    tag: str = strawberry.field(description="The tag it means: a slug, name or alias.")
