"""Vendor records held as columns: numpy arrays plus sparse skill and text matrices."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.fx import FxRates
from ..core.records import Proficiency, VendorRecord
from ..core.spelling import weigh_in_place
from ..core.taxonomy import Taxonomy
from ..factors.capacity import HOURS_SHARE, SCORE_CAP, availability_code, weekly_hours
from ..factors.cost import span_inverse
from ..factors.quality import DEFAULT_PRIOR, RatingPrior, quality_scores
from ..factors.responsiveness import default_responsiveness
from ..factors.security import PRIVACY, STRONG, security_class
from ..factors.text import N_FEATURES, TextModel
from ..factors.timezone import shift_hours
from .columns import Columns
from .free_skills import FreeSkills
from .rows import LEVELS, SCALARS, GeoKey, LangLevels, SkillRow, col_max, depth, minutes, stack_rows
from .slot_map import SlotMap
from .sparse_rows import OverlayMatrix
from .vocab import Vocab

WRITE_BATCH = 1024


class VendorStore:
    """Columns for all vendors; slots are never reused, removal only clears ``alive``.

    The ``quality`` column is derived from the review columns with ``rating_prior``;
    ``responsiveness``, ``capacity``, ``capacity_cap`` and ``span_inv`` from the reply
    time, weekly hours, availability and rates (see :meth:`_refresh_derived`).
    """

    def __init__(
        self, taxonomy: Taxonomy, fx: FxRates, rating_prior: RatingPrior = DEFAULT_PRIOR
    ) -> None:
        self.taxonomy = taxonomy
        self.fx = fx
        self.rating_prior = rating_prior
        self.cols = Columns()
        self.slots = SlotMap()
        self.countries: Vocab[str] = Vocab()
        self.regions: Vocab[str] = Vocab()
        self.continents: Vocab[str] = Vocab()
        self.tzgroups: Vocab[tuple[str, int, int]] = Vocab()
        self.languages: Vocab[str] = Vocab()
        self.certs: Vocab[str] = Vocab()
        # Culture profiles: (country, region, continent, ((language, level), ...)).
        self.geos: Vocab[GeoKey] = Vocab()
        # Staffed coverage: (hours a day, days a week).
        self.coverages: Vocab[tuple[float, int]] = Vocab()
        # Every (tzgroup, geo, sec, cov) in use: per-group factors read through one column.
        self.joints: Vocab[tuple[int, int, int, int]] = Vocab()
        self._joint_parts = np.zeros((0, 4), dtype=np.intp)
        self.skills = OverlayMatrix(len(taxonomy))
        self.text = OverlayMatrix(N_FEATURES)
        self.text_model = TextModel()
        self.skill_df = np.zeros(len(taxonomy), dtype=np.int64)
        self.free = FreeSkills(taxonomy)  # skills the taxonomy does not know
        self.n_alive = 0
        for vocab in (self.countries, self.regions, self.continents):
            vocab.add("")

    def __len__(self) -> int:
        return self.n_alive

    @property
    def size(self) -> int:
        """Slots in use, dead ones included."""
        return self.cols.size

    def build(self, records: Iterable[VendorRecord], chunk: int = 20_000) -> None:
        """Fill the store from scratch, reading records chunk by chunk."""
        skill_parts: list[sp.csr_matrix] = []
        count_parts: list[sp.csr_matrix] = []
        free_parts: list[sp.csr_matrix] = []
        df = np.zeros(N_FEATURES, dtype=np.int64)
        it: Iterator[VendorRecord] = iter(records)
        while batch := list(islice(it, chunk)):
            start = self.cols.size
            self.cols.reserve(start + len(batch))
            # Small write batches: their Python tuples die young, so the GC stays cheap.
            for lo in range(0, len(batch), WRITE_BATCH):
                rows = self._write(start + lo, batch[lo : lo + WRITE_BATCH])
                skill_parts.append(stack_rows(rows, len(self.taxonomy)))
            self.cols.size = start + len(batch)
            # Per-chunk blocks, not per-vendor lists: nothing per vendor outlives its chunk.
            free_parts.append(self.free.stack([self.free.row(r.expertise) for r in batch]))
            counts = self.text_model.counts([self.free.document(r) for r in batch])
            df += np.bincount(counts.indices, minlength=N_FEATURES)
            count_parts.append(counts)
        n = self.cols.size
        self.slots = SlotMap.of(self.cols["id"], self.cols["alive"])  # raises on a duplicate id
        skills = (
            sp.vstack(skill_parts, format="csr")
            if skill_parts
            else sp.csr_matrix((0, len(self.taxonomy)), dtype=np.float32)
        )
        self.text_model.fit_idf(df, n)
        # Each block is weighed in place (its counts are its own) and stacked once: two
        # copies of the text matrix at the peak, not four.
        weighted = (
            sp.vstack(
                [weigh_in_place(part, self.text_model.idf) for part in count_parts], format="csr"
            )
            if count_parts
            else sp.csr_matrix((0, N_FEATURES), dtype=np.float32)
        )
        del count_parts
        self.text_model.col_max = col_max(weighted)
        self.text.set_base(weighted)
        self.skills.set_base(skills, with_csc=True)
        self.skill_df = np.bincount(skills.indices, minlength=len(self.taxonomy)).astype(np.int64)
        self.free.set_base(free_parts)
        self._refresh_quality(slice(0, n))
        self._refresh_derived(slice(0, n))
        self.n_alive = int(self.cols["alive"].sum())

    def upsert(self, record: VendorRecord) -> int:
        """Insert or replace one vendor; returns its slot."""
        slot = self.slots.get(record.id)
        fresh = slot is None
        if slot is None:
            slot = self.cols.size
            self.cols.reserve(slot + 1)
        # A record the store refuses (an unknown currency, say) raises here, before the
        # slot is counted or mapped.
        (row,) = self._write(slot, [record])
        if fresh:
            self.cols.size += 1
            self.n_alive += 1
            self.slots.put(record.id, slot)
            self._maybe_fold()
        else:
            old_cols, _ = self.skills.row(slot)
            np.subtract.at(self.skill_df, old_cols, 1)
        cols = np.array([col for col, _ in row], dtype=np.int32)
        vals = depth(np.array([years for _, years in row], dtype=np.float64))
        np.add.at(self.skill_df, cols, 1)
        self.skills.put(slot, cols, vals)
        self.free.put(slot, self.free.row(record.expertise))
        text = self.text_model.vector(self.free.document(record))
        self.text_model.track(text)
        self.text.put(slot, text.indices, text.data)
        self._refresh_quality(slice(slot, slot + 1))
        self._refresh_derived(slice(slot, slot + 1))
        return slot

    def remove(self, vendor_id: int) -> bool:
        """Drop a vendor; False when it was not held."""
        slot = self.slots.pop(vendor_id)
        if slot is None:
            return False
        cols, _ = self.skills.row(slot)
        np.subtract.at(self.skill_df, cols, 1)
        self.skills.put(slot, np.zeros(0), np.zeros(0))
        self.free.put(slot, [])
        self.cols["alive"][slot] = False
        self.n_alive -= 1
        self._maybe_fold()
        return True

    def set_rating_prior(self, prior: RatingPrior) -> None:
        """Use ``prior`` from now on and recompute every vendor's quality with it."""
        self.rating_prior = prior
        self._refresh_quality(slice(0, self.size))

    def joint_parts(self) -> NDArray[np.intp]:
        """The group ids of every joint group (``joint`` column): joints x (tzgroup, geo,
        sec, cov). Extended in place of a rebuild as joint groups are added."""
        done = len(self._joint_parts)
        if done < len(self.joints):
            fresh = np.array(self.joints.keys[done:], dtype=np.intp).reshape(-1, 4)
            self._joint_parts = np.concatenate([self._joint_parts, fresh])
        return self._joint_parts

    def compact(self) -> None:
        """Fold pending row updates into the sparse bases."""
        if self.skills.delta:
            self.skills.compact(self.size, with_csc=True)
        if self.text.delta:
            self.text.compact(self.size)
        self.free.compact(self.size)

    def _maybe_fold(self) -> None:
        """Fold the id map's recent changes into its arrays once there are many."""
        if self.slots.needs_fold():
            self.slots.reset(self.cols["id"], self.cols["alive"])

    def _refresh_quality(self, where: slice) -> None:
        """Recompute the quality column of the slots in ``where``."""
        c = self.cols.cols
        c["quality"][where] = quality_scores(
            c["review_count"][where],
            c["review_mean"][where],
            c["on_time"][where],
            c["last_review_days"][where],
            self.rating_prior,
        )

    def _refresh_derived(self, where: slice) -> None:
        """Recompute the columns derived from one vendor's own values, for ``where``."""
        c = self.cols.cols
        c["responsiveness"][where] = default_responsiveness(c["response_hours"][where])
        code = c["availability"][where]
        share = np.array(HOURS_SHARE, dtype=np.float32)[code]
        c["capacity"][where] = c["hours_week"][where] * share
        c["capacity_cap"][where] = np.array(SCORE_CAP, dtype=np.float32)[code]
        c["span_inv"][where] = span_inverse(c["rate_min"][where], c["rate_max"][where])

    def _write(self, start: int, records: list[VendorRecord]) -> list[SkillRow]:
        """Write records' columns from ``start`` on, column by column; returns their skill rows
        as (tag column, years) pairs."""
        c, end = self.cols.cols, start + len(records)
        values: list[tuple[object, ...]] = []
        spoken: list[LangLevels] = []
        skills: list[SkillRow] = []
        for rec in records:
            scalars, langs, row = self._values(rec)
            values.append(scalars)
            spoken.append(langs)
            skills.append(row)
        for name, column in zip(SCALARS, zip(*values, strict=True), strict=True):
            c[name][start:end] = column
        self.cols.reserve(end, len(self.languages))
        block = self.cols.langs[start:end]
        block[:] = 0
        at = [(i, lang, level) for i, langs in enumerate(spoken) for lang, level in langs]
        if at:
            rows, langs, levels = zip(*at, strict=True)
            block[list(rows), list(langs)] = levels
        return skills

    def _values(self, rec: VendorRecord) -> tuple[tuple[object, ...], LangLevels, SkillRow]:
        """A record's scalar columns (in ``SCALARS`` order), language levels and skill row."""
        to_base = self.fx.rate(rec.currency)
        country = self.countries.add(rec.country.upper())
        region = self.regions.add(rec.region)
        continent = self.continents.add(rec.continent)
        tzgroup = self.tzgroups.add((rec.timezone, minutes(rec.work_start), minutes(rec.work_end)))
        bits, strong, privacy = 0, False, False
        for code in rec.certifications:
            code = code.upper()
            bit = self.certs.add(code)
            if bit >= 64:
                raise ValueError("more than 64 distinct certification codes")
            bits |= 1 << bit
            strong, privacy = strong or code in STRONG, privacy or code in PRIVACY
        spoken: dict[int, int] = {}
        for code, p in rec.languages:
            lang = self.languages.add(code.lower())
            spoken[lang] = max(spoken.get(lang, 0), LEVELS[Proficiency(p)])
        langs = tuple(sorted(spoken.items()))
        best: dict[int, float] = {}  # most years per tag; depth grows with years
        for skill, years in rec.expertise:  # names and aliases resolve; free text is not a tag
            slug = skill if skill in self.taxonomy else self.taxonomy.resolve(skill)
            if slug is not None:
                col = self.taxonomy.index(slug)
                best[col] = max(best.get(col, -np.inf), years)
        nan = np.nan
        sec = security_class(rec.verified, strong, privacy)
        geo = self.geos.add((country, region, continent, langs))
        cov = self.coverages.add(_coverage(rec))
        scalars = (
            rec.id,
            True,
            rec.rate_min / to_base,
            max(rec.rate_max, rec.rate_min) / to_base,
            rec.min_project_budget / to_base,
            country,
            region,
            continent,
            tzgroup,
            bits,
            rec.verified,
            sec,
            rec.review_count,
            rec.review_mean,
            nan if rec.on_time_rate is None else rec.on_time_rate,
            nan if rec.last_review_days is None else rec.last_review_days,
            nan if rec.median_response_hours is None else max(rec.median_response_hours, 0.0),
            rec.team_size,
            geo,
            availability_code(rec.availability),
            weekly_hours(rec.hours_per_week, rec.team_size),
            cov,
            self.joints.add((tzgroup, geo, sec, cov)),
        )
        return scalars, langs, sorted(best.items())


def _coverage(rec: VendorRecord) -> tuple[float, int]:
    """Staffed (hours a day, days a week): declared, else the span of the working hours."""
    if rec.coverage_hours is not None and rec.coverage_hours > 0:
        hours = min(float(rec.coverage_hours), 24.0)
    else:
        start, end = shift_hours(rec.work_start, rec.work_end)
        hours = end - start
    return round(hours, 2), min(max(int(rec.coverage_days), 1), 7)
