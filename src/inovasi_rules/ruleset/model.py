"""The ruleset model: frozen attrs classes for a competition's rules.

A :class:`Ruleset` is built from a validated YAML document by
:func:`inovasi_rules.load_ruleset`; it can also be built in Python and written back
with :func:`inovasi_rules.dump_ruleset`. Every class is frozen; collections are tuples;
use :func:`attrs.evolve` to change one (or :meth:`Ruleset.with_parameters` to override
parameters).

Numbers that take part in scoring (weights, scales, thresholds, bonuses) are
:class:`decimal.Decimal`. A number may also be a :class:`Param`, a reference to one of
the ruleset's named ``parameters``, so a variant can change one value without copying
the rule that uses it.

Conditions (eligibility, bonuses, award filters) are trees of :class:`Compare`,
:class:`AllOf`, :class:`AnyOf` and :class:`Not`; see :mod:`inovasi_rules.ruleset.conditions`
for how they are evaluated and explained.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal, Union

import attrs

from .parameters import ParameterType

__all__ = [
    "AGGREGATIONS",
    "COMPARE_OPS",
    "LEVELS",
    "ROUNDING_STEPS",
    "STAGE_KINDS",
    "Adjustment",
    "AllOf",
    "AnyOf",
    "Apportion",
    "Award",
    "Call",
    "Cap",
    "Category",
    "Combine",
    "Compare",
    "Condition",
    "Confirm",
    "Conflict",
    "Count",
    "Criterion",
    "Eligibility",
    "Field",
    "Group",
    "Judging",
    "Label",
    "Lookup",
    "Not",
    "ObjectionPeriod",
    "Param",
    "ParticipantKind",
    "PluginRequirement",
    "Rounding",
    "Rubric",
    "Ruleset",
    "Scale",
    "Selection",
    "Since",
    "Stage",
    "TieBreak",
    "Total",
    "Wave",
]

#: Government levels a ruleset can belong to.
LEVELS = ("national", "province", "regency", "city")
#: Kinds of stage, in the order they may appear.
STAGE_KINDS = ("screening", "assessment", "presentation", "verification")
#: How several judges' totals for one submission are combined.
AGGREGATIONS = ("mean", "median", "trimmed_mean", "normalised_mean")
#: Comparison operators of the condition language.
COMPARE_OPS = (
    "equals",
    "not_equals",
    "in",
    "not_in",
    "at_least",
    "at_most",
    "greater_than",
    "less_than",
    "between",
    "contains",
    "exists",
)


def _one_of(*choices: str) -> Any:
    """A validator: the value must be one of ``choices`` (a hand-built model is held to
    what the schema holds a YAML file to)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in choices:
            name, shown = f"{type(instance).__name__}.{attribute.name}", ", ".join(choices)
            raise ValueError(
                f"{name} harus salah satu dari {shown} (bukan {value!r}) / "
                f"{name} must be one of {shown} (got {value!r})"
            )

    return check


def _choice(*choices: str, default: str) -> Any:
    return attrs.field(default=default, validator=_one_of(*choices))


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value) if value is not None else ()


def _dec(value: Any) -> Any:
    """Convert plain numbers to Decimal; leave Param references alone."""
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def _dec_opt(value: Any) -> Any:
    return None if value is None else _dec(value)


# --------------------------------------------------------------------------- basics


@attrs.frozen
class Label:
    """A bilingual text: Indonesian (``id``) and English (``en``).

    In YAML either ``{id: "Kesehatan", en: "Health"}`` or a plain string (then used
    for both languages).
    """

    id: str
    en: str | None = None

    def text(self, lang: str = "id") -> str:
        """The text in ``lang`` (``"id"`` or ``"en"``), falling back to Indonesian."""
        if lang == "en" and self.en:
            return self.en
        return self.id

    def both(self) -> str:
        """``"Indonesian / English"`` (or just one when they are the same)."""
        if self.en and self.en != self.id:
            return f"{self.id} / {self.en}"
        return self.id

    def __str__(self) -> str:
        return self.both()


