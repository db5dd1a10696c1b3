"""Vendor reads: the filtered, searchable `vendors` connection and `vendor(id|slug)`."""

from __future__ import annotations

import strawberry

from api.core.errors import ClientError
from api.graphql.context import Info
from api.graphql.ids import decode
from api.graphql.lookahead import selects_any
from api.graphql.pagination import keyset_window
from api.tags.catalog import NamedSkill, TagCatalog
from api.tags.service import tag_catalog
from api.vendors.dataloaders import SkillClaimsByVendorIdLoader, VendorByIdLoader
from api.vendors.free_skills import claimed_skills
from api.vendors.inputs import VendorFilter, VendorOrder, to_query
from api.vendors.search import search_vendors
from api.vendors.types import VendorConnection, VendorType
from api.vendors.views import VendorView, view_by_slug

# The fields that read a vendor's skills: a page asking for either loads them for all its
# vendors in one step, so each vendor's answers them without an awaitable of its own.
SKILL_FIELDS = frozenset({"expertise", "otherSkills"})


async def _page_skills(
    info: Info, views: list[VendorView], catalog: TagCatalog
) -> list[list[tuple[NamedSkill, float]] | None]:
    """Each vendor's skills (one statement for the page), or Nones when none is asked."""
    if not views or not selects_any(info, SKILL_FIELDS):
        return [None] * len(views)
    loader = SkillClaimsByVendorIdLoader.of(info.context)
    claims = await loader.load_many([view.id for view in views])
    return [claimed_skills(held.tags, held.texts, catalog) for held in claims]


@strawberry.type
class VendorQueries:
    @strawberry.field(description="Vendors, filtered, searched and ordered; a cursor connection.")
    async def vendors(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: VendorFilter | None = None,
        search: str | None = None,
        order_by: VendorOrder | None = None,
    ) -> VendorConnection:
        page = keyset_window(first, after)
        catalog = await tag_catalog(info.context.runtime)
        rows, count = await search_vendors(
            info.context.session,
            to_query(filter, search, order_by),
            catalog=catalog,
            after=page.after,
            limit=page.limit + 1,
        )
        loader = VendorByIdLoader.of(info.context)
        for row, _cursor in rows:
            loader.prime(row.id, row)
        views = [row for row, _cursor in rows]
        # The row past the page only says there is a next page: its skills are not shown.
        skills = await _page_skills(info, views[: page.limit], catalog)
        skills += [None] * (len(views) - len(skills))
        return VendorConnection.from_keyset(
            [VendorType.from_row(view, held) for view, held in zip(views, skills, strict=True)],
            [cursor for _row, cursor in rows],
            page,
            count,
        )

    @strawberry.field(description="One vendor by global ID or by slug.")
    async def vendor(
        self, info: Info, id: strawberry.ID | None = None, slug: str | None = None
    ) -> VendorType | None:
        if (id is None) == (slug is None):
            raise ClientError("Pass exactly one of `id` or `slug`.")
        if id is not None:
            decoded = decode(id)
            if decoded is None or decoded[0] != "Vendor":
                return None
            row = await VendorByIdLoader.of(info.context).load(decoded[1])
        else:
            assert slug is not None
            row = await view_by_slug(info.context.session, slug)
        return VendorType.from_row(row) if row else None
