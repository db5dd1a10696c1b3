"""`mapFreeSkill`: an admin maps a free-text skill onto a tag."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.user_errors import MutationPayload, run_mutation
from api.tags.service import forget_tag_catalog, tag_catalog
from api.tags.types import TagType
from api.vocabulary import service
from api.vocabulary.inputs import MapFreeSkillInput


@strawberry.type
class MapFreeSkillPayload(MutationPayload):
    text: str | None = strawberry.field(default=None, description="The free text, as kept.")
    tag: TagType | None = None
    vendors_updated: int = strawberry.field(
        default=0, description="Profiles whose free-text skill became this tag."
    )
    project_requests_updated: int = strawberry.field(
        default=0, description="Requests whose free-text requirement became this tag."
    )


@strawberry.type
class VocabularyMutations:
    @strawberry.mutation(
        description="Admins only: make a free-text skill an alias of a tag. Profiles and "
        "requests that named it now name the tag; matching on every worker follows without "
        "a restart."
    )
    async def map_free_skill(self, info: Info, input: MapFreeSkillInput) -> MapFreeSkillPayload:
        catalog = await tag_catalog(info.context.runtime)
        payload = await run_mutation(
            info,
            MapFreeSkillPayload,
            lambda: service.map_free_skill(
                session=info.context.session,
                viewer=info.context.viewer,
                text=input.text,
                tag=input.tag,
                catalog=catalog,
            ),
            lambda mapped: MapFreeSkillPayload(
                text=mapped.text,
                tag=TagType.from_row(mapped.tag),
                vendors_updated=mapped.vendors,
                project_requests_updated=mapped.project_requests,
            ),
        )
        if not payload.user_errors:
            # This worker reads the new alias at once; the others when they next look at
            # the taxonomy's stamp (within a second).
            forget_tag_catalog(info.context.runtime)
        return payload