class LazyLabel(Label):
    """A :class:`Label` whose two texts are written when first read.

    The engine explains every decision for every entry; most explanations of a large
    edition are never read, so their texts are kept as ``make`` and its arguments and
    written on first use (``make(*args)`` returns ``(id, en)``). Equal to, hashes like
    and pickles as the plain :class:`Label` of the same texts.

    >>> lab = LazyLabel(lambda n: (f"{n} juri", f"{n} judges"), 3)
    >>> lab.en, lab == Label("3 juri", "3 judges")
    ('3 judges', True)
    """

    __slots__ = ("_args", "_make", "_texts")
    _make: Callable[..., tuple[str, str | None]] | None
    _args: tuple[Any, ...]
    _texts: tuple[str, str | None] | None

    def __init__(
        self, make: Callable[..., tuple[str, str | None]] | None = None, *args: Any, **texts: str | None
    ) -> None:
        # ``attrs.evolve`` passes the texts by name (``id=..., en=...``): then they are written
        if make is None:
            if not isinstance(texts.get("id"), str) or set(texts) - {"id", "en"}:
                raise TypeError("LazyLabel(make, *args), or LazyLabel(id=..., en=...)")
            object.__setattr__(self, "_texts", (texts["id"], texts.get("en")))
            object.__setattr__(self, "_make", None)
            object.__setattr__(self, "_args", ())
            return
        object.__setattr__(self, "_make", make)
        object.__setattr__(self, "_args", args)
        object.__setattr__(self, "_texts", None)

    def _written(self) -> tuple[str, str | None]:
        texts = self._texts
        if texts is None:
            assert self._make is not None
            texts = self._make(*self._args)
            object.__setattr__(self, "_texts", texts)
            object.__setattr__(self, "_args", ())  # what made them is no longer needed
        return texts

    @property
    def id(self) -> str:
        return self._written()[0]

    @property
    def en(self) -> str | None:
        return self._written()[1]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Label):
            return (self.id, self.en) == (other.id, other.en)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = Label.__hash__

    def __repr__(self) -> str:
        return f"Label(id={self.id!r}, en={self.en!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Label, (self.id, self.en))


@attrs.frozen
class Param:
    """A reference to a named parameter of the ruleset: ``{param: bonus_points}``."""

    name: str


Number = Union[Decimal, Param]  # noqa: UP007 - runtime alias cattrs hooks are keyed on
Count_ = Union[int, Param]  # noqa: UP007


#: The steps of a stage's score that can be rounded before its final score.
ROUNDING_STEPS = ("judge_total", "aggregate", "combined")


def _steps(value: Any) -> tuple[str, ...]:
    if value == "final":
        return ()
    steps = tuple(value)
    for step in steps:
        if step not in ROUNDING_STEPS:
            raise ValueError(
                f"Rounding.at: {step!r} bukan salah satu dari {', '.join(ROUNDING_STEPS)} / "
                f"Rounding.at: {step!r} is not one of {', '.join(ROUNDING_STEPS)}"
            )
    return tuple(s for s in ROUNDING_STEPS if s in steps)  # one order, so equal means equal


@attrs.frozen
class Rounding:
    """How scores are rounded: ``places`` decimals, with ``mode`` ``half_up``,
    ``half_even`` or ``down``.

    A stage's final score (after ``combine`` and adjustments) is always rounded.
    ``at`` says which steps before it are rounded too: each judge's total
    (``judge_total``), the judges' aggregate (``aggregate``) and the combined score
    before adjustments (``combined``). All three by default (the behaviour of every
    ruleset written before ``at`` existed); ``at: final`` (an empty tuple) rounds the
    final score alone, and every value before it is carried exactly, as a fraction of
    integers. An earlier stage's score enters ``combine`` as that stage's final score.
    """

    places: int = attrs.field(default=2, validator=attrs.validators.ge(0))
    mode: Literal["half_up", "half_even", "down"] = _choice("half_up", "half_even", "down", default="half_up")
    at: tuple[str, ...] = attrs.field(default=ROUNDING_STEPS, converter=_steps)

    def rounds(self, step: str) -> bool:
        """Whether ``step`` (one of :data:`ROUNDING_STEPS`) is rounded."""
        return step in self.at


