"""Helpers for the engine tests: small inline rulesets, editions built from tables, and a
hypothesis strategy that draws a ruleset variant together with an edition it fits.

Nothing here computes an expected value: tests do that by hand.
"""

from __future__ import annotations

import datetime
import functools
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from inovasi_rules import Edition, ReadLimits, Registry, Result, Ruleset, evaluate, loads_ruleset
from inovasi_rules.result import StageOutcome

__all__ = [
    "HEADER",
    "Case",
    "cases",
    "edition",
    "outcome",
    "reasons",
    "rows",
    "ruleset",
    "run",
    "shuffled",
    "single_criterion",
]

#: The lines every inline ruleset starts with.
HEADER = """\
schema_version: 1
id: {id}
name: {{id: "Uji", en: "Test"}}
level: regency
"""


@functools.lru_cache(maxsize=256)
def ruleset(body: str, id: str = "uji") -> Ruleset:
    """A ruleset from an inline YAML body (dedented; the header is added)."""
    text = HEADER.format(id=id) + textwrap.dedent(body)
    return loads_ruleset(text, file="uji.yaml", registry=Registry(bundled=False))


def single_criterion(
    stage_body: str, *, scale: str = "{min: 0, max: 100}", extra: str = ""
) -> Ruleset:
    """A ruleset with one assessment stage ``nilai`` scored on one criterion ``c``
    (weight 100), so a judge's total is the judge's score. ``stage_body`` is the rest
    of the stage mapping (indented by 4 spaces), e.g. ``judges: {aggregate: median}``."""
    body = (
        "rubrics:\n"
        "  - id: r\n"
        f"    scale: {scale}\n"
        "    criteria: [{id: c, weight: 100}]\n"
        "stages:\n"
        "  - id: nilai\n"
        "    kind: assessment\n"
        "    rubric: r\n"
        + textwrap.indent(textwrap.dedent(stage_body).strip("\n"), "    ")
        + "\n"
        + extra
    )
    return ruleset(body)


