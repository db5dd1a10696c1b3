"""Free-text skills: what vendors list that the taxonomy does not know, kept and matched.

A vocabulary of ``skill_key`` values (one column each, named by the first spelling
seen) and a vendors x free-skill depth matrix that is updated like the tag matrix.
Requirements find columns by key and by character similarity of the names, which
is stateless (hashed n-grams), so a new free skill needs no refit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.records import VendorRecord
from ..core.spelling import N_FEATURES, char_vectors, is_typo, same_numbers, typo_budget
from ..core.taxonomy import Taxonomy, normalise_skill, skill_key
from ..factors.skill import NEAR_IDENTICAL, Entries
from .rows import SkillRow, depth, stack_rows
from .sparse_rows import OverlayMatrix
from .tag_columns import TagColumns
from .vocab import Vocab

MIN_COLUMNS = 64
SIMILAR = 0.5  # character similarity from which a free skill counts as spelt alike
ALIKE_AT_MOST = 0.8  # skills whose numbers differ are alike at most, never the same
ALIKE_AT_LEAST = 0.6  # a typo or plural of a skill is at least this similar to it
MAX_ALIKE = 64  # the most similar free skills a requirement reads, so one match stays cheap
MAX_SPELT_ALIKE = 24  # free texts of one scope compared by spelling


class FreeSkills:
    """Free-text skills of every slot, by column; columns are added as new skills appear."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._slugs = frozenset(taxonomy)
        self.keys: Vocab[str] = Vocab()
        self.names: list[str] = []
        self.matrix = OverlayMatrix(MIN_COLUMNS)
        self.matrix.set_base(sp.csr_matrix((0, MIN_COLUMNS), dtype=np.float32), with_csc=True)
        # names x character n-grams, column-major: a query reads only its own n-grams
        self._chars: sp.csc_matrix = sp.csc_matrix((0, N_FEATURES), dtype=np.float32)
        self._lengths: NDArray[np.int64] = np.zeros(0, dtype=np.int64)  # of each key
        self._numbered: NDArray[np.bool_] = np.zeros(0, dtype=bool)  # key holds a number

    def __len__(self) -> int:
        return len(self.names)

    def row(self, expertise: Iterable[tuple[str, float]]) -> SkillRow:
        """(free column, years) of the skills in ``expertise`` the taxonomy cannot resolve,
        most years per column; new skills get a column."""
        slugs = self._slugs
        unknown = [(skill, years) for skill, years in expertise if skill not in slugs]
        if not unknown:  # the common case: every skill is a slug
            return []
        best: dict[int, float] = {}
        for skill, years in unknown:
            if self.taxonomy.resolve(skill) is not None:
                continue
            key = skill_key(skill)
            if not key:
                continue
            col = self.keys.add(key)
            if col == len(self.names):
                self.names.append(normalise_skill(skill))
            best[col] = max(best.get(col, -np.inf), years)
        self._widen()
        return sorted(best.items())

    def document(self, record: VendorRecord) -> str:
        """The vendor's description followed by its free-text skills, for the text factor."""
        slugs = self._slugs
        listed = [skill for skill, _ in record.expertise if skill not in slugs]
        return " ".join([record.description, *listed]) if listed else record.description

    def stack(self, rows: list[SkillRow]) -> sp.csr_matrix:
        """``rows`` as a block for :meth:`set_base` (as wide as the vocabulary is now)."""
        return stack_rows(rows, self.matrix.n_cols)

    def set_base(self, blocks: list[sp.csr_matrix]) -> None:
        """Replace every slot's row with the rows of ``blocks``, in order (blocks made
        before the vocabulary grew are widened to it)."""
        n_cols = self.matrix.n_cols
        widened = [
            sp.csr_matrix((b.data, b.indices, b.indptr), shape=(b.shape[0], n_cols)) for b in blocks
        ]
        self.matrix.set_base(
            sp.vstack(widened, format="csr")
            if widened
            else sp.csr_matrix((0, n_cols), dtype=np.float32),
            with_csc=True,
        )

    def put(self, slot: int, row: SkillRow) -> None:
        """Replace one slot's row (an empty row clears it)."""
        cols = np.array([col for col, _ in row], dtype=np.int32)
        self.matrix.put(slot, cols, depth(np.array([y for _, y in row], dtype=np.float64)))

    def compact(self, n_rows: int) -> None:
        """Fold pending rows into the base."""
        if self.matrix.delta:
            self.matrix.compact(n_rows, with_csc=True)

    def lookup(self) -> FreeSkillLookup:
        """A reader of the free skills as they are now, for one match."""
        return FreeSkillLookup(self)

    def similarities(self, texts: Sequence[str]) -> Iterator[NDArray[np.float32]]:
        """Character similarity of each of ``texts`` with every free skill's name, in order;
        each reads only the columns of its own n-grams."""
        self._refresh_chars()
        queries = char_vectors(texts)
        for i in range(len(texts)):
            lo, hi = queries.indptr[i], queries.indptr[i + 1]
            sims = self._chars[:, queries.indices[lo:hi]] @ queries.data[lo:hi]
            yield np.asarray(sims, dtype=np.float32).ravel()

    def alike(self, texts: Sequence[str]) -> list[list[tuple[int, float]]]:
        """For each of ``texts``: up to ``MAX_ALIKE`` free-skill columns spelt like it
        (similarity >= ``SIMILAR``; the same ``skill_key`` counts as 1.0, a typo or a
        plural as near-identical, a different number at most ``ALIKE_AT_MOST``), most
        similar first. Texts after the first ``MAX_SPELT_ALIKE`` find the free skill
        with the same key only, which bounds what one scope costs."""
        if not len(self):
            return [[] for _ in texts]
        if len(texts) > MAX_SPELT_ALIKE:  # the rest are met by the same key only
            rest = [self.keys.get(skill_key(t)) for t in texts[MAX_SPELT_ALIKE:]]
            same = [[] if col is None else [(col, 1.0)] for col in rest]
            return self.alike(texts[:MAX_SPELT_ALIKE]) + same
        return [
            self._alike(text, sims)
            for text, sims in zip(texts, self.similarities(texts), strict=True)
        ]

    def _alike(self, text: str, sims: NDArray[np.float32]) -> list[tuple[int, float]]:
        """The columns spelt like ``text`` given its similarity with every name."""
        key = skill_key(text)
        same = self.keys.get(key)
        if same is not None:
            sims[same] = 1.0
        cols = np.flatnonzero(sims >= SIMILAR)
        if len(cols) > MAX_ALIKE:
            cols = cols[np.argpartition(-sims[cols], MAX_ALIKE - 1)[:MAX_ALIKE]]
        found = sims[cols].astype(np.float64)  # exact thresholds below
        # 'Level 2 support' is not 'Level 3 support': different numbers are never the same.
        numbered = self._numbered[cols] | any(ch.isdigit() for ch in key)
        for i in np.flatnonzero(numbered & (found > ALIKE_AT_MOST)).tolist():
            if not same_numbers(key, self.keys.keys[cols[i]]):
                found[i] = ALIKE_AT_MOST
        # A typo or a plural is the same skill.
        budget = typo_budget(key)
        close = (found >= ALIKE_AT_LEAST) & (found < NEAR_IDENTICAL)
        close &= np.abs(self._lengths[cols] - len(key)) <= budget
        for i in np.flatnonzero(close).tolist():
            if is_typo(key, self.keys.keys[cols[i]]):
                found[i] = NEAR_IDENTICAL
        order = np.argsort(-found, kind="stable")
        return list(zip(cols[order].tolist(), found[order].tolist(), strict=True))

    def _refresh_chars(self) -> None:
        """Vectorise the names added since the last call."""
        start = self._chars.shape[0]
        if len(self.names) > start:
            fresh = self.names[start:]
            self._chars = sp.vstack([self._chars, char_vectors(fresh)], format="csc")
            keys = self.keys.keys[start:]
            self._lengths = np.concatenate([self._lengths, [len(k) for k in keys]])
            numbered = [any(ch.isdigit() for ch in k) for k in keys]
            self._numbered = np.concatenate([self._numbered, np.array(numbered, dtype=bool)])

    def _widen(self) -> None:
        """Grow the matrix's column count ahead of the vocabulary."""
        if len(self.names) > self.matrix.n_cols:
            self.matrix.widen(max(len(self.names), 2 * self.matrix.n_cols))


class FreeSkillLookup:
    """Satisfies ``factors.skill.FreeSkillLookup`` for one match."""

    def __init__(self, skills: FreeSkills) -> None:
        self.skills = skills
        self.columns: TagColumns | None = None  # made on first read: most scopes never read

    def column(self, col: int) -> Entries:
        """Slots listing free skill ``col`` and their depths."""
        if self.columns is None:
            self.columns = TagColumns(self.skills.matrix)
        return self.columns(col)

    def alike(self, texts: Sequence[str]) -> list[list[tuple[int, float]]]:
        """The free skills each of ``texts`` reads (see :meth:`FreeSkills.alike`)."""
        return self.skills.alike(texts)