@attrs.frozen
class ParticipantKind:
    """A kind of participant allowed to enter (``perangkat_daerah``, ``kabupaten`` ...)."""

    id: str
    name: Label | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Category:
    """A category or theme an innovation is entered in."""

    id: str
    name: Label | None = None
    description: Label | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Group:
    """A group (kelompok) of entries with rules of its own: Umum, Replikasi, Khusus."""

    id: str
    name: Label | None = None
    description: Label | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Wave:
    """A registration wave (gelombang): the regions it covers and its window."""

    id: str
    name: Label | None = None
    regions: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    opens: datetime.date | None = None
    closes: datetime.date | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


# --------------------------------------------------------------------------- conditions


@attrs.frozen
class Field:
    """The value of a submission's field: ``{field: participant.province}``."""

    path: str


@attrs.frozen
class Lookup:
    """A value looked up in a mapping parameter by a submission's field:
    ``{lookup: focus, key: participant.province, default: {param: priority_issues}}``."""

    table: str
    key: str
    default: Any = None


@attrs.frozen
class Since:
    """The time elapsed from a date field to a reference date, in whole ``unit``:
    ``{years_since: innovation.started, as_of: {param: registration_closes}}``."""

    path: str
    unit: Literal["years", "months", "days"] = attrs.field(validator=_one_of("years", "months", "days"))
    as_of: Any = None


@attrs.frozen
class Count:
    """How many items of a list field (optionally only those equal to ``equals``):
    ``{count: {field: innovation.previous_awards, equals: top-99}, at_most: 1}``."""

    path: str
    equals: Any = None


@attrs.frozen
class Call:
    """A named function contributed by a plugin: ``{call: name, args: {...}}``."""

    name: str
    args: Mapping[str, Any] = attrs.field(factory=dict)


Subject = Union[Field, Since, Count, Call]  # noqa: UP007


@attrs.frozen
class Compare:
    """A comparison of a subject with a value, e.g. ``{field: group, equals: umum}``.

    ``op`` is one of :data:`COMPARE_OPS`; ``value`` is a literal, a :class:`Param`, a
    :class:`Field` or a :class:`Lookup`. A :class:`Call` with ``op=None`` is true when
    the function returns true.
    """

    subject: Subject
    op: str | None
    value: Any = None


