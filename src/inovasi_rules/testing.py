"""Hypothesis strategies for property tests of rulesets and of code that uses them.

A ruleset author checks that the rules do what they mean by stating a property that
must hold for *every* edition, and letting `hypothesis <https://hypothesis.works>`_
look for an edition that breaks it: "no entry from outside the regency ever wins",
"every winner passed the administrative selection", "a bonus never lowers a score".

Penulis ruleset dapat memeriksa aturannya dengan menyatakan sifat yang harus berlaku
untuk *setiap* edisi, lalu membiarkan hypothesis mencari edisi yang melanggarnya.

This module needs hypothesis, which is not a dependency of the library itself::

    pip install "inovasi-rules[testing]"

Two kinds of strategy:

* :func:`editions` draws an :class:`~inovasi_rules.edition.Edition` that fits a given
  ruleset: submissions whose categories, participant kinds, groups, provinces (waves),
  statuses, dates and extra fields are the values the ruleset's own rules name (plus
  some outside them, so that rules have something to reject), judges, their scores
  on every criterion of every scored stage, and field-verification verdicts. The scores are on the rubric's scale and every id refers to something that
  exists, so :func:`~inovasi_rules.evaluate` never rejects the data; whether a
  submission is *eligible* is for the ruleset to decide.
* :func:`rulesets` draws a small valid :class:`~inovasi_rules.model.Ruleset`; it
  passes every check (schema and semantics). The building blocks (:func:`labels`,
  :func:`conditions`, :func:`rubrics`, :func:`selections` ...) are public too, so a
  test can draw just the part it needs. This is for code that must work with *any*
  ruleset (a host system's import, a report), and for the library's own tests.

Example: a regency adds a rule of its own to the Sukoharjo ruleset and checks that it
works, whatever the entries and the scores (this file is
``tests/test_testing_example.py`` in the repository, run by the test suite):

.. code-block:: python

    from hypothesis import given, settings

    from inovasi_rules import evaluate, load_ruleset
    from inovasi_rules.testing import editions

    # Ruleset bawaan Kabupaten Sukoharjo 2023: hanya peserta dari kabupaten itu.
    # Sukoharjo Regency's bundled 2023 ruleset: only entrants from the regency.
    RULESET = load_ruleset("kipp-sukoharjo-2023")


    @settings(max_examples=50, deadline=None)
    @given(edition=editions(RULESET, max_submissions=15))
    def test_no_entry_from_outside_sukoharjo_ever_wins(edition):
        result = evaluate(RULESET, edition)
        for award, _name in result.awards:
            for winner in result.winners(award):
                entry = edition.submission_by_id()[winner]
                assert entry.participant.regency == "sukoharjo"


    @settings(max_examples=50, deadline=None)
    @given(edition=editions(RULESET, max_submissions=15))
    def test_every_winner_passed_the_administrative_selection(edition):
        result = evaluate(RULESET, edition)
        for award, _name in result.awards:
            for winner in result.winners(award):
                assert "administrasi" in result.submission(winner).passed

When a property fails, hypothesis prints the smallest edition it found that breaks
it; ``inovasi_rules.write_edition(edition, "gagal/")`` saves it as CSV files to look
at, and ``inovasi-rules explain`` tells each submission's story.

Values that the ruleset does not name (the regencies above, when no rule names one)
come from small built-in lists; give your own with ``fields``::

    editions(ruleset, fields={"participant.regency": st.sampled_from(["sukoharjo", "klaten"])})
"""

from __future__ import annotations

import datetime
import functools
import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

try:
    from hypothesis import strategies as st
except ImportError as _exc:  # pragma: no cover - exercised by a test that hides hypothesis
    raise ImportError(
        "inovasi_rules.testing memerlukan hypothesis; pasang dengan "
        "pip install 'inovasi-rules[testing]' / inovasi_rules.testing needs hypothesis; "
        "install it with pip install 'inovasi-rules[testing]'"
    ) from _exc

from . import model as m
from .edition import JUDGE_FIELDS, MISSING, SUBMISSION_FIELDS, Edition
from .edition.instants import wib_day
from .model import Ruleset

__all__ = [
    "FIELD_PATHS",
    "NUMERIC_PARAMS",
    "conditions",
    "criteria",
    "describe_edition",
    "editions",
    "eligibility_rules",
    "ids",
    "labels",
    "parameters",
    "rubrics",
    "rulesets",
    "selections",
    "texts",
]

# ========================================================================= rulesets

#: Submission fields the conditions of :func:`rulesets` may name (none of them a
#: vocabulary field such as ``category``, whose values the checks compare with the
#: ruleset's own lists).
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
#: Numeric parameters every ruleset drawn by :func:`rulesets` has.
NUMERIC_PARAMS = ("top_n", "bonus")
_DATE_PARAM = "reference_date"
_DATE_FIELDS = ("registered", "innovation.started")
_TABLE_PARAM = "focus"
_LIST_PARAM = "issues"

