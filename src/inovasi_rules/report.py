"""What-if reports: replay past editions under two rulesets and show the difference.

:func:`what_if` evaluates every past edition under the old rules (A) and the new rules
(B), checks that A reproduces the recorded outcome, compares the two, and optionally
sweeps one parameter of B over several values. :func:`render_markdown` and
:func:`render_html` turn the :class:`WhatIfReport` into a document for a meeting, with
every label in Bahasa Indonesia and English. The HTML file is self-contained (inline
CSS and SVG charts drawn with matplotlib, laid out by a jinja2 template): it opens
offline and can be mailed as one file. :func:`summarize` gives a few lines for a
terminal.

The HTML report needs the ``report`` extra: ``pip install "inovasi-rules[report]"``.

>>> from pathlib import Path
>>> from inovasi_rules import load_ruleset
>>> from inovasi_rules.history import read_history
>>> from inovasi_rules.report import what_if, render_html
>>> old = load_ruleset("kipp-2019")
>>> new = load_ruleset("examples/what-if/kipp-2019-bobot-replikasi.yaml")  # doctest: +SKIP
>>> report = what_if(old, new, [read_history("examples/history/kipp-2019")])  # doctest: +SKIP
>>> Path("report.html").write_text(render_html(report, "id"))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import functools
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .charts import RC, figure, svg
from .codec import unstructure
from .edition import Edition
from .evaluation import evaluate
from .history import (
    AwardChange,
    Comparison,
    PastEdition,
    Reproduction,
    StageChange,
    compare,
    decisive_reason,
    reason_label,
    reproduce,
    stage_scores,
    status_label,
)
from .messages import N_, Formatter
from .model import Label, Ruleset
from .result import Result, StageOutcome, SubmissionResult
from .rule_words import change_words, value_words
from .safetext import markdown_code, markdown_text
from .synthetic import PROVINCES

if TYPE_CHECKING:
    from .robustness import NoiseCheck, RankConfidence

__all__ = [
    "EditionReport",
    "RuleChange",
    "ScoreSet",
    "SweepPoint",
    "WhatIfReport",
    "diff_rulesets",
    "parse_values",
    "render_html",
    "render_markdown",
    "summarize",
    "what_if",
]

#: Entering and leaving entries listed per award (the rest are counted).
MAX_LISTED = 40
#: Of those, shown at once in the HTML report (the others fold away under "+N more").
SHOWN_ROWS = 10
#: Reproduction mismatches listed per edition (the rest are counted).
MAX_MISMATCHES = 50
#: Rule changes listed (the rest are counted).
MAX_RULE_CHANGES = 40
#: Shown as the ruleset of a report whose A or B is each edition's own recorded ruleset.
RECORDED = "@edition"


@attrs.frozen
class RuleChange:
    """One difference between the two rulesets: where, the value under A and under B
    (``None``: absent), and what the change is about in words when there are words for
    it ("Bobot kriteria Kebaruan pada Presentasi dan wawancara")."""

    path: str
    a: str | None
    b: str | None
    words: Label | None = attrs.field(default=None, eq=False, repr=False)

    def sentence(self, lang: str = "id") -> str:
        """``Bobot kriteria Kebaruan pada Presentasi dan wawancara: 20 → 10``; the path
        stands in for the words where there are none."""
        where = self.words.text(lang) if self.words is not None else self.path
        return f"{where}: {value_words(self.a, lang)} → {value_words(self.b, lang)}"


@attrs.frozen
class ScoreSet:
    """The scores of one stage under A and under B, and the lowest score that passed."""

    stage: str
    name: Label
    a: tuple[Decimal, ...]
    b: tuple[Decimal, ...]
    cut_a: Decimal | None = None
    cut_b: Decimal | None = None


@attrs.frozen
class EditionReport:
    """One past edition replayed under A and B.

    :ivar why: for every submission that enters or leaves a stage or an award, what
        changed for it (rank and score, bonus or rule), in both languages.
    :ivar award_stages: award id to the ranked stage that decides it.
    :ivar value_names: per field (``participant.kind``, ``category``, ``group``), the
        names of its values from ruleset B.
    :ivar notes: warnings for the reader (e.g. A is not the ruleset the edition ran under).
    :ivar unscored: per scored stage, the submissions that reach it under B but have no
        score for it in the edition's data (historically they never got that far), so
        their outcome there is unknown.
    :ivar noise: when the report was asked for it (``noise_replicates``), per cut-off
        the entries that change between A and B and those of them within judge noise
        under A or B (:func:`~inovasi_rules.robustness.changes_within_noise`); else ``None``.
    """

    edition: str
    title: str | None
    year: int | None
    submissions: int
    ruleset_a: str
    ruleset_b: str
    comparison: Comparison
    reproduction: Reproduction | None
    scores: tuple[ScoreSet, ...]
    why: Mapping[str, Label]
    award_stages: Mapping[str, str]
    value_names: Mapping[str, Mapping[str, Label]]
    seconds: float
    notes: tuple[Label, ...] = ()
    unscored: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    noise: tuple[NoiseCheck, ...] | None = None

    @property
    def label(self) -> str:
        """The edition's title, or its id."""
        return self.title or self.edition


@attrs.frozen
class SweepPoint:
    """The outcome for one value of the swept parameter: per edition, per award, the
    change against A."""

    value: Any
    awards: Mapping[str, tuple[AwardChange, ...]]
    unscored: Mapping[str, int] = attrs.field(factory=dict)


@attrs.frozen
class WhatIfReport:
    """Everything a what-if run found.

    :ivar parameters: the parameters set on B for this run (``--set``).
    :ivar changes: how B differs from A (after ``parameters``), over all editions.
    """

    ruleset_a: str
    ruleset_b: str
    title_a: Label
    title_b: Label
    parameters: Mapping[str, Any]
    changes: tuple[RuleChange, ...]
    editions: tuple[EditionReport, ...]
    sweep_parameter: str | None = None
    sweep: tuple[SweepPoint, ...] = ()
    created: str = ""
    seconds: float = 0.0
    command: str | None = None
    noise_replicates: int = 0
    noise_seed: int = 0

    @property
    def changed(self) -> bool:
        """True when B changes anyone's outcome in any edition."""
        return any(e.comparison.changed for e in self.editions)


# --------------------------------------------------------------------------- rule diff

_NOISE = frozenset({"source", "assumption", "description", "name", "message", "organiser"})


def _strip(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _strip(v) for k, v in value.items() if k not in _NOISE}
    if isinstance(value, (list, tuple)):
        return [_strip(v) for v in value]
    return value


