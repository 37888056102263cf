"""The condition language: compiled once, evaluated per submission, always explained.

A condition is data (see :mod:`inovasi_rules.ruleset.model`). In YAML:

.. code-block:: yaml

    # a field compared with a value
    when: {field: innovation.status, in: [rintisan, berjalan, selesai]}
    # time since a date field, in whole years (or months_since, days_since)
    when: {years_since: innovation.started, as_of: {param: registration_closes}, at_least: 2}
    # how many items of a list field (optionally only those equal to a value)
    when: {count: {field: innovation.previous_awards, equals: top-99}, at_most: 1}
    # a value looked up in a mapping parameter by a field, with a default
    when: {field: category, in: {lookup: focus, key: participant.province, default: {param: issues}}}
    # another field as the value
    when: {field: registered, at_most: {field: wave.closes}}
    # combinations
    when: {all: [{...}, {...}]}      # and
    when: {any: [{...}, {...}]}      # or
    when: {not: {...}}
    # a function contributed by a plugin
    when: {call: in_agency_register, args: {register: opd-2023}}

Comparisons: ``equals``, ``not_equals``, ``in``, ``not_in``, ``at_least``,
``at_most``, ``greater_than``, ``less_than``, ``between: [low, high]`` (inclusive),
``contains`` (a list field contains a value, or any of a list of values) and
``exists: true|false``.

Evaluating gives an :class:`Outcome`: ``True``, ``False`` or ``None`` when data is
missing. A missing field never counts as zero or false: the outcome is ``None`` and
names the field. ``all`` is false as soon as one part is false (missing data elsewhere
does not matter then), true when every part is true, and otherwise missing; ``any``
is its mirror image. Every outcome carries a bilingual explanation with the values it
saw, e.g. "innovation.started 2022-03-01: 1 tahun 9 bulan sebelum 2023-12-31, kurang
dari 2 tahun".

The language cannot run code, read files or loop: evaluation time is linear in the
size of the condition.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

import attrs

from ..decimals import NumberError, parse_decimal, reads_two_ways
from ..edition import MISSING as _EDITION_MISSING
from ..edition.instants import comparable_times
from ..errors import ConditionError
from ..messages import language, said
from . import model as m
from .model import Label, LazyLabel

__all__ = [
    "MISSING",
    "CompiledCondition",
    "ConditionError",
    "Outcome",
    "Record",
    "compile_condition",
    "describe_condition",
    "elapsed",
]


# The one sentinel for "no value", shared with the edition model.
MISSING: Any = _EDITION_MISSING


class Record(Protocol):
    """Anything conditions can read fields from (a submission, with derived fields)."""

    def get(self, path: str) -> Any:
        """The value at ``path``, or :data:`MISSING`."""


@attrs.frozen
class Outcome:
    """The result of a condition for one record.

    :ivar value: ``True``, ``False``, or ``None`` when data needed was missing.
    :ivar text: what was compared, with the values seen (bilingual).
    :ivar missing: the field paths that were missing.
    """

    value: bool | None
    text: Label
    missing: tuple[str, ...] = ()


CompiledCondition = Callable[[Record], Outcome]
Functions = Mapping[str, Callable[..., Any]]

_PHRASES: dict[str, tuple[str, str, str, str]] = {
    # op: (en when true, en when false, id when true, id when false)
    "equals": ("equals", "does not equal", "sama dengan", "tidak sama dengan"),
    "not_equals": ("does not equal", "equals", "tidak sama dengan", "sama dengan"),
    "in": ("is one of", "is not one of", "termasuk", "tidak termasuk"),
    "not_in": ("is not one of", "is one of", "tidak termasuk", "termasuk"),
    "at_least": ("at least", "less than", "sedikitnya", "kurang dari"),
    "at_most": ("at most", "more than", "paling banyak", "lebih dari"),
    "greater_than": ("more than", "not more than", "lebih dari", "tidak lebih dari"),
    "less_than": ("less than", "not less than", "kurang dari", "tidak kurang dari"),
    "between": ("between", "not between", "di antara", "tidak di antara"),
    "contains": ("contains", "does not contain", "memuat", "tidak memuat"),
    "exists": ("is filled in", "is missing", "terisi", "kosong"),
}
_DATE_PHRASES: dict[str, tuple[str, str, str, str]] = {
    "at_least": ("on or after", "before", "pada atau setelah", "sebelum"),
    "at_most": ("on or before", "after", "pada atau sebelum", "setelah"),
    "greater_than": ("after", "not after", "setelah", "tidak setelah"),
    "less_than": ("before", "not before", "sebelum", "tidak sebelum"),
}
_UNITS = {"years": ("year", "tahun"), "months": ("month", "bulan"), "days": ("day", "hari")}


def _fmt(value: Any, lang_en: bool = False) -> str:
    """A value as an explanation in one language shows it (Indonesian unless
    ``lang_en``): numbers and dates in the language's form."""
    if isinstance(value, (tuple, list, frozenset, set)):
        return "[" + ", ".join(_fmt(v, lang_en) for v in value) + "]"
    if isinstance(value, Decimal):
        return said(value.normalize() if value == value.to_integral() else value)[lang_en]
    if isinstance(value, (int, datetime.date)) and not isinstance(value, bool):
        return said(value)[lang_en]
    return str(value)


