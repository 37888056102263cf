"""The small parts of a drawn ruleset: texts, ids, labels, parameters and conditions."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ..ruleset import model as m

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
