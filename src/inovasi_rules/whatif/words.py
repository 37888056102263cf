"""The words and lines every form of the report shares (from the message catalogue)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..messages import N_, Formatter
from ..ruleset.model import Label
from .compute import _fmt
from .history import (
    AwardChange,
    Comparison,
    Reproduction,
    StageChange,
)
from .model import MAX_LISTED, EditionReport, SweepPoint, WhatIfReport, _num

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
    from ..robustness import describe_noise

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
