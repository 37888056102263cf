"""YAML test cases for rulesets: a few submissions and the outcome a ruleset must give.

In the spirit of OpenFisca's YAML tests, a file ``<ruleset>.test.yaml`` next to a
ruleset says what the rules must do, in terms a regional government's staff can check
against their regulation::

    ruleset: kipp-2019            # an id, or a file relative to this one
    defaults:                     # fields every submission below gets
      sdgs: [3]
    cases:
      - name: "umur 1 tahun pas: diterima / exactly 1 year: admitted"
        submissions:
          - id: A
            innovation.started: 2018-04-21
            expect: {eligible: true}
      - name: "kurang dari 1 tahun: ditolak / under 1 year: rejected"
        submissions:
          - id: B
            innovation.started: 2018-04-22
            expect:
              eligible: false
              rejected_by: [implemented-long-enough]
              message: {id: "sedikitnya 1 tahun", en: "at least 1 year"}

A submission names only the fields that matter to the case; every other field gets a
value that meets the ruleset's eligibility rules (its first participant kind, first
category and group, a start date old enough, a registration date on the closing day,
...), so a case changes one thing at a time. ``inovasi-rules test --defaults FILE``
prints those values. Scores are compact: ``scores: {proposal: 80}`` has every judge
give 80 on every criterion. The format is described field by field in
``inovasi_rules/schema/cases.schema.json`` (:func:`cases_schema`).

Run the cases with ``inovasi-rules test PATH`` or ``pytest PATH`` (the pytest plugin
of this package collects ``*.test.yaml``); from Python::

    from inovasi_rules.cases import load_case_file, run_case_file, measure_coverage
    case_file = load_case_file("rulesets/kipp/kipp-2019.test.yaml")
    results = run_case_file(case_file)
    coverage = measure_coverage(case_file.ruleset, results)

**Coverage** lists each eligibility rule, bonus or penalty, stage selection,
field verification and award of the ruleset (inherited ones included) and whether some
case saw it admit an entry and some case saw it turn one down.
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from . import model as m
from .edition import MISSING, VERDICT_WORDS, Edition
from .errors import (
    CaseFileError,
    EditionError,
    EvaluationError,
    PluginError,
    Problem,
    RulesetError,
)
from .evaluation import evaluate
from .messages import N_, Formatter
from .model import Label, Ruleset
from .parameters import check_parameter
from .result import Reason, Result, SubmissionResult
from .validation import _schema_problems, _Validator
from .yamlpos import Node, PathKey, format_path, load_yaml, to_plain

__all__ = [
    "CASE_FILE_SUFFIXES",
    "Case",
    "CaseFile",
    "CaseFileError",
    "CaseResult",
    "CaseSubmission",
    "Coverage",
    "CoverageItem",
    "Expectation",
    "MessageCheck",
    "Mismatch",
    "case_defaults",
    "cases_schema",
    "find_case_files",
    "format_case_result",
    "format_coverage",
    "load_case_file",
    "measure_coverage",
    "plugin_manager_for_cases",
    "run_case",
    "run_case_file",
]

#: File names that hold test cases.
CASE_FILE_SUFFIXES = (".test.yaml", ".test.yml")

#: Keys of a submission entry that are not submission fields.
_RESERVED = ("id", "copies", "scores", "verdicts", "expect")
#: In a criterion -> score mapping, the key that scores every criterion not named.
_OTHERS = ("others", "lainnya")
_SCORED = ("assessment", "presentation")
#: The edition id of every case (it seeds the tie-break lottery, so it never changes).
EDITION_ID = "test-case"


def cases_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a test-case file, as a dict."""
    text = (
        resources.files("inovasi_rules")
        .joinpath("schema/cases.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


_validator: Any = None


def _get_validator() -> Any:
    global _validator
    if _validator is None:
        from jsonschema import Draft202012Validator

        _validator = _Validator(cases_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _validator


# --------------------------------------------------------------------------- model


@attrs.frozen
class MessageCheck:
    """Text that must appear in what an entry was told: an eligibility rule that
    turned it down, a bonus or penalty it was given, or another decision (selection,
    ties, judges, field verification).

    ``id`` must be found in the Indonesian text, ``en`` in the English text, ``either``
    in one of the two (a plain string in the case file). Matching ignores case and
    runs of spaces.
    """

    id: str | None = None
    en: str | None = None
    either: str | None = None

    def show(self) -> str:
        """The check as written, for a report."""
        if self.either is not None:
            return repr(self.either)
        parts = [f"id: {self.id!r}" if self.id else "", f"en: {self.en!r}" if self.en else ""]
        return "{" + ", ".join(p for p in parts if p) + "}"


@attrs.frozen
class Expectation:
    """What a case expects of one submission; ``None`` (or empty) means "not checked".

    :ivar eligible: passed every eligibility rule (``True``) or not (``False``).
    :ivar rejected_by: exactly the eligibility rules that turned it down.
    :ivar messages: texts that must appear in the reasons it was turned down.
    :ivar reaches: the last stage reached.
    :ivar advances: stages it must have passed.
    :ivar status: the status at the last stage reached (a string), or per stage.
    :ivar rank: the rank at the last ranked stage reached, or per stage.
    :ivar score: the final score at the last scored stage reached, or per stage.
    :ivar adjustments: exactly the bonuses and penalties applied (any stage).
    :ivar awards: exactly the awards received.
    """

    eligible: bool | None = None
    rejected_by: tuple[str, ...] | None = None
    messages: tuple[MessageCheck, ...] = ()
    reaches: str | None = None
    advances: tuple[str, ...] = ()
    status: str | Mapping[str, str] | None = None
    rank: int | Mapping[str, int] | None = None
    score: Decimal | Mapping[str, Decimal] | None = None
    adjustments: tuple[str, ...] | None = None
    awards: tuple[str, ...] | None = None


@attrs.frozen
class CaseSubmission:
    """One submission entry of a case, as written (before defaults are filled in).

    :ivar fields: the fields written for it, flat (``participant.kind``), ``None``
        for a field written empty.
    :ivar scores: per stage, ``(judge, criterion, score)`` rows (compact forms expanded).
    :ivar verdicts: per verification stage, ``(verdict, note)``.
    :ivar copies: how many copies to make (ids ``<id>-1`` ...), 1 for just itself.
    """

    id: str
    fields: Mapping[str, Any]
    scores: Mapping[str, tuple[tuple[str, str, Decimal], ...]] = attrs.field(factory=dict)
    verdicts: Mapping[str, tuple[str, str | None]] = attrs.field(factory=dict)
    copies: int = 1
    expect: Expectation | None = None
    line: int | None = None
    #: Where it is written in the case file, e.g. ``cases[2].submissions[0]``.
    path: str = ""
    node: Node | None = attrs.field(default=None, eq=False, repr=False)

    def ids(self) -> list[str]:
        """The submission ids this entry makes (its copies, or itself)."""
        if self.copies == 1:
            return [self.id]
        return [f"{self.id}-{k}" for k in range(1, self.copies + 1)]


@attrs.frozen
class Case:
    """One test case: submissions (and judges), parameter overrides, expectations."""

    name: Label
    file: str
    line: int
    submissions: tuple[CaseSubmission, ...]
    parameters: Mapping[str, Any] = attrs.field(factory=dict)
    judges: tuple[Mapping[str, Any], ...] | None = None
    description: Label | None = None
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    node: Node | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def location(self) -> str:
        """``file:line`` of the case."""
        return f"{self.file}:{self.line}"

    def title(self, lang: str = "id") -> str:
        """The case's name in ``lang``."""
        return self.name.text(lang)


@attrs.frozen
class CaseFile:
    """A loaded test-case file: the ruleset it tests and its cases."""

    path: str
    ruleset: Ruleset
    cases: tuple[Case, ...]
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    description: Label | None = None


@attrs.frozen
class Mismatch:
    """One expectation a submission did not meet."""

    submission: str
    what: str
    expected: str
    actual: str


@attrs.frozen
class CaseResult:
    """The outcome of running one case.

    :ivar mismatches: the expectations not met (empty when the case passed).
    :ivar problems: errors that stopped the case (the data did not fit the ruleset).
    :ivar result: the engine's result, when the evaluation ran.
    """

    case: Case
    mismatches: tuple[Mismatch, ...] = ()
    problems: tuple[Problem, ...] = ()
    result: Result | None = None
    seconds: float = 0.0

    @property
    def outcome(self) -> str:
        """``"pass"``, ``"fail"`` or ``"error"``."""
        if self.problems:
            return "error"
        return "fail" if self.mismatches else "pass"

    @property
    def passed(self) -> bool:
        """True when every expectation was met."""
        return self.outcome == "pass"


# --------------------------------------------------------------------------- loading


def _flatten(value: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in value.items():
        name = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(_flatten(v, f"{name}."))
        else:
            out[name] = v
    return out


def _label(value: Any) -> Label:
    if isinstance(value, Mapping):
        return Label(str(value["id"]), value.get("en"))
    return Label(str(value))


def _listing(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "-"


def _at(root: Node, path: Sequence[PathKey]) -> Node:
    """The node at ``path`` (the path exists: the schema has been checked)."""
    node = root
    for part in path:
        nxt = node.get(part) if isinstance(part, str) else node.seq[part] if node.kind == "seq" else None
        if nxt is None:
            return node
        node = nxt
    return node


class _Builder:
    """Checks a schema-valid case file against its ruleset and builds the cases."""

    def __init__(self, ruleset: Ruleset, root: Node, file: str) -> None:
        self.rs = ruleset
        self.root = root
        self.file = file
        self.problems: list[Problem] = []
        self.stages = {s.id: s for s in ruleset.stages}
        self.rules = [e.id for e in ruleset.eligibility]
        self.adjustments = sorted({a.id for s in ruleset.stages for a in s.adjustments})
        self.awards = [a.id for a in ruleset.awards]

    def err(self, path: Sequence[PathKey], message: str, hint: str | None = None, *,
            rule: str = "case", key: bool = False) -> None:
        mark = self.root.locate(path, key=key)
        self.problems.append(Problem(message, mark.file, mark.line, mark.column,
                                     path=format_path(path), hint=hint, rule=rule))

    def known(self, path: Sequence[PathKey], value: str, options: Sequence[str], what: str,
              apa: str, *, key: bool = False) -> bool:
        if value in options:
            return True
        close = difflib.get_close_matches(value, list(options), n=2, cutoff=0.6)
        hint = (f"did you mean {' or '.join(repr(c) for c in close)}? / maksud Anda {close[0]!r}?"
                if close else f"{what}s of ruleset {self.rs.id}: {_listing(options)}")
        self.err(path, f"unknown {what} {value!r} / {apa} {value!r} tidak ada di ruleset {self.rs.id}",
                 hint, rule="unknown-reference", key=key)
        return False

    # ------------------------------------------------------------------ file

    def build(self, plain: Mapping[str, Any]) -> tuple[Case, ...]:
        defaults = _flatten(plain.get("defaults") or {})
        cases: list[Case] = []
        seen: dict[str, int] = {}
        for ci, raw in enumerate(plain["cases"]):
            path: list[PathKey] = ["cases", ci]
            case = self.case(path, raw, defaults)
            key = case.name.id.casefold()
            if key in seen:
                self.err([*path, "name"], f"two cases are named {case.name.id!r} (also at line {seen[key]}) "
                         "/ dua kasus bernama sama", "give each case a name of its own", rule="duplicate")
            seen.setdefault(key, case.line)
            cases.append(case)
        return tuple(cases)

    def case(self, path: list[PathKey], raw: Mapping[str, Any], defaults: Mapping[str, Any]) -> Case:
        node = _at(self.root, path)
        params = dict(raw.get("parameters") or {})
        for name, value in params.items():
            if self.known([*path, "parameters", name], name, sorted(self.rs.parameters),
                          "parameter", "parameter", key=True):
                # the check --set and edition.yaml get: a mistyped value never runs
                params[name], found = check_parameter(name, value, self.rs.parameter_type(name))
                for message, hint in found:
                    self.err([*path, "parameters", name], message, hint, rule="parameter-type")
        judges: tuple[dict[str, Any], ...] | None = None
        if raw.get("judges") is not None:
            js: list[dict[str, Any]] = []
            seen: set[str] = set()
            for ji, j in enumerate(raw["judges"]):
                jd = dict(j)
                jd["id"] = str(jd["id"])
                if jd["id"] in seen:
                    self.err([*path, "judges", ji, "id"], f"judge {jd['id']!r} is listed twice / juri ganda",
                             rule="duplicate")
                seen.add(jd["id"])
                js.append(jd)
            judges = tuple(js)
        subs: list[CaseSubmission] = []
        ids: set[str] = set()
        for si, s in enumerate(raw["submissions"]):
            sub = self.submission([*path, "submissions", si], si, s, judges)
            for sid in sub.ids():
                if sid in ids:
                    self.err([*path, "submissions", si], f"submission id {sid!r} is used twice in this case "
                             "/ id pengajuan ganda", "give each submission an id of its own", rule="duplicate")
                ids.add(sid)
            subs.append(sub)
        if not any(s.expect is not None for s in subs):
            self.err([*path, "name"], "this case expects nothing, so it cannot fail "
                     "/ kasus ini tidak mengharapkan apa pun",
                     "add `expect:` to a submission, e.g. `expect: {eligible: true}`", rule="no-expectation")
        return Case(
            _label(raw["name"]), self.file, node.mark.line, tuple(subs), params, judges,
            _label(raw["description"]) if raw.get("description") is not None else None,
            defaults, node,
        )

    # ------------------------------------------------------------------ submissions

    def submission(self, path: list[PathKey], index: int, raw: Mapping[str, Any],
                   judges: Sequence[Mapping[str, Any]] | None) -> CaseSubmission:
        node = _at(self.root, path)
        sid = str(raw["id"]) if raw.get("id") is not None else f"S{index + 1}"
        fields = _flatten({k: v for k, v in raw.items() if k not in _RESERVED})
        scores: dict[str, tuple[tuple[str, str, Decimal], ...]] = {}
        for stage_id, value in (raw.get("scores") or {}).items():
            spath = [*path, "scores", stage_id]
            stage = self.stages.get(stage_id)
            scored = [s for s, st in self.stages.items() if st.kind in _SCORED and st.rubric]
            if stage is None:
                self.known(spath, stage_id, scored, "scored stage", "tahap penilaian", key=True)
                continue
            if stage.kind not in _SCORED or not stage.rubric:
                self.err(spath, f"stage {stage_id!r} is not scored with a rubric / tahap ini tidak dinilai",
                         f"scored stages: {_listing(scored)}", key=True)
                continue
            scores[stage_id] = tuple(self.expand(spath, stage, value, judges))
        verdicts: dict[str, tuple[str, str | None]] = {}
        for stage_id, value in (raw.get("verdicts") or {}).items():
            vpath = [*path, "verdicts", stage_id]
            checks = [s for s, st in self.stages.items() if st.kind == "verification"]
            if stage_id not in checks:
                self.known(vpath, stage_id, checks, "verification stage", "tahap verifikasi", key=True)
                continue
            word, note = (value["verdict"], value.get("note")) if isinstance(value, Mapping) else (value, None)
            if " ".join(str(word).replace("_", " ").replace("-", " ").lower().split()) not in VERDICT_WORDS:
                self.err(vpath, f"{word!r} is not a verdict / bukan hasil verifikasi",
                         f"write one of: {', '.join(VERDICT_WORDS)}")
                continue
            verdicts[stage_id] = (str(word), note)
        expect = self.expectation([*path, "expect"], raw["expect"]) if raw.get("expect") else None
        return CaseSubmission(sid, fields, scores, verdicts, int(raw.get("copies") or 1), expect,
                              node.mark.line, format_path(path), node)

    def expand(self, path: list[PathKey], stage: m.Stage, value: Any,
               declared: Sequence[Mapping[str, Any]] | None) -> Iterator[tuple[str, str, Decimal]]:
        rubric = self.rs.rubric(stage.rubric or "")
        leaves = rubric.leaves()
        scales = rubric.leaf_scales()
        declared_ids = [str(j["id"]) for j in declared] if declared is not None else None
        every = declared_ids or [f"J{k}" for k in range(1, max(stage.judges.min, 1) + 1)]

        def number(p: list[PathKey], v: Any, crits: Sequence[str] = leaves) -> Decimal | None:
            d = Decimal(v)
            off = [scales[c] for c in crits if d < scales[c].min or d > scales[c].max]
            if off:
                lo, hi = off[0].min, off[0].max
                self.err(p, f"score {v} is off the scale {lo}–{hi} of rubric {rubric.id!r} "
                         "/ nilai di luar skala", "correct the score")
                return None
            return d

        def criteria(p: list[PathKey], v: Any) -> dict[str, Decimal]:
            if not isinstance(v, Mapping):
                d = number(p, v)
                return {} if d is None else dict.fromkeys(leaves, d)
            out: dict[str, Decimal] = {}
            others = next((v[k] for k in _OTHERS if k in v), None)
            for crit, score in v.items():
                if crit in _OTHERS:
                    continue
                if self.known([*p, crit], crit, leaves, "criterion", "kriteria", key=True):
                    d = number([*p, crit], score, [crit])
                    if d is not None:
                        out[crit] = d
            rest = [c for c in leaves if c not in v]
            if others is not None:
                d = number([*p, next(k for k in _OTHERS if k in v)], others, rest)
                if d is not None:
                    out.update(dict.fromkeys(rest, d))
            elif rest:
                self.err(p, f"no score for {', '.join(rest)} / kriteria belum dinilai",
                         "score every criterion, or add `others: <score>` for the rest")
            return out

        def rows(judge: str, crits: Mapping[str, Decimal]) -> Iterator[tuple[str, str, Decimal]]:
            for c in leaves:
                if c in crits:
                    yield judge, c, crits[c]

        if isinstance(value, list):
            if declared_ids is not None and len(value) > len(declared_ids):
                self.err(path, f"{len(value)} scores but only {len(declared_ids)} judges in `judges` "
                         "/ nilai lebih banyak dari juri", "one score per judge, in the order of `judges`")
                return
            names = declared_ids or [f"J{k}" for k in range(1, len(value) + 1)]
            for k, item in enumerate(value):
                yield from rows(names[k], criteria([*path, k], item))
            return
        # A mapping naming no criterion is keyed by judge; one naming a criterion (or
        # `others`) is a criterion -> score mapping, and a key it does not know is a typo.
        if isinstance(value, Mapping) and not any(k in leaves or k in _OTHERS for k in value):
            for judge, item in value.items():
                jid = str(judge)
                if declared_ids is not None and not self.known([*path, judge], jid, declared_ids, "judge",
                                                               "juri", key=True):
                    continue
                yield from rows(jid, criteria([*path, judge], item))
            return
        crits = criteria(path, value)
        for judge in every:
            yield from rows(judge, crits)

    # ------------------------------------------------------------------ expectations

    def expectation(self, path: list[PathKey], raw: Mapping[str, Any]) -> Expectation:
        stage_ids = list(self.stages)

        def stage(p: list[PathKey], sid: str, *, key: bool = False) -> None:
            self.known(p, sid, stage_ids, "stage", "tahap", key=key)

        def per_stage(name: str, conv: Any) -> Any:
            v = raw.get(name)
            if v is None:
                return None
            if isinstance(v, Mapping):
                for sid in v:
                    stage([*path, name, sid], sid, key=True)
                return {sid: conv(x) for sid, x in v.items()}
            return conv(v)

        rejected = raw.get("rejected_by")
        rejected_t: tuple[str, ...] | None = None
        if rejected is not None:
            rejected_t = (rejected,) if isinstance(rejected, str) else tuple(rejected)
            if not self.rs.plugins:
                for i, r in enumerate(rejected_t):
                    self.known([*path, "rejected_by"] + ([i] if not isinstance(rejected, str) else []), r,
                               self.rules, "eligibility rule", "syarat")
        messages: list[MessageCheck] = []
        msg = raw.get("message")
        for item in (msg if isinstance(msg, list) else [msg] if msg is not None else []):
            if isinstance(item, Mapping):
                messages.append(MessageCheck(item.get("id"), item.get("en")))
            else:
                messages.append(MessageCheck(either=str(item)))
        if raw.get("reaches") is not None:
            stage([*path, "reaches"], raw["reaches"])
        adv = raw.get("advances")
        advances = (adv,) if isinstance(adv, str) else tuple(adv or ())
        for i, a in enumerate(advances):
            stage([*path, "advances"] + ([i] if not isinstance(adv, str) else []), a)
        adjustments = raw.get("adjustments")
        if adjustments is not None and not self.rs.plugins:
            for i, a in enumerate(adjustments):
                self.known([*path, "adjustments", i], a, self.adjustments, "adjustment", "penyesuaian nilai")
        award = raw.get("award")
        awards: tuple[str, ...] | None = None
        if award is not None:
            awards = () if award is False else (award,) if isinstance(award, str) else tuple(award)
            if not self.rs.plugins:
                for i, a in enumerate(awards):
                    self.known([*path, "award"] + ([i] if isinstance(award, list) else []), a,
                               self.awards, "award", "penghargaan")
        return Expectation(
            eligible=raw.get("eligible"),
            rejected_by=rejected_t,
            messages=tuple(messages),
            reaches=raw.get("reaches"),
            advances=advances,
            status=per_stage("status", str),
            rank=per_stage("rank", int),
            score=per_stage("score", lambda x: Decimal(x)),
            adjustments=tuple(adjustments) if adjustments is not None else None,
            awards=awards,
        )


def _ruleset_target(ref: str, case_path: Path, registry: Any, root: Node) -> str | Path:
    """What ``ruleset:`` names: a registry id, or a ``.yaml`` file inside the case
    file's own folder tree. Anything else (an absolute path, ``..`` out of the folder,
    a link that leads out of it) is refused before it is opened, so a case file cannot
    make the loader read, or its errors show, a file elsewhere."""
    mark = root.locate(["ruleset"])
    if not ref.endswith((".yaml", ".yml")) and "/" not in ref and "\\" not in ref:
        if ref in registry:
            return Path(registry.path_of(ref))
        close = registry.suggest(ref)
        raise CaseFileError([
            Problem(f"the ruleset {ref[:60]!r} cannot be loaded: no ruleset has this id "
                    f"/ ruleset {ref[:60]!r} tidak dapat dimuat: tidak ada ruleset dengan id ini",
                    os.fspath(case_path), mark.line, mark.column, path="ruleset",
                    hint=(f"did you mean {' or '.join(repr(c) for c in close)}? / maksud Anda "
                          f"{' atau '.join(repr(c) for c in close)}?" if close else
                          "run `inovasi-rules list` to see the known rulesets / lihat "
                          "`inovasi-rules list`"), rule="ruleset"),
        ])
    folder = case_path.parent.resolve()
    candidate = Path(ref)
    inside = False
    if not candidate.is_absolute() and not ref.startswith(("/", "\\")) and ":" not in ref:
        try:
            inside = (folder / candidate).resolve().is_relative_to(folder)
        except (OSError, RuntimeError):
            inside = False
    if inside and ref.endswith((".yaml", ".yml")):
        return case_path.parent / ref
    shown = ref if len(ref) <= 60 else f"{ref[:40]}…{ref[-10:]}"
    raise CaseFileError([
        Problem(f"the ruleset must be an id or a .yaml file inside this file's folder; {shown!r} "
                f"is not / ruleset harus berupa id atau berkas .yaml di dalam folder berkas ini; "
                f"{shown!r} bukan",
                os.fspath(case_path), mark.line, mark.column, path="ruleset",
                hint="write a ruleset id (`inovasi-rules list`), or put the ruleset next to this "
                "file (or in a folder below it) and write its name / tulis id ruleset, atau "
                "letakkan ruleset di folder yang sama", rule="ruleset-path"),
    ])


def load_case_file(path: str | os.PathLike[str], *, registry: Any = None) -> CaseFile:
    """Read a test-case file and the ruleset it names, and check one against the other.

    ``ruleset:`` is a registry id or a ``.yaml`` file inside the case file's own folder
    tree; a path out of it is refused unopened (``ruleset-path``).

    :param registry: a :class:`~inovasi_rules.Registry` for ruleset ids; by default the
        bundled rulesets, installed plugins' rulesets and the case file's own folder.
    :raises CaseFileError: listing every problem, each with file, line and column.
    """
    from .loading import load_ruleset
    from .plugins import default_registry

    file = os.fspath(path)
    p = Path(file)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CaseFileError([Problem(f"cannot read the file: {exc.strerror} / berkas tidak dapat dibaca",
                                     file, rule="not-found")]) from None
    try:
        root = load_yaml(data, file)
    except RulesetError as exc:
        raise CaseFileError(exc.problems) from None
    plain = to_plain(root)
    problems = [pr for err in _get_validator().iter_errors(plain) for pr in _schema_problems(err, root)]
    if problems:
        raise CaseFileError(problems)
    assert isinstance(plain, dict)
    ref = str(plain["ruleset"])
    reg = (registry or default_registry()).with_directories(p.parent)
    target = _ruleset_target(ref, p, reg, root)
    try:
        ruleset = load_ruleset(target, registry=reg)
    except RulesetError as exc:
        mark = root.locate(["ruleset"])
        raise CaseFileError([
            Problem(f"the ruleset {ref!r} cannot be loaded / ruleset {ref!r} tidak dapat dimuat",
                    file, mark.line, mark.column, path="ruleset",
                    hint="write a ruleset id (`inovasi-rules list`) or a file next to this one; "
                    "the ruleset's own problems follow", rule="ruleset"),
            *exc.errors,
        ]) from None
    builder = _Builder(ruleset, root, file)
    cases = builder.build(plain)
    if builder.problems:
        raise CaseFileError(builder.problems)
    return CaseFile(
        file, ruleset, cases, _flatten(plain.get("defaults") or {}),
        _label(plain["description"]) if plain.get("description") is not None else None,
    )


def find_case_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The test-case files among ``paths``: files as given, folders searched
    recursively for ``*.test.yaml``; sorted, each once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        found = sorted(q for q in p.rglob("*") if q.is_file() and q.name.endswith(CASE_FILE_SUFFIXES)) \
            if p.is_dir() else [p]
        for q in found:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


# --------------------------------------------------------------------------- defaults


def _shift(date: datetime.date, years: int = 0, months: int = 0, days: int = 0) -> datetime.date:
    """``date`` moved back by whole years, months and days (the 31st becomes the last
    day of a shorter month)."""
    total = date.year * 12 + date.month - 1 - years * 12 - months
    y, mo = divmod(total, 12)
    day = date.day
    while True:
        try:
            out = datetime.date(y, mo + 1, day)
            break
        except ValueError:
            day -= 1
    return out - datetime.timedelta(days=days)


class _Defaults:
    """Fills the fields a case did not write with values that meet the eligibility
    rules, as far as a rule says plainly what it wants."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.rs = ruleset
        self.params = ruleset.parameters
        self.waves = {w.id: w for w in ruleset.waves}
        self.wave_of = {r.casefold(): w for w in ruleset.waves for r in w.regions}

    def value(self, path: str, rec: Mapping[str, Any]) -> Any:
        if path in rec:
            v = rec[path]
            return MISSING if v is None else v
        if path.startswith("wave"):
            w = self.waves.get(str(rec.get("wave"))) if rec.get("wave") else None
            if w is None:
                key = rec.get(self.rs.wave_by)
                w = self.wave_of.get(str(key).casefold()) if key is not None else None
            if w is None:
                return MISSING
            return {"wave": w.id, "wave.opens": w.opens, "wave.closes": w.closes,
                    "wave.name": w.name or Label(w.id)}.get(path, MISSING) or MISSING
        return MISSING

    def operand(self, v: Any, rec: Mapping[str, Any]) -> Any:
        if isinstance(v, m.Param):
            return self.params.get(v.name, MISSING)
        if isinstance(v, m.Field):
            return self.value(v.path, rec)
        if isinstance(v, m.Lookup):
            table = self.params.get(v.table)
            key = self.value(v.key, rec)
            if isinstance(table, Mapping) and key is not MISSING and key in table:
                return table[key]
            return self.operand(v.default, rec) if v.default is not None else MISSING
        return v

    def parts(self, cond: m.Condition | None) -> Iterator[m.Compare]:
        if isinstance(cond, m.Compare):
            yield cond
        elif isinstance(cond, m.AllOf):
            for c in cond.conditions:
                yield from self.parts(c)

    def fill_rules(self, rec: dict[str, Any]) -> None:
        ages: dict[str, datetime.date] = {}
        for rule in self.rs.eligibility:
            for c in self.parts(rule.when):
                if isinstance(c.subject, m.Since) and c.op in ("at_least", "greater_than"):
                    self.age(c, rec, ages)
                    continue
                if not isinstance(c.subject, m.Field) or c.subject.path in rec or c.op is None:
                    continue
                want = self.operand(c.value, rec) if c.op != "exists" else MISSING
                if want is MISSING or want is None:
                    continue
                if c.op in ("in", "between"):
                    if isinstance(want, (list, tuple)) and want:
                        rec[c.subject.path] = want[0]
                elif c.op in ("equals", "at_most", "at_least") and not isinstance(
                    want, (list, tuple, Mapping)
                ):
                    rec[c.subject.path] = want
        rec.update(ages)

    def age(self, c: m.Compare, rec: Mapping[str, Any], ages: dict[str, datetime.date]) -> None:
        s = c.subject
        assert isinstance(s, m.Since)
        if s.path in rec or s.as_of is None:
            return
        as_of = self.operand(s.as_of, rec)
        n = self.operand(c.value, rec)
        if not isinstance(as_of, datetime.date) or isinstance(n, bool) or not isinstance(n, (int, Decimal)):
            return
        k = int(n) + (1 if c.op == "greater_than" else 0)
        start = _shift(as_of, **{s.unit: k})
        if s.path not in ages or start < ages[s.path]:
            ages[s.path] = start

    def fill(self, rec: dict[str, Any]) -> dict[str, Any]:
        sid = str(rec.get("id"))
        rec.setdefault("title", f"Inovasi {sid}")
        rec.setdefault("participant.agency", f"Instansi {sid}")
        self.fill_rules(rec)
        firsts = (
            ("participant.kind", self.rs.participant_kinds),
            ("group", self.rs.groups),
        )
        for path, items in firsts:
            if path not in rec and items:
                rec[path] = items[0].id
        if self.rs.wave_by not in rec and self.rs.waves and self.rs.waves[0].regions:
            rec[self.rs.wave_by] = self.rs.waves[0].regions[0]
        self.fill_rules(rec)
        if "category" not in rec and self.rs.categories:
            rec["category"] = self.rs.categories[0].id
        return rec


def case_defaults(ruleset: Ruleset, fields: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The submission record a case builds from ``fields`` (flat or nested): the
    fields given, then values that meet the ruleset's eligibility rules for the others.

    Filled in: ``title`` and ``participant.agency`` (unique per submission, so no cap
    or conflict of interest applies by accident); a field a rule compares with a value
    (``equals``, the first of ``in``, the limit of ``at_most``/``at_least``, a value
    looked up by another field, a date of the submission's wave); a start date old
    enough for every ``years_since`` rule; then the ruleset's first participant kind,
    group, wave region and category. A field given as ``None`` stays missing.
    """
    rec = _flatten(dict(fields or {}))
    rec.setdefault("id", "S1")
    return _Defaults(ruleset).fill(rec)


# --------------------------------------------------------------------------- running


def _records(case: Case, ruleset: Ruleset) -> tuple[list[dict[str, Any]], list[int]]:
    filler = _Defaults(ruleset)
    records: list[dict[str, Any]] = []
    origin: list[int] = []
    for i, sub in enumerate(case.submissions):
        for sid in sub.ids():
            rec = dict(case.defaults)
            rec.update(sub.fields)
            rec["id"] = sid
            records.append(filler.fill(rec))
            origin.append(i)
    return records, origin


def _locate(problem: Problem, case: Case, origin: Sequence[int]) -> Problem:
    """An edition problem (``submissions[3].innovation.started``) placed at the line of
    the case file where the value was written."""
    path = problem.path
    node: Node | None = case.node
    where = path
    if path.startswith("submissions[") and "]" in path:
        k = int(path[len("submissions["):path.index("]")])
        field = path[path.index("]") + 1:].lstrip(".")
        if 0 <= k < len(origin):
            sub = case.submissions[origin[k]]
            node = sub.node
            where = f"{sub.path}.{field}" if field else sub.path
            if sub.node is not None and field:
                written = sub.node.get(field)
                if written is None and "." in field:
                    head, _, rest = field.partition(".")
                    parent = sub.node.get(head)
                    written = parent.get(rest) if parent is not None else None
                if written is not None:
                    node = written
    mark = node.mark if node is not None else None
    return attrs.evolve(problem, file=case.file, line=mark.line if mark else case.line,
                        column=mark.column if mark else None, path=where)


def run_case(case: Case, ruleset: Ruleset, *, plugins: Iterable[Any] = (),
             load_entrypoints: bool | None = None, plugin_manager: Any = None) -> CaseResult:
    """Evaluate one case under ``ruleset`` (with the case's parameter overrides) and
    compare the outcome with what the case expects.

    ``plugins``, ``load_entrypoints`` and ``plugin_manager`` are passed to
    :func:`~inovasi_rules.evaluate` (a ready plugin manager saves finding the installed
    plugins again for every case)."""
    start = time.perf_counter()
    rs = ruleset.with_parameters(**case.parameters) if case.parameters else ruleset
    records, origin = _records(case, rs)
    scores: list[dict[str, Any]] = []
    verdicts: list[dict[str, Any]] = []
    for sub in case.submissions:
        for sid in sub.ids():
            for stage_id, rows in sub.scores.items():
                scores.extend({"submission_id": sid, "stage": stage_id, "judge_id": j, "criterion": c,
                               "score": v} for j, c, v in rows)
            for stage_id, (word, note) in sub.verdicts.items():
                verdicts.append({"submission_id": sid, "stage": stage_id, "verdict": word, "note": note})
    try:
        edition = Edition.from_records(
            id=EDITION_ID, ruleset=rs.id, submissions=records, scores=scores, verdicts=verdicts,
            judges=[dict(j) for j in case.judges] if case.judges is not None else None,
        )
        result = evaluate(rs, edition, plugins=plugins, load_entrypoints=load_entrypoints,
                          plugin_manager=plugin_manager)
    except (EditionError, EvaluationError) as exc:
        located = tuple(_locate(p, case, origin) for p in exc.errors)
        return CaseResult(case, problems=located, seconds=time.perf_counter() - start)
    except PluginError as exc:
        return CaseResult(case, problems=(Problem(str(exc), case.file, case.line, rule="plugin"),),
                          seconds=time.perf_counter() - start)
    mismatches: list[Mismatch] = []
    for sub in case.submissions:
        if sub.expect is None:
            continue
        for sid in sub.ids():
            mismatches.extend(_compare(sub.expect, result.submission(sid), rs))
    return CaseResult(case, tuple(mismatches), (), result, time.perf_counter() - start)


def run_case_file(case_file: CaseFile, **kwargs: Any) -> list[CaseResult]:
    """Run every case of a file (keyword arguments as for :func:`run_case`; by default
    one plugin manager with the installed plugins serves every case)."""
    if "plugin_manager" not in kwargs and "plugins" not in kwargs and "load_entrypoints" not in kwargs:
        kwargs["plugin_manager"] = plugin_manager_for_cases()
    return [run_case(c, case_file.ruleset, **kwargs) for c in case_file.cases]


def plugin_manager_for_cases() -> Any:
    """A plugin manager with the installed plugins, to share across the cases of a run.

    :raises PluginError: when an installed plugin is broken.
    """
    from .plugins import get_plugin_manager

    return get_plugin_manager()


# --------------------------------------------------------------------------- comparing


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def _negative(r: Reason) -> bool:
    return r.passed is False or bool(r.missing)


def _told(r: Reason) -> bool:
    """A reason a `message` expectation is matched against: an eligibility rule that
    turned the entry down (not one it met: those messages state the requirement), a
    bonus or penalty given (not one withheld), and every other decision (selection,
    ties, judges, field verification)."""
    if r.kind == "eligibility":
        return r.passed is not True
    if r.kind == "adjustment":
        return r.passed is True or bool(r.missing)
    return True


def _screening(ruleset: Ruleset) -> set[str]:
    return {s.id for s in ruleset.stages if s.kind == "screening"}


def _eligible(sr: SubmissionResult) -> bool:
    return bool(sr.stages) and not any(o.status in ("ineligible", "withdrawn") for o in sr.stages)


def _rejected_by(sr: SubmissionResult, screening: set[str]) -> list[str]:
    out: list[str] = []
    for o in sr.stages:
        if o.stage in screening:
            for r in o.reasons:
                if r.kind == "eligibility" and _negative(r) and r.rule not in out:
                    out.append(r.rule)
    return sorted(out)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _texts(sr: SubmissionResult, lang: str) -> list[str]:
    out = []
    for o in sr.stages:
        for r in o.reasons:
            if _told(r):
                text = r.message.text(lang)
                if r.detail is not None:
                    text += " — " + r.detail.text(lang)
                out.append(_norm(text))
    return out


def _found(check: MessageCheck, sr: SubmissionResult) -> bool:
    ids, ens = _texts(sr, "id"), _texts(sr, "en")
    if check.either is not None:
        want = _norm(check.either)
        return any(want in t for t in ids + ens)
    ok = True
    if check.id is not None:
        ok = any(_norm(check.id) in t for t in ids)
    if check.en is not None:
        ok = ok and any(_norm(check.en) in t for t in ens)
    return ok


def _last(sr: SubmissionResult, attr: str) -> Any:
    for o in reversed(sr.stages):
        v = getattr(o, attr)
        if v is not None:
            return v
    return None


def _compare(e: Expectation, sr: SubmissionResult, ruleset: Ruleset) -> Iterator[Mismatch]:
    sid = sr.id

    def diff(what: str, expected: Any, actual: Any) -> Iterator[Mismatch]:
        if expected != actual:
            yield Mismatch(sid, what, _show(expected), _show(actual))

    if e.eligible is not None:
        yield from diff("eligible", e.eligible, _eligible(sr))
    if e.rejected_by is not None:
        yield from diff("rejected_by", sorted(e.rejected_by), _rejected_by(sr, _screening(ruleset)))
    for check in e.messages:
        if not _found(check, sr):
            shown = "; ".join(dict.fromkeys(
                r.message.both() for o in sr.stages for r in o.reasons if _told(r))) or "—"
            yield Mismatch(sid, "message", check.show(), shown)
    if e.reaches is not None:
        yield from diff("reaches", e.reaches, sr.reached)
    for stage_id in e.advances:
        if stage_id not in sr.passed:
            o = sr.stage(stage_id)
            yield Mismatch(sid, f"advances {stage_id}", "advanced",
                           o.status if o is not None else "not reached / tidak sampai")
    for what, expected, last, attr in (
        ("status", e.status, sr.status, "status"),
        ("rank", e.rank, _last(sr, "rank"), "rank"),
        ("score", e.score, _last(sr, "score"), "score"),
    ):
        if expected is None:
            continue
        if isinstance(expected, Mapping):
            for stage_id, want in expected.items():
                o = sr.stage(stage_id)
                yield from diff(f"{what} {stage_id}", want, getattr(o, attr) if o is not None else None)
        else:
            yield from diff(what, expected, last)
    if e.adjustments is not None:
        got = sorted({a.id for o in sr.stages for a in o.adjustments})
        yield from diff("adjustments", sorted(e.adjustments), got)
    if e.awards is not None:
        yield from diff("award", sorted(e.awards), sorted({g.award for g in sr.awards}))


# --------------------------------------------------------------------------- reporting

_WORDS = {
    "expected": N_("expected"),
    "actual": N_("actual"),
    "engine": N_("what the engine decided"),
    "awards": N_("awards"),
    "none": N_("none"),
    "score": N_("score"),
    "rank": N_("rank"),
    "error": N_("the case could not run"),
}


_STATUS = {
    "advanced": N_("advanced"),
    "not_advanced": N_("not advanced"),
    "ineligible": N_("ineligible"),
    "dropped": N_("dropped"),
    "withdrawn": N_("withdrawn"),
}


def _w(key: str, lang: str) -> str:
    return Formatter(lang).t(_WORDS[key])


def _story(sr: SubmissionResult, result: Result, lang: str) -> list[str]:
    names = dict(result.stages)
    lines = []
    for o in sr.stages:
        status = Formatter(lang).t(_STATUS[o.status]) if o.status in _STATUS else o.status
        head = f"{o.stage} ({names.get(o.stage, Label(o.stage)).text(lang)}): {status}"
        if o.score is not None:
            head += f", {_w('score', lang)} {Formatter(lang).number(o.score)}"
        if o.rank is not None:
            head += f", {_w('rank', lang)} {o.rank}"
        lines.append(head)
        for r in o.reasons:
            if _negative(r) or r.kind in ("adjustment", "selection") or r.rule == "verdict":
                mark = {True: "✓", False: "✗", None: "•"}[r.passed]
                text = f"  {mark} {r.rule}: {r.message.text(lang)}"
                if r.detail is not None:
                    text += f" — {r.detail.text(lang)}"
                lines.append(text)
    awards = ", ".join(f"{g.award}" + (f" (#{g.rank})" if g.rank is not None else "") for g in sr.awards)
    lines.append(f"{_w('awards', lang)}: {awards or _w('none', lang)}")
    return lines


def format_case_result(cr: CaseResult, lang: str = "id") -> str:
    """A failed case as text: each expectation not met (expected and actual), then
    what the engine decided for that submission, with its reasons in ``lang``. For an
    error, the located problems. Empty for a case that passed."""
    if cr.problems:
        return "\n".join([f"{_w('error', lang)}:"] + [f"  {p.format()}" for p in cr.problems])
    if not cr.mismatches:
        return ""
    lines: list[str] = []
    by_sub: dict[str, list[Mismatch]] = {}
    for mm in cr.mismatches:
        by_sub.setdefault(mm.submission, []).append(mm)
    width = max(len(mm.what) for mm in cr.mismatches)
    exp, act = _w("expected", lang), _w("actual", lang)
    lw = max(len(exp), len(act)) + 1
    fmt = Formatter(lang)
    for sid, mms in by_sub.items():
        lines.append(f"{sid}:")
        for mm in mms:
            lines.append(f"  {mm.what:<{width}}  {exp + ':':<{lw}} {fmt.value(mm.expected)}")
            lines.append(f"  {'':<{width}}  {act + ':':<{lw}} {fmt.value(mm.actual)}")
        if cr.result is not None:
            lines.append(f"  {_w('engine', lang)}:")
            lines.extend(f"    {t}" for t in _story(cr.result.submission(sid), cr.result, lang))
    return "\n".join(lines)


# --------------------------------------------------------------------------- coverage

#: Kinds of coverage item, in report order.
COVERAGE_KINDS = ("eligibility", "adjustment", "selection", "verification", "award")


@attrs.frozen
class CoverageItem:
    """One rule of a ruleset and the cases that saw it admit and reject an entry.

    ``kind`` is ``eligibility`` (id: the rule), ``adjustment`` (``stage/adjustment``),
    ``selection`` (a stage's ``advance``: chosen or not), ``verification`` (a stage's
    verdict: confirmed or dropped) or ``award`` (given, or not given to an entry that
    reached the award's stage).
    """

    kind: str
    id: str
    name: Label | None = None
    admitted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()

    @property
    def covered(self) -> bool:
        """True when some case saw it admit and some case saw it reject."""
        return bool(self.admitted) and bool(self.rejected)


@attrs.frozen
class Coverage:
    """Which rules of a ruleset the cases exercised, in each direction."""

    ruleset: str
    items: tuple[CoverageItem, ...]

    @property
    def total(self) -> int:
        """Directions to cover: two per item (admit and reject)."""
        return 2 * len(self.items)

    @property
    def hit(self) -> int:
        """Directions some case exercised."""
        return sum(bool(i.admitted) + bool(i.rejected) for i in self.items)

    @property
    def percent(self) -> Decimal:
        """``hit / total`` as a percentage, rounded down to one decimal (100 when
        the ruleset has nothing to cover)."""
        if not self.total:
            return Decimal(100)
        return (Decimal(100) * self.hit / self.total).quantize(Decimal("0.1"), ROUND_DOWN)

    @property
    def uncovered(self) -> tuple[CoverageItem, ...]:
        """The items missing a direction."""
        return tuple(i for i in self.items if not i.covered)


def measure_coverage(ruleset: Ruleset, results: Iterable[CaseResult]) -> Coverage:
    """For each rule of ``ruleset``, the cases (by name) that saw it admit and reject."""
    keys: list[tuple[str, str, Label | None]] = []
    for e in ruleset.eligibility:
        keys.append(("eligibility", e.id, e.name))
    for s in ruleset.stages:
        for a in s.adjustments:
            keys.append(("adjustment", f"{s.id}/{a.id}", a.message))
    for s in ruleset.stages:
        if s.kind in _SCORED and s.advance is not None:
            keys.append(("selection", s.id, s.name))
        elif s.kind == "verification":
            keys.append(("verification", s.id, s.name))
    for aw in ruleset.awards:
        keys.append(("award", aw.id, aw.name))
    seen: dict[tuple[str, str], tuple[list[str], list[str]]] = {(k, i): ([], []) for k, i, _ in keys}

    def note(kind: str, item: str, passed: bool | None, case: str) -> None:
        slot = seen.get((kind, item))
        if slot is None or passed is None:
            return
        target = slot[0] if passed else slot[1]
        if case not in target:
            target.append(case)

    screening = _screening(ruleset)
    kinds = {s.id: s.kind for s in ruleset.stages}
    for cr in results:
        if cr.result is None:
            continue
        name = cr.case.name.id
        for sr in cr.result.submissions:
            got = {g.award for g in sr.awards}
            for aw in ruleset.awards:
                if sr.stage(aw.stage) is not None:
                    note("award", aw.id, aw.id in got, name)
            for o in sr.stages:
                for r in o.reasons:
                    if r.kind == "eligibility" and o.stage in screening:
                        note("eligibility", r.rule, r.passed, name)
                    elif r.kind == "adjustment" and r.plugin is None:
                        note("adjustment", f"{o.stage}/{r.rule}", r.passed, name)
                    elif r.rule == "advance" and r.kind == "selection":
                        note("selection", o.stage, r.passed, name)
                    elif r.rule == "verdict" and kinds.get(o.stage) == "verification":
                        note("verification", o.stage, r.passed, name)
    items = tuple(
        CoverageItem(k, i, label, tuple(seen[(k, i)][0]), tuple(seen[(k, i)][1])) for k, i, label in keys
    )
    return Coverage(ruleset.id, items)


_KIND_WORDS = {
    "eligibility": N_("eligibility"),
    "adjustment": N_("adjustment"),
    "selection": N_("selection"),
    "verification": N_("verification"),
    "award": N_("award"),
}


def format_coverage(cov: Coverage, lang: str = "id", *, all_items: bool = False) -> str:
    """The coverage of one ruleset as text: a summary line, then each item missing a
    direction (every item with ``all_items``), marked ✓/✗ for admitted and rejected."""
    fmt = Formatter(lang)
    head = f"{cov.ruleset}: " + fmt.t(
        "{hit}/{total} rule directions covered ({percent})",
        hit=fmt.number(cov.hit),
        total=fmt.number(cov.total),
        percent=fmt.percent(cov.percent),
    )
    lines = [head]
    shown = cov.items if all_items else cov.uncovered
    if shown:
        width = max(len(i.id) for i in shown)
        kinds = {i.kind: fmt.t(_KIND_WORDS[i.kind]) for i in shown}
        kw = max(len(k) for k in kinds.values())
        for i in shown:
            adm = fmt.t("admitted") + (" ✓" if i.admitted else " ✗")
            rej = fmt.t("rejected") + (" ✓" if i.rejected else " ✗")
            lines.append(f"  {kinds[i.kind]:<{kw}}  {i.id:<{width}}  {adm}  {rej}")
    return "\n".join(lines)
