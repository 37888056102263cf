"""Drawn ruleset sections (kinds, waves, eligibility, rubrics, selections, stages) and
whole rulesets that pass every check."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

from hypothesis import strategies as st

from ..ruleset import model as m
from ._values import (
    _BOOL,
    _LABELS,
    _OPT_LABELS,
    _count_refs,
    _dates,
    _decimals,
    _names,
    _number_refs,
    _paths,
    _unique_ids,
    conditions,
    ids,
    labels,
    parameters,
)

_notes = st.none() | _LABELS  # a plain text, or a bilingual one


@st.composite
def _kinds(draw: st.DrawFn, cls: type, with_description: bool = True) -> tuple[Any, ...]:
    out = []
    for ident in draw(_unique_ids(0, 3)):
        kw: dict[str, Any] = {"name": draw(_OPT_LABELS)}
        if with_description:
            kw["description"] = draw(_OPT_LABELS)
        out.append(cls(ident, source=draw(_notes), assumption=draw(_notes), **kw))
    return tuple(out)


@st.composite
def _waves(draw: st.DrawFn) -> tuple[m.Wave, ...]:
    regions = draw(st.lists(_names, max_size=6, unique=True))
    waves = []
    for i, ident in enumerate(draw(_unique_ids(0, 3))):
        own = regions[i * 2 : i * 2 + 2]  # every region in at most one wave
        opens = draw(st.none() | _dates)
        closes = draw(st.none() | _dates)
        if opens and closes and closes < opens:
            opens, closes = closes, opens
        waves.append(m.Wave(ident, draw(_OPT_LABELS), tuple(own), opens, closes))
    return tuple(waves)


@st.composite
def eligibility_rules(draw: st.DrawFn, *, calls: bool = True) -> tuple[m.Eligibility, ...]:
    """Eligibility rules, each with exactly one of ``when`` or ``cap``."""
    rules = []
    for ident in draw(_unique_ids(0, 3)):
        when = cap = None
        if draw(_BOOL):
            when = draw(conditions(calls=calls))
        else:
            cap = m.Cap(
                tuple(draw(st.lists(_paths, min_size=1, max_size=2, unique=True))),
                draw(st.integers(1, 20) | _count_refs),
                draw(st.sampled_from(["earliest_registered", "latest_registered", "listed_order"])),
                draw(st.none() | conditions(2, calls=calls)),
            )
        rules.append(
            m.Eligibility(
                ident,
                draw(labels()),
                name=draw(_OPT_LABELS),
                when=when,
                cap=cap,
                where=draw(st.none() | conditions(2, calls=calls)),
                source=draw(_notes),
            )
        )
    return tuple(rules)


@st.composite
def criteria(draw: st.DrawFn, used: set[str], depth: int = 1) -> tuple[m.Criterion, ...]:
    """Criteria with whole-number weights; sub-criteria add up to their parent.

    ``used`` collects the ids drawn, so they are unique across the whole rubric.
    """
    out = []
    for _ in range(draw(st.integers(1, 3))):
        ident = _fresh(draw(ids), used)
        weight = draw(st.integers(0, 60))
        subs: tuple[m.Criterion, ...] = ()
        if depth > 0 and weight >= 2 and draw(_BOOL):
            cut = draw(st.integers(1, weight - 1))
            first, second = _fresh(draw(ids), used), _fresh(draw(ids), used)
            subs = (m.Criterion(first, Decimal(cut)), m.Criterion(second, Decimal(weight - cut)))
        out.append(
            m.Criterion(
                ident,
                Decimal(weight),
                name=draw(_OPT_LABELS),
                description=draw(_OPT_LABELS),
                subcriteria=subs,
                assumption=draw(_notes),
            )
        )
    if sum(_weight(c) for c in out) == 0:  # total_weight must be above zero
        out[0] = m.Criterion(out[0].id, Decimal(1), name=out[0].name)
    return tuple(out)


def _fresh(ident: str, used: set[str]) -> str:
    """``ident``, or ``ident`` with a number added when it is taken; recorded in ``used``."""
    n, out = 1, ident
    while out in used:
        n += 1
        out = f"{ident}{n}"
    used.add(out)
    return out


def _weight(c: m.Criterion) -> Decimal:
    assert isinstance(c.weight, Decimal)  # drawn criteria have literal weights
    return c.weight


@st.composite
def rubrics(draw: st.DrawFn) -> tuple[m.Rubric, ...]:
    """One to two rubrics; ``total_weight`` is the sum of the criteria's weights."""
    out = []
    for ident in draw(_unique_ids(1, 2)):
        crit = draw(criteria(set()))
        lo = draw(st.integers(0, 10))
        hi = draw(st.integers(lo + 1, 100))
        out.append(
            m.Rubric(
                ident,
                crit,
                name=draw(_OPT_LABELS),
                scale=m.Scale(Decimal(lo), Decimal(hi)),
                total_weight=sum((_weight(c) for c in crit), Decimal(0)),
            )
        )
    return tuple(out)