def _flatten(value: Any, path: str, out: dict[str, str]) -> None:
    """Leaf paths to values; an item of a list of items with ids is keyed by its id, and
    the item itself is also recorded (to report an item added or removed whole)."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            _flatten(v, f"{path}.{k}" if path else str(k), out)
    elif isinstance(value, (list, tuple)) and value and all(
        isinstance(v, Mapping) and "id" in v for v in value
    ):
        for v in value:
            item = {k: x for k, x in v.items() if k != "id"}
            out[f"{path}[{v['id']}]"] = _fmt(item)
            _flatten(item, f"{path}[{v['id']}]", out)
    elif isinstance(value, (list, tuple)):
        out[path] = "[" + ", ".join(_fmt(v) for v in value) + "]"
    else:
        out[path] = _fmt(value)


def _fmt(v: Any) -> str:
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{k}: {_fmt(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_fmt(x) for x in v) + "]"
    if hasattr(v, "isoformat"):
        return str(v.isoformat())
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def diff_rulesets(a: Ruleset, b: Ruleset) -> tuple[RuleChange, ...]:
    """What differs between two resolved rulesets, path by path (lists of items with
    an ``id`` are matched by id). Names, messages, sources and assumptions are left out:
    they do not change an outcome.

    >>> from inovasi_rules import load_ruleset
    >>> kipp = load_ruleset("kipp-2019")
    >>> diff_rulesets(kipp, kipp.with_parameters(min_years=2))
    (RuleChange(path='parameters.min_years', a='1', b='2'),)
    """
    flat: list[dict[str, str]] = []
    for r in (a, b):
        tree = unstructure(r)
        params = tree.pop("parameters", {})
        for key in ("id", "extends", "year", "schema_version"):
            tree.pop(key, None)
        out: dict[str, str] = {}
        _flatten({**_strip(tree), "parameters": params}, "", out)
        flat.append(out)
    fa, fb = flat
    changes = []
    for k in [*fa, *(k for k in fb if k not in fa)]:
        va, vb = fa.get(k), fb.get(k)
        if va == vb:
            continue
        items = _item_paths(k)
        if k in items and va is not None and vb is not None:
            continue  # an item in both: its fields are reported one by one
        if any((p in fa) != (p in fb) for p in items if p != k):
            continue  # a field of an item added or removed whole: reported once
        changes.append(RuleChange(k, va, vb, change_words(k, a, b)))
    return tuple(changes)


def _item_paths(path: str) -> list[str]:
    """The paths of the list items ``path`` lies in: ``a[x].b[y].c`` -> ``a[x]``, ``a[x].b[y]``."""
    return [path[: i + 1] for i, ch in enumerate(path) if ch == "]"]


# --------------------------------------------------------------------------- what-if


def _ranked_stage(ruleset: Ruleset, award_stage: str) -> str | None:
    found = None
    for st in ruleset.stages:
        if st.kind in ("assessment", "presentation"):
            found = st.id
        if st.id == award_stage:
            break
    return found


def _value_names(ruleset: Ruleset) -> dict[str, dict[str, Label]]:
    out: dict[str, dict[str, Label]] = {}
    for field, items in (
        ("participant.kind", ruleset.participant_kinds),
        ("category", ruleset.categories),
        ("group", ruleset.groups),
    ):
        out[field] = {i.id: i.name or Label(i.id) for i in items}
    # provinces by the customary abbreviations the bundled rulesets and data use, so a
    # meeting reads "Sulawesi Tenggara", not "sultra"
    out["participant.province"] = {code: Label(name) for code, name, *_ in PROVINCES}
    return out


def _cut(r: Result, stage: str) -> Decimal | None:
    passed = [
        o.score for s in r.submissions
        if (o := s.stage(stage)) is not None and o.passed and o.score is not None
    ]
    return min(passed) if passed else None


def _part(o: StageOutcome | None, lang: str) -> str:
    if o is None:
        return "—"
    if o.rank is not None:
        return f"#{o.rank} ({_num(o.score, lang)})" if o.score is not None else f"#{o.rank}"
    return status_label(o.status).text(lang)


def _change_reason(sa: SubmissionResult, sb: SubmissionResult, order: Sequence[str],
                   names: Mapping[str, Label]) -> Label:
    """What changed for one submission between A and B: at the first stage where its
    status differs (or, for an award decided on rank, the last ranked stage), its rank
    and score under A and B, the bonuses that differ, and B's deciding reason."""
    at = None
    for st in order:
        oa, ob = sa.stage(st), sb.stage(st)
        if oa is None and ob is None:
            break
        if oa is None or ob is None or oa.status != ob.status:
            at = st
            break
    if at is None:
        ranked = [st for st in order if (o := sb.stage(st)) is not None and o.rank is not None]
        if not ranked:
            return Label("-", "-")
        at = ranked[-1]
    oa, ob = sa.stage(at), sb.stage(at)
    name = names.get(at, Label(at))
    out = {lang: [f"{name.text(lang)}: {_part(oa, lang)} → {_part(ob, lang)}"] for lang in ("id", "en")}
    adj_a = {x.id: x.amount for x in oa.adjustments} if oa is not None else {}
    adj_b = {x.id: x.amount for x in ob.adjustments} if ob is not None else {}
    for k in sorted(set(adj_a) | set(adj_b)):
        if adj_a.get(k) != adj_b.get(k):
            for lang, lines in out.items():
                signed = [("+" if v >= 0 else "−") + _num(abs(v), lang) for v in (adj_a.get(k, 0), adj_b.get(k, 0))]
                lines.append(f"{k} {signed[0]} → {signed[1]}")
    for o, tag in ((ob, "B"), (oa, "A")):
        r = decisive_reason(o) if o is not None else None
        if r is not None:
            label = reason_label(r)
            out["id"].append(f"{tag}: {label.id}")
            out["en"].append(f"{tag}: {label.en}")
            break
    return Label("; ".join(out["id"]), "; ".join(out["en"]))


def _unscored(ruleset: Ruleset, edition: Edition, result: Result) -> dict[str, tuple[str, ...]]:
    """Per stage scored from the rubric, who reaches it in ``result`` without a single
    score for it in the edition's data."""
    have = {(sc.submission, sc.stage) for sc in edition.scores}
    out = {}
    for st in ruleset.stages:
        if st.kind not in ("assessment", "presentation") or st.scoring != "rubric":
            continue
        ids = tuple(s.id for s in result.submissions
                    if s.stage(st.id) is not None and (s.id, st.id) not in have)
        if ids:
            out[st.id] = ids
    return out


def _per_edition(x: Ruleset | Mapping[str, Ruleset], edition: str) -> Ruleset:
    if isinstance(x, Ruleset):
        return x
    if edition not in x:
        raise ValueError(f"no ruleset given for edition {edition!r} / tidak ada ruleset untuk edisi ini")
    return x[edition]


def what_if(
    old: Ruleset | Mapping[str, Ruleset],
    new: Ruleset | Mapping[str, Ruleset],
    editions: Sequence[PastEdition],
    *,
    parameters: Mapping[str, Any] | None = None,
    sweep: tuple[str, Sequence[Any]] | None = None,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
    progress: Callable[[str], None] | None = None,
    command: str | None = None,
    noise_replicates: int = 0,
    noise_seed: int = 0,
) -> WhatIfReport:
    """Replay ``editions`` under A (``old``) and B (``new``), compare, and optionally
    sweep one parameter of B.

    :param old: the rules each edition ran under: one ruleset, or one per edition id.
        Each edition's recorded outcome (``outcomes.csv``) is checked against A.
    :param new: the proposed rules: one ruleset, or one per edition id.
    :param parameters: parameter values set on B for this run (they win over the
        edition's own ``parameters``).
    :param sweep: ``(parameter, values)``: B is evaluated once more per value.
    :param progress: called with a short message before each evaluation.
    :param command: the command line that made the report, shown in it.
    :param noise_replicates: when above 0, each edition's rank confidence is measured
        under A and under B with this many replicates
        (:func:`~inovasi_rules.robustness.rank_confidence`, same plugins and
        parameters), and the report says how many of the entries that change places
        are within judge noise (:attr:`EditionReport.noise`).
    :param noise_seed: the seed of that resampling: the same seed gives the same report.
    :raises KeyError: when ``parameters`` or ``sweep`` names a parameter B does not have.
    :raises ValueError: when a mapping of rulesets has none for one of the editions, two
        editions have the same id, or ``noise_replicates`` or ``noise_seed`` is negative.
    """
    t0 = time.perf_counter()
    if noise_replicates < 0 or noise_seed < 0:
        raise ValueError(f"noise_replicates and noise_seed must be 0 or more (got {noise_replicates}, "
                         f"{noise_seed}) / replikasi derau dan seed minimal 0")
    seen: set[str] = set()
    for past in editions:
        if past.edition.id in seen:
            raise ValueError(f"two editions with the id {past.edition.id!r} / dua edisi dengan id "
                             f"yang sama: give each its own id in edition.yaml")
        seen.add(past.edition.id)
    plugins = list(plugins)
    params = dict(parameters or {})
    note = progress or (lambda _msg: None)
    total = len(editions) * (2 + (len(sweep[1]) if sweep else 0) + (2 if noise_replicates else 0))
    step = 0

    def run(rs: Ruleset, past: PastEdition, what: str, extra: Mapping[str, Any]) -> Result:
        nonlocal step
        step += 1
        note(f"[{step}/{total}] {past.edition.id}: {what} ({rs.id})")
        return evaluate(rs, past.edition, plugins=plugins, load_entrypoints=load_entrypoints,
                        parameters=extra or None)

    def confidence(rs: Ruleset, past: PastEdition, what: str, extra: Mapping[str, Any],
                   result: Result) -> RankConfidence:
        from .robustness import rank_confidence

        nonlocal step
        step += 1
        note(f"[{step}/{total}] {past.edition.id}: {what} ({rs.id}, {noise_replicates} replikasi / replicates)")
        return rank_confidence(
            rs, past.edition, replicates=noise_replicates, seed=noise_seed, result=result,
            evaluator=lambda r, e: evaluate(r, e, plugins=plugins, load_entrypoints=load_entrypoints,
                                            parameters=extra or None))

    for name in [*params, *([sweep[0]] if sweep else [])]:
        for past in editions:
            rs = _per_edition(new, past.edition.id)
            if name not in rs.parameters:
                known = ", ".join(sorted(rs.parameters)) or "-"
                raise KeyError(f"ruleset {rs.id} has no parameter {name!r} / tidak ada parameter "
                               f"{name!r}; it has: {known}")
    reports = []
    results_a: dict[str, Result] = {}
    changes: list[RuleChange] = []
    for past in editions:
        e = past.edition
        t = time.perf_counter()
        rs_a, rs_b = _per_edition(old, e.id), _per_edition(new, e.id)
        ra = run(rs_a, past, "A", {})
        rb = ra if rs_a == rs_b and not params else run(rs_b, past, "B", params)
        if ra is rb:
            step += 1
        results_a[e.id] = ra
        for c in diff_rulesets(rs_a, rs_b.with_parameters(**params) if params else rs_b):
            if c not in changes:
                changes.append(c)
        notes = []
        if e.ruleset and e.ruleset != rs_a.id:
            notes.append(Label(
                f"Edisi ini tercatat memakai {e.ruleset}, bukan {rs_a.id}: reproduksi diperiksa terhadap {rs_a.id}.",
                f"This edition is recorded as run under {e.ruleset}, not {rs_a.id}: reproduction is checked against {rs_a.id}."))
        comparison = compare(ra, rb)
        order = [s for s, _ in ra.stages]
        names = dict(ra.stages)
        why: dict[str, Label] = {}
        moved = {x for s in comparison.stages for x in (*s.entered, *s.left)}
        moved |= {x for a in comparison.awards for x in (*a.gained, *a.lost)}
        for sid in sorted(moved):
            why[sid] = _change_reason(ra.submission(sid), rb.submission(sid), order, names)
        scored = [st for st in rs_a.stages if st.kind in ("assessment", "presentation")]
        score_sets = tuple(
            ScoreSet(st.id, st.name or Label(st.id), tuple(stage_scores(ra, st.id)),
                     tuple(stage_scores(rb, st.id)), _cut(ra, st.id), _cut(rb, st.id))
            for st in scored
        )
        award_stages = {
            aw.id: ranked for aw in rs_b.awards if (ranked := _ranked_stage(rs_b, aw.stage))
        }
        noise = None
        if noise_replicates:
            from .robustness import changes_within_noise

            conf_a = confidence(rs_a, past, "derau juri / judge noise A", {}, ra)
            if rb is ra:
                step += 1
                conf_b = conf_a
            else:
                conf_b = confidence(rs_b, past, "derau juri / judge noise B", params, rb)
            noise = changes_within_noise(conf_a, conf_b)
        reports.append(EditionReport(
            e.id, e.title, e.year, len(e.submissions), rs_a.id, rs_b.id, comparison,
            reproduce(ra, past.outcomes) if past.outcomes is not None else None,
            score_sets, why, award_stages, _value_names(rs_b), time.perf_counter() - t,
            tuple(notes), _unscored(rs_b, e, rb), noise,
        ))
    points = []
    if sweep is not None:
        name, values = sweep
        for v in values:
            per_edition: dict[str, tuple[AwardChange, ...]] = {}
            unknown: dict[str, int] = {}
            for past in editions:
                rs_v = _per_edition(new, past.edition.id)
                rv = run(rs_v, past, f"{name}={v}", {**params, name: v})
                per_edition[past.edition.id] = compare(results_a[past.edition.id], rv).awards
                unknown[past.edition.id] = sum(map(len, _unscored(rs_v, past.edition, rv).values()))
            points.append(SweepPoint(v, per_edition, unknown))
    recorded = Label("aturan yang tercatat di setiap edisi", "the rules each edition recorded")
    return WhatIfReport(
        old.id if isinstance(old, Ruleset) else RECORDED,
        new.id if isinstance(new, Ruleset) else RECORDED,
        old.name if isinstance(old, Ruleset) else recorded,
        new.name if isinstance(new, Ruleset) else recorded,
        params,
        tuple(changes),
        tuple(reports),
        sweep[0] if sweep else None,
        tuple(points),
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        time.perf_counter() - t0,
        command,
        noise_replicates,
        noise_seed,
    )