@attrs.frozen
class AllOf:
    """True when every condition is true: ``{all: [...]}``."""

    conditions: tuple[Condition, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class AnyOf:
    """True when at least one condition is true: ``{any: [...]}``."""

    conditions: tuple[Condition, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Not:
    """True when the condition is false: ``{not: {...}}``."""

    condition: Condition


Condition = Union[Compare, AllOf, AnyOf, Not]  # noqa: UP007


# --------------------------------------------------------------------------- eligibility


@attrs.frozen
class Cap:
    """At most ``max`` entries per group of ``per`` fields; ``keep`` says which stay.

    ``keep``: ``earliest_registered`` (by registration date, then id),
    ``latest_registered``, or ``listed_order`` (the order of the input).
    ``where`` limits the cap to some entries (e.g. only the Umum group).
    """

    per: tuple[str, ...] = attrs.field(converter=_tuple)
    max: Count_
    keep: Literal["earliest_registered", "latest_registered", "listed_order"] = _choice(
        "earliest_registered", "latest_registered", "listed_order", default="earliest_registered"
    )
    where: Condition | None = None


@attrs.frozen
class Eligibility:
    """One eligibility rule, checked at a screening stage.

    Either ``when`` (a condition every entry must meet) or ``cap`` (an edition-level
    limit on entries per group). ``where`` restricts the rule to the entries it
    matches; others pass it untouched. ``message`` is what a rejected participant
    reads.
    """

    id: str
    message: Label
    name: Label | None = None
    when: Condition | None = None
    cap: Cap | None = None
    where: Condition | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


# --------------------------------------------------------------------------- rubrics


@attrs.frozen
class Scale:
    """The range of a judge's score for one criterion."""

    min: Decimal = attrs.field(default=Decimal(0), converter=_dec)
    max: Decimal = attrs.field(default=Decimal(100), converter=_dec)


@attrs.frozen
class Total:
    """How a judge's criterion scores make the judge's total.

    ``weighted_mean`` (the default): ``sum(weight * score) / total_weight``, on the
    rubric's own scale. ``weighted_sum``: ``sum(weight * score)``, so with weights
    adding up to 100 and scores of 0-10 the total runs 0-1000. ``scaled``: each score
    is placed on its criterion's scale (0 at its minimum, 1 at its maximum), the
    weighted mean of those is placed on ``scale``: with criteria scored 0-10 and
    ``scale: {min: 0, max: 100}`` the total is ``sum(weight * score) / 10``.
    YAML: ``total: weighted_sum`` or ``total: {scale: {min: 0, max: 100}}``.
    """

    method: Literal["weighted_mean", "weighted_sum", "scaled"] = _choice(
        "weighted_mean", "weighted_sum", "scaled", default="weighted_mean"
    )
    scale: Scale | None = None

    def __attrs_post_init__(self) -> None:
        if (self.method == "scaled") != (self.scale is not None):
            raise ValueError(
                "Total: `scaled` membutuhkan `scale`, cara lain tidak / "
                "Total: `scaled` needs a `scale`, the other methods take none"
            )


@attrs.frozen
class Criterion:
    """A criterion with its weight; optional sub-criteria whose weights add up to it.

    Judges score leaf criteria (the sub-criteria when there are any). ``scale`` is the
    range of a judge's score for this criterion when it differs from the rubric's.
    """

    id: str
    weight: Number = attrs.field(converter=_dec)
    name: Label | None = None
    description: Label | None = None
    subcriteria: tuple[Criterion, ...] = attrs.field(default=(), converter=_tuple)
    scale: Scale | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Rubric:
    """A scoring rubric: criteria with weights, scored on ``scale`` (a criterion may
    declare a scale of its own).

    A judge's total is made as ``total`` says (:class:`Total`); by default the
    weighted mean of the judge's criterion scores, ``sum(weight * score) /
    total_weight``, so it stays on ``scale``.
    """

    id: str
    criteria: tuple[Criterion, ...] = attrs.field(converter=_tuple)
    name: Label | None = None
    scale: Scale = Scale()
    total_weight: Decimal = attrs.field(default=Decimal(100), converter=_dec)
    total: Total = Total()
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)

    def leaves(self) -> list[str]:
        """Ids of the criteria judges score (those without sub-criteria), in order."""
        out: list[str] = []

        def walk(criteria: tuple[Criterion, ...]) -> None:
            for c in criteria:
                if c.subcriteria:
                    walk(c.subcriteria)
                else:
                    out.append(c.id)

        walk(self.criteria)
        return out

    def leaf_scales(self) -> dict[str, Scale]:
        """The scale of each criterion judges score (its own, or the rubric's)."""
        out: dict[str, Scale] = {}

        def walk(criteria: tuple[Criterion, ...]) -> None:
            for c in criteria:
                if c.subcriteria:
                    walk(c.subcriteria)
                else:
                    out[c.id] = c.scale or self.scale

        walk(self.criteria)
        return out


# --------------------------------------------------------------------------- stages


@attrs.frozen
class Conflict:
    """A conflict of interest: a judge whose ``judge`` field equals the submission's
    ``submission`` field does not score it (``{judge: province, submission:
    participant.province}``)."""

    judge: str
    submission: str
    name: Label | None = None


@attrs.frozen
class Judging:
    """How judges' scores at a stage are combined and checked.

    :ivar aggregate: one of :data:`AGGREGATIONS`.
    :ivar trim: for ``trimmed_mean``, how many highest and lowest totals to drop.
    :ivar min: fewest judges whose scores count for one submission.
    :ivar too_few: ``fail`` (the entry is out) or ``flag`` (kept, with a finding).
    :ivar min_scored: for ``normalised_mean``, fewest entries a judge must have
        scored at this stage for that judge's scores to be normalised; below it the
        judge's raw totals are used, and the trace says so.
    :ivar max_spread: flag an entry whose judges' totals differ by more than this.
    :ivar conflicts: conflicts of interest; a conflicting score is excluded.
    """

    aggregate: str = attrs.field(default="mean", validator=_one_of(*AGGREGATIONS))
    trim: int = 1
    min: int = 1
    too_few: Literal["fail", "flag"] = _choice("fail", "flag", default="fail")
    min_scored: int = 5
    max_spread: Decimal | None = attrs.field(default=None, converter=_dec_opt)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen
class Adjustment:
    """A bonus (positive ``add``) or penalty (negative) for entries meeting ``when``."""

    id: str
    add: Number = attrs.field(converter=_dec)
    message: Label | None = None
    when: Condition | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class TieBreak:
    """One link of a tie-break chain.

    ``by`` is ``criterion`` (a criterion's score, the mean of the judges' scores),
    ``stage`` (a stage's score) or ``field`` (a submission field); ``order`` is
    ``desc`` (higher first) or ``asc``.

    ``{stage: proposal}`` names an earlier stage's final score; the stage's own id
    names its own judges' aggregate, before ``combine`` and adjustments (the
    "presentation mean" of a combined stage). ``{criterion: kebaruan}`` is a criterion
    of this stage's rubric; ``{criterion: kebaruan, stage: proposal}`` one of an
    earlier stage's (then ``stage`` holds that stage's id).
    """

    by: Literal["criterion", "stage", "field"] = attrs.field(validator=_one_of("criterion", "stage", "field"))
    ref: str
    order: Literal["desc", "asc"] = _choice("desc", "asc", default="desc")
    #: for ``by="criterion"``: the stage whose criterion it is (``None``: this stage)
    stage: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.stage is not None and self.by != "criterion":
            raise ValueError(
                "TieBreak: `stage` di samping hanya untuk `criterion` / "
                "TieBreak: a `stage` beside the link is for `criterion` only"
            )


@attrs.frozen
class Apportion:
    """Seats shared across groups in proportion to their entries.

    ``method`` ``largest_remainder`` (Hamilton); each group gets at least
    ``min_each`` seats when it has that many entries.
    """

    by: str
    method: Literal["largest_remainder"] = _choice("largest_remainder", default="largest_remainder")
    min_each: int = 0


@attrs.frozen
class Selection:
    """Who advances from a stage, or who receives an award.

    Combine any of: ``top`` N (overall, or per group with ``per``), ``seats`` per
    group value (with ``per``), ``apportion`` N seats across groups, and a
    ``threshold`` (minimum score). ``ties`` at the cut-off: ``include_all`` keeps
    every entry tied with the last seat; ``break`` uses the stage's tie-break chain
    and, last, a seeded lottery.
    """

    top: Count_ | None = None
    threshold: Number | None = attrs.field(default=None, converter=_dec_opt)
    per: str | None = None
    seats: Mapping[str, Count_] | None = None
    apportion: Apportion | None = None
    ties: Literal["include_all", "break"] = _choice("include_all", "break", default="break")


@attrs.frozen
class Combine:
    """Part of a stage's score carried from a stage: ``{stage: proposal, weight: 0.4}``."""

    stage: str
    weight: Decimal = attrs.field(converter=_dec)


@attrs.frozen
class Confirm:
    """A verification stage that chooses the top tier: ``{top: 45, freed: fill}``.

    The field visits confirm the ``top`` best entries in the ranking of the last
    scored stage. A seat freed by an entry that fails its visit is, with
    ``freed: fill``, taken by the next ranked entry (which then needs a verdict of its
    own), and so on until the seats are full or the ranking runs out; with
    ``freed: keep_empty`` it stays empty and no entry beyond the first ``top`` is
    confirmed. Entries the visits never reach do not pass the stage.
    """

    top: Count_
    freed: Literal["fill", "keep_empty"] = attrs.field(validator=_one_of("fill", "keep_empty"))


@attrs.frozen
class ObjectionPeriod:
    """A public objection period (masa sanggah, uji publik) after a stage's list is
    announced: ``{days: 5, displaced: rerank, source: "..."}``.

    :ivar days: its length in calendar days from the announcement.
    :ivar displaced: what happens to an entrant who was announced as passing and is
        pushed out by an upheld objection about someone else: ``extra_seats`` (keeps
        the place, as a seat beyond the count) or ``rerank`` (the stage is ranked
        again and the count holds).
    """

    days: int = attrs.field(validator=attrs.validators.ge(1))
    displaced: Literal["extra_seats", "rerank"] = _choice("extra_seats", "rerank", default="rerank")
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Stage:
    """One stage of the competition.

    Kinds: ``screening`` (applies eligibility rules; no scores), ``assessment`` and
    ``presentation`` (judges score against ``rubric``), ``verification`` (a recorded
    verdict confirms or drops an entry; with ``confirm`` the visits choose the top
    tier, see :class:`Confirm`). Entries reach a stage only by advancing from the one
    before.
    """

    id: str
    kind: str = attrs.field(validator=_one_of(*STAGE_KINDS))
    name: Label | None = None
    rubric: str | None = None
    scoring: Literal["rubric", "plugin"] = _choice("rubric", "plugin", default="rubric")
    rules: tuple[str, ...] | None = None
    judges: Judging = Judging()
    combine: tuple[Combine, ...] = attrs.field(default=(), converter=_tuple)
    adjustments: tuple[Adjustment, ...] = attrs.field(default=(), converter=_tuple)
    adjustment_cap: Number | None = attrs.field(default=None, converter=_dec_opt)
    tie_break: tuple[TieBreak, ...] = attrs.field(default=(), converter=_tuple)
    advance: Selection | None = None
    missing_verdict: Literal["confirm", "drop", "flag"] = _choice("confirm", "drop", "flag", default="flag")
    confirm: Confirm | None = None
    objection_period: ObjectionPeriod | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Award:
    """An award given to entries that passed ``stage``, optionally ranked.

    Without ``rank`` every entry that passed the stage (and meets ``where``) gets it.
    """

    id: str
    stage: str
    name: Label | None = None
    rank: Selection | None = None
    where: Condition | None = None
    description: Label | None = None
    source: Label | None = attrs.field(default=None, kw_only=True)
    assumption: Label | None = attrs.field(default=None, kw_only=True)


# --------------------------------------------------------------------------- ruleset

ParamValue = Any  # Decimal | int | str | bool | date | list | mapping of these


@attrs.frozen
class PluginRequirement:
    """A plugin a ruleset needs: ``plugins: [dana-insentif]``, or with the package
    that provides it, ``plugins: [{name: dana-insentif, package: inovasi-rules-dana-insentif}]``.

    :ivar name: the plugin's name (its ``inovasi_rules`` entry-point name).
    :ivar package: the distribution to ``pip install`` when the plugin is missing.
    :ivar file: where the requirement is written (set by the loader; not part of
        equality), with ``line`` and ``column``.
    """

    name: str
    package: str | None = None
    file: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    line: int | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    column: int | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.package})" if self.package else self.name


