"""Rank confidence: how sure is each place, when another panel could have judged?

**Method.** A *replicate* re-scores the edition with a panel drawn from the judges who
actually scored each entry: for every entry at every scored stage, as many judges as
scored it are drawn *with replacement* from them (a bootstrap over judges, per entry;
Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 6), and each drawn
judge brings all their criterion scores for that entry. The whole ruleset is then
applied again (eligibility, bonuses, tie-breaks, quotas, awards) by
:func:`inovasi_rules.evaluate`. After ``replicates`` replicates, for each entry:

* its **rank interval** at each scored stage: the ranks between which it fell in
  ``level`` (90%) of the replicates that ranked it (the 5th and 95th percentiles);
* its **probability of advancing** at each stage with a cut-off and of **each
  award**: the share of replicates in which it did;
* the **zone where the panel cannot tell** ("zona tak terbedakan") at each cut-off:
  the entries whose probability lies strictly between ``(1 - level) / 2`` and
  ``(1 + level) / 2`` (5% and 95%), and how many of the seats are decided among them.

**Assumptions.** The judges who scored an entry stand for the judges who could have
scored it, and a judge's view of one entry does not depend on the other entries. A
judge excluded for a conflict of interest is never drawn. With two judges per entry
the bootstrap sees only the two totals, so it understates the uncertainty (by a factor
``(n-1)/n`` in variance); read the intervals as a lower bound on the noise. Each draw
comes from a :class:`numpy.random.Generator` (PCG64) seeded with ``seed``: the same
edition, ruleset and seed give the same figures, byte for byte.

**Why.** When the NeurIPS 2014 programme committee was split in two and both halves
reviewed the same 10% of papers, they disagreed on about a quarter of the accepted
ones (Cortes & Lawrence 2021, arXiv:2109.09774). The Swiss National Science Foundation
ranks proposals by their expected rank with a credible interval and draws lots among
those whose interval crosses the funding line (Heyard, Ott, Salanti & Egger 2022,
*Rethinking the funding line at the Swiss National Science Foundation*, Statistics in
Medicine, doi:10.1002/sim.9334).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from ..messages import language
from ..result.model import StageOutcome, submission_rows
from ._text import L

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .. import AwardGrant, Edition, Label, Result, Ruleset, ScoreTable

__all__ = [
    "CutOff",
    "EntryConfidence",
    "RankConfidence",
    "RankInterval",
    "rank_confidence",
]

#: ``evaluator(ruleset, edition)`` -> Result: how each replicate is evaluated.
Evaluator = Callable[["Ruleset", "Edition"], "Result"]


def _pct(count: int, total: int) -> Decimal:
    """``count / total`` as a Decimal with three places (exact, rounded half-even)."""
    if total == 0:
        return Decimal("0.000")
    return (Decimal(count) / Decimal(total)).quantize(Decimal("0.001"), ROUND_HALF_EVEN)


@attrs.frozen
class RankInterval:
    """Where an entry ranked at one stage across the replicates that ranked it.

    :ivar low: the best rank of the interval (the smaller number).
    :ivar high: the worst rank of the interval.
    :ivar median: the median rank.
    :ivar ranked: in how many replicates the entry was ranked at the stage.
    :ivar expected: the mean rank over those replicates (the "expected rank" the SNSF
        ranks proposals by), with two decimals.
    """

    low: int
    high: int
    median: int
    ranked: int
    expected: Decimal = Decimal("0.00")

    @property
    def width(self) -> int:
        """``high - low``: 0 when the rank never moved."""
        return self.high - self.low


@attrs.frozen
class EntryConfidence:
    """One entry's figures.

    :ivar rank: the rank each scored stage gave it in the evaluation itself.
    :ivar intervals: per scored stage it was ranked at in some replicate.
    :ivar counts: per cut-off id (see :class:`CutOff`), in how many replicates the
        entry passed it.
    """

    id: str
    title: str | None
    rank: Mapping[str, int]
    intervals: Mapping[str, RankInterval]
    counts: Mapping[str, int]


@attrs.frozen
class CutOff:
    """A stage's cut-off (``kind`` ``stage``) or an award (``kind`` ``award``).

    :ivar id: ``stage:proposal`` or ``award:top-45``.
    :ivar ranked_by: the scored stage whose rank decides it (for an award given after
        a verification, the last scored stage before it).
    :ivar seats: how many passed it in the evaluation itself.
    :ivar passed: who passed it in the evaluation itself.
    :ivar clear: who passed it in at least ``(1 + level) / 2`` of the replicates.
    :ivar zone: who passed it in some replicates but in fewer than that share and more
        than ``(1 - level) / 2`` of them: the zone where the panel cannot tell,
        ordered by probability, highest first.
    :ivar seats_in_zone: the seats not taken by a clear entry, so decided in the zone.
    :ivar expected: the expected number passing, the sum of the probabilities (equal
        to the seats when every replicate fills them exactly).
    """

    id: str
    kind: str
    ref: str
    name: Label
    ranked_by: str | None
    seats: int
    passed: tuple[str, ...]
    clear: tuple[str, ...]
    zone: tuple[str, ...]
    seats_in_zone: int
    expected: Fraction


@attrs.frozen
class RankConfidence:
    """The rank confidence of an edition (see the module docs for the method).

    :ivar stages: the scored stages (id, name).
    :ivar entries: every entry that entered a scored stage in the evaluation or in a
        replicate, by id.
    """

    ruleset: str
    edition: str
    replicates: int
    seed: int
    level: Decimal
    stages: tuple[tuple[str, Label], ...]
    cutoffs: tuple[CutOff, ...]
    entries: tuple[EntryConfidence, ...]
    _index: dict[str, EntryConfidence] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def entry(self, entry_id: str) -> EntryConfidence:
        """One entry's figures (``KeyError`` when it never entered a scored stage)."""
        if not self._index:
            self._index.update((e.id, e) for e in self.entries)
        return self._index[entry_id]

    def cutoff(self, cutoff_id: str) -> CutOff:
        """A cut-off by id (``stage:ID`` or ``award:ID``)."""
        for c in self.cutoffs:
            if c.id == cutoff_id:
                return c
        raise KeyError(cutoff_id)

    def probability(self, entry_id: str, cutoff_id: str) -> Fraction:
        """The share of replicates in which the entry passed the cut-off (exact)."""
        try:
            count = self.entry(entry_id).counts.get(cutoff_id, 0)
        except KeyError:
            count = 0
        return Fraction(count, self.replicates)

    def explain(self, entry_id: str, lang: str = "id") -> str:
        """One line per cut-off and per ranked stage, e.g. ``peluang lolos ... 62%``."""
        language(lang)
        idn = lang == "id"
        e = self.entry(entry_id)
        lines = []
        for c in self.cutoffs:
            p = _pct(e.counts.get(c.id, 0) * 100, self.replicates).quantize(Decimal(1))
            word = ("peluang lolos" if c.kind == "stage" else "peluang meraih") if idn else (
                "chance of passing" if c.kind == "stage" else "chance of winning")
            zone = (" (zona tak terbedakan)" if idn else " (within judge noise)") if entry_id in c.zone else ""
            lines.append(f"{word} {c.name.text(lang)}: {p}%{zone}")
        for sid, name in self.stages:
            iv = e.intervals.get(sid)
            if iv is not None:
                pct = int(self.level * 100)
                lines.append(
                    f"{'peringkat' if idn else 'rank'} {name.text(lang)}: {iv.low}–{iv.high} "
                    f"({'selang' if idn else 'interval'} {pct}%, "
                    f"median {iv.median})")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; probabilities as decimal strings with three places."""
        n = self.replicates
        return {
            "ruleset": self.ruleset,
            "edition": self.edition,
            "replicates": n,
            "seed": self.seed,
            "level": str(self.level),
            "stages": [{"id": s, "name": {"id": name.id, "en": name.en or name.id}}
                       for s, name in self.stages],
            "cutoffs": [
                {
                    "id": c.id, "kind": c.kind, "ref": c.ref, "ranked_by": c.ranked_by,
                    "name": {"id": c.name.id, "en": c.name.en or c.name.id},
                    "seats": c.seats, "seats_in_zone": c.seats_in_zone,
                    "expected": str((Decimal(c.expected.numerator) / Decimal(c.expected.denominator))
                                    .quantize(Decimal("0.001"), ROUND_HALF_EVEN)),
                    "clear": list(c.clear), "zone": list(c.zone), "passed": list(c.passed),
                }
                for c in self.cutoffs
            ],
            "entries": [
                {
                    "id": e.id,
                    "title": e.title,
                    "rank": dict(sorted(e.rank.items())),
                    "intervals": {
                        s: {"low": iv.low, "high": iv.high, "median": iv.median, "ranked": iv.ranked,
                            "expected": str(iv.expected)}
                        for s, iv in sorted(e.intervals.items())
                    },
                    "passed": {c: {"count": k, "probability": str(_pct(k, n))}
                               for c, k in sorted(e.counts.items())},
                }
                for e in self.entries
            ],
        }


# --------------------------------------------------------------------------- resampling


class _Resampler:
    """Draws judge panels per entry and stage on the codes of a ScoreTable."""

    def __init__(self, table: ScoreTable, excluded: set[tuple[str, str, str]]) -> None:
        self.table = table
        n_stage = max(len(table.stages), 1)
        n_judge = max(len(table.judges), 1)
        n_crit = max(len(table.criteria), 1)
        sub = table.sub.astype(np.int64)
        pair_key = sub * n_stage + table.stage
        _, pair = np.unique(pair_key, return_inverse=True)
        pair = pair.astype(np.int64)
        slot_key = pair * n_judge + table.judge
        slot_keys, first_row, slot = np.unique(slot_key, return_index=True, return_inverse=True)
        slot_pair = slot_keys // n_judge
        slot_judge = slot_keys % n_judge
        bad = np.zeros(slot_keys.size, dtype=bool)
        if excluded:
            subs, stages, judges = table.sub[first_row], table.stage[first_row], table.judge[first_row]
            bad[:] = [
                (table.submissions[a], table.stages[b], table.judges[c]) in excluded
                for a, b, c in zip(subs.tolist(), stages.tolist(), judges.tolist(), strict=True)
            ]
        # the pool of each pair: its slots that are not excluded, in slot order
        pool = np.flatnonzero(~bad)
        pool_pair = slot_pair[pool]
        n_pairs = int(pair.max()) + 1 if pair.size else 0
        self.pool = pool
        self.pool_start = np.searchsorted(pool_pair, np.arange(n_pairs))
        self.pool_size = np.bincount(pool_pair, minlength=n_pairs)
        self.slot_pair = slot_pair
        self.slot_judge = slot_judge
        self.slot_bad = bad
        self.row_slot = slot.astype(np.int64)
        self.row_pair = pair
        self.n_judge, self.n_crit = n_judge, n_crit
        row_key = (pair * n_judge + table.judge) * n_crit + table.criterion
        self.order = np.argsort(row_key, kind="stable")
        self.sorted_keys = row_key[self.order]

    def draw(self, rng: np.random.Generator) -> ScoreTable:
        from .. import ScoreTable

        t = self.table
        n_slots = self.slot_pair.size
        if n_slots == 0:
            return t
        size = self.pool_size[self.slot_pair]
        u = rng.random(n_slots)
        pick = np.minimum((u * size).astype(np.int64), np.maximum(size - 1, 0))
        idx = self.pool_start[self.slot_pair] + pick
        drawn = np.where(self.slot_bad | (size == 0), np.arange(n_slots),
                         self.pool[np.minimum(idx, max(self.pool.size - 1, 0))])
        judge = self.slot_judge[drawn][self.row_slot]
        key = (self.row_pair * self.n_judge + judge) * self.n_crit + t.criterion
        pos = np.searchsorted(self.sorted_keys, key)
        pos = np.minimum(pos, self.sorted_keys.size - 1)
        found = self.sorted_keys[pos] == key
        source = np.where(found, self.order[pos], np.arange(len(t)))
        return ScoreTable(
            submissions=t.submissions, stages=t.stages, judges=t.judges, criteria=t.criteria,
            values=t.values, sub=t.sub, stage=t.stage, judge=t.judge, criterion=t.criterion,
            value=t.value[source], rows=t.rows, records=t.records,
        )


def _subset(edition: Edition, keep: set[str]) -> Edition:
    """The edition with only the submissions in ``keep`` and their scores."""
    from .. import ScoreTable

    t = edition.scores
    sub_keep = np.array([s in keep for s in t.submissions], dtype=bool)
    rows = np.flatnonzero(sub_keep[t.sub]) if len(t) else np.zeros(0, dtype=np.int64)
    used, codes = np.unique(t.sub[rows], return_inverse=True)
    table = ScoreTable(
        submissions=[t.submissions[i] for i in used.tolist()], stages=t.stages, judges=t.judges,
        criteria=t.criteria, values=t.values, sub=codes, stage=t.stage[rows],
        judge=t.judge[rows], criterion=t.criterion[rows], value=t.value[rows],
        rows=None if t.rows is None else t.rows[rows],
        records=None if t.records is None else t.records[rows],
    )
    return attrs.evolve(
        edition,
        submissions=[s for s in edition.submissions if s.id in keep],
        scores=table,
        verdicts=[v for v in edition.verdicts if v.submission in keep],
    )


def _compact(result: Result) -> Iterator[tuple[str, str | None, tuple[StageOutcome, ...], tuple[AwardGrant, ...]]]:
    """Each submission's id, title, outcomes (without the reasons of passed checks) and
    awards, made one at a time and let go: the objects a result makes when its
    submissions are read stay as long as the result, and every replicate's garbage
    collection would walk them again."""
    for sid, title, rows, grants, _ in submission_rows(result.submissions, fields=False, failing=True):
        yield sid, title, tuple([StageOutcome(*o) for o in rows]), grants


def _outcomes(result: Result, stages: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    wanted = set(stages)
    return {
        sid: (tuple((o.stage, o.status, o.rank, o.score) for o in outcomes if o.stage in wanted),
              tuple(sorted(g.award for g in grants)))
        for sid, _, outcomes, grants in _compact(result)
    }


def _cutoff_ids(ruleset: Ruleset, result: Result) -> list[tuple[str, str, str, Label]]:
    names = dict(result.stages)
    out = [(f"stage:{s.id}", "stage", s.id, names.get(s.id, L(s.id)))
           for s in ruleset.stages if s.advance is not None and s.id in names]
    out += [(f"award:{a}", "award", a, name) for a, name in result.awards]
    return out


def _ranked_by(ruleset: Ruleset, kind: str, ref: str) -> str | None:
    """The last scored stage up to the cut-off's stage: the rank that decides it."""
    stage = ref
    if kind == "award":
        stage = next((a.stage for a in ruleset.awards if a.id == ref), ref)
    last = None
    for s in ruleset.stages:
        if s.rubric is not None:
            last = s.id
        if s.id == stage:
            return last
    return None