def rows(stage: str, table: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Score rows from ``{submission: {judge: score or {criterion: score}}}``; a bare
    number is the score on criterion ``c``."""
    out: list[dict[str, Any]] = []
    for sid, by_judge in table.items():
        for judge, value in by_judge.items():
            crits = value if isinstance(value, Mapping) else {"c": value}
            for crit, score in crits.items():
                out.append(
                    {
                        "submission_id": sid,
                        "stage": stage,
                        "judge_id": judge,
                        "criterion": crit,
                        "score": score,
                    }
                )
    return out


def edition(
    submissions: Iterable[Mapping[str, Any] | str],
    scores: Iterable[Mapping[str, Any]] = (),
    *,
    judges: Iterable[Mapping[str, Any]] | None = None,
    verdicts: Iterable[Mapping[str, Any]] = (),
    id: str = "edisi-uji",
    limits: ReadLimits | None = None,
) -> Edition:
    """An edition from records; a bare string is a submission with only an id."""
    subs = [{"id": s} if isinstance(s, str) else dict(s) for s in submissions]
    return Edition.from_records(
        id=id,
        submissions=subs,
        scores=list(scores),
        judges=None if judges is None else list(judges),
        verdicts=list(verdicts),
        limits=limits,
    )


def run(rs: Ruleset, ed: Edition) -> Result:
    """Evaluate without installed plugins (so the tests see only the built-in rules)."""
    return evaluate(rs, ed, load_entrypoints=False)


def outcome(result: Result, sid: str, stage: str) -> StageOutcome:
    """The outcome of ``sid`` at ``stage`` (fails the test when not reached)."""
    o = result.submission(sid).stage(stage)
    assert o is not None, f"{sid} did not reach {stage}"
    return o


def reasons(o: StageOutcome, rule: str) -> list[Any]:
    """The reasons of one rule at a stage outcome."""
    return [r for r in o.reasons if r.rule == rule]


def shuffled(ed: Edition, seed: int) -> Edition:
    """The same edition with submissions, judges, scores and verdicts in another order."""
    import random

    rnd = random.Random(seed)

    def mix(items: Sequence[Any]) -> tuple[Any, ...]:
        out = list(items)
        rnd.shuffle(out)
        return tuple(out)

    return attrs.evolve(
        ed,
        submissions=mix(ed.submissions),
        judges=mix(ed.judges),
        scores=mix(ed.scores),
        verdicts=mix(ed.verdicts),
    )


# ----------------------------------------------------------------------------- strategy

PROVINCES = ("banten", "ntt", "jatim")
CATEGORIES = ("kesehatan", "pendidikan")
AGENCIES = ("dinkes", "disdik", "bappeda", "dukcapil")
JUDGES = ("J1", "J2", "J3", "J4")
CRITERIA = ("kebaruan", "manfaat", "replikasi")


@attrs.frozen
class Case:
    """A drawn ruleset variant and an edition that fits it.

    :ivar aggregate: the first scored stage's aggregation method.
    :ivar top: seats at the first scored stage (overall or per group).
    :ivar per: the group field of the first scored stage's ``advance`` (or ``None``).
    :ivar ties: ``include_all`` or ``break``.
    :ivar threshold: the first scored stage's threshold, or ``None``.
    :ivar apportion: whether the seats are apportioned across provinces.
    """

    rs: Ruleset
    ed: Edition
    aggregate: str
    top: int
    per: str | None
    ties: str
    threshold: int | None
    apportion: bool


def _ruleset_text(
    aggregate: str,
    advance: str,
    cap: bool,
    conflicts: bool,
    places: int,
    mode: str,
    missing_verdict: str,
) -> str:
    cap_rule = (
        "  - id: cap\n"
        "    cap: {per: participant.agency, max: 3, keep: earliest_registered}\n"
        '    message: {id: "Paling banyak 3 per instansi", en: "At most 3 per agency"}\n'
        if cap
        else ""
    )
    conflict = (
        "      conflicts: [{judge: province, submission: participant.province}]\n"
        if conflicts
        else ""
    )
    return f"""\
rounding: {{places: {places}, mode: {mode}}}
categories:
  - {{id: kesehatan}}
  - {{id: pendidikan}}
eligibility:
  - id: status
    when: {{field: innovation.status, in: [berjalan, selesai]}}
    message: {{id: "Inovasi harus berjalan", en: "The innovation must be running"}}
{cap_rule}rubrics:
  - id: r
    scale: {{min: 0, max: 100}}
    criteria:
      - {{id: kebaruan, weight: 30}}
      - id: dampak
        weight: 70
        subcriteria: [{{id: manfaat, weight: 40}}, {{id: replikasi, weight: 30}}]
stages:
  - {{id: administrasi, kind: screening}}
  - id: proposal
    kind: assessment
    rubric: r
    judges:
      aggregate: {aggregate}
      trim: 1
      min: 2
      too_few: flag
      min_scored: 3
{conflict}    adjustments:
      - id: lama
        when: {{years_since: innovation.started, as_of: 2023-12-31, at_least: 2}}
        add: 2
        message: {{id: "Berjalan dua tahun", en: "Running two years"}}
    tie_break: [{{criterion: kebaruan}}, {{field: registered, order: asc}}]
    advance: {advance}
  - id: presentasi
    kind: presentation
    rubric: r
    judges: {{aggregate: mean, min: 1}}
    combine: {{proposal: 0.4, presentasi: 0.6}}
    advance: {{top: 2}}
  - {{id: observasi, kind: verification, missing_verdict: {missing_verdict}}}
awards:
  - {{id: juara, stage: observasi, rank: {{top: 1}}}}
  - {{id: finalis, stage: proposal}}
"""


@st.composite
def cases(
    draw: st.DrawFn,
    aggregates: Sequence[str] = ("mean", "median", "trimmed_mean", "normalised_mean"),
) -> Case:
    """A ruleset variant (aggregation, advancement rule, rounding, an agency cap,
    conflicts of interest) and an edition of 0-12 submissions scored by up to 4 judges."""
    aggregate = draw(st.sampled_from(list(aggregates)))
    top = draw(st.integers(1, 4))
    ties = draw(st.sampled_from(["include_all", "break"]))
    mode = draw(st.sampled_from(["plain", "per", "threshold", "apportion", "per_threshold"]))
    threshold = draw(st.integers(40, 80)) if "threshold" in mode else None
    per = "participant.province" if mode in ("per", "per_threshold") else None
    apportion = mode == "apportion"
    parts = [f"top: {top}", f"ties: {ties}"]
    if per:
        parts.append(f"per: {per}")
    if threshold is not None:
        parts.append(f"threshold: {threshold}")
    if apportion:
        parts.append("apportion: {by: participant.province, min_each: 1}")
    advance = "{" + ", ".join(parts) + "}"
    cap = draw(st.booleans())
    conflicts = draw(st.booleans())
    places = draw(st.integers(0, 2))
    rmode = draw(st.sampled_from(["half_up", "half_even", "down"]))
    missing_verdict = draw(st.sampled_from(["confirm", "drop", "flag"]))
    rs = ruleset(_ruleset_text(aggregate, advance, cap, conflicts, places, rmode, missing_verdict))

    n = draw(st.integers(0, 12))
    subs: list[dict[str, Any]] = []
    for i in range(n):
        subs.append(
            {
                "id": f"S{i:02d}",
                "category": draw(st.sampled_from(CATEGORIES)),
                "participant.province": draw(st.sampled_from((*PROVINCES, None))),
                "participant.agency": draw(st.sampled_from(AGENCIES)),
                "innovation.status": draw(st.sampled_from(["berjalan", "selesai", "rintisan"])),
                "innovation.started": draw(
                    st.dates(datetime.date(2019, 1, 1), datetime.date(2023, 6, 1))
                ),
                "registered": draw(
                    st.sampled_from([None, datetime.date(2023, 11, 1), datetime.date(2023, 11, 2)])
                ),
                "withdrawn": draw(st.integers(0, 9)) == 0,
            }
        )
    judges = [{"id": j, "province": draw(st.sampled_from(PROVINCES))} for j in JUDGES]
    # Scores on a coarse grid make ties (and so the tie-break chain) common.
    grid = st.integers(0, 20).map(lambda k: Decimal(k * 5))
    scores: list[dict[str, Any]] = []
    for s in subs:
        for stage in ("proposal", "presentasi"):
            for j in draw(st.lists(st.sampled_from(JUDGES), min_size=1, max_size=4, unique=True)):
                # now and then a judge leaves a criterion blank (that judge is then excluded)
                skip = draw(st.sampled_from((None,) * 9 + CRITERIA))
                for c in CRITERIA:
                    if c == skip:
                        continue
                    scores.append(
                        {
                            "submission_id": s["id"],
                            "stage": stage,
                            "judge_id": j,
                            "criterion": c,
                            "score": draw(grid),
                        }
                    )
    verdicts = [
        {"submission_id": s["id"], "stage": "observasi", "verdict": v}
        for s in subs
        if (v := draw(st.sampled_from([None, "terverifikasi", "gugur"]))) is not None
    ]
    ed = edition(subs, scores, judges=judges, verdicts=verdicts, id="edisi-acak")
    return Case(rs, ed, aggregate, top, per, ties, threshold, apportion)