# ------------------------------------------------------------------------- scalars

#: Words as a non-programmer writes them: letters (any script), digits, punctuation,
#: symbols and spaces, including text that looks like a number, a date or ``true``.
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
_paths = st.sampled_from(FIELD_PATHS)
_dates = st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31))
_decimals = st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("1000"), places=2, allow_nan=False
)
_scalars = st.one_of(texts, st.integers(-1000, 1000), _decimals, st.booleans(), _dates)


_LABELS = st.builds(m.Label, texts, st.none() | texts)
_OPT_LABELS = st.none() | _LABELS
_BOOL = st.booleans()


def labels() -> st.SearchStrategy[m.Label]:
    """A bilingual label, sometimes Indonesian only."""
    return _LABELS


# Strategies are built once and reused: building one inside a draw costs more than
# drawing from it.
@functools.cache
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
        "bonus": draw(_decimals),
        _DATE_PARAM: draw(_dates),
        _LIST_PARAM: tuple(draw(st.lists(texts, min_size=1, max_size=3))),
        _TABLE_PARAM: {
            k: tuple(v)
            for k, v in draw(
                st.dictionaries(_table_keys, st.lists(texts, max_size=3), min_size=1, max_size=3)
            ).items()
        },
    }
    extra_values = st.one_of(
        _scalars,
        st.lists(_scalars, max_size=3).map(tuple),
        st.dictionaries(_table_keys, _scalars, max_size=3),
    )
    for name, value in draw(st.dictionaries(_names, extra_values, max_size=3)).items():
        params.setdefault(f"x_{name}", value)
    return params


_number_refs = st.sampled_from(NUMERIC_PARAMS).map(m.Param)
_count_refs = st.just(m.Param("top_n"))

# ------------------------------------------------------------------------- conditions


