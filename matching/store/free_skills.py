"""Free-text skills: what vendors list that the taxonomy does not know, kept and matched.

A vocabulary of ``skill_key`` values (one column each, named by the first spelling
seen) and a vendors x free-skill depth matrix that is updated like the tag matrix.
Requirements find columns by key and by character similarity of the names, which
is stateless (hashed n-grams), so a new free skill needs no refit.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.records import VendorRecord
from ..core.spelling import N_FEATURES, char_vectors, is_typo, same_numbers
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
MAX_ALIKE = 200  # the most similar free skills a requirement reads, so one match stays cheap
TYPO_CANDIDATES = 50


class FreeSkills:
    """Free-text skills of every slot, by column; columns are added as new skills appear."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.keys: Vocab[str] = Vocab()
        self.names: list[str] = []
        self.matrix = OverlayMatrix(MIN_COLUMNS)
        self.matrix.set_base(sp.csr_matrix((0, MIN_COLUMNS), dtype=np.float32), with_csc=True)
        # names x character n-grams, column-major: a query reads only its own n-grams
        self._chars: sp.csc_matrix = sp.csc_matrix((0, N_FEATURES), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.names)

    def row(self, expertise: Iterable[tuple[str, float]]) -> SkillRow:
        """(free column, years) of the skills in ``expertise`` the taxonomy cannot resolve,
        most years per column; new skills get a column."""
        best: dict[int, float] = {}
        tax = self.taxonomy
        for skill, years in expertise:
            if skill in tax or tax.resolve(skill) is not None:
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
        tax = self.taxonomy
        listed = [skill for skill, _ in record.expertise if skill not in tax]
        return " ".join([record.description, *listed]) if listed else record.description

    def set_base(self, rows: list[SkillRow]) -> None:
        """Replace every slot's row (slot i gets ``rows[i]``)."""
        self.matrix.set_base(stack_rows(rows, self.matrix.n_cols), with_csc=True)

    def put(self, slot: int, row: SkillRow) -> None:
        """Replace one slot's row (an empty row clears it)."""
        cols = np.array([col for col, _ in row], dtype=np.int32)
        self.matrix.put(slot, cols, depth(np.array([y for _, y in row], dtype=np.float64)))

    def compact(self, n_rows: int) -> None:
        """Fold pending rows into the base."""
        if self.matrix.delta:
            self.matrix.compact(n_rows, with_csc=True)

    def lookup(self) -> FreeSkillLookup:
        """A reader of columns and names as they are now, for one match."""
        return FreeSkillLookup(self)

    def similarity(self, text: str) -> NDArray[np.float32]:
        """Character similarity of ``text`` with every free skill's name."""
        if len(self.names) > self._chars.shape[0]:
            fresh = char_vectors(self.names[self._chars.shape[0] :])
            self._chars = sp.vstack([self._chars, fresh], format="csc")
        query = char_vectors([text])
        sims = self._chars[:, query.indices] @ query.data
        return np.asarray(sims, dtype=np.float32).ravel()

    def _widen(self) -> None:
        """Grow the matrix's column count ahead of the vocabulary."""
        if len(self.names) > self.matrix.n_cols:
            self.matrix.widen(max(len(self.names), 2 * self.matrix.n_cols))


class FreeSkillLookup:
    """Satisfies ``factors.skill.FreeSkillLookup`` for one match."""

    def __init__(self, skills: FreeSkills) -> None:
        self.skills = skills
        self.columns = TagColumns(skills.matrix) if len(skills) else None

    def column(self, col: int) -> Entries:
        """Slots listing free skill ``col`` and their depths."""
        assert self.columns is not None
        return self.columns(col)

    def alike(self, text: str) -> list[tuple[int, float]]:
        """Up to ``MAX_ALIKE`` free-skill columns spelt like ``text`` (similarity >=
        ``SIMILAR``; the same ``skill_key`` counts as 1.0, a typo or plural as
        near-identical), most similar first."""
        skills = self.skills
        if not len(skills):
            return []
        sims = skills.similarity(text)
        key = skill_key(text)
        same = skills.keys.get(key)
        if same is not None:
            sims[same] = 1.0
        cols = np.flatnonzero(sims >= SIMILAR)
        cols = cols[np.argsort(-sims[cols], kind="stable")[:MAX_ALIKE]]
        found = [(col, float(sims[col])) for col in cols.tolist()]
        for i, (col, sim) in enumerate(found[:TYPO_CANDIDATES]):
            other = skills.keys.keys[col]
            if sim > ALIKE_AT_MOST and not same_numbers(key, other):
                found[i] = (col, ALIKE_AT_MOST)  # 'Level 2 support' is not 'Level 3 support'
            elif ALIKE_AT_LEAST <= sim < NEAR_IDENTICAL and is_typo(key, other):
                found[i] = (col, NEAR_IDENTICAL)  # a typo or a plural is the same skill
        return sorted(found, key=lambda pair: -pair[1])

    def name(self, col: int) -> str:
        """How the first vendor listing free skill ``col`` spelt it."""
        return self.skills.names[col]
