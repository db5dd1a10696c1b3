"""The taxonomy as loaded from the database: tag rows plus alias resolution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.core.errors import ErrorCode, Problems
from api.tags.models import Tag
from matching import Taxonomy


@dataclass(frozen=True)
class TagCatalog:
    """Tags by id and slug, and the matching library's taxonomy for resolving what users type."""

    taxonomy: Taxonomy
    by_id: dict[int, Tag]
    by_slug: dict[str, Tag]
    aliases: dict[int, list[str]]

    def resolve(self, text: str) -> Tag | None:
        slug = self.taxonomy.resolve(text)
        return self.by_slug.get(slug) if slug else None

    def resolve_or_report(
        self, problems: Problems, path: Sequence[str | int], text: str
    ) -> Tag | None:
        """The tag `text` names, or a problem that suggests the closest known tags."""
        tag = self.resolve(text)
        if tag is None:
            suggestions = [self.by_slug[slug].name for slug in self.taxonomy.suggest(text, n=3)]
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "."
            problems.add(path, f"Unknown tag '{text}'{hint}", ErrorCode.UNKNOWN_TAG)
        return tag

    def resolve_all(self, problems: Problems, name: str, texts: Sequence[str]) -> list[int]:
        """Ids of the tags `texts` name (aliases resolve); each unknown one is reported."""
        tags = [self.resolve_or_report(problems, [name, i], t) for i, t in enumerate(texts)]
        return [tag.id for tag in tags if tag is not None and tag.id is not None]
