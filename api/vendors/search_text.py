"""The text `vendors(search:)` matches a vendor against."""

from __future__ import annotations

from collections.abc import Sequence

from api.tags.catalog import TagCatalog, tag_words
from api.vendors.models import SEARCH_TEXT_LENGTH, Vendor


def search_text(
    vendor: Vendor, catalog: TagCatalog, tag_ids: Sequence[int], free_names: Sequence[str] = ()
) -> str:
    """Profile text plus tag names and slugs, and the free-text skills, lower-cased."""
    return profile_text(
        (vendor.name, vendor.headline, vendor.description), catalog, tag_ids, free_names
    )


def profile_text(
    texts: Sequence[str], catalog: TagCatalog, tag_ids: Sequence[int], free_names: Sequence[str]
) -> str:
    """The search text of a profile's name, headline and description (`texts`), its tags
    and its free-text skills."""
    tags = [catalog.by_id[tag_id] for tag_id in tag_ids if tag_id in catalog.by_id]
    parts = [*texts, *(tag_words(tag) for tag in tags), *free_names]
    return " ".join(parts).lower()[:SEARCH_TEXT_LENGTH]