@functools.cache
def _field_compare() -> st.SearchStrategy[m.Compare]:
    subject = _paths.map(m.Field)
    lookup = st.builds(
        m.Lookup,
        st.just(_TABLE_PARAM),
        _paths,
        st.none() | st.just(m.Param(_LIST_PARAM)) | st.lists(texts, max_size=2).map(tuple),
    )
    listish = st.one_of(
        st.lists(_scalars, min_size=1, max_size=3).map(tuple),
        st.just(m.Param(_LIST_PARAM)),
        lookup,
    )
    numberish = st.one_of(
        _decimals, st.integers(-10, 10), _paths.map(m.Field), _dates
    )
    # a parameter compared with a date field is a date (the loader checks it)
    number_param = _paths.flatmap(
        lambda path: st.tuples(
            st.just(m.Field(path)),
            st.just(m.Param(_DATE_PARAM)) if path in _DATE_FIELDS else _number_refs,
        )
    )

    def between(pair: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
        return (min(pair), max(pair))

    return st.one_of(
        st.builds(m.Compare, subject, st.sampled_from(["equals", "not_equals"]), _scalars),
        st.builds(m.Compare, subject, st.sampled_from(["in", "not_in"]), listish),
        st.builds(
            m.Compare,
            subject,
            st.sampled_from(["at_least", "at_most", "greater_than", "less_than"]),
            numberish,
        ),
        st.builds(
            lambda pair, op: m.Compare(pair[0], op, pair[1]),
            number_param,
            st.sampled_from(["at_least", "at_most", "greater_than", "less_than"]),
        ),
        st.builds(
            m.Compare, subject, st.just("between"), st.tuples(_decimals, _decimals).map(between)
        ),
        st.builds(m.Compare, subject, st.just("contains"), _scalars),
        st.builds(m.Compare, subject, st.just("exists"), st.booleans()),
    )


@functools.cache
def _since_compare() -> st.SearchStrategy[m.Compare]:
    as_of = st.none() | st.just(m.Param(_DATE_PARAM)) | _dates
    subject = st.builds(m.Since, _paths, st.sampled_from(["years", "months", "days"]), as_of)
    return st.builds(
        m.Compare,
        subject,
        st.sampled_from(["at_least", "at_most", "greater_than", "less_than", "equals"]),
        st.integers(0, 20) | _number_refs,
    )


@functools.cache
def _count_compare() -> st.SearchStrategy[m.Compare]:
    subject = st.builds(m.Count, _paths, st.none() | texts)
    return st.builds(
        m.Compare, subject, st.sampled_from(["at_least", "at_most", "equals"]), st.integers(0, 5)
    )


@functools.cache
def _call() -> st.SearchStrategy[m.Compare]:
    args = st.dictionaries(_names, st.one_of(texts, st.integers(-5, 5)), max_size=2)
    return st.builds(m.Compare, st.builds(m.Call, _names, args), st.none())


@functools.cache
def conditions(max_leaves: int = 4, *, calls: bool = True) -> st.SearchStrategy[m.Condition]:
    """A condition tree: comparisons combined with all / any / not.

    :param calls: include ``{call: ...}`` leaves (functions a plugin must contribute
        before the ruleset can be evaluated).
    """
    leaf_kinds = [_field_compare(), _since_compare(), _count_compare()]
    if calls:
        leaf_kinds.append(_call())
    leaves = st.one_of(leaf_kinds)
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
        for _ in range(draw(st.integers(0, 2))):
            by = draw(st.sampled_from(_TIE_BY if scored else (_TIE_BY[0], _TIE_BY[2])))
            if by == "criterion":
                ref = draw(st.sampled_from(_leaves(rubric.criteria)))
            elif by == "stage":
                ref = draw(st.sampled_from(scored))
            else:
                ref = draw(_paths)
            tie_break.append(m.TieBreak(by, ref, draw(st.sampled_from(_ORDERS))))
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
    if draw(_BOOL):
        stages.append(
            m.Stage(
                stage_ids.pop(),
                "verification",
                missing_verdict=draw(st.sampled_from(["confirm", "drop", "flag"])),
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
            draw(st.integers(0, 6)), draw(st.sampled_from(["half_up", "half_even", "down"]))
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


# ========================================================================= editions

_SCORED = ("assessment", "presentation")
_BUILT_IN = frozenset(SUBMISSION_FIELDS)
#: Fields the engine derives from the ruleset's waves; never drawn when there are waves.
_WAVE_FIELDS = ("wave", "wave.name", "wave.opens", "wave.closes")
#: Values used for a field when the ruleset names none (or in addition, as entries the
#: ruleset's rules may reject).
_DEFAULTS: Mapping[str, tuple[str, ...]] = {
    "participant.kind": ("perangkat_daerah", "upt", "bumd"),
    "participant.agency": ("Dinas Kesehatan", "Dinas Pendidikan", "Bappeda", "Kecamatan Kota"),
    "participant.province": ("jateng", "jatim", "diy"),
    "participant.regency": ("sukoharjo", "klaten", "boyolali"),
    "innovation.status": ("rintisan", "berjalan", "selesai"),
    "innovation.previous_awards": ("top-99", "top-45"),
}
#: A value no ruleset is expected to list ("other").
_OTHER = "lainnya"
#: Text fields that always get a value drawn (others only when a rule names them).
_ALWAYS = (
    "participant.kind",
    "participant.agency",
    "participant.province",
    "participant.regency",
    "innovation.status",
)
_VERDICTS = st.none() | st.sampled_from(("confirmed", "dropped", "terverifikasi", "gugur"))
_AFFILIATIONS = st.sampled_from(("Akademisi", "Praktisi", "Pemerintah daerah", "Media"))
_STEPS = st.sampled_from((1, 10))
_SEEDS = st.integers(0, 2**32 - 1)
_KIND_ORDER = ("list", "date", "number", "bool", "text")


@functools.cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


class _Field:
    """What the ruleset says about one submission field: values it names and the kind
    of value its comparisons expect."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.kinds: set[str] = set()
        #: how many comparisons read the field, and how many of them are ``exists``
        self.reads = 0
        self.exists = 0

    def add(self, value: Any) -> None:
        if isinstance(value, (list, tuple)):
            for v in value:
                self.add(v)
            return
        if isinstance(value, Mapping) or value is None:
            return
        if not any(type(value) is type(v) and value == v for v in self.values):
            self.values.append(value)

    @property
    def kind(self) -> str:
        for k in _KIND_ORDER:
            if k in self.kinds:
                return k
        return "text"


class _Vocabulary:
    """The fields a ruleset's rules read, with the values they name; and the dates
    the ruleset is built around (deadlines, reference dates, waves)."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.r = ruleset
        self.params = ruleset.parameters
        self.fields: dict[str, _Field] = {}
        self.dates: set[datetime.date] = set()
        self.judge_links: dict[str, str] = {}  # judge field -> submission path
        for value in self.params.values():
            if isinstance(value, datetime.date):
                self.dates.add(value)
        for w in ruleset.waves:
            self.dates.update(d for d in (w.opens, w.closes) if d is not None)
            if w.regions:
                self.field(ruleset.wave_by).add(w.regions)
        for kind in ruleset.participant_kinds:
            self.field("participant.kind").add(kind.id)
        for cat in ruleset.categories:
            self.field("category").add(cat.id)
        for grp in ruleset.groups:
            self.field("group").add(grp.id)
        for e in ruleset.eligibility:
            self.condition(e.when)
            self.condition(e.where)
            if e.cap is not None:
                for path in e.cap.per:
                    self.field(path)
                self.condition(e.cap.where)
        for s in ruleset.stages:
            for a in s.adjustments:
                self.condition(a.when)
            for c in s.judges.conflicts:
                self.field(c.submission)
                self.judge_links[c.judge] = c.submission
            for tb in s.tie_break:
                if tb.by == "field":
                    self.field(tb.ref)
            self.selection(s.advance)
        for aw in ruleset.awards:
            self.condition(aw.where)
            self.selection(aw.rank)
        if not self.dates:
            self.dates.add(datetime.date(ruleset.year or 2023, 12, 31))

    def field(self, path: str) -> _Field:
        found = self.fields.get(path)
        if found is None:
            found = self.fields[path] = _Field()
        return found

    def resolve(self, value: Any) -> Any:
        return self.params.get(value.name) if isinstance(value, m.Param) else value

    def selection(self, sel: m.Selection | None) -> None:
        if sel is None:
            return
        if sel.per is not None:
            f = self.field(sel.per)
            if sel.seats:
                f.add(list(sel.seats))
        if sel.apportion is not None:
            self.field(sel.apportion.by)

    def condition(self, cond: m.Condition | None) -> None:
        if cond is None:
            return
        if isinstance(cond, (m.AllOf, m.AnyOf)):
            for c in cond.conditions:
                self.condition(c)
            return
        if isinstance(cond, m.Not):
            self.condition(cond.condition)
            return
        self.compare(cond)

    def note_value(self, f: _Field, value: Any) -> None:
        """Record a literal compared with the field, and what kind of value it is."""
        if isinstance(value, bool):
            f.kinds.add("bool")
        elif isinstance(value, datetime.date):
            f.kinds.add("date")
            self.dates.add(value)
        elif isinstance(value, (int, Decimal)):
            f.kinds.add("number")
        f.add(value)

    def compare(self, cond: m.Compare) -> None:
        subject, op = cond.subject, cond.op
        value = self.resolve(cond.value)
        if isinstance(subject, m.Field):
            read = self.field(subject.path)
            read.reads += 1
            read.exists += op == "exists"
        if isinstance(subject, m.Since):
            self.field(subject.path).kinds.add("date")
            as_of = self.resolve(subject.as_of)
            if isinstance(as_of, datetime.date):
                self.dates.add(as_of)
            return
        if isinstance(subject, m.Count):
            f = self.field(subject.path)
            f.kinds.add("list")
            f.add(self.resolve(subject.equals))
            return
        if isinstance(subject, m.Call):
            return
        f = self.field(subject.path)
        if isinstance(value, m.Field):
            other = self.field(value.path)
            if value.path.startswith("wave.") or other.kind == "date":
                f.kinds.add("date")
            return
        if isinstance(value, m.Lookup):
            table = self.params.get(value.table)
            if isinstance(table, Mapping):
                self.field(value.key).add(list(table))
                for items in table.values():
                    f.add(items)
            default = self.resolve(value.default)
            if not isinstance(default, m.Field):
                f.add(default)
            return
        if op == "contains":
            f.kinds.add("list")
            f.add(value)
        elif op in ("at_least", "at_most", "greater_than", "less_than"):
            self.note_value(f, value)
        elif op == "between":
            for v in value or ():
                self.note_value(f, v)
        elif op in ("in", "not_in"):
            for v in value if isinstance(value, (tuple, list)) else (value,):
                self.note_value(f, self.resolve(v))
        elif op in ("equals", "not_equals"):
            self.note_value(f, value)
        # exists: the field is recorded, its kind is unknown


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _mostly(named: Sequence[Any], others: Sequence[Any]) -> st.SearchStrategy[Any]:
    """A value the ruleset names, or (about one time in 8) one of ``others``.

    One draw from a weighted list: cheaper than choosing a branch first, and it
    shrinks towards the first value the ruleset names.
    """
    if not named or not others:
        return st.sampled_from(list(named) or list(others))
    weight = max(1, (7 * len(others)) // len(named))
    return st.sampled_from([*list(named) * weight, *others])


def _text_candidates(path: str, info: _Field | None) -> tuple[list[Any], list[Any]]:
    """(values the ruleset names, values outside them) for a text field."""
    named = [v for v in (info.values if info else []) if not isinstance(v, bool)]
    defaults = [v for v in _DEFAULTS.get(path, ()) if v not in named]
    if not named:
        name = path.rsplit(".", 1)[-1]
        return defaults or [f"{name}-1", f"{name}-2"], [_OTHER]
    return named, [*defaults[:2], _OTHER]


class _Plan:
    """How to draw each submission field for one ruleset."""

    def __init__(
        self,
        ruleset: Ruleset,
        fields: Mapping[str, st.SearchStrategy[Any]],
        missing: bool,
    ) -> None:
        self.v = _Vocabulary(ruleset)
        self.refs = sorted({wib_day(d) for d in self.v.dates})  # a deadline with its hour: its day
        self.missing = missing
        paths = dict.fromkeys(
            [*_ALWAYS, "registered", "innovation.started", "innovation.previous_awards"]
        )
        if ruleset.categories or "category" in self.v.fields:
            paths["category"] = None
        if ruleset.groups or "group" in self.v.fields:
            paths["group"] = None
        paths.update(dict.fromkeys(self.v.fields))
        for p in ("id", "title", *(_WAVE_FIELDS if ruleset.waves else ())):
            paths.pop(p, None)
        self.strategies: dict[str, st.SearchStrategy[Any]] = {}
        for path in paths:
            self.strategies[path] = self.strategy(path)
        #: fields the rules only ask the presence of: absent one time in four
        self.sparse = frozenset(
            p
            for p, info in self.v.fields.items()
            if missing and p in self.strategies and p not in fields and info.reads == info.exists > 0
        )
        #: fields that may be left empty (never those the caller gave a strategy for)
        self.optional = frozenset(self.strategies) - set(fields) if missing else frozenset()
        for path, strategy in fields.items():
            self.strategies[path] = strategy
        self.strategies.pop("id", None)
        self.title = self.strategies.pop("title", None)

    def dates_near(self, before: int, after: int) -> st.SearchStrategy[datetime.date]:
        return st.builds(
            lambda ref, d: ref + datetime.timedelta(days=d),
            st.sampled_from(self.refs),
            st.integers(-before, after),
        )

    def started(self) -> st.SearchStrategy[datetime.date]:
        """A start some whole years before a reference date, give or take a few days
        (so a rule's boundary is hit), or anywhere in the year around it."""
        return st.builds(
            lambda ref, years, d: _years_before(ref, years) + datetime.timedelta(days=d),
            st.sampled_from(self.refs),
            st.integers(0, 6),
            st.integers(-2, 2) | st.integers(-365, 365),
        )

    def numbers(self, info: _Field) -> st.SearchStrategy[Decimal]:
        near: list[Decimal] = []
        for v in info.values:
            if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                d = Decimal(v)
                near.extend([d - 1, d, d + 1])
        plain = st.integers(0, 10).map(Decimal)
        return st.sampled_from(near) | plain if near else plain

    def strategy(self, path: str) -> st.SearchStrategy[Any]:
        info = self.v.fields.get(path)
        if path == "registered":
            return self.dates_near(120, 30)
        if path == "innovation.started":
            return self.started()
        if path == "withdrawn":
            return _mostly([False], [True])
        if path == "innovation.previous_awards" or (path not in _BUILT_IN and info and info.kind == "list"):
            named = [v for v in (info.values if info else []) if not isinstance(v, bool)]
            items = list(dict.fromkeys([*named, *_DEFAULTS.get(path, ())])) or [f"{path}-1"]
            some = st.lists(st.sampled_from(items), min_size=1, max_size=3).map(tuple)
            # the same item twice or three times (a count reaches its limit)
            repeated = st.tuples(st.sampled_from(items), st.integers(2, 3)).map(
                lambda t: (t[0],) * t[1]
            )
            # most innovations have no earlier award: half the time, an empty list
            return st.just(()) | some | st.just(()) | repeated
        kind = info.kind if info is not None else "text"
        if path not in _BUILT_IN:
            if kind == "date":
                return self.dates_near(365 * 3, 60)
            if kind == "number":
                assert info is not None
                return self.numbers(info)
            if kind == "bool":
                assert info is not None
                named_bools = [v for v in info.values if isinstance(v, bool)]
                return _mostly(named_bools, [not v for v in named_bools[:1]] or [True, False])
        named, others = _text_candidates(path, info)
        return _mostly(named, others)


def _judge_count(ruleset: Ruleset, judges: int | tuple[int, int] | None) -> st.SearchStrategy[int]:
    if isinstance(judges, int):
        return st.just(judges)
    if isinstance(judges, tuple):
        return st.integers(judges[0], judges[1])
    need = max((s.judges.min for s in ruleset.stages if s.kind in _SCORED), default=1)
    return st.integers(need, need + 2)


def _score_range(scale: m.Scale, step: int) -> tuple[int, int]:
    """The scale in units of ``1/step`` points: whole points (1) or tenths (10)."""
    lo, hi = scale.min * step, scale.max * step
    return int(-(-lo // 1)), int(hi // 1)


def _check_arguments(
    min_submissions: int,
    max_submissions: int,
    judges: int | tuple[int, int] | None,
    scores: str,
) -> None:
    if min_submissions < 0 or max_submissions < min_submissions:
        raise ValueError(
            f"need 0 <= min_submissions <= max_submissions, got {min_submissions} and "
            f"{max_submissions} / jumlah pengajuan tidak valid"
        )
    if isinstance(judges, int) and judges < 0:
        raise ValueError(f"judges must be at least 0, got {judges} / jumlah juri tidak valid")
    if isinstance(judges, tuple) and not (len(judges) == 2 and 0 <= judges[0] <= judges[1]):
        raise ValueError(f"judges must be (fewest, most), got {judges!r} / jumlah juri tidak valid")
    if scores not in ("all", "reached"):
        raise ValueError(f"scores must be 'all' or 'reached', got {scores!r} / pilihan nilai tidak valid")


def editions(
    ruleset: Ruleset,
    *,
    min_submissions: int = 1,
    max_submissions: int = 12,
    judges: int | tuple[int, int] | None = None,
    scores: Literal["all", "reached"] = "all",
    gaps: bool = False,
    missing: bool = True,
    verdicts: bool = True,
    fields: Mapping[str, st.SearchStrategy[Any]] | None = None,
    plugins: Iterable[Any] = (),
    edition_id: str = "contoh",
) -> st.SearchStrategy[Edition]:
    """Editions that fit ``ruleset``: submissions, judges, scores and verdicts.

    Submissions (ids ``S001``, ``S002`` ...) get a value for every field the
    ruleset's rules read, its eligibility rules, caps, bonuses, award filters,
    conflicts of interest, tie-breaks and quotas (extra fields such as
    ``proposal_complete`` or ``sdgs`` included), plus the participant's kind, agency,
    province and regency, the innovation's status, start and earlier awards, and the
    registration date. Values are mostly those the ruleset names (its categories,
    participant kinds, groups, the regions of its waves, the values its conditions
    compare with, the keys of its lookup tables) and sometimes others, so each rule
    both admits and rejects entries. Dates lie around the ruleset's own dates
    (deadlines, wave windows, reference dates), some exactly on a boundary; a start
    date is a whole number of years before one of them, give or take a few days.
    Agencies come from a short list, so caps per agency are reached; about one
    submission in six copies an earlier one (the same agency and facts, with an id
    and a registration date of its own, and half the time the same title). A few
    submissions are withdrawn.

    Judges (``J01`` ...) have an agency and a province from the same lists as the
    submissions, so conflicts of interest happen. At every scored stage a panel of
    judges (at least the stage's ``judges.min`` when there are that many) scores every
    leaf criterion of the stage's rubric. The scores of a stage come from a small
    palette of values on the rubric's scale, whole points or tenths, so equal totals
    and ties at a cut-off are common; which judge gives which value is decided by a
    random generator that hypothesis seeds, so large editions stay fast (and shrink
    to "everyone scored the same", then to fewer entries).
    Verification stages get a verdict (confirmed, dropped, or none recorded) per
    submission.

    :param ruleset: the ruleset the editions are for (loaded, with its parents).
    :param min_submissions: fewest submissions.
    :param max_submissions: most submissions (keep it small: a property is usually
        broken by a handful of entries, and hypothesis then shrinks to fewer).
    :param judges: how many judges: a number, ``(fewest, most)``, or ``None`` for
        between the largest ``judges.min`` of the scored stages and two more.
    :param scores: ``"all"`` (the default): every submission is scored at every
        scored stage, as if everyone reached it; the engine uses the scores of those
        who did and reports the rest in a finding (``unused-scores``). Fast.
        ``"reached"``: only the submissions that reach a stage are scored there, as in
        a real edition; found by evaluating the edition stage by stage (slower: one
        evaluation per scored or verification stage).
    :param gaps: when true, some judges skip a submission or a criterion, so some
        entries have too few complete scores.
    :param missing: when true (the default), about one value in 32 is left empty, as
        happens in real spreadsheets (a rule that needs it then fails with "data
        missing"), and a field the rules only test with ``exists`` is absent one time
        in four. When false, every field has a value.
    :param verdicts: draw verification verdicts (otherwise none is recorded).
    :param fields: a strategy per submission field path (``participant.regency``, an
        extra column ...) to use instead of the built-in one; a drawn ``None`` leaves
        the field empty.
    :param plugins: plugin objects for the evaluations of ``scores="reached"``.
    :param edition_id: the editions' id (it seeds the tie-break lottery).

    >>> from hypothesis import given, settings
    >>> from inovasi_rules import evaluate, load_ruleset
    >>> from inovasi_rules.testing import editions
    >>> ruleset = load_ruleset("kipp-sukoharjo-2023")
    >>> @settings(max_examples=10, deadline=None)
    ... @given(edition=editions(ruleset, max_submissions=8))
    ... def test_everyone_gets_a_result(edition):
    ...     assert len(evaluate(ruleset, edition)) == len(edition.submissions)
    >>> test_everyone_gets_a_result()
    """
    _check_arguments(min_submissions, max_submissions, judges, scores)
    plan = _Plan(ruleset, dict(fields or {}), missing)
    plugin_list = list(plugins)
    n_judges = _judge_count(ruleset, judges)

    @st.composite
    def build(draw: st.DrawFn) -> Edition:
        n = draw(_ints(min_submissions, max_submissions))
        subs: list[dict[str, Any]] = []
        for _ in range(n):
            subs.append(_draw_submission(draw, plan, subs))
        judge_rows = _draw_judges(draw, plan, draw(n_judges))
        ids_all = [s["id"] for s in subs]
        score_rows: list[dict[str, Any]] = []
        verdict_rows: list[dict[str, Any]] = []

        def current() -> Edition:
            return Edition.from_records(
                id=edition_id,
                ruleset=ruleset.id,
                submissions=subs,
                judges=judge_rows,
                scores=score_rows,
                verdicts=verdict_rows,
            )

        for stage in ruleset.stages:
            if stage.kind in _SCORED and stage.rubric is not None:
                who = ids_all if scores == "all" else _reached(ruleset, current(), stage.id, plugin_list)
                score_rows.extend(_draw_scores(draw, ruleset, stage, who, judge_rows, gaps))
            elif stage.kind == "verification" and verdicts:
                who = ids_all if scores == "all" else _reached(ruleset, current(), stage.id, plugin_list)
                for sid in who:
                    word = draw(_VERDICTS)
                    if word is not None:
                        verdict_rows.append({"submission_id": sid, "stage": stage.id, "verdict": word})
        return current()

    return build()


def _reached(ruleset: Ruleset, edition: Edition, stage_id: str, plugins: list[Any]) -> list[str]:
    from .evaluation import evaluate

    result = evaluate(ruleset, edition, plugins=plugins)
    return [s.id for s in result.submissions if s.stage(stage_id) is not None]


def _draw_submission(
    draw: st.DrawFn, plan: _Plan, earlier: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    i = len(earlier)
    sid = f"S{i + 1:03d}"
    if i and draw(_ints(0, 5)) == 5:
        # an earlier entry again: the same agency and facts, with an id and a
        # registration date of its own, and the same title or (half the time) a new one
        # (so both duplicate titles and caps per agency are reached)
        again = dict(earlier[draw(_ints(0, i - 1))], id=sid)
        if plan.title is None and draw(_BOOL):
            again["title"] = f"Inovasi {i + 1}"
        if "registered" in plan.strategies:
            again.pop("registered", None)
            registered = draw(plan.strategies["registered"])
            if registered is not None:
                again["registered"] = registered
        return again
    record: dict[str, Any] = {"id": sid}
    record["title"] = draw(plan.title) if plan.title is not None else f"Inovasi {i + 1}"
    # one submission in four may have empty cells: each optional one with chance 1/8
    optional = plan.optional if plan.optional and draw(_ints(0, 3)) == 3 else frozenset()
    for path, strategy in plan.strategies.items():
        if path in optional and draw(_ints(0, 7)) == 7:
            continue  # left empty, as in a real spreadsheet
        if path in plan.sparse and draw(_ints(0, 3)) == 3:
            continue  # a rule asks whether it is there: sometimes it is not
        value = draw(strategy)
        if value is not None:
            record[path] = value
    if "withdrawn" not in plan.strategies and draw(_ints(0, 29)) == 29:
        record["withdrawn"] = True
    return record


def _draw_judges(draw: st.DrawFn, plan: _Plan, n: int) -> list[dict[str, Any]]:
    agencies = plan.strategies.get("participant.agency")
    provinces = plan.strategies.get("participant.province")
    out = []
    for i in range(n):
        row: dict[str, Any] = {
            "id": f"J{i + 1:02d}",
            "name": f"Juri {i + 1}",
            "affiliation": draw(_AFFILIATIONS),
        }
        if agencies is not None:
            row["agency"] = draw(agencies)
        if provinces is not None:
            row["province"] = draw(provinces)
        for judge_field, sub_path in plan.v.judge_links.items():
            if judge_field == "id":
                continue
            strategy = plan.strategies.get(sub_path)
            value = draw(strategy if strategy is not None else plan.strategy(sub_path))
            if judge_field in JUDGE_FIELDS:
                row[judge_field] = value
            elif value is not None:
                row.setdefault("extra", {})[judge_field] = value
        out.append({k: v for k, v in row.items() if v is not None})
    return out


def _draw_scores(
    draw: st.DrawFn,
    ruleset: Ruleset,
    stage: m.Stage,
    who: Sequence[str],
    judges: Sequence[Mapping[str, Any]],
    gaps: bool,
) -> list[dict[str, Any]]:
    """Score rows for one stage.

    Hypothesis draws the stage's palette: one to eight values on the rubric's scale,
    in whole points or tenths (so equal scores, and tied totals, are common; a
    shrunk example has a single value, and every entry ties). A random generator
    seeded by one more draw then gives each judge's score on each criterion from the
    palette, so a large edition needs a handful of draws, not one per score.
    """
    assert stage.rubric is not None
    rubric = ruleset.rubric(stage.rubric)
    leaves = rubric.leaves()
    ids_ = [str(j["id"]) for j in judges]
    if not ids_ or not who:
        return []
    step = draw(_STEPS)
    lo, hi = _score_range(rubric.scale, step)
    if lo > hi:  # a scale narrower than a tenth
        palette = [rubric.scale.min]
    else:
        points = st.integers(lo, hi).map(lambda k: Decimal(k) / step)
        palette = draw(st.lists(points, min_size=1, max_size=8, unique=True))
    fewest = min(len(ids_), max(stage.judges.min, 1))
    panel = sorted(draw(st.permutations(ids_))[: draw(_ints(fewest, len(ids_)))])
    rng = random.Random(draw(_SEEDS))
    rows = []
    for sid in who:
        for judge in panel:
            if gaps and rng.random() < 0.1:
                continue  # this judge did not score this submission
            skip = rng.choice(leaves) if gaps and rng.random() < 0.1 else None
            for crit in leaves:
                if crit != skip:
                    rows.append(
                        {
                            "submission_id": sid,
                            "stage": stage.id,
                            "judge_id": judge,
                            "criterion": crit,
                            "score": rng.choice(palette),
                        }
                    )
    return rows


# ========================================================================= printing


def _show(value: Any) -> str:
    if isinstance(value, (datetime.date, Decimal)):
        return str(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(value)


def describe_edition(edition: Edition) -> str:
    """A short text of an edition, one line per submission, judge and stage: how a
    falsifying example is shown when a property fails.

    Hypothesis would otherwise print every field of every score (tens of kilobytes
    for a dozen entries). Importing this module registers it as hypothesis's printer
    for :class:`~inovasi_rules.edition.Edition`; ``write_edition(edition, folder)``
    gives the whole edition as files.
    """
    lines = [f"Edition(id={edition.id!r}, ruleset={edition.ruleset!r},"]
    lines.append(f"  submissions=<{len(edition.submissions)}>:")
    for sub in edition.submissions:
        values = [
            f"{k}={_show(sub.get(k))}"
            for k in SUBMISSION_FIELDS[1:]
            if sub.get(k) is not MISSING and not (k == "withdrawn" and not sub.withdrawn)
        ]
        values += [f"{k}={_show(v)}" for k, v in sorted(sub.extra.items())]
        lines.append(f"    {sub.id}: " + ", ".join(values))
    lines.append(f"  judges=<{len(edition.judges)}>:")
    for j in edition.judges:
        values = [f"{k}={_show(j.get(k))}" for k in JUDGE_FIELDS[1:] if j.get(k) is not MISSING]
        values += [f"{k}={_show(v)}" for k, v in sorted(j.extra.items())]
        lines.append(f"    {j.id}: " + ", ".join(values))
    lines.append(f"  scores=<{len(edition.scores)}>:")
    by_stage: dict[str, dict[str, list[Decimal]]] = {}
    for sc in edition.scores:
        by_stage.setdefault(sc.stage, {}).setdefault(sc.submission, []).append(sc.value)
    for stage, subs in by_stage.items():
        shown = ", ".join(
            f"{sid} {min(v)}..{max(v)}" if min(v) != max(v) else f"{sid} {v[0]}"
            for sid, v in subs.items()
        )
        lines.append(f"    {stage} (lowest..highest score per submission): {shown}")
    if edition.verdicts:
        shown = ", ".join(f"{v.submission}@{v.stage}={v.verdict}" for v in edition.verdicts)
        lines.append(f"  verdicts: {shown}")
    lines.append(")")
    return "\n".join(lines)


def _pretty_edition(edition: Edition, printer: Any, cycle: bool) -> None:
    first, *rest = describe_edition(edition).split("\n")
    printer.text(first)
    for line in rest:
        printer.break_()
        printer.text(line)


def _register_printer() -> None:
    try:
        from hypothesis.vendor import pretty
    except ImportError:  # pragma: no cover - a hypothesis without the printer registry
        return
    pretty.for_type_by_name("inovasi_rules.edition.model", "Edition", _pretty_edition)


_register_printer()
