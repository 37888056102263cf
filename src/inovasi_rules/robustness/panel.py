"""Panel diagnostics: how each judge scores compared with the rest of the panel.

For every scored stage, from the judges' totals an evaluation recorded (the
``judges`` of each :class:`~inovasi_rules.StageOutcome`; a score excluded for a
conflict of interest does not count):

``entries``
    how many entries the judge scored at the stage.
``shared``
    how many of them at least one other judge scored too.
``severity``
    the judge's mean offset from the co-judges on shared entries: for each shared
    entry, the judge's total minus the mean of the other judges' totals, averaged.
    ``-6`` means the judge gives 6 points less than colleagues on the same entries.
``spread``
    the standard deviation of the judge's totals: how much of the scale the judge uses.
``agreement``
    Pearson's correlation between the judge's totals and the co-judges' mean on
    shared entries (1: same order, 0: unrelated, negative: reversed).

A judge is flagged ``severe`` or ``lenient`` when the severity lies more than
``k`` robust standard deviations (1.4826 times the median absolute deviation) from
the panel's median severity *and* at least ``min_offset`` points from it (by default
5% of the rubric's scale); ``disagrees`` when the agreement is below 0 over at least
five shared entries.

For the panel: Krippendorff's alpha for interval data (Krippendorff 2004, *Content
Analysis*, ch. 11; Hayes & Krippendorff 2007), computed exactly from the totals with
fractions; and the groups of judges linked by shared entries (two judges are linked
when they scored at least ``min_shared`` entries in common). Normalising per judge
(``normalised_mean``) compares each judge with the whole stage only when the judges
form one group; otherwise a warning names the groups.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from ._text import L

if TYPE_CHECKING:
    from .. import Label, Result, Ruleset

__all__ = ["JudgeDiagnostics", "JudgeGroup", "StagePanel", "krippendorff_alpha", "panel_diagnostics"]

_Q2 = Decimal("0.01")
_Q3 = Decimal("0.001")


@attrs.frozen
class JudgeDiagnostics:
    """One judge at one stage (see the module's description of each figure).

    :ivar flags: ``severe``, ``lenient``, ``disagrees`` (empty when none applies).
    """

    judge: str
    entries: int
    shared: int
    severity: Decimal | None
    spread: Decimal | None
    agreement: Decimal | None
    flags: tuple[str, ...] = ()


@attrs.frozen
class JudgeGroup:
    """Judges linked to one another by shared entries, and how many entries they scored."""

    judges: tuple[str, ...]
    entries: int


@attrs.frozen
class StagePanel:
    """The panel of one scored stage.

    :ivar alpha: Krippendorff's alpha (interval), ``None`` when it is undefined (fewer
        than two judges on every entry, or every total equal).
    :ivar meaning: the alpha in words.
    :ivar groups: the judge groups, largest first.
    :ivar min_shared: entries two judges must share to be linked in one group.
    :ivar warnings: for the organiser (e.g. normalising across unlinked groups).
    """

    stage: str
    name: Label
    aggregate: str
    entries: int
    judges: tuple[JudgeDiagnostics, ...]
    alpha: Decimal | None
    meaning: Label
    groups: tuple[JudgeGroup, ...]
    min_shared: int = 3
    warnings: tuple[Label, ...] = ()

    def judge(self, judge_id: str) -> JudgeDiagnostics:
        """The diagnostics of one judge (``KeyError`` if the judge scored nothing here)."""
        for j in self.judges:
            if j.judge == judge_id:
                return j
        raise KeyError(judge_id)

    @property
    def flagged(self) -> tuple[JudgeDiagnostics, ...]:
        """The judges with at least one flag."""
        return tuple(j for j in self.judges if j.flags)


def krippendorff_alpha(units: Sequence[Sequence[Decimal]]) -> Fraction | None:
    """Krippendorff's alpha for interval data, exact: ``1 - (n-1) * Do / De``.

    ``units`` holds, per entry, the values the judges gave it; entries with fewer
    than two values are not pairable and are left out. ``None`` when no entry is
    pairable or every value is equal.

    >>> from decimal import Decimal as D
    >>> krippendorff_alpha([[D(1), D(1)], [D(3), D(3)]])
    Fraction(1, 1)
    """
    within = Fraction(0)
    n = 0
    total = Fraction(0)
    total_sq = Fraction(0)
    for values in units:
        m = len(values)
        if m < 2:
            continue
        fr = [Fraction(v) for v in values]
        s = sum(fr, Fraction(0))
        sq = sum((v * v for v in fr), Fraction(0))
        within += 2 * (m * sq - s * s) / (m - 1)
        n += m
        total += s
        total_sq += sq
    if n < 2:
        return None
    expected = 2 * (n * total_sq - total * total)
    if expected == 0:
        return None
    return 1 - (n - 1) * within / expected


def _meaning(alpha: Fraction | None) -> Label:
    if alpha is None:
        return L("tidak dapat dihitung (kurang dari dua juri per pengajuan, atau semua nilai sama)",
                     "cannot be computed (fewer than two judges per entry, or every total equal)")
    if alpha >= Fraction(4, 5):
        return L("andal: juri sebagian besar sepakat tentang urutan pengajuan (α ≥ 0,8)",
                     "reliable: judges largely agree on how entries compare (α ≥ 0.8)")
    if alpha >= Fraction(2, 3):
        return L("cukup untuk kesimpulan sementara: kesepakatan sedang (0,667 ≤ α < 0,8)",
                     "good enough for tentative conclusions: moderate agreement (0.667 ≤ α < 0.8)")
    if alpha > 0:
        return L("rendah: sebagian besar perbedaan nilai berasal dari juri, bukan dari pengajuan (α < 0,667)",
                     "low: much of the difference in scores comes from who judged, not from the entry (α < 0.667)")
    return L("tidak ada kesepakatan melebihi kebetulan (α ≤ 0)",
                 "no agreement beyond chance (α ≤ 0)")


def _dec(x: Fraction | float, q: Decimal) -> Decimal:
    if isinstance(x, Fraction):
        return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(q)
    return Decimal(repr(x)).quantize(q)


def _groups(by_judge: Mapping[str, set[str]], min_shared: int) -> tuple[JudgeGroup, ...]:
    judges = sorted(by_judge)
    parent = {j: j for j in judges}

    def find(j: str) -> str:
        while parent[j] != j:
            parent[j] = parent[parent[j]]
            j = parent[j]
        return j

    by_entry: dict[str, list[str]] = defaultdict(list)
    for j in judges:
        for e in by_judge[j]:
            by_entry[e].append(j)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for js in by_entry.values():
        for i, a in enumerate(js):
            for b in js[i + 1:]:
                shared[(a, b)] += 1
    for (a, b), count in shared.items():
        if count >= min_shared:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for j in judges:
        members[find(j)].append(j)
    groups = [
        JudgeGroup(tuple(js), len(set().union(*(by_judge[j] for j in js))))
        for js in members.values()
    ]
    return tuple(sorted(groups, key=lambda g: (-len(g.judges), -g.entries, g.judges)))


def panel_diagnostics(
    ruleset: Ruleset,
    result: Result,
    *,
    k: float = 3.0,
    min_offset: Decimal | None = None,
    min_shared: int = 3,
) -> tuple[StagePanel, ...]:
    """Diagnose the judges of every scored stage of ``result`` (see the module docs).

    :param ruleset: the ruleset ``result`` was evaluated under (for the stages'
        aggregation and the rubrics' scales).
    :param k: how many robust standard deviations from the panel's median severity
        make a judge ``severe`` or ``lenient``.
    :param min_offset: the smallest offset (in points of the scale) that is flagged;
        ``None``: 5% of the stage rubric's scale.
    :param min_shared: entries two judges must share to be linked in one group.

    >>> from inovasi_rules import load_ruleset, read_edition, evaluate
    >>> rs = load_ruleset("kipp-2019")
    >>> panels = panel_diagnostics(rs, evaluate(rs, read_edition("examples/history/kipp-2019")))
    >>> [(p.stage, len(p.judges)) for p in panels]  # doctest: +SKIP
    [('proposal', 67), ('presentasi', 5)]
    """
    names = dict(result.stages)
    out = []
    for stage in ruleset.stages:
        if stage.rubric is None or stage.id not in names:
            continue
        totals: dict[str, dict[str, Decimal]] = {}  # entry -> judge -> total
        for sub in result.submissions:
            o = sub.stage(stage.id)
            if o is None:
                continue
            mine = {j.judge: j.total for j in o.judges if j.total is not None and j.excluded is None}
            if mine:
                totals[sub.id] = mine
        if not totals:
            continue
        scale = ruleset.rubric(stage.rubric).scale
        offset = min_offset if min_offset is not None else (scale.max - scale.min) / 20
        out.append(_stage_panel(stage.id, names[stage.id], stage.judges.aggregate, totals,
                                k, offset, min_shared))
    return tuple(out)


def _stage_panel(stage: str, name: Label, aggregate: str, totals: Mapping[str, Mapping[str, Decimal]],
                 k: float, min_offset: Decimal, min_shared: int) -> StagePanel:
    by_judge: dict[str, set[str]] = defaultdict(set)
    offsets: dict[str, list[Fraction]] = defaultdict(list)
    pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    own: dict[str, list[Decimal]] = defaultdict(list)
    for entry, scores in totals.items():
        for j, v in scores.items():
            by_judge[j].add(entry)
            own[j].append(v)
            others = [w for i, w in scores.items() if i != j]
            if others:
                mean = Fraction(sum(others, Decimal(0))) / len(others)
                offsets[j].append(Fraction(v) - mean)
                pairs[j].append((float(v), float(mean)))
    raw: dict[str, Fraction | None] = {
        j: (sum(offsets[j], Fraction(0)) / len(offsets[j])) if offsets[j] else None for j in by_judge
    }
    known = [s for s in raw.values() if s is not None]
    center = statistics.median(known) if known else Fraction(0)
    mad = statistics.median(abs(s - center) for s in known) if known else Fraction(0)
    robust_sd = float(mad) * 1.4826
    diags = []
    for j in sorted(by_judge):
        sev = raw[j]
        flags: list[str] = []
        if sev is not None and len(offsets[j]) >= 3:
            gap = sev - center
            if abs(gap) >= Fraction(min_offset) and float(abs(gap)) > k * robust_sd:
                flags.append("severe" if gap < 0 else "lenient")
        agreement = None
        if len(pairs[j]) >= 3:
            xs, ys = zip(*pairs[j], strict=True)
            if len(set(xs)) > 1 and len(set(ys)) > 1:
                r = statistics.correlation(xs, ys)
                agreement = _dec(r, _Q2)
                if r < 0 and len(pairs[j]) >= 5:
                    flags.append("disagrees")
        spread = None
        if len(own[j]) >= 2:
            spread = statistics.pstdev(own[j]).quantize(_Q2)
        diags.append(JudgeDiagnostics(
            judge=j, entries=len(by_judge[j]), shared=len(offsets[j]),
            severity=None if sev is None else _dec(sev, _Q2), spread=spread,
            agreement=agreement, flags=tuple(flags),
        ))
    alpha = krippendorff_alpha([list(s.values()) for s in totals.values()])
    groups = _groups(by_judge, min_shared)
    warnings = []
    if aggregate == "normalised_mean" and len(groups) > 1:
        listed = "; ".join(f"{{{', '.join(g.judges)}}}" for g in groups)
        warnings.append(L(
            f"Tahap {stage}: nilai dinormalisasi per juri, tetapi juri terbagi dalam {len(groups)} "
            f"kelompok yang tidak berbagi cukup pengajuan (minimal {min_shared}): {listed}. "
            "Normalisasi membandingkan juri dengan seluruh tahap; antar kelompok perbandingan itu "
            "tidak berdasar. Tambahkan pengajuan yang dinilai bersama oleh juri dari kelompok berbeda.",
            f"Stage {stage}: scores are normalised per judge, but the judges fall into {len(groups)} "
            f"groups that do not share enough entries (at least {min_shared}): {listed}. "
            "Normalising compares each judge with the whole stage; across groups that comparison "
            "has no basis. Have judges of different groups score some entries in common.",
        ))
    return StagePanel(
        stage=stage, name=name, aggregate=aggregate, entries=len(totals), judges=tuple(diags),
        alpha=None if alpha is None else _dec(alpha, _Q3), meaning=_meaning(alpha),
        groups=groups, min_shared=min_shared, warnings=tuple(warnings),
    )
