"""Hypothesis strategies that build valid :class:`~inovasi_rules.model.Ruleset` objects.

``rulesets()`` draws a small ruleset that passes every check (schema and semantics):
ids are unique, references resolve, weights add up, stages come in a valid order,
parameters referred to exist and have the right shape. Warnings (an unused parameter,
two contradictory rules) may occur: they are allowed in a valid ruleset.

The building blocks (``labels()``, ``conditions()``, ``rubrics()`` ...) are public so
a test can draw just the part it needs. They do not depend on pytest.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from inovasi_rules import model as m

__all__ = [
    "FIELD_PATHS",
    "NUMERIC_PARAMS",
    "conditions",
    "criteria",
    "eligibility_rules",
    "ids",
    "labels",
    "parameters",
    "rubrics",
    "rulesets",
    "selections",
    "texts",
]

#: Submission fields conditions may name (none of them a vocabulary field such as
#: ``category``, whose values the checks compare with the ruleset's own lists).
FIELD_PATHS = (
    "innovation.status",
    "innovation.started",
    "innovation.years_running",
    "innovation.previous_awards",
    "participant.province",
    "participant.agency",
    "participant.cluster",
    "registered",
)
#: Parameters every drawn ruleset has: name -> kind of value.
NUMERIC_PARAMS = ("top_n", "bonus")
_DATE_PARAM = "reference_date"
_TABLE_PARAM = "focus"
_LIST_PARAM = "issues"

# ------------------------------------------------------------------------- scalars

#: Words as a non-programmer writes them: letters (any script), digits, punctuation,
#: symbols and spaces, including text that looks like a number, a date or `true`.
texts = st.one_of(
    st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["1e5", "tRUE", "no", "null", "~", "2023-02-30", "0.10", "a: b", "- x", "#"]),
)

#: Ids: lower case, digits, dashes (what the schema's id pattern allows).
ids = st.from_regex(r"[a-z][a-z0-9-]{0,7}", fullmatch=True)
_names = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)
# keys of a lookup table, including words that mean something elsewhere in a ruleset
_table_keys = st.sampled_from(["param", "lookup", "field", "remove"]) | _names
paths = st.sampled_from(FIELD_PATHS)
dates = st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31))
decimals = st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("1000"), places=2, allow_nan=False
)
small_ints = st.integers(min_value=0, max_value=100)
scalars = st.one_of(texts, st.integers(-1000, 1000), decimals, st.booleans(), dates)


def labels() -> st.SearchStrategy[m.Label]:
    """A bilingual label, sometimes Indonesian only."""
    return st.builds(m.Label, texts, st.none() | texts)


def _unique_ids(n_min: int, n_max: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=n_min, max_size=n_max, unique=True)


# ------------------------------------------------------------------------- parameters


@st.composite
def parameters(draw: st.DrawFn) -> dict[str, Any]:
    """The parameters: the fixed ones conditions refer to, plus a few others.

    Values are stored as the loader stores them: lists as tuples, mappings as dicts.
    """
    params: dict[str, Any] = {
        "top_n": draw(st.integers(1, 50)),
        "bonus": draw(decimals),
        _DATE_PARAM: draw(dates),
        _LIST_PARAM: tuple(draw(st.lists(texts, min_size=1, max_size=3))),
        _TABLE_PARAM: {
            k: tuple(v)
            for k, v in draw(
                st.dictionaries(_table_keys, st.lists(texts, max_size=3), min_size=1, max_size=3)
            ).items()
        },
    }
    extra_values = st.one_of(
        scalars,
        st.lists(scalars, max_size=3).map(tuple),
        st.dictionaries(_table_keys, scalars, max_size=3),
    )
    for name, value in draw(st.dictionaries(_names, extra_values, max_size=3)).items():
        params.setdefault(f"x_{name}", value)
    return params


_number_refs = st.sampled_from(NUMERIC_PARAMS).map(m.Param)
_count_refs = st.just(m.Param("top_n"))

# ------------------------------------------------------------------------- conditions


def _field_compare() -> st.SearchStrategy[m.Compare]:
    subject = paths.map(m.Field)
    lookup = st.builds(
        m.Lookup,
        st.just(_TABLE_PARAM),
        paths,
        st.none() | st.just(m.Param(_LIST_PARAM)) | st.lists(texts, max_size=2).map(tuple),
    )
    listish = st.one_of(
        st.lists(scalars, min_size=1, max_size=3).map(tuple),
        st.just(m.Param(_LIST_PARAM)),
        lookup,
    )
    numberish = st.one_of(decimals, st.integers(-10, 10), _number_refs, paths.map(m.Field), dates)

    def between(pair: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
        return (min(pair), max(pair))

    return st.one_of(
        st.builds(m.Compare, subject, st.sampled_from(["equals", "not_equals"]), scalars),
        st.builds(m.Compare, subject, st.sampled_from(["in", "not_in"]), listish),
        st.builds(
            m.Compare,
            subject,
            st.sampled_from(["at_least", "at_most", "greater_than", "less_than"]),
            numberish,
        ),
        st.builds(
            m.Compare, subject, st.just("between"), st.tuples(decimals, decimals).map(between)
        ),
        st.builds(m.Compare, subject, st.just("contains"), scalars),
        st.builds(m.Compare, subject, st.just("exists"), st.booleans()),
    )


def _since_compare() -> st.SearchStrategy[m.Compare]:
    as_of = st.none() | st.just(m.Param(_DATE_PARAM)) | dates
    subject = st.builds(m.Since, paths, st.sampled_from(["years", "months", "days"]), as_of)
    return st.builds(
        m.Compare,
        subject,
        st.sampled_from(["at_least", "at_most", "greater_than", "less_than", "equals"]),
        st.integers(0, 20) | _number_refs,
    )


def _count_compare() -> st.SearchStrategy[m.Compare]:
    subject = st.builds(m.Count, paths, st.none() | texts)
    return st.builds(
        m.Compare, subject, st.sampled_from(["at_least", "at_most", "equals"]), st.integers(0, 5)
    )


def _call() -> st.SearchStrategy[m.Compare]:
    args = st.dictionaries(_names, st.one_of(texts, st.integers(-5, 5)), max_size=2)
    return st.builds(m.Compare, st.builds(m.Call, _names, args), st.none())


def conditions(max_leaves: int = 4) -> st.SearchStrategy[m.Condition]:
    """A condition tree: comparisons combined with all / any / not."""
    leaves = st.one_of(_field_compare(), _since_compare(), _count_compare(), _call())
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(m.AllOf),
            st.lists(inner, min_size=1, max_size=3).map(m.AnyOf),
            inner.map(m.Not),
        ),
        max_leaves=max_leaves,
    )


# ------------------------------------------------------------------------- sections

_notes = st.none() | texts


@st.composite
def _kinds(draw: st.DrawFn, cls: type, with_description: bool = True) -> tuple[Any, ...]:
    out = []
    for ident in draw(_unique_ids(0, 3)):
        kw: dict[str, Any] = {"name": draw(st.none() | labels())}
        if with_description:
            kw["description"] = draw(st.none() | labels())
        out.append(cls(ident, source=draw(_notes), assumption=draw(_notes), **kw))
    return tuple(out)


@st.composite
def _waves(draw: st.DrawFn) -> tuple[m.Wave, ...]:
    regions = draw(st.lists(_names, max_size=6, unique=True))
    waves = []
    for i, ident in enumerate(draw(_unique_ids(0, 3))):
        own = regions[i * 2 : i * 2 + 2]  # every region in at most one wave
        opens = draw(st.none() | dates)
        closes = draw(st.none() | dates)
        if opens and closes and closes < opens:
            opens, closes = closes, opens
        waves.append(m.Wave(ident, draw(st.none() | labels()), tuple(own), opens, closes))
    return tuple(waves)


@st.composite
def eligibility_rules(draw: st.DrawFn) -> tuple[m.Eligibility, ...]:
    """Eligibility rules, each with exactly one of ``when`` or ``cap``."""
    rules = []
    for ident in draw(_unique_ids(0, 3)):
        when = cap = None
        if draw(st.booleans()):
            when = draw(conditions())
        else:
            cap = m.Cap(
                tuple(draw(st.lists(paths, min_size=1, max_size=2, unique=True))),
                draw(st.integers(1, 20) | _count_refs),
                draw(st.sampled_from(["earliest_registered", "latest_registered", "listed_order"])),
                draw(st.none() | conditions(2)),
            )
        rules.append(
            m.Eligibility(
                ident,
                draw(labels()),
                name=draw(st.none() | labels()),
                when=when,
                cap=cap,
                where=draw(st.none() | conditions(2)),
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
        ident = draw(ids.filter(lambda x: x not in used))
        used.add(ident)
        weight = draw(st.integers(0, 60))
        subs: tuple[m.Criterion, ...] = ()
        if depth > 0 and weight >= 2 and draw(st.booleans()):
            cut = draw(st.integers(1, weight - 1))
            subs = tuple(
                m.Criterion(sub, Decimal(w))
                for sub, w in zip(
                    draw(
                        st.lists(
                            ids.filter(lambda x: x not in used), min_size=2, max_size=2, unique=True
                        )
                    ),
                    (cut, weight - cut),
                    strict=True,
                )
            )
            used.update(s.id for s in subs)
        out.append(
            m.Criterion(
                ident,
                Decimal(weight),
                name=draw(st.none() | labels()),
                description=draw(st.none() | labels()),
                subcriteria=subs,
                assumption=draw(_notes),
            )
        )
    if sum(c.weight for c in out) == 0:  # total_weight must be above zero
        out[0] = m.Criterion(out[0].id, Decimal(1), name=out[0].name)
    return tuple(out)


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
                name=draw(st.none() | labels()),
                scale=m.Scale(Decimal(lo), Decimal(hi)),
                total_weight=sum((c.weight for c in crit), Decimal(0)),
            )
        )
    return tuple(out)


def _leaves(criteria: Sequence[m.Criterion]) -> list[str]:
    out: list[str] = []
    for c in criteria:
        out.append(c.id)
        out.extend(_leaves(c.subcriteria))
    return out


@st.composite
def selections(draw: st.DrawFn, scale_max: Decimal | None = None) -> m.Selection:
    """Who advances: top N (overall or per group), seats per group, apportioned top N,
    and/or a threshold."""
    how = draw(st.sampled_from(["top", "top-per", "seats", "apportion", "threshold"]))
    ties = draw(st.sampled_from(["include_all", "break"]))
    threshold = None
    if how == "threshold" or draw(st.booleans()):
        hi = int(scale_max) if scale_max is not None else 100
        threshold = Decimal(draw(st.integers(0, hi)))
    top = draw(st.integers(1, 50) | _count_refs)
    if how == "top":
        return m.Selection(top=top, threshold=threshold, ties=ties)
    if how == "top-per":
        return m.Selection(top=top, per=draw(paths), threshold=threshold, ties=ties)
    if how == "seats":
        seats = draw(
            st.dictionaries(_names, st.integers(0, 5) | _count_refs, min_size=1, max_size=3)
        )
        return m.Selection(per="participant.province", seats=seats, threshold=threshold, ties=ties)
    if how == "apportion":
        apportion = m.Apportion(draw(paths), min_each=draw(st.integers(0, 2)))
        return m.Selection(top=top, apportion=apportion, threshold=threshold, ties=ties)
    return m.Selection(threshold=threshold, ties=ties)


@st.composite
def _stages(
    draw: st.DrawFn, rubrics: tuple[m.Rubric, ...], rule_ids: Sequence[str]
) -> tuple[m.Stage, ...]:
    stage_ids = draw(_unique_ids(4, 5))
    stages: list[m.Stage] = []
    if draw(st.booleans()):
        rules = None
        if rule_ids and draw(st.booleans()):
            rules = tuple(draw(st.lists(st.sampled_from(list(rule_ids)), unique=True)))
        stages.append(
            m.Stage(stage_ids.pop(), "screening", name=draw(st.none() | labels()), rules=rules)
        )
    scored: list[str] = []
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
                    st.lists(st.builds(m.Conflict, paths, paths, st.none() | labels()), max_size=1)
                )
            ),
        )
        combine: tuple[m.Combine, ...] = ()
        if scored and draw(st.booleans()):
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
                draw(decimals | _number_refs),
                message=draw(st.none() | labels()),
                when=draw(st.none() | conditions(2)),
            )
            for aid in draw(_unique_ids(0, 2))
        )
        tie_break = []
        for _ in range(draw(st.integers(0, 2))):
            by = draw(
                st.sampled_from(
                    ["criterion", "stage", "field"] if scored else ["criterion", "field"]
                )
            )
            if by == "criterion":
                ref = draw(st.sampled_from(_leaves(rubric.criteria)))
            elif by == "stage":
                ref = draw(st.sampled_from(scored))
            else:
                ref = draw(paths)
            tie_break.append(m.TieBreak(by, ref, draw(st.sampled_from(["desc", "asc"]))))
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
    if draw(st.booleans()):
        stages.append(
            m.Stage(
                stage_ids.pop(),
                "verification",
                missing_verdict=draw(st.sampled_from(["confirm", "drop", "flag"])),
            )
        )
    return tuple(stages)


@st.composite
def rulesets(draw: st.DrawFn) -> m.Ruleset:
    """A small valid ruleset (no ``extends``: the object is complete)."""
    params = draw(parameters())
    rules = draw(eligibility_rules())
    rubs = draw(rubrics())
    stages = draw(_stages(rubs, [r.id for r in rules]))
    scored = [s for s in stages if s.kind in ("assessment", "presentation")]
    awards = []
    for aid in draw(_unique_ids(0, 3)):
        stage = draw(st.sampled_from(scored))
        scale_max = next(r.scale.max for r in rubs if r.id == stage.rubric)
        awards.append(
            m.Award(
                aid,
                stage.id,
                name=draw(st.none() | labels()),
                rank=draw(st.none() | selections(scale_max)),
                where=draw(st.none() | conditions(2)),
                description=draw(st.none() | labels()),
            )
        )
    return m.Ruleset(
        draw(ids),
        draw(labels()),
        description=draw(st.none() | labels()),
        level=draw(st.sampled_from(m.LEVELS)),
        organiser=draw(st.none() | labels()),
        year=draw(st.none() | st.integers(2000, 2100)),
        source=draw(_notes),
        assumption=draw(_notes),
        rounding=m.Rounding(
            draw(st.integers(0, 6)), draw(st.sampled_from(["half_up", "half_even", "down"]))
        ),
        parameters=params,
        participant_kinds=draw(_kinds(m.ParticipantKind, with_description=False)),
        categories=draw(_kinds(m.Category)),
        groups=draw(_kinds(m.Group)),
        waves=draw(_waves()),
        wave_by=draw(paths),
        eligibility=rules,
        rubrics=rubs,
        stages=stages,
        awards=tuple(awards),
    )