def _leaves(criteria: Sequence[m.Criterion]) -> list[str]:
    out: list[str] = []
    for c in criteria:
        out.append(c.id)
        out.extend(_leaves(c.subcriteria))
    return out


_TIES: tuple[Literal["include_all", "break"], ...] = ("include_all", "break")
_TIE_BY: tuple[Literal["criterion", "stage", "field"], ...] = ("criterion", "stage", "field")
_ORDERS: tuple[Literal["desc", "asc"], ...] = ("desc", "asc")


@st.composite
def selections(draw: st.DrawFn, scale_max: Decimal | None = None) -> m.Selection:
    """Who advances: top N (overall or per group), seats per group, apportioned top N,
    and/or a threshold."""
    how = draw(st.sampled_from(["top", "top-per", "seats", "apportion", "threshold"]))
    ties = draw(st.sampled_from(_TIES))
    threshold = None
    if how == "threshold" or draw(_BOOL):
        hi = int(scale_max) if scale_max is not None else 100
        threshold = Decimal(draw(st.integers(0, hi)))
    top = draw(st.integers(1, 50) | _count_refs)
    if how == "top":
        return m.Selection(top=top, threshold=threshold, ties=ties)
    if how == "top-per":
        return m.Selection(top=top, per=draw(_paths), threshold=threshold, ties=ties)
    if how == "seats":
        seats = draw(
            st.dictionaries(_names, st.integers(0, 5) | _count_refs, min_size=1, max_size=3)
        )
        return m.Selection(per="participant.province", seats=seats, threshold=threshold, ties=ties)
    if how == "apportion":
        apportion = m.Apportion(draw(_paths), min_each=draw(st.integers(0, 2)))
        return m.Selection(top=top, apportion=apportion, threshold=threshold, ties=ties)
    return m.Selection(threshold=threshold, ties=ties)


@st.composite
def _stages(
    draw: st.DrawFn, rubrics: tuple[m.Rubric, ...], rule_ids: Sequence[str], calls: bool
) -> tuple[m.Stage, ...]:
    stage_ids = draw(_unique_ids(4, 5))
    stages: list[m.Stage] = []
    if draw(_BOOL):
        rules = None
        if len(rule_ids) > 0 and draw(_BOOL):
            rules = tuple(draw(st.lists(st.sampled_from(list(rule_ids)), unique=True)))
        stages.append(
            m.Stage(stage_ids.pop(), "screening", name=draw(_OPT_LABELS), rules=rules)
        )
    scored: list[str] = []
    rubric_of: dict[str, m.Rubric] = {}
    for _ in range(draw(st.integers(1, 3 if len(stage_ids) > 3 else 2))):
        ident = stage_ids.pop()
        rubric = draw(st.sampled_from(rubrics))
        aggregate = draw(st.sampled_from(m.AGGREGATIONS))
        trim = draw(st.integers(0, 2))
        judging = m.Judging(
            aggregate=aggregate,
            trim=trim,
            min=draw(st.integers(2 * trim + 1, 2 * trim + 3)),
            too_few=draw(st.sampled_from(["fail", "flag"])),
            min_scored=draw(st.integers(2, 8)),
            max_spread=draw(st.none() | st.integers(0, 30).map(Decimal)),
            conflicts=tuple(
                draw(
                    st.lists(
                        st.builds(m.Conflict, _paths, _paths, _OPT_LABELS), max_size=1
                    )
                )
            ),
        )
        combine: tuple[m.Combine, ...] = ()
        if len(scored) > 0 and draw(_BOOL):
            parts = [*draw(st.lists(st.sampled_from(scored), min_size=1, unique=True)), ident]
            cuts = sorted(
                draw(st.lists(st.integers(0, 10), min_size=len(parts) - 1, max_size=len(parts) - 1))
            )
            shares = [b - a for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]
            combine = tuple(
                m.Combine(p, Decimal(s) / 10) for p, s in zip(parts, shares, strict=True)
            )
        adjustments = tuple(
            m.Adjustment(
                aid,
                draw(_decimals | _number_refs),
                message=draw(_OPT_LABELS),
                when=draw(st.none() | conditions(2, calls=calls)),
            )
            for aid in draw(_unique_ids(0, 2))
        )
        tie_break = []
        # a stage's own score breaks ties only when it is combined or adjusted
        stage_refs = [*scored, ident] if combine or adjustments else scored
        for _ in range(draw(st.integers(0, 2))):
            by = draw(st.sampled_from(_TIE_BY if stage_refs else (_TIE_BY[0], _TIE_BY[2])))
            of: str | None = None
            if by == "criterion":
                of = draw(st.none() | st.sampled_from(scored)) if scored else None
                ref = draw(st.sampled_from(_leaves((rubric_of[of] if of else rubric).criteria)))
            elif by == "stage":
                ref = draw(st.sampled_from(stage_refs))
            else:
                ref = draw(_paths)
            tie_break.append(m.TieBreak(by, ref, draw(st.sampled_from(_ORDERS)), of))
        stages.append(
            m.Stage(
                ident,
                draw(st.sampled_from(["assessment", "presentation"])),
                rubric=rubric.id,
                judges=judging,
                combine=combine,
                adjustments=adjustments,
                adjustment_cap=draw(st.none() | st.integers(0, 20).map(Decimal)),
                tie_break=tuple(tie_break),
                advance=draw(st.none() | selections(rubric.scale.max)),
                source=draw(_notes),
            )
        )
        scored.append(ident)
        rubric_of[ident] = rubric
    if draw(_BOOL):
        stages.append(
            m.Stage(
                stage_ids.pop(),
                "verification",
                missing_verdict=draw(st.sampled_from(["confirm", "drop", "flag"])),
                confirm=draw(st.none() | st.builds(
                    m.Confirm, st.integers(1, 5) | _count_refs, st.sampled_from(["fill", "keep_empty"]))),
            )
        )
    return tuple(stages)