# --------------------------------------------------------------------------- words

#: The report's words, by key: English texts of the catalogue (messages/locale).
_L: dict[str, str] = {
    "title": N_("Rule-change report"),
    "old": N_("Old rules (A)"),
    "new": N_("New rules (B)"),
    "set": N_("Parameters set"),
    "changes": N_("Rule changes (B against A)"),
    "no_rule_change": N_("The rules do not differ."),
    "more": N_("more"),
    "where": N_("Where"),
    "summary": N_("Summary"),
    "edition": N_("Edition"),
    "editions": N_("Editions"),
    "submissions": N_("submissions"),
    "reproduce": N_("Reproducing the official outcome under A"),
    "reproduced": N_("reproduced: all {n} recorded outcomes match"),
    "not_reproduced": N_("NOT reproduced: {m} of {n} outcomes differ"),
    "unrecorded": N_("{n} submissions have no recorded outcome"),
    "no_outcomes": N_("no outcomes.csv: reproduction not checked"),
    "funnel": N_("Selection funnel"),
    "stage": N_("Stage"),
    "entered": N_("entered the stage"),
    "passed": N_("passed"),
    "awards": N_("Awards"),
    "award": N_("Award"),
    "winners": N_("Winners"),
    "gained": N_("enter"),
    "lost": N_("leave"),
    "who_enters": N_("Entering (only under B)"),
    "who_leaves": N_("Leaving (only under A)"),
    "why": N_("What changed"),
    "id": N_("id"),
    "innovation": N_("Innovation"),
    "rank_a": N_("Rank A"),
    "rank_b": N_("Rank B"),
    "rank": N_("Rank"),
    "ranks": N_("Rank changes"),
    "not_ranked": N_("not ranked"),
    "cutoff": N_("cut-off"),
    "lowest_pass": N_("lowest passing"),
    "tau": N_("Rank correlation (Kendall's tau-b; 1 = same order)"),
    "composition": N_("Composition of winners"),
    "no_change": N_("Nobody enters or leaves: the outcome is the same."),
    "sweep": N_("Parameter sweep"),
    "no_change_as_is": N_("Under B as it is (without the sweep) nobody enters or leaves; the sweep below changes the outcome."),
    "sweep_head": N_("Sweep over {param}: the outcome changes for {k} of {n} values ({values}); the largest change is at {param} = {at}: {most} new winners, summed over all awards."),
    "sweep_same": N_("Sweep over {param} ({values}): nobody enters or leaves at any value."),
    "sweep_unfilled": N_("At {param} = {at}, {award}: only {b} of {a} seats filled."),
    "sweep_note": N_("Each row: rules B with one value of the parameter, against rules A."),
    "value": N_("Value"),
    "scores": N_("Score distribution"),
    "score": N_("Score"),
    "seconds": N_("seconds"),
    "made": N_("Made"),
    "in": N_("in"),
    "recorded": N_("Recorded"),
    "computed": N_("Computed"),
    "reason": N_("Reason"),
    "notes": N_("Notes"),
    "command": N_("Command"),
    "kind": N_("Kind of participant"),
    "province": N_("Province"),
    "category": N_("Category"),
    "group": N_("Group"),
    "unscored": N_("{n} submissions reach {stage} under B but were never scored there (historically they did not get that far). Their outcome at that stage is unknown: without judges' scores they are dropped, so the changes from that stage on are a lower bound."),
    "unscored_short": N_("unscored"),
    "noise_head": N_("Judge noise ({n} replicates, seed {seed})"),
    "noise_none": N_("No entry changes places at any cut-off."),
    "noise_all": N_("Every change is within judge noise: under A or B, another panel could have decided it the other way. On its own it is no reason to adopt the rule."),
    "noise_beyond": N_("{n} entries change places beyond judge noise (clear under both A and B): {ids}"),
    "noise_note": N_("Each replicate draws every entry's judges again with replacement and applies the whole ruleset; within judge noise: passing in more than 5% and fewer than 95% of the replicates."),
    "legend": N_("green: enters under B; red: leaves under B; grey: others"),
}

_FIELD_KEYS = {
    "participant.kind": "kind",
    "participant.province": "province",
    "category": "category",
    "group": "group",
}


def _num(value: Any, lang: str, places: int | None = None) -> str:
    """A count, tau or duration in the reader's form (``3.156`` in Indonesian)."""
    return Formatter(lang).number(value, places)


def _t(key: str, lang: str) -> str:
    return Formatter(lang).t(_L[key])


def _alt(key: str, lang: str) -> str:
    """The word in the other language of a bilingual report."""
    return Formatter("id" if lang == "en" else "en").t(_L[key])


def _bi(key: str, lang: str) -> str:
    """``primary / other`` for plain text (Markdown, chart titles)."""
    return f"{_t(key, lang)} / {_alt(key, lang)}"


def _label_bi(label: Label, lang: str) -> str:
    first, second = (label.en or label.id, label.id) if lang == "en" else (label.id, label.en or label.id)
    return first if first == second else f"{first} / {second}"


def _field_label(field: str, lang: str) -> str:
    key = _FIELD_KEYS.get(field)
    return _bi(key, lang) if key else field


def _repro_text(rep: Reproduction | None, lang: str) -> str:
    if rep is None:
        return _t("no_outcomes", lang)
    if rep.reproduced:
        text = _t("reproduced", lang).format(n=_num(rep.checked, lang))
    else:
        text = _t("not_reproduced", lang).format(m=_num(len(rep.mismatches), lang), n=_num(rep.checked, lang))
    if rep.unrecorded:
        text += "; " + _t("unrecorded", lang).format(n=_num(len(rep.unrecorded), lang))
    return text


def _value_name(ed: EditionReport, field: str, value: str, lang: str) -> str:
    label = ed.value_names.get(field, {}).get(value)
    return label.text(lang) if label is not None else value


def _main_award(ed: EditionReport) -> AwardChange | None:
    """The award the report centres on: of those with winners, the one decided latest,
    and of those the one with the most winners (the Top 45 rather than the Top 5)."""
    c = ed.comparison
    order = {s.stage: i for i, s in enumerate(c.stages)}
    candidates = [a for a in c.awards if a.winners_a or a.winners_b] or list(c.awards)
    if not candidates:
        return None
    return max(candidates, key=lambda a: (order.get(ed.award_stages.get(a.award, ""), -1),
                                          max(a.winners_a, a.winners_b)))


#: The columns of a list of entering or leaving submissions (label key, right-aligned).
_LIST_COLUMNS = (
    ("id", "id", False),
    ("title", "innovation", False),
    ("participant.kind", "kind", False),
    ("participant.province", "province", False),
    ("category", "category", False),
    ("group", "group", False),
    ("rank_a", "rank_a", True),
    ("rank_b", "rank_b", True),
    ("why", "why", False),
)