def _plugin_requirements(value: Any) -> tuple[PluginRequirement, ...]:
    out = []
    for item in value or ():
        if isinstance(item, PluginRequirement):
            out.append(item)
        elif isinstance(item, str):
            out.append(PluginRequirement(item))
        elif isinstance(item, Mapping):
            out.append(PluginRequirement(str(item["name"]), item.get("package")))
        else:
            raise TypeError(f"a plugin requirement is a name or {{name, package}}, not {item!r}")
    return tuple(out)


@attrs.frozen
class Ruleset:
    """A whole competition's rules.

    Build one with :func:`inovasi_rules.load_ruleset`; every reference inside it
    (rubrics, stages, parameters, categories) has been checked to resolve.
    """

    id: str
    name: Label
    schema_version: int = 1
    extends: str | None = None
    description: Label | None = None
    level: str = "national"
    organiser: Label | None = None
    year: int | None = None
    source: Label | None = None
    assumption: Label | None = None
    rounding: Rounding = Rounding()
    parameters: Mapping[str, ParamValue] = attrs.field(factory=dict)
    participant_kinds: tuple[ParticipantKind, ...] = attrs.field(default=(), converter=_tuple)
    categories: tuple[Category, ...] = attrs.field(default=(), converter=_tuple)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_tuple)
    waves: tuple[Wave, ...] = attrs.field(default=(), converter=_tuple)
    wave_by: str = "participant.province"
    eligibility: tuple[Eligibility, ...] = attrs.field(default=(), converter=_tuple)
    rubrics: tuple[Rubric, ...] = attrs.field(default=(), converter=_tuple)
    stages: tuple[Stage, ...] = attrs.field(default=(), converter=_tuple)
    awards: tuple[Award, ...] = attrs.field(default=(), converter=_tuple)
    plugins: tuple[PluginRequirement, ...] = attrs.field(default=(), converter=_plugin_requirements)
    #: Types declared under ``parameter_types`` (see :mod:`inovasi_rules.ruleset.parameters`);
    #: :meth:`parameter_type` adds the types that follow from each parameter's uses.
    parameter_types: Mapping[str, ParameterType] = attrs.field(factory=dict)
    #: The file the ruleset was loaded from (not part of equality).
    origin: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    # every parameter's types, worked out on first use from the rules (not the
    # overrides): with_parameters hands them on, so an override never retypes a parameter
    _types: dict[str, tuple[ParameterType, ...]] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def rubric(self, rubric_id: str) -> Rubric:
        """The rubric with id ``rubric_id`` (``KeyError`` if there is none)."""
        for r in self.rubrics:
            if r.id == rubric_id:
                return r
        raise KeyError(rubric_id)

    def stage(self, stage_id: str) -> Stage:
        """The stage with id ``stage_id`` (``KeyError`` if there is none)."""
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def needs_plugin(self, name: str) -> bool:
        """True when the ruleset lists the plugin ``name`` under ``plugins`` (a plugin
        uses this to act only on the rulesets that ask for it)."""
        return any(p.name == name for p in self.plugins)

    def parameter_type(self, name: str) -> tuple[ParameterType, ...]:
        """Every type parameter ``name`` must have: the declared one, one per use
        (``top: {param: name}`` needs a whole number of at least 1), or, when there is
        neither, the type of the ruleset's own value. Empty for an unknown name."""
        if not self._types and self.parameters:
            from .codec import unstructure
            from .parameters import infer_parameter_types

            self._types.update(infer_parameter_types(unstructure(self)))
        return self._types.get(name, ())

    def with_parameters(self, **overrides: ParamValue) -> Ruleset:
        """A copy with some parameters replaced.

        Each value is checked against the parameter's type and bounds
        (:meth:`parameter_type`) and converted as a YAML value would be: a ``float``
        becomes a ``Decimal``, ISO text for a date a :class:`datetime.date`.

        :raises KeyError: for an unknown name.
        :raises inovasi_rules.RulesetError: listing every value of the wrong type or
            out of bounds (rule ``parameter-type``).
        """
        from ..errors import Problem, RulesetError
        from .parameters import check_parameter

        unknown = sorted(set(overrides) - set(self.parameters))
        if unknown:
            raise KeyError(
                f"unknown parameter(s) {', '.join(unknown)}; "
                f"this ruleset has: {', '.join(sorted(self.parameters)) or 'none'}"
            )
        params = dict(self.parameters)
        problems: list[Problem] = []
        for k, v in overrides.items():
            value, found = check_parameter(k, v, self.parameter_type(k))
            problems.extend(
                Problem(message, path=f"parameters.{k}", hint=hint, rule="parameter-type")
                for message, hint in found
            )
            params[k] = value
        if problems:
            raise RulesetError(problems)
        types = {k: self.parameter_type(k) for k in self.parameters}
        out = attrs.evolve(self, parameters=params)
        out._types.update(types)
        return out

    def label(self, lang: str = "id") -> str:
        """The ruleset's title in ``lang``."""
        return self.name.text(lang)