def _field_text(path: str, x: Any) -> tuple[str, str]:
    return f"{path} = {_fmt(x)}", f"{path} = {_fmt(x, True)}"


def _count_text(path: str, n: int, target: Any = MISSING) -> tuple[str, str]:
    if target is MISSING:
        return f"{path}: {_fmt(n)} butir", f"{path}: {_fmt(n, True)} items"
    return (f"{path} memuat {_fmt(target)} {_fmt(n)} kali",
            f"{path} holds {_fmt(target, True)} {_fmt(n, True)} time{'s' if n != 1 else ''}")


def _since_text(path: str, start: datetime.date, end: datetime.date, unit: str) -> tuple[str, str]:
    years, months, days = elapsed(start, end)
    if unit == "days":
        idn, en = f"{_fmt(days)} hari", f"{_fmt(days, True)} days"
    else:
        idn = f"{_fmt(years)} tahun {_fmt(months)} bulan"
        en = (f"{_fmt(years, True)} year{'s' if years != 1 else ''} "
              f"{_fmt(months, True)} month{'s' if months != 1 else ''}")
    return (f"{path} {_fmt(start)}: {idn} sebelum {_fmt(end)}",
            f"{path} {_fmt(start, True)}: {en} before {_fmt(end, True)}")


def elapsed(start: datetime.date, end: datetime.date) -> tuple[int, int, int]:
    """Whole years, remaining whole months and total days from ``start`` to ``end``.

    >>> elapsed(datetime.date(2022, 3, 1), datetime.date(2023, 12, 31))
    (1, 9, 670)
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months // 12, months % 12, (end - start).days


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _as_number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        # "nan", "inf" or a number out of bounds in a text column is not a number to
        # compare with; nor is "125.000", which is 125 to the parser and one hundred
        # twenty-five thousand to the Indonesian who wrote it
        if reads_two_ways(value) is not None:
            return None
        try:
            return parse_decimal(value)
        except NumberError:
            return None
    return None


def _coerce_pair(left: Any, right: Any) -> tuple[Any, Any]:
    """Make two operands comparable: numbers with numbers, dates with dates."""
    if isinstance(right, datetime.date) or isinstance(left, datetime.date):
        # a date and time (a registration) against a date: by its day in WIB
        return comparable_times(left, right)
    ln, rn = _as_number(left), _as_number(right)
    if (isinstance(right, (int, Decimal)) and not isinstance(right, bool)) or (
        isinstance(left, (int, Decimal)) and not isinstance(left, bool)
    ):
        return ln, rn
    return left, right


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _norm(value: Any) -> Any:
    """Normalise for equality: numbers as Decimal, other values as they are."""
    n = _as_number(value) if isinstance(value, (int, Decimal)) else None
    return n if n is not None else value


def _compare(op: str, left: Any, right: Any) -> bool | None:
    """Apply ``op``; ``None`` when the operands cannot be compared."""
    if op == "equals":
        if isinstance(left, datetime.datetime) or isinstance(right, datetime.datetime):
            a, b = comparable_times(left, right)
            return a is not None and a == b
        if _is_number(left) or _is_number(right):
            # A number equals the same number written as text (an untyped CSV column
            # holds "5"; a ruleset says `equals: 5`).
            ln, rn = _as_number(left), _as_number(right)
            if ln is not None and rn is not None:
                return ln == rn
        return _norm(left) == _norm(right) if not isinstance(right, str) else str(left) == right
    if op == "not_equals":
        return not _compare("equals", left, right)
    if op in ("in", "not_in"):
        items = right if isinstance(right, (tuple, list, set, frozenset)) else (right,)
        found = any(_compare("equals", left, item) for item in items)
        return found if op == "in" else not found
    if op == "contains":
        items = left if isinstance(left, (tuple, list, set, frozenset)) else (left,)
        wanted = right if isinstance(right, (tuple, list, set, frozenset)) else (right,)
        return any(_compare("equals", item, w) for item in items for w in wanted)
    if op == "between":
        lo, hi = right
        a, b = _coerce_pair(left, lo)
        c, d = _coerce_pair(left, hi)
        if a is None or b is None or c is None or d is None:
            return None
        return bool(b <= a and c <= d)
    a, b = _coerce_pair(left, right)
    if a is None or b is None:
        return None
    try:
        if op == "at_least":
            return bool(a >= b)
        if op == "at_most":
            return bool(a <= b)
        if op == "greater_than":
            return bool(a > b)
        if op == "less_than":
            return bool(a < b)
    except TypeError:
        return None
    raise ConditionError(f"unknown comparison {op!r} / perbandingan {op!r} tidak dikenal")


# --------------------------------------------------------------------------- compile


#: At most this many outcomes are remembered per compiled condition.
_MEMO_LIMIT = 10_000


def _memo_key(x: Any) -> Any:
    """A key under which ``x``'s outcomes may be remembered, or ``None``. Values that are
    equal but written differently (``Decimal("5.5")`` and ``Decimal("5.50")``, ``1`` and
    ``True``) get different keys, since their explanations differ."""
    t = type(x)
    if t is str:
        return x  # (every other key is a tuple)
    if t is bool or t is int or t is datetime.date:
        return (t, x)
    if t is Decimal:
        return (t, str(x))
    if t is tuple and all(type(i) is str for i in x):
        return (t, x)
    return None


def _constant(value: Any) -> bool:
    """Whether an operand is the same for every record (a literal or a parameter)."""
    if isinstance(value, (m.Field, m.Lookup)):
        return False
    if isinstance(value, tuple):
        return all(_constant(v) for v in value)
    return True


def _missing(path: str) -> Outcome:
    return Outcome(
        None,
        Label(f"data tidak ada: {path}", f"data missing: {path}"),
        (path,),
    )


class _Compiler:
    def __init__(self, parameters: Mapping[str, Any], functions: Functions) -> None:
        self.params = parameters
        self.functions = functions

    def param(self, name: str) -> Any:
        if name not in self.params:
            raise ConditionError(f"unknown parameter {name!r} / parameter {name!r} tidak dikenal")
        return self.params[name]

    def operand(self, value: Any) -> Callable[[Record], tuple[Any, str | None]]:
        """A function giving (value, missing field or None) for a record."""
        if isinstance(value, m.Param):
            v = self.param(value.name)
            return lambda r: (v, None)
        if isinstance(value, m.Field):
            path = value.path

            def field(r: Record) -> tuple[Any, str | None]:
                x = r.get(path)
                return (x, path) if x is MISSING else (x, None)

            return field
        if isinstance(value, m.Lookup):
            table = self.param(value.table)
            if not isinstance(table, Mapping):
                raise ConditionError(f"parameter {value.table!r} is not a mapping / parameter {value.table!r} bukan tabel")
            default = self.operand(value.default) if value.default is not None else None
            key = value.key

            def lookup(r: Record) -> tuple[Any, str | None]:
                k = r.get(key)
                if k is MISSING:
                    return MISSING, key
                if k in table:
                    return table[k], None
                if default is None:
                    return MISSING, f"{value.table}[{k}]"
                return default(r)

            return lookup
        if isinstance(value, tuple):
            parts = [self.operand(v) for v in value]

            def seq(r: Record) -> tuple[Any, str | None]:
                out = []
                for p in parts:
                    x, miss = p(r)
                    if miss:
                        return MISSING, miss
                    out.append(x)
                return tuple(out), None

            return seq
        return lambda r: (value, None)

    def compile(self, cond: m.Condition) -> CompiledCondition:
        if isinstance(cond, m.AllOf):
            return self.all_of([self.compile(c) for c in cond.conditions])
        if isinstance(cond, m.AnyOf):
            return self.any_of([self.compile(c) for c in cond.conditions])
        if isinstance(cond, m.Not):
            inner = self.compile(cond.condition)

            def negate(r: Record) -> Outcome:
                o = inner(r)
                if o.value is None:
                    return o
                return Outcome(
                    not o.value,
                    Label(f"bukan ({o.text.id})", f"not ({o.text.en})"),
                    o.missing,
                )

            return negate
        return self.compare(cond)

    def all_of(self, parts: Sequence[CompiledCondition]) -> CompiledCondition:
        def run(r: Record) -> Outcome:
            outs = [p(r) for p in parts]
            false = [o for o in outs if o.value is False]
            if false:
                return _join(False, false)
            missing = [o for o in outs if o.value is None]
            if missing:
                return _join(None, missing)
            return _join(True, outs)

        return run

    def any_of(self, parts: Sequence[CompiledCondition]) -> CompiledCondition:
        def run(r: Record) -> Outcome:
            outs = [p(r) for p in parts]
            true = [o for o in outs if o.value is True]
            if true:
                return _join(True, true[:1])
            missing = [o for o in outs if o.value is None]
            if missing:
                return _join(None, missing)
            return _join(False, outs, any_=True)

        return run

    def subject(self, s: m.Subject) -> Callable[[Record], tuple[Any, Label | None, str | None]]:
        """A function giving (value, how it was obtained, missing path) for a record."""
        if isinstance(s, m.Field):
            path = s.path

            memo: dict[Any, tuple[Any, Label | None, str | None]] = {}

            def field(r: Record) -> tuple[Any, Label | None, str | None]:
                x = r.get(path)
                if x is MISSING:
                    return MISSING, None, path
                k = _memo_key(x)
                if k is not None:
                    found = memo.get(k)
                    if found is not None:
                        return found
                out = (x, LazyLabel(_field_text, path, x), None)
                if k is not None and len(memo) < _MEMO_LIMIT:
                    memo[k] = out
                return out

            return field
        if isinstance(s, m.Count):
            path = s.path
            eq = self.operand(s.equals) if s.equals is not None else None

            def count(r: Record) -> tuple[Any, Label | None, str | None]:
                x = r.get(path)
                # An empty list cell reads as MISSING; for a count it is zero items,
                # and the explanation says so.
                if x is MISSING:
                    x = ()
                items = x if isinstance(x, (tuple, list)) else (x,)
                if eq is not None:
                    target, miss = eq(r)
                    if miss:
                        return MISSING, None, miss
                    n = sum(1 for i in items if _compare("equals", i, target))
                    return n, LazyLabel(_count_text, path, n, target), None
                n = len(items)
                return n, LazyLabel(_count_text, path, n), None

            return count
        if isinstance(s, m.Since):
            path, unit = s.path, s.unit
            as_of = self.operand(s.as_of) if s.as_of is not None else None

            seen: dict[Any, tuple[Any, Label | None, str | None]] = {}
            # with a constant reference date the result depends on the field alone
            fixed_end = as_of is not None and _constant(s.as_of)

            def since(r: Record) -> tuple[Any, Label | None, str | None]:
                x = r.get(path)
                if x is MISSING:
                    return MISSING, None, path
                if as_of is None:
                    return measure(r, x)
                k = _memo_key(x)
                if fixed_end and k is not None:
                    found = seen.get(k)
                    if found is None:
                        found = measure(r, x)
                        if len(seen) < _MEMO_LIMIT:
                            seen[k] = found
                    return found
                ref, miss = as_of(r)
                kr = _memo_key(ref) if not miss else None
                if k is None or kr is None:
                    return measure(r, x)
                found = seen.get((k, kr))
                if found is None:
                    found = measure(r, x)
                    if len(seen) < _MEMO_LIMIT:
                        seen[(k, kr)] = found
                return found

            def measure(r: Record, x: Any) -> tuple[Any, Label | None, str | None]:
                start = _as_date(x)
                if start is None:
                    return MISSING, None, f"{path} (not a date: {x!r})"
                if as_of is None:
                    end = datetime.date.today()
                else:
                    ref, miss = as_of(r)
                    if miss:
                        return MISSING, None, miss
                    end_or_none = _as_date(ref)
                    if end_or_none is None:
                        return MISSING, None, f"as_of (not a date: {ref!r})"
                    end = end_or_none
                years, months, days = elapsed(start, end)
                value = {"years": years, "months": years * 12 + months, "days": days}[unit]
                return value, LazyLabel(_since_text, path, start, end, unit), None

            return since
        fn = self.functions.get(s.name)
        if fn is None:
            known = ", ".join(sorted(self.functions))
            raise ConditionError(
                f"unknown function {s.name!r}; known: {known or 'none'} / fungsi {s.name!r} tidak "
                f"dikenal; yang ada: {known or 'tidak ada'}"
            )
        args = dict(s.args)
        name = s.name

        def call(r: Record) -> tuple[Any, Label | None, str | None]:
            x = fn(r, **args)
            if x is MISSING or x is None:
                return MISSING, None, f"{name}()"
            return x, Label(f"{name}() = {_fmt(x)}", f"{name}() = {_fmt(x, True)}"), None

        return call

    def compare(self, cond: m.Compare) -> CompiledCondition:
        subject = self.subject(cond.subject)
        op = cond.op
        unit = cond.subject.unit if isinstance(cond.subject, m.Since) else None
        if op is None:

            def truthy(r: Record) -> Outcome:
                x, how, miss = subject(r)
                if miss:
                    return _missing(miss)
                assert how is not None
                return Outcome(bool(x), how)

            return truthy
        if op == "exists":
            want = bool(cond.value)

            def exists(r: Record) -> Outcome:
                _x, how, miss = subject(r)
                present = miss is None
                en_t, en_f, id_t, id_f = _PHRASES["exists"]
                path = miss or (how.en if how else "")
                return Outcome(
                    present == want,
                    Label(f"{path} {id_t if present else id_f}", f"{path} {en_t if present else en_f}"),
                )

            return exists
        operand = self.operand(cond.value)
        shown_nothing = object()

        empty_contains = op == "contains" and isinstance(cond.subject, m.Field)
        # The operand is usually the same object for every record (a literal or a
        # parameter): its text is made once, not once per record.
        shown: list[tuple[Any, str, str]] = [(shown_nothing, "", "")]
        # With a constant operand the outcome depends on the subject's value and text
        # only: many records share them (the same kind, the same date), and share one
        # Outcome (immutable) rather than each making the same text again.
        memo: dict[Any, Outcome] | None = {} if _constant(cond.value) else None

        def run(r: Record) -> Outcome:
            x, how, miss = subject(r)
            if memo is None or miss or how is None:
                return decide(r, x, how, miss)
            k = _memo_key(x)
            if k is None:
                return decide(r, x, how, miss)
            # how.id is the text of what the subject saw, made from the same inputs as
            # x: with x's key it fixes the outcome (and hashes faster than the Label)
            found = memo.get((k, how.id))
            if found is None:
                found = decide(r, x, how, miss)
                if len(memo) < _MEMO_LIMIT:
                    memo[(k, how.id)] = found
            return found

        def decide(r: Record, x: Any, how: Label | None, miss: str | None) -> Outcome:
            if miss and empty_contains:
                # An empty list cell reads as MISSING (as for `count`): it holds nothing,
                # so it contains nothing. Otherwise an entry without earlier awards would
                # fail `not: {contains: top-45}` for "data missing".
                y, ymiss = operand(r)
                if ymiss:
                    return _missing(ymiss)
                return Outcome(
                    False,
                    Label(f"{miss} kosong, tidak memuat {_fmt(y)}",
                          f"{miss} is empty, does not contain {_fmt(y, True)}"),
                )
            if miss:
                return _missing(miss)
            y, miss = operand(r)
            if miss:
                return _missing(miss)
            result = _compare(op, x, y)
            assert how is not None
            if result is None:
                return Outcome(
                    None,
                    Label(
                        f"{how.id}: tidak dapat dibandingkan dengan {_fmt(y)}",
                        f"{how.en}: cannot be compared with {_fmt(y, True)}",
                    ),
                    (how.en or how.id,),
                )
            return Outcome(result, LazyLabel(compared, how, result, y))

        def compared(how: Label, result: bool, y: Any) -> tuple[str, str]:
            phrases = _PHRASES[op]
            if isinstance(y, datetime.date) and op in _DATE_PHRASES:
                phrases = _DATE_PHRASES[op]
            en_t, en_f, id_t, id_f = phrases
            last = shown[0]  # (one item, replaced whole: texts may be read in two threads at once)
            if last[0] is y:
                ys_id, ys_en = last[1], last[2]
            else:
                ys_id, ys_en = _fmt(y), _fmt(y, True)
                shown[0] = (y, ys_id, ys_en)
            if unit is not None:
                u_en, u_id = _UNITS[unit]
                y_en = f"{ys_en} {u_en}{'s' if ys_en != '1' else ''}"
                y_id = f"{ys_id} {u_id}"
            else:
                y_id, y_en = ys_id, ys_en
            return (f"{how.id}, {id_t if result else id_f} {y_id}",
                    f"{how.en}, {en_t if result else en_f} {y_en}")

        subj = cond.subject
        if memo is not None and (
            isinstance(subj, m.Field)
            or (isinstance(subj, m.Since) and subj.as_of is not None and _constant(subj.as_of))
            or (isinstance(subj, m.Count) and _constant(subj.equals))
        ):
            # A field (the time since a field's date, to a fixed date; the items of a list
            # field, or those equal to a fixed value) compared with a constant: the
            # outcome depends on the field's value alone, so one look-up finds it.
            path = subj.path
            by_value: dict[Any, Outcome] = {}

            def run_field(r: Record) -> Outcome:
                x = r.get(path)
                # (no value is a value too: its outcome is as fixed as any other's)
                k = _memo_key(x) if x is not MISSING else MISSING
                if k is None:
                    return run(r)
                found = by_value.get(k)
                if found is None:
                    # (not through run's memo, whose key would write the subject's text)
                    found = decide(r, *subject(r))
                    if len(by_value) < _MEMO_LIMIT:
                        by_value[k] = found
                return found

            return run_field
        return run


def _join(value: bool | None, outs: Sequence[Outcome], any_: bool = False) -> Outcome:
    missing: tuple[str, ...] = tuple(p for o in outs for p in o.missing)
    return Outcome(value, LazyLabel(_joined, tuple([o.text for o in outs]), any_), missing)


def _joined(texts: Sequence[Label], any_: bool) -> tuple[str, str]:
    sep_id = "; atau " if any_ else "; "
    sep_en = "; or " if any_ else "; "
    return sep_id.join(t.id for t in texts), sep_en.join(t.en or t.id for t in texts)


def compile_condition(
    cond: m.Condition,
    parameters: Mapping[str, Any] | None = None,
    functions: Functions | None = None,
) -> CompiledCondition:
    """Compile a condition into a function from a record to an :class:`Outcome`.

    :param parameters: the ruleset's parameters (``{param: name}`` is resolved now).
    :param functions: named functions for ``{call: name}`` (from plugins).
    :raises ConditionError: for an unknown parameter or function, or a lookup in a
        parameter that is not a mapping.
    """
    return _Compiler(parameters or {}, functions or {}).compile(cond)


# --------------------------------------------------------------------------- describe


def _describe_value(v: Any, lang: str) -> str:
    if isinstance(v, m.Param):
        return f"{{{v.name}}}"
    if isinstance(v, m.Field):
        return v.path
    if isinstance(v, m.Lookup):
        d = f", {'bawaan' if lang == 'id' else 'default'} {_describe_value(v.default, lang)}" if v.default is not None else ""
        return f"{v.table}[{v.key}]{d}"
    if isinstance(v, tuple):
        return "[" + ", ".join(_describe_value(x, lang) for x in v) + "]"
    return _fmt(v, lang == "en")


def describe_condition(cond: m.Condition, lang: str = "id") -> str:
    """A condition in words, without data: ``innovation.status termasuk [rintisan,
    berjalan]``. Parameters show as ``{name}``."""
    language(lang)
    idx = 2 if lang == "id" else 0
    if isinstance(cond, m.AllOf):
        joiner = " dan " if lang == "id" else " and "
        return "(" + joiner.join(describe_condition(c, lang) for c in cond.conditions) + ")"
    if isinstance(cond, m.AnyOf):
        joiner = " atau " if lang == "id" else " or "
        return "(" + joiner.join(describe_condition(c, lang) for c in cond.conditions) + ")"
    if isinstance(cond, m.Not):
        return ("bukan " if lang == "id" else "not ") + describe_condition(cond.condition, lang)
    s = cond.subject
    if isinstance(s, m.Field):
        subj = s.path
    elif isinstance(s, m.Count):
        what = f" = {_describe_value(s.equals, lang)}" if s.equals is not None else ""
        subj = (f"jumlah {s.path}{what}" if lang == "id" else f"number of {s.path}{what}")
    elif isinstance(s, m.Since):
        u_en, u_id = _UNITS[s.unit]
        ref = _describe_value(s.as_of, lang) if s.as_of is not None else ("hari ini" if lang == "id" else "today")
        subj = (f"{u_id} sejak {s.path} s.d. {ref}" if lang == "id" else f"{u_en}s from {s.path} to {ref}")
    else:
        subj = f"{s.name}({', '.join(f'{k}={v}' for k, v in s.args.items())})"
    if cond.op is None:
        return subj
    if cond.op == "exists":
        en_t, en_f, id_t, id_f = _PHRASES["exists"]
        if lang == "id":
            return f"{subj} {id_t if cond.value else id_f}"
        return f"{subj} {en_t if cond.value else en_f}"
    phrase = _PHRASES[cond.op][idx]
    return f"{subj} {phrase} {_describe_value(cond.value, lang)}"