@st.composite
def rulesets(draw: st.DrawFn, *, calls: bool = True) -> m.Ruleset:
    """A small valid ruleset (no ``extends``: the object is complete).

    It passes :func:`~inovasi_rules.check_ruleset` with no error (warnings, such as an
    unused parameter or two rules that contradict each other, may occur), and
    :func:`~inovasi_rules.dump_ruleset` writes it as YAML that loads back equal.

    :param calls: let conditions call plugin functions (``{call: name}``). Such a
        ruleset is valid but cannot be evaluated without a plugin that contributes
        the functions; pass ``calls=False`` to evaluate what you draw.
    """
    params = draw(parameters())
    rules = draw(eligibility_rules(calls=calls))
    rubs = draw(rubrics())
    stages = draw(_stages(rubs, [r.id for r in rules], calls))
    scored = [s for s in stages if s.kind in ("assessment", "presentation")]
    awards = []
    for aid in draw(_unique_ids(0, 3)):
        stage = draw(st.sampled_from(scored))
        scale_max = next(r.scale.max for r in rubs if r.id == stage.rubric)
        awards.append(
            m.Award(
                aid,
                stage.id,
                name=draw(_OPT_LABELS),
                rank=draw(st.none() | selections(scale_max)),
                where=draw(st.none() | conditions(2, calls=calls)),
                description=draw(_OPT_LABELS),
            )
        )
    return m.Ruleset(
        draw(ids),
        draw(labels()),
        description=draw(_OPT_LABELS),
        level=draw(st.sampled_from(m.LEVELS)),
        organiser=draw(_OPT_LABELS),
        year=draw(st.none() | st.integers(2000, 2100)),
        source=draw(_notes),
        assumption=draw(_notes),
        rounding=m.Rounding(
            draw(st.integers(0, 6)),
            draw(st.sampled_from(["half_up", "half_even", "down"])),
            # normalised_mean needs rounded totals and aggregates
            m.ROUNDING_STEPS if any(s.judges.aggregate == "normalised_mean" for s in stages)
            else draw(st.sampled_from([m.ROUNDING_STEPS, (), ("aggregate",), ("judge_total", "combined")])),
        ),
        parameters=params,
        participant_kinds=draw(_kinds(m.ParticipantKind, with_description=False)),
        categories=draw(_kinds(m.Category)),
        groups=draw(_kinds(m.Group)),
        waves=draw(_waves()),
        wave_by=draw(_paths),
        eligibility=rules,
        rubrics=rubs,
        stages=stages,
        awards=tuple(awards),
    )