def _listing(ed: EditionReport, a: AwardChange, ids: Sequence[str],
             lang: str) -> tuple[list[tuple[str, bool]], list[list[str]]]:
    """The columns (label key, right-aligned) and rows of a list of entering or leaving
    submissions; a descriptive column with no value in any row is left out."""
    c = ed.comparison
    stage = ed.award_stages.get(a.award)
    rows = []
    for sid in ids[:MAX_LISTED]:
        f = c.fields.get(sid, {})
        rc = c.rank(stage, sid) if stage else None
        row = {
            "id": sid,
            "title": c.titles.get(sid, ""),
            "rank_a": "—" if rc is None or rc.rank_a is None else str(rc.rank_a),
            "rank_b": "—" if rc is None or rc.rank_b is None else str(rc.rank_b),
            "why": ed.why[sid].text(lang) if sid in ed.why else "",
        }
        for field in ("participant.kind", "participant.province", "category", "group"):
            row[field] = _value_name(ed, field, f[field], lang) if field in f else "—"
        rows.append(row)
    keep = [(key, label, right) for key, label, right in _LIST_COLUMNS
            if key in ("id", "rank_a", "rank_b", "why") or any(r[key] not in ("", "—") for r in rows)]
    return [(label, right) for _, label, right in keep], [[r[key] for key, _, _ in keep] for r in rows]


