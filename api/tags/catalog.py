"""The taxonomy as loaded from the database: tag rows plus alias resolution."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from api.tags.models import Tag
from matching import Taxonomy, normalise_skill, skill_key


def tag_words(tag: Tag) -> str:
    """The words a tag is found by in text search: its name and slug, lower-cased."""
    return f"{tag.name} {tag.slug}".lower()


@dataclass(frozen=True)
class NamedSkill:
    """A skill as someone named it: a known tag, or free text the taxonomy lacks (kept in
    its normalised form and keyed by `matching.skill_key`, never refused). A tag's key is
    its slug."""

    name: str
    key: str
    tag: Tag | None = None

    @classmethod
    def of_tag(cls, tag: Tag) -> NamedSkill:
        return cls(name=tag.name, key=tag.slug, tag=tag)

    @cached_property
    def term(self) -> str:
        """What the matching library takes: the tag's slug, or the free text itself."""
        return self.tag.slug if self.tag is not None else self.name

    @property
    def tag_id(self) -> int | None:
        return self.tag.id if self.tag is not None else None

    @cached_property
    def identity(self) -> tuple[str, str]:
        """Equal for two namings of one skill: the same tag, or free text with one key."""
        return ("tag", self.tag.slug) if self.tag is not None else ("text", self.key)


@dataclass(frozen=True)
class TagCatalog:
    """Tags by id and slug, and the matching library's taxonomy for resolving what users type."""

    taxonomy: Taxonomy
    by_id: dict[int, Tag]
    by_slug: dict[str, Tag]
    aliases: dict[int, list[str]]

    @cached_property
    def tag_skills(self) -> dict[int, NamedSkill]:
        """Every tag as a NamedSkill, by tag id (made once per catalog)."""
        return {tag_id: NamedSkill.of_tag(tag) for tag_id, tag in self.by_id.items()}

    def resolve(self, text: str) -> Tag | None:
        slug = self.taxonomy.resolve(text)
        return self.by_slug.get(slug) if slug else None

    def named(self, text: str) -> NamedSkill:
        """The tag `text` names (slug, name or alias), else `text` as a free-text skill."""
        tag = self.resolve(text)
        if tag is not None:
            return NamedSkill.of_tag(tag)
        name = normalise_skill(text)
        return NamedSkill(name=name, key=skill_key(name))

    def suggest(self, text: str, n: int = 3) -> list[Tag]:
        """Known tags closest to an unknown name, best first."""
        return [self.by_slug[s] for s in self.taxonomy.suggest(text, n=n) if s in self.by_slug]
