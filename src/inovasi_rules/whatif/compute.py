"""Making a what-if report: the rule diff and the replay of past editions under A and B."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..edition import Edition
from ..evaluation import evaluate
from ..result import Result, StageOutcome, SubmissionResult
from ..ruleset.codec import unstructure
from ..ruleset.model import Label, Ruleset
from ..ruleset.words import change_words
from ..synthetic import PROVINCES
from .history import (
    AwardChange,
    PastEdition,
    compare,
    decisive_reason,
    reason_label,
    reproduce,
    stage_scores,
    status_label,
)
from .model import RECORDED, EditionReport, RuleChange, ScoreSet, SweepPoint, WhatIfReport, _num

if TYPE_CHECKING:
    from ..robustness import RankConfidence


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
        from ..robustness import rank_confidence

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
            from ..robustness import changes_within_noise

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