def _composition(ed: EditionReport, award: str, lang: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Per field with data, (value name, count under A, count under B), largest first."""
    out = []
    for field, (ca, cb) in ed.comparison.composition.get(award, {}).items():
        keys = set(ca) | set(cb)
        if not keys or keys == {"—"}:
            continue
        if field == "group" and len(keys) < 2:
            continue
        rows = sorted(
            ((_value_name(ed, field, k, lang), ca.get(k, 0), cb.get(k, 0)) for k in keys),
            key=lambda r: (-max(r[1], r[2]), r[0]),
        )
        out.append((field, rows))
    return out


def _funnel_rows(c: Comparison, lang: str = "id") -> list[tuple[StageChange, str, str, str, str]]:
    """Per stage: the change, and entered and passed under A and under B (``-``: the
    ruleset has no such stage)."""
    fa = {f.stage: f for f in c.funnel_a}
    fb = {f.stage: f for f in c.funnel_b}

    def n(f: Any, attr: str) -> str:
        return "-" if f is None else _num(getattr(f, attr), lang)

    return [
        (s, n(fa.get(s.stage), "entered"), n(fa.get(s.stage), "passed"),
         n(fb.get(s.stage), "entered"), n(fb.get(s.stage), "passed"))
        for s in c.stages
    ]


def _warnings(ed: EditionReport) -> list[tuple[Label, str]]:
    """What the reader must know before trusting the comparison of one edition: each
    warning, and the submissions it concerns (the first dozen)."""
    out = [(n, "") for n in ed.notes]
    names = {s.stage: s.name for s in ed.comparison.stages}
    for stage, ids in ed.unscored.items():
        name = names.get(stage, Label(stage))
        i, e = _t("unscored", "id"), _t("unscored", "en")
        out.append((Label(i.format(n=_num(len(ids), "id"), stage=name.id),
                          e.format(n=_num(len(ids), "en"), stage=name.en or name.id)),
                    ", ".join(ids[:12]) + (" …" if len(ids) > 12 else "")))
    return out


def _sweep_lines(report: WhatIfReport, lang: str) -> list[tuple[str, list[str]]]:
    """The sweep, one line per edition and award (and per edition, how many reach a
    stage without scores): its label, then per value the winners under B and how many
    enter and leave against A."""
    out: list[tuple[str, list[str]]] = []
    if not report.sweep:
        return out
    many = len(report.editions) > 1
    for ed in report.editions:
        prefix = f"{ed.edition}: " if many else ""
        for a in report.sweep[0].awards.get(ed.edition, ()):
            cells = []
            for p in report.sweep:
                found = next((x for x in p.awards.get(ed.edition, ()) if x.award == a.award), None)
                cells.append("-" if found is None else
                             f"{found.winners_b} (+{len(found.gained)} / −{len(found.lost)})")
            out.append((f"{prefix}{a.name.text(lang)}", cells))
        if any(p.unscored.get(ed.edition) for p in report.sweep):
            out.append((f"{prefix}{_t('unscored_short', lang)}",
                        [_num(p.unscored.get(ed.edition, 0), lang) for p in report.sweep]))
    return out


def _noise_lines(report: WhatIfReport, ed: EditionReport, lang: str) -> tuple[str, list[str]]:
    """The judge-noise check of one edition: a heading and its sentences (none when the
    report was made without it)."""
    if ed.noise is None:
        return "", []
    from .robustness import describe_noise

    fmt = Formatter(lang)
    head = _t("noise_head", lang).format(n=fmt.number(report.noise_replicates), seed=report.noise_seed)
    lines = describe_noise(ed.noise, lang)
    beyond = sorted({x for c in ed.noise for x in c.beyond_noise})
    if not lines:
        lines.append(_t("noise_none", lang))
    elif not beyond:
        lines.append(_t("noise_all", lang))
    else:
        shown = ", ".join(beyond[:8]) + (f" (+{fmt.number(len(beyond) - 8)})" if len(beyond) > 8 else "")
        lines.append(_t("noise_beyond", lang).format(n=fmt.number(len(beyond)), ids=shown))
    return head, lines


def _sweep_changes(point: SweepPoint) -> int:
    """How many winners change (enter, or leave) at one value of the sweep, over all
    editions and awards, and counting the entries left without scores."""
    moved = sum(len(a.gained) + len(a.lost) for awards in point.awards.values() for a in awards)
    return moved + sum(point.unscored.values())


def _headline(report: WhatIfReport, lang: str = "id") -> list[str]:
    """The sentences that open the report, true of all of it: with a sweep, whether and
    where along it the outcome changes and the fewest seats filled, beside B as it is."""
    if not report.sweep or report.sweep_parameter is None:
        return []
    param = report.sweep_parameter
    values = [_fmt(p.value) for p in report.sweep]
    changing = [(p, _sweep_changes(p)) for p in report.sweep if _sweep_changes(p)]
    if not changing:
        return [_t("sweep_same", lang).format(param=param, values=", ".join(values))]
    most, _ = max(changing, key=lambda pm: pm[1])
    lines = [_t("sweep_head", lang).format(
        param=param, k=len(changing), n=len(values), values=", ".join(_fmt(p.value) for p, _ in changing),
        most=_num(sum(len(a.gained) for aw in most.awards.values() for a in aw), lang), at=_fmt(most.value))]
    unfilled = [(a.winners_a - a.winners_b, p, a) for p in report.sweep for aw in p.awards.values()
                for a in aw if a.winners_b < a.winners_a]
    if unfilled:
        _, p, a = max(unfilled, key=lambda x: x[0])
        lines.append(_t("sweep_unfilled", lang).format(
            param=param, at=_fmt(p.value), award=a.name.text(lang), b=_num(a.winners_b, lang),
            a=_num(a.winners_a, lang)))
    return lines


def _no_change(report: WhatIfReport) -> str:
    """The key of the "nobody enters or leaves" sentence: with a sweep that changes the
    outcome, it says that only B as it is changes nothing."""
    return "no_change_as_is" if any(_sweep_changes(p) for p in report.sweep) else "no_change"


def _sweep_rows(report: WhatIfReport, lang: str) -> tuple[list[str], list[list[str]]]:
    """The sweep as a table: a row per edition and award, a column per value."""
    head = [f"{report.sweep_parameter} =", *(_fmt(p.value) for p in report.sweep)]
    return head, [[label, *cells] for label, cells in _sweep_lines(report, lang)]


# --------------------------------------------------------------------------- markdown


def _md_cell(text: Any) -> str:
    return markdown_text(text)


def render_markdown(report: WhatIfReport, lang: str = "id") -> str:
    """The report as Markdown (GitHub-flavoured tables), labels in both languages,
    ``lang`` first."""
    def B(k: str) -> str:
        return _bi(k, lang)

    def T(k: str) -> str:
        return _t(k, lang)

    out = [f"# {B('title')}", ""]
    out.append(f"- **{B('old')}**: {_md_cell(_label_bi(report.title_a, lang))} "
               f"({markdown_code(report.ruleset_a)})")
    out.append(f"- **{B('new')}**: {_md_cell(_label_bi(report.title_b, lang))} "
               f"({markdown_code(report.ruleset_b)})")
    if report.parameters:
        out.append(f"- **{B('set')}**: " + ", ".join(
            markdown_code(f"{k}={_fmt(v)}") for k, v in report.parameters.items()))
    out.append(f"- {B('made')}: {report.created}; {_num(round(report.seconds, 1), lang, 1)} {T('seconds')}")
    if report.command:
        out.append(f"- {B('command')}: {markdown_code(report.command)}")
    out.append("")
    out.append(f"## {B('summary')}")
    out.append("")
    for line, alt in zip(_headline(report, lang), _headline(report, "id" if lang == "en" else "en"), strict=True):
        out.append(f"**{line}** / {alt}")
        out.append("")
    for ed in report.editions:
        out.append(f"- **{_md_cell(ed.label)}** ({_num(ed.submissions, lang)} {T('submissions')}): "
                   f"{_md_cell(_repro_text(ed.reproduction, lang))}.")
        for a in ed.comparison.awards:
            out.append(f"  - {_md_cell(a.name.text(lang))}: A {a.winners_a}, B {a.winners_b}; "
                       f"+{len(a.gained)} {T('gained')}, −{len(a.lost)} {T('lost')}")
        for stage, ids in ed.unscored.items():
            out.append(f"  - ⚠ {_num(len(ids), lang)} {B('unscored_short')}: {_md_cell(stage)}")
    out.append("")
    out.append(f"## {B('changes')}")
    out.append("")
    if report.changes:
        out.append(f"| {B('where')} | A | B |")
        out.append("|---|---|---|")
        for ch in report.changes[:MAX_RULE_CHANGES]:
            where = (f"{_md_cell(ch.words.text(lang))} ({markdown_code(ch.path)})" if ch.words
                     else markdown_code(ch.path))
            out.append(f"| {where} | {_md_cell(value_words(ch.a, lang))} | {_md_cell(value_words(ch.b, lang))} |")
        if len(report.changes) > MAX_RULE_CHANGES:
            out.append(f"| +{len(report.changes) - MAX_RULE_CHANGES} {T('more')} | | |")
    else:
        out.append(T("no_rule_change"))
    out.append("")
    for ed in report.editions:
        c = ed.comparison
        out.append(f"## {T('edition')} / {_alt('edition', lang)}: {_md_cell(ed.label)}")
        out.append("")
        out.append(f"{markdown_code(ed.edition)}: {_num(ed.submissions, lang)} {T('submissions')}; A "
                   f"{markdown_code(ed.ruleset_a)}, B {markdown_code(ed.ruleset_b)}; "
                   f"{_num(round(ed.seconds, 1), lang, 1)} {T('seconds')}")
        out.append("")
        for n, concerned in _warnings(ed):
            out.append(f"> ⚠ {_md_cell(n.text(lang))}")
            out.append(">")
            out.append(f"> {_md_cell(n.text('id' if lang == 'en' else 'en'))}")
            if concerned:
                out.append(">")
                out.append(f"> {_md_cell(concerned)}")
            out.append("")
        out.append(f"### {B('reproduce')}")
        out.append("")
        out.append(("✔ " if ed.reproduction is not None and ed.reproduction.reproduced else
                    "✘ " if ed.reproduction is not None else "") + _md_cell(_repro_text(ed.reproduction, lang)))
        out.append("")
        if ed.reproduction is not None and ed.reproduction.mismatches:
            out.append(f"| id | {B('recorded')} | {B('computed')} | {B('reason')} |")
            out.append("|---|---|---|---|")
            for mm in ed.reproduction.mismatches[:MAX_MISMATCHES]:
                out.append(f"| {_md_cell(mm.submission)} | {_md_cell(mm.what)}: {_md_cell(mm.recorded)} | "
                           f"{_md_cell(mm.computed)} | {_md_cell(mm.reason.text(lang))} |")
            extra = len(ed.reproduction.mismatches) - MAX_MISMATCHES
            if extra > 0:
                out.append(f"| +{extra} {T('more')} | | | |")
            out.append("")
        out.append(f"### {B('funnel')}")
        out.append("")
        out.append(f"| {B('stage')} | A {T('entered')} | A {T('passed')} | B {T('entered')} | "
                   f"B {T('passed')} | {T('gained')} | {T('lost')} |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for s, ea, pa, eb, pb in _funnel_rows(c, lang):
            out.append(f"| {_md_cell(_label_bi(s.name, lang))} | {ea} | {pa} | {eb} | {pb} | "
                       f"{len(s.entered)} | {len(s.left)} |")
        out.append("")
        out.append(f"### {B('awards')}")
        out.append("")
        out.append(f"| {B('award')} | A | B | {T('gained')} | {T('lost')} |")
        out.append("|---|---:|---:|---:|---:|")
        for a in c.awards:
            out.append(f"| {_md_cell(_label_bi(a.name, lang))} | {a.winners_a} | {a.winners_b} | "
                       f"{len(a.gained)} | {len(a.lost)} |")
        out.append("")
        if not c.changed:
            out.append(f"**{T(_no_change(report))}** / {_alt(_no_change(report), lang)}")
            out.append("")
        noise_head, noise = _noise_lines(report, ed, lang)
        if noise_head:
            other = "id" if lang == "en" else "en"
            alt_head, alt_noise = _noise_lines(report, ed, other)
            out.append(f"### {_md_cell(noise_head)} / {_md_cell(alt_head)}")
            out.append("")
            for x in noise:
                out.append(f"- {_md_cell(x)}")
            out.append("")
            for x in alt_noise:
                out.append(f"- {_md_cell(x)}")
            out.append("")
            out.append(f"{_md_cell(_t('noise_note', lang))} / {_md_cell(_alt('noise_note', lang))}")
            out.append("")
        for a in c.awards:
            for key, ids in (("who_enters", a.gained), ("who_leaves", a.lost)):
                if not ids:
                    continue
                out.append(f"#### {_md_cell(a.name.text(lang))}: {B(key)} ({len(ids)})")
                out.append("")
                columns, listed = _listing(ed, a, ids, lang)
                out.append("| " + " | ".join(T(k) for k, _ in columns) + " |")
                out.append("|" + "".join("---:|" if right else "---|" for _, right in columns))
                for cells in listed:
                    out.append("| " + " | ".join(_md_cell(x) for x in cells) + " |")
                if len(ids) > MAX_LISTED:
                    out.append(f"| +{len(ids) - MAX_LISTED} {T('more')} |" + " |" * (len(columns) - 1))
                out.append("")
        stage_names = {s.stage: s.name for s in c.stages}
        taus = [f"{_md_cell(_label_bi(stage_names.get(sid, Label(sid)), lang))}: {_num(round(t, 3), lang, 3)}"
                for sid, t in c.tau.items() if t is not None]
        if taus:
            out.append(f"**{B('tau')}**: " + "; ".join(taus))
            out.append("")
        main = _main_award(ed)
        if main is not None:
            comp = _composition(ed, main.award, lang)
            if comp:
                out.append(f"### {B('composition')}: {_md_cell(main.name.text(lang))}")
                out.append("")
            for field, rows in comp:
                out.append(f"| {_md_cell(_field_label(field, lang))} | A | B | Δ |")
                out.append("|---|---:|---:|---:|")
                for name, na, nb in rows:
                    out.append(f"| {_md_cell(name)} | {na} | {nb} | {nb - na:+d} |")
                out.append("")
    if report.sweep_parameter:
        out.append(f"## {B('sweep')}: {markdown_code(report.sweep_parameter)}")
        out.append("")
        out.append(f"{T('sweep_note')} / {_alt('sweep_note', lang)}")
        out.append("")
        head, body = _sweep_rows(report, lang)
        out.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
        out.append("|---|" + "---:|" * (len(head) - 1))
        for cells in body:
            out.append("| " + " | ".join(_md_cell(x) for x in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- charts

_A_COLOR = "#4472c4"
_B_COLOR = "#ed7d31"
_IN_COLOR = "#1a7f37"
_OUT_COLOR = "#cf222e"
_GREY = "#9aa4ad"


def _rank_chart(ed: EditionReport, award: AwardChange, lang: str) -> str | None:
    stage = ed.award_stages.get(award.award)
    rows = ed.comparison.ranks.get(stage or "", ())
    if not rows:
        return None
    cut = max(award.winners_a, award.winners_b)
    by_id = {r.submission: r for r in rows}
    # a line at the cut-off only where the winners are exactly the best `cut` (not with
    # seats per group, or when a later stage dropped someone)
    top = sorted(r.rank_a for x in award.ids_a if (r := by_id.get(x)) is not None and r.rank_a)
    contiguous = bool(top) and top == list(range(1, len(top) + 1)) and len(top) == cut
    focus_in, focus_out = set(award.gained), set(award.lost)
    margin = max(8, min(25, cut // 3))
    last = max(x for r in rows for x in (r.rank_a, r.rank_b) if x is not None)
    lo, hi = max(1, cut - margin), min(last, cut + margin)
    shown = [r for r in rows if r.submission in focus_in or r.submission in focus_out
             or any(x is not None and lo <= x <= hi for x in (r.rank_a, r.rank_b))]
    if not shown:
        return None
    ranks = [x for r in shown for x in (r.rank_a, r.rank_b) if x is not None]
    lo, hi = min([lo, *ranks]), max([hi, *ranks])
    unranked = any(r.rank_a is None or r.rank_b is None for r in shown)
    off = hi + max(2, (hi - lo) // 12) if unranked else hi  # where "not ranked" is drawn
    label_focus = len(focus_in) + len(focus_out) <= 12
    fig = figure(5.4, 5.2, f"{ed.edition}-ranks-{award.award}")
    ax = fig.add_subplot()
    tags: dict[int, list[tuple[float, str, str]]] = {0: [], 1: []}  # side -> (y, text, colour)
    for layer in (0, 1):
        for r in shown:
            if r.submission in focus_in:
                color, lw, z = _IN_COLOR, 2.0, 3
            elif r.submission in focus_out:
                color, lw, z = _OUT_COLOR, 2.0, 3
            else:
                color, lw, z = _GREY, 0.7, 1
            if (z == 3) != bool(layer):
                continue
            ya = r.rank_a if r.rank_a is not None else off
            yb = r.rank_b if r.rank_b is not None else off
            ax.plot([0, 1], [ya, yb], color=color, lw=lw, zorder=z, marker="o", ms=3)
            if z == 3 and label_focus:  # with many, the lists above name them
                for side, at in ((0, ya), (1, yb)):
                    if at != off:
                        tags[side].append((float(at), r.submission, color))
    gap = (off - lo + 2) / 32  # the height of a label, in ranks
    for side, items in tags.items():
        previous = -1e9
        for rank_y, text, tint in sorted(items):
            shown_at = max(rank_y, previous + gap)  # push a label down rather than overlap
            previous = shown_at
            ax.annotate(text, (side, rank_y), xytext=(1.06 if side else -0.06, shown_at),
                        textcoords="data", va="center",
                        ha="left" if side else "right", fontsize=8, color=tint,
                        arrowprops={"arrowstyle": "-", "color": tint, "lw": 0.5, "alpha": 0.6})
    if contiguous:
        ax.axhline(cut + 0.5, color="#57606a", ls="--", lw=1)
    ax.set_xticks([0, 1], [f"A: {ed.ruleset_a}", f"B: {ed.ruleset_b}"])
    ax.set_xlim(-0.45, 1.45)
    pad = max(1, (off - lo) // 30)
    ax.set_ylim(off + pad, lo - pad)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ticks = [int(t) for t in ax.get_yticks() if lo <= t <= hi]
    labels = [str(t) for t in ticks]
    if unranked:
        ax.axhline(off, color="#d0d7de", lw=6, zorder=0)
        ticks.append(off)
        labels.append(_t("not_ranked", lang))
    ax.set_yticks(ticks, labels)
    stage_name = next((s.name for s in ed.comparison.stages if s.stage == stage), Label(stage or ""))
    ax.set_ylabel(f"{_bi('rank', lang)}: {stage_name.text(lang)}")
    cut_note = f" (- - {_t('cutoff', lang)} {cut})" if contiguous else ""
    ax.set_title(f"{_bi('ranks', lang)}\n{award.name.text(lang)}{cut_note}")
    return svg(fig)


def _score_chart(ed: EditionReport, lang: str) -> str | None:
    sets = [s for s in ed.scores if s.a or s.b]
    if not sets:
        return None
    fig = figure(3.4 * len(sets) + 0.4, 3.2, f"{ed.edition}-scores")
    axes = fig.subplots(1, len(sets), squeeze=False)[0]
    for ax, s in zip(axes, sets, strict=True):
        a = [float(x) for x in s.a]
        b = [float(x) for x in s.b]
        lo, hi = min(a + b), max(a + b)
        bins: Any = [lo + (hi - lo) * i / 30 for i in range(31)] if hi > lo else 10
        ax.hist(a, bins=bins, histtype="stepfilled", color=_A_COLOR, alpha=0.35, label=f"A: {ed.ruleset_a}")
        ax.hist(b, bins=bins, histtype="step", lw=1.8, color=_B_COLOR, label=f"B: {ed.ruleset_b}")
        for cut, color, ls, tag in ((s.cut_a, _A_COLOR, "--", "A"), (s.cut_b, _B_COLOR, ":", "B")):
            if cut is not None:
                ax.axvline(float(cut), color=color, ls=ls, lw=1.2, label=f"{_t('lowest_pass', lang)} {tag}")
        ax.set_title(s.name.text(lang), fontsize=10)
        ax.set_xlabel(_bi("score", lang))
        ax.set_ylabel(_t("submissions", lang))
        ax.legend(frameon=False, fontsize=7, loc="upper left")
    fig.suptitle(_bi("scores", lang), fontsize=11)
    return svg(fig)


def _composition_chart(ed: EditionReport, award: AwardChange, lang: str) -> str | None:
    comp = [(f, rows) for f, rows in _composition(ed, award.award, lang) if len(rows) >= 2]
    if not comp:
        return None
    trimmed = []
    for field, rows in comp:
        if len(rows) > 12:
            rest = rows[12:]
            rows = [*rows[:12], (f"+{len(rest)} {_t('more', lang)}", sum(r[1] for r in rest), sum(r[2] for r in rest))]
        trimmed.append((field, rows))
    heights = [0.26 * len(rows) + 0.7 for _, rows in trimmed]
    fig = figure(6.6, sum(heights) + 0.6, f"{ed.edition}-composition-{award.award}")
    axes = fig.subplots(len(trimmed), 1, squeeze=False, height_ratios=heights)[:, 0]
    for ax, (field, rows) in zip(axes, trimmed, strict=True):
        y = list(range(len(rows)))
        ax.barh([i - 0.2 for i in y], [r[1] for r in rows], height=0.4, color=_A_COLOR, label=f"A: {ed.ruleset_a}")
        ax.barh([i + 0.2 for i in y], [r[2] for r in rows], height=0.4, color=_B_COLOR, label=f"B: {ed.ruleset_b}")
        for i, (_, na, nb) in enumerate(rows):
            if na != nb:
                ax.text(max(na, nb) + 0.3, i, f"{nb - na:+d}", va="center", fontsize=8,
                        color=_IN_COLOR if nb > na else _OUT_COLOR)
        ax.set_yticks(y, [r[0] for r in rows])
        ax.invert_yaxis()
        ax.set_title(_field_label(field, lang), fontsize=10, loc="left")
        ax.xaxis.get_major_locator().set_params(integer=True)
    axes[0].legend(frameon=False, fontsize=8, loc="lower right")
    fig.suptitle(f"{_bi('composition', lang)}: {award.name.text(lang)}", fontsize=11)
    return svg(fig)


def _sweep_chart(report: WhatIfReport, lang: str) -> str | None:
    if not report.sweep:
        return None
    numeric = all(isinstance(p.value, (int, float, Decimal)) and not isinstance(p.value, bool)
                  for p in report.sweep)
    xs: list[Any] = [float(p.value) for p in report.sweep] if numeric else list(range(len(report.sweep)))
    n_lines = sum(len(report.sweep[0].awards.get(ed.edition, ())) for ed in report.editions)
    fig = figure(6.6, 3.4 + 0.2 * n_lines, "sweep")
    ax = fig.add_subplot()
    for ed in report.editions:
        for award in report.sweep[0].awards.get(ed.edition, ()):
            ys = []
            for p in report.sweep:
                found = next((a for a in p.awards.get(ed.edition, ()) if a.award == award.award), None)
                ys.append(len(found.gained) if found is not None else 0)
            prefix = f"{ed.edition}: " if len(report.editions) > 1 else ""
            ax.plot(xs, ys, marker="o", label=f"{prefix}{award.name.text(lang)}")
    if not numeric or all(float(x).is_integer() for x in xs):
        ax.set_xticks(xs, [_fmt(p.value) for p in report.sweep])
    ax.set_xlabel(f"{report.sweep_parameter}")
    ax.set_ylabel(f"{_t('gained', lang)} / {_alt('gained', lang)}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(0, -0.22))
    ax.set_title(f"{_bi('sweep', lang)}: {report.sweep_parameter}")
    return svg(fig)


def _charts(ed: EditionReport, lang: str) -> dict[str, list[str]]:
    """The edition's charts as inline SVG: ``ranks`` (one per award with changes, or the
    main award), ``scores`` and ``composition``."""
    import matplotlib

    out: dict[str, list[str]] = {"ranks": [], "scores": [], "composition": []}
    with matplotlib.rc_context(RC):
        c = ed.comparison
        changed = [a for a in c.awards if a.gained or a.lost]
        main = _main_award(ed)
        for a in (changed or ([main] if main is not None else []))[:3]:
            chart = _rank_chart(ed, a, lang)
            if chart:
                out["ranks"].append(chart)
        chart = _score_chart(ed, lang)
        if chart:
            out["scores"].append(chart)
        if main is not None:
            chart = _composition_chart(ed, main, lang)
            if chart:
                out["composition"].append(chart)
    return out


# --------------------------------------------------------------------------- html

_CSS = """
:root{--a:#4472c4;--b:#ed7d31;--in:#1a7f37;--out:#cf222e;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;max-width:1180px;
margin:1.5rem auto;padding:0 1.25rem;color:#1f2328;line-height:1.45;font-size:16px}
h1{font-size:1.9rem;margin:.2rem 0 .8rem;border-bottom:3px solid var(--a);padding-bottom:.35rem}
h2{font-size:1.45rem;margin-top:2.6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.12rem;margin:1.6rem 0 .4rem}
.alt{color:var(--muted);font-weight:normal}
h1 .alt,h2 .alt,h3 .alt{font-size:.8em}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
th .alt{display:block;font-size:.82em}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.in{color:var(--in);font-weight:600}.out{color:var(--out);font-weight:600}
.ok{background:#dafbe1;border-left:5px solid var(--in)}.bad{background:#ffebe9;border-left:5px solid var(--out)}
.none{background:#f6f8fa;border-left:5px solid var(--line)}
.box{padding:.6rem .9rem;margin:.6rem 0;border-radius:4px}
.meta{color:var(--muted);font-size:.92rem}
.summary{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:.4rem 1.2rem 1rem}
.summary li{margin:.25rem 0}
.big{font-size:1.05rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.charts figure{margin:0;max-width:100%}
.charts svg{max-width:100%;height:auto}
.tables{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-start}
code{background:#f6f8fa;padding:0 .3rem;border-radius:3px;font-size:.9em}
details{margin:-.6rem 0 1rem}summary{cursor:pointer;color:var(--a);padding:.3rem 0}
.note{background:#fff8c5;border-left:5px solid #d4a72c}
table.wide{width:100%}table.wide td:first-child{white-space:nowrap}
td.why{font-size:.86rem;color:#31373d}
.pill{display:inline-block;padding:0 .5rem;border-radius:9px;font-size:.85rem;font-weight:600}
.pill.in{background:#dafbe1}.pill.out{background:#ffebe9}
@media print{@page{size:A4;margin:12mm}body{max-width:none;font-size:11px;margin:0;padding:0}
h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}h2{margin-top:1.4rem}
.keep,.charts figure,.box,.summary,tr{break-inside:avoid;page-break-inside:avoid}
.charts svg{max-height:150mm;width:auto}a{color:inherit;text-decoration:none}}
"""

_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ T('title') }}: {{ r.ruleset_a }} → {{ r.ruleset_b }}</title>
<style>{{ css | safe }}</style></head><body>
<h1>{{ T('title') }} <span class="alt">/ {{ A('title') }}</span></h1>
<table>
<tr><th>{{ bi('old') }}</th><td>{{ lb(r.title_a) }} <code>{{ r.ruleset_a }}</code></td></tr>
<tr><th>{{ bi('new') }}</th><td>{{ lb(r.title_b) }} <code>{{ r.ruleset_b }}</code></td></tr>
{% if r.parameters %}<tr><th>{{ bi('set') }}</th><td>{% for k, v in r.parameters.items() %}<code>{{ k }}={{ fmt(v) }}</code> {% endfor %}</td></tr>{% endif %}
<tr><th>{{ bi('editions') }}</th><td>{% for ed in r.editions %}{{ ed.label }} ({{ num(ed.submissions) }} {{ T('submissions') }}){% if not loop.last %}; {% endif %}{% endfor %}</td></tr>
</table>
<p class="meta">{{ T('made') }} / {{ A('made') }}: {{ r.created }} · {{ num(r.seconds, 1) }} {{ T('seconds') }}{% if r.command %} · <code>{{ r.command }}</code>{% endif %}</p>

<div class="summary"><h2 style="margin-top:.6rem;border:0">{{ T('summary') }} <span class="alt">/ {{ A('summary') }}</span></h2>
{% for line in head %}<p class="big"><strong>{{ line }}</strong>{% if head_alt %}<br><span class="alt">{{ head_alt[loop.index0] }}</span>{% endif %}</p>{% endfor %}
<ul>{% for ed in r.editions %}{% set c = ed.comparison %}
<li class="big"><strong>{{ ed.label }}</strong>:
{% if ed.reproduction is none %}{{ repro(ed.reproduction) }}{% elif ed.reproduction.reproduced %}<span class="in">✔ {{ repro(ed.reproduction) }}</span>{% else %}<span class="out">✘ {{ repro(ed.reproduction) }}</span>{% endif %}
<ul>{% for a in c.awards %}<li>{{ a.name.text(lang) }}: A {{ a.winners_a }} → B {{ a.winners_b }};
<span class="pill in">+{{ a.gained|length }} {{ T('gained') }}</span> <span class="pill out">−{{ a.lost|length }} {{ T('lost') }}</span></li>{% endfor %}
{% if not c.changed %}<li>{{ T(no_change) }} <span class="alt">/ {{ A(no_change) }}</span></li>{% endif %}
{% set nz = noise(ed) %}{% if nz[0] %}<li>{{ nz[0] }}: {{ nz[1][-1] }} <span class="alt">/ {{ noise_alt(ed)[1][-1] }}</span></li>{% endif %}
{% for stage, ids in ed.unscored.items() %}<li class="out">⚠ {{ num(ids|length) }} {{ T('unscored_short') }} / {{ A('unscored_short') }}: {{ stage }}</li>{% endfor %}
</ul></li>{% endfor %}</ul></div>

<h2>{{ T('changes') }} <span class="alt">/ {{ A('changes') }}</span></h2>
{% if r.changes %}<table><tr><th>{{ bi('where') }}</th><th>A</th><th>B</th></tr>
{% for ch in r.changes[:max_changes] %}<tr><td>{% if ch.words %}{{ ch.words.text(lang) }}<br><span class="alt">{{ ch.words.text(other) }} · <code>{{ ch.path }}</code></span>{% else %}<code>{{ ch.path }}</code>{% endif %}</td><td class="n">{{ vw(ch.a) }}</td><td class="n"><strong>{{ vw(ch.b) }}</strong></td></tr>{% endfor %}
{% if r.changes|length > max_changes %}<tr><td colspan="3">+{{ r.changes|length - max_changes }} {{ T('more') }}</td></tr>{% endif %}
</table>{% else %}<p>{{ T('no_rule_change') }} <span class="alt">/ {{ A('no_rule_change') }}</span></p>{% endif %}

{% for ed in r.editions %}{% set c = ed.comparison %}
<h2>{{ T('edition') }} <span class="alt">/ {{ A('edition') }}</span>: {{ ed.label }}</h2>
<p class="meta"><code>{{ ed.edition }}</code> · {{ num(ed.submissions) }} {{ T('submissions') }} / {{ A('submissions') }} · A <code>{{ ed.ruleset_a }}</code> · B <code>{{ ed.ruleset_b }}</code> · {{ num(ed.seconds, 1) }} {{ T('seconds') }}</p>
{% for n, ids in warnings(ed) %}<div class="box note">⚠ {{ n.text(lang) }}<br><span class="alt">{{ n.text(other) }}</span>{% if ids %}<br><span class="meta">{{ ids }}</span>{% endif %}</div>{% endfor %}

<h3>{{ T('reproduce') }} <span class="alt">/ {{ A('reproduce') }}</span></h3>
<div class="box {% if ed.reproduction is none %}none{% elif ed.reproduction.reproduced %}ok{% else %}bad{% endif %}">
{% if ed.reproduction is not none %}{% if ed.reproduction.reproduced %}✔{% else %}✘{% endif %} {% endif %}{{ repro(ed.reproduction) }}
<br><span class="alt">{{ repro_alt(ed.reproduction) }}</span></div>
{% if ed.reproduction and ed.reproduction.mismatches %}
<table class="wide"><tr><th>id</th><th>{{ bi('recorded') }}</th><th>{{ bi('computed') }}</th><th>{{ bi('reason') }}</th></tr>
{% for m in ed.reproduction.mismatches[:max_mismatches] %}<tr><td>{{ m.submission }}</td><td>{{ m.what }}: {{ m.recorded }}</td><td>{{ m.computed }}</td><td class="why">{{ m.reason.text(lang) }}</td></tr>{% endfor %}
{% if ed.reproduction.mismatches|length > max_mismatches %}<tr><td colspan="4">+{{ ed.reproduction.mismatches|length - max_mismatches }} {{ T('more') }}</td></tr>{% endif %}
</table>{% endif %}

<h3>{{ T('funnel') }} <span class="alt">/ {{ A('funnel') }}</span></h3>
<table><tr><th rowspan="2">{{ bi('stage') }}</th><th class="n" colspan="2" style="text-align:center">A</th><th class="n" colspan="2" style="text-align:center">B</th><th class="n" rowspan="2">{{ bi('gained') }}</th><th class="n" rowspan="2">{{ bi('lost') }}</th></tr>
<tr><th class="n">{{ bi('entered') }}</th><th class="n">{{ bi('passed') }}</th><th class="n">{{ bi('entered') }}</th><th class="n">{{ bi('passed') }}</th></tr>
{% for s, ea, pa, eb, pb in funnel_rows(c) %}<tr><td>{{ lb(s.name) }}</td><td class="n">{{ ea }}</td><td class="n">{{ pa }}</td><td class="n">{{ eb }}</td><td class="n">{{ pb }}</td><td class="n in">{% if s.entered %}+{{ s.entered|length }}{% endif %}</td><td class="n out">{% if s.left %}−{{ s.left|length }}{% endif %}</td></tr>{% endfor %}
</table>
{% set taus = tau_list(c) %}{% if taus %}<p><strong>{{ T('tau') }}</strong> <span class="alt">/ {{ A('tau') }}</span>: {% for name, t in taus %}{{ name }} <strong>{{ num(t, 3) }}</strong>{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}

<h3>{{ T('awards') }} <span class="alt">/ {{ A('awards') }}</span></h3>
<table><tr><th>{{ bi('award') }}</th><th class="n">A</th><th class="n">B</th><th class="n">{{ bi('gained') }}</th><th class="n">{{ bi('lost') }}</th></tr>
{% for a in c.awards %}<tr><td>{{ lb(a.name) }}</td><td class="n">{{ a.winners_a }}</td><td class="n">{{ a.winners_b }}</td><td class="n in">{% if a.gained %}+{{ a.gained|length }}{% endif %}</td><td class="n out">{% if a.lost %}−{{ a.lost|length }}{% endif %}</td></tr>{% endfor %}
</table>
{% if not c.changed %}<div class="box ok">{{ T(no_change) }} <span class="alt">/ {{ A(no_change) }}</span></div>{% endif %}
{% set nz = noise(ed) %}{% if nz[0] %}{% set nz_alt = noise_alt(ed) %}
<h3>{{ nz[0] }} <span class="alt">/ {{ nz_alt[0] }}</span></h3>
<div class="box {% if ed.noise|selectattr('changed')|list and not nz_beyond(ed) %}note{% else %}none{% endif %}">
<ul>{% for x in nz[1] %}<li>{{ x }}<br><span class="alt">{{ nz_alt[1][loop.index0] }}</span></li>{% endfor %}</ul></div>
<p class="meta">{{ T('noise_note') }} <span class="alt">/ {{ A('noise_note') }}</span></p>{% endif %}
{% for a in c.awards %}{% for key, ids, cls in [('who_enters', a.gained, 'in'), ('who_leaves', a.lost, 'out')] %}{% if ids %}
<h3><span class="{{ cls }}">{{ a.name.text(lang) }}: {{ T(key) }}</span> <span class="alt">/ {{ A(key) }}</span> ({{ ids|length }})</h3>
{% set listing = rows(ed, a, ids) %}{% for part in [listing[1][:shown_rows], listing[1][shown_rows:]] %}{% if part %}
{% if not loop.first %}<details><summary>+{{ part|length }} {{ T('more') }} / {{ A('more') }}</summary>{% endif %}
<table class="wide"><tr>{% for key, right in listing[0] %}<th{% if right %} class="n"{% endif %}>{{ bi(key) }}</th>{% endfor %}</tr>
{% for cells in part %}<tr>{% for x in cells %}<td class="{% if loop.first %}{{ cls }}{% elif loop.last %}why{% elif listing[0][loop.index0][1] %}n{% endif %}">{{ x }}</td>{% endfor %}</tr>{% endfor %}
{% if not loop.first and ids|length > max_listed %}<tr><td colspan="{{ listing[0]|length }}">+{{ ids|length - max_listed }} {{ T('more') }}</td></tr>{% endif %}
</table>{% if not loop.first %}</details>{% endif %}{% endif %}{% endfor %}{% endif %}{% endfor %}{% endfor %}

{% set ch = charts(ed) %}{% if ch['ranks'] or ch['scores'] %}
{% for svg in ch['ranks'] + ch['scores'] %}<section class="keep">{% if loop.first %}
<h3>{{ T('ranks') }} <span class="alt">/ {{ A('ranks') }}</span></h3>
<p class="meta">{{ T('legend') }} <span class="alt">/ {{ A('legend') }}</span></p>{% endif %}
<div class="charts"><figure>{{ svg | safe }}</figure></div></section>{% endfor %}{% endif %}
{% set main = main_award(ed) %}{% if main %}{% set comp = composition(ed, main.award) %}{% if comp %}
<section class="keep"><h3>{{ T('composition') }} <span class="alt">/ {{ A('composition') }}</span>: {{ lb(main.name) }}</h3>
<div class="charts">{% for svg in ch['composition'] %}<figure>{{ svg | safe }}</figure>{% endfor %}
<div class="tables">{% for field, crow in comp %}<table><tr><th>{{ field_label(field) }}</th><th class="n">A</th><th class="n">B</th><th class="n">Δ</th></tr>
{% for name, na, nb in crow %}<tr><td>{{ name }}</td><td class="n">{{ na }}</td><td class="n">{{ nb }}</td><td class="n {% if nb > na %}in{% elif nb < na %}out{% endif %}">{% if nb != na %}{{ '%+d' % (nb - na) }}{% endif %}</td></tr>{% endfor %}
</table>{% endfor %}</div></div></section>{% endif %}{% endif %}
{% endfor %}

{% if r.sweep_parameter %}<h2>{{ T('sweep') }} <span class="alt">/ {{ A('sweep') }}</span>: <code>{{ r.sweep_parameter }}</code></h2>
<p>{{ T('sweep_note') }} <span class="alt">/ {{ A('sweep_note') }}</span></p>
{% set sw = sweep_rows() %}<table><tr>{% for h in sw[0] %}<th{% if not loop.first %} class="n"{% endif %}>{{ h }}</th>{% endfor %}</tr>
{% for cells in sw[1] %}<tr>{% for x in cells %}<td{% if not loop.first %} class="n"{% endif %}>{{ x }}</td>{% endfor %}</tr>{% endfor %}</table>
{% set chart = sweep_chart() %}{% if chart %}<div class="charts"><figure>{{ chart | safe }}</figure></div>{% endif %}{% endif %}
</body></html>
"""


@functools.cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_TEMPLATE)


def render_html(report: WhatIfReport, lang: str = "id") -> str:
    """The report as one self-contained HTML file (inline CSS and SVG charts; no
    network needed to view it), labels in both languages, ``lang`` first."""
    try:
        import jinja2  # noqa: F401 - imported here to fail early with the hint below
        import markupsafe
        import matplotlib  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('HTML reports need the report extra: pip install "inovasi-rules[report]"') from exc
    tpl = _template()

    def tau_list(c: Comparison) -> list[tuple[str, float]]:
        names = {s.stage: s.name for s in c.stages}
        return [(names.get(sid, Label(sid)).text(lang), t) for sid, t in c.tau.items() if t is not None]

    def sweep_chart() -> str | None:
        import matplotlib

        with matplotlib.rc_context(RC):
            return _sweep_chart(report, lang)

    return str(tpl.render(
        r=report,
        lang=lang,
        css=_CSS,
        T=lambda k: _t(k, lang),
        A=lambda k: _alt(k, lang),
        bi=lambda k: (markupsafe.Markup('{} <span class="alt">{}</span>').format(_t(k, lang), _alt(k, lang))
                      if _t(k, lang) != _alt(k, lang) else _t(k, lang)),
        lb=lambda label: _label_bi(label, lang),
        fmt=_fmt,
        funnel_rows=lambda c: _funnel_rows(c, lang),
        warnings=_warnings,
        other="id" if lang == "en" else "en",
        num=lambda value, places=None: _num(value, lang, places),
        vw=lambda value: value_words(value, lang),
        head=_headline(report, lang),
        head_alt=_headline(report, "id" if lang == "en" else "en"),
        no_change=_no_change(report),
        repro=lambda rep: _repro_text(rep, lang),
        repro_alt=lambda rep: _repro_text(rep, "id" if lang == "en" else "en"),
        rows=lambda ed, a, ids: _listing(ed, a, ids, lang),
        charts=lambda ed: _charts(ed, lang),
        main_award=_main_award,
        composition=lambda ed, award: _composition(ed, award, lang),
        field_label=lambda f: _field_label(f, lang),
        tau_list=tau_list,
        sweep_rows=lambda: _sweep_rows(report, lang),
        sweep_chart=sweep_chart,
        noise=lambda ed: _noise_lines(report, ed, lang),
        noise_alt=lambda ed: _noise_lines(report, ed, "id" if lang == "en" else "en"),
        nz_beyond=lambda ed: [x for c in ed.noise for x in c.beyond_noise],
        max_changes=MAX_RULE_CHANGES,
        max_mismatches=MAX_MISMATCHES,
        max_listed=MAX_LISTED,
        shown_rows=SHOWN_ROWS,
    ))


# --------------------------------------------------------------------------- terminal


def parse_values(text: str) -> list[Any]:
    """``"5,10,15"`` -> ``[5, 10, 15]`` (each value read like a YAML scalar).

    >>> parse_values("5, 7.5,ya")
    [5, Decimal('7.5'), 'ya']
    """
    from .yamlpos import load_yaml, to_plain

    out = []
    for part in text.split(","):
        v = to_plain(load_yaml(part.strip() or "''", "--sweep"))
        out.append(Decimal(str(v)) if isinstance(v, float) else v)
    return out


def summarize(report: WhatIfReport, lang: str = "id") -> str:
    """A few lines for the terminal: per edition, the reproduction and per award who
    enters and leaves; then the sweep."""
    lines = list(_headline(report, lang))
    for ed in report.editions:
        c = ed.comparison
        lines.append(f"{ed.label} [{ed.edition}], {_num(ed.submissions, lang)} {_t('submissions', lang)}: "
                     f"A {ed.ruleset_a}, B {ed.ruleset_b}")
        mark = "" if ed.reproduction is None else "✔ " if ed.reproduction.reproduced else "✘ "
        lines.append(f"  {mark}{_repro_text(ed.reproduction, lang)}")
        if ed.reproduction is not None:
            for m in ed.reproduction.mismatches[:10]:
                lines.append(f"     {m.submission}: {m.what} {m.recorded} ≠ {m.computed}: {m.reason.text(lang)}")
            if len(ed.reproduction.mismatches) > 10:
                lines.append(f"     +{len(ed.reproduction.mismatches) - 10} {_t('more', lang)}")
        for a in c.awards:
            lines.append(f"  {a.name.text(lang)}: A {a.winners_a}, B {a.winners_b}; "
                         f"+{len(a.gained)} {_t('gained', lang)}, −{len(a.lost)} {_t('lost', lang)}")
            for key, ids in (("who_enters", a.gained), ("who_leaves", a.lost)):
                if ids:
                    shown = ", ".join(ids[:8]) + (f" (+{len(ids) - 8})" if len(ids) > 8 else "")
                    lines.append(f"     {_t(key, lang)}: {shown}")
        taus = [f"{sid} {_num(round(t, 3), lang, 3)}" for sid, t in c.tau.items() if t is not None]
        if taus:
            lines.append("  Kendall tau: " + ", ".join(taus))
        head, noise = _noise_lines(report, ed, lang)
        if head:
            lines.append(f"  {head}:")
            lines.extend(f"     {x}" for x in noise)
        if not c.changed:
            lines.append(f"  {_t(_no_change(report), lang)}")
        for stage, ids in ed.unscored.items():
            lines.append(f"  ⚠ {_num(len(ids), lang)} {_t('unscored_short', lang)}: {stage} "
                         f"({'tidak pernah dinilai di tahap ini' if lang == 'id' else 'never scored at this stage'})")
    if report.sweep_parameter:
        lines.append(f"{_t('sweep', lang)} {report.sweep_parameter} = "
                     + ", ".join(_fmt(p.value) for p in report.sweep) + ":")
        for label, cells in _sweep_lines(report, lang):
            lines.append(f"  {label}: " + "; ".join(cells))
    return "\n".join(lines)
