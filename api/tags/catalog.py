"""The taxonomy as loaded from the database: tag rows plus alias resolution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.core.errors import ErrorCode, Problems
from api.tags.models import Tag
from matching import Taxonomy, normalise_skill, skill_key


def tag_words(tag: Tag) -> str:
    """The words a tag is found by in text search: its name and slug, lower-cased."""
    return f"{tag.name} {tag.slug}".lower()


@dataclass(frozen=True)
class NamedSkill:
    """A skill as someone named it: a known tag, or free text the taxonomy lacks (kept in
    its normalised form and keyed by `matching.skill_key`, never refused)."""

    name: str
    key: str
    tag: Tag | None = None

    @property
    def term(self) -> str:
        """What the matching library takes: the tag's slug, or the free text itself."""
        return self.tag.slug if self.tag is not None else self.name

    @property
    def tag_id(self) -> int | None:
        return self.tag.id if self.tag is not None else None


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

    def named(self, text: str) -> NamedSkill:
        """The tag `text` names (slug, name or alias), else `text` as a free-text skill."""
        tag = self.resolve(text)
        if tag is not None:
            return NamedSkill(name=tag.name, key=skill_key(tag.slug), tag=tag)
        name = normalise_skill(text)
        return NamedSkill(name=name, key=skill_key(name))

    def suggest(self, text: str, n: int = 3) -> list[Tag]:
        """Known tags closest to an unknown name, best first."""
        return [self.by_slug[s] for s in self.taxonomy.suggest(text, n=n) if s in self.by_slug]

    def resolve_or_report(
        self, problems: Problems, path: Sequence[str | int], text: str
    ) -> Tag | None:
        """The tag `text` names, or a problem that suggests the closest known tags."""
        tag = self.resolve(text)
        if tag is None:
            suggestions = [tag.name for tag in self.suggest(text)]
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "."
            problems.add(path, f"Unknown tag '{text}'{hint}", ErrorCode.UNKNOWN_TAG)
        return tag

    def resolve_all(self, problems: Problems, name: str, texts: Sequence[str]) -> list[int]:
        """Ids of the tags `texts` name (aliases resolve); each unknown one is reported."""
        tags = [self.resolve_or_report(problems, [name, i], t) for i, t in enumerate(texts)]
        return [tag.id for tag in tags if tag is not None and tag.id is not None]