def _passed_sets(result: Result, cutoffs: list[tuple[str, str, str, Label]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for cid, kind, ref, _ in cutoffs:
        out[cid] = result.passed(ref) if kind == "stage" else result.winners(ref)
    return out


def rank_confidence(
    ruleset: Ruleset,
    edition: Edition,
    *,
    replicates: int = 1000,
    seed: int = 0,
    level: Decimal | str = Decimal("0.9"),
    result: Result | None = None,
    evaluator: Evaluator | None = None,
    progress: Callable[[int, int], None] | None = None,
    max_cells: int = 50_000_000,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = False,
    parameters: Mapping[str, Any] | None = None,
) -> RankConfidence:
    """Resample the judges ``replicates`` times and measure how sure each place is.

    :param result: the evaluation of ``edition`` under ``ruleset`` when already made
        (it is the reference the replicates are compared with).
    :param evaluator: evaluates one replicate, for a host whose evaluation is its own;
        by default ``evaluate(ruleset, edition, plugins=plugins,
        load_entrypoints=load_entrypoints, parameters=parameters)``, with the edition
        prepared once (:func:`~inovasi_rules.prepare`) and only the scores changed
        from one replicate to the next.
    :param plugins: plugin objects every evaluation uses (those of ``result``).
    :param load_entrypoints: load installed plugins (off by default: the same figures
        on every machine).
    :param parameters: parameter values over the edition's, as for
        :func:`~inovasi_rules.evaluate`.
    :param progress: called with (replicates done, replicates) after each one.
    :param max_cells: the most ranks kept (replicates x entries x scored stages, two or
        four bytes each): a bound on memory.
    :raises ValueError: when ``replicates`` is below 1, ``level`` is not between 0
        and 1, or the ranks would exceed ``max_cells``.

    >>> from inovasi_rules import load_ruleset, read_edition
    >>> conf = rank_confidence(load_ruleset("kipp-2019"),
    ...                        read_edition("examples/history/kipp-2019"), replicates=20)
    ... # doctest: +SKIP
    """
    from .. import evaluate, prepare

    if replicates < 1:
        raise ValueError(f"replicates must be at least 1 (got {replicates}) / replikasi minimal 1")
    level = Decimal(str(level))
    if not Decimal(0) < level < Decimal(1):
        raise ValueError(f"level must be between 0 and 1, e.g. 0.9 (got {level}) / tingkat antara 0 dan 1")
    def evaluated(rs: Ruleset, ed: Edition) -> Result:
        return evaluate(rs, ed, plugins=plugins, load_entrypoints=load_entrypoints, parameters=parameters)

    run: Evaluator = evaluator or evaluated
    base = result if result is not None else run(ruleset, edition)
    scored = [s.id for s in ruleset.stages if s.rubric is not None and s.id in edition.scores.stages]
    stage_names = dict(base.stages)
    cutoffs = _cutoff_ids(ruleset, base)
    later = [s.id for s in ruleset.stages][
        min((i for i, s in enumerate(ruleset.stages) if s.id in scored), default=0):]

    # Entries that never reach the first scored stage cannot be moved by the judges,
    # and the eligibility rules do not depend on scores: replicates evaluate the other
    # entries alone, without the eligibility rules, when that gives exactly the same
    # outcomes from the first scored stage on (checked here, on this edition).
    # what is read of the base result, in one pass that keeps none of its objects
    reached: set[str] = set()
    competed: set[str] = set()  # reached some scored stage
    excluded: set[tuple[str, str, str]] = set()
    titles: dict[str, str | None] = {}
    base_ranks: dict[str, dict[str, int]] = {}
    for sid, title, outcomes, _ in _compact(base):
        titles[sid] = title
        reached_at = {o.stage for o in outcomes}
        if scored and scored[0] in reached_at:
            reached.add(sid)
        if not reached_at.isdisjoint(scored):
            competed.add(sid)
        base_ranks[sid] = {o.stage: o.rank for o in outcomes if o.rank is not None}
        excluded.update((sid, o.stage, j.judge) for o in outcomes for j in o.judges if j.excluded is not None)
    work, rules = edition, ruleset
    if scored and len(reached) < len(edition.submissions):
        small = _subset(edition, reached)
        lean = attrs.evolve(ruleset, eligibility=(), stages=[
            attrs.evolve(s, rules=None) if s.rules is not None else s for s in ruleset.stages])
        want = {k: v for k, v in _outcomes(base, later).items() if k in reached}
        for rs in (lean, ruleset):
            try:
                same = _outcomes(run(rs, small), later) == want
            except Exception:  # the shortcut does not apply to this ruleset: try the next
                same = False
            if same:
                work, rules = small, rs
                break
    passed_base = _passed_sets(base, cutoffs)
    base_ids = (base.ruleset, base.edition)
    # Only what was read of it is kept: the replicates make and drop thousands of
    # objects each, and every full collection among them would walk the base result's.
    del base
    sampler = _Resampler(work.scores, excluded)
    rng = np.random.Generator(np.random.PCG64(seed))
    ids = sorted(reached | competed)
    pos = {sid: i for i, sid in enumerate(ids)}
    cells = replicates * len(ids) * len(scored)
    if cells > max_cells:
        raise ValueError(
            f"{replicates:,} replicates x {len(ids):,} entries x {len(scored)} scored stages = "
            f"{cells:,} ranks to keep, more than max_cells={max_cells:,}: use fewer replicates or "
            f"raise max_cells / terlalu banyak peringkat untuk disimpan: kurangi replikasi")
    dtype = np.uint16 if len(ids) < 65_535 else np.int32
    counts = {cid: np.zeros(len(ids), dtype=np.int64) for cid, *_ in cutoffs}
    ranks: dict[str, npt.NDArray[Any]] = {
        sid: np.zeros((replicates, len(ids)), dtype=dtype) for sid in scored}
    if evaluator is None:  # the edition prepared once; each replicate changes the scores
        prepared = prepare(rules, work, plugins=plugins, load_entrypoints=load_entrypoints, parameters=parameters)

        def replicate(scores: ScoreTable) -> Result:
            return prepared.evaluate(scores=scores)
    else:

        def replicate(scores: ScoreTable) -> Result:
            return run(rules, attrs.evolve(work, scores=scores))

    for r in range(replicates):
        rep = replicate(sampler.draw(rng))
        for cid, got in _passed_sets(rep, cutoffs).items():
            counts[cid][[i for sid in got if (i := pos.get(sid)) is not None]] += 1  # ids are distinct
        for st, kept in ranks.items():
            placed = [(i, place) for sid, place in rep.ranks(st).items() if (i := pos.get(sid)) is not None]
            if placed:
                at, places = zip(*placed, strict=True)
                kept[r, list(at)] = places
        if progress is not None:
            progress(r + 1, replicates)

    lo_q = (1 - level) / 2
    hi_q = (1 + level) / 2
    entries = []
    for sid, i in pos.items():
        intervals = {}
        for st, arr in ranks.items():
            col = arr[:, i]
            col = np.sort(col[col > 0])
            if col.size:
                m = col.size
                # order statistics, no interpolation: ranks stay whole numbers
                lo = int(col[int((lo_q * (m - 1)).to_integral_value(rounding="ROUND_FLOOR"))])
                hi = int(col[int((hi_q * (m - 1)).to_integral_value(rounding="ROUND_CEILING"))])
                mean = (Decimal(int(col.sum(dtype=np.int64))) / Decimal(m)).quantize(
                    Decimal("0.01"), ROUND_HALF_EVEN)
                intervals[st] = RankInterval(lo, hi, int(col[(m - 1) // 2]), m, mean)
        rank = {st: r for st, r in base_ranks[sid].items() if st in ranks}
        entries.append(EntryConfidence(
            id=sid, title=titles.get(sid), rank=rank, intervals=intervals,
            counts={cid: int(c[i]) for cid, c in counts.items() if c[i]},
        ))
    cuts = []
    for cid, kind, ref, name in cutoffs:
        c = counts[cid]
        clear = tuple(sid for sid in ids if Fraction(int(c[pos[sid]]), replicates) >= hi_q)
        zone_ids = [sid for sid in ids if lo_q < Fraction(int(c[pos[sid]]), replicates) < hi_q]
        zone_ids.sort(key=lambda sid: (-int(c[pos[sid]]), sid))
        seats = len(passed_base[cid])
        cuts.append(CutOff(
            id=cid, kind=kind, ref=ref, name=name, ranked_by=_ranked_by(ruleset, kind, ref), seats=seats,
            passed=tuple(passed_base[cid]), clear=clear, zone=tuple(zone_ids),
            seats_in_zone=max(seats - len(clear), 0),
            expected=Fraction(int(c.sum()), replicates),
        ))
    return RankConfidence(
        ruleset=base_ids[0], edition=base_ids[1], replicates=replicates, seed=seed, level=level,
        stages=tuple((s, stage_names.get(s, L(s))) for s in scored),
        cutoffs=tuple(cuts), entries=tuple(entries),
    )
