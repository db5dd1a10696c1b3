"""The skill taxonomy: canonical slugs, aliases and related tags."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Self

import numpy as np

from .spelling import NameVectors, edit_distance, plain, same_numbers, typo_budget

# Letters and digits of any script survive ('日本語', 'Ελληνικά'); '_' and other
# punctuation do not, except '+' and '#' ('c++', 'c#').
_NON_WORD = re.compile(r"[^\w+#]+|_")
_SPACES = re.compile(r"\s+")
MAX_SKILL_LENGTH = 80
# "Did you mean": a name shares rare words with the text, is spelt nearly the same
# (character n-grams), or is a typo away; anything less is not offered at all.
SUGGEST_WORDS = 0.6
SUGGEST_CHARS = 0.8
TYPO_CANDIDATES = 50
TYPO_MIN_CHARS = 0.1  # a typo still shares some n-grams with the word it misspells


def _key(text: str) -> str:
    """Case, space, accent and punctuation insensitive lookup key ('C#' and 'c++' survive).

    Compatibility forms fold first (full-width 'ＡＢＣ' is 'abc') and accents are dropped
    ('Café' is 'cafe'), so one skill typed on two keyboards shares a key.
    """
    if text.isascii():  # nothing to fold or drop: most names, read without a pass per char
        return _NON_WORD.sub("", text.lower())
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _NON_WORD.sub("", "".join(c for c in folded if not unicodedata.combining(c)))


def skill_key(text: str) -> str:
    """The key two spellings of one skill share: 'SAP FI/CO', 'sap fi-co' -> 'sapfico'.

    Taxonomy lookups and free-text skills both use it, so a free-text skill an admin
    later maps onto a tag resolves the same way.
    """
    return _key(text)


def normalise_skill(text: str) -> str:
    """A free-text skill as shown back: trimmed, inner whitespace collapsed, at most
    ``MAX_SKILL_LENGTH`` characters; case is kept ('HealthKit')."""
    return _SPACES.sub(" ", text).strip()[:MAX_SKILL_LENGTH]


class Taxonomy:
    """Canonical skills with aliases and related skills.

    Build one with :meth:`from_records`. Slugs keep their insertion order, which
    gives each a stable column index (see :meth:`index`).
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._categories: dict[str, str] = {}
        self._related: dict[str, tuple[str, ...]] = {}
        self._lookup: dict[str, str] = {}
        self._index: dict[str, int] = {}
        # (text, slug) for every name, alias and slug, which suggestions compare with
        self._strings: list[tuple[str, str]] = []
        self._vectors: NameVectors | None = None

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> Self:
        """Build a taxonomy from dicts.

        Parameters
        ----------
        records : iterable of mapping
            Each with ``slug`` and optionally ``name``, ``category``,
            ``aliases`` and ``related`` (slugs). Related links are made
            symmetric; links to unknown slugs are dropped.

        Returns
        -------
        Taxonomy
        """
        tax = cls()
        rows = list(records)
        for row in rows:
            slug = str(row["slug"])
            if slug in tax._index:
                raise ValueError(f"duplicate slug {slug!r}")
            tax._index[slug] = len(tax._index)
            tax._names[slug] = str(row.get("name") or slug)
            tax._categories[slug] = str(row.get("category") or "")
        related: dict[str, set[str]] = {slug: set() for slug in tax._index}
        for row in rows:
            slug = str(row["slug"])
            for other in row.get("related") or ():
                if other in related and other != slug:
                    related[slug].add(other)
                    related[other].add(slug)
        tax._related = {slug: tuple(sorted(rel)) for slug, rel in related.items()}
        # Slugs and names win over aliases when keys collide.
        for row in rows:
            for alias in row.get("aliases") or ():
                tax._lookup.setdefault(_key(str(alias)), str(row["slug"]))
                tax._strings.append((str(alias), str(row["slug"])))
        for slug, name in tax._names.items():
            tax._strings += [(name, slug), (slug.replace("-", " "), slug)]
        for slug, name in tax._names.items():
            tax._lookup[_key(name)] = slug
        for slug in tax._index:
            tax._lookup[_key(slug)] = slug
        return tax

    def __contains__(self, slug: object) -> bool:
        return slug in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def resolve(self, text: str) -> str | None:
        """The canonical slug for a slug, name or alias, or None when unknown."""
        return self._lookup.get(_key(text))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Up to ``n`` known slugs close to ``text`` in meaning or spelling, best first.

        A tag is offered when one of its names or aliases shares the text's rare
        words (IDF-weighted word cosine >= ``SUGGEST_WORDS``, one of the two holding
        all the other's words), is spelt much the same (character n-gram cosine >=
        ``SUGGEST_CHARS``) or is a typo away (one edit in five to eight letters, two
        in more), and holds the same numbers when both have some. Better no
        suggestion than an unrelated one: 'Xero' does not suggest Heroku.

        Parameters
        ----------
        text : str
            What the user typed.
        n : int, default 3
            How many slugs at most.

        Returns
        -------
        list of str
        """
        key = _key(text)
        if not key or n <= 0 or not self._strings:
            return []
        if self._vectors is None:  # built once, on first use
            self._vectors = NameVectors([t for t, _ in self._strings])
        by_chars, by_words = self._vectors.similarity(text)
        score = np.where(by_chars >= SUGGEST_CHARS, by_chars, 0.0)
        words = set(plain(text).split())
        for i in np.flatnonzero((by_words >= SUGGEST_WORDS) & (by_words > score)).tolist():
            # Shared words mean the same thing only when one name holds all the other's
            # words: 'iOS dev' is iOS, 'Brand identity' is not identity management.
            theirs = set(plain(self._strings[i][0]).split())
            if words <= theirs or theirs <= words:
                score[i] = by_words[i]
        budget = typo_budget(key)
        if budget:
            top = np.argpartition(-by_chars, min(TYPO_CANDIDATES, len(by_chars) - 1))
            top = top[:TYPO_CANDIDATES]
            for i in top[by_chars[top] >= TYPO_MIN_CHARS].tolist():
                other = _key(self._strings[i][0])
                if abs(len(other) - len(key)) > budget:
                    continue
                edits = edit_distance(key, other)
                if edits <= budget:
                    score[i] = max(score[i], 1.0 - edits / max(len(key), len(other)))
        slugs: list[str] = []
        for i in np.argsort(-score, kind="stable").tolist():
            if score[i] <= 0 or len(slugs) >= n:
                break
            text_i, slug = self._strings[i]
            numbered = any(ch.isdigit() for ch in text_i) and any(ch.isdigit() for ch in key)
            if numbered and not same_numbers(key, _key(text_i)):
                continue  # 'Level 2 support' is not 'Tier 3 support'
            if slug not in slugs:
                slugs.append(slug)
        return slugs

    def name(self, slug: str) -> str:
        """Display name of a slug."""
        return self._names[slug]

    def category(self, slug: str) -> str:
        """Category of a slug."""
        return self._categories[slug]

    def related(self, slug: str) -> tuple[str, ...]:
        """Slugs related to ``slug`` (symmetric)."""
        return self._related[slug]

    def index(self, slug: str) -> int:
        """Column index of a slug."""
        return self._index[slug]
